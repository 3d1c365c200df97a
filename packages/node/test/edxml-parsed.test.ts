/**
 * A package the edXML gateway of this process has read is judged at intake with that parse, not
 * read again; only for the very bytes it was made from, and once. ParsedOriginals' bounds.
 */
import { createHash } from 'node:crypto';
import pino from 'pino';
import { createTestSigningIdentity, parseEdxml, renderEdocBytes, signEdxml } from '@lienthong/edxml';
import type { ParsedPackage } from '@lienthong/edxml';
import type { NodeInfo } from '@lienthong/core';
import { Envelope, EnvelopeKind, FailureReason, SCHEMA_VERSION } from '@lienthong/proto';
import { ParsedOriginals } from '../src/edxml-parsed';
import { DEFAULT_EDXML_SIGNATURES, EdxmlSignatures } from '../src/edxml-signatures';

const SENDER = '000.00.00.G22';
const NODE = { id: 'vn', level: 1 } as unknown as NodeInfo;
const hex = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

async function pkg(n: number): Promise<Uint8Array> {
  return renderEdocBytes({
    documentId: `${SENDER},2026/12/02,${n}/VPCP`,
    from: { code: SENDER, name: 'Văn phòng Chính phủ' },
    to: [{ code: '000.00.00.H41' }],
    codeNumber: String(n),
    codeNotation: 'VPCP',
    promulgationDate: '2026-12-02',
    subject: `Về việc thử ${n}`,
  });
}

/** A document carrying `bytes` inline as its edXML original, named by `sha256Hex`. */
function envelopeWith(bytes: Uint8Array, sha256Hex = hex(bytes)): Envelope {
  return Envelope.create({
    schemaVersion: SCHEMA_VERSION,
    envelopeId: 'e',
    kind: EnvelopeKind.ENVELOPE_KIND_DOCUMENT,
    documentId: `${SENDER},2026/12/02,1/VPCP`,
    originAgency: SENDER,
    originNode: 'vn',
    recipients: ['000.00.00.H41'],
    document: {
      documentId: `${SENDER},2026/12/02,1/VPCP`,
      from: { code: SENDER },
      to: [{ code: '000.00.00.H41' }],
      edxmlOriginal: { sha256Hex, size: bytes.length },
      attachments: [
        {
          name: 'edxml',
          size: bytes.length,
          sha256: Buffer.from(sha256Hex, 'hex'),
          inline: bytes,
        },
      ],
    },
  });
}

const noContent = {
  download: (): Promise<unknown> => Promise.reject(new Error('inline originals only here')),
};

function judge(): EdxmlSignatures {
  return new EdxmlSignatures(DEFAULT_EDXML_SIGNATURES, noContent, 60_000, pino({ level: 'silent' }));
}

describe('ParsedOriginals', () => {
  it('gives the parse back once, for the same bytes only', async () => {
    const a = await pkg(1);
    const parsed = await parseEdxml(a);
    const known = new ParsedOriginals();
    known.remember(a, parsed);
    expect(known.take(hex(a), Buffer.from(a))).toBe(parsed);
    expect(known.take(hex(a), a)).toBeUndefined();

    // Other bytes under that SHA-256 (a document naming one package and carrying another).
    known.remember(a, parsed);
    const other = Buffer.from(a);
    other[other.length - 3]! ^= 1;
    expect(known.take(hex(a), other)).toBeUndefined();
    expect(known.size).toBe(0);
  });

  it('a parse of other bytes serves neither, and it keeps within its bounds (oldest out first)', async () => {
    const [a, b, c, longer] = await Promise.all([pkg(1), pkg(2), pkg(3), pkg(10)]);
    const [pa, pb, pc] = await Promise.all([parseEdxml(a), parseEdxml(b), parseEdxml(c)]);
    const known = new ParsedOriginals(2, a.length + b.length + c.length);
    known.remember(longer, pa);
    expect(known.size).toBe(0);
    known.remember(a, pb);
    expect(known.take(hex(b), b)).toBeUndefined();
    expect(known.take(hex(a), a)).toBeUndefined();

    known.remember(a, pa);
    known.remember(b, pb);
    known.remember(c, pc);
    expect(known.size).toBe(2);
    expect(known.take(hex(a), a)).toBeUndefined();
    expect(known.take(hex(c), c)).toBe(pc);

    const small = new ParsedOriginals(10, a.length + b.length - 1);
    small.remember(a, pa);
    small.remember(b, pb);
    expect(small.size).toBe(1);
    expect(small.take(hex(b), b)).toBe(pb);
  });
});

