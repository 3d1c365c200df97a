/**
 * The tracking record the sender's home node keeps per (document, recipient), and the pure function
 * that applies one transport or business event to it. Events can arrive late, twice or out of order
 * (they travel back through the tree on independent paths); the rules make the outcome independent
 * of arrival order wherever the domain allows it, and never move a state backwards.
 */
import type { IHop, IStaff, IStatusReport, ITimelineEntry, ITrackingRecord } from '@lienthong/proto';
import { BusinessStatus, FailureReason, Priority, TrackingRecord, TransportState } from '@lienthong/proto';
import { assertAgencyCode } from './agency';
import { LienthongError } from './errors';
import { toMillis } from './millis';
import { businessRank, isRecipientStatus, judgeStatus } from './status-rules';

const T = TransportState;

export type TrackingEvent =
  | {
      type: 'transport';
      state: TransportState;
      atMs: number;
      node?: string;
      failure?: FailureReason;
      detail?: string;
      hops?: IHop[];
    }
  | {
      type: 'business';
      code: BusinessStatus;
      atMs: number;
      node?: string;
      description?: string;
      staff?: IStaff;
      /** The signed status report, kept in the timeline entry as a receipt. */
      receipt?: IStatusReport;
    };

export interface TrackingOutcome {
  record: TrackingRecord;
  /** The record differs from the input (state or timeline); false for an exact repeat. */
  changed: boolean;
  /** The event did not move the state: late, repeated or illegal. */
  ignored: boolean;
  /** What rule the event broke and why; the record counts it in ruleViolations. */
  violation?: string;
}

export interface NewTrackingRecord {
  documentId: string;
  sender: string;
  recipient: string;
  sentAtMs: number;
  confirmByMs: number;
  priority?: Priority;
  subject?: string;
  /** The sender's home node, shown on the ACCEPTED timeline entry. */
  node?: string;
}

export function newTrackingRecord(init: NewTrackingRecord): TrackingRecord {
  if (typeof init.documentId !== 'string' || init.documentId === '') {
    throw new LienthongError('InvalidArgument', 'documentId must be a non-empty string');
  }
  const sentAtMs = checkTime(init.sentAtMs, 'sentAtMs');
  return TrackingRecord.create({
    documentId: init.documentId,
    sender: assertAgencyCode(init.sender),
    recipient: assertAgencyCode(init.recipient),
    transport: T.TRANSPORT_STATE_ACCEPTED,
    sentAtMs,
    updatedAtMs: sentAtMs,
    confirmByMs: toMillis(init.confirmByMs),
    priority: init.priority ?? Priority.PRIORITY_NORMAL,
    subject: init.subject ?? '',
    timeline: [{ atMs: sentAtMs, transport: T.TRANSPORT_STATE_ACCEPTED, node: init.node ?? '' }],
    hops: [],
  });
}

/** A time as a finite number; a Long (an absent int64 read from a decoded message) is converted. */
function checkTime(atMs: unknown, what: string): number {
  const value = typeof atMs === 'object' && atMs !== null ? toMillis(atMs) : atMs;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new LienthongError('InvalidArgument', `${what} must be a finite number of Unix milliseconds`, {
      context: { [what]: atMs },
    });
  }
  return value;
}

/** A fresh TrackingRecord with copied arrays, so callers never share mutable state with the input. */
function copyOf(r: ITrackingRecord): TrackingRecord {
  return TrackingRecord.create({
    documentId: r.documentId ?? '',
    sender: r.sender ?? '',
    recipient: r.recipient ?? '',
    transport: r.transport ?? T.TRANSPORT_STATE_UNSPECIFIED,
    business: r.business ?? BusinessStatus.BUSINESS_STATUS_UNSPECIFIED,
    recall: r.recall ?? BusinessStatus.BUSINESS_STATUS_UNSPECIFIED,
    recallRequested: r.recallRequested ?? false,
    overdue: r.overdue ?? false,
    confirmByMs: toMillis(r.confirmByMs),
    hops: [...(r.hops ?? [])],
    timeline: [...(r.timeline ?? [])],
    failure: r.failure ?? FailureReason.FAILURE_REASON_UNSPECIFIED,
    failureDetail: r.failureDetail ?? '',
    sentAtMs: toMillis(r.sentAtMs),
    updatedAtMs: toMillis(r.updatedAtMs),
    ruleViolations: r.ruleViolations ?? 0,
    priority: r.priority ?? Priority.PRIORITY_NORMAL,
    subject: r.subject ?? '',
    answersFor: [...(r.answersFor ?? [])],
    redirectedTo: r.redirectedTo ?? '',
    ...(r.edxmlSignature ? { edxmlSignature: r.edxmlSignature } : {}),
  });
}

