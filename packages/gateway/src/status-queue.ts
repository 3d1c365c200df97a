import { AckPolicy, DeliverPolicy } from '@nats-io/jetstream';
import type { ConsumerMessages, JetStreamClient, JetStreamManager, JsMsg } from '@nats-io/jetstream';
import {
  STREAMS,
  TRACK_ADDED_HEADER,
  addedEntryIndices,
  agencyToToken,
  decodeTrackingRecord,
  parseAddedHeader,
  timelineEntryKey,
  trackSubject,
} from '@lienthong/core';
import type { NodeInfo } from '@lienthong/core';
import { classifyNatsError, storedAtMs } from '@lienthong/infra';
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
  /** When it reached the sender's tracking (the listing's `receivedAt`). */
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
  /** The items each held message brought, by stream sequence: the message is acked with its last. */
  private readonly messagesHeld = new Map<number, { msg: JsMsg; ids: Set<string> }>();
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
      for (const h of this.messagesHeld.values()) {
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
        const group = this.messagesHeld.get(m.seq);
        if (group) {
          // Already listed (delivered again after a reconnect): kept, acknowledged through this delivery.
          group.msg = m;
          for (const id of group.ids) {
            const h = this.held.get(id);
            if (h) this.held.set(id, { ...h, msg: m });
          }
          continue;
        }
        const base = `${agencyToToken(this.agency)}.s${m.seq}`;
        const ids = new Set<string>();
        // Received when it reached the sender's tracking: the package's own Timestamp is the
        // reporter's clock (an old sample, a skewed system), and stays in the package.
        const receivedAtMs = storedAtMs(m);
        statusesOf(m, this.seen).forEach((receipt, i) => {
          // The first status of a message keeps the plain id; more than one (a burst written at once) are numbered.
          const id = i === 0 ? base : `${base}.${i}`;
          if (this.acked.has(id)) return;
          ids.add(id);
          this.held.set(id, { id, receipt, atMs: receivedAtMs, notBefore: 0, msg: m });
        });
        if (ids.size === 0) m.ack();
        else this.messagesHeld.set(m.seq, { msg: m, ids });
      }
    } catch {
      // stopped, or the connection closed
    }
  }

  items(): HeldStatus[] {
    const now = Date.now();
    return [...this.held.values()].filter((h) => h.notBefore <= now);
  }

  /** How many statuses `items()` lists. */
  count(): number {
    const now = Date.now();
    let n = 0;
    for (const h of this.held.values()) if (h.notBefore <= now) n++;
    return n;
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
    const group = this.messagesHeld.get(h.msg.seq);
    const last = !group || (group.ids.size === 1 && group.ids.has(id));
    // The message is acknowledged with the last of its statuses; until then it stays held.
    if (last) await h.msg.ackAck();
    group?.ids.delete(id);
    if (last) this.messagesHeld.delete(h.msg.seq);
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

  /**
   * The positions in `timeline` of the entries the record's previous version did not hold;
   * undefined for a record not read before. Remembers this version.
   */
  added(record: string, timeline: readonly ITimelineEntry[]): number[] | undefined {
    const before = this.byRecord.get(record);
    this.byRecord.delete(record);
    this.byRecord.set(record, timeline.map(timelineEntryKey));
    if (this.byRecord.size > SEEN_RECORDS) this.byRecord.delete(this.byRecord.keys().next().value!);
    return before && addedEntryIndices(before, timeline);
  }
}

const SEEN_RECORDS = 10_000;

/**
 * The statuses a tracking change brought, in the order the record holds them: the business
 * entries it added, as the node says in the message's header (several when a burst of statuses was
 * written at once), else as told by the version last read; for a record neither tells, its newest
 * timeline entry when that is a business status. A signed status is its receipt (with the Status
 * package's bytes when it was posted as one); an unsigned one is rebuilt from the entry.
 */
function statusesOf(m: JsMsg, seen: SeenEntries): IStatusReport[] {
  let record;
  try {
    record = decodeTrackingRecord(m.data);
  } catch {
    return [];
  }
  if (record.recipient === '') return [];
  const timeline = record.timeline;
  const fromSeen = seen.added(`${record.documentId}\n${record.recipient}`, timeline);
  const said = m.headers?.has(TRACK_ADDED_HEADER) ? m.headers.get(TRACK_ADDED_HEADER) : undefined;
  const added = parseAddedHeader(said, timeline.length) ?? fromSeen;
  const entries = added
    ? added.map((i) => timeline[i]!).filter((e) => e.business && !e.transport)
    : timeline.slice(-1).filter((e) => e.business);
  // A recall (13) is the sender's own; it reaches the recipients, not the sender's list.
  return entries
    .filter((e) => e.business !== 13)
    .map(
      (e) =>
        e.receipt ?? {
          code: e.business,
          responder: record.recipient,
          documentId: record.documentId,
          documentSender: record.sender,
          description: e.description ?? '',
          timestampMs: Number(e.atMs ?? 0),
          ...(e.staff ? { staff: e.staff } : {}),
        },
    );
}
