/**
 * The inbox against its port alone: a plain JetStream stream on a real nats-server, no node and no
 * client. What the inbox asks of the rest of the SDK goes through `InboxPort`, and only there.
 */
import { connect as natsConnect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/transport-node';
import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { Consumer, JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import { LienthongError, encodeEnvelope } from '@lienthong/core';
import { BusinessStatus, Priority } from '@lienthong/proto';
import type { IEnvelope } from '@lienthong/proto';
import { startNatsServer, within } from '@lienthong/testkit';
import type { NatsServer } from '@lienthong/testkit';
import { DurableInbox } from '../src/inbox';
import type { Arrival, ConsumerSettings, InboxPort } from '../src/inbox-port';
import type { InboxItem, UnreadableItem } from '../src/inbox-types';
import type { ItemSignature, ReportOptions } from '../src/types';
import { A, docId, documentOf, recallOf } from './world';

const STREAM = 'PORT_TEST';
const TRACEPARENT = '00-0123456789abcdef0123456789abcdef-0123456789abcdef-01';

let server: NatsServer;
let nc: NatsConnection;
let js: JetStreamClient;
let jsm: JetStreamManager;
let durables = 0;

beforeAll(async () => {
  server = await startNatsServer();
  nc = await natsConnect({ servers: server.url });
  js = jetstream(nc);
  jsm = await jetstreamManager(nc);
  await jsm.streams.add({ name: STREAM, subjects: ['port.>'] });
}, 20_000);

afterAll(async () => {
  await nc?.close();
  await server?.cleanup();
});

/** A port that records what the inbox asked of it; its consumer reads `port.<n>.>` of the stream. */
class RecordingPort implements InboxPort {
  readonly agency = A.noivu;
  readonly defaultTimeoutMs = 5_000;
  readonly subjects: string;
  readonly arrivals: { arrival: Arrival; opts: unknown }[] = [];
  /** Arrivals to refuse (after recording them), as a broker that does not answer would. */
  failArrivals = 0;
  readonly reports: { documentId: string; code: BusinessStatus; opts: ReportOptions }[] = [];
  readonly settings: ConsumerSettings[] = [];
  /** Stream sequences of documents, as the inbox asks for them (a recall waits for its document). */
  readonly documents = new Map<string, number>();
  consumerFailures = 0;
  verifyFails = false;
  private readonly durable: string;

  constructor() {
    durables += 1;
    this.subjects = `port.${durables}`;
    this.durable = `port-${durables}`;
  }

  async consumer(settings: ConsumerSettings): Promise<Consumer> {
    this.settings.push(settings);
    if (this.consumerFailures > 0) {
      this.consumerFailures -= 1;
      throw new LienthongError('Unavailable', 'the broker is not reachable (test)');
    }
    await jsm.consumers.add(STREAM, {
      durable_name: this.durable,
      filter_subject: `${this.subjects}.>`,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      ack_wait: settings.ackWaitMs * 1_000_000,
      max_ack_pending: settings.maxAckPending,
    });
    return js.consumers.get(STREAM, this.durable);
  }

  async documentSequence(documentId: string): Promise<number | undefined> {
    return this.documents.get(documentId);
  }

  async verify(): Promise<ItemSignature> {
    if (this.verifyFails) throw new Error('directory unreachable');
    return { state: 'unsigned' };
  }

  attachments(): [] {
    return [];
  }

  async arrived(arrival: Arrival, opts: unknown): Promise<void> {
    this.arrivals.push({ arrival, opts });
    if (this.failArrivals > 0) {
      this.failArrivals--;
      throw new LienthongError('Unavailable', 'ack: the broker is not reachable');
    }
  }

  async report(documentId: string, code: BusinessStatus, opts: ReportOptions): Promise<void> {
    this.reports.push({ documentId, code, opts });
  }

  /** Puts bytes in this port's part of the stream as they are; returns their sequence. */
  async putRaw(data: Uint8Array, name: string): Promise<number> {
    return (await js.publish(`${this.subjects}.${name}`, data)).seq;
  }

  /** Puts an envelope in this port's part of the stream; returns its sequence. */
  async put(env: IEnvelope, name: string): Promise<number> {
    const ack = await js.publish(`${this.subjects}.${name}`, encodeEnvelope(env));
    return ack.seq;
  }

  async ackPending(): Promise<number> {
    return (await jsm.consumers.info(STREAM, this.durable)).num_ack_pending;
  }
}

async function next(it: AsyncIterator<InboxItem>, what: string): Promise<InboxItem> {
  const r = await within(10_000, what, it.next());
  if (r.done) throw new Error(`the inbox ended before ${what}`);
  return r.value;
}

describe('inbox through its port', () => {
  it('ack() reports the arrival with its delivery time, priority and document, then settles the message', async () => {
    const port = new RecordingPort();
    const id = docId(A.sontay, 'PORT');
    const env = documentOf(id, A.sontay, A.noivu);
    await port.put(
      {
        ...env,
        priority: Priority.PRIORITY_URGENT,
        document: { ...env.document, priority: Priority.PRIORITY_URGENT },
      },
      'a',
    );
    const inbox = new DurableInbox(port, { maxInFlight: 4, redeliverAfterMs: 2_000 });
    const it = inbox[Symbol.asyncIterator]();
    const item = await next(it, 'the document');
    expect(port.settings).toEqual([{ maxAckPending: 4 * 2 + 16 + 16, ackWaitMs: 2_000 }]);
    expect(item).toMatchObject({
      kind: 'document',
      documentId: id,
      sender: A.sontay,
      signature: { state: 'unsigned' },
    });

    // Taken a while after it reached the inbox: the 01 says when it was taken. The first ack fails
    // (the broker did not answer); the retry reports the same 01, at the same time.
    await new Promise((r) => setTimeout(r, 50));
    const before = Date.now();
    port.failArrivals = 1;
    await expect(item.ack({ traceparent: TRACEPARENT })).rejects.toMatchObject({ code: 'Unavailable' });
    await new Promise((r) => setTimeout(r, 20));
    await item.ack({ traceparent: TRACEPARENT });
    expect(port.arrivals).toHaveLength(2);
    expect(port.arrivals[1]!.arrival.atMs).toBe(port.arrivals[0]!.arrival.atMs);
    port.arrivals.shift();
    const [{ arrival, opts }] = port.arrivals as [{ arrival: Arrival; opts: unknown }];
    expect(arrival).toMatchObject({ documentId: id, sender: A.sontay, priority: Priority.PRIORITY_URGENT });
    expect(arrival.atMs).toBeGreaterThanOrEqual(before);
    expect(arrival.atMs).toBeGreaterThanOrEqual(item.deliveredAtMs + 50);
    expect(arrival.atMs).toBeLessThanOrEqual(Date.now());
    expect(arrival.document?.documentId).toBe(id);
    expect(opts).toMatchObject({ traceparent: TRACEPARENT });
    expect(await port.ackPending()).toBe(0);
    await item.ack(); // a second ack is a no-op: one arrival reported
    expect(port.arrivals).toHaveLength(1);

    await item.report(BusinessStatus.BUSINESS_STATUS_ACCEPTED, { description: 'Đã nhận' });
    expect(port.reports).toEqual([
      {
        documentId: id,
        code: BusinessStatus.BUSINESS_STATUS_ACCEPTED,
        opts: {
          traceparent: undefined,
          priority: Priority.PRIORITY_URGENT,
          description: 'Đã nhận',
          sender: A.sontay,
        },
      },
    ]);
    await inbox.stop();
  });

  it('a recall is handed out once the port says its document reached the inbox, after the document', async () => {
    const port = new RecordingPort();
    const id = docId(A.sontay, 'PORT-RECALL');
    await port.put(recallOf(id, A.sontay, A.noivu), 'recall');
    const inbox = new DurableInbox(port, { maxInFlight: 4 });
    const it = inbox[Symbol.asyncIterator]();
    const first = it.next();
    // The port does not know the document yet: the recall stays in the reader's hands, unsettled.
    await within(
      5_000,
      'the recall received',
      (async () => {
        while ((await port.ackPending()) !== 1) await new Promise((r) => setTimeout(r, 20));
      })(),
    );
    port.documents.set(id, await port.put(documentOf(id, A.sontay, A.noivu), 'document'));
    const document = (await within(10_000, 'the document', first)).value as InboxItem;
    await document.ack();
    const recall = await next(it, 'the recall');
    expect([document.kind, recall.kind]).toEqual(['document', 'recall']);
    expect(recall.concerns).toEqual([id]);
    await recall.ack(); // a recall's ack reports no arrival
    expect(port.arrivals.map((a) => a.arrival.documentId)).toEqual([id]);
    await inbox.stop();
  });

  it('a copy of a held item under another sequence (a moved item) is not handed out again', async () => {
    const port = new RecordingPort();
    const id = docId(A.sontay, 'PORT-COPY');
    const env = documentOf(id, A.sontay, A.noivu);
    // The item key is the subject's last token: the same in the old and the new home node's inbox.
    await port.put(env, 'k1');
    const inbox = new DurableInbox(port, { maxInFlight: 4 });
    const it = inbox[Symbol.asyncIterator]();
    const item = await next(it, 'the document');
    const pendingWith = async (n: number, what: string): Promise<void> =>
      within(
        5_000,
        what,
        (async () => {
          while ((await port.ackPending()) !== n) await new Promise((r) => setTimeout(r, 20));
        })(),
      );

    await port.put(env, 'k1'); // its copy, while the reader holds it
    await pendingWith(2, 'the copy received');
    const following = next(it, 'the next item, not the copy');
    const otherId = docId(A.sontay, 'PORT-OTHER');
    await port.put(documentOf(otherId, A.sontay, A.noivu), 'k2');
    const other = await following;
    expect(other.documentId).toBe(otherId);

    // Acknowledged through the copy (in a move, the old message's consumer is gone).
    await item.ack();
    await other.ack();
    await pendingWith(1, 'the copy acknowledged');
    // A copy of an item already acknowledged is acknowledged at once, never handed out.
    await port.put(env, 'k1');
    await new Promise((r) => setTimeout(r, 300));
    expect(await port.ackPending()).toBe(1);
    expect(port.arrivals.map((a) => a.arrival.documentId)).toEqual([id, other.documentId]);
    await inbox.stop();
  });

  it('an item this SDK cannot read stays in the inbox, is told once and offered again, and the items behind it come', async () => {
    const port = new RecordingPort();
    const told: UnreadableItem[] = [];
    // A newer schema's envelope (this SDK speaks 1), and bytes that are no protobuf at all.
    const newer = { ...documentOf(docId(A.sontay, 'PORT-NEWER'), A.sontay, A.noivu), schemaVersion: 2 };
    const newerSeq = await port.put(newer, 'newer');
    const junkSeq = await port.putRaw(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0x0f]), 'junk');
    const id = docId(A.sontay, 'PORT-AFTER');
    await port.put(documentOf(id, A.sontay, A.noivu), 'after');
    const inbox = new DurableInbox(port, {
      maxInFlight: 4,
      unreadableRetryMs: 400,
      onUnreadable: (u) => told.push(u),
    });
    const it = inbox[Symbol.asyncIterator]();
    const item = await next(it, 'the readable item behind the unreadable ones');
    expect(item.documentId).toBe(id);
    await item.ack();
    // Offered again after 400 ms (twice at least in 1.5 s), yet told once each.
    await new Promise((r) => setTimeout(r, 1_500));
    expect(told.map((u) => u.sequence).sort()).toEqual([newerSeq, junkSeq].sort());
    expect(told.find((u) => u.sequence === newerSeq)).toMatchObject({
      agency: A.noivu,
      subject: `${port.subjects}.newer`,
      deliveryCount: 1,
    });
    expect(told.find((u) => u.sequence === newerSeq)!.reason).toMatch(/schemaVersion: 2 is not supported/);
    expect(told.find((u) => u.sequence === junkSeq)!.reason).toMatch(/not a protobuf/);
    const info = await jsm.consumers.info(STREAM, `port-${port.subjects.split('.')[1]}`);
    expect(info.num_ack_pending).toBe(2); // neither acknowledged nor terminated: still to be read
    expect(info.delivered.consumer_seq).toBeGreaterThanOrEqual(5); // 3 first deliveries, then again
    await inbox.stop();

    // The next reader (an upgraded one, say) is offered both again; nothing was dropped.
    const later: UnreadableItem[] = [];
    const again = new DurableInbox(port, { unreadableRetryMs: 400, onUnreadable: (u) => later.push(u) });
    const ended = again[Symbol.asyncIterator]().next();
    await within(
      5_000,
      'both offered to the next reader',
      (async () => {
        while (later.length < 2) await new Promise((r) => setTimeout(r, 20));
      })(),
    );
    expect(later.every((u) => u.deliveryCount > 1)).toBe(true);
    await again.stop();
    await ended;
  });

  it('without a listener, an unreadable item is a process warning naming the agency, once', async () => {
    const port = new RecordingPort();
    const seq = await port.putRaw(new Uint8Array([0x0a, 0xff]), 'junk');
    const warn = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    let calls: unknown[][] = [];
    try {
      const inbox = new DurableInbox(port, { unreadableRetryMs: 200 });
      const ended = inbox[Symbol.asyncIterator]().next();
      await new Promise((r) => setTimeout(r, 1_000));
      await inbox.stop();
      await ended;
    } finally {
      calls = [...warn.mock.calls];
      warn.mockRestore();
    }
    const warnings = calls.filter(
      ([, o]) => (o as { code?: string } | undefined)?.code === 'LIENTHONG_UNREADABLE_ITEM',
    );
    expect(warnings).toHaveLength(1);
    expect(String(warnings[0]![0])).toContain(`inbox of ${A.noivu}: item ${seq}`);
    expect(String(warnings[0]![0])).toContain('upgrade the SDK');
  });

  it('keys that cannot be read make the item unverifiable, not the inbox fail', async () => {
    const port = new RecordingPort();
    port.verifyFails = true;
    await port.put(documentOf(docId(A.sontay, 'PORT-KEYS'), A.sontay, A.noivu), 'a');
    const inbox = new DurableInbox(port);
    const item = await next(inbox[Symbol.asyncIterator](), 'the document');
    expect(item.signature).toEqual({
      state: 'unverifiable',
      detail: 'keys not readable: Error: directory unreachable',
    });
    await item.ack();
    await inbox.stop();
  });

  it('opening the consumer is retried while the broker is unreachable, and stop() ends the retries', async () => {
    const port = new RecordingPort();
    port.consumerFailures = 2;
    const id = docId(A.sontay, 'PORT-RETRY');
    await port.put(documentOf(id, A.sontay, A.noivu), 'a');
    const inbox = new DurableInbox(port);
    const item = await next(inbox[Symbol.asyncIterator](), 'the document after two failures');
    expect(item.documentId).toBe(id);
    expect(port.settings).toHaveLength(3);
    await item.ack();
    await inbox.stop();

    const never = new RecordingPort();
    never.consumerFailures = Number.POSITIVE_INFINITY;
    const stopped = new DurableInbox(never);
    const ended = stopped[Symbol.asyncIterator]().next();
    await within(
      5_000,
      'a few attempts',
      (async () => {
        while (never.settings.length < 3) await new Promise((r) => setTimeout(r, 20));
      })(),
    );
    const started = Date.now();
    await stopped.stop();
    expect(await within(1_000, 'the iteration to end', ended)).toEqual({ done: true, value: undefined });
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
