/**
 * Finding a durable consumer that will never deliver some of its stream's messages, from the state
 * of the stream and the consumer alone (no timing). Shared by the node's custody consumers and the
 * SDK's inbox consumer; the JetStream calls are behind `ConsumerView`, so this stays without I/O.
 *
 * nats-server (seen on 2.9.10 under SIGKILL; similar reports up to 2.12) can bring a stream back
 * after an unclean stop inconsistent with its consumers, whose state is written separately:
 *
 * - the stream lost its last writes (or an empty work-queue stream forgot its sequence and starts
 *   again at 1) while a consumer had delivered them: its delivered sequence is past the stream's
 *   last one (`ahead`). New messages then get sequences the consumer believes it has passed: it
 *   skips those of its filter, and keeps waiting for acknowledgements of sequences that now hold
 *   another consumer's message (a pending entry that never clears, `ackPending` stuck at 1). Once
 *   new messages have passed its delivered sequence this no longer shows in the two sequences, but
 *   a message the reader received is then replaced by another one with the same sequence
 *   (`reused`), which is why readers remember the last message they received (`DeliveryMark`).
 * - a work-queue stream brought back messages the consumer had acknowledged (the removal was lost,
 *   the consumer's acknowledgement kept): a message of its filter at or below its acknowledgement
 *   floor (`stranded`). Work-queue streams remove what is acknowledged, so nothing may be there.
 * - a work-queue stream holding more messages of the consumer's filter than it has pending and
 *   unacknowledged (`stranded`: those it skipped), whether or not it is busy with others.
 *
 * The cure is the same for all: re-create the consumer from where nothing can be missed and deliver
 * again. Re-delivering is safe: every step of handling a message is idempotent.
 */

/**
 * Storage times reach readers as ns since the epoch in a double (from a reply subject or an RFC 3339
 * string): two readings of one message can differ by a few hundred ns.
 */
const SAME_TIME_NS = 10_000;

function sameTime(a: number, b: number): boolean {
  return Math.abs(a - b) <= SAME_TIME_NS;
}

/** What a consumer's info says, in stream sequences. */
export interface ConsumerPosition {
  /** Highest stream sequence delivered. */
  readonly delivered: number;
  /** Every message of its filter at or below this sequence was acknowledged. */
  readonly ackFloor: number;
  /** Messages of its filter after `delivered`. */
  readonly pending: number;
  /** Delivered and not acknowledged. */
  readonly ackPending: number;
}

export interface StreamPosition {
  readonly firstSeq: number;
  readonly lastSeq: number;
  readonly messages: number;
}

/** A message as the stream holds it (or as a reader received it). */
export interface StoredMessage {
  readonly seq: number;
  readonly subject: string;
  /** When the stream stored it, ns since the epoch. */
  readonly storedAtNanos: number;
}

/** Read access to one consumer and its stream (nats.js adapters in the node and the SDK). */
export interface ConsumerView {
  /** Work-queue retention: acknowledged messages are removed. */
  readonly workQueue: boolean;
  consumer(): Promise<ConsumerPosition>;
  stream(): Promise<StreamPosition>;
  /** The message at this sequence, undefined if there is none. */
  message(seq: number): Promise<StoredMessage | undefined>;
  /** The first message of the consumer's filter at or after this sequence, undefined if none. */
  nextOfFilter(seq: number): Promise<StoredMessage | undefined>;
  /** How many messages of the consumer's filter the stream holds (the costlier request). */
  countOfFilter(): Promise<number>;
}

export type ConsumerFault =
  /** Its delivered sequence (or the last message a reader received) is past the stream's end. */
  | { readonly kind: 'ahead'; readonly delivered: number; readonly lastSeq: number }
  /** A message the reader received was replaced: the stream lost it and gave its sequence to another. */
  | {
      readonly kind: 'reused';
      readonly seq: number;
      readonly received: StoredMessage;
      readonly now: StoredMessage;
    }
  /** Messages of its filter in a work-queue stream that it will not deliver. */
  | {
      readonly kind: 'stranded';
      readonly messages: number;
      readonly delivered: number;
      readonly ackFloor: number;
      /** The lowest such sequence, when known. */
      readonly firstSeq?: number;
    };

/**
 * The last message a reader received (highest sequence), to recognise later that the stream gave
 * its sequence to another message. One per consumer; `note` every message received, `disconnected`
 * when the connection drops: the last message from before is kept apart, since messages received
 * after the server came back may already have taken the lost sequences.
 */
