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
 * `text`: the package as received, or its `skeleton`'s text when its attachments' base64 runs stand
 * in for them (signature-skeleton.ts), with the digests that splice the runs back.
 */
export function checkDigests(
  sigEl: XElement,
  leaf: x509.X509Certificate,
  text: string,
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

/**
 * The canonical texts xml-crypto digests for `skeleton`'s references, with their digest algorithm:
 * a dry run of the check whose digests only record what they are asked (its outcome is ignored).
 */
export function canonicalTexts(
  sigEl: XElement,
  leaf: x509.X509Certificate,
  skeleton: Skeleton,
): { algorithm: string; xml: string }[] {
  const seen: { algorithm: string; xml: string }[] = [];
  const sx = new SignedXml({
    publicCert: createPublicKey(leaf.toString('pem')),
    getCertFromKeyInfo: () => null,
  });
  const recording: Skeleton['hashAlgorithms'] = {};
  for (const algorithm of Object.keys(skeleton.hashAlgorithms)) {
    recording[algorithm] = class {
      getHash(xml: string): string {
        seen.push({ algorithm, xml });
        return '';
      }
      getAlgorithmName(): string {
        return algorithm;
      }
    };
  }
  sx.HashAlgorithms = { ...sx.HashAlgorithms, ...recording };
  try {
    sx.loadSignature(sigEl as never);
    sx.checkSignature(skeleton.text);
  } catch {
    // The real check reports what is wrong.
  }
  return seen;
}
