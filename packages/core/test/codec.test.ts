import {
  DEFAULT_MAX_BYTES,
  DecodeError,
  checkEncodedEnvelope,
  decodeDeadLetter,
  decodeDocument,
  decodeEnvelope,
  decodeTrackingRecord,
  encodeDeadLetter,
  encodeDocument,
  encodeEnvelope,
  encodeTrackingRecord,
  newTrackingRecord,
  validateEnvelope,
} from '@lienthong/core';
import { deadLetterFor } from '@lienthong/core/internal';
import type { IDocument, IEnvelope } from '@lienthong/proto';
import {
  BusinessStatus,
  Envelope,
  EnvelopeKind,
  FailureReason,
  Priority,
  SCHEMA_VERSION,
  TransportState,
} from '@lienthong/proto';

const DOC_ID = '000.00.00.G22,2026/11/23,12/VPCP-TH';
const R = FailureReason;

const document = (): IDocument => ({
  documentId: DOC_ID,
  from: { code: '000.00.00.G22', name: 'Văn phòng Chính phủ' },
  to: [{ code: '000.00.00.H41', name: 'Ủy ban nhân dân tỉnh Nghệ An' }],
  subject: 'Về việc triển khai trục liên thông văn bản quốc gia',
  priority: Priority.PRIORITY_FLASH,
});

const envelope = (over: Partial<IEnvelope> = {}): IEnvelope => ({
  schemaVersion: SCHEMA_VERSION,
  envelopeId: 'a2b3c4d5e6f7a2b3c4d5e6f7a2',
  kind: EnvelopeKind.ENVELOPE_KIND_DOCUMENT,
  documentId: DOC_ID,
  originAgency: '000.00.00.G22',
  originNode: 'vn',
  recipients: ['000.00.00.H41', '000.00.00.H27'],
  createdAtMs: Date.UTC(2026, 10, 23, 2),
  hops: [{ node: 'vn', inMs: 1, outMs: 2 }],
  hopLimit: 16,
  priority: Priority.PRIORITY_FLASH,
  document: document(),
  ...over,
});

/** The DecodeError that decoding `env` throws. */
function failure(env: IEnvelope | Uint8Array, maxBytes?: number): DecodeError {
  const bytes = env instanceof Uint8Array ? env : Envelope.encode(env).finish();
  try {
    decodeEnvelope(bytes, maxBytes === undefined ? {} : { maxBytes });
  } catch (e) {
    if (e instanceof DecodeError) return e;
    throw e;
  }
  throw new Error('decoded without error');
}

