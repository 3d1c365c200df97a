/**
 * The received list remembers acknowledged items and documents (a repeated ack, or a 01 after the
 * ack, is answered without a second report) only up to its bound: a gateway running for months
 * must not keep every document it ever handed out.
 */
import { LienthongError } from '@lienthong/core';
import type { InboxItem, LienthongClient } from '@lienthong/sdk';
import { ReceivedQueue, assertOwnItem } from '../src/received-queue';

const AGENCY = '000.00.00.H41';
const SENDER = '000.00.00.G22';

/** A client whose inbox hands out `items` and then waits until stopped. */
function clientWith(items: InboxItem[]): LienthongClient {
  let stop: () => void = () => undefined;
  const stopped = new Promise<void>((r) => (stop = r));
  const inbox = {
    async *[Symbol.asyncIterator](): AsyncGenerator<InboxItem> {
      yield* items;
      await stopped;
    },
    stop: async () => stop(),
  };
  return { inbox: () => inbox } as unknown as LienthongClient;
}

function item(n: number): InboxItem {
  return {
    kind: 'document',
    documentId: `${SENDER},2026/12/02,${n}/VPCP`,
    sender: SENDER,
    deliveredAtMs: 1_764_633_600_000 + n,
    envelope: { envelopeId: `env${n}` },
    signature: { state: 'unsigned' },
  } as unknown as InboxItem;
}

describe('ReceivedQueue', () => {
  it('says what ended its inbox (its agency out of reach) instead of listing nothing for ever', async () => {
    const away = new LienthongError(
      'FailedPrecondition',
      `agency ${AGENCY} now has its home node h27 in JetStream domain h27: connect to that domain's servers`,
    );
    const inbox = {
      async *[Symbol.asyncIterator](): AsyncGenerator<InboxItem> {
        throw away;
      },
      stop: async () => undefined,
    };
    const queue = new ReceivedQueue({ inbox: () => inbox } as unknown as LienthongClient, AGENCY, 16);
    await expect(queue.settle()).rejects.toMatchObject({
      status: 409,
      code: 'FailedPrecondition',
      message: away.message,
    });
    expect(queue.ended).toBe(true);
    // An inbox that ends without an error (the client closed) is not that.
    const closed = new ReceivedQueue(clientWith([]), AGENCY, 16);
    await closed.stop();
    await expect(closed.settle()).resolves.toBeUndefined();
    expect(closed.ended).toBe(false);
  });

  it('remembers acknowledged items and documents up to its bound, newest kept', async () => {
    const queue = new ReceivedQueue(clientWith([1, 2, 3, 4].map(item)), AGENCY, 16, { keepAcked: 2 });
    await queue.settle();
    const ids = queue.items().map((i) => i.id);
    expect(ids).toHaveLength(4);
    for (const id of ids) queue.acked(id);

    expect(ids.map((id) => queue.wasAcked(id))).toEqual([false, false, true, true]);
    const doc = (n: number): boolean => queue.documentAcked(item(n).documentId, SENDER);
    expect([1, 2, 3, 4].map(doc)).toEqual([false, false, true, true]);
    expect(queue.items()).toHaveLength(0);
    await queue.stop();
  });
});

describe('ReceivedQueue.count', () => {
  it('counts what items() lists, of each message type, failed items hidden until their retry', async () => {
    const status = (n: number): InboxItem =>
      ({
        ...item(n),
        kind: 'status',
        envelope: { envelopeId: `env${n}`, status: { code: 1 } },
      }) as unknown as InboxItem;
    const items = [item(1), item(2), item(3), status(4), status(5)];
    const queue = new ReceivedQueue(clientWith(items), AGENCY, 16);
    await queue.settle();
    const listed = (t?: 'edoc' | 'status') =>
      queue.items().filter((i) => t === undefined || i.messageType === t).length;
    expect([queue.count(), queue.count('edoc'), queue.count('status')]).toEqual([5, 3, 2]);
    const [edoc, , , st] = queue.items();
    queue.failed(edoc!.id, queue.get(edoc!.id)!, 'busy', 60_000);
    queue.failed(st!.id, queue.get(st!.id)!, 'busy', 60_000);
    expect([queue.count(), queue.count('edoc'), queue.count('status')]).toEqual([3, 2, 1]);
    expect([listed(), listed('edoc'), listed('status')]).toEqual([3, 2, 1]);
    await queue.stop();
  });
});

describe('assertOwnItem', () => {
  it('takes every id the lists give, the numbered statuses of one tracking change too', () => {
    for (const id of [
      '000_00_00_H41.k3x9',
      '000_00_00_H41.s8',
      '000_00_00_H41.s8.1',
      '000_00_00_H41.s8.12',
    ]) {
      expect(() => assertOwnItem(AGENCY, id)).not.toThrow();
    }
  });

  it('refuses ids of another form or of another agency', () => {
    for (const id of ['000_00_00_H41', '000_00_00_H41.s8.x', '000_00_00_H41.a.b', '../etc', '']) {
      expect(() => assertOwnItem(AGENCY, id)).toThrow(/no item/);
    }
    expect(() => assertOwnItem(AGENCY, '000_00_00_G22.s8.1')).toThrow(/another agency/);
  });
});
