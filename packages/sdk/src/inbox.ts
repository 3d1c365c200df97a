/**
 * The Inbox: the agency's durable consumer read as an async iterator, in order, with a bound on the
 * items in flight (see the `Inbox` interface). It reaches the rest of the client only through its
 * port (`inbox-port.ts`).
 */
import type { Consumer, ConsumerMessages, JsMsg } from '@nats-io/jetstream';
import { LienthongError, decodeEnvelope, isRetryable } from '@lienthong/core';
import { retry } from '@lienthong/infra';
import type { BusinessStatus, Envelope } from '@lienthong/proto';
import { normalize, withCall } from './call';
import type { CallOptions } from './call';
import { storedAtMs } from '@lienthong/infra';
import { held as holdMessage, itemFacts, recalledSender } from './inbox-item';
import type { Held } from './inbox-item';
import { watchInboxConsumer } from './inbox-check';
import type { InboxPort } from './inbox-port';
import type { Inbox, InboxItem, InboxOptions, UnreadableItem } from './inbox-types';
import type { ItemSignature, ReportOptions } from './types';

/** How long one pull waits for messages before the next one replaces it. */
const FETCH_EXPIRES_MS = 5_000;

/** Pauses between attempts to open the consumer while the broker is unreachable. */
const CONSUMER_BACKOFF = { initialMs: 100, maxMs: 5_000 } as const;

/** A recall whose document has not come yet is looked at again after this long. */
const RECALL_RECHECK_MS = 250;

/** An item this SDK cannot read is offered again after this long (to this reader or the next). */
const UNREADABLE_RETRY_MS = 60_000;

/** The inbox's options, and what only tests set. */
export interface DurableInboxOptions extends InboxOptions {
  /** UNREADABLE_RETRY_MS by default. */
  readonly unreadableRetryMs?: number;
}

/** An Inbox over the agency's durable consumer, reached through its port. */
export class DurableInbox implements Inbox {
  /** The pull in progress. */
  private batch: ConsumerMessages | undefined;
  private started = false;
  /** Aborted once the inbox stops: ends its waits and retries. */
  private readonly stopping = new AbortController();
  /** Received and not handed out, in delivery order. */
  private readonly queue: Held[] = [];
  /** Handed out and not settled. */
  private readonly out = new Map<number, Held>();
  /** Everything held (queued or handed out, not acknowledged), by item key: a reader may hold hundreds. */
  private readonly byKey = new Map<string, Held>();
  /** Keys of items acknowledged lately (a moved copy of one is not handed out again). */
  private readonly ackedKeys = new Set<string>();
  private readonly waiters = new Set<() => void>();
  private keepAlive: NodeJS.Timeout | undefined;
  private recheck: NodeJS.Timeout | undefined;
  /** True while the iteration waits for its caller to ask for the next item. */
  private atYield = false;
  private finished = false;
  /** What ended the inbox from outside (its agency's home node moved to another domain). */
  private failure: Error | undefined;
  /** Items this SDK cannot read, by sequence: put back for later, each holding a place. */
  private readonly unreadable = new Set<number>();
  private readonly unreadableRetryMs: number;
  private readonly onUnreadable: (item: UnreadableItem) => void;
  /** The highest stream sequence received: everything up to it reached this inbox. */
  private highestSeq = 0;
  private readonly maxInFlight: number;
  /** Messages held at most: handed out, or received and waiting. */
  private readonly maxHeld: number;
  private readonly holdRecallMs: number;
  private readonly redeliverAfterMs: number;
  private done: Promise<void> = Promise.resolve();

  constructor(
    private readonly port: InboxPort,
    opts: DurableInboxOptions = {},
    /** Called once the inbox has stopped. */
    private readonly onStop: () => void = () => undefined,
  ) {
    this.maxInFlight = opts.maxInFlight ?? 16;
    this.maxHeld = this.maxInFlight * 2 + 16;
    this.holdRecallMs = opts.holdRecallMs ?? 30_000;
    this.redeliverAfterMs = opts.redeliverAfterMs ?? 10_000;
    this.unreadableRetryMs = opts.unreadableRetryMs ?? UNREADABLE_RETRY_MS;
    this.onUnreadable = opts.onUnreadable ?? warnUnreadable;
    if (opts.signal?.aborted) this.stopping.abort();
    else opts.signal?.addEventListener('abort', () => void this.stop(), { once: true });
  }