describe('EdxmlSignatures with a parse handed over', () => {
  let signed: Uint8Array;
  let parsedSigned: ParsedPackage;

  beforeAll(async () => {
    const id = await createTestSigningIdentity();
    signed = signEdxml(await pkg(7), { privateKey: id.keyPem, certificates: [id.certPem] });
    parsedSigned = await parseEdxml(signed);
  });

  it('judges an unsigned package as without one', async () => {
    const a = await pkg(4);
    const signatures = judge();
    signatures.rememberParsed(a, await parseEdxml(a));
    const j = await signatures.judge(NODE, envelopeWith(a), Date.now());
    expect(j.refusal).toBeUndefined();
    expect(j.verdict?.verdict).toBe('unsigned');
  });

  it('uses the parse it was given for those bytes: it is not read again', async () => {
    const signatures = judge();
    // Read afresh this package is signed (no trust anchor here: untrusted_chain) …
    expect((await signatures.judge(NODE, envelopeWith(signed), Date.now())).verdict?.verdict).toBe(
      'untrusted_chain',
    );
    // … so a verdict of `unsigned` can only come from the parse handed over (one that saw no
    // signature: a reader that did not keep its locations).
    signatures.rememberParsed(signed, { ...parsedSigned, signatures: [] });
    expect((await signatures.judge(NODE, envelopeWith(signed), Date.now())).verdict?.verdict).toBe(
      'unsigned',
    );
    // Once: the next document with these bytes is read again.
    expect((await signatures.judge(NODE, envelopeWith(signed), Date.now())).verdict?.verdict).toBe(
      'untrusted_chain',
    );
  });

  it('a document naming a remembered package but carrying other bytes is judged on its own bytes', async () => {
    const a = await pkg(5);
    const signatures = judge();
    signatures.rememberParsed(a, await parseEdxml(a));
    // The signed package's bytes, under the unsigned one's SHA-256.
    const j = await signatures.judge(NODE, envelopeWith(signed, hex(a)), Date.now());
    expect(j.verdict?.verdict).toBe('untrusted_chain');
  });
});

describe('the edXML original of a document', () => {
  it('is a package of the submitting agency: another agency’s package is refused (SENDER_MISMATCH)', async () => {
    const theirs = await renderEdocBytes({
      documentId: '000.00.00.H41,2026/12/02,9/UBND',
      from: { code: '000.00.00.H41', name: 'UBND tỉnh Nghệ An' },
      to: [{ code: SENDER }],
      codeNumber: '9',
      codeNotation: 'UBND',
      promulgationDate: '2026-12-02',
      subject: 'Văn bản của cơ quan khác',
    });
    const refused = await judge().judge(NODE, envelopeWith(theirs), Date.now());
    expect(refused.refusal).toEqual({
      reason: FailureReason.FAILURE_REASON_SENDER_MISMATCH,
      detail: `the edXML original is a package from 000.00.00.H41, not from the submitting agency ${SENDER}`,
    });
    // Its own package is judged as before.
    const own = await judge().judge(NODE, envelopeWith(await pkg(7)), Date.now());
    expect(own.refusal).toBeUndefined();
    expect(own.verdict).toBeDefined();
  });
});
