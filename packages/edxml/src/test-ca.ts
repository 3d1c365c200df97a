/**
 * A throw-away certification authority and one signer it certifies, made with keys generated on the
 * spot (RSA-2048, SHA-256): for demonstrations and tests of signature verdicts, never for real
 * documents. The CA's certificate is what a node would be given as a trust anchor.
 */
import { webcrypto } from 'node:crypto';
import { x509 } from './x509';

export interface TestSigningIdentity {
  /** PEM of the CA's self-signed certificate (the trust anchor). */
  caPem: string;
  /** PEM of the signer's certificate, issued by the CA. */
  certPem: string;
  /** PKCS#8 PEM of the signer's private key. */
  keyPem: string;
}

const ALG = {
  name: 'RSASSA-PKCS1-v1_5',
  hash: 'SHA-256',
  publicExponent: new Uint8Array([1, 0, 1]),
  modulusLength: 2048,
};

const keyPair = async (): Promise<webcrypto.CryptoKeyPair> =>
  (await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;

/** A new test CA (`caName`) and a signer (`signerName`, a distinguished name) valid from a year ago for two years. */
export async function createTestSigningIdentity(
  caName = 'CN=lienthong Test CA (not for real documents), C=VN',
  signerName = 'CN=Nguyễn Văn A, C=VN',
): Promise<TestSigningIdentity> {
  const now = Date.now();
  const notBefore = new Date(now - 365 * 86_400_000);
  const notAfter = new Date(now + 365 * 86_400_000);
  const caKeys = await keyPair();
  const ca = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '01',
    name: caName,
    keys: caKeys,
    signingAlgorithm: ALG,
    notBefore,
    notAfter,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
    ],
  });
  const keys = await keyPair();
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: now.toString(16),
    subject: signerName,
    issuer: ca.subject,
    publicKey: keys.publicKey,
    signingKey: caKeys.privateKey,
    signingAlgorithm: ALG,
    notBefore,
    notAfter,
    extensions: [
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation,
        true,
      ),
    ],
  });
  const pkcs8 = await webcrypto.subtle.exportKey('pkcs8', keys.privateKey);
  return {
    caPem: ca.toString('pem'),
    certPem: cert.toString('pem'),
    keyPem: x509.PemConverter.encode(pkcs8, 'PRIVATE KEY'),
  };
}
