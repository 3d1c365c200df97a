/**
 * XML-DSig verification: every signed public sample's verdict pinned with its reason; packages
 * signed here by a test CA (keys generated in the test) for each verdict; signature wrapping
 * attempts never reported valid.
 */
import 'reflect-metadata';
import { createHash } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import { Document } from '@lienthong/proto';
import type { IDocument } from '@lienthong/proto';
import {
  EdxmlError,
  parseEdxml,
  renderEdocBytes,
  renderStatus,
  signEdxml,
  verifyEdxmlSignature,
} from '@lienthong/edxml';
import type { SignatureVerdict } from '@lienthong/edxml';
import { makeCa, makeCrl, makeSigner } from './pki';
import type { Identity } from './pki';
import { sample } from './helpers';

const text = (b: Uint8Array): string => Buffer.from(b).toString('utf8');
const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('public samples: verdicts', () => {
  const RECEIVED = new Date('2026-12-02T00:00:00Z');
  it.each<[string, SignatureVerdict['verdict'], RegExp]>([
    // Full VNPT-CA certificate, but the package uses `xlink:` and `edXML:` undeclared: without a
    // namespace-well-formed document there is no canonical form to check the digest against.
    [
      'tltvbqn__edoc.edxml',
      'invalid_signature',
      /^the package is not namespace-well-formed: prefix "xlink:" is used where it is not declared \(line 117\)/,
    ],
    // The VXP SDK samples: an unprefixed <Signature> without xmlns (QCVN namespace) whose
    // certificate is the truncated `MIIFqTCCBJG`.
    ...[
      'tltvbqn__edoc_revocation.edxml',
      'tltvbqn__edoc_update.edxml',
      'tltvbqn__edoc_replacement.edxml',
      'truclienthong__xml_dc0bdef0-c7a3-4aaf-b717-777303442973.edxml',
      'truclienthong__edoc_new.edxml',
      'edocintegrator__edoc_new.edxml',
    ].map(
      (f) =>
        [f, 'malformed_certificate', /^certificate 1 in KeyInfo does not parse \(11 base64 characters\)/] as [
          string,
          SignatureVerdict['verdict'],
          RegExp,
        ],
    ),
    ['pvngw__uploads_1da394ba-2117-4354-a23f-6ec3e47ba81b.edxml', 'unsigned', /no Signature element/],
    ['pvngw__uploads_1f881896-6e3a-4a5f-87f1-c380878e148e.edxml', 'unsigned', /no Signature element/],
    ['tltvbqn__status.edxml', 'unsigned', /no Signature element/],
  ])('%s → %s', async (name, verdict, reason) => {
    const v = await verifyEdxmlSignature(sample(name), { at: RECEIVED });
    expect(v.verdict).toBe(verdict);
    expect(v.reason).toMatch(reason);
  });

  it('shows who signed tltvbqn__edoc.edxml even though its signature cannot be checked', async () => {
    const v = await verifyEdxmlSignature(sample('tltvbqn__edoc.edxml'));
    expect(v.signer).toEqual({
      subject: 'CN=TRẦN ANH TUẤN, 0.9.2342.19200300.100.1.1=CMND:142587899',
      commonName: 'TRẦN ANH TUẤN',
      identityNumber: 'CMND:142587899',
      issuer: 'C=VN, O=VNPT Group, OU=VNPT-CA Trust Network, CN=VNPT Certification Authority',
      serialNumber: '5401f8b96391ca0971053be87920ef25',
      notBefore: '2017-10-19T06:47:17.000Z',
      notAfter: '2018-10-19T16:55:00.000Z',
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });

  it('refuses the negatives as packages, before any verdict', async () => {
    await expect(verifyEdxmlSignature(sample('truclienthong__edoc.edxml'))).rejects.toBeInstanceOf(
      EdxmlError,
    );
    await expect(verifyEdxmlSignature(sample('pvngw__edoc_new.edxml'))).rejects.toMatchObject({
      code: 'NOT_WELL_FORMED',
    });
  });
});

function doc(over: Partial<IDocument> = {}): Document {
  return Document.create({
    documentId: '000.00.00.H41,2026/12/02,77/UBND-VP',
    from: { code: '000.00.00.H41', name: 'UBND tỉnh Nghệ An' },
    to: [{ code: '000.00.00.G22', name: 'Văn phòng Chính phủ' }],
    codeNumber: '77',
    codeNotation: 'UBND-VP',
    promulgationPlace: 'Nghệ An',
    promulgationDate: '2026-12-02',
    documentType: { type: 1, typeName: 'Công văn' },
    subject: 'Về việc thử chữ ký số',
    contentSummary: 'Nội dung',
    signer: { position: 'Chủ tịch', fullName: 'Nguyễn Văn A' },
    attachments: [
      {
        name: 'a.txt',
        mediaType: 'text/plain',
        size: 11,
        sha256: createHash('sha256').update('hello world').digest(),
        inline: Buffer.from('hello world'),
      },
    ],
    ...over,
  });
}

describe('packages signed by a test CA', () => {
  let ca: Identity;
  let other: Identity;
  let signer: Identity;
  let pkg: Uint8Array;
  let signed: Uint8Array;

  beforeAll(async () => {
    ca = await makeCa('CN=Lienthong Test Root CA, O=lienthong test, C=VN');
    other = await makeCa('CN=Some Other CA, O=elsewhere, C=VN');
    signer = await makeSigner(
      ca,
      'CN=Nguyễn Văn A, 0.9.2342.19200300.100.1.1=CMND:012345678, O=UBND tỉnh Nghệ An, C=VN',
    );
    pkg = await renderEdocBytes(doc());
    signed = signEdxml(pkg, { privateKey: signer.keyPem, certificates: [signer.pem] });
  }, 60_000);

  const verify = (
    b: Uint8Array,
    opts: Parameters<typeof verifyEdxmlSignature>[1] = {},
  ): Promise<SignatureVerdict> => verifyEdxmlSignature(b, { trustAnchors: [ca.pem], ...opts });

  it('valid: signer, issuer, serial, validity, the time used and the chain', async () => {
    const v = await verify(signed);
    expect(v).toEqual({
      verdict: 'valid',
      reason:
        'signed by Nguyễn Văn A; certificate chains to a trust anchor and was valid at the promulgation date',
      signer: {
        subject: 'CN=Nguyễn Văn A, 0.9.2342.19200300.100.1.1=CMND:012345678, O=UBND tỉnh Nghệ An, C=VN',
        commonName: 'Nguyễn Văn A',
        identityNumber: 'CMND:012345678',
        issuer: 'CN=Lienthong Test Root CA, O=lienthong test, C=VN',
        serialNumber: signer.cert.serialNumber,
        notBefore: '2016-01-01T00:00:00.000Z',
        notAfter: '2036-01-01T00:00:00.000Z',
        sha256: createHash('sha256').update(Buffer.from(signer.cert.rawData)).digest('hex'),
      },
      checkedAt: '2026-12-02T05:00:00.000Z',
      checkedAtSource: 'promulgation_date',
      signatureAlgorithm: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
      chain: [signer.cert.subject, ca.cert.subject],
    });
    // The signed package still reads as the same document.
    const p = await parseEdxml(signed);
    expect(p.kind).toBe('edoc');
    expect(p.signatures).toHaveLength(1);
    expect(p.warnings).toEqual([]);
  });

  it('valid with inclusive C14N too (SignedInfo then carries the namespaces in scope from the root)', async () => {
    const s = signEdxml(pkg, {
      privateKey: signer.keyPem,
      certificates: [signer.pem],
      canonicalization: 'c14n',
      algorithm: 'rsa-sha1',
    });
    expect(text(s)).toContain(
      '<CanonicalizationMethod Algorithm="http://www.w3.org/TR/2001/REC-xml-c14n-20010315"/>',
    );
    const v = await verify(s);
    expect([v.verdict, v.signatureAlgorithm]).toEqual([
      'valid',
      'http://www.w3.org/2000/09/xmldsig#rsa-sha1',
    ]);
    const changed = text(s).replace('Nội dung', 'Nội dunG');
    expect((await verify(bytes(changed))).verdict).toBe('invalid_digest');
  });

  it('valid through an intermediate CA carried in KeyInfo; untrusted without it', async () => {
    const mid = await makeCa('CN=Lienthong Test Issuing CA, O=lienthong test, C=VN', { issuer: ca });
    const s = await makeSigner(mid, 'CN=Trần Thị B, C=VN');
    const withMid = signEdxml(pkg, { privateKey: s.keyPem, certificates: [s.pem, mid.pem] });
    const v = await verify(withMid);
    expect(v.verdict).toBe('valid');
    expect(v.chain).toEqual([s.cert.subject, mid.cert.subject, ca.cert.subject]);
    const alone = signEdxml(pkg, { privateKey: s.keyPem, certificates: [s.pem] });
    expect((await verify(alone)).verdict).toBe('untrusted_chain');
  }, 30_000);

  it('a Status package (no promulgation date) is judged at the receipt time, and says so', async () => {
    const status = renderStatus({
      code: 3,
      responder: '000.00.00.G22',
      documentId: '000.00.00.H41,2026/12/02,77/UBND-VP',
      documentSender: '000.00.00.H41',
      timestampMs: Date.UTC(2026, 11, 2),
    });
    const s = signEdxml(status, { privateKey: signer.keyPem, certificates: [signer.pem] });
    const v = await verify(s, { at: new Date('2026-12-03T01:02:03Z') });
    expect([v.verdict, v.checkedAtSource, v.checkedAt]).toEqual([
      'valid',
      'receipt_time',
      '2026-12-03T01:02:03.000Z',
    ]);
    const late = await verify(s, { at: new Date('2037-01-01T00:00:00Z') });
    expect([late.verdict, late.checkedAtSource]).toEqual(['expired_at_signing', 'receipt_time']);
    expect(late.reason).toMatch(/not at the receipt time 2037-01-01T00:00:00.000Z/);
  });

  it('one byte of the content changed → invalid_digest', async () => {
    const t = text(signed);
    const changed = t.replace('Về việc thử chữ ký số', 'Về việc thử chữ ký sổ');
    expect(changed).not.toBe(t);
    const v = await verify(bytes(changed));
    expect(v.verdict).toBe('invalid_digest');
    expect(v.reason).toMatch(/changed after signing: the digest of reference URI="" does not match/);
    // An attachment byte too (the base64 of "hello world" is aGVsbG8gd29ybGQ=).
    expect(t).toContain('aGVsbG8gd29ybGQ=');
    expect((await verify(bytes(t.replace('aGVsbG8gd29ybGQ=', 'aGVsbG8gd29ybGR=')))).verdict).toBe(
      'invalid_digest',
    );
  });

  it('signature bytes changed → invalid_signature', async () => {
    const t = text(signed);
    const m = /<SignatureValue>([^<]{10})/.exec(t)!;
    const flipped = m[1]!.slice(0, 9) + (m[1]![9] === 'A' ? 'B' : 'A');
    const v = await verify(bytes(t.replace(m[0], `<SignatureValue>${flipped}`)));
    expect(v.verdict).toBe('invalid_signature');
    expect(v.reason).toMatch(/signature value does not verify/);
  });

  it('a certificate from another CA → untrusted_chain; no anchors configured → untrusted_chain', async () => {
    const v = await verify(signed, { trustAnchors: [other.pem] });
    expect(v.verdict).toBe('untrusted_chain');
    expect(v.reason).toMatch(/does not chain to a configured trust anchor/);
    const none = await verifyEdxmlSignature(signed);
    expect([none.verdict, none.reason]).toEqual([
      'untrusted_chain',
      'no trust anchors are configured: nothing is trusted by default',
    ]);
    // A certificate claiming the right issuer name but signed by another key does not chain either.
    const impostorCa = await makeCa('CN=Lienthong Test Root CA, O=lienthong test, C=VN');
    const impostor = await makeSigner(impostorCa, 'CN=Kẻ mạo danh, C=VN');
    const forged = signEdxml(pkg, { privateKey: impostor.keyPem, certificates: [impostor.pem] });
    expect((await verify(forged)).verdict).toBe('untrusted_chain');
  }, 30_000);

  it('signed after the certificate expired (promulgation date after notAfter) → expired_at_signing', async () => {
    const old = await makeSigner(ca, 'CN=Lê Văn C, C=VN', {
      notBefore: new Date('2019-01-01T00:00:00Z'),
      notAfter: new Date('2021-01-01T00:00:00Z'),
    });
    const s = signEdxml(pkg, { privateKey: old.keyPem, certificates: [old.pem] });
    const v = await verify(s);
    expect(v.verdict).toBe('expired_at_signing');
    expect(v.reason).toBe(
      '"Lê Văn C" was valid 2019-01-01T00:00:00.000Z – 2021-01-01T00:00:00.000Z, not at the promulgation date 2026-12-02T05:00:00.000Z',
    );
    // The same package dated while the certificate was valid is valid.
    const inTime = signEdxml(await renderEdocBytes(doc({ promulgationDate: '2020-06-01' })), {
      privateKey: old.keyPem,
      certificates: [old.pem],
    });
    expect((await verify(inTime)).verdict).toBe('valid');
  }, 30_000);

  it('a signed signing time comes first: it decides validity, and it cannot be altered', async () => {
    const old = await makeSigner(ca, 'CN=Đỗ Thị E, C=VN', {
      notBefore: new Date('2019-01-01T00:00:00Z'),
      notAfter: new Date('2021-01-01T00:00:00Z'),
    });
    // Promulgated (2026) after the certificate expired, but signed in 2020 while it was valid.
    const s = signEdxml(pkg, {
      privateKey: old.keyPem,
      certificates: [old.pem],
      signingTime: new Date('2020-05-05T05:05:05Z'),
    });
    expect(text(s)).toMatch(/<Reference URI="#lt-signature-properties">/);
    const v = await verify(s);
    expect([v.verdict, v.checkedAtSource, v.checkedAt]).toEqual([
      'valid',
      'signing_time',
      '2020-05-05T05:05:05.000Z',
    ]);
    expect(v.reason).toMatch(/valid at the signing time$/);
    // Moving the signing time is a change of signed content.
    const moved = text(s).replace('2020-05-05T05:05:05.000Z', '2020-06-06T06:06:06.000Z');
    expect((await verify(bytes(moved))).verdict).toBe('invalid_digest');
    // Signed after expiry by its own account → expired_at_signing, judged at the signing time.
    const late = signEdxml(pkg, {
      privateKey: old.keyPem,
      certificates: [old.pem],
      signingTime: new Date('2022-02-02T00:00:00Z'),
    });
    const lv = await verify(late);
    expect([lv.verdict, lv.checkedAtSource]).toEqual(['expired_at_signing', 'signing_time']);
    expect(lv.reason).toMatch(/not at the signing time 2022-02-02T00:00:00.000Z/);
  }, 30_000);

  it('revoked in a CRL before signing → untrusted_chain with the revocation; after signing → valid, flagged', async () => {
    const before = await makeCrl(ca, [[signer, new Date('2026-06-01T00:00:00Z')]]);
    const v = await verify(signed, { crls: [before] });
    expect(v.verdict).toBe('untrusted_chain');
    expect(v.revocation).toEqual({
      serialNumber: signer.cert.serialNumber,
      revokedAt: '2026-06-01T00:00:00.000Z',
      beforeSigning: true,
      crlIssuer: ca.cert.subject,
    });
    expect(v.reason).toMatch(/was revoked on 2026-06-01T00:00:00.000Z, before the promulgation date/);
    const after = await makeCrl(ca, [[signer, new Date('2027-01-01T00:00:00Z')]]);
    const later = await verify(signed, { crls: [after] });
    expect(later.verdict).toBe('valid');
    expect(later.revocation?.beforeSigning).toBe(false);
    expect(later.reason).toMatch(/revoked later, on 2027-01-01/);
    // A CRL naming our CA but signed by another key is not believed.
    const fake = await makeCrl({ ...other, cert: ca.cert }, [[signer, new Date('2020-01-01T00:00:00Z')]]);
    expect((await verify(signed, { crls: [fake] })).verdict).toBe('valid');
  }, 30_000);

  it('a signer certificate whose key usage does not allow signing → untrusted_chain', async () => {
    const enc = await makeSigner(ca, 'CN=Chỉ mã hoá, C=VN', { usages: x509.KeyUsageFlags.keyEncipherment });
    const s = signEdxml(pkg, { privateKey: enc.keyPem, certificates: [enc.pem] });
    const v = await verify(s);
    expect(v.verdict).toBe('untrusted_chain');
    expect(v.reason).toMatch(/key usage allows neither digitalSignature nor nonRepudiation/);
  }, 30_000);

  it('a certificate that does not parse → malformed_certificate; an unsigned package → unsigned', async () => {
    const t = text(signed).replace(/<X509Certificate>[^<]+</, '<X509Certificate>MIIBroken<');
    const v = await verify(bytes(t));
    expect(v.verdict).toBe('malformed_certificate');
    expect(v.signer).toBeUndefined();
    expect((await verify(pkg)).verdict).toBe('unsigned');
  });

  it('a package with more distinct element names than the DOM parse can afford is not checked', async () => {
    const many = Array.from({ length: 300 }, (_, i) => `<edXML:X${i}/>`).join('');
    const big = text(pkg).replace('<edXML:Subject>', `${many}<edXML:Subject>`);
    const s = signEdxml(bytes(big), { privateKey: signer.keyPem, certificates: [signer.pem] });
    const p = await parseEdxml(s);
    expect(p.elementNames).toBeGreaterThan(300);
    const v = await verify(s, { parsed: p });
    expect(v.verdict).toBe('invalid_signature');
    expect(v.reason).toMatch(
      /uses \d+ distinct element names; a signature is checked on packages with at most 256/,
    );
  });

  it('a certificate inside a comment is not read', async () => {
    const t = text(signed).replace(
      '<X509Data>',
      `<X509Data><!--<X509Certificate>${other.pem.replace(/-----[A-Z ]+-----|\s/g, '')}</X509Certificate>-->`,
    );
    const v = await verify(bytes(t));
    expect([v.verdict, v.signer?.commonName]).toEqual(['valid', 'Nguyễn Văn A']);
  });

  it('an algorithm outside the allow-list (HMAC with the public certificate as key) → invalid_signature', async () => {
    const t = text(signed).replace(
      'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
      'http://www.w3.org/2000/09/xmldsig#hmac-sha1',
    );
    const v = await verify(bytes(t));
    expect(v.verdict).toBe('invalid_signature');
    expect(v.reason).toMatch(
      /signature method "http:\/\/www.w3.org\/2000\/09\/xmldsig#hmac-sha1" is not supported/,
    );
  });

  it('refuses a DTD before verifying anything', async () => {
    const t = text(signed).replace('<edXML ', '<!DOCTYPE edXML [<!ENTITY x "y">]>\n<edXML ');
    await expect(verify(bytes(t))).rejects.toMatchObject({ code: 'DTD_FORBIDDEN' });
  });

  it('a parsed package given with other bytes is refused; so is a DTD slipped past it', async () => {
    const parsed = await parseEdxml(signed);
    expect((await verify(signed, { parsed })).verdict).toBe('valid');
    await expect(verify(pkg, { parsed })).rejects.toThrow(/opts.parsed is of a \d+-byte package/);
    // Bytes of the same length as the parsed package but with a DTD where the root was.
    const t = text(signed);
    const dtd = '<!DOCTYPE x [<!ENTITY a "b">]>';
    const at = t.indexOf('<edXML ');
    const evil = bytes(t.slice(0, at) + dtd + t.slice(at + dtd.length));
    expect(evil.length).toBe(parsed.bytes);
    await expect(verify(evil, { parsed })).rejects.toMatchObject({ code: 'DTD_FORBIDDEN' });
  });

  it('a trust anchor or CRL that is not PEM is a configuration error', async () => {
    await expect(verify(signed, { trustAnchors: ['not a certificate'] })).rejects.toThrow(TypeError);
    await expect(verify(signed, { crls: ['not a CRL'] })).rejects.toThrow(/CRL: no PEM/);
  });

  describe('signature wrapping: never valid', () => {
    it('a second Signature element', async () => {
      const t = text(signed);
      const sig =
        /<Signature [^>]*xmlns="http:\/\/www.w3.org\/2000\/09\/xmldsig#"[^>]*>.*?<\/Signature>/s.exec(t)![0];
      const two = t.replace('<edXML:edXMLBody>', `<edXML:edXMLBody>${sig}`);
      const v = await verify(bytes(two));
      expect(v.verdict).toBe('invalid_signature');
      expect(v.reason).toMatch(/2 (XML-DSig )?Signature elements/);
    });

    it('a valid Signature wrapped in another Signature element', async () => {
      const t = text(signed);
      const sig =
        /<Signature [^>]*xmlns="http:\/\/www.w3.org\/2000\/09\/xmldsig#"[^>]*>.*?<\/Signature>/s.exec(t)![0];
      const nested = t.replace(
        sig,
        `<Signature xmlns="http://www.w3.org/2000/09/xmldsig#">${sig}</Signature>`,
      );
      const p = await parseEdxml(bytes(nested));
      expect(
        p.signatures.map((x) => text(bytes(nested).subarray(x.byteStart, x.byteEnd)).slice(0, 20)),
      ).toEqual(['<Signature Id="lt-si', '<Signature xmlns="ht']); // the inner one closes first
      const v = await verify(bytes(nested));
      expect(v.verdict).toBe('invalid_signature');
      expect(v.reason).toMatch(/2 Signature elements/);
    });

    it('a signature over one element (Reference URI="#id") instead of the whole package', async () => {
      const t = text(pkg).replace('<edXML:Subject>', '<edXML:Subject Id="subj">');
      const { SignedXml } = await import('xml-crypto');
      const sx = new SignedXml({
        privateKey: signer.keyPem,
        publicCert: signer.pem,
        signatureAlgorithm: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
        canonicalizationAlgorithm: 'http://www.w3.org/2001/10/xml-exc-c14n#',
      });
      sx.addReference({
        xpath: "//*[@Id='subj']",
        transforms: ['http://www.w3.org/2001/10/xml-exc-c14n#'],
        digestAlgorithm: 'http://www.w3.org/2001/04/xmlenc#sha256',
      });
      sx.computeSignature(t, {
        location: { reference: "//*[local-name(.)='edXMLHeader']", action: 'append' },
      });
      const partial = sx.getSignedXml();
      // xml-crypto itself accepts it: the signature is cryptographically fine…
      const check = new SignedXml({ publicCert: signer.pem, getCertFromKeyInfo: () => null });
      check.loadSignature(
        check.findSignatures(
          new (await import('@xmldom/xmldom')).DOMParser().parseFromString(partial, 'text/xml') as never,
        )[0] as never,
      );
      expect(check.checkSignature(partial)).toBe(true);
      // …but everything outside the Subject could be changed: not valid for a package.
      const v = await verify(bytes(partial));
      expect(v.verdict).toBe('invalid_signature');
      expect(v.reason).toMatch(
        /reference #subj does not point at one element inside the signature's Object: only the whole package/,
      );
    });

    it('an Object smuggled into a valid signature (with a signing time to be believed)', async () => {
      const t = text(signed).replace(
        '</KeyInfo>',
        '</KeyInfo><Object><SignatureProperties><SignatureProperty Target="#x"><SigningTime>2018-01-01T00:00:00Z</SigningTime></SignatureProperty></SignatureProperties></Object>',
      );
      // The enveloped signature leaves the Signature element out of the digest, so bytes and
      // signature value still verify; the unsigned Object is what makes it invalid.
      const v = await verify(bytes(t));
      expect(v.verdict).toBe('invalid_signature');
      expect(v.reason).toMatch(/Object inside the Signature is covered by no reference/);
      expect(v.checkedAtSource).toBeUndefined();
    });

    it('the signed content moved aside and replaced (classic wrapping) breaks the digest', async () => {
      const t = text(signed);
      const subject = '<edXML:Subject>Về việc thử chữ ký số</edXML:Subject>';
      const wrapped = t
        .replace(subject, '<edXML:Subject>Lệnh chuyển tiền khẩn</edXML:Subject>')
        .replace('</KeyInfo>', `</KeyInfo><Object Id="orig">${subject}</Object>`);
      const v = await verify(bytes(wrapped));
      expect(v.verdict).not.toBe('valid');
    });
  });
});
