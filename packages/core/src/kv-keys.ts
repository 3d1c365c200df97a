/**
 * Names and keys of the JetStream KV buckets, part of the public contract like the subject map:
 * `lt_directory` (the directory, watched by nodes and read by SDKs), `lt_tracking` (one tracking
 * record per sent document and recipient, kept by the sender's home node) and `lt_status` (what
 * each node tells of itself for monitoring).
 */
import { agencyFromToken, agencyToToken } from './agency';
import { assertNodeId, documentKey, isNodeId } from './ids';
import { NO_RECIPIENT_TOKEN } from './refused-records';

/** Stream names (one set per JetStream domain); their subjects are in docs/PROTOCOL.md. */
export const STREAMS = Object.freeze({
  submit: 'LT_SUBMIT',
  relay: 'LT_RELAY',
  inbox: 'LT_INBOX',
  track: 'LT_TRACK',
  dead: 'LT_DEAD',
} as const);

/** The nodes' audit logs: one hash chain per node (docs/SECURITY.md). */
export const AUDIT_STREAM = 'LT_AUDIT';

export const BUCKETS = Object.freeze({
  tracking: 'lt_tracking',
  directory: 'lt_directory',
  /** One entry per node: what it tells of itself (node-status.ts). */
  status: 'lt_status',
} as const);

/**
 * Keys of `lt_directory`: `node.<node id>` → NodeRecord, `agency.<agency token>` → AgencyRecord,
 * `closed.<agency token>` → ClosedAgencyRecord (a code closed by a reorganisation, with its successor).
 */
export const directoryKeys = Object.freeze({
  node: (id: string): string => `node.${assertNodeId(id)}`,
  agency: (code: string): string => `agency.${agencyToToken(code)}`,
  closed: (code: string): string => `closed.${agencyToToken(code)}`,
  /** Filters for watching or listing one kind of entry. */
  allNodes: 'node.*',
  allAgencies: 'agency.*',
  allClosed: 'closed.*',
});

export type DirectoryKey =
  | { readonly kind: 'node'; readonly id: string }
  | { readonly kind: 'agency' | 'closed'; readonly code: string };

/** The entry a directory key names, or undefined for a key outside the contract. Never throws. */
export function parseDirectoryKey(key: string): DirectoryKey | undefined {
  const [kind, value, ...rest] = typeof key === 'string' ? key.split('.') : [];
  if (rest.length > 0 || value === undefined) return undefined;
  if (kind === 'node') return isNodeId(value) ? { kind, id: value } : undefined;
  if (kind !== 'agency' && kind !== 'closed') return undefined;
  try {
    return { kind, code: agencyFromToken(value) };
  } catch {
    return undefined;
  }
}

/**
 * Key of one tracking record in `lt_tracking`: `<sender token>.<document key>.<recipient token>`
 * (`-` for the record of a refused document without a readable recipient).
 * The sender comes first so one sender's records (or one document's) are listed by a key filter.
 */
export function trackingKey(sender: string, documentId: string, recipient: string): string {
  return `${agencyToToken(sender)}.${documentKey(documentId)}.${recipientToken(recipient)}`;
}

/**
 * The recipient's token in a tracking key; {@link NO_RECIPIENT_TOKEN} for '' (the record of a refused
 * document whose recipients could not be read, refused-records.ts).
 */
export function recipientToken(recipient: string): string {
  return recipient === '' ? NO_RECIPIENT_TOKEN : agencyToToken(recipient);
}

/** Key filter for every recipient's record of one sent document. */
export function trackingDocumentFilter(sender: string, documentId: string): string {
  return `${agencyToToken(sender)}.${documentKey(documentId)}.*`;
}

/** Key filter for every tracking record of one sender. */
export function trackingSenderFilter(sender: string): string {
  return `${agencyToToken(sender)}.>`;
}