/** Same type, code/state, time and node as an entry already in the timeline: a redelivery. */
function isRepeat(timeline: readonly ITimelineEntry[], event: TrackingEvent): boolean {
  const node = event.node ?? '';
  return timeline.some(
    (e) =>
      toMillis(e.atMs) === event.atMs &&
      (e.node ?? '') === node &&
      (event.type === 'transport'
        ? (e.transport ?? 0) === event.state && (e.business ?? 0) === 0
        : (e.business ?? 0) === event.code && (e.transport ?? 0) === 0),
  );
}

/** Any recipient status proves the copy reached the recipient's system: FETCHED, and not overdue. */
function liftToFetched(r: TrackingRecord): boolean {
  if (r.transport === T.TRANSPORT_STATE_FETCHED && !r.overdue) return false;
  if (r.transport === T.TRANSPORT_STATE_FAILED) {
    r.failure = FailureReason.FAILURE_REASON_UNSPECIFIED;
    r.failureDetail = '';
  }
  r.transport = T.TRANSPORT_STATE_FETCHED;
  r.overdue = false;
  return true;
}

interface Step {
  moved: boolean;
  violation?: string;
}

function applyBusiness(r: TrackingRecord, event: Extract<TrackingEvent, { type: 'business' }>): Step {
  const judgement = judgeStatus(r, event.code, event.description);
  if (judgement.kind === 'violation') return { moved: false, violation: judgement.reason };
  // A late report still proves arrival, so the transport plane does not depend on arrival order.
  const lifted = isRecipientStatus(event.code) && liftToFetched(r);
  if (judgement.kind === 'same') return { moved: lifted };
  switch (event.code) {
    case BusinessStatus.BUSINESS_STATUS_RECALL_REQUESTED:
      r.recallRequested = true;
      break;
    case BusinessStatus.BUSINESS_STATUS_CHANGE_ACCEPTED:
    case BusinessStatus.BUSINESS_STATUS_CHANGE_REFUSED:
      r.recall = event.code;
      break;
    default:
      r.business = event.code;
  }
  return { moved: true };
}

function applyTransport(r: TrackingRecord, event: Extract<TrackingEvent, { type: 'transport' }>): Step {
  const s = event.state;
  const t = r.transport;
  let moved = false;
  if (s === T.TRANSPORT_STATE_FAILED) {
    // A copy that reached the inbox cannot fail any more; the first failure's reason stands.
    if (t === T.TRANSPORT_STATE_FAILED || t >= T.TRANSPORT_STATE_DELIVERED) return { moved: false };
    r.transport = T.TRANSPORT_STATE_FAILED;
    r.failure = event.failure ?? FailureReason.FAILURE_REASON_UNSPECIFIED;
    r.failureDetail = event.detail ?? '';
    r.overdue = false;
    return { moved: true };
  }
  if (s < T.TRANSPORT_STATE_ACCEPTED || s > T.TRANSPORT_STATE_FETCHED) {
    return { moved: false, violation: `${String(s)} is not a transport state` };
  }
  if (t === T.TRANSPORT_STATE_FAILED) {
    // Only the inbox proves a resend worked: a RELAYED may be a stale report from before the failure.
    if (s >= T.TRANSPORT_STATE_DELIVERED) {
      r.transport = s;
      r.failure = FailureReason.FAILURE_REASON_UNSPECIFIED;
      r.failureDetail = '';
      moved = true;
    }
  } else if (s > t) {
    r.transport = s;
    moved = true;
  }
  if (s === T.TRANSPORT_STATE_FETCHED && r.overdue) {
    r.overdue = false;
    moved = true;
  }
  // The delivered copy's route, kept even when its DELIVERED report arrives after 01.
  if (s === T.TRANSPORT_STATE_DELIVERED && (event.hops?.length ?? 0) > 0 && r.hops.length === 0) {
    r.hops = (event.hops ?? []).map((h) => ({ ...h }));
    moved = true;
  }
  return { moved };
}

