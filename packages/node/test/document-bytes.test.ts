/**
 * The per-process document cache (src/document-bytes.ts): a broadcast's document is decoded and
 * validated once, later envelopes carrying the same bytes reuse it, and envelopes are encoded with
 * the document's bytes as received. What it must never do: hand out a document other than the
 * bytes say, or let through an envelope the full decode refuses.
 */
import { DecodeError, decodeEnvelope, encodeEnvelope } from '@lienthong/core';
import { Document, EnvelopeKind, FailureReason, SCHEMA_VERSION } from '@lienthong/proto';
import type { IDocument, IEnvelope } from '@lienthong/proto';
import {
  DocumentBytesCache,
  SHARED_MIN_BYTES,
  decodeWithoutDocument,
  encodeEnvelopeShared,
  envelopeNames,
} from '../src/document-bytes';

const SENDER = '000.00.00.G01';
const codes = (n: number): string[] =>
  Array.from(
    { length: n },
    (_, i) =>
      `${String((i % 98) + 1).padStart(3, '0')}.01.01.H${String(Math.floor(i / 98) + 1).padStart(2, '0')}`,
  );

function documentOf(id: string, to: readonly string[], subject = 'Công điện khẩn'): IDocument {
  return { documentId: id, from: { code: SENDER }, to: to.map((code) => ({ code })), subject };
}

function envelope(doc: IDocument, over: Partial<IEnvelope> = {}): IEnvelope {
  return {
    schemaVersion: SCHEMA_VERSION,
    envelopeId: 'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-abcde',
    kind: EnvelopeKind.ENVELOPE_KIND_DOCUMENT,
    documentId: doc.documentId!,
    originAgency: SENDER,
    originNode: 'vn',
    recipients: (doc.to ?? []).slice(0, 3).map((o) => o.code!),
    createdAtMs: 1_700_000_000_000,
    hops: [{ node: 'vn', level: 1, inMs: 1, outMs: 2 }],
    hopLimit: 16,
    priority: 0,
    document: doc,
    ...over,
  };
}

const plain = (x: unknown): unknown => JSON.parse(JSON.stringify(x));

