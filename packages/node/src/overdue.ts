import type { Logger } from 'pino';
import { BusinessStatus, TransportState } from '@lienthong/proto';
import type { TrackingRecord } from '@lienthong/proto';
import type { TrackingStore } from './tracking-store';

/** Whether a recipient has confirmed (01, or fetched) or the copy is settled otherwise. */
function confirmed(r: TrackingRecord): boolean {
  return (
    r.business !== BusinessStatus.BUSINESS_STATUS_UNSPECIFIED ||
    r.transport === TransportState.TRANSPORT_STATE_FETCHED ||
    r.transport === TransportState.TRANSPORT_STATE_FAILED
  );
}

/** From this many records of its senders on, a start may read them in one pass over the bucket. */
export const SCAN_FROM = 256;
/** Tracking records a start reads at once when it reads them one by one (a direct get each). */
export const LOAD_WINDOW = 64;

/**
 * The recipients that have not confirmed 01 yet, by the time they must confirm by. A sweep marks the
 * late ones overdue in their tracking records (which publishes the change to the sender).
 */
export class OverdueIndex {
  private readonly pending = new Map<string, number>();
  /**
   * The keys of the recipients overdue now (marked, not confirmed since), as this runtime last saw
   * their records: read at start, then followed through every record the store writes or reads.
   */
  private readonly late = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private sweeping: Promise<void> | undefined;
  private stopping = false;

  constructor(
    private readonly tracking: TrackingStore,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
  ) {
    tracking.onRecord((key, r) => this.note(key, r));
  }

  private note(key: string, r: TrackingRecord): void {
    if (r.recipient !== '' && r.overdue) this.late.add(key);
    else this.late.delete(key);
  }

  /** The keys of the recipients overdue now (see `late`). */
  lateKeys(): IterableIterator<string> {
    return this.late.values();
  }

  add(key: string, confirmByMs: number): void {
    if (confirmByMs > 0) this.pending.set(key, confirmByMs);
  }

  remove(key: string): void {
    this.pending.delete(key);
  }

  get size(): number {
    return this.pending.size;
  }

  /** Rebuilds the index from the tracking records of the given senders (after a restart). */
  async load(senders: readonly string[]): Promise<void> {
    const keys = await this.tracking.keysOfSenders(senders);
    const take = (key: string, r: TrackingRecord): void => {
      this.note(key, r);
      if (!confirmed(r) && !r.overdue) this.add(key, r.confirmByMs);
    };
    // Many records of a bucket whose sequence has few gaps: one pass over it. Records rewritten many
    // times leave a gap per revision, and nats-server 2.9 crawls over them in a store just opened
    // (44,000 records among 10 times as many gaps: 17 s, where a get each, LOAD_WINDOW at a time,
    // takes 2). What a pass did not come across is read by itself.
    const seen =
      keys.length >= SCAN_FROM && (await this.tracking.fewGaps())
        ? await this.tracking.scanKeys(new Set(keys), take)
        : new Set<string>();
    const rest = keys.filter((k) => !seen.has(k));
    let next = 0;
    const reader = async (): Promise<void> => {
      while (next < rest.length) {
        const key = rest[next++]!;
        const r = await this.tracking.readKey(key);
        if (r) take(key, r);
      }
    };
    await Promise.all(Array.from({ length: Math.min(LOAD_WINDOW, rest.length) }, reader));
  }

  start(intervalMs: number): void {
    this.timer = setInterval(() => {
      this.sweeping ??= this.sweep()
        .then(() => undefined)
        .catch((e: unknown) => this.log.warn({ err: e }, 'overdue sweep failed; will retry'))
        .finally(() => (this.sweeping = undefined));
    }, intervalMs);
    this.timer.unref();
  }

  /** Ends the timer; a sweep in progress stops after the record it is marking. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    await this.sweeping;
  }

  /** Marks every due recipient overdue; returns how many were marked. */
  async sweep(): Promise<number> {
    const now = this.now();
    let marked = 0;
    for (const [key, due] of [...this.pending]) {
      // A sweep of a national tree can be long: stopping does not wait for the rest of it.
      if (this.stopping) break;
      if (due > now) continue;
      const result = await this.tracking.markOverdue(key, now);
      if (result.outcome === 'changed') marked++;
      if (
        result.outcome === 'unknown' ||
        (result.record && (confirmed(result.record) || result.record.overdue))
      ) {
        this.pending.delete(key);
      }
    }
    if (marked > 0) this.log.info({ marked }, 'recipients overdue');
    return marked;
  }
}
