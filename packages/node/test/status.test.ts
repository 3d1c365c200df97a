/**
 * The business plane as the sender sees it: every status a recipient reports reaches the sender's
 * tracking record; a rejection carries its reason; a recall is answered 15 or 16; statuses that arrive
 * late never move a record backwards; and an illegal move is recorded, counted and dead-lettered
 * without changing the state.
 */
import { EnvelopeKind, FailureReason } from '@lienthong/proto';
import { BusinessStatus, TransportState } from '@lienthong/sdk';
import type { InboxItem, LienthongClient, TrackingRecord } from '@lienthong/sdk';
import type { NatsServer } from '@lienthong/testkit';
import type { Topology } from '@lienthong/core';
import { businessRank } from '@lienthong/core';
import { A, Harness, demoTopology, docId, documentOf, waitFor } from './harness';
import type { Inspector } from './harness';

const S = BusinessStatus;
const SENDER = A.baothanh; // a commune: statuses travel up and across the tree to reach it

describe('status path', () => {
  const h = new Harness();
  let topology: Topology;
  let server: NatsServer;
  let inspect: Inspector;
  let sender: LienthongClient;
  /** What each recipient's document system does with an inbox item, by document id. */
  const handlers = new Map<string, (client: LienthongClient, item: InboxItem) => Promise<void>>();

  beforeAll(async () => {
    topology = demoTopology();
    server = await h.server();
    await h.node(server, topology);
    inspect = await h.inspector(server, topology);
    sender = await h.client(server, SENDER);
    for (const agency of [A.government, A.quynhthach]) {
      const client = await h.client(server, agency);
      h.reader(client, {
        onItem: async (item) => {
          await handlers.get(`${item.kind}:${item.documentId}`)?.(client, item);
        },
      });
    }
  }, 30_000);
  afterAll(() => h.cleanup());

  async function record(documentId: string, recipient: string): Promise<TrackingRecord | undefined> {
    return inspect.record(SENDER, documentId, recipient);
  }

  async function waitRecord(
    what: string,
    documentId: string,
    recipient: string,
    done: (r: TrackingRecord) => boolean,
  ): Promise<TrackingRecord> {
    return waitFor(what, async () => {
      const r = await record(documentId, recipient);
      return r !== undefined && done(r) ? r : false;
    });
  }

  const businessEntries = (r: TrackingRecord): number[] =>
    r.timeline.filter((e) => (e.business ?? 0) !== 0).map((e) => e.business ?? 0);

  it('01, 03, 04, 05, 06 all reach the sender; the record ends at 06 and FETCHED; 02 keeps its reason', async () => {
    const id = docId(SENDER);
    const reason = 'Văn bản không thuộc thẩm quyền xử lý của xã';
    handlers.set(`document:${id}`, async (client, item) => {
      if (client.agency === A.government) {
        for (const code of [
          S.BUSINESS_STATUS_ACCEPTED,
          S.BUSINESS_STATUS_ASSIGNED,
          S.BUSINESS_STATUS_IN_PROGRESS,
          S.BUSINESS_STATUS_COMPLETED,
        ]) {
          await client.report(item.documentId, code, { description: `status ${code}` });
        }
      } else {
        await client.report(item.documentId, S.BUSINESS_STATUS_REJECTED, { description: reason });
      }
    });
    await sender.send(documentOf(id, SENDER, [A.government, A.quynhthach]));

    const done = await waitRecord(
      '06 from the government',
      id,
      A.government,
      (r) => r.business === S.BUSINESS_STATUS_COMPLETED && businessEntries(r).length === 5,
    );
    expect(done.transport).toBe(TransportState.TRANSPORT_STATE_FETCHED);
    expect(done.overdue).toBe(false);
    expect(done.ruleViolations).toBe(0);
    // Each status is on the timeline once, whatever order the five reports arrived in.
    expect([...businessEntries(done)].sort((a, b) => a - b)).toEqual([1, 3, 4, 5, 6]);
    expect(done.timeline.find((e) => e.business === S.BUSINESS_STATUS_COMPLETED)?.ignored).toBe(false);
    expect(done.timeline.find((e) => e.business === S.BUSINESS_STATUS_COMPLETED)?.description).toBe(
      'status 6',
    );

    const rejected = await waitRecord(
      '02 from the commune',
      id,
      A.quynhthach,
      (r) => r.business === S.BUSINESS_STATUS_REJECTED,
    );
    expect(rejected.transport).toBe(TransportState.TRANSPORT_STATE_FETCHED);
    const entry = rejected.timeline.find((e) => e.business === S.BUSINESS_STATUS_REJECTED);
    expect(entry?.description).toBe(reason);
    expect(entry?.node).toBe('h41-quynhluu-xa1');
    expect(entry?.ignored).toBe(false);
  });

  it('recall handshake through the SDK: 13 reaches both recipients; one accepts (15), the other refuses (16) with a reason', async () => {
    const id = docId(SENDER);
    const refusal = 'Đã ban hành văn bản thực hiện, không thể thu hồi';
    const answers = new Map<string, { code: BusinessStatus; text: string }>([
      [A.government, { code: S.BUSINESS_STATUS_CHANGE_ACCEPTED, text: 'Đồng ý thu hồi' }],
      [A.quynhthach, { code: S.BUSINESS_STATUS_CHANGE_REFUSED, text: refusal }],
    ]);
    handlers.set(`recall:${id}`, async (client, item) => {
      expect(item.status?.code).toBe(S.BUSINESS_STATUS_RECALL_REQUESTED);
      const a = answers.get(client.agency)!;
      await client.report(item.documentId, a.code, { description: a.text, sender: SENDER });
    });
    await sender.send(documentOf(id, SENDER, [...answers.keys()]));
    for (const r of answers.keys()) {
      await waitRecord(`01 from ${r}`, id, r, (x) => x.business === S.BUSINESS_STATUS_ARRIVED);
    }
    await sender.recall(id, { reason: 'Ban hành nhầm' });
    for (const [to, a] of answers) {
      const r = await waitRecord(`the answer of ${to}`, id, to, (x) => x.recall === a.code);
      expect(r.recallRequested).toBe(true);
      expect(r.transport).toBe(TransportState.TRANSPORT_STATE_FETCHED);
      expect(r.business).toBe(S.BUSINESS_STATUS_ARRIVED);
      expect(r.ruleViolations).toBe(0);
      expect(r.timeline.find((e) => e.business === S.BUSINESS_STATUS_RECALL_REQUESTED)?.description).toBe(
        'Ban hành nhầm',
      );
      const answer = r.timeline.find((e) => e.business === a.code);
      expect(answer?.description).toBe(a.text);
      expect(answer?.ignored).toBe(false);
    }
  });

  it('a recall while the recipients’ statuses are still being recorded reaches every recipient at once, once', async () => {
    // The recall's node lists the document's tracking records while they are being written to.
    const id = docId(A.nghean);
    const home = await h.client(server, A.nghean);
    const recipients = [A.noivu, A.hatinh, A.yenthanh];
    await home.send(documentOf(id, A.nghean, recipients));
    for (const r of recipients) {
      await waitFor(`delivery to ${r}`, async () => {
        const rec = await inspect.record(A.nghean, id, r);
        return rec !== undefined && rec.transport >= TransportState.TRANSPORT_STATE_DELIVERED;
      });
    }
    const t0 = Date.now();
    const burst: Promise<void>[] = [];
    for (let i = 0; i < 20; i++) {
      for (const r of recipients) {
        burst.push(inspect.submitStatus(r, id, A.nghean, S.BUSINESS_STATUS_IN_PROGRESS, t0 + i));
      }
    }
    // Both the SDK (to find the recipients) and the sender's node (to mark their records) list the
    // document's records while the burst is being written to them.
    await home.recall(id, { reason: 'Thu hồi khi đang xử lý', timeoutMs: 5_000 });
    await Promise.all(burst);
    const started = Date.now();
    for (const r of recipients) {
      const items = await waitFor(
        `the recall in the inbox of ${r}`,
        async () => {
          const n = (await inspect.inboxCounts(r, EnvelopeKind.ENVELOPE_KIND_STATUS)).get(id) ?? 0;
          return n > 0 ? n : false;
        },
        10_000,
      );
      expect({ r, items }).toEqual({ r, items: 1 });
    }
    expect(Date.now() - started).toBeLessThan(3_000);
    for (const r of recipients) {
      const rec = (await inspect.record(A.nghean, id, r))!;
      expect(rec.recallRequested).toBe(true);
      expect(rec.timeline.filter((e) => e.business === S.BUSINESS_STATUS_RECALL_REQUESTED)).toHaveLength(1);
    }
    const home41 = topology.homeNodeOf(A.nghean).id;
    const malformed = (await inspect.deadLetters(home41)).filter((d) => d.documentId === id);
    expect(malformed).toEqual([]);
    for (const n of ['vn', 'h27', 'h41-yenthanh']) {
      expect((await inspect.deadLetters(n)).filter((d) => d.documentId === id)).toEqual([]);
    }
  });

  it('statuses arriving in scrambled order: the record ends at 06, the timeline is in report order, none ignored, nothing moves back', async () => {
    const id = docId(SENDER);
    const recipient = A.hatinh; // no document system reads this inbox: every status is sent by hand
    await sender.send(documentOf(id, SENDER, [recipient]));
    await waitRecord(
      'delivery',
      id,
      recipient,
      (r) => r.transport === TransportState.TRANSPORT_STATE_DELIVERED,
    );
    const t0 = Date.now();
    await inspect.submitStatus(recipient, id, SENDER, S.BUSINESS_STATUS_COMPLETED, t0 + 6);
    await waitRecord('06 first', id, recipient, (r) => r.business === S.BUSINESS_STATUS_COMPLETED);
    for (const code of [
      S.BUSINESS_STATUS_ACCEPTED,
      S.BUSINESS_STATUS_IN_PROGRESS,
      S.BUSINESS_STATUS_ARRIVED,
      S.BUSINESS_STATUS_ASSIGNED,
    ]) {
      await inspect.submitStatus(recipient, id, SENDER, code, t0 + code);
    }
    const final = await waitRecord(
      'all five statuses recorded',
      id,
      recipient,
      (r) => businessEntries(r).length === 5,
    );
    expect(final.business).toBe(S.BUSINESS_STATUS_COMPLETED);
    expect(final.transport).toBe(TransportState.TRANSPORT_STATE_FETCHED);
    expect(final.ruleViolations).toBe(0);
    // reported 01, 03, 04, 05 before the 06 (t0 + code), though they arrived after it
    const entries = (r: TrackingRecord): [number, boolean][] =>
      r.timeline.filter((e) => (e.business ?? 0) !== 0).map((e) => [e.business ?? 0, e.ignored ?? false]);
    expect(entries(final)).toEqual([
      [S.BUSINESS_STATUS_ARRIVED, false],
      [S.BUSINESS_STATUS_ACCEPTED, false],
      [S.BUSINESS_STATUS_ASSIGNED, false],
      [S.BUSINESS_STATUS_IN_PROGRESS, false],
      [S.BUSINESS_STATUS_COMPLETED, false],
    ]);
    // a status reported after the 06 is a repeat, marked ignored
    await inspect.submitStatus(recipient, id, SENDER, S.BUSINESS_STATUS_ACCEPTED, t0 + 20);
    const repeated = await waitRecord('a late repeat', id, recipient, (r) => businessEntries(r).length === 6);
    expect(entries(repeated).at(-1)).toEqual([S.BUSINESS_STATUS_ACCEPTED, true]);
    expect(repeated.ruleViolations).toBe(0);

    // What a follower of the track subject saw: once at 06, every later version of the record stays at 06.
    const versions = (await inspect.trackMessages(SENDER))
      .filter((r) => r.documentId === id && r.recipient === recipient)
      .sort((a, b) => a.timeline.length - b.timeline.length);
    const ranks = versions.map((r) => businessRank(r.business));
    for (let i = 1; i < ranks.length; i++) expect(ranks[i]!).toBeGreaterThanOrEqual(ranks[i - 1]!);
    expect(ranks.at(-1)).toBe(6);
  });

  it('06 after 02 is illegal: the record stays 02, the violation is counted and dead-lettered at the sender’s node', async () => {
    const id = docId(SENDER);
    const recipient = A.hatinh;
    await sender.send(documentOf(id, SENDER, [recipient]));
    await waitRecord(
      'delivery',
      id,
      recipient,
      (r) => r.transport === TransportState.TRANSPORT_STATE_DELIVERED,
    );
    const t0 = Date.now();
    await inspect.submitStatus(recipient, id, SENDER, S.BUSINESS_STATUS_REJECTED, t0, 'Sai thẩm quyền');
    const rejected = await waitRecord('02', id, recipient, (r) => r.business === S.BUSINESS_STATUS_REJECTED);
    await inspect.submitStatus(recipient, id, SENDER, S.BUSINESS_STATUS_COMPLETED, t0 + 10);
    const after = await waitRecord('the violation counted', id, recipient, (r) => r.ruleViolations === 1);

    expect(after.business).toBe(S.BUSINESS_STATUS_REJECTED);
    expect(after.transport).toBe(rejected.transport);
    expect(after.failure).toBe(FailureReason.FAILURE_REASON_UNSPECIFIED);
    const illegal = after.timeline.find((e) => e.business === S.BUSINESS_STATUS_COMPLETED);
    expect(illegal?.ignored).toBe(true);

    const home = topology.homeNodeOf(SENDER).id;
    const letters = await waitFor('the dead letter at the sender’s home node', async () => {
      const all = (await inspect.deadLetters(home)).filter((d) => d.documentId === id);
      return all.length > 0 ? all : false;
    });
    expect(letters).toHaveLength(1);
    const letter = letters[0]!;
    expect(letter.reason).toBe(FailureReason.FAILURE_REASON_INVALID_STATUS);
    expect(letter.node).toBe(home);
    expect(letter.detail).toMatch(/06 after 02/);
    expect(letter.originAgency).toBe(recipient);
    expect(letter.original.length).toBeGreaterThan(0);
  });
});
