/** A throw-away PKI for signature tests: CAs, signer certificates and CRLs made with keys generated here. */
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as never);

const ALG = {
  name: 'RSASSA-PKCS1-v1_5',
  hash: 'SHA-256',
  publicExponent: new Uint8Array([1, 0, 1]),
  modulusLength: 2048,
};

export interface Identity {
  cert: x509.X509Certificate;
  keys: webcrypto.CryptoKeyPair;
  /** PEM of the certificate. */
  pem: string;
  /** PKCS#8 PEM of the private key. */
  keyPem: string;
}

async function finish(cert: x509.X509Certificate, keys: webcrypto.CryptoKeyPair): Promise<Identity> {
  const pkcs8 = await webcrypto.subtle.exportKey('pkcs8', keys.privateKey as never);
  return { cert, keys, pem: cert.toString('pem'), keyPem: x509.PemConverter.encode(pkcs8, 'PRIVATE KEY') };
}

const newKeys = (): Promise<webcrypto.CryptoKeyPair> =>
  webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify']) as unknown as Promise<webcrypto.CryptoKeyPair>;

let serial = 0x1000;
const nextSerial = (): string => (serial++).toString(16).padStart(4, '0');

export async function makeCa(
  name: string,
  opts: { notBefore?: Date; notAfter?: Date; issuer?: Identity } = {},
): Promise<Identity> {
  const keys = await newKeys();
  const extensions = [
    new x509.BasicConstraintsExtension(true, undefined, true),
    new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
  ];
  const notBefore = opts.notBefore ?? new Date('2015-01-01T00:00:00Z');
  const notAfter = opts.notAfter ?? new Date('2040-01-01T00:00:00Z');
  const cert =
    opts.issuer === undefined
      ? await x509.X509CertificateGenerator.createSelfSigned({
          serialNumber: nextSerial(),
          name,
          notBefore,
          notAfter,
          keys,
          signingAlgorithm: ALG,
          extensions,
        })
      : await x509.X509CertificateGenerator.create({
          serialNumber: nextSerial(),
          subject: name,
          issuer: opts.issuer.cert.subject,
          notBefore,
          notAfter,
          publicKey: keys.publicKey,
          signingKey: opts.issuer.keys.privateKey,
          signingAlgorithm: ALG,
          extensions,
        });
  return finish(cert, keys);
}

export async function makeSigner(
  issuer: Identity,
  name: string,
  opts: { notBefore?: Date; notAfter?: Date; usages?: x509.KeyUsageFlags } = {},
): Promise<Identity> {
  const keys = await newKeys();
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: nextSerial(),
    subject: name,
    issuer: issuer.cert.subject,
    notBefore: opts.notBefore ?? new Date('2016-01-01T00:00:00Z'),
    notAfter: opts.notAfter ?? new Date('2036-01-01T00:00:00Z'),
    publicKey: keys.publicKey,
    signingKey: issuer.keys.privateKey,
    signingAlgorithm: ALG,
    extensions: [
      new x509.BasicConstraintsExtension(false),
      new x509.KeyUsagesExtension(
        opts.usages ?? x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation,
        true,
      ),
    ],
  });
  return finish(cert, keys);
}

/** A PEM CRL by `issuer` revoking `revoked` at the given dates. */
export async function makeCrl(issuer: Identity, revoked: [Identity, Date][]): Promise<string> {
  const crl = await x509.X509CrlGenerator.create({
    issuer: issuer.cert.subject,
    thisUpdate: new Date('2026-01-01T00:00:00Z'),
    nextUpdate: new Date('2036-01-01T00:00:00Z'),
    signingKey: issuer.keys.privateKey,
    signingAlgorithm: ALG,
    entries: revoked.map(([id, at]) => ({ serialNumber: id.cert.serialNumber, revocationDate: at })),
  });
  return crl.toString('pem');
}