describe('document bytes shared between envelopes', () => {
  const to = codes(300);
  const doc = documentOf('000.00.00.G01,2026/12/02,1/CĐ', to);

  it('decodes a document once: the next envelope with the same bytes reuses it and decodes the same', () => {
    const cache = new DocumentBytesCache();
    const first = encodeEnvelope(envelope(doc));
    expect(Document.encode(doc).finish().length).toBeGreaterThan(SHARED_MIN_BYTES);
    const a = cache.decode(first);
    expect(cache.hits).toBe(0);
    // Another node's copy: other recipients and hops, the same document.
    const second = encodeEnvelope(envelope(doc, { recipients: [to[7]!], hops: [], hopLimit: 15 }));
    const b = cache.decode(second);
    expect(cache.hits).toBe(1);
    expect(b.document).toBe(a.document);
    expect(plain(b)).toEqual(plain(decodeEnvelope(second)));
  });

  it('encodes with the document bytes as received, which decode to the same envelope', () => {
    const cache = new DocumentBytesCache();
    const received = encodeEnvelope(envelope(doc));
    const env = cache.decode(received);
    const next: IEnvelope = { ...env, recipients: [to[5]!], hops: [...env.hops, { node: 'p1', level: 2 }] };
    const bytes = encodeEnvelopeShared(next);
    expect(plain(decodeEnvelope(bytes))).toEqual(plain(decodeEnvelope(encodeEnvelope(next))));
    const docBytes = Document.encode(doc).finish();
    expect(Buffer.from(bytes).includes(Buffer.from(docBytes))).toBe(true);
    // A document this process did not decode is encoded the ordinary way.
    const fresh = envelope(documentOf('000.00.00.G01,2026/12/02,2/CĐ', to));
    expect(Buffer.from(encodeEnvelopeShared(fresh))).toEqual(Buffer.from(encodeEnvelope(fresh)));
  });

  it('a different document under the same id is decoded in full, never taken for the cached one', () => {
    const cache = new DocumentBytesCache();
    cache.decode(encodeEnvelope(envelope(doc)));
    const changed = documentOf(doc.documentId!, to, 'Công điện khẩn (sửa)');
    const env = cache.decode(encodeEnvelope(envelope(changed)));
    expect(cache.hits).toBe(0);
    expect(env.document?.subject).toBe('Công điện khẩn (sửa)');
  });

  it('still refuses what the full decode refuses when the document is cached', () => {
    const cache = new DocumentBytesCache();
    cache.decode(encodeEnvelope(envelope(doc)));
    const refused = (over: Partial<IEnvelope>): DecodeError => {
      const bytes = encodeEnvelope(envelope(doc, over));
      let error: unknown;
      try {
        cache.decode(bytes);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(DecodeError);
      // The same answer as without the cache.
      expect(() => decodeEnvelope(bytes)).toThrow((error as Error).message);
      return error as DecodeError;
    };
    expect(refused({ recipients: ['not-a-code'] }).reason).toBe(
      FailureReason.FAILURE_REASON_INVALID_AGENCY_CODE,
    );
    expect(refused({ schemaVersion: 0 }).reason).toBe(FailureReason.FAILURE_REASON_UNSUPPORTED_SCHEMA);
    expect(refused({ originNode: '' }).reason).toBe(FailureReason.FAILURE_REASON_MALFORMED);
    expect(refused({ kind: EnvelopeKind.ENVELOPE_KIND_STATUS }).reason).toBe(
      FailureReason.FAILURE_REASON_MALFORMED,
    );
    // Over the size limit: refused before anything is read.
    const big = encodeEnvelope(envelope(doc));
    expect(() => cache.decode(big, { maxBytes: big.length - 1 })).toThrow(DecodeError);
  });

  it('never keeps a document the full decode refused', () => {
    const cache = new DocumentBytesCache();
    const bad = documentOf(doc.documentId!, [...to, 'bad code']);
    const bytes = encodeEnvelope(envelope(bad, { recipients: [to[0]!] }));
    expect(() => cache.decode(bytes)).toThrow(DecodeError);
    expect(() => cache.decode(bytes)).toThrow(DecodeError);
    expect(cache.hits).toBe(0);
  });

  it('holds a bounded number of documents', () => {
    const cache = new DocumentBytesCache(2);
    const ids = ['a', 'b', 'c'].map((t) => `000.00.00.G01,2026/12/02,1/${t}`);
    for (const id of ids) cache.decode(encodeEnvelope(envelope(documentOf(id, to))));
    cache.decode(encodeEnvelope(envelope(documentOf(ids[0]!, to))));
    expect(cache.hits).toBe(0); // the first was evicted
    cache.decode(encodeEnvelope(envelope(documentOf(ids[2]!, to))));
    expect(cache.hits).toBe(1);
  });

  it('reads the routing fields without the document, as the audit entry of a handled message does', () => {
    const bytes = encodeEnvelope(envelope(doc));
    const routing = decodeWithoutDocument(bytes);
    const full = decodeEnvelope(bytes);
    expect(routing.document ?? null).toBeNull();
    expect(plain({ ...routing, document: undefined })).toEqual(plain({ ...full, document: undefined }));
    // Small envelopes and envelopes without a document decode as they are.
    const small = encodeEnvelope(envelope(documentOf('x', to.slice(0, 1))));
    expect(decodeWithoutDocument(small).document?.documentId).toBe('x');
    expect(() => decodeWithoutDocument(bytes.subarray(0, bytes.length - 5))).toThrow();
  });

  it('names an envelope as its decode did, or from the routing fields of bytes it did not decode', () => {
    const status: IEnvelope = {
      ...envelope(documentOf('000.00.00.G01,2026/12/02,9/s', to)),
      kind: EnvelopeKind.ENVELOPE_KIND_STATUS,
      document: null,
      status: { code: 1, documentId: '000.00.00.G01,2026/12/02,9/s' },
    };
    for (const env of [envelope(doc), status]) {
      const bytes = encodeEnvelope(env);
      const read = envelopeNames(bytes);
      new DocumentBytesCache().decode(bytes);
      const kept = envelopeNames(bytes);
      expect(kept).toEqual(read);
      expect(kept).toEqual({
        kind: env.kind,
        envelopeId: env.envelopeId,
        documentId: env.documentId,
        ...(env.status ? { statusCode: 1 } : {}),
      });
      // The same bytes in another array were not decoded here: read again, same names.
      const copy = Uint8Array.from(bytes);
      expect(envelopeNames(copy)).toEqual(kept);
      // The decoded ones are not read again (their bytes overwritten, the names stay).
      bytes.fill(0);
      expect(envelopeNames(bytes)).toEqual(kept);
    }
    // A decode that fails keeps nothing: the fallback reads what it can, or throws.
    const truncated = encodeEnvelope(envelope(doc)).subarray(0, 40);
    expect(() => new DocumentBytesCache().decode(truncated)).toThrow(DecodeError);
    expect(() => envelopeNames(truncated)).toThrow();
  });
});
