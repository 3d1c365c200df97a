import {
  InvalidAgencyCodeError,
  applyTrackingEvent,
  assertStatusMove,
  businessRank,
  checkStatusMove,
  decodeTrackingRecord,
  describeStatus,
  encodeTrackingRecord,
  isTerminal,
  markOverdue,
  newTrackingRecord,
  StatusRuleError,
} from '@lienthong/core';
import type { TrackingEvent } from '@lienthong/core';
import type { ITrackingRecord, TrackingRecord } from '@lienthong/proto';
import { BusinessStatus as B, FailureReason, Priority, TransportState as T } from '@lienthong/proto';

const SENT = Date.UTC(2026, 10, 23, 2, 0); // Monday 09:00 in Vietnam
const base = (): TrackingRecord =>
  newTrackingRecord({
    documentId: '000.00.00.G22,2026/11/23,12/VPCP-TH',
    sender: '000.00.00.G22',
    recipient: '000.00.00.H41',
    sentAtMs: SENT,
    confirmByMs: SENT + 86_400_000,
    priority: Priority.PRIORITY_URGENT,
    subject: 'Về việc triển khai liên thông văn bản',
    node: 'vn',
  });

const tr = (
  state: T,
  atMs: number,
  extra: Partial<Extract<TrackingEvent, { type: 'transport' }>> = {},
): TrackingEvent => ({
  type: 'transport',
  state,
  atMs,
  node: 'h41',
  ...extra,
});
const st = (
  code: B,
  atMs: number,
  description = '',
  extra: Partial<Extract<TrackingEvent, { type: 'business' }>> = {},
): TrackingEvent => ({
  type: 'business',
  code,
  atMs,
  node: 'h41',
  description,
  ...extra,
});

/** Applies events in order and returns the record plus every outcome. */
function run(record: ITrackingRecord, ...events: TrackingEvent[]) {
  const outcomes = [];
  let r = record;
  for (const e of events) {
    const outcome = applyTrackingEvent(r, e);
    outcomes.push(outcome);
    r = outcome.record;
  }
  return { record: r as TrackingRecord, outcomes, last: outcomes[outcomes.length - 1]! };
}

describe('newTrackingRecord', () => {
  it('starts ACCEPTED with one timeline entry', () => {
    const r = base();
    expect(r.transport).toBe(T.TRANSPORT_STATE_ACCEPTED);
    expect(r.business).toBe(B.BUSINESS_STATUS_UNSPECIFIED);
    expect(r.timeline).toEqual([{ atMs: SENT, transport: T.TRANSPORT_STATE_ACCEPTED, node: 'vn' }]);
    expect(r.updatedAtMs).toBe(SENT);
    expect(r.sentAtMs).toBe(SENT);
    expect(r.priority).toBe(Priority.PRIORITY_URGENT);
    expect(r.subject).toBe('Về việc triển khai liên thông văn bản');
  });

  it('refuses bad agency codes and a missing document id', () => {
    expect(() =>
      newTrackingRecord({
        documentId: 'd',
        sender: '000.00.00.G2*',
        recipient: '000.00.00.H41',
        sentAtMs: 1,
        confirmByMs: 0,
      }),
    ).toThrow(InvalidAgencyCodeError);
    expect(() =>
      newTrackingRecord({
        documentId: '',
        sender: '000.00.00.G22',
        recipient: '000.00.00.H41',
        sentAtMs: 1,
        confirmByMs: 0,
      }),
    ).toThrow('documentId must be a non-empty string');
    expect(() =>
      newTrackingRecord({
        documentId: 'd',
        sender: '000.00.00.G22',
        recipient: '000.00.00.H41',
        sentAtMs: NaN,
        confirmByMs: 0,
      }),
    ).toThrow('sentAtMs must be a finite number');
  });
});

