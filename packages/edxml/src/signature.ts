/**
 * XML-DSig verification of an edXML package, with xml-crypto (canonicalisation, digests, signature
 * value) over the package's bytes as received, and @peculiar/x509 for the certificate path, key
 * usage and CRLs. See docs/EDXML.md "Signatures" for what is checked, in which order, and why.
 */
import 'reflect-metadata';
import { createHash, webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import { DOMParser } from '@xmldom/xmldom';
import type { Element as XElement } from '@xmldom/xmldom';
import { SignedXml } from 'xml-crypto';
import { EdxmlError } from './errors';
import { parseEdxml } from './parse';
import { Verdict, checkSignedInfo, descendants, elementChildren, fail } from './signature-dom';
import { DSIG_NS } from './types';
import type { ParsedPackage } from './types';
import type { SignatureVerdict, SignatureVerdictCode, SignerCertificate, VerifyOptions } from './verdict';

x509.cryptoProvider.set(webcrypto as never);

const UID_OID = '0.9.2342.19200300.100.1.1';
const SERIAL_OID = '2.5.4.5';
const MAX_CHAIN = 8;

/** Options of {@link verifyEdxmlSignature}. */
export interface VerifyEdxmlOptions extends VerifyOptions {
  /** The package as already parsed by parseEdxml (saves reading it twice). */
  parsed?: ParsedPackage;
}

/**
 * Verifies the XML signature of an edXML package as received. Never throws for a bad signature:
 * the verdict says what is wrong. Throws EdxmlError when the bytes are not an acceptable package at
 * all (not well-formed, a DTD…), exactly as parseEdxml does.
 */
export async function verifyEdxmlSignature(
  bytes: Uint8Array,
  opts: VerifyEdxmlOptions = {},
): Promise<SignatureVerdict> {
  let parsed = opts.parsed;
  if (parsed === undefined) {
    parsed = await parseEdxml(bytes, { keepAttachmentBytes: 0 });
  } else {
    // The reader's refusals (DTDs, entities) are what keeps the DOM parses safe: a `parsed` must
    // be of these very bytes, and the bytes must not hold a DTD.
    if (parsed.bytes !== bytes.length) {
      throw new TypeError(
        `verifyEdxmlSignature: opts.parsed is of a ${parsed.bytes}-byte package, not of these ${bytes.length} bytes`,
      );
    }
    const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (b.indexOf('<!DOCTYPE') >= 0 || b.indexOf('<!ENTITY') >= 0) {
      throw new EdxmlError('DTD_FORBIDDEN', 'a DOCTYPE (DTD) is not allowed in an edXML package');
    }
  }
  return new Verifier(bytes, parsed, opts).run();
}

class Verifier {
  private readonly out: Partial<SignatureVerdict> = {};

  constructor(
    private readonly bytes: Uint8Array,
    private readonly parsed: ParsedPackage,
    private readonly opts: VerifyOptions,
  ) {}

  async run(): Promise<SignatureVerdict> {
    try {
      await this.check();
      return this.result('valid', this.validReason());
    } catch (e) {
      if (e instanceof Verdict) return this.result(e.verdict, e.reason);
      throw e;
    }
  }

  private result(verdict: SignatureVerdictCode, reason: string): SignatureVerdict {
    return { verdict, reason, ...this.out };
  }

  private validReason(): string {
    const src = {
      signing_time: 'signing time',
      promulgation_date: 'promulgation date',
      receipt_time: 'receipt time',
    }[this.out.checkedAtSource ?? 'receipt_time'];
    const revoked =
      this.out.revocation !== undefined ? ` (revoked later, on ${this.out.revocation.revokedAt})` : '';
    return `signed by ${this.out.signer?.commonName ?? '?'}; certificate chains to a trust anchor and was valid at the ${src}${revoked}`;
  }

  private async check(): Promise<void> {
    const sigs = this.parsed.signatures;
    if (sigs.length === 0) fail('unsigned', 'the package has no Signature element');
    if (sigs.length > 1) {
      fail('invalid_signature', `the package has ${sigs.length} Signature elements; exactly one is accepted`);
    }
    const loc = sigs[0]!;
    const sigText = Buffer.from(this.bytes.subarray(loc.byteStart, loc.byteEnd)).toString('utf8');

    // 1. The certificate(s), read from the element as received (any namespace, so that a
    //    Signature written without the XML-DSig namespace still shows who it claims to be).
    const certs = this.certificates(sigText);
    const leaf = certs[0]!;
    this.out.signer = await signerFacts(leaf);

    // 2. The signature's shape.
    if (loc.namespace !== DSIG_NS) {
      fail(
        'invalid_signature',
        `the Signature element is not in the XML-DSig namespace (it declares none, so it is in "${loc.namespace || 'no namespace'}"); it cannot be verified`,
      );
    }
    // Canonical XML needs a namespace-well-formed document: the `edXML:`/`xlink:` leniency of
    // the reader does not extend to signatures.
    const undeclared = this.parsed.warnings.find((w) => w.code === 'UNDECLARED_PREFIX');
    if (undeclared !== undefined) {
      fail(
        'invalid_signature',
        `the package is not namespace-well-formed: ${undeclared.message.replace(/; read as .*$/, '')} (line ${undeclared.line}); its canonical form, and so its signature, is undefined`,
      );
    }
    // The Signature element alone, as received, in a wrapper that declares the namespaces in
    // scope where it stands: a small DOM for the structural checks (xml-crypto parses the whole
    // package once, for the digests). The reader has already refused DTDs and entities; this
    // parse refuses them again.
    const sigEl = this.signatureDom(sigText, loc.namespaces);
    const { method, signedTargets } = checkSignedInfo(sigEl);
    this.out.signatureAlgorithm = method;

    // 3. Digests over the bytes as received, then the signature value (xml-crypto).
    const sx = new SignedXml({ publicCert: leaf.toString('pem'), getCertFromKeyInfo: () => null });
    sx.loadSignature(sigEl as never);
    const text = Buffer.from(this.bytes).toString('utf8');
    let ok: boolean;
    try {
      ok = sx.checkSignature(text);
    } catch (e) {
      const msg = (e as Error).message;
      if (/signature value .* is incorrect/.test(msg)) {
        return fail('invalid_signature', "the signature value does not verify with the certificate's key");
      }
      return fail('invalid_signature', `the signature cannot be checked: ${msg}`);
    }
    if (!ok) {
      const bad = sx.getReferences().find((r) => r.validationError !== undefined);
      fail(
        'invalid_digest',
        `the signed content changed after signing: the digest of reference URI="${bad?.uri ?? ''}" does not match the package's bytes`,
      );
    }

    // 4. When: a signed signing time, else the promulgation date, else the receipt time.
    const at = this.signingTime(signedTargets);
    this.out.checkedAt = at.toISOString();

    // 5. Certificate path to a trust anchor, validity, key usage, revocation.
    await this.chain(leaf, certs.slice(1), at);
  }

  private signatureDom(sigText: string, namespaces: Record<string, string>): XElement {
    const decls = Object.entries(namespaces)
      .map(
        ([p, uri]) =>
          ` ${p === '' ? 'xmlns' : `xmlns:${p}`}="${uri.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"`,
      )
      .join('');
    const errors: string[] = [];
    let dom: ReturnType<DOMParser['parseFromString']>;
    try {
      dom = new DOMParser({
        onError: (level, msg) => {
          if (level !== 'warning') errors.push(msg);
          if (level === 'fatalError') throw new Error(msg);
        },
      }).parseFromString(
        `<lienthong-signature-wrapper${decls}>${sigText}</lienthong-signature-wrapper>`,
        'text/xml',
      );
    } catch (e) {
      return fail(
        'invalid_signature',
        `the Signature element does not parse: ${(e as Error).message.split('\n')[0]}`,
      );
    }
    if (errors.length > 0 || dom.doctype !== null) {
      fail(
        'invalid_signature',
        `the Signature element does not parse cleanly: ${errors[0] ?? 'DOCTYPE present'}`,
      );
    }
    const sig = elementChildren(dom.documentElement!, DSIG_NS, 'Signature');
    if (sig.length !== 1) fail('invalid_signature', 'the Signature element is not an XML-DSig Signature');
    return sig[0]!;
  }

  private certificates(sigText: string): x509.X509Certificate[] {
    const raw = [...sigText.matchAll(/<(?:[\w.-]+:)?X509Certificate(?:\s[^>]*)?>([^<]*)</g)].map(
      (m) => m[1]!,
    );
    if (raw.length === 0) fail('malformed_certificate', 'the signature carries no X509Certificate');
    return raw.map((b64, i) => {
      const clean = b64.replace(/\s+/g, '');
      try {
        if (!/^[A-Za-z0-9+/]+=*$/.test(clean)) throw new Error('not base64');
        return new x509.X509Certificate(Buffer.from(clean, 'base64'));
      } catch (e) {
        return fail(
          'malformed_certificate',
          `certificate ${i + 1} in KeyInfo does not parse (${clean.length} base64 characters): ${(e as Error).message}`,
        );
      }
    });
  }

  private signingTime(signedTargets: XElement[]): Date {
    for (const t of signedTargets) {
      const st = [...(t.localName === 'SigningTime' ? [t] : []), ...descendants(t, 'SigningTime')][0];
      const d = st === undefined ? undefined : new Date((st.textContent ?? '').trim());
      if (d !== undefined && !Number.isNaN(d.getTime())) {
        this.out.checkedAtSource = 'signing_time';
        return d;
      }
    }
    const p = this.parsed;
    if (p.kind === 'edoc' && p.header.promulgationInfo.promulgationDate !== '') {
      this.out.checkedAtSource = 'promulgation_date';
      // Noon, Vietnam time, of the promulgation day.
      return new Date(`${p.header.promulgationInfo.promulgationDate}T12:00:00+07:00`);
    }
    this.out.checkedAtSource = 'receipt_time';
    return this.opts.at ?? new Date();
  }

  private async chain(leaf: x509.X509Certificate, extra: x509.X509Certificate[], at: Date): Promise<void> {
    const anchors = (this.opts.trustAnchors ?? []).flatMap((a) => cached(anchorCache, a, readCertificates));
    const crls = (this.opts.crls ?? []).flatMap((c) => cached(crlCache, c, readCrls));
    const ku = leaf.getExtension(x509.KeyUsagesExtension);
    if (
      ku !== null &&
      (ku.usages & (x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation)) === 0
    ) {
      fail(
        'untrusted_chain',
        "the certificate's key usage allows neither digitalSignature nor nonRepudiation",
      );
    }
    if (anchors.length === 0)
      fail('untrusted_chain', 'no trust anchors are configured: nothing is trusted by default');
    const path: x509.X509Certificate[] = [leaf];
    const isAnchor = (c: x509.X509Certificate): boolean => anchors.some((a) => equalDer(a, c));
    let anchored = isAnchor(leaf);
    while (!anchored && path.length <= MAX_CHAIN) {
      const cur = path[path.length - 1]!;
      let next: x509.X509Certificate | undefined;
      for (const cand of [...anchors, ...extra]) {
        if (cand.subject !== cur.issuer || equalDer(cand, cur)) continue;
        if (await issuedBy(cur, cand)) {
          next = cand;
          break;
        }
      }
      if (next === undefined) break;
      const bc = next.getExtension(x509.BasicConstraintsExtension);
      if (bc === null || !bc.ca)
        fail('untrusted_chain', `"${next.subject}" issued a certificate but is not a CA`);
      path.push(next);
      anchored = isAnchor(next);
    }
    this.out.chain = path.map((c) => c.subject);
    if (!anchored) {
      fail(
        'untrusted_chain',
        `the certificate issued by "${leaf.issuer}" does not chain to a configured trust anchor`,
      );
    }
    for (const c of path) {
      if (at < c.notBefore || at > c.notAfter) {
        fail(
          'expired_at_signing',
          `"${c.subjectName.getField('CN')[0] ?? c.subject}" was valid ${c.notBefore.toISOString()} – ${c.notAfter.toISOString()}, not at the ${sourceName(this.out.checkedAtSource)} ${at.toISOString()}`,
        );
      }
    }
    // Revocation of every certificate below the anchor, by a CRL its issuer signed.
    for (let i = 0; i < path.length; i++) {
      const cert = path[i]!;
      if (i > 0 && isAnchor(cert)) break;
      const issuer = path[i + 1] ?? anchors.find((a) => a.subject === cert.issuer);
      if (issuer === undefined) continue;
      for (const crl of crls) {
        if (crl.issuer !== cert.issuer) continue;
        if (!(await crlSignedBy(crl, issuer))) continue;
        const entry = crl.findRevoked(cert);
        if (entry === null) continue;
        const beforeSigning = entry.revocationDate <= at;
        this.out.revocation = {
          serialNumber: cert.serialNumber,
          revokedAt: entry.revocationDate.toISOString(),
          beforeSigning,
          crlIssuer: crl.issuer,
        };
        if (beforeSigning) {
          fail(
            'untrusted_chain',
            `"${cert.subjectName.getField('CN')[0] ?? cert.subject}" was revoked on ${entry.revocationDate.toISOString()}, before the ${sourceName(this.out.checkedAtSource)} (CRL of "${crl.issuer}")`,
          );
        }
      }
    }
  }
}

function sourceName(s: SignatureVerdict['checkedAtSource']): string {
  return s === 'signing_time'
    ? 'signing time'
    : s === 'promulgation_date'
      ? 'promulgation date'
      : 'receipt time';
}

function equalDer(a: x509.X509Certificate, b: x509.X509Certificate): boolean {
  return Buffer.from(a.rawData).equals(Buffer.from(b.rawData));
}

// Trust anchors and CRLs come from the operator's configuration and are the same on every call;
// parsing them and checking signatures between immutable DER objects is cached (bounded).
const CACHE_MAX = 256;
const anchorCache = new Map<string, x509.X509Certificate[]>();
const crlCache = new Map<string, x509.X509Crl[]>();
const linkCache = new Map<string, boolean>();

function keyOf(input: string | Uint8Array): string {
  return createHash('sha256')
    .update(typeof input === 'string' ? Buffer.from(input) : input)
    .digest('hex');
}

function remember<T>(cache: Map<string, T>, key: string, value: T): T {
  if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value as string);
  cache.set(key, value);
  return value;
}

