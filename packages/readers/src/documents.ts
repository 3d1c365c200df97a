/** Reading what the broker knows of a document: its tracking records and a delivered copy. */
import {
  BUCKETS,
  STREAMS,
  decodeEnvelope,
  decodeTrackingRecord,
  documentEnvelopeId,
  inboxSubject,
  isAgencyCode,
  levelName,
  trackingDocumentFilter,
} from '@lienthong/core';
import { BusinessOperation, TrackingRecord, TransportState } from '@lienthong/proto';
import type { Envelope } from '@lienthong/proto';
import type { Directory } from './directory';
import { invalid } from './errors';
import { readBucket } from './scan';
import type { Session } from './session';

/** The sender named at the start of a document id `{sender},{yyyy/MM/dd},{number}/{notation}`. */
export function senderFromId(documentId: string, given?: string): string {
  if (given !== undefined) {
    if (!isAgencyCode(given)) throw invalid(`--from '${given}' is not an agency code (AAA.BB.CC.Xnn)`);
    return given;
  }
  const head = documentId.split(',')[0] ?? '';
  if (!isAgencyCode(head)) {
    throw invalid(
      `cannot tell the sender from document id '${documentId}'`,
      'ids look like {sender},{yyyy/MM/dd},{number}/{notation}; otherwise pass --from SENDER',
    );
  }
  return head;
}

/** Every recipient's tracking record of one sent document, by recipient code. */
export async function documentRecords(
  s: Session,
  sender: string,
  documentId: string,
): Promise<TrackingRecord[]> {
  const entries = await readBucket(s, BUCKETS.tracking, trackingDocumentFilter(sender, documentId));
  const out: TrackingRecord[] = [];
  for (const value of entries.values()) {
    const r = decodeTrackingRecord(value);
    if (r.recipient !== '' && r.documentId === documentId) out.push(r);
  }
  return out.sort((a, b) => a.recipient.localeCompare(b.recipient));
}

/** Every tracking record changed since `since` (all when absent); refusal notices included. */
export async function allRecords(s: Session, since?: number): Promise<TrackingRecord[]> {
  const entries = await readBucket(s, BUCKETS.tracking, '>', since === undefined ? {} : { since });
  const out: TrackingRecord[] = [];
  for (const value of entries.values()) {
    try {
      out.push(decodeTrackingRecord(value));
    } catch {
      // A value that is not a tracking record is not counted.
    }
  }
  return out;
}

export interface InboxCopy {
  readonly recipient: string;
  readonly subject: string;
  readonly seq: number;
  readonly storedAtMs: number;
  readonly envelope: Envelope;
}

/**
 * The copy of a document in a recipient's inbox (LT_INBOX keeps one message per item subject,
 * named by the envelope id the sender's home node gives a document package), or undefined when no
 * recipient's inbox in this domain holds it.
 */
export async function findInboxCopy(
  s: Session,
  dir: Directory,
  sender: string,
  documentId: string,
  recipients: readonly string[],
): Promise<InboxCopy | undefined> {
  const ops = [
    BusinessOperation.BUSINESS_OPERATION_NEW,
    BusinessOperation.BUSINESS_OPERATION_UPDATE,
    BusinessOperation.BUSINESS_OPERATION_REPLACE,
    BusinessOperation.BUSINESS_OPERATION_REVOKE,
  ];
  for (const recipient of recipients) {
    const home = dir.agencies.get(recipient)?.homeNode;
    const node = home ? dir.nodes.get(home) : undefined;
    if (!node) continue;
    for (const op of ops) {
      const key = documentEnvelopeId(sender, documentId, op).toLowerCase();
      const subject = inboxSubject(levelName(node.level), node.id, recipient, key);
      const m = await s.jsm.streams.getMessage(STREAMS.inbox, { last_by_subj: subject });
      if (!m) continue;
      try {
        return {
          recipient,
          subject,
          seq: m.seq,
          storedAtMs: m.time.getTime(),
          envelope: decodeEnvelope(m.data),
        };
      } catch {
        continue;
      }
    }
  }
  return undefined;
}

/** When the copy reached the recipient's inbox: the first DELIVERED entry of the timeline. */
export function deliveredAtMs(r: {
  readonly timeline: readonly { readonly atMs?: number | null; readonly transport?: number | null }[];
}): number | undefined {
  const e = r.timeline.find((t) => t.transport === TransportState.TRANSPORT_STATE_DELIVERED);
  return e?.atMs ? e.atMs : undefined;
}

export function isDelivered(r: Pick<TrackingRecord, 'transport'>): boolean {
  return (
    r.transport === TransportState.TRANSPORT_STATE_DELIVERED ||
    r.transport === TransportState.TRANSPORT_STATE_FETCHED
  );
}

export function isFailed(r: Pick<TrackingRecord, 'transport'>): boolean {
  return r.transport === TransportState.TRANSPORT_STATE_FAILED;
}

/** A tracking record as JSON for scripts: the proto field names, enums by name. */
export function recordJson(r: TrackingRecord): Record<string, unknown> {
  return TrackingRecord.toObject(r, {
    enums: String,
    longs: Number,
    bytes: String,
    defaults: true,
    arrays: true,
  });
}
