import type { Consumer, ConsumerMessages, JsMsg } from '@nats-io/jetstream';
import { LienthongError, decodeEnvelope, isRetryable } from '@lienthong/core';
import { BusinessOperation, BusinessStatus, EnvelopeKind } from '@lienthong/proto';
import type { Envelope, IDocument, IStatusReport, Priority } from '@lienthong/proto';
import { normalize, withCall } from './call';
import type { CallOptions } from './call';
import type { ReceivedAttachment } from './attachments';
import { watchInboxConsumer } from './inbox-check';
import type { InboxCheckDeps } from './inbox-check';
import type { ItemSignature, ReportOptions } from './client';

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
   * The earlier documents this item concerns: those an update or revoke names (`responseFor`), those
   * a replace replaces, the document a recall asks back. Empty for a new document.
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
   * Takes the item out of the inbox. For a document it first reports 01 arrived to the sender; an
   * `ack()` that failed can be called again, and the sender sees one 01.
   */
  ack(opts?: CallOptions): Promise<void>;
  /** Puts it back: it is handed out again after `delayMs` (or as soon as a slot is free). */
  nak(delayMs?: number): void;
  /** Reports a business status on this item's document to its sender (see `LienthongClient.report`). */
  report(code: BusinessStatus, opts?: Omit<ReportOptions, 'sender'>): Promise<void>;
}

/** What an inbox needs from its client. */
export interface InboxDeps {
  /** The durable consumer, created (or brought up to date) on first use. */
  consumer(settings: { maxAckPending: number; ackWaitMs: number }): Promise<Consumer>;
  /** Reports 01 for a document that was handed out; `priority` chooses the status's lane. */
  reportArrived(
    documentId: string,
    sender: string,
    atMs: number,
    opts: CallOptions,
    priority: Priority,
    document?: IDocument,
  ): Promise<void>;
  /** Checks the item's signature against the sender's registered keys. */
  verify?(envelope: Envelope): Promise<ItemSignature>;
  report(documentId: string, code: BusinessStatus, opts: ReportOptions): Promise<void>;
  /** Stream sequence of the inbox item of a document sent to this agency, if it is in the inbox. */
  findDocument(documentId: string, sender: string): Promise<number | undefined>;
  /** Readable attachments of a received document. */
  attachments?(list: IDocument['attachments']): ReceivedAttachment[];
  readonly defaultTimeoutMs: number;
  /** Called once the inbox has stopped. */
  onStop?(): void;
  /** Finds and repairs a consumer a restarted server left unable to deliver (inbox-check.ts). */
  readonly check?: InboxCheckDeps;
}

/** How long one pull waits for messages before the next one replaces it. */
const FETCH_EXPIRES_MS = 5_000;

/** A recall whose document has not come yet is looked at again after this long. */
const RECALL_RECHECK_MS = 250;

/** One message this inbox holds: waiting to be handed out, or handed out and not settled. */
interface Held {
  readonly m: JsMsg;
  readonly envelope: Envelope;
  readonly recall: boolean;
  /** For a recall: the recalled document has reached this inbox (or waiting is over). */
  documentCame: boolean;
  /** Not to be handed out before this time (after a `nak(delayMs)`). */
  notBefore: number;
  handedOut: number;
  signature?: Promise<ItemSignature>;
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
export class Inbox implements AsyncIterable<InboxItem>, AsyncDisposable {
  /** The pull in progress. */
  private batch: ConsumerMessages | undefined;
  private started = false;
  private stopped = false;
  /** Received and not handed out, in delivery order. */
  private readonly queue: Held[] = [];
  /** Handed out and not settled. */
  private readonly out = new Map<number, Held>();
  private readonly waiters = new Set<() => void>();
  private keepAlive: NodeJS.Timeout | undefined;
  private recheck: NodeJS.Timeout | undefined;
  /** True while the iteration waits for its caller to ask for the next item. */
  private atYield = false;
  private finished = false;
  /** The highest stream sequence received: everything up to it reached this inbox. */
  private highestSeq = 0;
  private readonly maxInFlight: number;
  /** Messages held at most: handed out, or received and waiting. */
  private readonly maxHeld: number;
  private readonly holdRecallMs: number;
  private readonly redeliverAfterMs: number;
  private done: Promise<void> = Promise.resolve();

