/**
 * A status the document sender's home node refuses comes back to the reporter: `report()` resolves
 * once the reporter's home node has custody, and `refusals()` is where the sender's node's verdict
 * arrives — a mistyped document id, a document not sent to the reporter, a status against the rules.
 * The sender's tracking is not changed by any of them.
 */
import { BusinessStatus, FailureReason, TransportState } from '@lienthong/sdk';
import type { InboxItem, Refusal, Refusals } from '@lienthong/sdk';
import { A, World, docId, documentTo, within } from './world';

const S = BusinessStatus;

/** The next refusal from `feed`, within 10 s. */
async function nextRefusal(it: AsyncIterator<Refusal>): Promise<Refusal> {
  const r = await within(10_000, 'a refusal', it.next());
  if (r.done) throw new Error('refusals ended');
  return r.value;
}

async function firstItem(it: AsyncIterator<InboxItem>, documentId: string): Promise<InboxItem> {
  for (;;) {
    const r = await within(10_000, `inbox item ${documentId}`, it.next());
    if (r.done) throw new Error('inbox ended');
    if (r.value.documentId === documentId) return r.value;
    await r.value.ack();
  }
}

describe('refusals of reported statuses reach the reporter', () => {
  const w = new World();
  const feeds: Refusals[] = [];
  beforeAll(() => w.start(), 20_000);
  afterEach(async () => {
    await Promise.all(feeds.splice(0).map((f) => f.stop()));
    await w.cleanupClients();
  });
  afterAll(() => w.cleanup());

  it('a mistyped document id: UNKNOWN_DOCUMENT, told to the reporter in another province', async () => {
    const reporter = await w.client(A.hatinh); // h27, the sender's home is h41-yenthanh-xa1
    const sender = await w.client(A.baothanh);
    const feed = await reporter.refusals();
    feeds.push(feed);
    const typo = docId(A.baothanh, 'NEVER-SENT');
    await reporter.report(typo, S.BUSINESS_STATUS_ACCEPTED, { sender: A.baothanh });
    const refusal = await nextRefusal(feed[Symbol.asyncIterator]());
    expect(refusal).toMatchObject({
      documentId: typo,
      kind: 'status',
      code: S.BUSINESS_STATUS_ACCEPTED,
      reason: FailureReason.FAILURE_REASON_UNKNOWN_DOCUMENT,
      reasonName: 'UNKNOWN_DOCUMENT',
      node: 'h41-yenthanh-xa1',
    });
    expect(refusal.detail).toContain(`${A.hatinh} reported 03 on ${typo}`);
    expect(refusal.record.transport).toBe(TransportState.TRANSPORT_STATE_FAILED);
    // As on every notice, the record's sender is the agency that submitted what was refused.
    expect(refusal.record.sender).toBe(A.hatinh);
    expect(await sender.snapshot(typo)).toEqual([]);
  });

  it('a document sent to others: NOT_A_RECIPIENT; the recipients’ records are unchanged', async () => {
    const sender = await w.client(A.baothanh);
    const recipient = await w.client(A.government);
    const outsider = await w.client(A.noivu);
    const id = docId(A.baothanh, 'OTHERS');
    const feed = await outsider.refusals();
    feeds.push(feed);
    const recipientFeed = await recipient.refusals();
    feeds.push(recipientFeed);
    await sender.send(documentTo(id, [A.government]));
    await outsider.report(id, S.BUSINESS_STATUS_COMPLETED);
    const refusal = await nextRefusal(feed[Symbol.asyncIterator]());
    expect(refusal).toMatchObject({
      documentId: id,
      kind: 'status',
      code: S.BUSINESS_STATUS_COMPLETED,
      reasonName: 'NOT_A_RECIPIENT',
    });
    expect(refusal.detail).toContain(`did not send it to ${A.noivu}`);
    // The real recipient's report goes through, and nothing refused is told to it.
    const item = await firstItem(recipient.inbox()[Symbol.asyncIterator](), id);
    await item.ack();
    const tracker = await w.track(sender, id);
    const [record] = await tracker.until((rs) => rs[0]?.business === S.BUSINESS_STATUS_ARRIVED, {
      timeoutMs: 10_000,
    });
    expect(record!.recipient).toBe(A.government);
    expect(record!.timeline.some((e) => e.business === S.BUSINESS_STATUS_COMPLETED)).toBe(false);
    const heard: Refusal[] = [];
    const it = recipientFeed[Symbol.asyncIterator]();
    await Promise.race([it.next().then((r) => r.done || heard.push(r.value)), sleepMs(500)]);
    expect(heard).toEqual([]);
  });

  it('against the rules (03 after 02, from a second client that did not see the 02): INVALID_STATUS', async () => {
    const sender = await w.client(A.nghean);
    const first = await w.client(A.sontay);
    const second = await w.client(A.sontay); // another process of the same agency, in effect
    const id = docId(A.nghean, 'RULES');
    const feed = await second.refusals();
    feeds.push(feed);
    const tracker = await w.track(sender, id);
    await sender.send(documentTo(id, [A.sontay]));
    const item = await firstItem(first.inbox()[Symbol.asyncIterator](), id);
    await item.ack();
    await item.report(S.BUSINESS_STATUS_REJECTED, { description: 'Không thuộc thẩm quyền' });
    await tracker.until((rs) => rs[0]?.business === S.BUSINESS_STATUS_REJECTED, { timeoutMs: 10_000 });
    await second.report(id, S.BUSINESS_STATUS_ACCEPTED);
    const refusal = await nextRefusal(feed[Symbol.asyncIterator]());
    expect(refusal).toMatchObject({
      documentId: id,
      code: S.BUSINESS_STATUS_ACCEPTED,
      reasonName: 'INVALID_STATUS',
    });
    expect(refusal.detail).toMatch(/after 02/);
    const [record] = await sender.snapshot(id);
    expect(record!.business).toBe(S.BUSINESS_STATUS_REJECTED);
    expect(record!.ruleViolations).toBe(1);
  });

  it('with since: a refusal from before the feed was opened, then live ones; a bad since is refused', async () => {
    const reporter = await w.client(A.hatinh);
    const t0 = Date.now();
    const early = docId(A.baothanh, 'EARLY');
    const probe = await reporter.refusals();
    await reporter.report(early, S.BUSINESS_STATUS_ACCEPTED, { sender: A.baothanh });
    expect((await nextRefusal(probe[Symbol.asyncIterator]())).documentId).toBe(early);
    await probe.stop();
    // Refused before this feed was opened: a feed from now does not have it.
    const late = await reporter.refusals();
    feeds.push(late);
    const mark = docId(A.baothanh, 'MARK');
    await reporter.report(mark, S.BUSINESS_STATUS_ACCEPTED, { sender: A.baothanh });
    expect((await nextRefusal(late[Symbol.asyncIterator]())).documentId).toBe(mark);
    // A feed from now on is at the present at once.
    await within(1_000, 'a feed from now caught up', late.caughtUp());
    const back = await reporter.refusals({ since: new Date(t0) });
    feeds.push(back);
    // The track subject holds more than these two notices (the records of every change): the feed
    // is caught up when the iteration has handed out both, and not before.
    const seen: string[] = [];
    let caughtWith: string[] | undefined;
    void back.caughtUp().then(() => (caughtWith = [...seen]));
    await sleepMs(300); // the read-back has arrived; nobody has iterated yet
    expect(caughtWith).toBeUndefined();
    const it = back[Symbol.asyncIterator]();
    seen.push((await nextRefusal(it)).documentId);
    seen.push((await nextRefusal(it)).documentId);
    expect(seen).toEqual([early, mark]);
    const after = docId(A.baothanh, 'AFTER');
    const third = it.next();
    await within(5_000, 'caught up', back.caughtUp());
    expect(caughtWith).toEqual([early, mark]);
    await reporter.report(after, S.BUSINESS_STATUS_ACCEPTED, { sender: A.baothanh });
    const r = await within(10_000, 'a refusal', third);
    expect(r.done ? undefined : r.value.documentId).toBe(after);
    await expect(reporter.refusals({ since: Number.NaN })).rejects.toMatchObject({ code: 'InvalidArgument' });
    await expect(reporter.refusals({ since: new Date('yesterday') })).rejects.toThrow(
      'refusals: since Invalid Date is not a time: pass a Date or Unix milliseconds',
    );
  });

  it('a feed stops: its iteration ends', async () => {
    const reporter = await w.client(A.hatinh);
    const feed = await reporter.refusals();
    const it = feed[Symbol.asyncIterator]();
    const next = it.next();
    await feed.stop();
    expect(await next).toEqual({ done: true, value: undefined });
    expect(feed.isStopped).toBe(true);
  });
});

