/**
 * Agencies' public keys from the directory, cached for a short while: what checks the signature of
 * an inbox item and what a receipt proof carries.
 */
import type { KV } from '@nats-io/kv';
import {
  LienthongError,
  buildReceiptProof,
  directoryKeys,
  verifyDocument,
  verifyStatus,
} from '@lienthong/core';
import type { ReceiptProof } from '@lienthong/core';
import { AgencyRecord, ClosedAgencyRecord, FailureReason } from '@lienthong/proto';
import type { IEnvelope, IPublicKey, TrackingRecord } from '@lienthong/proto';
import type { ItemSignature } from './types';

/** How long a client trusts the agency keys it read from the directory. */
const KEY_CACHE_MS = 30_000;

export class AgencyKeys {
  private readonly cache = new Map<string, { keys: readonly IPublicKey[]; atMs: number }>();

  constructor(private readonly directory: KV) {}

  /**
   * An agency's registered keys (a closed code's: those it had when it closed); read again when
   * `fresh` or when the cached ones are old.
   */
  async of(agency: string, fresh = false): Promise<readonly IPublicKey[]> {
    const cached = this.cache.get(agency);
    if (!fresh && cached && Date.now() - cached.atMs < KEY_CACHE_MS) return cached.keys;
    const entry = await this.directory.get(directoryKeys.agency(agency));
    let keys: readonly IPublicKey[] = [];
    if (entry && entry.operation === 'PUT') keys = AgencyRecord.decode(entry.value).keys ?? [];
    else {
      // A closed code keeps the keys it had: what it signed before it closed stays verifiable.
      const closed = await this.directory.get(directoryKeys.closed(agency));
      if (closed && closed.operation === 'PUT') keys = ClosedAgencyRecord.decode(closed.value).keys ?? [];
    }
    this.cache.set(agency, { keys, atMs: Date.now() });
    return keys;
  }

  /** The signature check of an inbox item (a document or a status) against its signer's keys. */
  async verify(envelope: IEnvelope): Promise<ItemSignature> {
    const { document, status } = envelope;
    const signed = document ?? status;
    const signer = document ? document.from?.code : status?.responder;
    if (!signed || !signer) return { state: 'unsigned' };
    const keys = await this.of(signer);
    if ((signed.signature?.value?.length ?? 0) === 0) {
      return keys.length === 0
        ? { state: 'unsigned' }
        : {
            state: 'invalid',
            reason: FailureReason.FAILURE_REASON_MISSING_SIGNATURE,
            detail: `${signer} has registered keys but did not sign`,
          };
    }
    if (keys.length === 0) return { state: 'unverifiable', detail: `${signer} has no keys in the directory` };
    const v = document ? verifyDocument(document, keys) : status ? verifyStatus(status, keys) : undefined;
    if (!v) return { state: 'unsigned' };
    return v.ok
      ? { state: 'verified', keyId: v.keyId, signedAtMs: v.signedAtMs }
      : { state: 'invalid', reason: v.reason, detail: v.detail };
  }

  /**
   * The proof that `recipient` received a document, from its record among `records`: its signed
   * status reports and its keys read fresh. NotFound when the document was not sent to it.
   */
  async receiptProof(
    documentId: string,
    recipient: string,
    records: readonly TrackingRecord[],
  ): Promise<ReceiptProof> {
    const record = records.find((r) => r.recipient === recipient);
    if (!record) {
      throw new LienthongError('NotFound', `receiptProof: ${documentId} was not sent to ${recipient}`, {
        context: { documentId, recipient },
      });
    }
    return buildReceiptProof(record, await this.of(recipient, true));
  }
}
