/**
 * A {@link SignatureVerdict} as the lienthong.v1 `EdxmlSignatureVerdict` the home node carries with
 * the document (times as Unix milliseconds), and back.
 */
import type { IEdxmlSignatureVerdict } from '@lienthong/proto';
import type { SignatureVerdict, SignatureVerdictCode } from './verdict';

const CODES: readonly SignatureVerdictCode[] = [
  'valid',
  'invalid_digest',
  'invalid_signature',
  'untrusted_chain',
  'expired_at_signing',
  'malformed_certificate',
  'unsigned',
];

/** Whether `s` is one of the seven verdict codes. */
export function isVerdictCode(s: string): s is SignatureVerdictCode {
  return (CODES as readonly string[]).includes(s);
}

const ms = (iso: string | undefined): number => (iso === undefined ? 0 : Date.parse(iso));

/** The verdict as carried on the wire; `context` names who judged it, when, and under which policy. */
export function verdictToProto(
  v: SignatureVerdict,
  context: { node: string; verifiedAtMs: number; policy: string },
): IEdxmlSignatureVerdict {
  const s = v.signer;
  return {
    verdict: v.verdict,
    reason: v.reason,
    ...(s
      ? {
          signer: {
            subject: s.subject,
            commonName: s.commonName,
            identityNumber: s.identityNumber ?? '',
            issuer: s.issuer,
            serialNumber: s.serialNumber,
            notBeforeMs: ms(s.notBefore),
            notAfterMs: ms(s.notAfter),
            sha256Hex: s.sha256,
          },
        }
      : {}),
    checkedAtMs: ms(v.checkedAt),
    checkedAtSource: v.checkedAtSource ?? '',
    signatureAlgorithm: v.signatureAlgorithm ?? '',
    chain: v.chain ?? [],
    ...(v.revocation
      ? {
          revocation: {
            serialNumber: v.revocation.serialNumber,
            revokedAtMs: ms(v.revocation.revokedAt),
            beforeSigning: v.revocation.beforeSigning,
            crlIssuer: v.revocation.crlIssuer,
          },
        }
      : {}),
    node: context.node,
    verifiedAtMs: context.verifiedAtMs,
    policy: context.policy,
  };
}

const iso = (n: unknown): string | undefined => {
  const v = Number(n ?? 0);
  return v > 0 ? new Date(v).toISOString() : undefined;
};

/** The verdict as JSON for people and HTTP clients: ISO times, no empty fields. */
export function verdictJson(p: IEdxmlSignatureVerdict): Record<string, unknown> {
  const s = p.signer;
  const r = p.revocation;
  const out: Record<string, unknown> = { verdict: p.verdict ?? '', reason: p.reason ?? '' };
  if (s) {
    out.signer = {
      commonName: s.commonName ?? '',
      ...(s.identityNumber ? { identityNumber: s.identityNumber } : {}),
      subject: s.subject ?? '',
      issuer: s.issuer ?? '',
      serialNumber: s.serialNumber ?? '',
      notBefore: iso(s.notBeforeMs),
      notAfter: iso(s.notAfterMs),
      sha256: s.sha256Hex ?? '',
    };
  }
  if (iso(p.checkedAtMs)) out.checkedAt = iso(p.checkedAtMs);
  if (p.checkedAtSource) out.checkedAtSource = p.checkedAtSource;
  if (p.signatureAlgorithm) out.signatureAlgorithm = p.signatureAlgorithm;
  if (p.chain && p.chain.length > 0) out.chain = [...p.chain];
  if (r) {
    out.revocation = {
      serialNumber: r.serialNumber ?? '',
      revokedAt: iso(r.revokedAtMs),
      beforeSigning: r.beforeSigning === true,
      crlIssuer: r.crlIssuer ?? '',
    };
  }
  if (p.node) out.node = p.node;
  if (iso(p.verifiedAtMs)) out.verifiedAt = iso(p.verifiedAtMs);
  if (p.policy) out.policy = p.policy;
  return out;
}
