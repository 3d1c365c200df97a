/**
 * Envelopes as the node works on them after intake: every field the stages read is present, typed
 * as such, checked once. The protobuf types (`IEnvelope`) leave every field optional; these do not.
 */
import { EnvelopeKind } from '@lienthong/proto';
import type {
  BusinessStatus,
  Envelope,
  IAttachment,
  IContentRef,
  IDocument,
  IEdxmlSignatureVerdict,
  IHop,
  IStatusReport,
  ITransportEvent,
  TransportState,
} from '@lienthong/proto';
import { malformed } from './inbound';
import type { Rejection } from './inbound';

/** The envelope fields every accepted envelope has. */
export interface AcceptedFields {
  readonly schemaVersion: number;
  readonly envelopeId: string;
  readonly documentId: string;
  readonly originAgency: string;
  readonly originNode: string;
  readonly recipients: string[];
  readonly createdAtMs: number;
  readonly hops: IHop[];
  readonly hopLimit: number;
  readonly priority: number;
  /** The verdict on the edXML original's signature, given by the sender's home node at intake. */
  readonly edxmlSignature?: IEdxmlSignatureVerdict;
  /** Fields of a newer schema, kept when the decoder keeps them (core's decoder drops them). */
  readonly $unknowns?: Uint8Array[];
}

export interface AcceptedDocument extends AcceptedFields {
  readonly kind: typeof EnvelopeKind.ENVELOPE_KIND_DOCUMENT;
  readonly document: IDocument;
}

/** A status report with the fields the tracking rules read. */
export interface AcceptedStatusReport extends IStatusReport {
  readonly code: BusinessStatus;
  readonly responder: string;
  readonly documentId: string;
  readonly documentSender: string;
}

export interface AcceptedStatus extends AcceptedFields {
  readonly kind: typeof EnvelopeKind.ENVELOPE_KIND_STATUS;
  readonly status: AcceptedStatusReport;
}

/** A transport event with the fields that name its tracking record. */
export interface AcceptedTransportReport extends ITransportEvent {
  readonly state: TransportState;
  readonly documentId: string;
  readonly documentSender: string;
  readonly recipient: string;
}

export interface AcceptedTransportEvent extends AcceptedFields {
  readonly kind: typeof EnvelopeKind.ENVELOPE_KIND_TRANSPORT;
  readonly transport: AcceptedTransportReport;
}

export type AcceptedEnvelope = AcceptedDocument | AcceptedStatus | AcceptedTransportEvent;

/** An attachment whose bytes are stored as content (not inline). */
export interface StoredAttachment extends IAttachment {
  readonly ref: IContentRef & { readonly sha256Hex: string };
}

/**
 * The envelope as accepted, from one that `decodeEnvelope` validated (kind and payload agree, ids
 * and codes are well-formed), with `fields` replacing what the node sets itself at intake.
 */
export function acceptEnvelope(
  env: Envelope,
  fields: Partial<AcceptedFields> = {},
): AcceptedEnvelope | Rejection {
  const common: AcceptedFields = {
    schemaVersion: env.schemaVersion,
    envelopeId: env.envelopeId,
    documentId: env.documentId,
    originAgency: env.originAgency,
    originNode: env.originNode,
    recipients: env.recipients,
    createdAtMs: env.createdAtMs,
    hops: env.hops,
    hopLimit: env.hopLimit,
    priority: env.priority,
    ...(env.edxmlSignature ? { edxmlSignature: env.edxmlSignature } : {}),
    ...(env.$unknowns ? { $unknowns: env.$unknowns } : {}),
    ...fields,
  };
  switch (env.kind) {
    case EnvelopeKind.ENVELOPE_KIND_DOCUMENT:
      if (!env.document) return malformed('document envelope without a document');
      return { ...common, kind: env.kind, document: env.document };
    case EnvelopeKind.ENVELOPE_KIND_STATUS: {
      const status = env.status;
      if (!status || !isAcceptedStatusReport(status))
        return malformed('status envelope without a status report');
      return { ...common, kind: env.kind, status };
    }
    case EnvelopeKind.ENVELOPE_KIND_TRANSPORT: {
      const transport = env.transport;
      if (!transport || !isAcceptedTransportReport(transport)) {
        return malformed('transport envelope without a transport event');
      }
      return { ...common, kind: env.kind, transport };
    }
    default:
      return malformed(`unknown envelope kind ${EnvelopeKind[env.kind] ?? env.kind}`);
  }
}

export function isRejection(x: AcceptedEnvelope | Rejection): x is Rejection {
  return 'reason' in x;
}

function isAcceptedStatusReport(s: IStatusReport): s is AcceptedStatusReport {
  return (
    typeof s.code === 'number' &&
    typeof s.responder === 'string' &&
    typeof s.documentId === 'string' &&
    typeof s.documentSender === 'string'
  );
}

function isAcceptedTransportReport(t: ITransportEvent): t is AcceptedTransportReport {
  return (
    typeof t.state === 'number' &&
    typeof t.documentId === 'string' &&
    typeof t.documentSender === 'string' &&
    typeof t.recipient === 'string'
  );
}

/** The attachments of an envelope that reference stored content. */
export function storedAttachments(env: AcceptedEnvelope): StoredAttachment[] {
  if (env.kind !== EnvelopeKind.ENVELOPE_KIND_DOCUMENT) return [];
  return (env.document.attachments ?? []).filter(isStored);
}

function isStored(a: IAttachment): a is StoredAttachment {
  return typeof a.ref?.sha256Hex === 'string';
}
