/**
 * What an inbox needs from the rest of the client: where its messages come from, how it checks and
 * opens what it hands out, and how its items answer. The inbox knows nothing else of the client.
 */
import type { Consumer } from '@nats-io/jetstream';
import type { BusinessStatus, Envelope, IDocument, Priority } from '@lienthong/proto';
import type { ReceivedAttachment } from './attachments';
import type { CallOptions } from './call';
import type { InboxCheckDeps } from './inbox-check';
import type { ItemSignature, ReportOptions } from './types';

/** Settings of the durable consumer that the inbox asks for. */
export interface ConsumerSettings {
  /** Above what the reader ever holds, so that the broker never refuses its pull requests. */
  readonly maxAckPending: number;
  /** How long an item handed out and lost stays away before it is handed out again. */
  readonly ackWaitMs: number;
}

/** A document the inbox handed out, whose arrival (01) is reported by `item.ack()`. */
export interface Arrival {
  readonly documentId: string;
  readonly sender: string;
  /** When the home node put it in the inbox: the 01's time, so that a retried ack reports it once. */
  readonly atMs: number;
  /** Chooses the lane of the 01 and of later statuses on the document. */
  readonly priority: Priority;
  readonly document?: IDocument;
}

export interface InboxPort {
  /** The agency whose inbox this is. */
  readonly agency: string;
  /** The deadline of an `ack()` that names none. */
  readonly defaultTimeoutMs: number;
  /** The agency's durable inbox consumer, created or brought up to date. */
  consumer(settings: ConsumerSettings): Promise<Consumer>;
  /** Stream sequence of the inbox item of a document sent to this agency, if it is in the inbox. */
  documentSequence(documentId: string, sender: string): Promise<number | undefined>;
  /** The item's signature checked against its signer's registered keys. */
  verify(envelope: Envelope): Promise<ItemSignature>;
  /** Readable attachments of a received document. */
  attachments(list: IDocument['attachments']): ReceivedAttachment[];
  /** FailedPrecondition for `what` once the client is closed (an `ack()` after `close()`). */
  assertOpen?(what: string): void;
  /** Reports 01 arrived to the document's sender. */
  arrived(arrival: Arrival, opts: CallOptions): Promise<void>;
  /** Reports a business status on a received document to its sender. */
  report(documentId: string, code: BusinessStatus, opts: ReportOptions): Promise<void>;
  /**
   * Calls `listener` when the agency's home node turns out to be in another JetStream domain (the
   * inbox then ends with that error); returns the remover.
   */
  onAway?(listener: (e: Error) => void): () => void;
  /** Finds and repairs a consumer a restarted server left unable to deliver (inbox-check.ts). */
  readonly check?: InboxCheckDeps;
}
