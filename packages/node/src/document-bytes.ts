/**
 * A document's bytes, decoded and encoded once per process. A broadcast's envelopes all carry the
 * same document (whose `to` list names every recipient: 3,366 organisations for a national one),
 * and a runtime hosting many nodes decodes and re-encodes it at each of them: at every relay, for
 * every next hop and for every inbox item. Here the document field of an inbound envelope is kept
 * as it came (its bytes, which its signature covers) next to its decoded and validated form:
 *
 * - `decodeEnvelopeShared` decodes only the envelope's routing fields when the same document
 *   (same id, byte for byte) was decoded and validated before, and reuses that decoded document;
 * - `encodeEnvelopeShared` writes the envelope's own fields and appends the document's bytes as
 *   they were received, instead of encoding the document again.
 *
 * Decoded documents are shared between envelopes: the node never changes a document it carries.
 * Anything unusual in the bytes (a field repeated, a group, a truncated field) takes the full
 * decode, whose errors are the ones a neighbour gets.
 *
 * With the relay fast path (relay-fast-path.ts) this is one mechanism over one wire reader
 * (wire.ts): an envelope that only passes a node goes on as the bytes it came with, routing fields
 * appended, and is not decoded at all; what the fast path leaves to the full path — an envelope
 * whose recipients split between next hops (a broadcast at each province), one delivered here, one
 * at the home node — is decoded here, and its copies carry the document's received bytes.
 */
import { DEFAULT_MAX_BYTES, decodeEnvelope, encodeEnvelope, validateEnvelope } from '@lienthong/core';
import type { DecodeOptions } from '@lienthong/core';
import { Envelope } from '@lienthong/proto';
import type { IDocument, IEnvelope } from '@lienthong/proto';
import { WireReader, lengthPrefix } from './wire';

/** Field numbers in `Envelope` (proto/lienthong/v1/envelope.proto). */
const DOCUMENT_ID_FIELD = 4;
const DOCUMENT_FIELD = 12;

/** Documents smaller than this are decoded as they come: the bookkeeping would cost more. */
export const SHARED_MIN_BYTES = 1024;

/** The received bytes of documents this process decoded (or encoded), by decoded document. */
const bytesOf = new WeakMap<IDocument, Uint8Array>();

interface Entry {
  readonly bytes: Uint8Array;
  readonly document: IDocument;
}

interface Slices {
  /** The document field, tag and length included. */
  readonly field: { start: number; end: number };
  /** The document's own bytes (the field's value). */
  readonly value: Uint8Array;
  readonly documentId: string;
}

/** What the audit log's entry of a handled message names of its envelope. */
export interface EnvelopeNames {
  readonly kind: number;
  readonly envelopeId: string;
  readonly documentId: string;
  /** The status code, for a status envelope. */
  readonly statusCode?: number;
}

/** The names of envelopes decoded here, by the bytes they were decoded from (the inbound message's). */
const namesOf = new WeakMap<Uint8Array, EnvelopeNames>();

/**
 * The kind, ids and status code of the envelope in `bytes`: those of its decode by `decode` below
 * when these bytes were decoded there, else read from the routing fields (`decodeWithoutDocument`).
 * Not validated; throws what `Envelope.decode` throws.
 */
export function envelopeNames(bytes: Uint8Array): EnvelopeNames {
  return namesOf.get(bytes) ?? namesFrom(decodeWithoutDocument(bytes));
}

function namesFrom(env: IEnvelope): EnvelopeNames {
  const names = { kind: env.kind ?? 0, envelopeId: env.envelopeId ?? '', documentId: env.documentId ?? '' };
  return env.status ? { ...names, statusCode: env.status.code ?? 0 } : names;
}

/**
 * The envelope's fields without its document, decoded: what a reader of the routing fields only
 * needs (the audit log's entry of a handled message: kind, ids, status code). Not validated; throws
 * what `Envelope.decode` throws.
 */
export function decodeWithoutDocument(bytes: Uint8Array): Envelope {
  const at = bytes.length >= SHARED_MIN_BYTES ? locate(bytes, false) : undefined;
  return Envelope.decode(at ? cut(bytes, at.field) : bytes);
}

/** `bytes` without the field at `field`. */
function cut(bytes: Uint8Array, field: { start: number; end: number }): Uint8Array {
  const rest = Buffer.allocUnsafe(bytes.length - (field.end - field.start));
  rest.set(bytes.subarray(0, field.start), 0);
  rest.set(bytes.subarray(field.end), field.start);
  return rest;
}

/**
 * Where the document field and the document id are; undefined unless the document appears exactly
 * once and (when `needId`) the document id too.
 */
