import type { ParsedPackage } from './types';

/** The result of verifying an edXML package's XML signature (see verifyEdxmlSignature). */

/**
 * - `valid`: one XML-DSig signature over the whole package, digests match the bytes received, the
 *   signature value verifies with the certificate's key, the certificate chains to a configured
 *   trust anchor, was within its validity at signing time, allows signing, and is not revoked (as of
 *   signing time) in a configured CRL.
 * - `invalid_digest`: the signed bytes changed after signing (a reference digest does not match).
 * - `invalid_signature`: the signature value does not verify, or the signature's shape is unsafe or
 *   unsupported (not XML-DSig, a second signature, a reference to part of the package only, an
 *   unsigned Object, an unknown algorithm…).
 * - `untrusted_chain`: the certificate does not chain to a configured trust anchor (none is trusted
 *   by default), or the chain's certificate was revoked before signing time, or its key usage does
 *   not allow signing.
 * - `expired_at_signing`: a certificate of the chain was outside its validity at signing time.
 * - `malformed_certificate`: the signature carries no certificate, or one that does not parse.
 * - `unsigned`: the package has no signature element.
 */
export type SignatureVerdictCode =
  | 'valid'
  | 'invalid_digest'
  | 'invalid_signature'
  | 'untrusted_chain'
  | 'expired_at_signing'
  | 'malformed_certificate'
  | 'unsigned';

/** Facts about the signing certificate, when it parsed. */
export interface SignerCertificate {
  /** Subject distinguished name as text (RFC 4514 order as printed by the library). */
  subject: string;
  /** Subject common name (CN), the signer's name. */
  commonName: string;
  /**
   * Identity number of the signer when the subject carries one: Vietnamese CAs put it in the UID
   * (0.9.2342.19200300.100.1.1) attribute as `CMND:…`, `CCCD:…`, `MST:…` or `HC:…`, or in serialNumber.
   */
  identityNumber?: string;
  issuer: string;
  /** Hex serial number. */
  serialNumber: string;
  notBefore: string;
  notAfter: string;
  /** Hex SHA-256 of the DER certificate. */
  sha256: string;
}

export interface SignatureVerdict {
  verdict: SignatureVerdictCode;
  /** Why, in one sentence a clerk can read. */
  reason: string;
  signer?: SignerCertificate;
  /** The time certificate validity and revocation were judged at (ISO 8601), and where it came from. */
  checkedAt?: string;
  checkedAtSource?: 'signing_time' | 'promulgation_date' | 'receipt_time';
  /** Signature algorithm URI declared in SignedInfo. */
  signatureAlgorithm?: string;
  /** Subjects of the chain from the signer to the trust anchor, when one was found. */
  chain?: string[];
  /** Set when a configured CRL lists the signer's (or an intermediate's) certificate. */
  revocation?: { serialNumber: string; revokedAt: string; beforeSigning: boolean; crlIssuer: string };
}

export interface VerifyOptions {
  /** Trust anchors, PEM (one or many certificates per string) or DER. None by default: nothing chains. */
  trustAnchors?: (string | Uint8Array)[];
  /** CRLs, PEM or DER, each signed by a certificate of the chain or a trust anchor. */
  crls?: (string | Uint8Array)[];
  /** Receipt time, used when the package states no signing time nor promulgation date (default: now). */
  at?: Date;
  /** Told the package as parsed, before its signature is judged (who it says it is from, its id…). */
  onParsed?: (parsed: ParsedPackage) => void;
}

/** Thrown by a check of the verifier to end it with a verdict other than `valid`. */
export class VerdictFailure extends Error {
  constructor(
    readonly verdict: SignatureVerdictCode,
    readonly reason: string,
  ) {
    super(reason);
  }
}

/** Ends the verification with this verdict and reason. */
export const fail = (verdict: SignatureVerdictCode, reason: string): never => {
  throw new VerdictFailure(verdict, reason);
};
