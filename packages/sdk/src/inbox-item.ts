/** One message an inbox holds, and what an item handed out says about it. */
import type { JsMsg } from '@nats-io/jetstream';
import { storedAtMs } from '@lienthong/infra';
import { BusinessOperation, BusinessStatus, EnvelopeKind } from '@lienthong/proto';
import type { Envelope } from '@lienthong/proto';
import type { InboxItem } from './inbox-types';
import type { ItemSignature } from './types';

/** One message an inbox holds: waiting to be handed out, or handed out and not settled. */
export interface Held {
  /** Swapped for the item's copy at the new home node when the agency moves while it is held. */
  m: JsMsg;
  readonly envelope: Envelope;
  readonly recall: boolean;
  /** For a recall: the recalled document has reached this inbox (or waiting is over). */
  documentCame: boolean;
  /** Not to be handed out before this time (after a `nak(delayMs)`). */
  notBefore: number;
  handedOut: number;
  signature?: Promise<ItemSignature>;
  /** When `ack()` was first called: the time of its 01, the same for a retried ack. */
  ackedAtMs?: number;
}

/** What an item says, without what it does (`ack`, `nak`, `report`) or its attachments. */
export type ItemFacts = Omit<InboxItem, 'ack' | 'nak' | 'report' | 'attachments' | 'signature'>;

export function held(m: JsMsg, envelope: Envelope): Held {
  const recall = isRecall(envelope);
  return { m, envelope, recall, documentCame: !recall, notBefore: 0, handedOut: 0 };
}

/** The facts of a held message as handed out now. */
export function itemFacts(h: Held): ItemFacts {
  const { m, envelope, recall } = h;
  const doc = envelope.document ?? undefined;
  const operation = recall
    ? BusinessOperation.BUSINESS_OPERATION_NEW
    : (doc?.business?.operation ?? BusinessOperation.BUSINESS_OPERATION_NEW);
  const concerns = recall ? [envelope.documentId] : concernsOf(envelope, operation);
  const traceparent = m.headers?.get('traceparent') || undefined;
  return {
    kind: recall ? 'recall' : 'document',
    documentId: envelope.documentId,
    sender: envelope.originAgency,
    operation,
    concerns,
    envelope,
    ...(doc ? { document: doc } : {}),
    ...(envelope.status ? { status: envelope.status } : {}),
    deliveredAtMs: storedAtMs(m),
    ...(traceparent ? { traceparent } : {}),
    sequence: m.seq,
    deliveryCount: m.info.deliveryCount + h.handedOut - 1,
  };
}

/** The sender of the document a recall asks back. */
export function recalledSender(envelope: Envelope): string {
  return envelope.status?.documentSender || envelope.originAgency;
}

function isRecall(envelope: Envelope): boolean {
  return (
    envelope.kind === EnvelopeKind.ENVELOPE_KIND_STATUS &&
    envelope.status?.code === BusinessStatus.BUSINESS_STATUS_RECALL_REQUESTED
  );
}

/**
 * The earlier documents a document changes: for a revoke, update or replace, those of its own
 * sender it names (responseFor, replaces: its home node refuses a replace of another agency's), or
 * when it names none of its own, the document its id names (edXML carries a revoke under the id of
 * the document revoked). Another agency's document named in responseFor is what it answers, not
 * what it changes. For a new document, what it answers.
 */
function concernsOf(envelope: Envelope, operation: BusinessOperation): string[] {
  const doc = envelope.document ?? undefined;
  const named = (doc?.responseFor ?? []).map((r) => r.documentId ?? '').filter((id) => id !== '');
  if (operation === BusinessOperation.BUSINESS_OPERATION_NEW) return [...new Set(named)];
  const own = named.filter((id) => id.startsWith(`${envelope.originAgency},`));
  const changed = [...new Set([...own, ...(doc?.business?.replaces ?? [])])];
  return changed.length > 0 ? changed : [envelope.documentId];
}