function cached<T>(
  cache: Map<string, T>,
  input: string | Uint8Array,
  read: (i: string | Uint8Array) => T,
): T {
  const key = keyOf(input);
  return cache.get(key) ?? remember(cache, key, read(input));
}

async function issuedBy(cert: x509.X509Certificate, issuer: x509.X509Certificate): Promise<boolean> {
  const key = `c:${keyOf(new Uint8Array(cert.rawData))}:${keyOf(new Uint8Array(issuer.rawData))}`;
  const known = linkCache.get(key);
  if (known !== undefined) return known;
  const ok = await cert.verify({ publicKey: issuer.publicKey, signatureOnly: true }).catch(() => false);
  return remember(linkCache, key, ok);
}

async function crlSignedBy(crl: x509.X509Crl, issuer: x509.X509Certificate): Promise<boolean> {
  const key = `r:${keyOf(new Uint8Array(crl.rawData))}:${keyOf(new Uint8Array(issuer.rawData))}`;
  const known = linkCache.get(key);
  if (known !== undefined) return known;
  const ok = await crl.verify({ publicKey: issuer.publicKey }).catch(() => false);
  return remember(linkCache, key, ok);
}

function readCertificates(input: string | Uint8Array): x509.X509Certificate[] {
  if (typeof input === 'string') {
    const blocks = input.match(/-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----/g) ?? [];
    if (blocks.length === 0) throw new TypeError('trust anchor: no PEM certificate found');
    return blocks.map((b) => new x509.X509Certificate(b));
  }
  return [new x509.X509Certificate(input)];
}

function readCrls(input: string | Uint8Array): x509.X509Crl[] {
  if (typeof input === 'string') {
    const blocks = input.match(/-----BEGIN (?:X509 )?CRL-----[^-]+-----END (?:X509 )?CRL-----/g) ?? [];
    if (blocks.length === 0) throw new TypeError('CRL: no PEM "X509 CRL" block found');
    return blocks.map((b) => new x509.X509Crl(b));
  }
  return [new x509.X509Crl(input)];
}

async function signerFacts(c: x509.X509Certificate): Promise<SignerCertificate> {
  const uid = c.subjectName.getField(UID_OID)[0];
  const serial = c.subjectName.getField(SERIAL_OID)[0];
  const facts: SignerCertificate = {
    subject: c.subject,
    commonName: c.subjectName.getField('CN')[0] ?? '',
    issuer: c.issuer,
    serialNumber: c.serialNumber,
    notBefore: c.notBefore.toISOString(),
    notAfter: c.notAfter.toISOString(),
    sha256: createHash('sha256').update(Buffer.from(c.rawData)).digest('hex'),
  };
  const id = uid ?? serial;
  if (id !== undefined) facts.identityNumber = id;
  return Promise.resolve(facts);
}
