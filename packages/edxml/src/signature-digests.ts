/**
 * The digests of the references over the package's bytes as received, then the signature value
 * with the certificate's key (xml-crypto): `invalid_digest` when signed content changed,
 * `invalid_signature` when the value does not verify.
 */
import { createPublicKey } from 'node:crypto';
import type { Element as XElement } from '@xmldom/xmldom';
import { SignedXml } from 'xml-crypto';
import type { Skeleton } from './signature-skeleton';
import { fail } from './verdict';
import type { x509 } from './x509';

/**
 * xml-crypto's DOM parser (@xmldom/xmldom 0.8) scans the whole text once per distinct element name
 * (see docs/BENCHMARKS.md): edXML uses about 100; a package with thousands is refused before it.
 */
export const MAX_ELEMENT_NAMES = 256;

/**
 * `bytes`: the package as received; `skeleton`, when its attachments' base64 runs can stand in for
 * them (signature-skeleton.ts), the text xml-crypto parses instead, with the digests that splice the
 * runs back.
 */
export function checkDigests(
  sigEl: XElement,
  leaf: x509.X509Certificate,
  bytes: Uint8Array,
  elementNames: number,
  skeleton?: Skeleton,
): void {
  // A key object: Node would otherwise parse the certificate's PEM again to check the value.
  const publicCert = createPublicKey(leaf.toString('pem'));
  const sx = new SignedXml({ publicCert, getCertFromKeyInfo: () => null });
  if (skeleton) sx.HashAlgorithms = { ...sx.HashAlgorithms, ...skeleton.hashAlgorithms };
  sx.loadSignature(sigEl as never);
  if (elementNames > MAX_ELEMENT_NAMES) {
    fail(
      'invalid_signature',
      `the package uses ${elementNames} distinct element names; a signature is checked on packages with at most ${MAX_ELEMENT_NAMES}`,
    );
  }
  const text = skeleton?.text ?? Buffer.from(bytes).toString('utf8');
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
}
