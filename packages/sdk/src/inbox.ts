import type { Consumer, ConsumerMessages, JsMsg } from '@nats-io/jetstream';
import { decodeEnvelope } from '@lienthong/core';
import { BusinessStatus, EnvelopeKind } from '@lienthong/proto';
import type { Envelope, IDocument, IStatusReport } from '@lienthong/proto';

export interface InboxOptions {
  /** Items handed out and not yet acknowledged, at most; 16 by default. */
  readonly maxInFlight?: number;
}

export type InboxItemKind = 'document' | 'recall';

/** One thing delivered to this agency: a document (new, revoke, update, replace) or a recall (13). */
export interface InboxItem {
  readonly kind: InboxItemKind;
  readonly documentId: string;
  /** The document's sender. */
  readonly sender: string;
  readonly envelope: Envelope;
  readonly document?: IDocument;
  /** For a recall: the sender's status report 13 with its reason. */
  readonly status?: IStatusReport;
  /** How many times this item was handed out (more than 1 after a crash before `ack`). */
  readonly deliveryCount: number;
  /** Takes the item out of the inbox; for a document it first reports 01 arrived to the sender. */
  ack(): Promise<void>;
  /** Puts it back to be handed out again later. */
  nak(delayMs?: number): void;
}

type ReportArrived = (documentId: string, sender: string, atMs: number) => Promise<void>;

/**
 * The agency's inbox as an async iterator over a durable consumer. At most `maxInFlight` items are
 * out at once; items come in the order the home node delivered them, so the operations on one
 * document arrive after the document.
 */
export class Inbox implements AsyncIterable<InboxItem>, AsyncDisposable {
  private messages: ConsumerMessages | undefined;
  private stopped = false;
  private inFlight = 0;
  private release: (() => void) | undefined;

  constructor(
    private readonly consumer: () => Promise<Consumer>,
    private readonly reportArrived: ReportArrived,
    private readonly opts: InboxOptions & { maxInFlight: number },
  ) {}

  async *[Symbol.asyncIterator](): AsyncIterator<InboxItem> {
    const consumer = await this.consumer();
    this.messages = await consumer.consume({ max_messages: this.opts.maxInFlight });
    for await (const m of this.messages) {
      if (this.stopped) break;
      while (this.inFlight >= this.opts.maxInFlight) await new Promise<void>((r) => (this.release = r));
      const item = this.toItem(m);
      if (!item) continue;
      this.inFlight++;
      yield item;
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.messages?.stop();
    this.release?.();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.stop();
  }

  private toItem(m: JsMsg): InboxItem | undefined {
    let envelope: Envelope;
    try {
      envelope = decodeEnvelope(m.data);
    } catch {
      // The home node only delivers what it decoded; anything else is not for us to process.
      m.term('undecodable inbox item');
      return undefined;
    }
    const isRecall =
      envelope.kind === EnvelopeKind.ENVELOPE_KIND_STATUS &&
      envelope.status?.code === BusinessStatus.BUSINESS_STATUS_RECALL_REQUESTED;
    const sender = envelope.originAgency;
    let settled = false;
    const settle = (): void => {
      if (settled) return;
      settled = true;
      this.inFlight--;
      const r = this.release;
      this.release = undefined;
      r?.();
    };
    const atMs = Math.floor(m.info.timestampNanos / 1_000_000);
    return {
      kind: isRecall ? 'recall' : 'document',
      documentId: envelope.documentId,
      sender,
      envelope,
      ...(envelope.document ? { document: envelope.document } : {}),
      ...(envelope.status ? { status: envelope.status } : {}),
      deliveryCount: m.info.deliveryCount,
      ack: async () => {
        if (settled) return;
        // 01 carries the delivery time, so a retried ack reports the same status once.
        if (!isRecall) await this.reportArrived(envelope.documentId, sender, atMs);
        await m.ackAck();
        settle();
      },
      nak: (delayMs?: number) => {
        if (settled) return;
        m.nak(delayMs);
        settle();
      },
    };
  }
}
