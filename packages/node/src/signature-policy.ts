import type { X509Certificate } from 'node:crypto';
import { parseCertificate, verifyDocument, verifyStatus } from '@lienthong/core';
import { EnvelopeKind, FailureReason } from '@lienthong/proto';
import type { Envelope, IPublicKey } from '@lienthong/proto';

/** How strictly a node checks the signatures of what its agencies submit. */
export interface SecurityConfig {
  /**
   * Refuse unsigned documents and status reports from every agency. Without it, only agencies that
   * have keys in the directory must sign (so existing unsigned flows keep working until an agency
   * registers a key).
   */
  readonly requireSignatures: boolean;
  /**
   * Refuse a signature made longer than this before the node's stream stored the submission: a
   * replayed old envelope. Default: the inbox horizon, within which a replay is a duplicate anyway.
   */
  readonly maxSignatureAgeMs?: number;
  /** Tolerated clock difference for signatures dated in the future; default 5 minutes. */
  readonly maxClockSkewMs?: number;
  /** PEM certificates of trusted authorities; when set, registered certificates must chain to one. */
  readonly trustAnchors?: readonly string[];
}

export const DEFAULT_SECURITY: SecurityConfig = { requireSignatures: false };

/** Where a node finds an agency's registered public keys: the live directory. */
export interface KeyDirectory {
  keysOf(agencyCode: string): readonly IPublicKey[];
}

export interface SignatureRefusal {
  readonly reason: FailureReason;
  readonly detail: string;
}

/**
 * The intake check of signatures: a document must be signed by its sender, a status report by its
 * responder, with a key the directory lists for that agency and that was valid when it signed.
 */
export class SignaturePolicy {
  private readonly anchors: readonly X509Certificate[];

  constructor(
    private readonly keys: KeyDirectory,
    private readonly config: SecurityConfig,
  ) {
    this.anchors = (config.trustAnchors ?? []).map((pem) => parseCertificate(pem));
  }

  /** Why a submission is refused, or undefined when its signature (or its absence) is acceptable. */
  check(env: Envelope, storedAtMs: number): SignatureRefusal | undefined {
    const document = env.kind === EnvelopeKind.ENVELOPE_KIND_DOCUMENT ? env.document : undefined;
    const status = env.kind === EnvelopeKind.ENVELOPE_KIND_DOCUMENT ? undefined : env.status;
    const signer = document ? document.from?.code : status?.responder;
    const payload = document ?? status;
    if (!signer || !payload) return undefined;
    const keys = this.keys.keysOf(signer);
    const signed = (payload.signature?.value?.length ?? 0) > 0;
    if (!signed) {
      if (keys.length > 0) return missing(`${signer} has registered keys and must sign its ${what(env)}`);
      if (this.config.requireSignatures)
        return missing(`this node requires signed ${what(env)}s; ${signer} sent one unsigned`);
      return undefined;
    }
    if (keys.length === 0) {
      if (!this.config.requireSignatures) return undefined;
      return {
        reason: FailureReason.FAILURE_REASON_KEY_NOT_VALID,
        detail: `${signer} has no keys in the directory to verify its ${what(env)} with`,
      };
    }
    const opts = {
      nowMs: storedAtMs,
      ...(this.config.maxSignatureAgeMs !== undefined ? { maxAgeMs: this.config.maxSignatureAgeMs } : {}),
      ...(this.config.maxClockSkewMs !== undefined ? { maxClockSkewMs: this.config.maxClockSkewMs } : {}),
      trustAnchors: this.anchors,
    };
    const result = document
      ? verifyDocument(document, keys, opts)
      : status
        ? verifyStatus(status, keys, opts)
        : undefined;
    if (!result || result.ok) return undefined;
    return { reason: result.reason, detail: `${what(env)} of ${signer}: ${result.detail}` };
  }
}

function what(env: Envelope): string {
  return env.kind === EnvelopeKind.ENVELOPE_KIND_DOCUMENT ? 'document' : 'status report';
}

function missing(detail: string): SignatureRefusal {
  return { reason: FailureReason.FAILURE_REASON_MISSING_SIGNATURE, detail };
}
