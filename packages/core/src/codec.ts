/**
 * Bytes <-> messages at the edge of every node. Decoding checks size before parsing and validates
 * what the rest of the code relies on, so a bad message becomes one DecodeError with a failure
 * reason and a precise detail (for the dead letter and the sender), never a crash further in.
 */
import type {
  IDeadLetter,
  IDocument,
  IEnvelope,
  IStatusReport,
  ITrackingRecord,
  ITransportEvent,
} from '@lienthong/proto';
import {
  BusinessStatus,
  DeadLetter,
  Document,
  Envelope,
  EnvelopeKind,
  FailureReason,
  SCHEMA_VERSION,
  TrackingRecord,
  TransportState,
} from '@lienthong/proto';
import { assertAgencyCode } from './agency';
import { DecodeError, InvalidAgencyCodeError, InvalidNodeIdError, displayInput } from './errors';
import { assertNodeId } from './ids';

export const DEFAULT_MAX_BYTES = 1024 * 1024;

/** Limits that keep one message from costing a node unbounded work. */
export const ENVELOPE_LIMITS = Object.freeze({
  maxRecipients: 10_000,
  maxHops: 64,
  maxEnvelopeIdLength: 128,
  maxDocumentIdLength: 512,
});

export interface DecodeOptions {
  /** Refuse larger inputs before parsing; default 1 MiB (the NATS default max payload). */
  maxBytes?: number;
}

const R = FailureReason;
const CONTROL = /[\p{Cc}\p{Cf}]/u;
const WHITESPACE_OR_CONTROL = /[\s\p{Cc}\p{Cf}]/u;

/** Validation state: the message type and what is known so far, for the error's context. */
class Checker {
  readonly context: Record<string, string> = {};

  constructor(readonly what: string) {}

  fail(reason: FailureReason, detail: string, cause?: unknown): never {
    throw new DecodeError(reason, this.what, detail, { context: this.context, cause });
  }

  text(field: string, value: string | null | undefined, max: number, forbidden = CONTROL): string {
    if (value === undefined || value === null || value === '')
      this.fail(R.FAILURE_REASON_MALFORMED, `${field}: missing`);
    // Always a string once decoded; an object checked before it is encoded may hold anything.
    if (typeof value !== 'string') this.fail(R.FAILURE_REASON_MALFORMED, `${field}: not a string`);
    if (value.length > max) {
      this.fail(R.FAILURE_REASON_MALFORMED, `${field}: ${value.length} characters; at most ${max}`);
    }
    if (forbidden.test(value)) {
      this.fail(
        R.FAILURE_REASON_MALFORMED,
        `${field}: '${displayInput(value)}' contains a forbidden character`,
      );
    }
    return value;
  }

  agency(field: string, value: string | null | undefined, required: boolean): void {
    if (value === undefined || value === null || value === '') {
      if (required) this.fail(R.FAILURE_REASON_MALFORMED, `${field}: missing`);
      return;
    }
    try {
      assertAgencyCode(value);
    } catch (e) {
      if (e instanceof InvalidAgencyCodeError)
        this.fail(R.FAILURE_REASON_INVALID_AGENCY_CODE, `${field}: ${e.message}`);
      throw e;
    }
  }

  node(field: string, value: string | null | undefined, required: boolean): void {
    if (value === undefined || value === null || value === '') {
      if (required) this.fail(R.FAILURE_REASON_MALFORMED, `${field}: missing`);
      return;
    }
    try {
      assertNodeId(value);
    } catch (e) {
      if (e instanceof InvalidNodeIdError) this.fail(R.FAILURE_REASON_MALFORMED, `${field}: ${e.message}`);
      throw e;
    }
  }

  sameDocument(field: string, value: string | null | undefined, documentId: string): void {
    if (value && value !== documentId) {
      this.fail(
        R.FAILURE_REASON_MALFORMED,
        `${field}: '${displayInput(value)}' differs from the envelope's documentId '${displayInput(documentId)}'`,
      );
    }
  }
}

function checkBytes(bytes: unknown, what: string, opts: DecodeOptions): asserts bytes is Uint8Array {
  if (!(bytes instanceof Uint8Array)) {
    throw new DecodeError(
      R.FAILURE_REASON_MALFORMED,
      what,
      `expected bytes (Uint8Array), got ${typeof bytes}`,
    );
  }
  const max = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  if (bytes.length > max) {
    throw new DecodeError(R.FAILURE_REASON_TOO_LARGE, what, `${bytes.length} bytes; the limit is ${max}`, {
      context: { size: bytes.length, maxBytes: max },
    });
  }
}