  constructor(
    private readonly deps: InboxDeps,
    opts: InboxOptions = {},
  ) {
    this.maxInFlight = opts.maxInFlight ?? 16;
    this.maxHeld = this.maxInFlight * 2 + 16;
    this.holdRecallMs = opts.holdRecallMs ?? 30_000;
    this.redeliverAfterMs = opts.redeliverAfterMs ?? 10_000;
    if (opts.signal?.aborted) this.stopped = true;
    else opts.signal?.addEventListener('abort', () => void this.stop(), { once: true });
  }

  /** Items handed out and not yet settled. */
  get inFlight(): number {
    return this.out.size;
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  [Symbol.asyncIterator](): AsyncIterator<InboxItem> {
    if (this.started) {
      throw new LienthongError('FailedPrecondition', 'an inbox can be iterated once; call inbox() again');
    }
    this.started = true;
    return this.iterate();
  }

  /**
   * Stops handing out items; the iteration ends. Items received but not handed out are handed out
   * again (to the next reader) after `redeliverAfterMs`; those handed out can still be settled.
   */
  async stop(): Promise<void> {
    if (!this.stopped) {
      this.stopped = true;
      // Unsubscribe only: a nak racing an unsubscribed pull request makes nats-server 2.9 hand a
      // message out twice, so what is left simply comes back after the redelivery timer.
      this.batch?.stop();
      this.queue.length = 0;
      clearTimeout(this.recheck);
      this.notify();
    }
    // Suspended at a yield, the iteration may never be resumed by its caller: do not wait for it.
    if (!this.atYield) await this.done;
    this.finish();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.stop();
  }

  private async *iterate(): AsyncGenerator<InboxItem> {
    let finished!: () => void;
    this.done = new Promise<void>((resolve) => (finished = resolve));
    let pump: Promise<void> | undefined;
    try {
      if (this.stopped) return;
      const consumer = await this.openConsumer();
      if (!consumer) return;
      this.keepAlive = setInterval(() => this.keepHeldAlive(), Math.max(this.redeliverAfterMs / 3, 100));
      this.keepAlive.unref();
      pump = this.pump(consumer);
      for (;;) {
        const next = await this.nextReady();
        if (!next) return;
        this.atYield = true;
        try {
          yield this.handOut(next, (await next.signature) ?? UNSIGNED);
        } finally {
          this.atYield = false;
        }
      }
    } finally {
      this.stopped = true;
      this.batch?.stop();
      this.queue.length = 0;
      clearTimeout(this.recheck);
      this.notify();
      await pump;
      finished();
      this.finish();
    }
  }

  /**
   * Pulls as many messages as there is room for (`maxHeld` minus those held), so the broker never
   * has to refuse a pull at `max_ack_pending` (nats.js stalls on that until heartbeats are missed).
   * Each pull lasts at most FETCH_EXPIRES_MS: a pull lost in a reconnect is replaced soon.
   */
  private async pump(first: Consumer): Promise<void> {
    let consumer: Consumer | undefined = first;
    let pause = 100;
    while (!this.stopped) {
      const room = this.maxHeld - this.queue.length - this.out.size;
      if (room <= 0) {
        await this.changed();
        continue;
      }
      try {
        // After a failure, look the consumer up again: it may have been deleted and need re-creating.
        consumer ??= await this.openConsumer();
        if (!consumer) break;
        const batch = await watchInboxConsumer(this, this.deps, consumer).fetch({
          max_messages: room,
          expires: FETCH_EXPIRES_MS,
        });
        this.batch = batch;
        if (this.stopped) batch.stop();
        for await (const m of batch) this.receive(m);
        pause = 100;
      } catch {
        // Disconnected, or the consumer is gone: try again shortly.
        consumer = undefined;
        if (!this.stopped) await this.changed(pause);
        pause = Math.min(pause * 2, 5_000);
      } finally {
        this.batch = undefined;
      }
    }
  }

  /**
   * The durable consumer, created or brought up to date; retried while the broker is unreachable
   * (a worker started before its broker waits for it). Undefined once stopped.
   */
  private async openConsumer(): Promise<Consumer | undefined> {
    let pause = 100;
    while (!this.stopped) {
      try {
        return await this.deps.consumer({
          // Above what this reader ever holds, so that the broker never refuses its pull requests.
          maxAckPending: this.maxHeld + 16,
          ackWaitMs: this.redeliverAfterMs,
        });
      } catch (e) {
        const err = normalize('inbox', e);
        if (!isRetryable(err)) throw err;
        await this.changed(pause);
        pause = Math.min(pause * 2, 5_000);
      }
    }
    return undefined;
  }

  /** Resolves at the next change of what this inbox holds (or after `ms`). */
  private changed(ms?: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = ms === undefined ? undefined : setTimeout(wake, ms);
      const waiters = this.waiters;
      function wake(): void {
        clearTimeout(timer);
        waiters.delete(wake);
        resolve();
      }
      waiters.add(wake);
    });
  }

