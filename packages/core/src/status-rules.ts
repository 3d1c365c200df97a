/**
 * The business status rules (edXML status codes 01-06, 13, 15, 16), shared by the tracking record
 * (which records every report but only lets legal ones move the state) and the SDK (which refuses
 * an illegal move before sending it).
 */
import { BusinessStatus } from '@lienthong/proto';
import { StatusRuleError } from './errors';

const S = BusinessStatus;

const NAMES: ReadonlyMap<number, string> = new Map([
  [S.BUSINESS_STATUS_ARRIVED, 'arrived'],
  [S.BUSINESS_STATUS_REJECTED, 'rejected'],
  [S.BUSINESS_STATUS_ACCEPTED, 'accepted'],
  [S.BUSINESS_STATUS_ASSIGNED, 'assigned'],
  [S.BUSINESS_STATUS_IN_PROGRESS, 'in progress'],
  [S.BUSINESS_STATUS_COMPLETED, 'completed'],
  [S.BUSINESS_STATUS_RECALL_REQUESTED, 'recall requested'],
  [S.BUSINESS_STATUS_CHANGE_ACCEPTED, 'change accepted'],
  [S.BUSINESS_STATUS_CHANGE_REFUSED, 'change refused'],
]);

/** '06 (completed)': the edXML two-digit code with its meaning, for messages. */
export function describeStatus(code: BusinessStatus | undefined): string {
  if (code === undefined || code === S.BUSINESS_STATUS_UNSPECIFIED) return 'no status';
  const name = NAMES.get(code);
  return name === undefined ? `unknown status ${String(code)}` : `${String(code).padStart(2, '0')} (${name})`;
}

/**
 * Position on the progress ladder: unset 0, 01 → 1, 02 → 2, 03 → 3 … 06 → 6. 02 (rejected) ends
 * the ladder early and is reachable only from unset or 01. Recall codes (13, 15, 16) and unknown
 * codes are not on the ladder: -1.
 */
export function businessRank(code: BusinessStatus | undefined): number {
  if (code === undefined || code === S.BUSINESS_STATUS_UNSPECIFIED) return 0;
  return code >= S.BUSINESS_STATUS_ARRIVED && code <= S.BUSINESS_STATUS_COMPLETED ? code : -1;
}

/** Statuses reported by the recipient, each of which proves the document reached its system. */
export function isRecipientStatus(code: BusinessStatus): boolean {
  return (
    businessRank(code) > 0 ||
    code === S.BUSINESS_STATUS_CHANGE_ACCEPTED ||
    code === S.BUSINESS_STATUS_CHANGE_REFUSED
  );
}

/** Statuses that must say why in their description: 02 (rejected) and 16 (change refused). */
export function needsReason(code: BusinessStatus): boolean {
  return code === S.BUSINESS_STATUS_REJECTED || code === S.BUSINESS_STATUS_CHANGE_REFUSED;
}

/**
 * What is wrong with a status report on its own, whatever the record it applies to: a code that is
 * not a business status, or a 02 or 16 without a reason. Undefined when nothing is.
 */
export function statusReportProblem(code: BusinessStatus, description?: string): string | undefined {
  if (NAMES.get(code) === undefined) return `${String(code)} is not a business status code`;
  if (needsReason(code) && (description ?? '').trim() === '') {
    return `${describeStatus(code)} needs a reason in the description`;
  }
  return undefined;
}

export interface BusinessState {
  /** The ladder status so far (unset, 01-06). */
  business: BusinessStatus;
  recallRequested: boolean;
  /** The first answer to the recall (15 or 16), or unset. */
  recall: BusinessStatus;
}

/**
 * What a status report does to a state: `advance` moves it; `same` is a late or repeated report that
 * is legal but changes nothing (out-of-order delivery never moves state backwards); `violation`
 * breaks the rules.
 */
export type StatusJudgement =
  | { readonly kind: 'advance' }
  | { readonly kind: 'same'; readonly reason: string }
  | { readonly kind: 'violation'; readonly reason: string };

const ADVANCE: StatusJudgement = Object.freeze({ kind: 'advance' });

