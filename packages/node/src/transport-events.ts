/**
 * Transport events: what a node tells the sender's home node about one recipient's copy of a
 * document (delivered, failed on the way). They travel as envelopes, routed like any other.
 */
import { envelopeIdFor } from '@lienthong/core';
import type { NodeInfo } from '@lienthong/core';
import { EnvelopeKind, SCHEMA_VERSION, TransportState } from '@lienthong/proto';
import type { IHop } from '@lienthong/proto';
import type {
  AcceptedEnvelope,
  AcceptedStatus,
  AcceptedTransportEvent,
  AcceptedTransportReport,
} from './accepted';
import type { Rejection } from './inbound';

/** What the event says, beyond the document, sender, recipient and node it names. */
export type TransportNews = Pick<AcceptedTransportReport, 'atMs'> & {
  readonly state: TransportState;
} & Partial<Omit<AcceptedTransportReport, 'state' | 'documentId' | 'documentSender' | 'recipient'>>;

export interface TransportBack {
  /** The node that saw it happen. */
  readonly node: NodeInfo;
  /** The document envelope it is about. */
  readonly about: AcceptedEnvelope;
  readonly recipient: string;
  /** The agency the event is from: the recipient when delivered, else the document's sender. */
  readonly originAgency: string;
  /** The document's sender, when `about` is not the document (a status about it): else its origin. */
  readonly documentSender?: string;
  /** With the document and the recipient, these make the event's id: a retry sends the same event. */
  readonly idParts: readonly string[];
  readonly news: TransportNews;
  readonly hopLimit: number;
  readonly now: number;
}

/** The transport event about `recipient`'s copy of a document, addressed to the origin of `about`. */
export function transportEventBack(t: TransportBack): AcceptedTransportEvent {
  const { about, node } = t;
  return {
    schemaVersion: SCHEMA_VERSION,
    envelopeId: envelopeIdFor(['transport', about.documentId, t.recipient, ...t.idParts]),
    kind: EnvelopeKind.ENVELOPE_KIND_TRANSPORT,
    documentId: about.documentId,
    originAgency: t.originAgency,
    originNode: node.id,
    recipients: [about.originAgency],
    createdAtMs: t.now,
    hops: [],
    hopLimit: t.hopLimit,
    priority: about.priority,
    transport: {
      ...t.news,
      documentId: about.documentId,
      documentSender: t.documentSender ?? about.originAgency,
      recipient: t.recipient,
      node: node.id,
    },
  };
}

/** The hop a node adds to what it originates itself: in and out at once. */
export function ownHop(node: NodeInfo, now: number): IHop {
  return { node: node.id, level: node.level, inMs: now, outMs: now };
}

/**
 * What the home node of a document's sender sends the recipient whose status report it refused:
 * a STATUS_REFUSED event addressed to the reporter (routed like any other), naming the status code,
 * the envelope that carried it, and why. Its id comes from that envelope's: a retry sends it once.
 */
export function statusRefusedBack(
  node: NodeInfo,
  status: AcceptedStatus,
  sender: string,
  problem: Rejection,
  hopLimit: number,
  now: number,
): AcceptedTransportEvent {
  const st = status.status;
  // `about` is the status envelope: the event goes back to its origin, the reporter.
  return transportEventBack({
    node,
    about: status,
    recipient: st.responder,
    originAgency: sender,
    documentSender: sender,
    idParts: ['status-refused', status.envelopeId],
    news: {
      state: TransportState.TRANSPORT_STATE_STATUS_REFUSED,
      atMs: now,
      failure: problem.reason,
      detail: problem.detail,
      status: st.code,
      statusEnvelopeId: status.envelopeId,
    },
    hopLimit,
    now,
  });
}
