/**
 * Tracking keys, with the document part remembered. `trackingKey` hashes the document id (SHA-256)
 * on every call, and a node computes a key for every tracking change and overdue-index update of
 * every recipient: a broadcast to 3,366 recipients hashed the same id more than ten thousand times.
 */
import { agencyToToken, documentKey, recipientToken } from '@lienthong/core';

const MAX_DOCUMENTS = 10_000;
const documentKeys = new Map<string, string>();

/** `documentKey(documentId)`, hashed once per document while it is among the recent ones. */
export function documentKeyOf(documentId: string): string {
  let key = documentKeys.get(documentId);
  if (key === undefined) {
    key = documentKey(documentId);
    if (documentKeys.size >= MAX_DOCUMENTS) documentKeys.delete(documentKeys.keys().next().value!);
    documentKeys.set(documentId, key);
  }
  return key;
}

/** `trackingKey(sender, documentId, recipient)`, without hashing a recent document id again. */
export function trackingKeyOf(sender: string, documentId: string, recipient: string): string {
  // The same form as core's trackingKey (kv-keys.ts): sender token, document key, recipient token.
  return `${agencyToToken(sender)}.${documentKeyOf(documentId)}.${recipientToken(recipient)}`;
}
