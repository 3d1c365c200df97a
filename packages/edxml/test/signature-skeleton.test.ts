/**
 * The digest of a package's attachments is taken from its bytes, not through a DOM of them
 * (signature-skeleton.ts): the verdict is the same as digesting the whole text, for valid packages
 * and for a changed byte inside an attachment, with LF or CRLF line breaks in the base64, with
 * inclusive and exclusive C14N, and when the package itself holds the placeholder characters.
 */
import 'reflect-metadata';
import { createHash, randomBytes } from 'node:crypto';
import { Document } from '@lienthong/proto';
import {
  parseEdxml,
  renderEdocBytes,
  signEdxml,
  verifyEdxmlSignature,
  verifyEdxmlSource,
} from '@lienthong/edxml';
import type { PackageSource } from '@lienthong/edxml';
import type { ParsedPackage } from '@lienthong/edxml';
import { makeCa, makeSigner } from './pki';
import type { Identity } from './pki';

// Over 1 MiB of package: a source is read twice (smaller ones are read once, into memory).
const BIG = randomBytes(1200 * 1024);

function docWith(data: Uint8Array, subject = 'Tệp đính kèm lớn'): Document {
  return Document.create({
    documentId: '000.00.00.H41,2026/12/02,78/UBND-VP',
    from: { code: '000.00.00.H41', name: 'UBND tỉnh Nghệ An' },
    to: [{ code: '000.00.00.G22', name: 'Văn phòng Chính phủ' }],
    codeNumber: '78',
    codeNotation: 'UBND-VP',
    promulgationDate: '2026-12-02',
    subject,
    attachments: [
      {
        name: 'big.bin',
        mediaType: 'application/octet-stream',
        size: data.length,
        sha256: createHash('sha256').update(data).digest(),
        inline: data,
      },
    ],
  });
}

/** The base64 of the attachment broken into 76-character lines ending with `eol`. */
function withLineBreaks(pkg: Uint8Array, eol: string): Uint8Array {
  const s = Buffer.from(pkg).toString('utf8');
  return Buffer.from(
    s.replace(
      /(<edXML:ContentTransferEncoded>)([A-Za-z0-9+/=]+)(<\/edXML:ContentTransferEncoded>)/,
      (_m, open: string, b64: string, close: string) =>
        `${open}${eol}${b64.replace(/.{76}/g, (line) => `${line}${eol}`)}${close}`,
    ),
  );
}

/** One base64 character of the attachment changed into another (still valid base64). */
function flipInAttachment(b: Uint8Array, runs: [number, number][]): Uint8Array {
  const out = Buffer.from(b);
  const [start, end] = runs[0]!;
  let at = Math.floor((start + end) / 2);
  while (out[at] === 0x0a || out[at] === 0x0d) at++;
  out[at] = out[at] === 0x41 ? 0x42 : 0x41;
  return out;
}

/** A source that yields `bytes` in chunks of `size`, counting its reads. */
function sourceOf(bytes: Uint8Array, size: number): PackageSource & { reads: number } {
  const src = {
    size: bytes.length,
    reads: 0,
    open: async function* () {
      src.reads++;
      for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
    },
  };
  return src;
}