describe('decodeEnvelope', () => {
  it('round-trips a valid envelope', () => {
    const env = decodeEnvelope(encodeEnvelope(envelope()));
    expect(env.envelopeId).toBe('a2b3c4d5e6f7a2b3c4d5e6f7a2');
    expect(env.payload).toBe('document');
    expect(env.document?.to?.[0]?.name).toBe('Ủy ban nhân dân tỉnh Nghệ An');
    expect(env.createdAtMs).toBe(Date.UTC(2026, 10, 23, 2));
    expect(env.recipients).toEqual(['000.00.00.H41', '000.00.00.H27']);
  });

  it('accepts status and transport envelopes', () => {
    const status = envelope({
      kind: EnvelopeKind.ENVELOPE_KIND_STATUS,
      document: null,
      originAgency: '000.00.00.H41',
      originNode: 'h41',
      recipients: ['000.00.00.G22'],
      status: {
        code: BusinessStatus.BUSINESS_STATUS_ARRIVED,
        responder: '000.00.00.H41',
        documentId: DOC_ID,
        documentSender: '000.00.00.G22',
      },
    });
    expect(decodeEnvelope(encodeEnvelope(status)).status?.code).toBe(BusinessStatus.BUSINESS_STATUS_ARRIVED);
    const transport = envelope({
      kind: EnvelopeKind.ENVELOPE_KIND_TRANSPORT,
      document: null,
      recipients: ['000.00.00.G22'],
      transport: {
        state: TransportState.TRANSPORT_STATE_DELIVERED,
        documentId: DOC_ID,
        recipient: '000.00.00.H41',
        node: 'h41',
      },
    });
    expect(decodeEnvelope(encodeEnvelope(transport)).transport?.state).toBe(
      TransportState.TRANSPORT_STATE_DELIVERED,
    );
  });

  it('refuses oversized input before decoding it', () => {
    const e = failure(new Uint8Array(DEFAULT_MAX_BYTES + 1).fill(0xff));
    expect(e.reason).toBe(R.FAILURE_REASON_TOO_LARGE);
    expect(e.message).toBe(
      `invalid Envelope: ${DEFAULT_MAX_BYTES + 1} bytes; the limit is ${DEFAULT_MAX_BYTES}`,
    );
    const small = failure(envelope(), 10);
    expect(small.reason).toBe(R.FAILURE_REASON_TOO_LARGE);
  });

  it('refuses bytes that are not a protobuf Envelope', () => {
    const e = failure(new Uint8Array([0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f]));
    expect(e.reason).toBe(R.FAILURE_REASON_MALFORMED);
    expect(e.message).toMatch(/^invalid Envelope: not a protobuf Envelope: /);
    expect(e.cause).toBeInstanceOf(Error);
    expect(failure(new TextEncoder().encode('{"json": true}')).reason).toBe(R.FAILURE_REASON_MALFORMED);
    expect(() => decodeEnvelope('not bytes' as never)).toThrow(
      'invalid Envelope: expected bytes (Uint8Array), got string',
    );
  });

  it('refuses another schema version', () => {
    const e = failure(envelope({ schemaVersion: 2 }));
    expect(e.reason).toBe(R.FAILURE_REASON_UNSUPPORTED_SCHEMA);
    expect(e.message).toBe('invalid Envelope: schemaVersion: 2 is not supported (this node speaks 1)');
    expect(failure(envelope({ schemaVersion: 0 })).reason).toBe(R.FAILURE_REASON_UNSUPPORTED_SCHEMA);
  });

  it.each<[string, Partial<IEnvelope>, FailureReason, string]>([
    ['no envelope id', { envelopeId: '' }, R.FAILURE_REASON_MALFORMED, 'envelopeId: missing'],
    [
      'a long envelope id',
      { envelopeId: 'x'.repeat(129) },
      R.FAILURE_REASON_MALFORMED,
      'envelopeId: 129 characters; at most 128',
    ],
    [
      'a spaced envelope id',
      { envelopeId: 'a b' },
      R.FAILURE_REASON_MALFORMED,
      "envelopeId: 'a b' contains a forbidden character",
    ],
    [
      'no kind',
      { kind: EnvelopeKind.ENVELOPE_KIND_UNSPECIFIED },
      R.FAILURE_REASON_MALFORMED,
      'kind: missing',
    ],
    [
      'an unknown kind',
      { kind: 9 as EnvelopeKind },
      R.FAILURE_REASON_MALFORMED,
      'kind: 9 is not an envelope kind',
    ],
    ['no document id', { documentId: '' }, R.FAILURE_REASON_MALFORMED, 'documentId: missing'],
    [
      'a long document id',
      { documentId: 'x'.repeat(513) },
      R.FAILURE_REASON_MALFORMED,
      'documentId: 513 characters; at most 512',
    ],
    [
      'a control char in the document id',
      { documentId: 'a\u0000b' },
      R.FAILURE_REASON_MALFORMED,
      "documentId: 'a\u0000b' contains a forbidden character",
    ],
    ['no origin agency', { originAgency: '' }, R.FAILURE_REASON_MALFORMED, 'originAgency: missing'],
    [
      'a bad origin agency',
      { originAgency: '000.00.00.G2>' },
      R.FAILURE_REASON_INVALID_AGENCY_CODE,
      "originAgency: '000.00.00.G2>' is not an agency code: wildcard or subject separator",
    ],
    ['no origin node', { originNode: '' }, R.FAILURE_REASON_MALFORMED, 'originNode: missing'],
    [
      'a bad origin node',
      { originNode: 'VN' },
      R.FAILURE_REASON_MALFORMED,
      "originNode: 'VN' is not a node id: wrong shape (expected 1-32 of [a-z0-9-])",
    ],
    [
      'no recipients',
      { recipients: [] },
      R.FAILURE_REASON_MALFORMED,
      'recipients: at least one recipient is required',
    ],
    [
      'a wildcard recipient',
      { recipients: ['000.00.00.H41', '000.00.00.H27', '000.00.00.G22', '000.00.00.H4*'] },
      R.FAILURE_REASON_INVALID_AGENCY_CODE,
      "recipients[3]: '000.00.00.H4*' is not an agency code: wildcard or subject separator",
    ],
    [
      'a look-alike recipient',
      { recipients: ['000.00.00.\u041d41'] },
      R.FAILURE_REASON_INVALID_AGENCY_CODE,
      "recipients[0]: '000.00.00.\u041d41' is not an agency code: non-ASCII character",
    ],
    [
      'a 3-group recipient',
      { recipients: ['28.22.H17'] },
      R.FAILURE_REASON_INVALID_AGENCY_CODE,
      "recipients[0]: '28.22.H17' is not an agency code: wrong shape (expected AAA.BB.CC.Xnn, such as 000.00.00.G22)",
    ],
    [
      'an empty recipient',
      { recipients: ['000.00.00.H41', ''] },
      R.FAILURE_REASON_MALFORMED,
      'recipients[1]: missing',
    ],
    [
      'a repeated recipient',
      { recipients: ['000.00.00.H41', '000.00.00.H27', '000.00.00.H41'] },
      R.FAILURE_REASON_MALFORMED,
      "recipients[2]: '000.00.00.H41' repeats recipients[0]",
    ],
    [
      'a bad hop node',
      { hops: [{ node: 'vn' }, { node: 'h41.x' }] },
      R.FAILURE_REASON_MALFORMED,
      "hops[1].node: 'h41.x' is not a node id: wrong shape (expected 1-32 of [a-z0-9-])",
    ],
    [
      'no payload',
      { document: null },
      R.FAILURE_REASON_MALFORMED,
      'payload: kind ENVELOPE_KIND_DOCUMENT needs a document payload, found none',
    ],
    [
      'a payload that does not match the kind',
      { document: null, status: { code: BusinessStatus.BUSINESS_STATUS_ARRIVED } },
      R.FAILURE_REASON_MALFORMED,
      'payload: kind ENVELOPE_KIND_DOCUMENT needs a document payload, found status',
    ],
    [
      'a document whose id differs',
      { document: { ...document(), documentId: 'other' } },
      R.FAILURE_REASON_MALFORMED,
      `document.documentId: 'other' differs from the envelope's documentId '${DOC_ID}'`,
    ],
    [
      'a document with a bad recipient code',
      { document: { ...document(), to: [{ code: '000.00.00.H41' }, { code: '000 00 00 H27' }] } },
      R.FAILURE_REASON_INVALID_AGENCY_CODE,
      "document.to[1].code: '000 00 00 H27' is not an agency code: whitespace or control character",
    ],
    [
      'a status without a code',
      { kind: EnvelopeKind.ENVELOPE_KIND_STATUS, document: null, status: { responder: '000.00.00.H41' } },
      R.FAILURE_REASON_MALFORMED,
      'status.code: missing',
    ],
    [
      'a status with an unknown code',
      { kind: EnvelopeKind.ENVELOPE_KIND_STATUS, document: null, status: { code: 7 as BusinessStatus } },
      R.FAILURE_REASON_MALFORMED,
      'status.code: 7 is not a business status',
    ],
    [
      'a status with a bad responder',
      {
        kind: EnvelopeKind.ENVELOPE_KIND_STATUS,
        document: null,
        status: { code: BusinessStatus.BUSINESS_STATUS_ARRIVED, responder: 'H41' },
      },
      R.FAILURE_REASON_INVALID_AGENCY_CODE,
      "status.responder: 'H41' is not an agency code: wrong shape (expected AAA.BB.CC.Xnn, such as 000.00.00.G22)",
    ],
    [
      'a transport event without a state',
      {
        kind: EnvelopeKind.ENVELOPE_KIND_TRANSPORT,
        document: null,
        transport: { recipient: '000.00.00.H41' },
      },
      R.FAILURE_REASON_MALFORMED,
      'transport.state: missing',
    ],
    [
      'a transport event with a bad node',
      {
        kind: EnvelopeKind.ENVELOPE_KIND_TRANSPORT,
        document: null,
        transport: { state: TransportState.TRANSPORT_STATE_RELAYED, node: '*' },
      },
      R.FAILURE_REASON_MALFORMED,
      "transport.node: '*' is not a node id: wrong shape (expected 1-32 of [a-z0-9-])",
    ],
  ])('refuses %s', (_name, over, reason, detail) => {
    const e = failure(envelope(over));
    expect(e.reason).toBe(reason);
    expect(e.message).toBe(`invalid Envelope: ${detail}`);
    expect(e.context).toMatchObject({ what: 'Envelope', detail });
  });

  it('refuses two payloads at once', () => {
    const both = envelope({ status: { code: BusinessStatus.BUSINESS_STATUS_ARRIVED } });
    expect(() => validateEnvelope(both)).toThrow(
      'invalid Envelope: payload: only one payload is allowed, found document and status',
    );
    // On the wire the last oneof member wins, so the decoded envelope carries the status only.
    expect(failure(both).message).toBe(
      'invalid Envelope: payload: kind ENVELOPE_KIND_DOCUMENT needs a document payload, found status',
    );
  });

  it('enforces the recipient and hop limits', () => {
    const many = Array.from(
      { length: 10_001 },
      (_, i) =>
        `${String(i % 1000).padStart(3, '0')}.${String(Math.floor(i / 1000)).padStart(2, '0')}.00.H41`,
    );
    expect(failure(envelope({ recipients: many })).message).toBe(
      'invalid Envelope: recipients: 10001 recipients; at most 10000',
    );
    expect(
      decodeEnvelope(encodeEnvelope(envelope({ recipients: many.slice(0, 10_000) }))).recipients,
    ).toHaveLength(10_000);
    const hops = Array.from({ length: 65 }, () => ({ node: 'vn' }));
    expect(failure(envelope({ hops })).message).toBe('invalid Envelope: hops: 65 hops; at most 64');
    expect(decodeEnvelope(encodeEnvelope(envelope({ hops: hops.slice(0, 64) }))).hops).toHaveLength(64);
  });

  it('keeps the ids it could read in the error context, for the dead letter', () => {
    const e = failure(envelope({ recipients: ['bad'] }));
    expect(e.context).toMatchObject({
      envelopeId: 'a2b3c4d5e6f7a2b3c4d5e6f7a2',
      documentId: DOC_ID,
      originAgency: '000.00.00.G22',
    });
  });

  it('validateEnvelope applies the same rules to an object', () => {
    expect(() => validateEnvelope(envelope())).not.toThrow();
    expect(() => validateEnvelope(envelope({ recipients: [] }))).toThrow(DecodeError);
  });

  it('checkEncodedEnvelope gives the verdict decoding the encoded bytes would give', () => {
    const cases: IEnvelope[] = [
      envelope(),
      envelope({ recipients: [] }),
      envelope({ recipients: ['000.00.00.H41', '000.00.00.H41'] }),
      envelope({ recipients: ['000.00.00.H4>'] }),
      envelope({ schemaVersion: 2 }),
      envelope({ documentId: 'bad\u0000id' }),
      envelope({ originNode: '' }),
      envelope({ hops: [{ node: 'a b' }] }),
      envelope({ document: { ...document(), documentId: 'other' } }),
      envelope({ document: { ...document(), to: [{ code: 'nope' }] } }),
      envelope({ kind: EnvelopeKind.ENVELOPE_KIND_STATUS }),
    ];
    for (const env of cases) {
      const bytes = encodeEnvelope(env);
      const viaDecode = (() => {
        try {
          decodeEnvelope(bytes);
          return undefined;
        } catch (e) {
          return e as DecodeError;
        }
      })();
      const viaCheck = (() => {
        try {
          checkEncodedEnvelope(env, bytes);
          return undefined;
        } catch (e) {
          return e as DecodeError;
        }
      })();
      expect(viaCheck?.reason).toBe(viaDecode?.reason);
      expect(viaCheck?.message).toBe(viaDecode?.message);
    }
  });

  it('checkEncodedEnvelope refuses what is too large, and a field that is not a string', () => {
    const bytes = encodeEnvelope(envelope());
    const tooLarge = (() => {
      try {
        checkEncodedEnvelope(envelope(), bytes, { maxBytes: 10 });
      } catch (e) {
        return e as DecodeError;
      }
      return undefined;
    })();
    expect(tooLarge).toBeInstanceOf(DecodeError);
    expect(tooLarge?.reason).toBe(R.FAILURE_REASON_TOO_LARGE);
    expect(() => checkEncodedEnvelope(envelope({ documentId: 42 as never }), bytes)).toThrow(
      'documentId: not a string',
    );
  });

  it('encodes without validating, so a bad envelope can be produced on purpose', () => {
    expect(encodeEnvelope(envelope({ recipients: ['*'] })).length).toBeGreaterThan(0);
  });
});