  private finish(): void {
    if (this.finished) return;
    this.finished = true;
    // Items handed out stay alive until they are settled.
    if (this.out.size === 0) clearInterval(this.keepAlive);
    this.deps.onStop?.();
  }

  private receive(m: JsMsg): void {
    if (this.stopped) return;
    // A message we already hold came back (its timer ran out while the event loop was blocked):
    // the copy we hold stands, and acknowledging either settles both.
    if (this.out.has(m.seq) || this.queue.some((h) => h.m.seq === m.seq)) return;
    let envelope: Envelope;
    try {
      envelope = decodeEnvelope(m.data);
    } catch {
      // The home node only delivers what it decoded; anything else is not for us to process.
      m.term('undecodable inbox item');
      return;
    }
    this.highestSeq = Math.max(this.highestSeq, m.seq);
    const recall = isRecall(envelope);
    const held: Held = { m, envelope, recall, documentCame: !recall, notBefore: 0, handedOut: 0 };
    held.signature = (this.deps.verify?.(envelope) ?? Promise.resolve(UNSIGNED)).catch(
      (e: unknown): ItemSignature => ({ state: 'unverifiable', detail: `keys not readable: ${String(e)}` }),
    );
    this.queue.push(held);
    if (recall) void this.checkRecall(held);
    this.notify();
  }

  /** Marks a recall ready once its document has reached this inbox, or when waiting is over. */
  private async checkRecall(held: Held): Promise<void> {
    const { envelope, m } = held;
    const sender = envelope.status?.documentSender || envelope.originAgency;
    try {
      const seq = await this.deps.findDocument(envelope.documentId, sender);
      if (seq !== undefined && seq <= this.highestSeq) held.documentCame = true;
    } catch {
      // Unknown for now: look again later.
    }
    if (!held.documentCame && Date.now() - storedAtMs(m) >= this.holdRecallMs) held.documentCame = true;
    if (held.documentCame) this.notify();
    else this.scheduleRecheck();
  }

  private scheduleRecheck(): void {
    if (this.stopped || this.recheck !== undefined) return;
    this.recheck = setTimeout(() => {
      this.recheck = undefined;
      for (const h of this.queue) if (h.recall && !h.documentCame) void this.checkRecall(h);
    }, RECALL_RECHECK_MS);
    this.recheck.unref();
  }

  /** Waits for the first item that may be handed out now, in delivery order; undefined at the end. */
  private async nextReady(): Promise<Held | undefined> {
    for (;;) {
      if (this.stopped) return undefined;
      if (this.out.size < this.maxInFlight) {
        const now = Date.now();
        const i = this.queue.findIndex((h) => h.notBefore <= now && this.mayHandOut(h));
        if (i >= 0) return this.queue.splice(i, 1)[0];
      }
      const soonest = Math.min(...this.queue.filter((h) => h.notBefore > Date.now()).map((h) => h.notBefore));
      await this.changed(Number.isFinite(soonest) ? Math.max(soonest - Date.now(), 1) : undefined);
    }
  }

