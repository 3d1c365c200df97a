/**
 * Tracking records of refused submissions. A home node that refuses a document an agency submitted
 * (a bad signature, a malformed package, a recipient code that is none…) writes a FAILED record per
 * recipient it could read, or one without a recipient (key token {@link NO_RECIPIENT_TOKEN}) when it
 * could read none, so that the sender's listings show the refusal like any other failure. Such a
 * record was never accepted: its timeline holds only FAILED entries, each naming the refusal. A
 * resend of the document that the node accepts reopens it (ACCEPTED again, the refusals kept at the
 * start of its timeline); a record that was ever accepted is never turned into a refused one.
 */
import type { IEdxmlSignatureVerdict, ITrackingRecord } from '@lienthong/proto';
import {
  EdxmlSignatureVerdict,
  FailureReason,
  Priority,
  TrackingRecord,
  TransportState,
} from '@lienthong/proto';
import { assertAgencyCode } from './agency';
import { LienthongError } from './errors';

/** The recipient token of the record of a refused document whose recipients could not be read. */
export const NO_RECIPIENT_TOKEN = '-';

export interface RefusedRecordInit {
  readonly documentId: string;
  readonly sender: string;
  /** An agency code, or '' when no recipient could be read. */
  readonly recipient: string;
  readonly atMs: number;
  /** The node that refused it. */
  readonly node: string;
  readonly failure: FailureReason;
  readonly detail: string;
  readonly subject?: string;
  readonly priority?: Priority;
  readonly edxmlSignature?: IEdxmlSignatureVerdict;
}

/** The timeline text of a refusal: its reason's name and its detail. */
export function refusalText(failure: FailureReason, detail: string): string {
  const name = (FailureReason[failure] ?? String(failure)).replace(/^FAILURE_REASON_/, '');
  return `refused at intake (${name}): ${detail}`;
}

/** A FAILED record of a refused submission, with one timeline entry: the refusal. */
export function refusedTrackingRecord(init: RefusedRecordInit): TrackingRecord {
  if (typeof init.documentId !== 'string' || init.documentId === '') {
    throw new LienthongError('InvalidArgument', 'documentId must be a non-empty string');
  }
  return TrackingRecord.create({
    documentId: init.documentId,
    sender: assertAgencyCode(init.sender),
    recipient: init.recipient === '' ? '' : assertAgencyCode(init.recipient),
    transport: TransportState.TRANSPORT_STATE_FAILED,
    failure: init.failure,
    failureDetail: init.detail,
    sentAtMs: init.atMs,
    updatedAtMs: init.atMs,
    priority: init.priority ?? Priority.PRIORITY_NORMAL,
    subject: init.subject ?? '',
    ...(init.edxmlSignature ? { edxmlSignature: EdxmlSignatureVerdict.create(init.edxmlSignature) } : {}),
    timeline: [refusalEntry(init)],
    hops: [],
  });
}

/** True for the record of a refused submission: FAILED, and never accepted. */
export function isRefusedRecord(r: ITrackingRecord): boolean {
  const timeline = r.timeline ?? [];
  return (
    r.transport === TransportState.TRANSPORT_STATE_FAILED &&
    timeline.length > 0 &&
    timeline.every((e) => e.transport === TransportState.TRANSPORT_STATE_FAILED)
  );
}

/**
 * The record after the same document was refused again: the new refusal appended, unless it is the
 * one the record ends with (a retried refusal). A record that was ever accepted is left as it is.
 */
export function refusedAgain(
  r: TrackingRecord,
  init: RefusedRecordInit,
): { record: TrackingRecord; changed: boolean } {
  if (!isRefusedRecord(r)) return { record: r, changed: false };
  const entry = refusalEntry(init);
  const last = r.timeline[r.timeline.length - 1];
  if (last && last.description === entry.description && last.node === entry.node)
    return { record: r, changed: false };
  const record = TrackingRecord.create({
    ...r,
    failure: init.failure,
    failureDetail: init.detail,
    updatedAtMs: Math.max(Number(r.updatedAtMs), init.atMs),
    ...(init.edxmlSignature ? { edxmlSignature: EdxmlSignatureVerdict.create(init.edxmlSignature) } : {}),
    timeline: [...r.timeline, entry],
  });
  return { record, changed: true };
}

/**
 * A refused record reopened by the accepted resend whose fresh record is `accepted`: that record,
 * after the refusals. Anything but a refused record is left as it is.
 */
export function reopenedRecord(
  r: TrackingRecord,
  accepted: TrackingRecord,
): { record: TrackingRecord; changed: boolean } {
  if (!isRefusedRecord(r)) return { record: r, changed: false };
  const record = TrackingRecord.create({ ...accepted, timeline: [...r.timeline, ...accepted.timeline] });
  return { record, changed: true };
}

function refusalEntry(init: RefusedRecordInit): TrackingRecord['timeline'][number] {
  return {
    atMs: init.atMs,
    transport: TransportState.TRANSPORT_STATE_FAILED,
    node: init.node,
    description: refusalText(init.failure, init.detail),
  } as TrackingRecord['timeline'][number];
}
