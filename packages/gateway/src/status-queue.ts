import { AckPolicy, DeliverPolicy } from '@nats-io/jetstream';
import type { ConsumerMessages, JetStreamClient, JetStreamManager, JsMsg } from '@nats-io/jetstream';
import { STREAMS, agencyToToken, decodeTrackingRecord, trackSubject } from '@lienthong/core';
import type { NodeInfo } from '@lienthong/core';
import { classifyNatsError } from '@lienthong/infra';
import type { IStatusReport, ITimelineEntry } from '@lienthong/proto';
import { nextFailure } from './failure';
import type { ItemFailure } from './failure';

/** The node's JetStream handles: the gateway reads its agencies' tracking changes with them. */
export interface GatewayJetStream {
  readonly js: JetStreamClient;
  readonly jsm: JetStreamManager;
}

/** A status that came back to an agency for a document it sent, waiting to be taken. */
export interface HeldStatus {
  readonly id: string;
  readonly receipt: IStatusReport;
  readonly atMs: number;
  notBefore: number;
  readonly msg: JsMsg;
  /** What the caller said when it last failed this status item. */
  failure?: ItemFailure;
}

/** How often held messages are kept from being redelivered. */
const KEEP_ALIVE_MS = 10_000;

/**
 * The statuses that recipients reported on an agency's documents (01–06, 15, 16), as items of its
 * received list, as the VXP hands out Status packages. Read from the agency's track subject with a
 * durable consumer (`lt-gw-status-<agency>`), created the first time the agency uses the gateway:
 * statuses from then on are listed until acknowledged, across restarts of the gateway.
 */
export class StatusQueue {
  private readonly held = new Map<string, HeldStatus>();
  private readonly acked = new Set<string>();
  /** The timeline entries of each record as last read: what tells the entry a change brought. */
  private readonly seen = new SeenEntries();
  private messages: ConsumerMessages | undefined;
  private keepAlive: NodeJS.Timeout | undefined;
  private stopped = false;
  private loop: Promise<void> = Promise.resolve();

  constructor(
    private readonly nats: GatewayJetStream,
    private readonly agency: string,
    private readonly home: NodeInfo,
    private readonly max: number,
  ) {}

  get durable(): string {
    return `lt-gw-status-${agencyToToken(this.agency)}`;
  }

  /** Creates the durable consumer (from now on) if it does not exist, and starts reading it. */
  async start(): Promise<void> {
    const filter = trackSubject(this.home.level, this.home.id, this.agency);
    // Only a missing consumer is created; any other failure (unreachable, denied) is the caller's.
    const existing = await this.nats.jsm.consumers.info(STREAMS.track, this.durable).catch((e: unknown) => {
      if (classifyNatsError(e).kind === 'not-found') return undefined;
      throw e;
    });
    if (!existing) {
      await this.nats.jsm.consumers.add(STREAMS.track, {
        durable_name: this.durable,
        filter_subject: filter,
        deliver_policy: DeliverPolicy.New,
        ack_policy: AckPolicy.Explicit,
        ack_wait: 30_000_000_000,
        max_deliver: -1,
        max_ack_pending: this.max + 64,
      });
    }
    const consumer = await this.nats.js.consumers.get(STREAMS.track, this.durable);
    this.messages = await consumer.consume({ max_messages: this.max });
    this.keepAlive = setInterval(() => {
      for (const h of this.held.values()) {
        try {
          h.msg.working();
        } catch {
          // disconnected: the message comes back after its ack wait
        }
      }
    }, KEEP_ALIVE_MS);
    this.keepAlive.unref();
    this.loop = this.read();
  }