  /** A recall waits until its document came, and until the document is no longer queued before it. */
  private mayHandOut(h: Held): boolean {
    if (!h.recall) return true;
    if (!h.documentCame) return false;
    return !this.queue.some((q) => !q.recall && q.envelope.documentId === h.envelope.documentId);
  }

  private notify(): void {
    for (const wake of [...this.waiters]) wake();
  }

  private keepHeldAlive(): void {
    let lost = false;
    for (const h of [...this.queue, ...this.out.values()]) {
      try {
        h.m.working();
      } catch {
        lost = true; // disconnected, or the client closed: the broker hands the item out again later
      }
    }
    if (this.stopped && (lost || this.out.size === 0)) clearInterval(this.keepAlive);
  }

  private handOut(held: Held, signature: ItemSignature): InboxItem {
    const { m, envelope, recall } = held;
    held.handedOut += 1;
    this.out.set(m.seq, held);
    const sender = envelope.originAgency;
    const doc = envelope.document ?? undefined;
    const operation = recall
      ? BusinessOperation.BUSINESS_OPERATION_NEW
      : (doc?.business?.operation ?? BusinessOperation.BUSINESS_OPERATION_NEW);
    const concerns = recall
      ? [envelope.documentId]
      : [
          ...new Set([
            ...(doc?.responseFor ?? []).map((r) => r.documentId ?? '').filter((id) => id !== ''),
            ...(doc?.business?.replaces ?? []),
          ]),
        ];
    let settled = false;
    const settle = (): void => {
      settled = true;
      this.out.delete(m.seq);
      if (this.stopped && this.out.size === 0) clearInterval(this.keepAlive);
      this.notify();
    };
    const deliveredAtMs = storedAtMs(m);
    const documentId = envelope.documentId;
    const traceparent = m.headers?.get('traceparent') || undefined;
    return {
      kind: recall ? 'recall' : 'document',
      documentId,
      sender,
      operation,
      concerns,
      envelope,
      ...(doc ? { document: doc } : {}),
      attachments: this.deps.attachments?.(doc?.attachments) ?? [],
      ...(envelope.status ? { status: envelope.status } : {}),
      deliveredAtMs,
      ...(traceparent ? { traceparent } : {}),
      sequence: m.seq,
      deliveryCount: m.info.deliveryCount + held.handedOut - 1,
      signature,
      ack: async (opts?: CallOptions) => {
        if (settled) return;
        // 01 carries the delivery time, so a retried ack reports the same status once.
        if (!recall) {
          await this.deps.reportArrived(
            documentId,
            sender,
            deliveredAtMs,
            { traceparent, ...opts },
            doc?.priority ?? envelope.priority ?? 0,
            doc,
          );
        }
        await withCall('ack', opts, this.deps.defaultTimeoutMs, ({ timeoutMs }) =>
          m.ackAck({ timeout: timeoutMs }),
        );
        if (!settled) settle();
      },
      nak: (delayMs?: number) => {
        if (settled) return;
        settle();
        // Kept here rather than handed back to the broker: it stays in this reader's order.
        if (!this.stopped) {
          held.notBefore = Date.now() + Math.max(delayMs ?? 0, 0);
          this.queue.push(held);
          this.notify();
        }
      },
      report: (code, opts = {}) =>
        this.deps.report(documentId, code, {
          traceparent,
          priority: doc?.priority ?? envelope.priority ?? 0,
          ...opts,
          sender,
        }),
    };
  }
}

const UNSIGNED: ItemSignature = { state: 'unsigned' };

function isRecall(envelope: Envelope): boolean {
  return (
    envelope.kind === EnvelopeKind.ENVELOPE_KIND_STATUS &&
    envelope.status?.code === BusinessStatus.BUSINESS_STATUS_RECALL_REQUESTED
  );
}

function storedAtMs(m: JsMsg): number {
  return Math.floor(m.info.timestampNanos / 1_000_000);
}
