import { LienthongError } from '@lienthong/core';
import type { LiveFeed } from './home-service';
import { TrackFeed } from './track-feed';
import type { TrackingRecord } from '@lienthong/proto';
import { withCall } from './call';
import type { CallOptions } from './call';

/** setTimeout's longest delay: `until()` without a timeout waits this long (about 24 days). */
const FOREVER_MS = 2_147_483_647;

/**
 * How far one sent document has got with each recipient: `records` is the latest state per
 * recipient (transport state, business status, recall answer, overdue flag, timeline), and
 * iterating yields each change as it arrives (statuses and transport events) until `stop()`.
 * A submission the home node refused shows up as `rejection`.
 */
export interface Tracker extends AsyncIterable<TrackingRecord>, AsyncDisposable {
  readonly documentId: string;
  /** Latest record per recipient, in recipient order. */
  readonly records: TrackingRecord[];
  readonly isStopped: boolean;
  /** Set when the home node refused the submission itself (malformed, not allowed…). */
  readonly rejection: TrackingRecord | undefined;
  /**
   * Waits until `done` holds for the records (checked now and after every change). Rejects with
   * Canceled when the signal aborts, DeadlineExceeded after `timeoutMs` (default: no limit), and
   * FailedPrecondition when the tracker is stopped first.
   */
  until(
    done: (records: TrackingRecord[], tracker: Tracker) => boolean,
    opts?: CallOptions,
  ): Promise<TrackingRecord[]>;
  /** Stops following changes; the iteration ends. */
  stop(): Promise<void>;
}

/** A Tracker over a feed of the track stream, filled with the records read once at the start. */
export class DocumentTracker implements Tracker {
  private readonly byRecipient = new Map<string, TrackingRecord>();
  private readonly queue: TrackingRecord[] = [];
  private readonly feed: TrackFeed;
  /** Set when the home node refused the submission itself (malformed, not allowed…). */
  rejection: TrackingRecord | undefined;

  constructor(
    readonly documentId: string,
    live: LiveFeed,
    onStop: () => void = () => undefined,
  ) {
    this.feed = new TrackFeed(
      live,
      (record) => {
        if (record.documentId === this.documentId && this.keep(record)) this.push(record);
      },
      onStop,
    );
  }

  /** Latest record per recipient, in recipient order. */
  get records(): TrackingRecord[] {
    return [...this.byRecipient.values()].sort((a, b) => a.recipient.localeCompare(b.recipient));
  }

  get isStopped(): boolean {
    return this.feed.isStopped;
  }

  /** Starts following changes; called before the snapshot is read. */
  follow(): Promise<void> {
    return this.feed.follow();
  }

  /**
   * Follows another feed from now on (the agency's home node moved: its changes are published on the
   * new node's track subject), then takes the records as read after that: a change that came between
   * the two feeds is in them, and reaches the iteration like any other.
   */
  async moveTo(live: LiveFeed, read: () => Promise<readonly TrackingRecord[]>): Promise<void> {
    if (!(await this.feed.moveTo(live))) return;
    for (const r of await read()) if (this.keep(r)) this.push(r);
  }

  /** The records as read once, after `follow()`: the newer of each recipient's two versions stands. */
  setSnapshot(records: readonly TrackingRecord[]): void {
    for (const r of records) this.keep(r);
    this.feed.wakeAll();
  }

  /** Every change from now on (and those since `track()` was called), until `stop()`. */
  async *[Symbol.asyncIterator](): AsyncIterator<TrackingRecord> {
    while (!this.feed.isStopped) {
      const next = this.queue.shift();
      if (next) {
        yield next;
        continue;
      }
      await this.feed.next();
    }
  }

  /**
   * Waits until `done` holds for the records (checked now and after every change). Rejects with
   * Canceled when the signal aborts, DeadlineExceeded after `timeoutMs` (default: no limit), and
   * FailedPrecondition when the tracker is stopped first.
   */
  async until(
    done: (records: TrackingRecord[], tracker: Tracker) => boolean,
    opts: CallOptions = {},
  ): Promise<TrackingRecord[]> {
    return withCall(`tracking ${this.documentId}`, opts, FOREVER_MS, async (ctx) => {
      while (!done(this.records, this)) {
        if (ctx.signal.aborted) throw ctx.signal.reason;
        if (this.feed.isStopped) {
          throw new LienthongError('FailedPrecondition', `tracking of ${this.documentId} was stopped`, {
            context: { documentId: this.documentId },
          });
        }
        await new Promise<void>((resolve) => {
          const wake = (): void => {
            this.feed.waiters.delete(wake);
            ctx.signal.removeEventListener('abort', wake);
            resolve();
          };
          ctx.signal.addEventListener('abort', wake, { once: true });
          this.feed.waiters.add(wake);
        });
      }
      return this.records;
    });
  }

  stop(): Promise<void> {
    return this.feed.stop();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.stop();
  }

  private push(r: TrackingRecord): void {
    this.queue.push(r);
    this.feed.wakeAll();
  }

  /** Keeps the newer of two versions of a recipient's record; true when it changed. */
  private keep(r: TrackingRecord): boolean {
    if (r.recipient === '') {
      this.rejection = r;
      return true;
    }
    const current = this.byRecipient.get(r.recipient);
    if (current && !isNewer(r, current)) return false;
    this.byRecipient.set(r.recipient, r);
    return true;
  }
}

/** Records only grow: a longer timeline, or the same with a later update, is newer. */
function isNewer(a: TrackingRecord, b: TrackingRecord): boolean {
  if (a.timeline.length !== b.timeline.length) return a.timeline.length > b.timeline.length;
  if (a.updatedAtMs !== b.updatedAtMs) return a.updatedAtMs > b.updatedAtMs;
  return a.overdue !== b.overdue && a.overdue;
}
