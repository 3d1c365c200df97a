/**
 * Trust anchors and CRLs come from the operator's configuration and are the same on every call;
 * parsing them and checking signatures between immutable DER objects is cached (bounded).
 */
import { createHash } from 'node:crypto';
import { x509 } from './x509';

const CACHE_MAX = 256;
const anchorCache = new Map<string, x509.X509Certificate[]>();
const crlCache = new Map<string, x509.X509Crl[]>();
const linkCache = new Map<string, boolean>();

/** The configured trust anchors, PEM (one or many certificates per string) or DER. */
export function trustAnchors(inputs: (string | Uint8Array)[]): x509.X509Certificate[] {
  return inputs.flatMap((a) => cached(anchorCache, a, readCertificates));
}

/** The configured CRLs, PEM or DER. */
export function revocationLists(inputs: (string | Uint8Array)[]): x509.X509Crl[] {
  return inputs.flatMap((c) => cached(crlCache, c, readCrls));
}

/** Whether `issuer`'s key signed `cert`. */
export async function issuedBy(cert: x509.X509Certificate, issuer: x509.X509Certificate): Promise<boolean> {
  const key = `c:${keyOf(new Uint8Array(cert.rawData))}:${keyOf(new Uint8Array(issuer.rawData))}`;
  const known = linkCache.get(key);
  if (known !== undefined) return known;
  const ok = await cert.verify({ publicKey: issuer.publicKey, signatureOnly: true }).catch(() => false);
  return remember(linkCache, key, ok);
}

/** Whether `issuer`'s key signed `crl`. */
export async function crlSignedBy(crl: x509.X509Crl, issuer: x509.X509Certificate): Promise<boolean> {
  const key = `r:${keyOf(new Uint8Array(crl.rawData))}:${keyOf(new Uint8Array(issuer.rawData))}`;
  const known = linkCache.get(key);
  if (known !== undefined) return known;
  const ok = await crl.verify({ publicKey: issuer.publicKey }).catch(() => false);
  return remember(linkCache, key, ok);
}

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