export function judgeStatus(
  state: BusinessState,
  code: BusinessStatus,
  description?: string,
): StatusJudgement {
  const b = businessRank(state.business) < 0 ? S.BUSINESS_STATUS_UNSPECIFIED : state.business;
  const problem = statusReportProblem(code, description);
  const violation = (reason: string): StatusJudgement => ({ kind: 'violation', reason });
  const same = (reason: string): StatusJudgement => ({ kind: 'same', reason });
  const f = describeStatus;
  switch (code) {
    case S.BUSINESS_STATUS_RECALL_REQUESTED:
      return state.recallRequested ? same('a recall (13) was already requested') : ADVANCE;
    case S.BUSINESS_STATUS_CHANGE_ACCEPTED:
    case S.BUSINESS_STATUS_CHANGE_REFUSED:
      if (!state.recallRequested)
        return violation(`${f(code)} answers a recall, but no recall (13) was requested`);
      if (problem) return violation(problem);
      if (state.recall === S.BUSINESS_STATUS_UNSPECIFIED) return ADVANCE;
      if (state.recall === code) return same(`the recall was already answered ${f(code)}`);
      return violation(`${f(code)} after ${f(state.recall)}: the first answer to a recall stands`);
    case S.BUSINESS_STATUS_REJECTED:
      if (problem) return violation(problem);
      if (b === S.BUSINESS_STATUS_UNSPECIFIED || b === S.BUSINESS_STATUS_ARRIVED) return ADVANCE;
      if (b === S.BUSINESS_STATUS_REJECTED) return same(`already ${f(b)}`);
      return violation(`02 after ${f(b)}: a document the recipient has taken in can no longer be rejected`);
    case S.BUSINESS_STATUS_ARRIVED:
    case S.BUSINESS_STATUS_ACCEPTED:
    case S.BUSINESS_STATUS_ASSIGNED:
    case S.BUSINESS_STATUS_IN_PROGRESS:
    case S.BUSINESS_STATUS_COMPLETED:
      if (b === S.BUSINESS_STATUS_REJECTED) {
        // 01 legitimately precedes 02, so a late 01 is just late; progress after a rejection is not.
        if (code === S.BUSINESS_STATUS_ARRIVED) return same(`late ${f(code)}: already ${f(b)}`);
        return violation(`${String(code).padStart(2, '0')} after 02: the recipient rejected the document`);
      }
      if (businessRank(code) <= businessRank(b)) return same(`late ${f(code)}: already ${f(b)}`);
      return ADVANCE;
    default:
      return violation(`${String(code)} is not a business status code`);
  }
}

export type StatusMoveCheck = { readonly ok: true } | { readonly ok: false; readonly reason: string };

export interface StatusMoveOptions {
  description?: string;
  recallRequested?: boolean;
  /** The recall's first answer so far (15 or 16), if any. */
  recall?: BusinessStatus;
}

/** Whether sending `next` is a legal move from `current`; a late or repeated status is refused too. */
export function checkStatusMove(
  current: BusinessStatus | undefined,
  next: BusinessStatus,
  opts: StatusMoveOptions = {},
): StatusMoveCheck {
  const judgement = judgeStatus(
    {
      business: current ?? S.BUSINESS_STATUS_UNSPECIFIED,
      recallRequested: opts.recallRequested ?? false,
      recall: opts.recall ?? S.BUSINESS_STATUS_UNSPECIFIED,
    },
    next,
    opts.description,
  );
  return judgement.kind === 'advance' ? { ok: true } : { ok: false, reason: judgement.reason };
}

/** checkStatusMove that throws StatusRuleError (FailedPrecondition) with the document and recipient. */
export function assertStatusMove(
  current: BusinessStatus | undefined,
  next: BusinessStatus,
  opts: StatusMoveOptions & { documentId?: string; recipient?: string } = {},
): void {
  const check = checkStatusMove(current, next, opts);
  if (!check.ok) {
    throw new StatusRuleError(`cannot report ${describeStatus(next)}: ${check.reason}`, {
      ...(opts.documentId === undefined ? {} : { documentId: opts.documentId }),
      ...(opts.recipient === undefined ? {} : { recipient: opts.recipient }),
      from: current,
      to: next,
    });
  }
}