describe('attachment digests from the bytes', () => {
  let ca: Identity;
  let signer: Identity;
  beforeAll(async () => {
    ca = await makeCa('CN=Skeleton Test CA, C=VN');
    signer = await makeSigner(ca, 'CN=Nguyễn Văn A, C=VN');
  }, 60_000);

  const both = async (b: Uint8Array): Promise<[string, string, ParsedPackage]> => {
    const parsed = await parseEdxml(b, { keepAttachmentBytes: 0 });
    const spliced = await verifyEdxmlSignature(b, { trustAnchors: [ca.pem], parsed });
    // The same package without runs: xml-crypto digests the whole text.
    const whole = await verifyEdxmlSignature(b, {
      trustAnchors: [ca.pem],
      parsed: { ...parsed, base64Runs: [] },
    });
    return [spliced.verdict, whole.verdict, parsed];
  };

  it.each([
    ['exclusive C14N, one long line', '', 'exc-c14n'],
    ['exclusive C14N, LF line breaks', '\n', 'exc-c14n'],
    ['inclusive C14N, LF line breaks', '\n', 'c14n'],
    ['exclusive C14N, CRLF line breaks', '\r\n', 'exc-c14n'],
  ] as const)(
    '%s: valid both ways; a changed attachment byte invalid_digest both ways',
    async (_n, eol, c14n) => {
      const rendered = await renderEdocBytes(docWith(BIG));
      const pkg = eol === '' ? rendered : withLineBreaks(rendered, eol);
      const signed = signEdxml(pkg, {
        privateKey: signer.keyPem,
        certificates: [signer.pem],
        canonicalization: c14n,
      });
      const [spliced, whole, parsed] = await both(signed);
      expect([spliced, whole]).toEqual(['valid', 'valid']);
      const runs = parsed.base64Runs!;
      if (eol === '\r\n') {
        // CR is not taken into runs: such text goes through the DOM as before.
        expect(runs.every(([s, e]) => !Buffer.from(signed).subarray(s, e).includes(0x0d))).toBe(true);
      } else {
        const covered = runs.reduce((n, [s, e]) => n + (e - s), 0);
        expect(covered).toBeGreaterThan(BIG.length); // most of the package is digested from its bytes
      }
      if (runs.length > 0) {
        const [s2, w2] = await both(flipInAttachment(signed, runs));
        expect([s2, w2]).toEqual(['invalid_digest', 'invalid_digest']);
      }
      // Read from a source in chunks (as the home node reads its content store): the same verdicts.
      for (const size of [1000, 64 * 1024, 256 * 1024]) {
        const src = sourceOf(signed, size);
        expect((await verifyEdxmlSource(src, { trustAnchors: [ca.pem] })).verdict).toBe('valid');
        if (runs.length > 0) {
          expect(src.reads).toBe(2); // the skeleton, then the runs' digest
          const bad = sourceOf(flipInAttachment(signed, runs), size);
          expect((await verifyEdxmlSource(bad, { trustAnchors: [ca.pem] })).verdict).toBe('invalid_digest');
        }
      }
    },
    60_000,
  );

  it('a package holding the placeholder characters is digested whole, and still verifies', async () => {
    const pkg = await renderEdocBytes(docWith(BIG, 'Ký tự \uE000 0 \uE001 riêng'));
    const signed = signEdxml(pkg, { privateKey: signer.keyPem, certificates: [signer.pem] });
    const [spliced, whole] = await both(signed);
    expect([spliced, whole]).toEqual(['valid', 'valid']);
    expect((await verifyEdxmlSource(sourceOf(signed, 4096), { trustAnchors: [ca.pem] })).verdict).toBe(
      'valid',
    );
  }, 60_000);

  it('a changed byte outside the attachment is still invalid_digest', async () => {
    const pkg = await renderEdocBytes(docWith(BIG, 'Kiem tra ABC'));
    const signed = Buffer.from(signEdxml(pkg, { privateKey: signer.keyPem, certificates: [signer.pem] }));
    const at = signed.indexOf('Kiem tra ABC') + 'Kiem tra AB'.length;
    signed[at] = 'D'.charCodeAt(0);
    const [spliced, whole] = await both(signed);
    expect([spliced, whole]).toEqual(['invalid_digest', 'invalid_digest']);
    const src = sourceOf(signed, 64 * 1024);
    expect((await verifyEdxmlSource(src, { trustAnchors: [ca.pem] })).verdict).toBe('invalid_digest');
  }, 60_000);

  it('a source whose second read differs from the first is an error, not a verdict', async () => {
    const signed = signEdxml(await renderEdocBytes(docWith(BIG)), {
      privateKey: signer.keyPem,
      certificates: [signer.pem],
    });
    const parsed = await parseEdxml(signed, { keepAttachmentBytes: 0 });
    const changed = flipInAttachment(signed, parsed.base64Runs!);
    let reads = 0;
    const src: PackageSource = {
      size: signed.length,
      open: async function* () {
        yield reads++ === 0 ? signed : changed;
      },
    };
    await expect(verifyEdxmlSource(src, { trustAnchors: [ca.pem] })).rejects.toThrow(
      /read a second time differs/,
    );
  }, 60_000);
});
