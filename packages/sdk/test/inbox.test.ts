/**
 * inbox(): a durable consumer, so nothing is missed while offline; `ack()` reports 01; at most
 * `maxInFlight` items out at once; a recall never handed out before its document.
 */
import { BusinessStatus, TransportState } from '@lienthong/sdk';
import type { InboxItem } from '@lienthong/sdk';
import { A, World, deliver, docId, documentOf, documentTo, recallOf, sleep, waitFor, within } from './world';

describe('inbox', () => {
  const w = new World();
  beforeAll(() => w.start(), 20_000);
  afterEach(() => w.cleanupClients());
  afterAll(() => w.cleanup());

  it('a reader that was offline while 500 documents arrived gets every one exactly once', async () => {
    const sender = await w.client(A.quynhluu);
    // The recipient has read its inbox before (its durable consumer exists), then went offline.
    const before = await w.client(A.taichinh);
    const first = before.inbox();
    await first.stop();
    await before.close();

    const ids = Array.from({ length: 500 }, () => docId(A.quynhluu, 'BULK'));
    for (let i = 0; i < ids.length; i += 50) {
      await Promise.all(ids.slice(i, i + 50).map((id) => sender.send(documentTo(id, [A.taichinh]))));
    }
    await waitFor(
      'all 500 delivered while the reader is offline',
      async () => {
        const sent = await sender.sent();
        const delivered = sent.filter(
          (d) => d.recipients[0]?.transport === TransportState.TRANSPORT_STATE_DELIVERED,
        );
        return delivered.length === 500;
      },
      30_000,
    );

    const reader = w.reader(await w.client(A.taichinh), { maxInFlight: 64 });
    await reader.waitFor(500, 'document', 30_000);
    // One message per item in the inbox, none undelivered or unacknowledged: nothing more can come.
    expect(await w.inboxSettled(A.taichinh)).toEqual({
      messages: 500,
      subjects: 500,
      pending: 0,
      ackPending: 0,
    });
    const counts = reader.counts();
    expect(counts.size).toBe(500);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    expect(new Set(counts.keys())).toEqual(new Set(ids));

    // And the sender sees all 500 confirmed: 01 arrived, transport FETCHED.
    await waitFor(
      'all 500 confirmed to the sender',
      async () => (await sender.sent({ status: BusinessStatus.BUSINESS_STATUS_ARRIVED })).length === 500,
      20_000,
    );
    const sent = await sender.sent();
    expect(sent.every((d) => d.recipients[0]!.transport === TransportState.TRANSPORT_STATE_FETCHED)).toBe(
      true,
    );
  }, 60_000);

  it('01 comes from ack(): before it the sender sees DELIVERED, after it 01 and FETCHED', async () => {
    const sender = await w.client(A.baothanh);
    const recipient = await w.client(A.congthanh);
    const id = docId(A.baothanh, 'ACK');
    const tracker = await w.track(sender, id);
    await sender.send(documentTo(id, [A.congthanh]));

    const inbox = recipient.inbox();
    const it = inbox[Symbol.asyncIterator]();
    const { value: item } = (await within(
      10_000,
      'the document in the inbox',
      it.next(),
    )) as IteratorResult<InboxItem>;
    expect(item.documentId).toBe(id);
    await tracker.until((rs) => rs[0]?.transport === TransportState.TRANSPORT_STATE_DELIVERED, {
      timeoutMs: 10_000,
    });
    await sleep(200);
    expect(tracker.records[0]!.business).toBe(BusinessStatus.BUSINESS_STATUS_UNSPECIFIED);

    await item.ack();
    const [record] = await tracker.until(
      (rs) =>
        rs[0]?.business === BusinessStatus.BUSINESS_STATUS_ARRIVED &&
        rs[0].transport === TransportState.TRANSPORT_STATE_FETCHED,
      { timeoutMs: 10_000 },
    );
    expect(record!.timeline.map((e) => e.transport || e.business)).toEqual([
      TransportState.TRANSPORT_STATE_ACCEPTED,
      TransportState.TRANSPORT_STATE_DELIVERED,
      BusinessStatus.BUSINESS_STATUS_ARRIVED,
    ]);
    await inbox.stop();
  });

  it('hands out at most maxInFlight items until one is settled', async () => {
    const sender = await w.client(A.nghean);
    const recipient = await w.client(A.yenthanh);
    const ids = Array.from({ length: 5 }, () => docId(A.nghean, 'BOUND'));
    for (const id of ids) await sender.send(documentTo(id, [A.yenthanh]));

    const inbox = recipient.inbox({ maxInFlight: 2 });
    const it = inbox[Symbol.asyncIterator]();
    const a = (await within(10_000, 'first item', it.next())).value as InboxItem;
    const b = (await within(10_000, 'second item', it.next())).value as InboxItem;
    expect(inbox.inFlight).toBe(2);
    const third = it.next();
    const early = await Promise.race([third.then(() => 'handed out'), sleep(700).then(() => 'held back')]);
    expect(early).toBe('held back');
    await a.ack();
    const c = (await within(5_000, 'third item after an ack', third)).value as InboxItem;
    expect(inbox.inFlight).toBe(2);
    b.nak(); // a nak settles too: b comes back after the items behind it
    const d = (await within(5_000, 'fourth item after a nak', it.next())).value as InboxItem;
    expect([a, b, c, d].map((i) => i.documentId)).toEqual(ids.slice(0, 4));
    await c.ack();
    await d.ack();
    const e = (await within(5_000, 'fifth item', it.next())).value as InboxItem;
    const again = (await within(5_000, 'the nak-ed item again', it.next())).value as InboxItem;
    expect([e.documentId, again.documentId]).toEqual([ids[4], ids[1]]);
    expect(again.deliveryCount).toBe(2);
    await e.ack();
    await again.ack();
    await inbox.stop();
  });

  it('a worker processing items concurrently never holds more than maxInFlight', async () => {
    const sender = await w.client(A.hatinh);
    const recipient = await w.client(A.huongson);
    const ids = Array.from({ length: 40 }, () => docId(A.hatinh, 'CONC'));
    await Promise.all(ids.map((id) => sender.send(documentTo(id, [A.huongson]))));

    const inbox = recipient.inbox({ maxInFlight: 4 });
    let running = 0;
    let peak = 0;
    const done = new Set<string>();
    const work: Promise<void>[] = [];
    await within(
      20_000,
      'processing 40 documents',
      (async () => {
        for await (const item of inbox) {
          work.push(
            (async () => {
              running++;
              peak = Math.max(peak, running);
              await sleep(20);
              running--;
              done.add(item.documentId);
              await item.ack();
            })(),
          );
          if (done.size + running >= ids.length) break;
        }
        await Promise.all(work);
      })(),
    );
    expect(done.size).toBe(40);
    expect(peak).toBeLessThanOrEqual(4);
    expect(peak).toBeGreaterThan(1);
  });

  it('a recall that overtook its document is held until the document was handed out', async () => {
    const recipient = await w.client(A.quynhthach);
    const reader = w.reader(recipient, { maxInFlight: 8 });
    const ids = Array.from({ length: 5 }, () => docId(A.sontay, 'OVERTAKE'));
    // Put each recall in the inbox before its document, as a node would if the recall overtook it.
    for (const id of ids) await deliver(w, A.quynhthach, recallOf(id, A.sontay, A.quynhthach));
    // The reader holds all five recalls (delivered to it, unacknowledged), and hands out none of them.
    await waitFor('the recalls delivered to the reader', async () => {
      const state = await w.inboxState(A.quynhthach);
      return state.messages === 5 && state.pending === 0 && state.ackPending === 5;
    });
    await sleep(600);
    expect(reader.items).toHaveLength(0);
    for (const id of ids) await deliver(w, A.quynhthach, documentOf(id, A.sontay, A.quynhthach));
    await reader.waitFor(5, 'recall', 10_000);
    for (const id of ids) {
      const kinds = reader.items.filter((i) => i.documentId === id).map((i) => i.kind);
      expect({ id, kinds }).toEqual({ id, kinds: ['document', 'recall'] });
    }
    const recall = reader.of('recall')[0]!;
    expect(recall).toMatchObject({ sender: A.sontay, concerns: [recall.documentId] });
    expect(recall.status?.description).toBe('Ban hành nhầm');
  });

  it('a recall whose document never comes is handed out after holdRecallMs', async () => {
    const recipient = await w.client(A.quynhvan);
    const inbox = recipient.inbox({ holdRecallMs: 800 });
    const id = docId(A.sontay, 'ORPHAN');
    await deliver(w, A.quynhvan, recallOf(id, A.sontay, A.quynhvan));
    const started = Date.now();
    const it = inbox[Symbol.asyncIterator]();
    const { value: item } = (await within(
      5_000,
      'the orphan recall',
      it.next(),
    )) as IteratorResult<InboxItem>;
    expect(item).toMatchObject({ kind: 'recall', documentId: id });
    expect(Date.now() - started).toBeGreaterThanOrEqual(500);
    await item.ack();
    await inbox.stop();
  });

  it('end to end: recalls of delivered documents come after them, with their reason', async () => {
    const sender = await w.client(A.sontay);
    const reader = w.reader(await w.client(A.noivu), { maxInFlight: 4 });
    const ids = Array.from({ length: 10 }, () => docId(A.sontay, 'RECALL'));
    await Promise.all(ids.map((id) => sender.send(documentTo(id, [A.noivu]))));
    await waitFor('all delivered', async () =>
      (await Promise.all(ids.map((id) => sender.snapshot(id)))).every(
        (rs) => rs[0]?.transport === TransportState.TRANSPORT_STATE_FETCHED,
      ),
    );
    await Promise.all(ids.map((id) => sender.recall(id, { reason: 'Ban hành nhầm' })));
    await reader.waitFor(10, 'recall', 15_000);
    for (const id of ids) {
      const kinds = reader.items.filter((i) => i.documentId === id).map((i) => i.kind);
      expect({ id, kinds }).toEqual({ id, kinds: ['document', 'recall'] });
    }
  });

  it('what a reader received but never handed out goes to the next reader after redeliverAfterMs, once', async () => {
    const sender = await w.client(A.government);
    const recipient = await w.client(A.hatinh);
    const ids = Array.from({ length: 6 }, () => docId(A.government, 'GIVEBACK'));
    for (const id of ids) await sender.send(documentTo(id, [A.hatinh]));
    await waitFor('6 in the inbox', async () => {
      const rs = await Promise.all(ids.map((id) => sender.snapshot(id)));
      return rs.every((r) => r[0]?.transport === TransportState.TRANSPORT_STATE_DELIVERED);
    });

    const first = recipient.inbox({ maxInFlight: 8, redeliverAfterMs: 1_000 });
    for await (const item of first) {
      await item.ack();
      break; // the other five were received with it
    }
    const next = w.reader(recipient, { redeliverAfterMs: 1_000 });
    const items = await next.waitFor(5, 'document', 5_000);
    // The six items are in the inbox once each, and none is undelivered or unacknowledged: the five
    // the first reader gave back were handed out again once, and no second copy can come.
    expect(await w.inboxSettled(A.hatinh)).toEqual({ messages: 6, subjects: 6, pending: 0, ackPending: 0 });
    expect(next.items.map((i) => i.documentId).sort()).toEqual(ids.slice(1).sort());
    expect(items.every((i) => i.deliveryCount === 2)).toBe(true);
  });
});
