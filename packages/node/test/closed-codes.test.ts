/**
 * Closed agency codes end to end, through the SDK: a document addressed to a closed code is
 * redirected to the successor (the old code's tracking record shows the redirect, the successor
 * receives it once and its 01 reaches the sender) or refused with FAILED AGENCY_CLOSED naming the
 * successor, by the closure's policy; a live recipient of the same document is not affected.
 */
import { Kvm } from '@nats-io/kv';
import {
  BUCKETS,
  directoryKeys,
  documentEnvelopeId,
  encodeEnvelope,
  parseTopology,
  relaySubject,
} from '@lienthong/core';
import type { TopologyJson } from '@lienthong/core';
import {
  AgencyRecord,
  BusinessStatus,
  ClosedAgencyRecord,
  ClosurePolicy,
  EnvelopeKind,
  FailureReason,
  SCHEMA_VERSION,
  TransportState,
} from '@lienthong/proto';
import type { IEnvelope, TrackingRecord } from '@lienthong/proto';
import type { LienthongClient } from '@lienthong/sdk';
import type { RunningNode } from '@lienthong/node';
import type { NatsServer } from '@lienthong/testkit';
import { A, Harness, demoTopology, docId, documentOf, waitFor } from './harness';
import type { InboxReader, Inspector } from './harness';

/** Two district codes of Nghệ An that closed into the province UBND, one per policy. */
const REDIRECTED = '000.00.45.H41';
const REFUSED = '000.00.46.H41';
const CLOSED_AT = '2025-07-01T00:00:00Z';

function closedTopology(): TopologyJson {
  return {
    ...demoTopology().toJSON(),
    closed: [
      {
        code: REDIRECTED,
        name: 'UBND huyện cũ 1',
        closedAt: CLOSED_AT,
        successor: A.nghean,
        policy: 'redirect',
      },
      { code: REFUSED, name: 'UBND huyện cũ 2', closedAt: CLOSED_AT, successor: A.nghean, policy: 'refuse' },
    ],
  };
}

