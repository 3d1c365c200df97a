/**
 * XML-DSig verification of an edXML package, with xml-crypto (canonicalisation, digests, signature
 * value) over the package's bytes as received, and @peculiar/x509 for the certificate path, key
 * usage and CRLs. See docs/EDXML.md "Signatures" for what is checked, in which order, and why.
 *
 * This file runs the checks in that order and assembles the verdict; the checks are in
 * signature-element.ts (the Signature element's DOM), signer-certificate.ts (KeyInfo),
 * signature-shape.ts (namespaces, algorithms, references), signature-digests.ts (digests and
 * signature value), signing-time.ts and certificate-path.ts (trust anchors, validity, CRLs).
 */
import { certificatesOf, signerFacts } from './signer-certificate';
import { checkChain } from './certificate-path';
import { EdxmlError } from './errors';
import { parseEdxml } from './parse';
import { canonicalTexts, checkDigests } from './signature-digests';
import { parseSignatureElement } from './signature-element';
import { checkShape } from './signature-shape';
import { skeletonOf } from './signature-skeleton';
import type { Skeleton } from './signature-skeleton';
import { signingTime, sourceName } from './signing-time';
import type { ParsedPackage, SignatureLocation } from './types';
import { VerdictFailure, fail } from './verdict';
import type { SignatureVerdict, SignatureVerdictCode, VerifyOptions } from './verdict';

export { MAX_ELEMENT_NAMES } from './signature-digests';

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
  opts.onParsed?.(parsed);
  return new Verifier(memoryView(bytes, parsed), parsed, opts).run();
}

/** The package as the verifier reads it: bytes in memory, or the skeleton of a package read from a source. */
export interface PackageView {
  /** The bytes `[start, end)` as text (a range outside the attachments' base64 runs). */
  text(start: number, end: number): string;
  /** The skeleton the digests are taken with; undefined: the whole text is. */
  readonly skeleton: Skeleton | undefined;
  /** The whole package as text (asked only when there is no skeleton). */
  whole(): string;
}

function memoryView(bytes: Uint8Array, parsed: ParsedPackage): PackageView {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return {
    text: (start, end) => buf.toString('utf8', start, end),
    skeleton: skeletonOf(bytes, parsed.base64Runs),
    whole: () => buf.toString('utf8'),
  };
}

/** Verifies a package seen through `view` (signature-source.ts reads one from a source so). */
export function verifyView(
  view: PackageView,
  parsed: ParsedPackage,
  opts: VerifyOptions,
): Promise<SignatureVerdict> {
  return new Verifier(view, parsed, opts).run();
}

const NO_SIGNATURE = 'the package has no Signature element';

/** One verification: the checks in order, each adding what it learnt to the verdict. */
class Verifier {
  private readonly out: Partial<SignatureVerdict> = {};

  constructor(
    private readonly view: PackageView,
    private readonly parsed: ParsedPackage,
    private readonly opts: VerifyOptions,
  ) {}

  async run(): Promise<SignatureVerdict> {
    // The common case, answered without building an exception (its stack trace costs more than the rest).
    if (this.parsed.signatures.length === 0) return this.result('unsigned', NO_SIGNATURE);
    try {
      await this.check();
      return this.result('valid', this.validReason());
    } catch (e) {
      if (e instanceof VerdictFailure) return this.result(e.verdict, e.reason);
      throw e;
    }
  }

  private result(verdict: SignatureVerdictCode, reason: string): SignatureVerdict {
    return { verdict, reason, ...this.out };
  }

  private validReason(): string {
    const src = sourceName(this.out.checkedAtSource);
    const revoked =
      this.out.revocation !== undefined ? ` (revoked later, on ${this.out.revocation.revokedAt})` : '';
    return `signed by ${this.out.signer?.commonName ?? '?'}; certificate chains to a trust anchor and was valid at the ${src}${revoked}`;
  }

  private async check(): Promise<void> {
    const loc = this.onlySignature();
    // 1. The Signature element alone, as received.
    const sigText = this.view.text(loc.byteStart, loc.byteEnd);
    const sigEl = parseSignatureElement(sigText, loc.namespaces);
    // 2. The certificate(s): who the signature claims to be, even when its shape is refused next.
    const certs = certificatesOf(sigEl);
    const leaf = certs[0]!;
    this.out.signer = await signerFacts(leaf);
    // 3. The signature's shape, then the digests over the bytes as received and the signature value.
    const signedTargets = checkShape(loc, sigEl, this.parsed.warnings, this.out);
    const skeleton = this.view.skeleton;
    // A skeleton of a package read from a source digests its runs in a second read, first.
    if (skeleton?.prepare) await skeleton.prepare(() => canonicalTexts(sigEl, leaf, skeleton));
    checkDigests(sigEl, leaf, skeleton?.text ?? this.view.whole(), this.parsed.elementNames, skeleton);
    // 4. When: a signed signing time, else the promulgation date, else the receipt time.
    const { at, source } = signingTime(signedTargets, this.parsed, this.opts.at);
    this.out.checkedAtSource = source;
    this.out.checkedAt = at.toISOString();
    // 5. Certificate path to a trust anchor, validity, key usage, revocation.
    await checkChain(leaf, certs.slice(1), at, this.opts, this.out);
  }

  /** The package's one Signature element (`unsigned` without, `invalid_signature` with several). */
  private onlySignature(): SignatureLocation {
    const sigs = this.parsed.signatures;
    if (sigs.length === 0) fail('unsigned', NO_SIGNATURE);
    if (sigs.length > 1) {
      fail('invalid_signature', `the package has ${sigs.length} Signature elements; exactly one is accepted`);
    }
    return sigs[0]!;
  }
}
