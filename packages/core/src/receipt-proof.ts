/**
 * Proof of receipt: the signed status reports a recipient sent about one document, with the
 * recipient's public keys, as one JSON file a sender can hand to a third party. Verifying it needs
 * nothing but this file (and, to tie it to a document, the document or its hash).
 */
import type { X509Certificate } from 'node:crypto';
import { BusinessStatus, PublicKey, StatusReport } from '@lienthong/proto';
import type { IPublicKey, IStatusReport, ITrackingRecord } from '@lienthong/proto';
import { LienthongError } from './errors';
import { toMillis } from './millis';
import { verifyStatus } from './signing';

export const RECEIPT_PROOF_FORMAT = 'lienthong-receipt-proof/1';

export interface ReceiptProof {
  readonly format: typeof RECEIPT_PROOF_FORMAT;
  readonly documentId: string;
  readonly sender: string;
  readonly recipient: string;
  readonly exportedAtMs: number;
  /** Each signed StatusReport, protobuf bytes in base64, as the recipient signed it. */
  readonly receipts: readonly { readonly code: string; readonly statusReport: string }[];
  /** The recipient's public keys (PublicKey protobuf bytes, base64) from the directory. */
  readonly keys: readonly string[];
}

export interface CheckedReceipt {
  readonly code: BusinessStatus;
  readonly ok: boolean;
  readonly signedAtMs: number;
  readonly keyId: string;
  /** Hex SHA-256 of the document the recipient acknowledged ('' when the receipt names none). */
  readonly documentSha256: string;
  readonly detail: string;
}

export interface ProofVerification {
  /** Every receipt verifies, names this document, sender and recipient, and (when given) the hash. */
  readonly ok: boolean;
  readonly receipts: readonly CheckedReceipt[];
  readonly problems: readonly string[];
  /**
   * Whether the keys were checked against something outside the proof: keys the verifier supplied,
   * or certificates chaining to its trust anchors. Without either, `ok` only says the proof is
   * consistent with the keys it carries itself, which anyone can make.
   */
  readonly anchored: boolean;
}

const b64 = (b: Uint8Array): string => Buffer.from(b).toString('base64');
const hex = (b: Uint8Array | null | undefined): string => Buffer.from(b ?? []).toString('hex');
const code2 = (c: BusinessStatus): string => String(c).padStart(2, '0');

/** Builds the proof from a tracking record's signed receipts and the recipient's registered keys. */
export function buildReceiptProof(
  record: ITrackingRecord,
  keys: readonly IPublicKey[],
  nowMs = Date.now(),
): ReceiptProof {
  const receipts = (record.timeline ?? []).flatMap((e) => (e.receipt ? [e.receipt] : []));
  if (receipts.length === 0) {
    throw new LienthongError(
      'NotFound',
      `no signed receipt from ${record.recipient} for ${record.documentId} (it has not reported, or does not sign)`,
      { context: { documentId: record.documentId, recipient: record.recipient } },
    );
  }
  const used = new Set(receipts.map((r) => r.signature?.keyId));
  return {
    format: RECEIPT_PROOF_FORMAT,
    documentId: record.documentId ?? '',
    sender: record.sender ?? '',
    recipient: record.recipient ?? '',
    exportedAtMs: nowMs,
    receipts: receipts.map((r) => ({
      code: code2(r.code ?? 0),
      statusReport: b64(StatusReport.encode(r).finish()),
    })),
    keys: keys.filter((k) => used.has(k.keyId)).map((k) => b64(PublicKey.encode(k).finish())),
  };
}

/**
 * Verifies a proof offline. `documentSha256` (hex) ties it to a document the verifier holds
 * (`documentSha256(doc)`). The keys the proof carries prove nothing by themselves: `keys` (the
 * recipient's keys as the verifier knows them, e.g. from the directory) are used instead of them,
 * and with `trustAnchors` every signing key must be a certificate that chains to one.
 */
export function verifyReceiptProof(
  proof: unknown,
  opts: {
    readonly documentSha256?: string;
    readonly trustAnchors?: readonly X509Certificate[];
    readonly keys?: readonly IPublicKey[];
  } = {},
): ProofVerification {
  const anchored = opts.keys !== undefined || (opts.trustAnchors?.length ?? 0) > 0;
  const p = proof as Partial<ReceiptProof> | null;
  if (!p || typeof p !== 'object' || p.format !== RECEIPT_PROOF_FORMAT) {
    return { ok: false, receipts: [], problems: [`not a ${RECEIPT_PROOF_FORMAT} document`], anchored };
  }
  const problems: string[] = [];
  let keys: readonly IPublicKey[];
  try {
    keys = opts.keys ?? (p.keys ?? []).map((k) => PublicKey.decode(Buffer.from(k, 'base64')));
  } catch (e) {
    return { ok: false, receipts: [], problems: [`keys: ${(e as Error).message}`], anchored };
  }
  const receipts: CheckedReceipt[] = [];
  for (const [i, r] of (p.receipts ?? []).entries()) {
    let st: IStatusReport;
    try {
      st = StatusReport.decode(Buffer.from(r.statusReport, 'base64'));
    } catch (e) {
      problems.push(`receipts[${i}]: not a StatusReport: ${(e as Error).message}`);
      continue;
    }
    const v = verifyStatus(st, keys, {
      nowMs: toMillis(st.signature?.signedAtMs),
      ...(opts.trustAnchors ? { trustAnchors: opts.trustAnchors } : {}),
    });
    const bare =
      v.ok && (opts.trustAnchors?.length ?? 0) > 0
        ? keys.find((k) => k.keyId === v.keyId && !(k.certificate && k.certificate.length > 0))
        : undefined;
    const mismatch = [
      bare ? `key ${bare.keyId} has no certificate to check against the trust anchors` : '',
      st.documentId !== p.documentId ? `names document ${st.documentId}` : '',
      st.documentSender !== p.sender ? `names sender ${st.documentSender}` : '',
      st.responder !== p.recipient ? `is from ${st.responder}` : '',
      opts.documentSha256 !== undefined && hex(st.documentSha256) !== opts.documentSha256.toLowerCase()
        ? `acknowledges content ${hex(st.documentSha256) || '(none)'}, not ${opts.documentSha256}`
        : '',
    ].filter((m) => m !== '');
    const ok = v.ok && mismatch.length === 0;
    const detail = v.ok ? mismatch.join('; ') : v.detail;
    if (!ok) problems.push(`receipts[${i}] (${r.code}): ${detail}`);
    receipts.push({
      code: st.code ?? BusinessStatus.BUSINESS_STATUS_UNSPECIFIED,
      ok,
      signedAtMs: toMillis(st.signature?.signedAtMs),
      keyId: st.signature?.keyId ?? '',
      documentSha256: hex(st.documentSha256),
      detail,
    });
  }
  if (receipts.length === 0 && problems.length === 0) problems.push('the proof holds no receipt');
  return { ok: problems.length === 0, receipts, problems, anchored };
}