function parse<T>(what: string, bytes: Uint8Array, decode: (b: Uint8Array) => T): T {
  try {
    return decode(bytes);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    throw new DecodeError(R.FAILURE_REASON_MALFORMED, what, `not a protobuf ${what}: ${message}`, {
      cause: e,
    });
  }
}

const PAYLOAD_OF_KIND: ReadonlyMap<EnvelopeKind, 'document' | 'status' | 'transport'> = new Map([
  [EnvelopeKind.ENVELOPE_KIND_DOCUMENT, 'document'],
  [EnvelopeKind.ENVELOPE_KIND_STATUS, 'status'],
  [EnvelopeKind.ENVELOPE_KIND_TRANSPORT, 'transport'],
]);

/**
 * Throws a DecodeError unless `env` is a valid v1 envelope. Exported so a node can check what it is
 * about to publish with the same rules its neighbours will apply.
 */
export function validateEnvelope(env: IEnvelope): void {
  const c: Checker = new Checker('Envelope');
  for (const key of ['envelopeId', 'documentId', 'originAgency'] as const) {
    const value = env[key];
    if (typeof value === 'string' && value !== '') c.context[key] = displayInput(value);
  }
  const version = env.schemaVersion ?? 0;
  if (version !== SCHEMA_VERSION) {
    c.fail(
      R.FAILURE_REASON_UNSUPPORTED_SCHEMA,
      `schemaVersion: ${version} is not supported (this node speaks ${SCHEMA_VERSION})`,
    );
  }
  c.text('envelopeId', env.envelopeId, ENVELOPE_LIMITS.maxEnvelopeIdLength, WHITESPACE_OR_CONTROL);
  const kind = env.kind ?? EnvelopeKind.ENVELOPE_KIND_UNSPECIFIED;
  const expected = PAYLOAD_OF_KIND.get(kind);
  if (expected === undefined) {
    c.fail(
      R.FAILURE_REASON_MALFORMED,
      kind === EnvelopeKind.ENVELOPE_KIND_UNSPECIFIED
        ? 'kind: missing'
        : `kind: ${kind} is not an envelope kind`,
    );
  }
  const documentId = c.text('documentId', env.documentId, ENVELOPE_LIMITS.maxDocumentIdLength);
  c.agency('originAgency', env.originAgency, true);
  c.node('originNode', env.originNode, true);

  const recipients = env.recipients ?? [];
  if (recipients.length === 0)
    c.fail(R.FAILURE_REASON_MALFORMED, 'recipients: at least one recipient is required');
  if (recipients.length > ENVELOPE_LIMITS.maxRecipients) {
    c.fail(
      R.FAILURE_REASON_MALFORMED,
      `recipients: ${recipients.length} recipients; at most ${ENVELOPE_LIMITS.maxRecipients}`,
    );
  }
  const seen = new Map<string, number>();
  recipients.forEach((r, i) => {
    c.agency(`recipients[${i}]`, r, true);
    const first = seen.get(r);
    if (first !== undefined)
      c.fail(R.FAILURE_REASON_MALFORMED, `recipients[${i}]: '${r}' repeats recipients[${first}]`);
    seen.set(r, i);
  });

  const hops = env.hops ?? [];
  if (hops.length > ENVELOPE_LIMITS.maxHops) {
    c.fail(R.FAILURE_REASON_MALFORMED, `hops: ${hops.length} hops; at most ${ENVELOPE_LIMITS.maxHops}`);
  }
  hops.forEach((h, i) => c.node(`hops[${i}].node`, h.node, true));

  const present = (['document', 'status', 'transport'] as const).filter(
    (p) => env[p] !== undefined && env[p] !== null,
  );
  if (!present.includes(expected)) {
    c.fail(
      R.FAILURE_REASON_MALFORMED,
      `payload: kind ${EnvelopeKind[kind]} needs a ${expected} payload, found ${present.join(' and ') || 'none'}`,
    );
  }
  if (present.length > 1) {
    c.fail(
      R.FAILURE_REASON_MALFORMED,
      `payload: only one payload is allowed, found ${present.join(' and ')}`,
    );
  }
  if (env.document) checkDocument(c, env.document, 'document.', documentId);
  if (env.status) checkStatus(c, env.status, documentId);
  if (env.transport) checkTransport(c, env.transport, documentId);
}

/**
 * Refuses, like `decodeEnvelope(bytes, opts)` at the receiver, an envelope about to be sent as
 * `bytes` (its encoding): too large, or not valid by `validateEnvelope`. For a sender that holds the
 * object it encoded: the same verdict without decoding the bytes again.
 */
export function checkEncodedEnvelope(env: IEnvelope, bytes: Uint8Array, opts: DecodeOptions = {}): void {
  checkBytes(bytes, 'Envelope', opts);
  validateEnvelope(env);
}

