/** The public option and result types of `LienthongClient`'s calls. */
import type { SigningKey } from '@lienthong/core';
import type { BusinessStatus, FailureReason, IStaff, Priority, TrackingRecord } from '@lienthong/proto';
import { DEFAULT_ATTACHMENT_LIMITS } from './attachments';
import type { AttachmentProgress, AttachmentSource } from './attachments';
import type { CallOptions } from './call';
import type { Credentials, TlsSettings } from './security';

export type { Credentials, TlsSettings };

export interface ConnectOptions extends CallOptions {
  /** NATS server URL(s) of the agency's home node. */
  readonly servers: string | readonly string[];
  /** This client's agency code, `AAA.BB.CC.Xnn`. */
  readonly agency: string;
  /** Connection name shown on the server. */
  readonly name?: string;
  /** JetStream domain of the home node, when it has one. */
  readonly domain?: string;
  /** The agency's NATS credentials: its nkey identity (`{ nkeySeed }` or `{ seedFile }`), user/pass or token. */
  readonly credentials?: Credentials;
  /** TLS to the servers (`tls://` URLs): the CA to trust and, when the server verifies clients, a certificate. */
  readonly tls?: TlsSettings;
  /** @deprecated use `credentials`. */
  readonly auth?: { readonly user?: string; readonly pass?: string; readonly token?: string };
  /** Default deadline of each call; 10 s. */
  readonly defaultTimeoutMs?: number;
  /**
   * The agency's signing key: documents and status reports are then signed (docs/SECURITY.md).
   * Required once the agency has keys in the directory: its home node refuses unsigned submissions.
   */
  readonly signingKey?: SigningKey;
  /**
   * Largest attachment `send()` accepts: set it to the home node's `limits.maxAttachmentBytes`
   * (200 MiB by default, as the node's).
   */
  readonly maxAttachmentBytes?: number;
  /**
   * Attachments up to this size travel inside the document; 256 KiB, as the node's
   * `limits.maxInlineAttachmentBytes`: set both lower together.
   */
  readonly maxInlineAttachmentBytes?: number;
  /** Bytes per chunk of stored attachments; 512 KiB (1 KiB to 1 MiB − 4 KiB). */
  readonly attachmentChunkSize?: number;
}

/** What the SDK found checking the signature of an inbox item against the directory's keys. */
export type ItemSignature =
  | { readonly state: 'verified'; readonly keyId: string; readonly signedAtMs: number }
  /** Not signed, and its sender has no registered keys. */
  | { readonly state: 'unsigned' }
  /** Signed, but the sender has no registered keys to check it with. */
  | { readonly state: 'unverifiable'; readonly detail: string }
  /** The signature does not verify: do not act on the item (its home node should have refused it). */
  | { readonly state: 'invalid'; readonly reason: FailureReason; readonly detail: string };

/** Largest attachment that travels inside the document, in bytes (256 KiB); larger ones are stored content. */
export const MAX_INLINE_ATTACHMENT_BYTES = DEFAULT_ATTACHMENT_LIMITS.maxInlineBytes;

export interface SendOptions extends CallOptions {
  /** Recipients' agency codes; replaces `document.to` when given. */
  readonly to?: readonly string[];
  /**
   * Attached files, as bytes (`data`), a file (`path`) or a stream (`stream`, `size` if known); size
   * and SHA-256 are computed. Up to {@link MAX_INLINE_ATTACHMENT_BYTES} travel inside the document,
   * larger ones are uploaded first as chunked, content-addressed content (up to
   * `maxAttachmentBytes`), with bounded memory.
   */
  readonly attachments?: readonly AttachmentSource[];
  /** Upload progress of each stored attachment, and of each inline one once taken. */
  readonly onProgress?: (p: AttachmentProgress) => void;
  readonly priority?: Priority;
  /** Hạn xử lý, ISO date yyyy-MM-dd. */
  readonly dueDate?: string;
  /**
   * When the home node pushes back (this agency has as many submissions waiting as it may), wait the
   * suggested time and try again until the call's deadline, instead of failing at once with a
   * BackpressureError (code ResourceExhausted, `retryAfterMs`). Default false.
   */
  readonly waitForCapacity?: boolean;
}

export interface SendReceipt {
  readonly documentId: string;
  /**
   * True when the home node already had this package (a resend within its duplicate window) and
   * this agency's tracking holds the document: nothing is delivered twice. A duplicate the tracking
   * does not confirm is handed over again (so never silently lost), and is not flagged; nor is a
   * resend after the window, which is still delivered once.
   */
  readonly duplicate: boolean;
  readonly recipients: readonly string[];
  /** The trace the package travels under (`traceparent` header at every hop). */
  readonly traceparent: string;
}

export interface UpdateOptions extends Omit<SendOptions, 'to'> {
  /** Why the document is updated (edXML BussinessDocReason); required. */
  readonly reason: string;
  /** Agencies that receive the document from now on; they get the update too. */
  readonly addRecipients?: readonly string[];
  /** Recipients of the original that no longer concern it; they get the update, which says so. */
  readonly removeRecipients?: readonly string[];
}

export interface ReplaceOptions extends SendOptions {
  /** Why the documents are replaced; required. Recipients: `to`, else the new document's, else the originals'. */
  readonly reason: string;
}

export interface ReportOptions extends CallOptions {
  /** The document's sender; taken from the document id (`{sender},{date},{number}`) when omitted. */
  readonly sender?: string;
  readonly staff?: IStaff;
  /** Free text; the reason for 02 and 16 (required there). */
  readonly description?: string;
  /**
   * The document's priority: statuses of urgent documents (3, 4) travel in the urgent lane. Default:
   * the priority the document had when this client's inbox handed it out, else normal.
   */
  readonly priority?: Priority;
  /** When the status was decided, Unix ms (default now); a resend with the same time is a duplicate. */
  readonly timestampMs?: number;
  /** The edXML Status package this report was mapped from, carried unchanged (the HTTP gateway). */
  readonly edxmlOriginal?: Uint8Array;
}

export interface RecallOptions extends CallOptions {
  /** Why the document is asked back; required. */
  readonly reason: string;
  readonly staff?: IStaff;
  /** Only these recipients; default: all. */
  readonly recipients?: readonly string[];
}

export interface SentQuery extends CallOptions {
  /** Only documents sent at or after this time. */
  readonly since?: Date | number;
  /** Only documents where some recipient's business status is this one. */
  readonly status?: BusinessStatus;
  /** Only documents with (true) or without (false) an overdue recipient. */
  readonly overdue?: boolean;
}

/** One document this agency sent, with every recipient's tracking record. */
export interface SentDocument {
  readonly documentId: string;
  readonly subject: string;
  readonly priority: Priority;
  readonly sentAtMs: number;
  /** Latest change of any recipient's record. */
  readonly updatedAtMs: number;
  /** Some recipient has not confirmed arrival (01) past its deadline. */
  readonly overdue: boolean;
  readonly recipients: readonly TrackingRecord[];
}

export type ConnectionEvent = {
  readonly type: 'disconnect' | 'reconnect' | 'reconnecting' | 'error' | 'close';
  /** The server lost or regained, when known. */
  readonly server?: string;
  readonly error?: Error;
};