describe('transport plane', () => {
  it('moves forward ACCEPTED < RELAYED < DELIVERED < FETCHED', () => {
    const hops = [
      { node: 'vn', inMs: SENT, outMs: SENT + 1 },
      { node: 'h41', inMs: SENT + 2, outMs: SENT + 3 },
    ];
    const { record, outcomes } = run(
      base(),
      tr(T.TRANSPORT_STATE_RELAYED, SENT + 10, { node: 'vn' }),
      tr(T.TRANSPORT_STATE_DELIVERED, SENT + 20, { hops }),
      tr(T.TRANSPORT_STATE_FETCHED, SENT + 30),
    );
    expect(outcomes.map((o) => [o.changed, o.ignored])).toEqual([
      [true, false],
      [true, false],
      [true, false],
    ]);
    expect(record.transport).toBe(T.TRANSPORT_STATE_FETCHED);
    expect(record.hops).toEqual(hops);
    expect(record.updatedAtMs).toBe(SENT + 30);
    expect(record.timeline).toHaveLength(4);
  });

  it('records a late transport event without moving backwards', () => {
    const { record, last } = run(
      base(),
      tr(T.TRANSPORT_STATE_DELIVERED, SENT + 20),
      tr(T.TRANSPORT_STATE_RELAYED, SENT + 10),
    );
    expect(record.transport).toBe(T.TRANSPORT_STATE_DELIVERED);
    expect(last).toMatchObject({ changed: true, ignored: true });
    expect(last.violation).toBeUndefined();
    expect(record.timeline.at(-1)).toMatchObject({ transport: T.TRANSPORT_STATE_RELAYED, ignored: true });
    expect(record.updatedAtMs).toBe(SENT + 20);
  });

  it('fails only from below DELIVERED, keeping the reason', () => {
    const failed = run(
      base(),
      tr(T.TRANSPORT_STATE_RELAYED, SENT + 10),
      tr(T.TRANSPORT_STATE_FAILED, SENT + 20, {
        failure: FailureReason.FAILURE_REASON_UNKNOWN_RECIPIENT,
        detail: 'not in the directory',
      }),
    );
    expect(failed.record.transport).toBe(T.TRANSPORT_STATE_FAILED);
    expect(failed.record.failure).toBe(FailureReason.FAILURE_REASON_UNKNOWN_RECIPIENT);
    expect(failed.record.failureDetail).toBe('not in the directory');
    expect(failed.record.timeline.at(-1)?.description).toBe(
      'FAILURE_REASON_UNKNOWN_RECIPIENT: not in the directory',
    );
    expect(isTerminal(failed.record)).toBe(true);

    const afterDelivery = run(
      base(),
      tr(T.TRANSPORT_STATE_DELIVERED, SENT + 10),
      tr(T.TRANSPORT_STATE_FAILED, SENT + 20),
    );
    expect(afterDelivery.record.transport).toBe(T.TRANSPORT_STATE_DELIVERED);
    expect(afterDelivery.last).toMatchObject({ changed: true, ignored: true });
    expect(afterDelivery.record.failure).toBe(FailureReason.FAILURE_REASON_UNSPECIFIED);
  });

  it('keeps the first failure when a second one comes', () => {
    const { record, last } = run(
      base(),
      tr(T.TRANSPORT_STATE_FAILED, SENT + 10, { failure: FailureReason.FAILURE_REASON_HOP_LIMIT_EXCEEDED }),
      tr(T.TRANSPORT_STATE_FAILED, SENT + 20, { failure: FailureReason.FAILURE_REASON_MALFORMED }),
    );
    expect(record.failure).toBe(FailureReason.FAILURE_REASON_HOP_LIMIT_EXCEEDED);
    expect(last.ignored).toBe(true);
  });

  it('lets a resend that reaches the inbox clear a failure, but not a stale relay', () => {
    const failed = run(
      base(),
      tr(T.TRANSPORT_STATE_FAILED, SENT + 10, {
        failure: FailureReason.FAILURE_REASON_MALFORMED,
        detail: 'x',
      }),
    ).record;
    const stale = applyTrackingEvent(failed, tr(T.TRANSPORT_STATE_RELAYED, SENT + 5));
    expect(stale.record.transport).toBe(T.TRANSPORT_STATE_FAILED);
    expect(stale.ignored).toBe(true);
    const delivered = applyTrackingEvent(failed, tr(T.TRANSPORT_STATE_DELIVERED, SENT + 30));
    expect(delivered.ignored).toBe(false);
    expect(delivered.record.transport).toBe(T.TRANSPORT_STATE_DELIVERED);
    expect(delivered.record.failure).toBe(FailureReason.FAILURE_REASON_UNSPECIFIED);
    expect(delivered.record.failureDetail).toBe('');
    expect(isTerminal(delivered.record)).toBe(false);
  });

  it('keeps the hops of a DELIVERED report that arrives after 01', () => {
    const hops = [{ node: 'vn' }, { node: 'h41' }];
    const { record, last } = run(
      base(),
      st(B.BUSINESS_STATUS_ARRIVED, SENT + 20),
      tr(T.TRANSPORT_STATE_DELIVERED, SENT + 10, { hops }),
    );
    expect(record.transport).toBe(T.TRANSPORT_STATE_FETCHED);
    expect(record.hops).toEqual(hops);
    expect(last.ignored).toBe(false);
  });

  it('treats an unknown transport state as a violation, not a crash', () => {
    const { record, last } = run(base(), tr(T.TRANSPORT_STATE_UNSPECIFIED, SENT + 1));
    expect(last.violation).toBe('0 is not a transport state');
    expect(record.ruleViolations).toBe(1);
    expect(record.transport).toBe(T.TRANSPORT_STATE_ACCEPTED);
  });
});