function locate(b: Uint8Array, needId = true): Slices | undefined {
  const r = new WireReader(b);
  let field: { start: number; end: number; valueStart: number } | undefined;
  let documentId: string | undefined;
  try {
    while (r.pos < r.len) {
      const start = r.pos;
      const tag = r.varint();
      const no = tag >>> 3;
      const wire = tag & 7;
      if (wire === 2 && no === DOCUMENT_FIELD) {
        if (field) return undefined;
        const end = r.length();
        field = { start, end, valueStart: r.pos };
        r.pos = end;
      } else if (wire === 2 && no === DOCUMENT_ID_FIELD) {
        if (documentId !== undefined) return undefined;
        documentId = r.string();
      } else r.skip(wire);
    }
  } catch {
    // Not read as an envelope: the full decode says why.
    return undefined;
  }
  if (!field || (needId && documentId === undefined)) return undefined;
  return {
    field: { start: field.start, end: field.end },
    value: b.subarray(field.valueStart, field.end),
    documentId: documentId ?? '',
  };
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.from(a.buffer, a.byteOffset, a.length).equals(b);
}

/**
 * Decoded documents by document id, most recent last; bounded by count and by bytes held. One per
 * node process (the container registers one); a runtime hosting a whole tree shares it between its
 * nodes, which is where a broadcast's copies meet.
 */
export class DocumentBytesCache {
  private readonly entries = new Map<string, Entry>();
  private held = 0;
  /** Decodes that reused a document (for tests and metrics). */
  hits = 0;

  constructor(
    private readonly maxEntries = 256,
    private readonly maxBytes = 32 * 1024 * 1024,
  ) {}

  /**
   * Decodes and validates like `decodeEnvelope`, reusing a document decoded before. The envelope's
   * names are kept for `envelopeNames(bytes)`: the audit entry of the message does not decode it again.
   */
  decode(bytes: Uint8Array, opts: DecodeOptions = {}): Envelope {
    const env = this.decodeOnce(bytes, opts);
    namesOf.set(bytes, namesFrom(env));
    return env;
  }

  private decodeOnce(bytes: Uint8Array, opts: DecodeOptions): Envelope {
    if (bytes.length > (opts.maxBytes ?? DEFAULT_MAX_BYTES)) return decodeEnvelope(bytes, opts);
    const at = bytes.length >= SHARED_MIN_BYTES ? locate(bytes) : undefined;
    if (!at || at.value.length < SHARED_MIN_BYTES) return decodeEnvelope(bytes, opts);
    const known = this.entries.get(at.documentId);
    if (!known || !sameBytes(known.bytes, at.value)) {
      const env = decodeEnvelope(bytes, opts);
      if (env.document) this.remember(at.documentId, at.value.slice(), env.document);
      return env;
    }
    let env: Envelope;
    try {
      env = Envelope.decode(cut(bytes, at.field));
    } catch {
      return decodeEnvelope(bytes, opts);
    }
    // The document itself was validated when first decoded; what depends on the envelope (its id
    // matching the envelope's) is checked again, with a stand-in that has no `to` list.
    const doc = known.document;
    env.document = { documentId: doc.documentId ?? '', ...(doc.from ? { from: doc.from } : {}) };
    validateEnvelope(env);
    env.document = doc as Envelope['document'];
    this.hits++;
    return env;
  }

  private remember(documentId: string, bytes: Uint8Array, document: IDocument): void {
    bytesOf.set(document, bytes);
    const old = this.entries.get(documentId);
    if (old) {
      this.entries.delete(documentId);
      this.held -= old.bytes.length;
    }
    this.entries.set(documentId, { bytes, document });
    this.held += bytes.length;
    while (this.entries.size > this.maxEntries || this.held > this.maxBytes) {
      const [oldest, entry] = this.entries.entries().next().value as [string, Entry];
      this.entries.delete(oldest);
      this.held -= entry.bytes.length;
    }
  }
}

/** Encodes like `encodeEnvelope`; a document decoded here keeps the bytes it came with. */
export function encodeEnvelopeShared(env: IEnvelope): Uint8Array {
  const doc = env.document;
  const bytes = doc ? bytesOf.get(doc) : undefined;
  if (!bytes) return encodeEnvelope(env);
  const head = encodeEnvelope({ ...env, document: null });
  const prefix = lengthPrefix(DOCUMENT_FIELD, bytes.length);
  const out = Buffer.allocUnsafe(head.length + prefix.length + bytes.length);
  out.set(head, 0);
  out.set(prefix, head.length);
  out.set(bytes, head.length + prefix.length);
  return out;
}

/** The process's cache: every node of every runtime in it decodes through this one. */
export const sharedDocuments = new DocumentBytesCache();
