/**
 * The certificates a signature carries in KeyInfo (read from the Signature element's DOM, in any
 * namespace, so that a Signature written without the XML-DSig namespace still shows who it claims
 * to be; comments are not read), and the facts of the signer's certificate a verdict reports.
 */
import { createHash } from 'node:crypto';
import type { Element as XElement } from '@xmldom/xmldom';
import { fail } from './verdict';
import type { SignerCertificate } from './verdict';
import { x509 } from './x509';
import { descendants } from './xml-dom';

const UID_OID = '0.9.2342.19200300.100.1.1';
const SERIAL_OID = '2.5.4.5';

/** The X509Certificates in `sigEl`, the signer's first; `malformed_certificate` when none or one does not parse. */
export function certificatesOf(sigEl: XElement): x509.X509Certificate[] {
  const raw = descendants(sigEl, 'X509Certificate').map((e) => e.textContent ?? '');
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

export async function signerFacts(c: x509.X509Certificate): Promise<SignerCertificate> {
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