function checkDocument(c: Checker, doc: IDocument, prefix: string, envelopeDocumentId?: string): void {
  if (envelopeDocumentId === undefined) {
    c.text(`${prefix}documentId`, doc.documentId, ENVELOPE_LIMITS.maxDocumentIdLength);
  } else {
    c.sameDocument(`${prefix}documentId`, doc.documentId, envelopeDocumentId);
  }
  c.agency(`${prefix}from.code`, doc.from?.code, false);
  (doc.to ?? []).forEach((organ, i) => c.agency(`${prefix}to[${i}].code`, organ.code, false));
}

function checkStatus(c: Checker, status: IStatusReport, documentId: string): void {
  const code = status.code ?? BusinessStatus.BUSINESS_STATUS_UNSPECIFIED;
  if (code === BusinessStatus.BUSINESS_STATUS_UNSPECIFIED || BusinessStatus[code] === undefined) {
    c.fail(
      R.FAILURE_REASON_MALFORMED,
      code === BusinessStatus.BUSINESS_STATUS_UNSPECIFIED
        ? 'status.code: missing'
        : `status.code: ${code} is not a business status`,
    );
  }
  c.sameDocument('status.documentId', status.documentId, documentId);
  c.agency('status.responder', status.responder, false);
  c.agency('status.documentSender', status.documentSender, false);
}

function checkTransport(c: Checker, event: ITransportEvent, documentId: string): void {
  const state = event.state ?? TransportState.TRANSPORT_STATE_UNSPECIFIED;
  if (state === TransportState.TRANSPORT_STATE_UNSPECIFIED || TransportState[state] === undefined) {
    c.fail(
      R.FAILURE_REASON_MALFORMED,
      state === TransportState.TRANSPORT_STATE_UNSPECIFIED
        ? 'transport.state: missing'
        : `transport.state: ${state} is not a transport state`,
    );
  }
  c.sameDocument('transport.documentId', event.documentId, documentId);
  c.agency('transport.documentSender', event.documentSender, false);
  c.agency('transport.recipient', event.recipient, false);
  c.node('transport.node', event.node, false);
}

export function encodeEnvelope(env: IEnvelope): Uint8Array {
  return Envelope.encode(env).finish();
}

/** Decodes and validates an envelope; throws DecodeError (TOO_LARGE, MALFORMED, INVALID_AGENCY_CODE, UNSUPPORTED_SCHEMA). */
export function decodeEnvelope(bytes: Uint8Array, opts: DecodeOptions = {}): Envelope {
  checkBytes(bytes, 'Envelope', opts);
  const env = parse('Envelope', bytes, (b) => Envelope.decode(b));
  validateEnvelope(env);
  return env;
}

export function encodeTrackingRecord(record: ITrackingRecord): Uint8Array {
  return TrackingRecord.encode(record).finish();
}

export function decodeTrackingRecord(bytes: Uint8Array, opts: DecodeOptions = {}): TrackingRecord {
  checkBytes(bytes, 'TrackingRecord', opts);
  const record = parse('TrackingRecord', bytes, (b) => TrackingRecord.decode(b));
  const c: Checker = new Checker('TrackingRecord');
  // A node's notice that it refused a submission is a record without a recipient, and without a
  // document id when the submission could not be decoded; the sender is always known.
  c.agency('sender', record.sender, true);
  c.agency('recipient', record.recipient, false);
  if (record.documentId !== '') c.text('documentId', record.documentId, ENVELOPE_LIMITS.maxDocumentIdLength);
  return record;
}

/** The tracking record `bytes` holds, or undefined when they are not one (a feed reader skips them). */
export function trackingRecordOrUndefined(bytes: Uint8Array): TrackingRecord | undefined {
  try {
    return decodeTrackingRecord(bytes);
  } catch {
    return undefined;
  }
}

export function encodeDeadLetter(deadLetter: IDeadLetter): Uint8Array {
  return DeadLetter.encode(deadLetter).finish();
}

/** Dead letters hold the original bytes, so they may be larger than the envelope limit. */
export function decodeDeadLetter(bytes: Uint8Array, opts: DecodeOptions = {}): DeadLetter {
  checkBytes(bytes, 'DeadLetter', { maxBytes: opts.maxBytes ?? 2 * DEFAULT_MAX_BYTES });
  return parse('DeadLetter', bytes, (b) => DeadLetter.decode(b));
}

export function encodeDocument(document: IDocument): Uint8Array {
  return Document.encode(document).finish();
}

export function decodeDocument(bytes: Uint8Array, opts: DecodeOptions = {}): Document {
  checkBytes(bytes, 'Document', opts);
  const doc = parse('Document', bytes, (b) => Document.decode(b));
  checkDocument(new Checker('Document'), doc, '');
  return doc;
}
