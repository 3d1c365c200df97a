/**
 * Flow control at a node (docs/ARCHITECTURE.md, "Flow control"):
 *
 * - every queue a node holds is bounded per sender and lane: an agency's submit subject, a
 *   neighbour's relay subject (`max_msgs_per_subject` with `discard_new_per_subject` on LT_SUBMIT and
 *   LT_RELAY). A full queue refuses the publish; nothing already accepted is touched.
 * - an agency's submissions are paced by its limits in the directory (`SubmitPacer`): one beyond its
 *   pace stays in its queue and is taken again when its turn comes.
 * - a relay that a full neighbour refuses waits for a place (`NeighbourRoom`), or goes back to this
 *   node's own stream to be retried later, which pushes back on whoever fills this node in turn.
 */
import type { JetStreamManager, PubAck } from '@nats-io/jetstream';
import { BackpressureError, submitPaceMs } from '@lienthong/core';
import { refusedBy } from '@lienthong/infra';
import type { Lane, SubmitPace } from '@lienthong/core';
import { STREAMS } from '@lienthong/core';
import { EnvelopeKind } from '@lienthong/proto';
import type { FlowConfig } from './config';
import { envelopeKindOf } from './wire';

/** A publisher waits this long at most for a place in a full queue before giving its message back. */
const ROOM_WAIT_MS = 5_000;
/** Publishers that wait for one full queue at once; more give their message back at once. */
const ROOM_WAITERS = 16;

interface RoomWaiter {
  take(): void;
  giveUp(e: BackpressureError): void;
}

/**
 * Publishes into neighbours' bounded queues. While a queue is full, the messages for it wait their
 * turn here, in order, and only the first one polls (a place frees up each time the neighbour takes a
 * message off): no retry storm, and no redelivery of whole messages while the neighbour drains. A
 * queue that stays full for ROOM_WAIT_MS, or more than ROOM_WAITERS messages for one queue, throws a
 * BackpressureError: the caller gives the inbound message back to its stream (store-and-forward) and
 * takes it again after `retryAfterMs`. The same message id makes every attempt idempotent.
 */
export class NeighbourRoom {
  private readonly waiting = new Map<string, RoomWaiter[]>();
  /** Relays that found their queue full and waited here; of those, given back to the stream. */
  waited = 0;
  gaveUp = 0;

  constructor(
    private readonly opts: { waitMs: number; waiters: number } = {
      waitMs: ROOM_WAIT_MS,
      waiters: ROOM_WAITERS,
    },
  ) {}

  /** Messages waiting here for a place in a full queue. */
  get size(): number {
    let n = 0;
    for (const q of this.waiting.values()) n += q.length;
    return n;
  }

  async publish(subject: string, publish: () => Promise<PubAck>, deliveryCount: number): Promise<PubAck> {
    let queue = this.waiting.get(subject);
    if (!queue) {
      try {
        return await publish();
      } catch (e) {
        const full = refusedBy(e);
        if (!full) throw e;
        queue = this.waiting.get(subject);
        if (!queue) this.waiting.set(subject, (queue = []));
      }
    }
    this.waited++;
    if (queue.length >= this.opts.waiters) throw this.refusal(subject, deliveryCount);
    const q = queue;
    await new Promise<void>((take, giveUp) => {
      q.push({ take, giveUp });
      if (q.length === 1) take();
    });
    // This message is first in line now: poll until the neighbour has a place.
    const until = Date.now() + this.opts.waitMs;
    let pause = 2;
    let passed = false;
    try {
      for (;;) {
        try {
          const ack = await publish();
          passed = true;
          return ack;
        } catch (e) {
          const full = refusedBy(e);
          if (!full) throw e;
          if (Date.now() + pause > until) throw this.refusal(subject, deliveryCount, full);
        }
        await sleep(pause);
        pause = Math.min(pause * 2, 50);
      }
    } finally {
      q.shift();
      if (!passed) {
        // Still full after a while: everyone behind gives up too, rather than each waiting again.
        for (const w of q.splice(0)) w.giveUp(this.refusal(subject, 1));
      }
      if (q.length === 0) {
        if (this.waiting.get(subject) === q) this.waiting.delete(subject);
      } else q[0]!.take();
    }
  }

