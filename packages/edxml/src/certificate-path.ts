/**
 * The signer's certificate judged at the signing time: key usage that allows signing, a path to a
 * configured trust anchor (through the certificates KeyInfo carries), every certificate of the path
 * within its validity, and none below the anchor revoked before that time by a CRL its issuer
 * signed. Failures are `untrusted_chain` or `expired_at_signing`.
 */
import { sourceName } from './signing-time';
import { crlSignedBy, issuedBy, revocationLists, trustAnchors } from './trust-cache';
import { fail } from './verdict';
import type { SignatureVerdict, VerifyOptions } from './verdict';
import { x509 } from './x509';

const MAX_CHAIN = 8;

/**
 * Checks `leaf` (with the `extra` certificates of KeyInfo as candidate intermediates) at `at`;
 * records the chain and any revocation found in `out` (whose `checkedAtSource` names `at`).
 */
export async function checkChain(
  leaf: x509.X509Certificate,
  extra: x509.X509Certificate[],
  at: Date,
  opts: VerifyOptions,
  out: Partial<SignatureVerdict>,
): Promise<void> {
  const anchors = trustAnchors(opts.trustAnchors ?? []);
  const crls = revocationLists(opts.crls ?? []);
  checkKeyUsage(leaf);
  if (anchors.length === 0)
    fail('untrusted_chain', 'no trust anchors are configured: nothing is trusted by default');
  const isAnchor = (c: x509.X509Certificate): boolean => anchors.some((a) => equalDer(a, c));
  const { path, anchored } = await buildPath(leaf, [...anchors, ...extra], isAnchor);
  out.chain = path.map((c) => c.subject);
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
        `"${c.subjectName.getField('CN')[0] ?? c.subject}" was valid ${c.notBefore.toISOString()} – ${c.notAfter.toISOString()}, not at the ${sourceName(out.checkedAtSource)} ${at.toISOString()}`,
      );
    }
  }
  await checkRevocation(path, anchors, crls, isAnchor, at, out);
}

function checkKeyUsage(leaf: x509.X509Certificate): void {
  const ku = leaf.getExtension(x509.KeyUsagesExtension);
  if (
    ku !== null &&
    (ku.usages & (x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation)) === 0
  ) {
    fail('untrusted_chain', "the certificate's key usage allows neither digitalSignature nor nonRepudiation");
  }
}

/** From `leaf` up, each certificate's issuer among `candidates` (which must be a CA), to an anchor. */
async function buildPath(
  leaf: x509.X509Certificate,
  candidates: x509.X509Certificate[],
  isAnchor: (c: x509.X509Certificate) => boolean,
): Promise<{ path: x509.X509Certificate[]; anchored: boolean }> {
  const path: x509.X509Certificate[] = [leaf];
  let anchored = isAnchor(leaf);
  while (!anchored && path.length <= MAX_CHAIN) {
    const cur = path[path.length - 1]!;
    let next: x509.X509Certificate | undefined;
    for (const cand of candidates) {
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
  return { path, anchored };
}

/** Revocation of every certificate below the anchor, by a CRL its issuer signed. */
async function checkRevocation(
  path: x509.X509Certificate[],
  anchors: x509.X509Certificate[],
  crls: x509.X509Crl[],
  isAnchor: (c: x509.X509Certificate) => boolean,
  at: Date,
  out: Partial<SignatureVerdict>,
): Promise<void> {
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
      out.revocation = {
        serialNumber: cert.serialNumber,
        revokedAt: entry.revocationDate.toISOString(),
        beforeSigning,
        crlIssuer: crl.issuer,
      };
      if (beforeSigning) {
        fail(
          'untrusted_chain',
          `"${cert.subjectName.getField('CN')[0] ?? cert.subject}" was revoked on ${entry.revocationDate.toISOString()}, before the ${sourceName(out.checkedAtSource)} (CRL of "${crl.issuer}")`,
        );
      }
    }
  }
}

function equalDer(a: x509.X509Certificate, b: x509.X509Certificate): boolean {
  return Buffer.from(a.rawData).equals(Buffer.from(b.rawData));
}