describe('closed agency codes', () => {
  const h = new Harness();
  let server: NatsServer;
  let inspect: Inspector;
  let sender: LienthongClient;
  let successor: InboxReader;
  let other: InboxReader;
  let node: RunningNode;

  beforeAll(async () => {
    const topology = parseTopology(closedTopology());
    server = await h.server();
    node = await h.node(server, topology);
    inspect = await h.inspector(server, topology);
    sender = await h.client(server, A.baothanh);
    successor = h.reader(await h.client(server, A.nghean));
    other = h.reader(await h.client(server, A.government));
  }, 30_000);
  afterAll(() => h.cleanup());

  /** A live code closed into `successor` (redirect), as `agency close` does; once the runtime has it. */
  async function closeWhileRunning(code: string, name: string, successor: string): Promise<void> {
    const kv = await new Kvm(inspect.nc).open(BUCKETS.directory);
    const record = {
      code,
      name,
      closedAt: CLOSED_AT,
      successor,
      policy: ClosurePolicy.CLOSURE_POLICY_REDIRECT,
    };
    await kv.put(directoryKeys.closed(code), ClosedAgencyRecord.encode(record).finish());
    await kv.delete(directoryKeys.agency(code));
    await waitFor(
      'the closure taken',
      async () =>
        node.runtime.topology.closedCode(code) !== undefined &&
        node.runtime.topology.agency(code) === undefined,
    );
  }

  async function refusedAfterSending(): Promise<TrackingRecord> {
    const id = docId(A.baothanh, 'REFUSE');
    await sender.send(documentOf(id, A.baothanh, [REFUSED]));
    const tracker = await sender.track(id);
    const [record] = await tracker.until((rs) => rs[0]?.transport === TransportState.TRANSPORT_STATE_FAILED, {
      timeoutMs: 20_000,
    });
    await tracker[Symbol.asyncDispose]();
    return record!;
  }

  const byRecipient = (records: TrackingRecord[], code: string): TrackingRecord | undefined =>
    records.find((r) => r.recipient === code);

  it('redirects to the successor: the old record shows it, the successor receives it and confirms', async () => {
    const id = docId(A.baothanh, 'REDIRECT');
    await sender.send(documentOf(id, A.baothanh, [REDIRECTED, A.government]));
    const tracker = await sender.track(id);
    const records = await tracker.until(
      // The old code's record is written apart from the successor's: wait for both to settle.
      (rs) =>
        rs.length === 3 &&
        byRecipient(rs, A.nghean)?.transport === TransportState.TRANSPORT_STATE_FETCHED &&
        byRecipient(rs, A.government)?.transport === TransportState.TRANSPORT_STATE_FETCHED &&
        byRecipient(rs, REDIRECTED)?.redirectedTo !== '',
      { timeoutMs: 20_000 },
    );
    await tracker[Symbol.asyncDispose]();
    const old = byRecipient(records, REDIRECTED)!;
    expect(old.redirectedTo).toBe(A.nghean);
    expect(byRecipient(records, A.nghean)?.answersFor).toEqual([REDIRECTED]);
    expect(old.timeline[1]).toMatchObject({
      transport: TransportState.TRANSPORT_STATE_RELAYED,
      description: `redirected to ${A.nghean} (${REDIRECTED} closed on ${CLOSED_AT})`,
    });
    expect((await successor.waitForDocuments(1)).map((i) => i.documentId)).toEqual([id]);
    expect((await other.waitForDocuments(1)).map((i) => i.documentId)).toEqual([id]);
    await inspect.expectInboxedOnce(A.nghean, [id]);
    // The successor's own record answers for it: its 01 reached the sender.
    expect(byRecipient(records, A.nghean)?.timeline.length).toBeGreaterThan(1);
  });

  it('the successor’s statuses answer for the old code: its record mirrors them after the redirect', async () => {
    const id = docId(A.baothanh, 'MIRROR');
    await sender.send(documentOf(id, A.baothanh, [REDIRECTED]));
    await waitFor('the document at the successor', async () =>
      successor.documents().some((i) => i.documentId === id),
    );
    await successor.client.report(id, BusinessStatus.BUSINESS_STATUS_ASSIGNED);
    await successor.client.report(id, BusinessStatus.BUSINESS_STATUS_COMPLETED);
    const tracker = await sender.track(id);
    const records = await tracker.until(
      (rs) => byRecipient(rs, REDIRECTED)?.business === BusinessStatus.BUSINESS_STATUS_COMPLETED,
      { timeoutMs: 20_000 },
    );
    await tracker[Symbol.asyncDispose]();
    const old = byRecipient(records, REDIRECTED)!;
    const mine = byRecipient(records, A.nghean)!;
    expect(old.transport).toBe(TransportState.TRANSPORT_STATE_FETCHED);
    expect(mine.business).toBe(BusinessStatus.BUSINESS_STATUS_COMPLETED);
    // The old code's timeline: accepted, the redirect, then what the successor's record saw.
    expect(old.timeline[1]?.description).toBe(
      `redirected to ${A.nghean} (${REDIRECTED} closed on ${CLOSED_AT})`,
    );
    const codes = (t: typeof old.timeline) => t.filter((e) => e.business).map((e) => e.business);
    expect(codes(old.timeline)).toEqual(codes(mine.timeline));
    expect(codes(old.timeline)).toEqual([
      BusinessStatus.BUSINESS_STATUS_ARRIVED,
      BusinessStatus.BUSINESS_STATUS_ASSIGNED,
      BusinessStatus.BUSINESS_STATUS_COMPLETED,
    ]);
    // The successor's signed receipt is kept on the old code's record too.
    expect(old.timeline.find((e) => e.business === BusinessStatus.BUSINESS_STATUS_ARRIVED)?.node).toBe(
      mine.timeline.find((e) => e.business === BusinessStatus.BUSINESS_STATUS_ARRIVED)?.node,
    );
  });

  it('refuses with FAILED AGENCY_CLOSED naming the successor; the live recipient still gets it', async () => {
    const id = docId(A.baothanh, 'REFUSE');
    await sender.send(documentOf(id, A.baothanh, [REFUSED, A.government]));
    const tracker = await sender.track(id);
    const records = await tracker.until(
      (rs) =>
        byRecipient(rs, REFUSED)?.transport === TransportState.TRANSPORT_STATE_FAILED &&
        byRecipient(rs, A.government)?.transport === TransportState.TRANSPORT_STATE_FETCHED,
      { timeoutMs: 20_000 },
    );
    await tracker[Symbol.asyncDispose]();
    const refused = byRecipient(records, REFUSED)!;
    expect(refused.failure).toBe(FailureReason.FAILURE_REASON_AGENCY_CLOSED);
    expect(refused.failureDetail).toBe(`${REFUSED} closed on ${CLOSED_AT}; successor ${A.nghean}`);
    expect(byRecipient(records, A.nghean)).toBeUndefined();
    expect((await other.waitForDocuments(2)).map((i) => i.documentId)).toContain(id);
    // Nothing went to the successor for a refused code.
    expect((await inspect.inbox(A.nghean)).map((e) => e.documentId)).not.toContain(id);
  });

  it('keeps the closures when the directory changes while running', async () => {
    const kv = await new Kvm(inspect.nc).open(BUCKETS.directory);
    const entry = await kv.get(directoryKeys.agency(A.noivu));
    const record = AgencyRecord.decode(entry!.value);
    await kv.put(
      directoryKeys.agency(A.noivu),
      AgencyRecord.encode({ ...record, name: 'Sở Nội vụ (mới)' }).finish(),
    );
    await waitFor(
      'the directory change taken',
      async () => node.runtime.topology.agency(A.noivu)?.name === 'Sở Nội vụ (mới)',
    );
    expect(node.runtime.topology.closedCode(REFUSED)?.successor).toBe(A.nghean);
    const refused = await refusedAfterSending();
    expect(refused.failure).toBe(FailureReason.FAILURE_REASON_AGENCY_CLOSED);
  });

  it('a recall of a redirected document reaches the successor, and nothing is dead-lettered for the old code', async () => {
    const id = docId(A.baothanh, 'RECALL');
    await sender.send(documentOf(id, A.baothanh, [REDIRECTED]));
    const tracker = await sender.track(id);
    await tracker.until(
      (rs) => byRecipient(rs, A.nghean)?.transport === TransportState.TRANSPORT_STATE_FETCHED,
      {
        timeoutMs: 20_000,
      },
    );
    await sender.recall(id, { reason: 'Ban hành nhầm' });
    await waitFor('the recall in the successor’s inbox', async () =>
      (await inspect.inbox(A.nghean)).some(
        (e) =>
          e.status?.code === BusinessStatus.BUSINESS_STATUS_RECALL_REQUESTED && e.status.documentId === id,
      ),
    );
    const records = await tracker.until((rs) => byRecipient(rs, A.nghean)?.recallRequested === true, {
      timeoutMs: 20_000,
    });
    await tracker[Symbol.asyncDispose]();
    expect(byRecipient(records, REDIRECTED)?.recallRequested).toBe(true);
    const home = node.runtime.topology.agency(A.baothanh)!.homeNode;
    expect((await inspect.deadLetters(home)).filter((d) => d.detail.includes(REDIRECTED))).toEqual([]);
  });

  it('a recall of a refused document goes nowhere and is not dead-lettered', async () => {
    const refused = await refusedAfterSending();
    const home = node.runtime.topology.agency(A.baothanh)!.homeNode;
    const before = (await inspect.deadLetters(home)).length;
    await sender.recall(refused.documentId, { reason: 'Ban hành nhầm' });
    const tracker = await sender.track(refused.documentId);
    const [record] = await tracker.until((rs) => rs[0]?.recallRequested === true, { timeoutMs: 20_000 });
    await tracker[Symbol.asyncDispose]();
    expect(record?.failure).toBe(FailureReason.FAILURE_REASON_AGENCY_CLOSED);
    expect(await inspect.deadLetters(home)).toHaveLength(before);
  });

  it('publishes the closures into the directory (closed.<code>), where SDK senders find them', async () => {
    const kv = await new Kvm(inspect.nc).open(BUCKETS.directory);
    const entry = await kv.get(directoryKeys.closed(REDIRECTED));
    expect(entry?.operation).toBe('PUT');
    expect(ClosedAgencyRecord.decode(entry!.value)).toMatchObject({
      code: REDIRECTED,
      closedAt: CLOSED_AT,
      successor: A.nghean,
      policy: ClosurePolicy.CLOSURE_POLICY_REDIRECT,
    });
    expect(await kv.get(directoryKeys.agency(REDIRECTED))).toBeNull();
  });

  it('a code closed in the directory while running takes effect without the topology file', async () => {
    const kv = await new Kvm(inspect.nc).open(BUCKETS.directory);
    const code = '000.00.47.H41';
    await kv.create(
      directoryKeys.closed(code),
      ClosedAgencyRecord.encode({
        code,
        name: 'UBND huyện cũ 3',
        closedAt: CLOSED_AT,
        successor: A.nghean,
        policy: ClosurePolicy.CLOSURE_POLICY_REFUSE,
      }).finish(),
    );
    await waitFor('the closure taken', async () => node.runtime.topology.closedCode(code) !== undefined);
    const id = docId(A.baothanh, 'LATE');
    await sender.send(documentOf(id, A.baothanh, [code]));
    const tracker = await sender.track(id);
    const [record] = await tracker.until((rs) => rs[0]?.transport === TransportState.TRANSPORT_STATE_FAILED, {
      timeoutMs: 20_000,
    });
    await tracker[Symbol.asyncDispose]();
    expect(record?.failureDetail).toBe(`${code} closed on ${CLOSED_AT}; successor ${A.nghean}`);
  });

  it('a status on a document its sender sent before its code closed is refused to the reporter, saying so', async () => {
    const closing = await h.client(server, A.quynhthach);
    const reporter = await h.client(server, A.hatinh);
    const id = docId(A.quynhthach, 'BEFORE');
    let refusals: Awaited<ReturnType<typeof reporter.refusals>> | undefined;
    const arrived = await closing.track(id);
    await closing.send(documentOf(id, A.quynhthach, [A.hatinh]));
    const inbox = reporter.inbox();
    try {
      let item;
      for await (const i of inbox) {
        await i.ack();
        if (i.documentId === id) {
          item = i;
          break;
        }
      }
      // Its 01 reached the sender before the code closes: only the 03 comes after.
      await arrived.until((rs) => rs[0]?.business === BusinessStatus.BUSINESS_STATUS_ARRIVED, {
        timeoutMs: 20_000,
      });
      await arrived.stop();
      await closeWhileRunning(A.quynhthach, 'UBND xã Quỳnh Thạch', A.quynhluu);
      // Followed from before the report: the refusal cannot come before the feed is there.
      refusals = await reporter.refusals();
      await item!.report(BusinessStatus.BUSINESS_STATUS_ACCEPTED);
    } finally {
      await inbox.stop();
    }
    const feed = refusals!;
    const timer = setTimeout(() => void feed.stop(), 30_000);
    try {
      for await (const r of feed) {
        if (r.documentId !== id) continue;
        expect(r).toMatchObject({
          kind: 'status',
          code: BusinessStatus.BUSINESS_STATUS_ACCEPTED,
          reason: FailureReason.FAILURE_REASON_AGENCY_CLOSED,
        });
        expect(r.detail).toContain(
          `the document's sender ${A.quynhthach} was closed on ${CLOSED_AT} (successor ${A.quynhluu}); a status is not carried to a closed code`,
        );
        expect(r.detail).not.toContain('on its way');
        return;
      }
    } finally {
      clearTimeout(timer);
      await feed.stop();
    }
    throw new Error('no refusal of the status');
  });

  it('a successor that was sent the document itself answers for the closed code too', async () => {
    const successorClient = await h.client(server, A.yenthanh);
    const id = docId(A.baothanh, 'BOTH');
    await sender.send(documentOf(id, A.baothanh, [A.congthanh, A.yenthanh]));
    const tracker = await sender.track(id);
    try {
      await tracker.until(
        (rs) => rs.length === 2 && rs.every((r) => r.transport >= TransportState.TRANSPORT_STATE_DELIVERED),
        {
          timeoutMs: 20_000,
        },
      );
      // Công Thành closes into Yên Thành before reading it (its unread item, the same document,
      // would be drained into an inbox that holds it already).
      await closeWhileRunning(A.congthanh, 'UBND xã Công Thành', A.yenthanh);
      const inbox = successorClient.inbox();
      try {
        for await (const item of inbox) {
          await item.ack();
          if (item.documentId !== id) continue;
          await item.report(BusinessStatus.BUSINESS_STATUS_ACCEPTED);
          break;
        }
      } finally {
        await inbox.stop();
      }
      const rs = await tracker.until(
        (x) =>
          x.find((r) => r.recipient === A.congthanh)?.business === BusinessStatus.BUSINESS_STATUS_ACCEPTED,
        { timeoutMs: 20_000 },
      );
      const old = rs.find((r) => r.recipient === A.congthanh)!;
      expect(old.redirectedTo).toBe(A.yenthanh);
      expect(old.timeline.some((e) => (e.description ?? '').startsWith(`answered by ${A.yenthanh}`))).toBe(
        true,
      );
    } finally {
      await tracker.stop();
    }
  });

  it('a closure whose successor is not live is ignored, and other changes still take effect', async () => {
    const kv = await new Kvm(inspect.nc).open(BUCKETS.directory);
    const code = '000.00.48.H41';
    await kv.create(
      directoryKeys.closed(code),
      ClosedAgencyRecord.encode({
        code,
        name: 'UBND huyện cũ 4',
        closedAt: CLOSED_AT,
        successor: '000.00.99.H41',
        policy: ClosurePolicy.CLOSURE_POLICY_REFUSE,
      }).finish(),
    );
    const entry = await kv.get(directoryKeys.agency(A.noivu));
    const record = AgencyRecord.decode(entry!.value);
    await kv.put(
      directoryKeys.agency(A.noivu),
      AgencyRecord.encode({ ...record, name: 'Sở Nội vụ 2' }).finish(),
    );
    await waitFor(
      'the directory change taken',
      async () => node.runtime.topology.agency(A.noivu)?.name === 'Sở Nội vụ 2',
    );
    expect(node.runtime.topology.closedCode(code)).toBeUndefined();
    expect(node.runtime.topology.closedCode(REFUSED)?.successor).toBe(A.nghean);
  });

  it('send() still refuses a code that is neither live nor closed', async () => {
    const code = '000.00.49.H41';
    await expect(sender.send(documentOf(docId(A.baothanh, 'NOWHERE'), A.baothanh, [code]))).rejects.toThrow(
      `recipient ${code} is not in the directory`,
    );
  });

  it('a document that meets a closed code on its way is refused there with AGENCY_CLOSED, naming the successor', async () => {
    // As if the code had closed after the document left its sender's home node: handed to the
    // district on the way, with the closed code as its recipient.
    const id = docId(A.baothanh, 'ONTHEWAY');
    const home = node.runtime.topology.agency(A.baothanh)!.homeNode;
    const env: IEnvelope = {
      schemaVersion: SCHEMA_VERSION,
      envelopeId: documentEnvelopeId(A.baothanh, id, 0),
      kind: EnvelopeKind.ENVELOPE_KIND_DOCUMENT,
      documentId: id,
      originAgency: A.baothanh,
      originNode: home,
      recipients: [REFUSED],
      createdAtMs: Date.now(),
      hopLimit: 14,
      hops: [{ node: home, level: 4, inMs: Date.now(), outMs: Date.now() }],
      document: documentOf(id, A.baothanh, [REFUSED]),
    };
    await inspect.js.publish(relaySubject('district', 'h41-yenthanh', 'normal', home), encodeEnvelope(env), {
      msgID: `ontheway-${id}`,
    });
    const dead = await waitFor(
      'the dead letter at the district',
      async () => (await inspect.deadLetters('h41-yenthanh')).find((d) => d.documentId === id) ?? false,
    );
    expect(dead.reason).toBe(FailureReason.FAILURE_REASON_AGENCY_CLOSED);
    expect(dead.detail).toBe(
      `${REFUSED} closed on ${CLOSED_AT} while the document was on its way; successor ${A.nghean}: ${REFUSED}`,
    );
  });
});
