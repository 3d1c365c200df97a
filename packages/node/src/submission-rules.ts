/** The rules an agency's submission must meet before its home node takes it on. */
import { documentIdProblem, isAgencyCode, statusReportProblem } from '@lienthong/core';
import type { NodeInfo } from '@lienthong/core';
import { BusinessOperation, BusinessStatus, EnvelopeKind, FailureReason } from '@lienthong/proto';
import type { Envelope, IDocument, IStatusReport } from '@lienthong/proto';
import { malformed, mismatch } from './inbound';
import type { Rejection } from './inbound';
import type { TopologyView } from './live-directory';

/** What the rules consult besides the envelope. */
export interface SubmissionContext {
  readonly topology: TopologyView;
  /** Attachment limits and consistency (`Attachments.check`). */
  readonly checkAttachments: (doc: IDocument) => Rejection | undefined;
}

/** Why `submitter`'s submission at `node` is refused, or undefined when it may be taken on. */
export function checkSubmission(
  ctx: SubmissionContext,
  node: NodeInfo,
  submitter: string,
  env: Envelope,
): Rejection | undefined {
  const home = ctx.topology.agency(submitter);
  if (!home) {
    return {
      reason: FailureReason.FAILURE_REASON_UNKNOWN_SENDER,
      detail: `agency ${submitter} is not in the directory`,
    };
  }
  if (home.homeNode !== node.id) {
    return {
      reason: FailureReason.FAILURE_REASON_WRONG_HOME_NODE,
      detail: `agency ${submitter} belongs to node ${home.homeNode}, not ${node.id}`,
    };
  }
  if (env.originAgency !== submitter) {
    return mismatch(`envelope origin ${env.originAgency} is not the submitting agency ${submitter}`);
  }
  switch (env.kind) {
    case EnvelopeKind.ENVELOPE_KIND_DOCUMENT:
      if (!env.document) return malformed('document envelope without a document');
      return documentProblem(env.document, env.documentId, submitter) ?? ctx.checkAttachments(env.document);
    case EnvelopeKind.ENVELOPE_KIND_STATUS:
      if (!env.status) return malformed('status envelope without a status report');
      return statusProblem(env.status, env, submitter);
    default:
      return malformed(
        `agencies may submit documents and status reports, not ${EnvelopeKind[env.kind] ?? env.kind}`,
      );
  }
}

function documentProblem(doc: IDocument, documentId: string, submitter: string): Rejection | undefined {
  if (doc.from?.code !== submitter) {
    return mismatch(
      `document sender ${doc.from?.code ?? '(none)'} is not the submitting agency ${submitter}`,
    );
  }
  if (doc.documentId !== documentId) {
    return malformed(`document id ${doc.documentId} differs from the envelope's ${documentId}`);
  }
  // The rule the SDK applies at send(): the edXML shape, under the sender's own code.
  const idProblem = documentIdProblem(documentId, submitter);
  if (idProblem !== undefined) {
    return documentIdProblem(documentId) === undefined ? mismatch(idProblem) : malformed(idProblem);
  }
  if ((doc.to ?? []).length === 0) return malformed('document has no recipients');
  // Tracking is opened per `to` code: one that is not an agency code must be refused here, or it
  // fails later as an error a retry cannot cure (found by the node fuzz run).
  const badTo = (doc.to ?? []).find((o) => !isAgencyCode(o.code ?? ''));
  if (badTo) {
    return {
      reason: FailureReason.FAILURE_REASON_INVALID_AGENCY_CODE,
      detail: `document recipient '${(badTo.code ?? '').slice(0, 32)}' is not an agency code`,
    };
  }
  const op = doc.business?.operation ?? BusinessOperation.BUSINESS_OPERATION_NEW;
  if (
    op !== BusinessOperation.BUSINESS_OPERATION_NEW &&
    (doc.responseFor ?? []).length === 0 &&
    !doc.business?.replaces?.length
  ) {
    return malformed(
      `a ${BusinessOperation[op]} package must name the earlier document (responseFor or replaces)`,
    );
  }
  return op === BusinessOperation.BUSINESS_OPERATION_NEW ? undefined : amendedProblem(doc, op, submitter);
}

/**
 * Why a revoke, update or replace may not be sent by `submitter` (see below); undefined when it may,
 * or for a new document. The edXML gateway answers with it before submitting.
 */
export function amendmentProblem(doc: IDocument, submitter: string): string | undefined {
  const op = doc.business?.operation ?? BusinessOperation.BUSINESS_OPERATION_NEW;
  return op === BusinessOperation.BUSINESS_OPERATION_NEW
    ? undefined
    : amendedProblem(doc, op, submitter)?.detail;
}

/** The sender's code in a document id (`OrganId,…`). */
function organOf(documentId: string): string {
  return documentId.slice(0, Math.max(0, documentId.indexOf(',')));
}

/**
 * A replace replaces documents of its own sender only. (What a revoke or update names in
 * responseFor may be another agency's document: what the package answers, as edXML's ResponseFor;
 * the SDK's `concerns` counts only its sender's own.)
 */
function amendedProblem(doc: IDocument, op: BusinessOperation, submitter: string): Rejection | undefined {
  const foreign = (doc.business?.replaces ?? []).find((id) => organOf(id) !== submitter);
  if (foreign === undefined) return undefined;
  const verb = BusinessOperation[op].replace('BUSINESS_OPERATION_', '').toLowerCase();
  return mismatch(
    `a ${verb} package replaces documents of its own sender only; '${foreign.slice(0, 80)}' is not ${submitter}'s`,
  );
}

function statusProblem(st: IStatusReport, env: Envelope, submitter: string): Rejection | undefined {
  if (st.responder !== submitter) {
    return mismatch(`status responder ${st.responder} is not the submitting agency ${submitter}`);
  }
  if (st.documentId !== env.documentId) {
    return malformed(`status document id ${st.documentId} differs from the envelope's ${env.documentId}`);
  }
  if (!isAgencyCode(st.documentSender)) return malformed('status without a valid document sender');
  const code = st.code ?? BusinessStatus.BUSINESS_STATUS_UNSPECIFIED;
  if (code === BusinessStatus.BUSINESS_STATUS_RECALL_REQUESTED) {
    if (st.documentSender !== submitter)
      return mismatch(`only the sender ${st.documentSender} may recall its document`);
  } else if (env.recipients.length !== 1 || env.recipients[0] !== st.documentSender) {
    return malformed(`a status report goes to the document's sender ${st.documentSender} only`);
  }
  // The status rules of @lienthong/core: a known code, and 02 and 16 with a reason.
  const problem = statusReportProblem(code, st.description ?? undefined);
  return problem ? { reason: FailureReason.FAILURE_REASON_INVALID_STATUS, detail: problem } : undefined;
}

/** The distinct recipient codes of a document that passed `checkSubmission`. */
export function documentRecipients(doc: IDocument): string[] {
  return [...new Set((doc.to ?? []).map((o) => o.code ?? ''))];
}