function timelineEntry(event: TrackingEvent, ignored: boolean): ITimelineEntry {
  if (event.type === 'business') {
    return {
      atMs: event.atMs,
      business: event.code,
      node: event.node ?? '',
      description: event.description ?? '',
      ...(event.staff ? { staff: { ...event.staff } } : {}),
      ...(event.receipt ? { receipt: event.receipt } : {}),
      ignored,
    };
  }
  const failure = event.failure ? FailureReason[event.failure] : undefined;
  return {
    atMs: event.atMs,
    transport: event.state,
    node: event.node ?? '',
    description: [failure, event.detail].filter((x) => x !== undefined && x !== '').join(': '),
    ignored,
  };
}

/**
 * Applies one event and returns a new record (the input is not modified). Every event except an
 * exact repeat leaves a timeline entry; those that do not move the state are marked ignored.
 */
export function applyTrackingEvent(record: ITrackingRecord, input: TrackingEvent): TrackingOutcome {
  const event: TrackingEvent = { ...input, atMs: checkTime(input.atMs, 'atMs') };
  const next = copyOf(record);
  if (isRepeat(next.timeline, event)) return { record: next, changed: false, ignored: true };
  if (event.type === 'business' && businessRank(event.code) > 0) return applyLadderStatus(next, event);
  const step = event.type === 'transport' ? applyTransport(next, event) : applyBusiness(next, event);
  next.timeline.push(timelineEntry(event, !step.moved));
  if (step.violation !== undefined) next.ruleViolations += 1;
  next.updatedAtMs = Math.max(next.updatedAtMs, event.atMs);
  return {
    record: next,
    changed: true,
    ignored: !step.moved,
    ...(step.violation === undefined ? {} : { violation: step.violation }),
  };
}

/** A ladder status (01-06) in a timeline entry, or undefined for anything else. */
function ladderCode(e: ITimelineEntry): BusinessStatus | undefined {
  const code = e.business ?? BusinessStatus.BUSINESS_STATUS_UNSPECIFIED;
  return (e.transport ?? 0) === 0 && businessRank(code) > 0 ? code : undefined;
}

/**
 * Reported before: earlier report time, or the same time and lower on the ladder. A time given to
 * the second (an edXML Status package's) is compared to the second: 03 stamped 10:00:05 by a
 * document system is not before an 01 recorded at 10:00:05.437.
 */
function reportedBefore(
  a: { atMs: number; code: BusinessStatus },
  b: { atMs: number; code: BusinessStatus },
): boolean {
  const unit = a.atMs % 1000 === 0 || b.atMs % 1000 === 0 ? 1000 : 1;
  const [ta, tb] = [Math.floor(a.atMs / unit), Math.floor(b.atMs / unit)];
  return ta < tb || (ta === tb && businessRank(a.code) < businessRank(b.code));
}

/**
 * Judges the ladder entries (01-06) of a timeline in the order they stand, from no status: the
 * status they lead to, which of them moved it, and how many broke a rule.
 */
