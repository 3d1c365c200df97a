/**
 * Signing an edXML package with XML-DSig (xml-crypto): one enveloped signature over the whole
 * package (Reference URI=""), exclusive canonicalisation, RSA-SHA256 by default, the certificate
 * chain in KeyInfo, placed as the last child of `edXMLHeader` as the samples have it. Meant for
 * tests, demos and systems that sign on the node's behalf; agencies sign with their own software.
 */
import type { KeyObject } from 'node:crypto';
import { SignedXml } from 'xml-crypto';
import { EdxmlError } from './errors';

export interface SignEdxmlOptions {
  /** PKCS#8 PEM (or a KeyObject) of the signing key (RSA). */
  privateKey: string | Buffer | KeyObject;
  /** PEM certificates, the signer's first, then intermediates (all go into KeyInfo). */
  certificates: string[];
  /** Default 'rsa-sha256'. */
  algorithm?: 'rsa-sha256' | 'rsa-sha512' | 'rsa-sha1';
  /**
   * Adds a signed signing time: an `Object` holding `SignatureProperties/SignatureProperty/
   * SigningTime` (ISO 8601, UTC), covered by a second Reference (`URI="#lt-signature-properties"`).
   */
  signingTime?: Date;
  /** Canonicalisation of SignedInfo and of the references (default 'exc-c14n'). */
  canonicalization?: 'exc-c14n' | 'c14n';
}

const METHODS = {
  'rsa-sha1': ['http://www.w3.org/2000/09/xmldsig#rsa-sha1', 'http://www.w3.org/2000/09/xmldsig#sha1'],
  'rsa-sha256': [
    'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
    'http://www.w3.org/2001/04/xmlenc#sha256',
  ],
  'rsa-sha512': [
    'http://www.w3.org/2001/04/xmldsig-more#rsa-sha512',
    'http://www.w3.org/2001/04/xmlenc#sha512',
  ],
} as const;

const C14N = {
  'exc-c14n': 'http://www.w3.org/2001/10/xml-exc-c14n#',
  c14n: 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315',
} as const;

/** Returns the signed package (the document re-serialised by xml-crypto, with the Signature added). */
export function signEdxml(bytes: Uint8Array, opts: SignEdxmlOptions): Uint8Array {
  if (opts.certificates.length === 0)
    throw new EdxmlError('MISSING_ELEMENT', 'signEdxml needs the signer certificate');
  const [method, digest] = METHODS[opts.algorithm ?? 'rsa-sha256'];
  const c14n = C14N[opts.canonicalization ?? 'exc-c14n'];
  const props = 'lt-signature-properties';
  const sig = new SignedXml({
    privateKey: opts.privateKey,
    publicCert: opts.certificates.join('\n'),
    signatureAlgorithm: method,
    canonicalizationAlgorithm: c14n,
    ...(opts.signingTime === undefined
      ? {}
      : {
          objects: [
            {
              content: `<SignatureProperties Id="${props}"><SignatureProperty Target="#lt-signature"><SigningTime>${opts.signingTime.toISOString()}</SigningTime></SignatureProperty></SignatureProperties>`,
            },
          ],
        }),
  });
  sig.addReference({
    xpath: '/*',
    uri: '',
    isEmptyUri: true,
    transforms: ['http://www.w3.org/2000/09/xmldsig#enveloped-signature', c14n],
    digestAlgorithm: digest,
  });
  if (opts.signingTime !== undefined) {
    sig.addReference({ xpath: `//*[@Id='${props}']`, transforms: [c14n], digestAlgorithm: digest });
  }
  sig.computeSignature(Buffer.from(bytes).toString('utf8'), {
    location: { reference: "//*[local-name(.)='edXMLHeader']", action: 'append' },
    attrs: { Id: 'lt-signature' },
  });
  return new TextEncoder().encode(sig.getSignedXml());
}
