/**
 * Fuzz: whatever bytes arrive on a submit or relay subject, decoding either yields an envelope that
 * passed every check or throws a DecodeError with a FailureReason — never anything else, never a
 * hang. Random bytes, and valid envelopes mutated byte by byte (flips, truncations, insertions).
 * LT_FUZZ_RUNS sets the number of cases (default 20,000 for the test suite; 100,000+ for the full run).
 */
import fc from 'fast-check';
import { DecodeError, decodeEnvelope, encodeEnvelope } from '@lienthong/core';
import { BusinessStatus, EnvelopeKind, FailureReason, SCHEMA_VERSION } from '@lienthong/proto';
import type { IEnvelope } from '@lienthong/proto';

const RUNS = Number(process.env.LT_FUZZ_RUNS ?? 20_000);

const documentEnvelope: IEnvelope = {
  schemaVersion: SCHEMA_VERSION,
  envelopeId: 'e7mq3xk2d4vbn5s6h7j8k9l2a3',
  kind: EnvelopeKind.ENVELOPE_KIND_DOCUMENT,
  documentId: '000.01.43.H41,2026/11/22,15/UBND-VP',
  originAgency: '000.01.43.H41',
  originNode: 'h41-yenthanh-xa1',
  recipients: ['000.00.00.G22', '000.00.00.H41'],
  createdAtMs: Date.UTC(2026, 10, 22),
  hops: [{ node: 'h41-yenthanh-xa1', level: 4, inMs: 1, outMs: 2 }],
  hopLimit: 16,
  document: {
    documentId: '000.01.43.H41,2026/11/22,15/UBND-VP',
    from: { code: '000.01.43.H41', name: 'Ủy ban nhân dân xã Bảo Thành' },
    to: [{ code: '000.00.00.G22' }, { code: '000.00.00.H41' }],
    subject: 'Báo cáo tình hình thiệt hại do mưa lũ',
    attachments: [
      {
        name: 'a.pdf',
        mediaType: 'application/pdf',
        size: 3,
        sha256: new Uint8Array(32),
        inline: new Uint8Array([1, 2, 3]),
      },
    ],
  },
};
const statusEnvelope: IEnvelope = {
  ...documentEnvelope,
  kind: EnvelopeKind.ENVELOPE_KIND_STATUS,
  recipients: ['000.01.43.H41'],
  document: null,
  status: {
    code: BusinessStatus.BUSINESS_STATUS_COMPLETED,
    responder: '000.00.00.G22',
    documentId: '000.01.43.H41,2026/11/22,15/UBND-VP',
    documentSender: '000.01.43.H41',
    description: 'Đã xử lý xong',
    timestampMs: 5,
  },
};
const seeds = [encodeEnvelope(documentEnvelope), encodeEnvelope(statusEnvelope)];
const REASONS = new Set(
  Object.values(FailureReason).filter((v): v is number => typeof v === 'number' && v > 0),
);

/** Decodes, and says what happened; anything thrown that is not a DecodeError fails the property. */
function outcome(bytes: Uint8Array): 'ok' | 'refused' {
  try {
    decodeEnvelope(bytes, { maxBytes: 64 * 1024 });
    return 'ok';
  } catch (e) {
    if (!(e instanceof DecodeError)) throw e;
    if (!REASONS.has(e.reason)) throw new Error(`DecodeError without a reason: ${e.message}`);
    if (e.message.length === 0) throw new Error('DecodeError without a message');
    return 'refused';
  }
}

const mutated = fc
  .record({
    seed: fc.constantFrom(...seeds),
    edits: fc.array(
      fc.oneof(
        fc.record({ op: fc.constant('flip' as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
        fc.record({ op: fc.constant('set' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
        fc.record({ op: fc.constant('cut' as const), at: fc.nat() }),
        fc.record({
          op: fc.constant('insert' as const),
          at: fc.nat(),
          bytes: fc.uint8Array({ maxLength: 16 }),
        }),
      ),
      { minLength: 1, maxLength: 6 },
    ),
  })
  .map(({ seed, edits }) => {
    let b = Uint8Array.from(seed);
    for (const e of edits) {
      const at = b.length === 0 ? 0 : e.at % b.length;
      if (e.op === 'flip' && b.length > 0) b[at] = b[at]! ^ (1 << e.bit);
      else if (e.op === 'set' && b.length > 0) b[at] = e.value;
      else if (e.op === 'cut') b = b.slice(0, at);
      else if (e.op === 'insert') b = Uint8Array.from([...b.slice(0, at), ...e.bytes, ...b.slice(at)]);
    }
    return b;
  });

describe('envelope decoding under fuzz', () => {
  it('the seeds themselves decode', () => {
    for (const s of seeds) expect(outcome(s)).toBe('ok');
  });

  it(`random bytes: only DecodeError, always with a reason (${RUNS} cases)`, () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 512 }), (b) => void outcome(b)),
      { numRuns: RUNS },
    );
  });

  it(`mutated valid envelopes: only DecodeError, or an envelope that passed every check (${RUNS} cases)`, () => {
    let ok = 0;
    fc.assert(
      fc.property(mutated, (b) => {
        if (outcome(b) === 'ok') ok++;
      }),
      { numRuns: RUNS },
    );
    // Some mutations land in free text and still decode; most must be refused.
    expect(ok).toBeLessThan(RUNS);
  });

  it('oversized input is refused before parsing', () => {
    const big = new Uint8Array(64 * 1024 + 1);
    expect(() => decodeEnvelope(big, { maxBytes: 64 * 1024 })).toThrow(DecodeError);
    try {
      decodeEnvelope(big, { maxBytes: 64 * 1024 });
    } catch (e) {
      expect((e as DecodeError).reason).toBe(FailureReason.FAILURE_REASON_TOO_LARGE);
    }
  });
});