  private refusal(
    subject: string,
    deliveryCount: number,
    full: 'subject' | 'bytes' = 'subject',
  ): BackpressureError {
    this.gaveUp++;
    const what = full === 'subject' ? 'its queue for this node is full' : 'its stream is at its byte bound';
    return new BackpressureError(`${subject}: the next hop cannot take more (${what})`, {
      retryAfterMs: relayRetryMs(deliveryCount),
      scope: full === 'subject' ? 'neighbour-queue' : 'stream-bytes',
      context: { subject },
    });
  }
}

/**
 * A node's intake gives way to the relays already on their way through it (documents to deliver or
 * hand on, and the transport events and statuses coming back). While this process holds more relays
 * than `threshold` (in a handler or waiting for one), the intake takes at most `slots` new
 * submissions at once (status reports are not held back), so the node
 * finishes what it carries before it takes more from its agencies. Without it, a sender faster than
 * the path fills the queue that carries its 01s and DELIVERED events home; the nodes sending them
 * back are refused, give their messages back and take them again, and the work done per document
 * grows while the rate falls (docs/ARCHITECTURE.md, "Flow control"). Only under that pressure: a
 * fixed bound would cap what a node takes in, even when nothing else waits.
 */
export class IntakeYield {
  private readonly relays: { readonly holding: number }[] = [];
  /** Status reports never give way: they are the path back, which the yield is for. */
  readonly exempt = (m: { readonly data: Uint8Array }): boolean =>
    envelopeKindOf(m.data) === EnvelopeKind.ENVELOPE_KIND_STATUS;
  /** Times the intake gave way (only status reports could start then). */
  held = 0;

  constructor(
    readonly slots: number,
    private readonly threshold: number,
  ) {}

  /** A relay consumer of this process whose messages count. */
  watch(relay: { readonly holding: number }): void {
    this.relays.push(relay);
  }

  /** Whether the intake gives way now (asked when it would start one more than `slots`). */
  pressed(): boolean {
    if (!this.yielding()) return false;
    this.held++;
    return true;
  }

  /** More relays than the threshold are held here: in a handler, or waiting for one. */
  yielding(): boolean {
    let held = 0;
    for (const r of this.relays) {
      held += r.holding;
      if (held > this.threshold) return true;
    }
    return false;
  }
}

/** Back-off for a relay given back because the next hop stayed full: grows to 30 s, with jitter. */
export function relayRetryMs(deliveryCount: number): number {
  const base = Math.min(500 * 2 ** Math.min(Math.max(deliveryCount - 1, 0), 6), 30_000);
  return Math.round(base * (0.75 + Math.random() * 0.5));
}

/** How far ahead of now a waiting submission may be given a place; a longer wait is asked again then. */
const MAX_DEFER_MS = 30_000;
/** Reservations not claimed by then are forgotten (the message went to another process, or was acked). */
const RESERVATION_TTL_MS = 120_000;

interface AgencyPace {
  /** GCRA's theoretical arrival time: when the agency's budget is next free, Unix ms. */
  tat: number;
}

/**
 * Paces each agency's submissions by its limits (GCRA: a submission costs the spacing its limits
 * allow; a burst may run ahead by the tolerance). One that is over gets a place in time and is told
 * to come back then, so an agency's deferred submissions come back one by one, in order, instead of
 * all at once. Urgent submissions are counted but never held back.
 *
 * The pace is per process: processes that share a node's consumer each allow the agency's rate.
 */
export class SubmitPacer {
  private readonly paces = new Map<string, AgencyPace>();
  private readonly reserved = new Map<string, number>();
  private admitted = 0;
  private deferred = 0;