describe('business plane', () => {
  it('01 arrived lifts transport to FETCHED and clears overdue', () => {
    const overdue = markOverdue(base(), SENT + 2 * 86_400_000).record;
    expect(overdue.overdue).toBe(true);
    const { record, last } = run(overdue, st(B.BUSINESS_STATUS_ARRIVED, SENT + 2 * 86_400_000 + 1));
    expect(last).toMatchObject({ changed: true, ignored: false });
    expect(record.business).toBe(B.BUSINESS_STATUS_ARRIVED);
    expect(record.transport).toBe(T.TRANSPORT_STATE_FETCHED);
    expect(record.overdue).toBe(false);
  });

  it('progresses 01 < 03 < 04 < 05 < 06', () => {
    const { record, outcomes } = run(
      base(),
      st(B.BUSINESS_STATUS_ARRIVED, SENT + 1),
      st(B.BUSINESS_STATUS_ACCEPTED, SENT + 2),
      st(B.BUSINESS_STATUS_ASSIGNED, SENT + 3),
      st(B.BUSINESS_STATUS_IN_PROGRESS, SENT + 4),
      st(B.BUSINESS_STATUS_COMPLETED, SENT + 5, 'Ban hành văn bản đến, hoàn thành xử lý', {
        staff: { department: 'Văn thư', name: 'Nguyễn Thị Ngọc Trâm' },
      }),
    );
    expect(outcomes.every((o) => o.changed && !o.ignored && o.violation === undefined)).toBe(true);
    expect(record.business).toBe(B.BUSINESS_STATUS_COMPLETED);
    expect(record.timeline.at(-1)).toMatchObject({
      business: B.BUSINESS_STATUS_COMPLETED,
      description: 'Ban hành văn bản đến, hoàn thành xử lý',
      staff: { department: 'Văn thư', name: 'Nguyễn Thị Ngọc Trâm' },
      ignored: false,
    });
    expect(isTerminal(record)).toBe(true);
  });

  it('a 03 that arrives after the 06 it was reported before takes its place, not marked ignored', () => {
    const { record, last } = run(
      base(),
      st(B.BUSINESS_STATUS_COMPLETED, SENT + 5),
      st(B.BUSINESS_STATUS_ACCEPTED, SENT + 2),
    );
    expect(record.business).toBe(B.BUSINESS_STATUS_COMPLETED);
    expect(last).toMatchObject({ changed: true, ignored: false });
    expect(last.violation).toBeUndefined();
    expect(record.ruleViolations).toBe(0);
    expect(record.timeline.map((e) => [e.business ?? 0, e.ignored ?? false])).toEqual([
      [0, false],
      [B.BUSINESS_STATUS_ACCEPTED, false],
      [B.BUSINESS_STATUS_COMPLETED, false],
    ]);
  });

  it('a 03 reported after the 06 is late, and marked ignored', () => {
    const { record, last } = run(
      base(),
      st(B.BUSINESS_STATUS_COMPLETED, SENT + 2),
      st(B.BUSINESS_STATUS_ACCEPTED, SENT + 5),
    );
    expect(record.business).toBe(B.BUSINESS_STATUS_COMPLETED);
    expect(last).toMatchObject({ changed: true, ignored: true });
    expect(last.violation).toBeUndefined();
    expect(record.timeline.at(-1)).toMatchObject({ business: B.BUSINESS_STATUS_ACCEPTED, ignored: true });
  });

  it('statuses that overtake each other on the way back are shown and judged in report order', () => {
    // reported 01, 03, 04, 05, 06 one after the other; arriving 01, 03, 05, 04, 06 and 06 before 05
    const reported = [
      B.BUSINESS_STATUS_ARRIVED,
      B.BUSINESS_STATUS_ACCEPTED,
      B.BUSINESS_STATUS_ASSIGNED,
      B.BUSINESS_STATUS_IN_PROGRESS,
      B.BUSINESS_STATUS_COMPLETED,
    ];
    for (const arrival of [
      [0, 1, 3, 2, 4],
      [0, 1, 2, 4, 3],
      [4, 3, 2, 1, 0],
      [1, 0, 4, 2, 3],
    ]) {
      const { record } = run(base(), ...arrival.map((i) => st(reported[i]!, SENT + 1 + i)));
      expect(record.timeline.filter((e) => e.business).map((e) => e.business)).toEqual(reported);
      expect(record.timeline.some((e) => e.ignored)).toBe(false);
      expect(record.business).toBe(B.BUSINESS_STATUS_COMPLETED);
      expect(record.ruleViolations).toBe(0);
    }
    // the same millisecond: the ladder order
    const { record } = run(
      base(),
      st(B.BUSINESS_STATUS_IN_PROGRESS, SENT + 1),
      st(B.BUSINESS_STATUS_ASSIGNED, SENT + 1),
    );
    expect(record.timeline.filter((e) => e.business).map((e) => [e.business, e.ignored])).toEqual([
      [B.BUSINESS_STATUS_ASSIGNED, false],
      [B.BUSINESS_STATUS_IN_PROGRESS, false],
    ]);
  });

  it('a status stamped to the second (edXML) is not put before one recorded later in that second', () => {
    // 01 recorded at 09:00:05.437, then a Status package's 03 stamped 09:00:05
    const { record } = run(
      base(),
      st(B.BUSINESS_STATUS_ARRIVED, SENT + 5_437),
      st(B.BUSINESS_STATUS_ACCEPTED, SENT + 5_000),
    );
    expect(record.timeline.filter((e) => e.business).map((e) => [e.business, e.ignored])).toEqual([
      [B.BUSINESS_STATUS_ARRIVED, false],
      [B.BUSINESS_STATUS_ACCEPTED, false],
    ]);
    // a whole second earlier it was reported before, and takes its place
    const earlier = run(
      base(),
      st(B.BUSINESS_STATUS_COMPLETED, SENT + 5_437),
      st(B.BUSINESS_STATUS_ACCEPTED, SENT + 4_000),
    );
    expect(earlier.record.timeline.filter((e) => e.business).map((e) => e.business)).toEqual([
      B.BUSINESS_STATUS_ACCEPTED,
      B.BUSINESS_STATUS_COMPLETED,
    ]);
  });

  it('a repeated progress code at another time is late, not a violation', () => {
    const { record, last } = run(
      base(),
      st(B.BUSINESS_STATUS_IN_PROGRESS, SENT + 1),
      st(B.BUSINESS_STATUS_IN_PROGRESS, SENT + 2),
    );
    expect(last).toMatchObject({ changed: true, ignored: true });
    expect(record.ruleViolations).toBe(0);
    expect(record.timeline).toHaveLength(3);
  });

  it('02 rejected needs a reason', () => {
    const { record, last } = run(base(), st(B.BUSINESS_STATUS_REJECTED, SENT + 1, '   '));
    expect(last.violation).toBe('02 (rejected) needs a reason in the description');
    expect(last).toMatchObject({ changed: true, ignored: true });
    expect(record.business).toBe(B.BUSINESS_STATUS_UNSPECIFIED);
    expect(record.ruleViolations).toBe(1);
    expect(record.timeline.at(-1)).toMatchObject({ business: B.BUSINESS_STATUS_REJECTED, ignored: true });
  });

  it('02 is legal from unset or 01, and a late 01 after it is only late', () => {
    const fromUnset = run(base(), st(B.BUSINESS_STATUS_REJECTED, SENT + 1, 'Sai thẩm quyền'));
    expect(fromUnset.record.business).toBe(B.BUSINESS_STATUS_REJECTED);
    expect(fromUnset.record.transport).toBe(T.TRANSPORT_STATE_FETCHED);
    const from01 = run(
      base(),
      st(B.BUSINESS_STATUS_ARRIVED, SENT + 1),
      st(B.BUSINESS_STATUS_REJECTED, SENT + 2, 'Sai thẩm quyền'),
    );
    expect(from01.record.business).toBe(B.BUSINESS_STATUS_REJECTED);
    expect(isTerminal(from01.record)).toBe(true);
    // a 01 reported before the 02 but arriving after it takes its place before it
    const late01 = applyTrackingEvent(fromUnset.record, st(B.BUSINESS_STATUS_ARRIVED, SENT));
    expect(late01).toMatchObject({ ignored: false });
    expect(late01.violation).toBeUndefined();
    expect(late01.record.business).toBe(B.BUSINESS_STATUS_REJECTED);
    expect(late01.record.timeline.map((e) => e.business ?? 0)).toEqual([
      0,
      B.BUSINESS_STATUS_ARRIVED,
      B.BUSINESS_STATUS_REJECTED,
    ]);
    // one reported after it is only late
    const after01 = applyTrackingEvent(fromUnset.record, st(B.BUSINESS_STATUS_ARRIVED, SENT + 3));
    expect(after01).toMatchObject({ ignored: true });
    expect(after01.violation).toBeUndefined();
    expect(after01.record.business).toBe(B.BUSINESS_STATUS_REJECTED);
  });

  it('02 after 03..06 is a violation', () => {
    for (const code of [
      B.BUSINESS_STATUS_ACCEPTED,
      B.BUSINESS_STATUS_ASSIGNED,
      B.BUSINESS_STATUS_IN_PROGRESS,
      B.BUSINESS_STATUS_COMPLETED,
    ]) {
      const { record, last } = run(
        base(),
        st(code, SENT + 1),
        st(B.BUSINESS_STATUS_REJECTED, SENT + 2, 'Từ chối'),
      );
      expect(last.violation).toMatch(/^02 after 0[3-6] \(/);
      expect(record.business).toBe(code);
      expect(record.ruleViolations).toBe(1);
    }
  });

  it('03..06 after 02 is a violation ("06 after 02")', () => {
    const rejected = run(base(), st(B.BUSINESS_STATUS_REJECTED, SENT + 1, 'Sai thẩm quyền')).record;
    const { record, last } = run(rejected, st(B.BUSINESS_STATUS_COMPLETED, SENT + 2));
    expect(last.violation).toBe('06 after 02: the recipient rejected the document');
    expect(last).toMatchObject({ changed: true, ignored: true });
    expect(record.business).toBe(B.BUSINESS_STATUS_REJECTED);
    expect(record.ruleViolations).toBe(1);
    expect(record.timeline.at(-1)).toMatchObject({ business: B.BUSINESS_STATUS_COMPLETED, ignored: true });
    for (const code of [
      B.BUSINESS_STATUS_ACCEPTED,
      B.BUSINESS_STATUS_ASSIGNED,
      B.BUSINESS_STATUS_IN_PROGRESS,
    ]) {
      expect(applyTrackingEvent(rejected, st(code, SENT + 3)).violation).toBe(
        `0${code} after 02: the recipient rejected the document`,
      );
    }
  });

  it('a violation does not lift the transport plane', () => {
    const { record } = run(base(), st(B.BUSINESS_STATUS_CHANGE_ACCEPTED, SENT + 1));
    expect(record.transport).toBe(T.TRANSPORT_STATE_ACCEPTED);
  });

  it('treats an unknown business code as a violation', () => {
    const { last } = run(base(), st(7 as B, SENT + 1));
    expect(last.violation).toBe('7 is not a business status code');
  });
});

describe('recall', () => {
  const requested = () =>
    run(
      base(),
      st(B.BUSINESS_STATUS_ARRIVED, SENT + 1),
      st(B.BUSINESS_STATUS_RECALL_REQUESTED, SENT + 2, 'Lấy lại', { node: 'vn' }),
    ).record;

  it('13 sets recallRequested', () => {
    const r = requested();
    expect(r.recallRequested).toBe(true);
    expect(r.business).toBe(B.BUSINESS_STATUS_ARRIVED);
    const again = applyTrackingEvent(r, st(B.BUSINESS_STATUS_RECALL_REQUESTED, SENT + 3));
    expect(again).toMatchObject({ changed: true, ignored: true });
    expect(again.violation).toBeUndefined();
  });

  it('15/16 without a recall request is a violation', () => {
    for (const code of [B.BUSINESS_STATUS_CHANGE_ACCEPTED, B.BUSINESS_STATUS_CHANGE_REFUSED]) {
      const { record, last } = run(base(), st(code, SENT + 1, 'lý do'));
      expect(last.violation).toMatch(/answers a recall, but no recall \(13\) was requested$/);
      expect(record.recall).toBe(B.BUSINESS_STATUS_UNSPECIFIED);
      expect(record.ruleViolations).toBe(1);
    }
  });

  it('the first answer wins; the same answer again is only a repeat', () => {
    const accepted = applyTrackingEvent(requested(), st(B.BUSINESS_STATUS_CHANGE_ACCEPTED, SENT + 3));
    expect(accepted.ignored).toBe(false);
    expect(accepted.record.recall).toBe(B.BUSINESS_STATUS_CHANGE_ACCEPTED);
    const refused = applyTrackingEvent(
      accepted.record,
      st(B.BUSINESS_STATUS_CHANGE_REFUSED, SENT + 4, 'Đã xử lý xong'),
    );
    expect(refused.violation).toBe(
      '16 (change refused) after 15 (change accepted): the first answer to a recall stands',
    );
    expect(refused.record.recall).toBe(B.BUSINESS_STATUS_CHANGE_ACCEPTED);
    const repeat = applyTrackingEvent(accepted.record, st(B.BUSINESS_STATUS_CHANGE_ACCEPTED, SENT + 5));
    expect(repeat).toMatchObject({ changed: true, ignored: true });
    expect(repeat.violation).toBeUndefined();
  });

  it('16 needs a reason', () => {
    const refused = applyTrackingEvent(requested(), st(B.BUSINESS_STATUS_CHANGE_REFUSED, SENT + 3));
    expect(refused.violation).toBe('16 (change refused) needs a reason in the description');
    const withReason = applyTrackingEvent(
      requested(),
      st(B.BUSINESS_STATUS_CHANGE_REFUSED, SENT + 3, 'Văn bản đã ban hành'),
    );
    expect(withReason.record.recall).toBe(B.BUSINESS_STATUS_CHANGE_REFUSED);
  });
});

describe('idempotency and purity', () => {
  it('the exact same event twice changes nothing the second time', () => {
    const events = [
      tr(T.TRANSPORT_STATE_DELIVERED, SENT + 1),
      st(B.BUSINESS_STATUS_ARRIVED, SENT + 2),
      st(B.BUSINESS_STATUS_REJECTED, SENT + 3, ''), // a violation
      st(B.BUSINESS_STATUS_ACCEPTED, SENT + 4),
    ];
    for (const e of events) {
      const once = run(base(), ...events.slice(0, events.indexOf(e)), e).record;
      const twice = applyTrackingEvent(once, e);
      expect(twice).toEqual({ record: once, changed: false, ignored: true });
    }
  });

  it('an event at the same time from another node is not a repeat', () => {
    const once = run(base(), tr(T.TRANSPORT_STATE_RELAYED, SENT + 1, { node: 'vn' })).record;
    const other = applyTrackingEvent(once, tr(T.TRANSPORT_STATE_RELAYED, SENT + 1, { node: 'h41' }));
    expect(other.changed).toBe(true);
    expect(other.record.timeline).toHaveLength(3);
  });

  it('never modifies its input', () => {
    const r = base();
    const snapshot = structuredClone(r.toJSON());
    applyTrackingEvent(r, st(B.BUSINESS_STATUS_ARRIVED, SENT + 1));
    applyTrackingEvent(r, tr(T.TRANSPORT_STATE_DELIVERED, SENT + 1, { hops: [{ node: 'h41' }] }));
    markOverdue(r, SENT + 10 * 86_400_000);
    expect(r.toJSON()).toEqual(snapshot);
  });

  it('updatedAtMs only grows', () => {
    const { record } = run(
      base(),
      st(B.BUSINESS_STATUS_ACCEPTED, SENT + 50),
      st(B.BUSINESS_STATUS_ARRIVED, SENT + 10),
    );
    expect(record.updatedAtMs).toBe(SENT + 50);
  });

  it('works on a record that went through the wire (absent int64 fields included)', () => {
    const r = newTrackingRecord({
      documentId: 'd',
      sender: '000.00.00.G22',
      recipient: '000.00.00.H41',
      sentAtMs: 0,
      confirmByMs: 0,
    });
    const decoded = decodeTrackingRecord(encodeTrackingRecord(r));
    const again = applyTrackingEvent(decoded, {
      type: 'transport',
      state: T.TRANSPORT_STATE_ACCEPTED,
      atMs: 0,
      node: '',
    });
    expect(again.changed).toBe(false);
    const next = applyTrackingEvent(decoded, st(B.BUSINESS_STATUS_ARRIVED, 5));
    expect(next.record.updatedAtMs).toBe(5);
    expect(next.record.confirmByMs).toBe(0);
    expect(markOverdue(decoded, 10).changed).toBe(false);
  });

  it('reads a Long event time (an absent int64 of a decoded message) as a number', () => {
    const long = { low: 5, high: 0, unsigned: false, toNumber: () => 5 };
    const outcome = applyTrackingEvent(base(), {
      type: 'business',
      code: B.BUSINESS_STATUS_ARRIVED,
      atMs: long as never,
    });
    expect(outcome.record.timeline.at(-1)?.atMs).toBe(5);
  });

  it('refuses a non-finite event time', () => {
    expect(() => applyTrackingEvent(base(), st(B.BUSINESS_STATUS_ARRIVED, NaN))).toThrow(
      'atMs must be a finite number',
    );
  });
});

describe('markOverdue', () => {
  it('marks a copy overdue once the deadline passes without 01', () => {
    const r = base();
    expect(markOverdue(r, r.confirmByMs - 1)).toMatchObject({ changed: false });
    const due = markOverdue(r, r.confirmByMs);
    expect(due.changed).toBe(true);
    expect(due.record.overdue).toBe(true);
    expect(due.record.updatedAtMs).toBe(r.confirmByMs);
    expect(markOverdue(due.record, r.confirmByMs + 1).changed).toBe(false);
  });

  it('does not mark a fetched, arrived or failed copy, nor one without a deadline', () => {
    const late = SENT + 10 * 86_400_000;
    expect(
      markOverdue(run(base(), tr(T.TRANSPORT_STATE_FETCHED, SENT + 1)).record, late).record.overdue,
    ).toBe(false);
    expect(
      markOverdue(run(base(), st(B.BUSINESS_STATUS_ARRIVED, SENT + 1)).record, late).record.overdue,
    ).toBe(false);
    expect(markOverdue(run(base(), tr(T.TRANSPORT_STATE_FAILED, SENT + 1)).record, late).record.overdue).toBe(
      false,
    );
    const noDeadline = newTrackingRecord({
      documentId: 'd',
      sender: '000.00.00.G22',
      recipient: '000.00.00.H41',
      sentAtMs: SENT,
      confirmByMs: 0,
    });
    expect(markOverdue(noDeadline, late).record.overdue).toBe(false);
  });

  it('a delivered-but-not-fetched copy can still be overdue', () => {
    const delivered = run(base(), tr(T.TRANSPORT_STATE_DELIVERED, SENT + 1)).record;
    expect(markOverdue(delivered, SENT + 2 * 86_400_000).record.overdue).toBe(true);
  });
});

describe('status rules for senders (checkStatusMove)', () => {
  it('allows the legal moves', () => {
    expect(checkStatusMove(undefined, B.BUSINESS_STATUS_ARRIVED)).toEqual({ ok: true });
    expect(checkStatusMove(B.BUSINESS_STATUS_ARRIVED, B.BUSINESS_STATUS_ACCEPTED)).toEqual({ ok: true });
    expect(checkStatusMove(B.BUSINESS_STATUS_ACCEPTED, B.BUSINESS_STATUS_COMPLETED)).toEqual({ ok: true });
    expect(
      checkStatusMove(B.BUSINESS_STATUS_ARRIVED, B.BUSINESS_STATUS_REJECTED, {
        description: 'Sai thẩm quyền',
      }),
    ).toEqual({ ok: true });
    expect(checkStatusMove(B.BUSINESS_STATUS_COMPLETED, B.BUSINESS_STATUS_RECALL_REQUESTED)).toEqual({
      ok: true,
    });
    expect(
      checkStatusMove(B.BUSINESS_STATUS_ARRIVED, B.BUSINESS_STATUS_CHANGE_ACCEPTED, {
        recallRequested: true,
      }),
    ).toEqual({ ok: true });
  });

  it.each([
    [
      B.BUSINESS_STATUS_REJECTED,
      B.BUSINESS_STATUS_COMPLETED,
      {},
      '06 after 02: the recipient rejected the document',
    ],
    [
      B.BUSINESS_STATUS_ACCEPTED,
      B.BUSINESS_STATUS_REJECTED,
      { description: 'x' },
      '02 after 03 (accepted): a document the recipient has taken in can no longer be rejected',
    ],
    [
      B.BUSINESS_STATUS_ARRIVED,
      B.BUSINESS_STATUS_REJECTED,
      {},
      '02 (rejected) needs a reason in the description',
    ],
    [
      B.BUSINESS_STATUS_IN_PROGRESS,
      B.BUSINESS_STATUS_ACCEPTED,
      {},
      'late 03 (accepted): already 05 (in progress)',
    ],
    [
      B.BUSINESS_STATUS_IN_PROGRESS,
      B.BUSINESS_STATUS_IN_PROGRESS,
      {},
      'late 05 (in progress): already 05 (in progress)',
    ],
    [
      undefined,
      B.BUSINESS_STATUS_CHANGE_REFUSED,
      { description: 'x' },
      '16 (change refused) answers a recall, but no recall (13) was requested',
    ],
    [
      undefined,
      B.BUSINESS_STATUS_CHANGE_REFUSED,
      { recallRequested: true },
      '16 (change refused) needs a reason in the description',
    ],
    [
      undefined,
      B.BUSINESS_STATUS_CHANGE_ACCEPTED,
      { recallRequested: true, recall: B.BUSINESS_STATUS_CHANGE_REFUSED },
      '15 (change accepted) after 16 (change refused): the first answer to a recall stands',
    ],
    [
      undefined,
      B.BUSINESS_STATUS_RECALL_REQUESTED,
      { recallRequested: true },
      'a recall (13) was already requested',
    ],
    [undefined, B.BUSINESS_STATUS_UNSPECIFIED, {}, '0 is not a business status code'],
  ])('refuses %s -> %s', (current, next, opts, reason) => {
    expect(checkStatusMove(current, next, opts)).toEqual({ ok: false, reason });
  });

  it('assertStatusMove throws StatusRuleError with the document and recipient', () => {
    expect(() => assertStatusMove(B.BUSINESS_STATUS_ACCEPTED, B.BUSINESS_STATUS_ARRIVED)).toThrow(
      StatusRuleError,
    );
    try {
      assertStatusMove(B.BUSINESS_STATUS_REJECTED, B.BUSINESS_STATUS_COMPLETED, {
        documentId: 'd1',
        recipient: '000.00.00.H41',
      });
      throw new Error('allowed');
    } catch (e) {
      expect(e).toBeInstanceOf(StatusRuleError);
      expect((e as StatusRuleError).code).toBe('FailedPrecondition');
      expect((e as StatusRuleError).message).toBe(
        'cannot report 06 (completed): 06 after 02: the recipient rejected the document',
      );
      expect((e as StatusRuleError).context).toEqual({
        documentId: 'd1',
        recipient: '000.00.00.H41',
        from: 2,
        to: 6,
      });
    }
    expect(() => assertStatusMove(undefined, B.BUSINESS_STATUS_ARRIVED)).not.toThrow();
  });

  it('ranks the ladder and describes codes', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 13, 15, 16, 7].map((c) => businessRank(c as B))).toEqual([
      0, 1, 2, 3, 4, 5, 6, -1, -1, -1, -1,
    ]);
    expect(describeStatus(B.BUSINESS_STATUS_COMPLETED)).toBe('06 (completed)');
    expect(describeStatus(B.BUSINESS_STATUS_CHANGE_REFUSED)).toBe('16 (change refused)');
    expect(describeStatus(undefined)).toBe('no status');
  });
});
