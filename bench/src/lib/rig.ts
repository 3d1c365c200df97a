/**
 * The load rig on a running lienthong: sender agencies (SDK clients) that send documents to one
 * recipient agency (an SDK client reading its inbox and acknowledging each item, which reports
 * 01 arrived), and a watcher per sender on its track subject that sees when the 01 is recorded in
 * the sender's tracking. It timestamps every step of every document with one clock:
 * send() called → item out of the recipient's inbox iterator → ack() called → 01 record on the
 * sender's track subject.
 */
import { DeliverPolicy, jetstream } from '@nats-io/jetstream';
import type { ConsumerMessages } from '@nats-io/jetstream';
import { connect as natsConnect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/transport-node';
import { decodeTrackingRecord, trackSubject } from '@lienthong/core';
import { BusinessStatus, connect } from '@lienthong/sdk';
import type { Inbox, LienthongClient } from '@lienthong/sdk';
import type { IDocument } from '@lienthong/proto';
import { defer } from './env';
import { documentIdOf, makeDocument } from './documents';
import { deferred, now, sleep } from './util';

export interface RigOptions {
  readonly servers: string;
  readonly senders: readonly string[];
  readonly recipient: string;
  /** Items the recipient's inbox hands out before they are acknowledged. */
  readonly inboxInFlight: number;
  readonly docBytes: number;
}

export class LoadRig {
  readonly sendAt = new Map<string, number>();
  readonly inboxAt = new Map<string, number>();
  readonly ackAt = new Map<string, number>();
  readonly arrivedAt = new Map<string, number>();
  readonly errors = { send: 0, ack: 0, inboxDuplicates: 0, lastError: '' };
  private readonly senderOf = new Map<string, number>();
  private readonly templates: IDocument[];
  private arrivedListeners: ((docId: string, sender: number) => void)[] = [];
  private inboxListeners: ((docId: string) => void)[] = [];

  private constructor(
    readonly opts: RigOptions,
    readonly senders: LienthongClient[],
    readonly recipient: LienthongClient,
  ) {
    this.templates = opts.senders.map((s) =>
      makeDocument(s, [opts.recipient], documentIdOf(s, 'BENCH', 0), opts.docBytes),
    );
  }

  static async open(opts: RigOptions): Promise<LoadRig> {
    const recipient = await connect({
      servers: opts.servers,
      agency: opts.recipient,
      name: 'bench recipient',
    });
    defer('recipient client', () => recipient.close());
    const senders: LienthongClient[] = [];
    for (const agency of opts.senders) {
      const c = await connect({ servers: opts.servers, agency, name: `bench sender ${agency}` });
      defer(`sender client ${agency}`, () => c.close());
      senders.push(c);
    }
    const rig = new LoadRig(opts, senders, recipient);
    const observer = await natsConnect({
      servers: opts.servers,
      name: 'bench observer',
      noAsyncTraces: true,
    });
    defer('observer connection', () => observer.drain().catch(() => observer.close()));
    await Promise.all(senders.map((s, i) => rig.watch(observer, s, i)));
    rig.readInbox(recipient.inbox({ maxInFlight: opts.inboxInFlight }));
    return rig;
  }

  /** Sends document `docId` from sender `s`; never throws (failures are counted). */
  send(s: number, docId: string): void {
    const template = this.templates[s]!;
    const doc: IDocument = { ...template, documentId: docId };
    this.senderOf.set(docId, s);
    this.sendAt.set(docId, now());
    this.senders[s]!.send(doc).catch((e: unknown) => {
      this.errors.send++;
      this.errors.lastError = String((e as Error)?.message ?? e);
    });
  }

  docId(s: number, tag: string, seq: number): string {
    return documentIdOf(this.opts.senders[s]!, tag, seq);
  }

  onArrived(listener: (docId: string, sender: number) => void): () => void {
    this.arrivedListeners.push(listener);
    return () => (this.arrivedListeners = this.arrivedListeners.filter((l) => l !== listener));
  }

  onInbox(listener: (docId: string) => void): () => void {
    this.inboxListeners.push(listener);
    return () => (this.inboxListeners = this.inboxListeners.filter((l) => l !== listener));
  }

  /**
   * Closed loop: `docs` documents spread over the senders, each sender keeping at most `window`
   * documents sent and not yet confirmed 01. Resolves when every one is confirmed.
   */
  async closedLoop(
    docs: number,
    window: number,
    tag: string,
    timeoutMs: number,
  ): Promise<{ startedAt: number; lastInboxAt: number; lastArrivedAt: number }> {
    const k = this.senders.length;
    const inflight = new Array<number>(k).fill(0);
    const wake: ((() => void) | undefined)[] = new Array<(() => void) | undefined>(k).fill(undefined);
    const mine = new Set<string>();
    let confirmed = 0;
    let lastInboxAt = 0;
    let lastArrivedAt = 0;
    const all = deferred();
    const offArrived = this.onArrived((docId, s) => {
      if (!mine.delete(docId)) return;
      lastArrivedAt = now();
      inflight[s]!--;
      const w = wake[s];
      wake[s] = undefined;
      w?.();
      if (++confirmed === docs) all.resolve();
    });
    const offInbox = this.onInbox((docId) => {
      if (docId.endsWith(`/${tag}`)) lastInboxAt = now();
    });
    const startedAt = now();
    const deadline = startedAt + timeoutMs;
    try {
      await Promise.all(
        Array.from({ length: k }, async (_, s) => {
          const quota = Math.floor(docs / k) + (s < docs % k ? 1 : 0);
          for (let i = 0; i < quota; i++) {
            while (inflight[s]! >= window) {
              const woken = deferred();
              wake[s] = woken.resolve;
              await Promise.race([woken.promise, sleep(1000)]);
              if (now() > deadline) throw this.timeout('the closed loop', docs, confirmed);
            }
            const docId = this.docId(s, tag, i);
            mine.add(docId);
            inflight[s]!++;
            this.send(s, docId);
          }
        }),
      );
      const left = deadline - now();
      if (left <= 0 || !(await Promise.race([all.promise.then(() => true), sleep(left).then(() => false)]))) {
        throw this.timeout('confirmations', docs, confirmed);
      }
    } finally {
      offArrived();
      offInbox();
    }
    return { startedAt, lastInboxAt, lastArrivedAt };
  }

  /**
   * Open loop: sends at `rate` documents per second, round robin over the senders, for
   * `durationMs`, then waits until every document is confirmed. Returns the ids sent.
   */
  async openLoop(rate: number, durationMs: number, tag: string, timeoutMs: number): Promise<string[]> {
    const ids: string[] = [];
    const pending = new Set<string>();
    const offArrived = this.onArrived((docId) => pending.delete(docId));
    const t0 = now();
    let sent = 0;
    try {
      for (;;) {
        const elapsed = now() - t0;
        if (elapsed >= durationMs) break;
        const due = Math.floor((elapsed / 1000) * rate);
        while (sent < due) {
          const s = sent % this.senders.length;
          const docId = this.docId(s, tag, sent);
          ids.push(docId);
          pending.add(docId);
          this.send(s, docId);
          sent++;
        }
        if (pending.size > Math.max(2000, rate * 10)) {
          throw new Error(`open loop at ${rate} docs/s: ${pending.size} documents outstanding; saturated`);
        }
        await sleep(1);
      }
      const deadline = now() + timeoutMs;
      while (pending.size > 0) {
        if (now() > deadline)
          throw this.timeout('the open loop to settle', ids.length, ids.length - pending.size);
        await sleep(20);
      }
    } finally {
      offArrived();
    }
    return ids;
  }

  private timeout(what: string, expected: number, got: number): Error {
    return new Error(
      `timed out waiting for ${what}: ${got} of ${expected} confirmed (send errors ${this.errors.send}, ack errors ${this.errors.ack}${this.errors.lastError ? `, last: ${this.errors.lastError}` : ''})`,
    );
  }

  /** Follows a sender's track subject the way the SDK's Tracker does (ordered consumer, new only). */
  private async watch(observer: NatsConnection, sender: LienthongClient, index: number): Promise<void> {
    const js = jetstream(observer);
    const consumer = await js.consumers.get('LT_TRACK', {
      filter_subjects: trackSubject(sender.homeNode.level, sender.homeNode.id, sender.agency),
      deliver_policy: DeliverPolicy.New,
    });
    const messages: ConsumerMessages = await consumer.consume();
    defer(`track watch ${sender.agency}`, async () => messages.stop());
    void (async () => {
      for await (const m of messages) {
        const t = now();
        let docId: string;
        let business: number;
        try {
          const r = decodeTrackingRecord(m.data);
          docId = r.documentId;
          business = r.business;
        } catch {
          continue;
        }
        if (business === BusinessStatus.BUSINESS_STATUS_UNSPECIFIED || this.arrivedAt.has(docId)) continue;
        this.arrivedAt.set(docId, t);
        const s = this.senderOf.get(docId) ?? index;
        for (const l of this.arrivedListeners) l(docId, s);
      }
    })().catch(() => undefined);
  }

  private readInbox(inbox: Inbox): void {
    defer('recipient inbox', () => inbox.stop());
    void (async () => {
      for await (const item of inbox) {
        const t = now();
        const id = item.documentId;
        if (this.inboxAt.has(id)) this.errors.inboxDuplicates++;
        else this.inboxAt.set(id, t);
        for (const l of this.inboxListeners) l(id);
        this.ackAt.set(id, now());
        item.ack().catch((e: unknown) => {
          this.errors.ack++;
          this.errors.lastError = String((e as Error)?.message ?? e);
        });
      }
    })().catch((e: unknown) => {
      this.errors.lastError = `inbox: ${String((e as Error)?.message ?? e)}`;
    });
  }
}
