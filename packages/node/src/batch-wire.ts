/**
 * The wire form of a batch of transport events (transport-batches.ts): its header, its bounds, its
 * message id, and reading one. Plain functions, so that the audit log and the intake can use them.
 */
import { createHash } from 'node:crypto';
import type { MsgHdrs } from '@nats-io/transport-node';
import { EnvelopeBatch } from '@lienthong/proto';
import { malformed } from './inbound';
import type { Rejection } from './inbound';

/** The header that marks a relay message as an `EnvelopeBatch`; its value is the number of entries. */
export const BATCH_HEADER = 'Lt-Batch';
/** Entries in one batch at most (a node takes up to `concurrency` messages at once: 64 by default). */
export const BATCH_MAX_EVENTS = 256;
/** Bytes of entries in one batch at most: well under a NATS message's 1 MiB. */
export const BATCH_MAX_BYTES = 256 * 1024;

/**
 * A batch's message id: from its entries' ids, so that a batch sent again as it was is recognised
 * by the next domain's duplicate window (grouped otherwise, its entries are each harmless twice).
 */
export function batchMessageId(entryIds: readonly string[]): string {
  const h = createHash('sha256');
  for (const id of entryIds) h.update(id).update('\n');
  return `batch:${h.digest('base64url').slice(0, 32)}`;
}

/** Whether an inbound relay message is an `EnvelopeBatch`. */
export function isBatch(headers: MsgHdrs | undefined): boolean {
  return headers?.has(BATCH_HEADER) ?? false;
}

/**
 * The entries of a received batch, or why it cannot be read. Each entry must be a transport event:
 * only those travel together.
 */
export function readBatch(data: Uint8Array): Uint8Array[] | Rejection {
  let entries: Uint8Array[];
  try {
    entries = EnvelopeBatch.decode(data).envelopes;
  } catch (e) {
    return malformed(`a batch (header ${BATCH_HEADER}) that does not decode: ${(e as Error).message}`);
  }
  if (entries.length === 0) return malformed(`a batch (header ${BATCH_HEADER}) with no entries`);
  if (entries.length > BATCH_MAX_EVENTS) {
    return malformed(`a batch of ${entries.length} entries; at most ${BATCH_MAX_EVENTS} travel together`);
  }
  return entries;
}
