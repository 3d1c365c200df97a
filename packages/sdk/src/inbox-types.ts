/** The public face of an agency's inbox: its options, its items, and the Inbox itself. */
import type {
  BusinessOperation,
  BusinessStatus,
  Envelope,
  IDocument,
  IEdxmlSignatureVerdict,
  IStatusReport,
} from '@lienthong/proto';
import type { ReceivedAttachment } from './attachments';
import type { CallOptions } from './call';
import type { ItemSignature, ReportOptions } from './types';

export interface InboxOptions {
  /**
   * Items handed out and not yet settled (`ack()` or `nak()`), at most; 16 by default. The iterator
   * does not hand out another item until one is settled, so a worker that processes items
   * concurrently never holds more than this many.
   */
  readonly maxInFlight?: number;
  /**
   * How long a recall may wait for the document it recalls to reach this inbox first; 30 s by
   * default. After that it is handed out anyway (the document failed to arrive or has expired).
   */
  readonly holdRecallMs?: number;
  /**
   * Items that a reader took and then lost without settling them (its process died, or it stopped
   * before they were handed out) are handed out again after this long; 10 s by default. While the
   * reader runs, it keeps the items it holds alive, however long their processing takes.
   */
  readonly redeliverAfterMs?: number;
  /** Stops the inbox when aborted: the iteration ends as with `stop()`. */
  readonly signal?: AbortSignal;
  /**
   * Called when an item in the inbox cannot be read by this version of the SDK (an envelope of a
   * newer schema, or damaged bytes). Such an item is not lost: it stays in the inbox, is offered
   * again every minute (to this reader, or to the next one after an upgrade), and holds one of this
   * reader's places meanwhile, so a reader with as many of them as it may hold (`2 × maxInFlight +
   * 16`) takes nothing more. By default a process warning (code `LIENTHONG_UNREADABLE_ITEM`) is
   * emitted, once per item and reader.
   */
  readonly onUnreadable?: (item: UnreadableItem) => void;
}

/** An inbox item this SDK could not read (`InboxOptions.onUnreadable`). */
export interface UnreadableItem {
  /** The agency whose inbox holds it. */
  readonly agency: string;
  /** Position in the agency's inbox stream. */
  readonly sequence: number;
  readonly subject: string;
  /** Why it could not be read. */
  readonly reason: string;
  /** How many times it has been offered. */
  readonly deliveryCount: number;
}

export type InboxItemKind = 'document' | 'recall';

/**
 * One thing delivered to this agency: a document package (a new document, or an update, replace or
 * revoke of an earlier one: see `operation`), or a recall (13) of a document sent earlier.
 */
export interface InboxItem {
  readonly kind: InboxItemKind;
  /** The document this item is: for a recall, the document asked back. */
  readonly documentId: string;
  /** The document's sender. */
  readonly sender: string;
  /** For a document: new, revoke, update or replace. A recall is a status: its operation is NEW. */
  readonly operation: BusinessOperation;
  /**
   * The earlier documents this item concerns: for a revoke or update, the sender's own documents it
   * names (`responseFor`; when it names none, its own `documentId`, as edXML carries a revoke), for a
   * replace also those it replaces (always the sender's own: its home node refuses others); for a
   * recall, the document it asks back; for a new document, those it answers (`responseFor`). Another
   * agency's document named by a revoke, update or replace is what it answers, not what it changes.
   */
  readonly concerns: readonly string[];
  readonly envelope: Envelope;
  readonly document?: IDocument;
  /**
   * The document's attachments, each with `download(writable)`, `saveTo(path)` and `bytes()`; every
   * byte is checked against its SHA-256 on the way. Empty for a recall.
   */
  readonly attachments: readonly ReceivedAttachment[];
  /** For a recall: the sender's status report 13 with its reason in `description`. */
  readonly status?: IStatusReport;
  /** When the recipient's home node put it in this inbox, Unix ms. */
  readonly deliveredAtMs: number;
  /** The trace the item travelled under; `ack()` and `report()` answer under the same trace. */
  readonly traceparent?: string;
  /** Position in the agency's inbox stream. */
  readonly sequence: number;
  /**
   * How many times this item was handed out: more than 1 after a `nak()`, or when a reader died
   * before settling it. Process documents idempotently by document id.
   */
  readonly deliveryCount: number;
  /**
   * The signature check against the sender's keys in the directory: `verified`, `unsigned` (the
   * sender has no keys), `unverifiable`, or `invalid`: do not act on such an item; report 02 with
   * the reason (its home node refuses these at intake, so it means a node was bypassed).
   */
  readonly signature: ItemSignature;
  /**
   * For a document that carries an edXML original: the verdict on the package's XML signature
   * (`valid`, `invalid_digest`, `invalid_signature`, `untrusted_chain`, `expired_at_signing`,
   * `malformed_certificate`, `unsigned`) with the signer's certificate facts, as the sender's home
   * node judged it at intake (docs/EDXML.md "Signatures"). Anything but `valid` is a flag.
   */
  readonly edxmlSignature?: IEdxmlSignatureVerdict;
  /**
   * Takes the item out of the inbox. For a document it first reports 01 arrived to the sender; an
   * `ack()` that failed can be called again, and the sender sees one 01.
   */
  ack(opts?: CallOptions): Promise<void>;
  /** Puts it back: it is handed out again after `delayMs` (or as soon as a slot is free). */
  nak(delayMs?: number): void;
  /** Reports a business status on this item's document to its sender (see `LienthongClient.report`). */
  report(code: BusinessStatus, opts?: Omit<ReportOptions, 'sender'>): Promise<void>;
}

/**
 * The agency's inbox as an async iterator over its durable consumer (`lt-inbox-<agency>`), so
 * nothing is missed while the agency is offline.
 *
 * Order: items are handed out one after another in the order the consumer delivers them, which is
 * the order the home node put them in the inbox. A recall is handed out only after the document it
 * recalls has been handed out (or after `holdRecallMs`), even if it overtook the document on the
 * way. An item that is `nak`ed comes back later, after those behind it.
 *
 * Bound: at most `maxInFlight` items are handed out and not settled. Iterate with `for await` and
 * settle each item in the loop for one at a time; start work without awaiting it for concurrency.
 * The reader holds at most `2 × maxInFlight + 16` unsettled messages in all (received ahead, and
 * recalls waiting for their document), and keeps them alive while it runs.
 *
 * One reader per agency: two readers of one agency share the consumer and split the items between
 * them, without the order guarantees.
 */
export interface Inbox extends AsyncIterable<InboxItem>, AsyncDisposable {
  /** Items handed out and not yet settled. */
  readonly inFlight: number;
  readonly isStopped: boolean;
  /**
   * Stops handing out items; the iteration ends. Items received but not handed out are handed out
   * again (to the next reader) after `redeliverAfterMs`; those handed out can still be settled.
   */
  stop(): Promise<void>;
}
