/**
 * Status reports of a recipient on documents it received: 01 arrived (from `item.ack()`) and the
 * statuses of `report()`. Remembers what it reported on each document, to refuse an illegal or late
 * move before anything is sent, and the priority of each document its inbox handed out, for the
 * lane of the statuses on it.
 */
import { assertAgencyCode, assertStatusMove, documentSha256, statusReportProblem } from '@lienthong/core';
import { BusinessStatus } from '@lienthong/proto';
import type { Priority } from '@lienthong/proto';
import type { CallOptions } from './call';
import type { Arrival } from './inbox-port';
import type { Session } from './session';
import type { Submitter } from './submitter';
import type { ReportOptions } from './types';
import { checkPriority, invalid, requireId, senderOf } from './validate';

/** Statuses a recipient reports with `report()`: 01 comes from `item.ack()`, 13 from `recall()`. */
const REPORTABLE: ReadonlySet<BusinessStatus> = new Set([
  BusinessStatus.BUSINESS_STATUS_REJECTED,
  BusinessStatus.BUSINESS_STATUS_ACCEPTED,
  BusinessStatus.BUSINESS_STATUS_ASSIGNED,
  BusinessStatus.BUSINESS_STATUS_IN_PROGRESS,
  BusinessStatus.BUSINESS_STATUS_COMPLETED,
  BusinessStatus.BUSINESS_STATUS_CHANGE_ACCEPTED,
  BusinessStatus.BUSINESS_STATUS_CHANGE_REFUSED,
]);

/** The reportable statuses by their two-digit code ('03'), to name the one a string meant. */
const REPORTABLE_BY_CODE: ReadonlyMap<string, BusinessStatus> = new Map(
  [...REPORTABLE].map((s) => [String(s).padStart(2, '0'), s]),
);

/** What this client reported on one received document, to refuse illegal moves before sending. */
interface ReportedState {
  readonly business: BusinessStatus | undefined;
  readonly recall: BusinessStatus | undefined;
}

/** Documents whose reported state, and whose priority, are remembered; the oldest are forgotten. */
const REMEMBERED = 10_000;

export class Reports {
  private readonly reported = new BoundedMap<ReportedState>(REMEMBERED);
  private readonly received = new BoundedMap<Priority>(REMEMBERED);

  constructor(
    private readonly session: Session,
    private readonly submitter: Submitter,
  ) {}

  /** Reports a business status (02–06, 15, 16) on a document this agency received. */
  async report(document: string, code: BusinessStatus, opts: ReportOptions): Promise<void> {
    const documentId = requireId('report', document);
    checkReportable(code, opts.description);
    checkPriority('report', 'priority', opts.priority);
    const sender = opts.sender !== undefined ? assertAgencyCode(opts.sender) : senderOf(documentId);
    const key = `${sender}|${documentId}`;
    const state = this.reported.get(key) ?? { business: undefined, recall: undefined };
    assertStatusMove(state.business, code, {
      ...(opts.description !== undefined ? { description: opts.description } : {}),
      recallRequested: true,
      ...(state.recall !== undefined ? { recall: state.recall } : {}),
      documentId,
      recipient: this.session.agency,
    });
    await this.submitter.submitStatus(
      'report',
      {
        documentId,
        sender,
        recipients: [sender],
        code,
        timestampMs: opts.timestampMs ?? Date.now(),
        priority: opts.priority ?? this.received.get(key) ?? 0,
        ...(opts.description !== undefined ? { description: opts.description } : {}),
        ...(opts.staff ? { staff: opts.staff } : {}),
        ...(opts.edxmlOriginal ? { edxmlOriginal: opts.edxmlOriginal } : {}),
      },
      opts,
    );
    const isAnswer =
      code === BusinessStatus.BUSINESS_STATUS_CHANGE_ACCEPTED ||
      code === BusinessStatus.BUSINESS_STATUS_CHANGE_REFUSED;
    this.reported.set(key, isAnswer ? { ...state, recall: code } : { ...state, business: code });
  }

  /** Reports 01 arrived for a document the inbox handed out. */
  async arrived(a: Arrival, opts: CallOptions): Promise<void> {
    const key = `${a.sender}|${a.documentId}`;
    this.received.set(key, a.priority);
    await this.submitter.submitStatus(
      'ack',
      {
        documentId: a.documentId,
        sender: a.sender,
        recipients: [a.sender],
        code: BusinessStatus.BUSINESS_STATUS_ARRIVED,
        timestampMs: a.atMs,
        priority: a.priority,
        // The signed 01 names the exact content received: the sender's proof of receipt.
        ...(a.document && this.submitter.signs ? { contentSha256: documentSha256(a.document) } : {}),
      },
      opts,
    );
    const state = this.reported.get(key);
    if (!state?.business) {
      this.reported.set(key, { business: BusinessStatus.BUSINESS_STATUS_ARRIVED, recall: state?.recall });
    }
  }
}

/** Refuses a status `report()` does not send, or one that needs a reason without one. */
function checkReportable(code: BusinessStatus, description: string | undefined): void {
  if (code === BusinessStatus.BUSINESS_STATUS_ARRIVED) {
    throw invalid('report', '01 arrived is reported by item.ack() when the document is taken from the inbox');
  }
  if (code === BusinessStatus.BUSINESS_STATUS_RECALL_REQUESTED) {
    throw invalid('report', 'use recall() to ask for a document back (13)');
  }
  if (typeof code === 'string') {
    const named = REPORTABLE_BY_CODE.get(code);
    throw invalid(
      'report',
      `'${String(code)}' is a string: pass ${named !== undefined ? `BusinessStatus.${BusinessStatus[named]} (${named})` : 'the BusinessStatus a recipient reports (02–06, 15, 16)'}`,
    );
  }
  if (!REPORTABLE.has(code)) {
    throw invalid('report', `${String(code)} is not a status a recipient reports (02–06, 15, 16)`);
  }
  const problem = statusReportProblem(code, description);
  if (problem) throw invalid('report', problem);
}

/** A map that forgets its oldest entries beyond `capacity`; setting a key makes it the newest. */
class BoundedMap<V> {
  private readonly map = new Map<string, V>();

  constructor(private readonly capacity: number) {}

  get(key: string): V | undefined {
    return this.map.get(key);
  }

  set(key: string, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.capacity) {
      const oldest = this.map.keys().next();
      if (!oldest.done) this.map.delete(oldest.value);
    }
  }
}
