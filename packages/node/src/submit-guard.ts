import type { MsgHdrs } from '@nats-io/transport-node';
import { submitMsgIdProblem } from '@lienthong/core';
import { FailureReason } from '@lienthong/proto';

/**
 * A submission whose message id is scoped to another agency (`submitMsgId`): an attempt to take that
 * agency's de-duplication id. Refused as a sender mismatch, so the attempt is dead-lettered and seen.
 */
export function msgIdRejection(
  submitter: string,
  headers: MsgHdrs | undefined,
): { reason: FailureReason; detail: string } | undefined {
  const detail = submitMsgIdProblem(submitter, headers?.get('Nats-Msg-Id') || undefined);
  return detail ? { reason: FailureReason.FAILURE_REASON_SENDER_MISMATCH, detail } : undefined;
}