export class DeliveryMark {
  #last: StoredMessage | undefined;
  #beforeDisconnect: StoredMessage | undefined;

  note(m: StoredMessage): void {
    if (!this.#last || m.seq >= this.#last.seq) {
      this.#last = { seq: m.seq, subject: m.subject, storedAtNanos: m.storedAtNanos };
    }
  }

  disconnected(): void {
    if (this.#last) this.#beforeDisconnect = this.#last;
  }

  get last(): StoredMessage | undefined {
    return this.#last;
  }

  /** What to compare with the stream: the last message before a disconnect, and the last received. */
  get marks(): StoredMessage[] {
    const out: StoredMessage[] = [];
    if (this.#beforeDisconnect) out.push(this.#beforeDisconnect);
    if (this.#last && this.#last !== this.#beforeDisconnect) out.push(this.#last);
    return out;
  }

  /** The earliest mark: messages stored after it cannot have reached the reader before a restart. */
  get earliest(): StoredMessage | undefined {
    return this.#beforeDisconnect ?? this.#last;
  }

  /** After the consumer was re-created: its sequences are read afresh. */
  reset(): void {
    this.#last = undefined;
    this.#beforeDisconnect = undefined;
  }
}

/**
 * Looks for a fault; undefined when the consumer will deliver everything of its filter. Costs a few
 * small requests; the per-filter count only when its work-queue stream holds more messages than the
 * consumer accounts for (other consumers' included). `marks` are messages the reader
 * received (`DeliveryMark.marks`), if it keeps them.
 */
export async function findConsumerFault(
  view: ConsumerView,
  marks: readonly StoredMessage[] = [],
): Promise<ConsumerFault | undefined> {
  // Consumer first: the stream's last sequence only grows, so read later it can never look behind.
  const before = await view.consumer();
  const stream = await view.stream();
  if (before.delivered > stream.lastSeq) {
    return { kind: 'ahead', delivered: before.delivered, lastSeq: stream.lastSeq };
  }
  for (const mark of marks) {
    if (mark.seq > stream.lastSeq) return { kind: 'ahead', delivered: mark.seq, lastSeq: stream.lastSeq };
    const now = await view.message(mark.seq);
    if (now && (!sameTime(now.storedAtNanos, mark.storedAtNanos) || now.subject !== mark.subject)) {
      return { kind: 'reused', seq: mark.seq, received: mark, now };
    }
  }
  // In other streams acknowledged messages stay: what is in them says nothing more.
  if (!view.workQueue || stream.messages === 0) return undefined;

  // Below the acknowledgement floor nothing of its filter may be left.
  const first = await view.nextOfFilter(stream.firstSeq);
  if (!first) return undefined;
  if (first.seq <= before.ackFloor) {
    // Read again: a message being acknowledged right now is removed just after the floor moves.
    const after = await view.consumer();
    const still = await view.message(first.seq);
    if (still && sameTime(still.storedAtNanos, first.storedAtNanos) && first.seq <= after.ackFloor) {
      // Those of its filter it does not account for (pending entries that never clear can hide some).
      const total = await view.countOfFilter();
      return {
        kind: 'stranded',
        messages: Math.max(1, total - after.pending - after.ackPending),
        delivered: after.delivered,
        ackFloor: after.ackFloor,
        firstSeq: first.seq,
      };
    }
    return undefined;
  }

  // Every message of its filter is either after `delivered` (pending) or delivered and not yet
  // acknowledged: more than that are ones it skipped. Nothing to count while the stream holds no
  // more messages than this consumer accounts for.
  if (stream.messages <= before.pending + before.ackPending) return undefined;
  const messages = await view.countOfFilter();
  const skipped = messages - before.pending - before.ackPending;
  if (skipped <= 0) return undefined;
  // Unchanged meanwhile: the count is of the same moment (a message that arrived, was delivered or
  // acknowledged in between would show here).
  const after = await view.consumer();
  if (
    after.pending !== before.pending ||
    after.ackPending !== before.ackPending ||
    after.delivered !== before.delivered ||
    after.ackFloor !== before.ackFloor
  ) {
    return undefined;
  }
  return {
    kind: 'stranded',
    messages: skipped,
    delivered: before.delivered,
    ackFloor: before.ackFloor,
    firstSeq: first.seq,
  };
}

/**
 * Where a re-created consumer of a stream that keeps acknowledged messages (limits retention) has to
 * start so that it misses nothing the old one would not have delivered: after its acknowledgement
 * floor, and no later than the first message stored after the last one the reader received (those
 * can not have been delivered; found by bisection over sequences). Work-queue consumers start at the
 * stream's first message instead: everything still there is to be handed on.
 */
export async function restartSequence(
  view: ConsumerView,
  position: ConsumerPosition,
  stream: StreamPosition,
  mark?: StoredMessage,
): Promise<number> {
  let start = Math.min(position.ackFloor + 1, stream.lastSeq + 1);
  if (mark) {
    let lo = Math.max(stream.firstSeq, 1);
    let hi = Math.min(start - 1, stream.lastSeq);
    // Find the lowest sequence in [lo, hi] stored after the mark (storage times grow with sequence).
    let found: number | undefined;
    while (lo <= hi) {
      const mid = Math.floor((lo + hi) / 2);
      const m = await view.message(mid);
      const later = m ? m.storedAtNanos > mark.storedAtNanos + SAME_TIME_NS : false;
      if (later) {
        found = mid;
        hi = mid - 1;
      } else lo = mid + 1;
    }
    if (found !== undefined) start = Math.min(start, found);
  }
  return Math.max(start, 1);
}

/**
 * The part of nats.js's JetStreamManager the checks use, typed here by shape so that this package
 * stays without a NATS dependency (a `JetStreamManager` fits it).
 */
export interface JetStreamManagerLike {
  readonly consumers: {
    info(
      stream: string,
      durable: string,
    ): Promise<{
      delivered: { stream_seq: number };
      ack_floor: { stream_seq: number };
      num_pending: number;
      num_ack_pending: number;
    }>;
  };
  readonly streams: {
    info(
      stream: string,
      opts?: { subjects_filter?: string },
    ): Promise<{
      state: { first_seq: number; last_seq: number; messages: number; subjects?: Record<string, number> };
    }>;
    getMessage(
      stream: string,
      query: { seq: number },
    ): Promise<{ seq: number; subject: string; timestamp: string } | null>;
  };
}

/** A `ConsumerView` of one durable consumer and its stream, through JetStream's API. */
export function jetStreamView(
  jsm: JetStreamManagerLike,
  stream: string,
  durable: string,
  filter: string,
  workQueue: boolean,
): ConsumerView {
  const get = async (query: { seq: number; next_by_subj?: string }): Promise<StoredMessage | undefined> => {
    try {
      // STREAM.MSG.GET takes `next_by_subj` (the first message of a filter from `seq`) since 2.9.
      const m = await jsm.streams.getMessage(stream, query);
      return m ? { seq: m.seq, subject: m.subject, storedAtNanos: rfc3339Nanos(m.timestamp) } : undefined;
    } catch (e) {
      // 10037: no message found (older clients throw rather than return null).
      if (
        (e as { code?: unknown })?.code === 10037 ||
        /no message found/i.test(String((e as Error)?.message))
      ) {
        return undefined;
      }
      throw e;
    }
  };
  return {
    workQueue,
    consumer: async () => {
      const c = await jsm.consumers.info(stream, durable);
      return {
        delivered: c.delivered.stream_seq,
        ackFloor: c.ack_floor.stream_seq,
        pending: c.num_pending,
        ackPending: c.num_ack_pending,
      };
    },
    stream: async () => {
      const { state } = await jsm.streams.info(stream);
      return { firstSeq: state.first_seq, lastSeq: state.last_seq, messages: state.messages };
    },
    message: (seq) => get({ seq }),
    nextOfFilter: (seq) => get({ seq, next_by_subj: filter }),
    countOfFilter: async () => {
      const { state } = await jsm.streams.info(stream, { subjects_filter: filter });
      return Object.values(state.subjects ?? {}).reduce((a, b) => a + b, 0);
    },
  };
}

/** `2026-12-02T09:15:23.930123456Z` as ns since the epoch (as precise as a double holds it). */
export function rfc3339Nanos(ts: string): number {
  const m = /^(.*?)(?:\.(\d+))?(Z|[+-]\d\d:\d\d)$/.exec(ts);
  if (!m) return Date.parse(ts) * 1e6;
  const seconds = Date.parse(`${m[1]}${m[3]}`);
  const fraction = Number(((m[2] ?? '') + '000000000').slice(0, 9));
  return seconds * 1e6 + fraction;
}