  constructor(
    private readonly limitsOf: (agency: string) => SubmitPace | undefined,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Milliseconds the submission `key` (stream and sequence: stable across redeliveries) of `bytes`
   * must still wait; 0 means go now.
   */
  admit(agency: string, lane: Lane, bytes: number, key: string): number {
    const now = this.now();
    const slot = this.reserved.get(key);
    if (slot !== undefined) {
      if (slot <= now + 5) {
        this.reserved.delete(key);
        this.admitted++;
        return 0;
      }
      return slot - now;
    }
    const limits = this.limitsOf(agency);
    const cost = submitPaceMs(limits, bytes);
    if (cost <= 0) {
      this.admitted++;
      return 0;
    }
    const burst = limits?.burst ?? 0;
    const tolerance = burst > 0 ? (burst - 1) * cost : Math.max(0, 1000 - cost);
    const pace = this.paces.get(agency) ?? { tat: now };
    const tat = Math.max(pace.tat, now);
    const allowedAt = tat - tolerance;
    if (lane === 'urgent' || allowedAt <= now) {
      pace.tat = tat + cost;
      this.paces.set(agency, pace);
      this.admitted++;
      return 0;
    }
    if (allowedAt - now > MAX_DEFER_MS) return MAX_DEFER_MS; // no place taken: ask again later
    pace.tat = tat + cost;
    this.paces.set(agency, pace);
    this.reserved.set(key, allowedAt);
    this.deferred++;
    if (this.reserved.size % 1024 === 0) this.prune(now);
    return allowedAt - now;
  }

  /** Submissions let through and held back since start; agencies waiting for their turn now. */
  get counts(): { admitted: number; deferred: number; waiting: number } {
    return { admitted: this.admitted, deferred: this.deferred, waiting: this.reserved.size };
  }

  private prune(now: number): void {
    for (const [k, at] of this.reserved) if (at < now - RESERVATION_TTL_MS) this.reserved.delete(k);
    for (const [a, p] of this.paces) if (p.tat < now) this.paces.delete(a);
  }
}

/** A submission over its agency's pace: it stays in the agency's queue and comes back after the wait. */
export function deferredSubmission(agency: string, waitMs: number): BackpressureError {
  return new BackpressureError(`submission of ${agency} is over its pace; taken again in ${waitMs} ms`, {
    retryAfterMs: waitMs,
    scope: 'agency-rate',
    context: { agency },
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** How full the per-sender queues matching `filters` are: messages waiting, the deepest, how many at the bound. */
export async function queueUsage(
  jsm: JetStreamManager,
  stream: string,
  filters: readonly string[],
  limit: number,
): Promise<{ queued: number; fullest: number; full: number }> {
  let queued = 0;
  let fullest = 0;
  let full = 0;
  for (const subjects_filter of filters) {
    const info = await jsm.streams.info(stream, { subjects_filter });
    for (const n of Object.values(info.state.subjects ?? {})) {
      queued += n;
      fullest = Math.max(fullest, n);
      if (limit > 0 && n >= limit) full++;
    }
  }
  return { queued, fullest, full };
}

/** What `lienthong_flow_*` shows for the nodes a process hosts. */
export interface FlowUsage {
  readonly submit: QueueUsage;
  readonly relay: QueueUsage;
  readonly pacer: { admitted: number; deferred: number; waiting: number };
  readonly room: { waiting: number; waited: number; gaveUp: number };
  /** Whether the intake gives way to waiting relays now, and how often it did. */
  readonly intake: { yielding: boolean; held: number };
}

export interface QueueUsage {
  readonly limit: number;
  readonly queued: number;
  readonly fullest: number;
  readonly full: number;
}

/** Usage of the submit and relay queues under `prefixes` (`lt.v1.<level>.<node or *>`). */
export async function readFlowUsage(
  jsm: JetStreamManager,
  prefixes: readonly string[],
  flow: FlowConfig,
  pacer: SubmitPacer | undefined,
  room: NeighbourRoom | undefined,
  intake?: IntakeYield,
): Promise<FlowUsage> {
  const usage = async (stream: string, kind: 'submit' | 'relay', limit: number): Promise<QueueUsage> => ({
    limit,
    ...(await queueUsage(
      jsm,
      stream,
      prefixes.map((p) => `${p}.${kind}.>`),
      limit,
    )),
  });
  const [submit, relay] = await Promise.all([
    usage(STREAMS.submit, 'submit', flow.maxQueuedPerAgency),
    usage(STREAMS.relay, 'relay', flow.maxQueuedPerNeighbour),
  ]);
  return {
    submit,
    relay,
    pacer: pacer?.counts ?? { admitted: 0, deferred: 0, waiting: 0 },
    room: { waiting: room?.size ?? 0, waited: room?.waited ?? 0, gaveUp: room?.gaveUp ?? 0 },
    intake: { yielding: intake?.yielding() ?? false, held: intake?.held ?? 0 },
  };
}