  /** Items handed out and not yet settled. */
  get inFlight(): number {
    return this.out.size;
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  private get stopped(): boolean {
    return this.stopping.signal.aborted;
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
      this.stopping.abort();
      // Unsubscribe only: a nak racing an unsubscribed pull request makes nats-server 2.9 hand a
      // message out twice, so what is left simply comes back after the redelivery timer.
      this.batch?.stop();
      this.dropQueued();
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
    // A waiting iteration ends with the error rather than waiting for items that cannot come.
    const unlisten = this.port.onAway?.((e) => {
      this.failure ??= e;
      void this.stop();
    });
    try {
      if (this.stopped) return this.failed();
      const consumer = await this.openConsumer();
      if (!consumer) return this.failed();
      this.keepAlive = setInterval(() => this.keepHeldAlive(), Math.max(this.redeliverAfterMs / 3, 100));
      this.keepAlive.unref();
      pump = this.pump(consumer);
      for (;;) {
        const next = await this.nextReady();
        if (!next) return this.failed();
        this.atYield = true;
        try {
          yield this.handOut(next, (await next.signature) ?? UNSIGNED);
        } finally {
          this.atYield = false;
        }
      }
    } finally {
      unlisten?.();
      this.stopping.abort();
      this.batch?.stop();
      this.dropQueued();
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
      const room = this.maxHeld - this.queue.length - this.out.size - this.unreadable.size;
      if (room <= 0) {
        await this.changed();
        continue;
      }
      try {
        // After a failure, look the consumer up again: it may have been deleted and need re-creating.
        consumer ??= await this.openConsumer();
        if (!consumer) break;
        const batch = await watchInboxConsumer(this, this.port, consumer).fetch({
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
    if (this.stopped) return undefined;
    const settings = {
      // Above what this reader ever holds, so that the broker never refuses its pull requests.
      maxAckPending: this.maxHeld + 16,
      ackWaitMs: this.redeliverAfterMs,
    };
    try {
      return await retry(() => this.port.consumer(settings), {
        signal: this.stopping.signal,
        backoff: CONSUMER_BACKOFF,
        retryIf: (e) => isRetryable(normalize('inbox', e)),
      });
    } catch (e) {
      if (this.stopped) return undefined;
      throw normalize('inbox', e);
    }
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

  /** Ends an iteration: with the error that stopped the inbox from outside, if one did. */
  private failed(): void {
    if (this.failure) throw this.failure;
  }

  private finish(): void {
    if (this.finished) return;
    this.finished = true;
    // Items handed out stay alive until they are settled.
    if (this.out.size === 0) clearInterval(this.keepAlive);
    this.onStop();
  }

  private receive(m: JsMsg): void {
    if (this.stopped) return;
    // A message we already hold came back (its timer ran out while the event loop was blocked):
    // the copy we hold stands, and acknowledging either settles both.
    if (this.out.has(m.seq) || this.queue.some((h) => h.m.seq === m.seq)) return;
    if (this.sameItem(m)) return;
    let envelope: Envelope;
    try {
      envelope = decodeEnvelope(m.data);
    } catch (e) {
      this.putBackUnreadable(m, e);
      return;
    }
    this.unreadable.delete(m.seq);
    this.highestSeq = Math.max(this.highestSeq, m.seq);
    const held = holdMessage(m, envelope);
    this.byKey.set(itemKey(m.subject), held);
    held.signature = this.port.verify(envelope).catch((e: unknown): ItemSignature => ({
      state: 'unverifiable',
      detail: `keys not readable: ${String(e)}`,
    }));
    this.queue.push(held);
    if (held.recall) void this.checkRecall(held);
    this.notify();
  }

  /**
   * An item this SDK cannot read (a newer schema's envelope, or damaged bytes) stays in the inbox:
   * put back to be offered again later, to this reader or to an upgraded one, and told once to
   * `onUnreadable`. Meanwhile it holds one of this reader's places.
   */
  private putBackUnreadable(m: JsMsg, e: unknown): void {
    const first = !this.unreadable.has(m.seq);
    this.unreadable.add(m.seq);
    m.nak(this.unreadableRetryMs);
    if (!first) return;
    const item: UnreadableItem = {
      agency: this.port.agency,
      sequence: m.seq,
      subject: m.subject,
      reason: e instanceof Error ? e.message : String(e),
      deliveryCount: m.info.deliveryCount,
    };
    try {
      this.onUnreadable(item);
    } catch {
      // The listener's own failure does not stop the inbox.
    }
  }

  /**
   * The same item under another sequence: its copy in the inbox at the agency's new home node, made
   * when it moved (`agency move`) while this reader held or had just settled it. A held item is
   * settled from then on through the copy (the old consumer is gone); a copy of one already
   * acknowledged is acknowledged at once. Either way it is not handed out twice.
   */
  private sameItem(m: JsMsg): boolean {
    const key = itemKey(m.subject);
    if (this.ackedKeys.has(key)) {
      m.ack();
      return true;
    }
    const held = this.byKey.get(key);
    if (held) held.m = m;
    return held !== undefined;
  }

  /** Items received and not handed out are let go (the broker hands them out again later). */
  private dropQueued(): void {
    for (const h of this.queue) this.byKey.delete(itemKey(h.m.subject));
    this.queue.length = 0;
    this.unreadable.clear();
  }

  private rememberAcked(subject: string): void {
    this.byKey.delete(itemKey(subject));
    this.ackedKeys.add(itemKey(subject));
    if (this.ackedKeys.size > ACKED_KEYS_KEPT) this.ackedKeys.delete(this.ackedKeys.values().next().value!);
  }

  /** Marks a recall ready once its document has reached this inbox, or when waiting is over. */
  private async checkRecall(held: Held): Promise<void> {
    const { envelope, m } = held;
    try {
      const seq = await this.port.documentSequence(envelope.documentId, recalledSender(envelope));
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
    held.handedOut += 1;
    // The sequence it was handed out under: its message may be swapped for a moved copy meanwhile.
    const seq = held.m.seq;
    this.out.set(seq, held);
    const facts = itemFacts(held);
    const { documentId, sender, document, traceparent } = facts;
    const priority = document?.priority ?? held.envelope.priority ?? 0;
    let settled = false;
    const settle = (): void => {
      settled = true;
      this.out.delete(seq);
      if (this.stopped && this.out.size === 0) clearInterval(this.keepAlive);
      this.notify();
    };
    return {
      ...facts,
      attachments: this.port.attachments(document?.attachments),
      signature,
      ...(held.envelope.edxmlSignature ? { edxmlSignature: held.envelope.edxmlSignature } : {}),
      ack: async (opts?: CallOptions) => {
        if (settled) return;
        this.port.assertOpen?.('ack');
        // 01 carries the time the recipient took the document (its first ack), not the time it
        // reached the inbox: a late confirmation must look late. A retried ack keeps that time, so it
        // reports the same status once.
        if (!held.recall) {
          held.ackedAtMs ??= Date.now();
          const arrival = {
            documentId,
            sender,
            atMs: held.ackedAtMs,
            priority,
            ...(document ? { document } : {}),
          };
          await this.port.arrived(arrival, { traceparent, ...opts });
        }
        await withCall('ack', opts, this.port.defaultTimeoutMs, ({ timeoutMs }) =>
          held.m.ackAck({ timeout: timeoutMs }),
        );
        this.rememberAcked(held.m.subject);
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
        } else {
          this.byKey.delete(itemKey(held.m.subject));
        }
      },
      report: (code: BusinessStatus, opts: Omit<ReportOptions, 'sender'> = {}) =>
        this.port.report(documentId, code, { traceparent, priority, ...opts, sender }),
    };
  }
}

const UNSIGNED: ItemSignature = { state: 'unsigned' };
const ACKED_KEYS_KEPT = 10_000;

/** An inbox item's key: the last token of its subject, the same at every home node. */
function itemKey(subject: string): string {
  return subject.slice(subject.lastIndexOf('.') + 1);
}

/** What an inbox does with an item it cannot read when its options name no listener. */
function warnUnreadable(item: UnreadableItem): void {
  process.emitWarning(
    `inbox of ${item.agency}: item ${item.sequence} (${item.subject}) cannot be read by this version of ` +
      `@lienthong/sdk: ${item.reason}. It stays in the inbox and is offered again every minute; ` +
      'upgrade the SDK to read it.',
    { code: 'LIENTHONG_UNREADABLE_ITEM' },
  );
}
