/**
 * Bad input at a node's intake (the submit subject of an agency) and at its relay subject: truncated
 * and empty messages, schema versions it does not speak, empty and huge fields, invalid UTF-8, an
 * envelope that has gone round in a loop, the same submission twice. Each is answered with a
 * specific dead-letter reason and, for a submission, a notice to the sender on its track subject;
 * the node never stops serving. (Unknown recipients, sender mismatches, illegal status moves and
 * the hop limit of an honest path are in dead-letters.test.ts and status.test.ts.)
 */
import { encodeEnvelope, relaySubject } from '@lienthong/core';
import type { Topology } from '@lienthong/core';
import { EnvelopeKind, FailureReason, SCHEMA_VERSION, TransportState } from '@lienthong/proto';
import type { DeadLetter, IEnvelope, TrackingRecord } from '@lienthong/proto';
import type { LienthongClient } from '@lienthong/sdk';
import type { NatsServer } from '@lienthong/testkit';
import { A, Harness, demoTopology, docId, documentOf, waitFor } from './harness';
import type { InboxReader, Inspector } from './harness';

const R = FailureReason;
const SENDER = A.baothanh;
const HOME = 'h41-yenthanh-xa1';
const MAX_ENVELOPE_BYTES = 64 * 1024;

describe('bad input at intake and relay', () => {
  const h = new Harness();
  let topology: Topology;
  let server: NatsServer;
  let inspect: Inspector;
  let sender: LienthongClient;
  let government: LienthongClient;
  let governmentInbox: InboxReader;
  let seq = 0;
  const msgId = (tag: string): string => `bad-${tag}-${++seq}-${Date.now()}`;

  beforeAll(async () => {
    topology = demoTopology();
    server = await h.server();
    await h.node(server, topology, { limits: { maxEnvelopeBytes: MAX_ENVELOPE_BYTES } });
    inspect = await h.inspector(server, topology);
    sender = await h.client(server, SENDER);
    government = await h.client(server, A.government);
    governmentInbox = h.reader(government);
  }, 30_000);
  afterAll(() => h.cleanup());

  function envelope(id: string, over: Partial<IEnvelope> = {}): IEnvelope {
    return {
      schemaVersion: SCHEMA_VERSION,
      envelopeId: `bad-${++seq}`,
      kind: EnvelopeKind.ENVELOPE_KIND_DOCUMENT,
      documentId: id,
      originAgency: SENDER,
      originNode: HOME,
      recipients: [A.government],
      createdAtMs: Date.now(),
      hopLimit: 16,
      document: documentOf(id, SENDER, [A.government]),
      ...over,
    };
  }

  /** Dead letters at `node` whose original bytes are exactly `original`. */
  async function deadLetterOf(node: string, original: Uint8Array): Promise<DeadLetter> {
    const want = Buffer.from(original);
    const found = await waitFor(`a dead letter at ${node}`, async () => {
      const all = (await inspect.deadLetters(node)).filter((d) => Buffer.from(d.original).equals(want));
      return all.length > 0 ? all : false;
    });
    expect(found).toHaveLength(1);
    return found[0]!;
  }

  /** The sender's notice of a refused submission carrying exactly this reason and detail. */
  async function notice(d: DeadLetter): Promise<TrackingRecord> {
    const found = await waitFor('the refusal notice on the sender’s track subject', async () => {
      const all = (await inspect.trackMessages(SENDER)).filter(
        (r) => r.recipient === '' && r.failure === d.reason && r.failureDetail === d.detail,
      );
      return all.length > 0 ? all : false;
    });
    const r = found[0]!;
    expect(r.transport).toBe(TransportState.TRANSPORT_STATE_FAILED);
    return r;
  }

  async function stillServes(): Promise<void> {
    const id = docId(SENDER, 'OK');
    await sender.send(documentOf(id, SENDER, [A.government]));
    await waitFor(`${id} delivered after the bad input`, () => governmentInbox.counts().get(id) === 1);
  }

  /** Replaces `marker` (ASCII, in a string field) in the encoded bytes by `bytes` of the same length. */
  function patched(encoded: Uint8Array, marker: string, bytes: number[]): Uint8Array {
    const out = Buffer.from(encoded);
    const at = out.indexOf(Buffer.from(marker, 'latin1'));
    if (at < 0 || bytes.length !== marker.length) throw new Error('marker not found');
    Buffer.from(bytes).copy(out, at);
    return Uint8Array.from(out);
  }

  const valid = (): Uint8Array => encodeEnvelope(envelope(docId(SENDER)));

  const submitCases: [string, () => Uint8Array, FailureReason, RegExp][] = [
    ['an empty message', () => new Uint8Array(0), R.FAILURE_REASON_UNSUPPORTED_SCHEMA, /schemaVersion/],
    [
      'an envelope cut in half',
      () => {
        const b = valid();
        return b.subarray(0, Math.floor(b.length / 2));
      },
      R.FAILURE_REASON_MALFORMED,
      /not a protobuf Envelope/,
    ],
    [
      'an envelope missing its last byte',
      () => {
        const b = valid();
        return b.subarray(0, b.length - 1);
      },
      R.FAILURE_REASON_MALFORMED,
      /not a protobuf Envelope/,
    ],
    [
      'schema version 0',
      () => encodeEnvelope(envelope(docId(SENDER), { schemaVersion: 0 })),
      R.FAILURE_REASON_UNSUPPORTED_SCHEMA,
      /schemaVersion/,
    ],
    [
      'schema version 4294967295',
      () => encodeEnvelope(envelope(docId(SENDER), { schemaVersion: 4294967295 })),
      R.FAILURE_REASON_UNSUPPORTED_SCHEMA,
      /schemaVersion/,
    ],
    [
      'an empty document id',
      () => encodeEnvelope(envelope('', { document: documentOf('', SENDER, [A.government]) })),
      R.FAILURE_REASON_MALFORMED,
      /documentId/,
    ],
    [
      'no recipients',
      () => encodeEnvelope(envelope(docId(SENDER), { recipients: [] })),
      R.FAILURE_REASON_MALFORMED,
      /recipient/,
    ],
    [
      'an empty recipient code',
      () => encodeEnvelope(envelope(docId(SENDER), { recipients: [''] })),
      R.FAILURE_REASON_MALFORMED,
      /recipients\[0\]: missing/,
    ],
    [
      // Found by the fuzz run: a `to` entry whose code field was mangled was retried for ever.
      'a document recipient without a code',
      () => {
        const id = docId(SENDER);
        return encodeEnvelope(envelope(id, { document: { ...documentOf(id, SENDER, []), to: [{}] } }));
      },
      R.FAILURE_REASON_INVALID_AGENCY_CODE,
      /document recipient '' is not an agency code/,
    ],
    [
      'a document recipient with a wildcard',
      () => {
        const id = docId(SENDER);
        return encodeEnvelope(
          envelope(id, { document: { ...documentOf(id, SENDER, []), to: [{ code: '000.00.00.*' }] } }),
        );
      },
      R.FAILURE_REASON_INVALID_AGENCY_CODE,
      /document\.to\[0\]\.code: '000.00.00.\*' is not an agency code/,
    ],
    [
      'a subject of 200 KB',
      () => {
        const id = docId(SENDER);
        return encodeEnvelope(
          envelope(id, {
            document: { ...documentOf(id, SENDER, [A.government]), subject: 'x'.repeat(200_000) },
          }),
        );
      },
      R.FAILURE_REASON_TOO_LARGE,
      /bytes/,
    ],
    [
      '5,000 recipients',
      () =>
        encodeEnvelope(
          envelope(docId(SENDER), {
            recipients: Array.from(
              { length: 5000 },
              (_, i) => `000.00.${String(i % 100).padStart(2, '0')}.H41`,
            ),
          }),
        ),
      R.FAILURE_REASON_TOO_LARGE,
      /the limit is 65536/,
    ],
    [
      'invalid UTF-8 in the document id',
      () =>
        patched(encodeEnvelope(envelope(`${SENDER},2026/01/15,QQQQ/UTF`)), 'QQQQ', [0xc3, 0x28, 0xff, 0xfe]),
      R.FAILURE_REASON_MALFORMED,
      /not valid for encoding utf-8/,
    ],
    [
      'invalid UTF-8 in a recipient code',
      () => {
        const env = envelope(docId(SENDER), { recipients: ['000.00.00.G2Z'] });
        return patched(encodeEnvelope(env), 'G2Z', [0xed, 0xa0, 0x80]);
      },
      R.FAILURE_REASON_MALFORMED,
      /not valid for encoding utf-8/,
    ],
  ];

  it.each(submitCases)(
    'at intake, %s: a dead letter with a specific reason and a notice to the sender',
    async (_what, make, reason, detail) => {
      const bytes = make();
      await inspect.submitRaw(SENDER, bytes, msgId('intake'));
      const d = await deadLetterOf(HOME, bytes);
      expect(FailureReason[d.reason]).toBe(FailureReason[reason]);
      expect(d.detail).toMatch(detail);
      expect(d.detail.length).toBeGreaterThan(5);
      await notice(d);
    },
  );

  it('invalid UTF-8 in the subject (trích yếu) is refused, not delivered with replacement characters', async () => {
    const id = docId(SENDER, 'UTF');
    const env = envelope(id, {
      document: { ...documentOf(id, SENDER, [A.government]), subject: 'Về việc QQQ' },
    });
    const bytes = patched(encodeEnvelope(env), 'QQQ', [0xc0, 0xaf, 0x80]);
    await inspect.submitRaw(SENDER, bytes, msgId('utf8-subject'));
    const d = await deadLetterOf(HOME, bytes);
    expect(d.detail).toMatch(/not valid for encoding utf-8/);
    expect(d.reason).toBe(R.FAILURE_REASON_MALFORMED);
    await notice(d);
    expect(governmentInbox.counts().get(id)).toBeUndefined();
  });

  it('at a relay, an envelope that has gone round in a loop until its hop limit is dead-lettered and failed back', async () => {
    const id = docId(SENDER, 'LOOP');
    await sender.send(documentOf(id, SENDER, [A.government]));
    await waitFor('the original delivered', () => governmentInbox.counts().get(id) === 1);
    const loop = ['h41-yenthanh', 'h41', 'h41-yenthanh', 'h41', 'h41-yenthanh', 'h41'];
    const env = envelope(id, {
      hopLimit: 0,
      hops: [HOME, ...loop].map((node) => ({ node, level: 3, inMs: 1, outMs: 1 })),
    });
    const bytes = encodeEnvelope(env);
    await inspect.js.publish(relaySubject('province', 'h41', 'normal', 'h41-yenthanh'), bytes, {
      msgID: msgId('loop'),
    });
    const d = await deadLetterOf('h41', bytes);
    expect(d.reason).toBe(R.FAILURE_REASON_HOP_LIMIT_EXCEEDED);
    expect(d.detail).toMatch(/hop limit/);
    // The document itself was delivered once; the looping copy changes nothing at the recipient.
    expect(governmentInbox.counts().get(id)).toBe(1);
    await stillServes();
  });

  it('the same submission twice, under different message ids: one delivery, one record', async () => {
    const id = docId(SENDER, 'DUP');
    const bytes = encodeEnvelope(envelope(id));
    await inspect.submitRaw(SENDER, bytes, msgId('dup-a'));
    await inspect.submitRaw(SENDER, bytes, msgId('dup-b'));
    await sender.send(documentOf(id, SENDER, [A.government]));
    await waitFor('delivered', () => governmentInbox.counts().get(id) === 1);
    await stillServes();
    expect(governmentInbox.counts().get(id)).toBe(1);
    expect((await inspect.trackingOf(SENDER)).filter((r) => r.documentId === id)).toHaveLength(1);
  });

  it('keeps serving after all of it', async () => {
    await stillServes();
  });
});