describe('other messages', () => {
  it('round-trips a tracking record and checks its parties', () => {
    const r = newTrackingRecord({
      documentId: DOC_ID,
      sender: '000.00.00.G22',
      recipient: '000.00.00.H41',
      sentAtMs: 5,
      confirmByMs: 10,
    });
    const back = decodeTrackingRecord(encodeTrackingRecord(r));
    expect(back.documentId).toBe(DOC_ID);
    expect(back.confirmByMs).toBe(10);
    expect(() =>
      decodeTrackingRecord(encodeTrackingRecord({ ...r.toJSON(), recipient: '000.00.00.H4*' })),
    ).toThrow(
      "invalid TrackingRecord: recipient: '000.00.00.H4*' is not an agency code: wildcard or subject separator",
    );
    expect(() => decodeTrackingRecord(encodeTrackingRecord({ documentId: DOC_ID }))).toThrow(
      'invalid TrackingRecord: sender: missing',
    );
    expect(() =>
      decodeTrackingRecord(encodeTrackingRecord({ sender: '000.00.00.G22', documentId: 'x'.repeat(513) })),
    ).toThrow('invalid TrackingRecord: documentId: 513 characters; at most 512');
    // A rejection notice names only the sender.
    const notice = decodeTrackingRecord(
      encodeTrackingRecord({ sender: '000.00.00.G22', failureDetail: 'bad' }),
    );
    expect(notice.recipient).toBe('');
    expect(() => decodeTrackingRecord(new Uint8Array([0xff]))).toThrow(
      /^invalid TrackingRecord: not a protobuf TrackingRecord/,
    );
  });

  it('round-trips a document and checks its codes', () => {
    const back = decodeDocument(encodeDocument(document()));
    expect(back.subject).toBe('Về việc triển khai trục liên thông văn bản quốc gia');
    expect(() => decodeDocument(encodeDocument({ ...document(), documentId: '' }))).toThrow(
      'invalid Document: documentId: missing',
    );
    expect(() => decodeDocument(encodeDocument({ ...document(), from: { code: '14.00.W00' } }))).toThrow(
      "invalid Document: from.code: '14.00.W00' is not an agency code: wrong shape",
    );
    expect(() => decodeDocument(encodeDocument(document()), { maxBytes: 8 })).toThrow(
      /^invalid Document: \d+ bytes; the limit is 8$/,
    );
  });

  it('builds and round-trips the dead letter of a decode failure', () => {
    const original = Envelope.encode(envelope({ recipients: ['000.00.00.H4*'] })).finish();
    let error: unknown;
    try {
      decodeEnvelope(original);
    } catch (e) {
      error = e;
    }
    const dead = deadLetterFor(error, {
      node: 'h41',
      subject: 'lt.v1.province.h41.relay.normal.vn',
      original,
      atMs: 1234,
    });
    expect(dead.reason).toBe(R.FAILURE_REASON_INVALID_AGENCY_CODE);
    expect(dead.detail).toBe(
      "invalid Envelope: recipients[0]: '000.00.00.H4*' is not an agency code: wildcard or subject separator",
    );
    expect(dead.envelopeId).toBe('a2b3c4d5e6f7a2b3c4d5e6f7a2');
    expect(dead.documentId).toBe(DOC_ID);
    expect(dead.originAgency).toBe('000.00.00.G22');
    const back = decodeDeadLetter(encodeDeadLetter(dead));
    expect(Buffer.from(back.original)).toEqual(Buffer.from(original));
    expect(back.atMs).toBe(1234);
    expect(back.subject).toBe('lt.v1.province.h41.relay.normal.vn');
  });

  it('gives other errors the reason it is told, else MALFORMED', () => {
    const info = { node: 'h41', subject: 's', original: new Uint8Array([1]), atMs: 1 };
    expect(deadLetterFor(new Error('boom'), info).reason).toBe(R.FAILURE_REASON_MALFORMED);
    expect(
      deadLetterFor(new Error('boom'), { ...info, reason: R.FAILURE_REASON_UNKNOWN_RECIPIENT }).reason,
    ).toBe(R.FAILURE_REASON_UNKNOWN_RECIPIENT);
    expect(deadLetterFor(new Error('boom'), { ...info, envelope: envelope() }).documentId).toBe(DOC_ID);
  });
});
