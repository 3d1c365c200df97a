/** What the stages of a node pass between them: the inbound message, its fate, and a refusal. */
import type { MsgHdrs } from '@nats-io/transport-node';
import { FailureReason } from '@lienthong/proto';
import type { IEdxmlSignatureVerdict } from '@lienthong/proto';

/** One message taken from a node's submit or relay stream. */
export interface InboundMessage {
  readonly subject: string;
  readonly data: Uint8Array;
  readonly stream: string;
  readonly seq: number;
  /** When the stream stored it (the node's custody began), Unix ms. */
  readonly storedAtMs: number;
  /** How many times it was handed out (1 the first time). */
  readonly deliveryCount?: number;
  readonly headers?: MsgHdrs;
}

/** What happened to one inbound message; for metrics and logs. */
export type Disposition = 'forwarded' | 'dead-lettered';

/** Why the node refuses something, as the dead letter and the sender's notice say it. */
export interface Rejection {
  readonly reason: FailureReason;
  readonly detail: string;
  /** For a refusal of an edXML signature verdict: the verdict, for the sender's notice. */
  readonly edxmlSignature?: IEdxmlSignatureVerdict;
}

export function malformed(detail: string): Rejection {
  return { reason: FailureReason.FAILURE_REASON_MALFORMED, detail };
}

export function mismatch(detail: string): Rejection {
  return { reason: FailureReason.FAILURE_REASON_SENDER_MISMATCH, detail };
}

/** The current time, Unix ms; injected so that tests can fix it. */
export type Clock = () => number;