function judgeLadder(
  timeline: readonly ITimelineEntry[],
  state: { recallRequested: boolean; recall: BusinessStatus },
): { business: BusinessStatus; moved: Map<number, boolean>; violations: number } {
  let business: BusinessStatus = BusinessStatus.BUSINESS_STATUS_UNSPECIFIED;
  const moved = new Map<number, boolean>();
  let violations = 0;
  timeline.forEach((e, i) => {
    const code = ladderCode(e);
    if (code === undefined) return;
    const judgement = judgeStatus({ business, ...state }, code, e.description ?? '');
    if (judgement.kind === 'advance') business = code;
    if (judgement.kind === 'violation') violations += 1;
    moved.set(i, judgement.kind === 'advance');
  });
  return { business, moved, violations };
}

/**
 * A recipient's ladder status (01-06). Statuses of one recipient travel back on independent paths
 * and can overtake each other (05 arriving before 04), so the timeline keeps them in the order the
 * recipient reported them (its report time), and the rules are applied in that order: a status
 * reported in order is never marked ignored because it arrived late. Only true repeats and rule
 * violations are. (Recall codes and transport events are independent of the ladder.)
 */
function applyLadderStatus(
  record: TrackingRecord,
  event: Extract<TrackingEvent, { type: 'business' }>,
): TrackingOutcome {
  const state = { recallRequested: record.recallRequested, recall: record.recall };
  const before = judgeLadder(record.timeline, state);
  const at = record.timeline.findIndex((e) => {
    const code = ladderCode(e);
    return (
      code !== undefined &&
      reportedBefore({ atMs: event.atMs, code: event.code }, { atMs: toMillis(e.atMs), code })
    );
  });
  if (at >= 0) {
    const timeline = [...record.timeline];
    timeline.splice(at, 0, timelineEntry(event, false));
    const after = judgeLadder(timeline, state);
    // In report order the status breaks no rule the arrival order did not, and the state does not
    // go back: keep the report order. (Otherwise the recipient itself broke the rules, e.g. 03
    // after its own 02, and the arrival order is judged as before.)
    if (
      after.violations === before.violations &&
      businessRank(after.business) >= businessRank(record.business)
    ) {
      const next = copyOf(record);
      next.timeline = timeline.map((e, i) =>
        after.moved.has(i) ? { ...e, ignored: !after.moved.get(i) } : e,
      );
      const lifted = liftToFetched(next);
      const moved = after.business !== next.business || lifted;
      next.business = after.business;
      next.updatedAtMs = Math.max(next.updatedAtMs, event.atMs);
      return { record: next, changed: true, ignored: !after.moved.get(at) && !moved };
    }
  }
  const next = copyOf(record);
  const step = applyBusiness(next, event);
  next.timeline.push(timelineEntry(event, !step.moved));
  if (step.violation !== undefined) next.ruleViolations += 1;
  next.updatedAtMs = Math.max(next.updatedAtMs, event.atMs);
  return {
    record: next,
    changed: true,
    ignored: !step.moved,
    ...(step.violation === undefined ? {} : { violation: step.violation }),
  };
}

/** Done for the sender: completed (06), rejected (02) or failed. */
export function isTerminal(record: ITrackingRecord): boolean {
  return (
    record.business === BusinessStatus.BUSINESS_STATUS_COMPLETED ||
    record.business === BusinessStatus.BUSINESS_STATUS_REJECTED ||
    record.transport === T.TRANSPORT_STATE_FAILED
  );
}

/** Overdue: the confirmation deadline has passed with no 01 (or FETCHED) and no failure. */
export function markOverdue(
  record: ITrackingRecord,
  nowMs: number,
): { record: TrackingRecord; changed: boolean } {
  nowMs = checkTime(nowMs, 'nowMs');
  const next = copyOf(record);
  const arrived =
    next.transport === T.TRANSPORT_STATE_FETCHED ||
    next.business !== BusinessStatus.BUSINESS_STATUS_UNSPECIFIED;
  const overdue =
    !arrived &&
    next.transport !== T.TRANSPORT_STATE_FAILED &&
    next.confirmByMs > 0 &&
    nowMs >= next.confirmByMs;
  if (overdue === next.overdue) return { record: next, changed: false };
  next.overdue = overdue;
  next.updatedAtMs = Math.max(next.updatedAtMs, nowMs);
  return { record: next, changed: true };
}