  private async read(): Promise<void> {
    try {
      for await (const m of this.messages!) {
        if (this.stopped) break;
        const id = `${agencyToToken(this.agency)}.s${m.seq}`;
        const redelivered = this.held.get(id);
        if (redelivered) {
          // Already listed (delivered again after a reconnect): keep it, acknowledged through this delivery.
          this.held.set(id, { ...redelivered, msg: m });
          continue;
        }
        const status = statusOf(m, this.seen);
        if (!status) {
          m.ack();
          continue;
        }
        if (this.acked.has(id)) {
          m.ack();
          continue;
        }
        this.held.set(id, { id, receipt: status.receipt, atMs: status.atMs, notBefore: 0, msg: m });
      }
    } catch {
      // stopped, or the connection closed
    }
  }

  items(): HeldStatus[] {
    const now = Date.now();
    return [...this.held.values()].filter((h) => h.notBefore <= now);
  }

  get(id: string): HeldStatus | undefined {
    return this.held.get(id);
  }

  wasAcked(id: string): boolean {
    return this.acked.has(id);
  }

  async ack(id: string): Promise<void> {
    const h = this.held.get(id);
    if (!h) return;
    await h.msg.ackAck();
    this.held.delete(id);
    this.acked.add(id);
    if (this.acked.size > 100_000) this.acked.delete(this.acked.values().next().value!);
  }

  fail(id: string, reason: string, retryAfterMs: number): void {
    const h = this.held.get(id);
    if (!h) return;
    h.notBefore = Date.now() + retryAfterMs;
    h.failure = nextFailure(h.failure, reason);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.keepAlive);
    await this.messages?.close().catch(() => undefined);
    await this.loop;
  }
}

/** The timeline entries last read of each (document, recipient) record, for the newest records. */
class SeenEntries {
  private readonly byRecord = new Map<string, string[]>();

  /** The entries `timeline` holds that the record's previous version did not; remembers this one. */
  added(record: string, timeline: readonly ITimelineEntry[]): ITimelineEntry[] | undefined {
    const keys = timeline.map(entryKey);
    const before = this.byRecord.get(record);
    this.byRecord.delete(record);
    this.byRecord.set(record, keys);
    if (this.byRecord.size > SEEN_RECORDS) this.byRecord.delete(this.byRecord.keys().next().value!);
    if (!before) return undefined;
    const left = new Map<string, number>();
    for (const k of before) left.set(k, (left.get(k) ?? 0) + 1);
    return timeline.filter((_, i) => {
      const n = left.get(keys[i]!) ?? 0;
      if (n > 0) left.set(keys[i]!, n - 1);
      return n === 0;
    });
  }
}

const SEEN_RECORDS = 10_000;

function entryKey(e: ITimelineEntry): string {
  return JSON.stringify([
    e.transport ?? 0,
    e.business ?? 0,
    Number(e.atMs ?? 0),
    e.node ?? '',
    e.description ?? '',
  ]);
}

/**
 * The status a tracking change brought: the business entry the record did not hold when last read
 * (statuses are kept in the order the recipient reported them, so a late one stands before newer
 * ones), else its newest timeline entry, when that is a business status. A signed status is its
 * receipt (with the Status package's bytes when it was posted as one); an unsigned one is rebuilt
 * from the entry.
 */
function statusOf(m: JsMsg, seen: SeenEntries): { receipt: IStatusReport; atMs: number } | undefined {
  let record;
  try {
    record = decodeTrackingRecord(m.data);
  } catch {
    return undefined;
  }
  if (record.recipient === '') return undefined;
  const added = seen.added(`${record.documentId}\n${record.recipient}`, record.timeline);
  const last = added?.length
    ? added.filter((e) => e.business && !e.transport).at(-1)
    : record.timeline.at(-1);
  // A recall (13) is the sender's own; it reaches the recipients, not the sender's list.
  if (!last?.business || last.business === 13) return undefined;
  const atMs = Number(last.atMs ?? 0);
  return {
    receipt: last.receipt ?? {
      code: last.business,
      responder: record.recipient,
      documentId: record.documentId,
      documentSender: record.sender,
      description: last.description ?? '',
      timestampMs: atMs,
      ...(last.staff ? { staff: last.staff } : {}),
    },
    atMs,
  };
}
