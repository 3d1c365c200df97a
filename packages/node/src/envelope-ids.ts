/** The ids the node gives envelopes, and the ids it can read from a submission it refuses. */
import type { DecodeError } from '@lienthong/core';
import { ENVELOPE_LIMITS, documentEnvelopeId, envelopeIdFor, isAgencyCode } from '@lienthong/core';
import {
  BusinessOperation,
  Envelope as EnvelopeMessage,
  EnvelopeKind,
  FailureReason,
} from '@lienthong/proto';
import type { Envelope, IEnvelope } from '@lienthong/proto';

/** Envelope ids are lowercase base32 (`envelopeIdOf`): usable as a subject token. */
export const ENVELOPE_ID = /^[a-z0-9-]{1,64}$/;

/** The deterministic id of an accepted envelope: a resend of the same thing gets the same id. */
export function envelopeIdOf(env: Envelope): string {
  switch (env.kind) {
    case EnvelopeKind.ENVELOPE_KIND_DOCUMENT: {
      const op = env.document?.business?.operation ?? BusinessOperation.BUSINESS_OPERATION_NEW;
      return documentEnvelopeId(env.originAgency, env.documentId, op);
    }
    case EnvelopeKind.ENVELOPE_KIND_STATUS: {
      const st = env.status;
      return envelopeIdFor([
        'status',
        st?.responder ?? '',
        st?.documentSender ?? '',
        st?.documentId ?? '',
        String(st?.code),
        String(st?.timestampMs),
      ]);
    }
    default:
      return envelopeIdFor([
        'other',
        env.originAgency,
        env.documentId,
        String(env.kind),
        String(env.createdAtMs),
      ]);
  }
}

/**
 * The ids of a submission that parsed but failed validation, read without validating them, for the
 * dead letter and the sender's notice. Nothing for bytes that did not parse, or that were refused
 * for their size before parsing (TOO_LARGE costs no parse).
 */
export function readableIds(data: Uint8Array, e: DecodeError): IEnvelope | undefined {
  if (e.reason === FailureReason.FAILURE_REASON_TOO_LARGE) return undefined;
  let raw: Envelope;
  try {
    raw = EnvelopeMessage.decode(data);
  } catch {
    return undefined;
  }
  // The same rules a TrackingRecord's documentId must meet, or the notice would not decode.
  const usable = (s: unknown): s is string =>
    typeof s === 'string' &&
    s !== '' &&
    s.length <= ENVELOPE_LIMITS.maxDocumentIdLength &&
    !/[\p{Cc}\p{Cf}]/u.test(s);
  return {
    ...(usable(raw.documentId) ? { documentId: raw.documentId } : {}),
    ...(usable(raw.envelopeId) ? { envelopeId: raw.envelopeId } : {}),
    ...(isAgencyCode(raw.originAgency) ? { originAgency: raw.originAgency } : {}),
    // What kind of submission it was, and whom it was for: a refused document's tracking records.
    ...(typeof raw.kind === 'number' ? { kind: raw.kind } : {}),
    recipients: (raw.recipients ?? []).filter((r) => isAgencyCode(r)),
  };
}
