/**
 * The dead letter a node keeps for a message it cannot process: the original bytes, why, and the
 * ids it could read, so an operator can find and replay it and the sender can be told.
 */
import type { IEnvelope } from '@lienthong/proto';
import { DeadLetter, FailureReason } from '@lienthong/proto';
import { DecodeError, LienthongError } from './errors';
import { toMillis } from './millis';

export interface DeadLetterInfo {
  /** The node that gives up on the message. */
  node: string;
  /** The subject the original arrived on. */
  subject: string;
  original: Uint8Array;
  atMs: number;
  /** Overrides the reason; default: a DecodeError's own reason, else MALFORMED. */
  reason?: FailureReason;
  /** The decoded envelope, when decoding got that far. */
  envelope?: IEnvelope;
}

/** Builds the dead letter for `error` (typically a DecodeError from decodeEnvelope). */
export function deadLetterFor(error: unknown, info: DeadLetterInfo): DeadLetter {
  const e = LienthongError.from(error);
  const context = e.context;
  const pick = (key: 'envelopeId' | 'documentId' | 'originAgency'): string => {
    const fromEnvelope = info.envelope?.[key];
    if (typeof fromEnvelope === 'string' && fromEnvelope !== '') return fromEnvelope;
    const fromContext = context[key];
    return typeof fromContext === 'string' ? fromContext : '';
  };
  return DeadLetter.create({
    reason: info.reason ?? (e instanceof DecodeError ? e.reason : FailureReason.FAILURE_REASON_MALFORMED),
    detail: e.message,
    node: info.node,
    subject: info.subject,
    original: info.original,
    atMs: toMillis(info.atMs),
    envelopeId: pick('envelopeId'),
    documentId: pick('documentId'),
    originAgency: pick('originAgency'),
  });
}