describe('refusals for an agency connected with its nkey identity (followed through its home node)', () => {
  const w = new World();
  const seeds = new Map<string, string>();
  beforeAll(async () => {
    for (const [agency, c] of await w.startWithIdentities([A.baothanh, A.hatinh]))
      seeds.set(agency, c.seedFile);
  }, 30_000);
  afterAll(() => w.cleanup());

  it('a status on a document not sent to it: NOT_A_RECIPIENT comes back to the identity', async () => {
    const as = (agency: string) => w.client(agency, { credentials: { seedFile: seeds.get(agency)! } });
    const sender = await as(A.baothanh);
    const reporter = await as(A.hatinh);
    const id = docId(A.baothanh, 'IDENTITY');
    await sender.send(documentTo(id, [A.government]));
    const feed = await reporter.refusals();
    try {
      await reporter.report(id, S.BUSINESS_STATUS_ACCEPTED);
      const refusal = await nextRefusal(feed[Symbol.asyncIterator]());
      expect(refusal).toMatchObject({
        documentId: id,
        code: S.BUSINESS_STATUS_ACCEPTED,
        reasonName: 'NOT_A_RECIPIENT',
      });
      // Read back through the home node from a time before it: the same refusal, and the home node
      // tells how much there is to read back, so the feed knows when it is at the present.
      const back = await reporter.refusals({ since: Date.now() - 60_000 });
      try {
        let caught = false;
        void back.caughtUp().then(() => (caught = true));
        await sleepMs(300);
        expect(caught).toBe(false);
        const it = back[Symbol.asyncIterator]();
        expect(await nextRefusal(it)).toMatchObject({ documentId: id });
        const more = it.next();
        await within(5_000, 'caught up', back.caughtUp());
        await reporter.report(id, S.BUSINESS_STATUS_COMPLETED);
        const r = await within(10_000, 'a live refusal', more);
        expect(r.done ? undefined : r.value).toMatchObject({
          documentId: id,
          code: S.BUSINESS_STATUS_COMPLETED,
        });
      } finally {
        await back.stop();
      }
    } finally {
      await feed.stop();
    }
  });
});

function sleepMs(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
