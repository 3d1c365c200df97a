import type { Consumer, ConsumerMessages } from '@nats-io/jetstream';
import { decodeTrackingRecord } from '@lienthong/core';
import type { TrackingRecord } from '@lienthong/proto';

/**
 * How far one sent document has got with each recipient: `records` is the latest state per
 * recipient, and iterating yields each change as it arrives (statuses and transport events).
 * A submission the home node refused shows up as `rejection`.
 */
export class Tracker implements AsyncIterable<TrackingRecord>, AsyncDisposable {
  private readonly byRecipient = new Map<string, TrackingRecord>();
  private readonly queue: TrackingRecord[] = [];
  private wake: (() => void) | undefined;
  private messages: ConsumerMessages | undefined;
  private pump: Promise<void> | undefined;
  private stopped = false;
  /** Set when the home node refused the submission itself (malformed, not allowed…). */
  rejection: TrackingRecord | undefined;

  constructor(
    readonly documentId: string,
    private readonly live: Consumer,
  ) {}

  /** Latest record per recipient, in recipient order. */
  get records(): TrackingRecord[] {
    return [...this.byRecipient.values()].sort((a, b) => a.recipient.localeCompare(b.recipient));
  }

  /** @internal Starts following changes; called before the snapshot is read. */
  async follow(): Promise<void> {
    this.messages = await this.live.consume();
    const messages = this.messages;
    this.pump = (async () => {
      for await (const m of messages) {
        let record: TrackingRecord;
        try {
          record = decodeTrackingRecord(m.data);
        } catch {
          continue;
        }
        if (record.documentId !== this.documentId) continue;
        if (this.keep(record)) this.push(record);
      }
    })().catch(() => undefined);
  }

  /** @internal */
  setSnapshot(records: readonly TrackingRecord[]): void {
    for (const r of records) this.keep(r);
  }

  async *[Symbol.asyncIterator](): AsyncIterator<TrackingRecord> {
    while (!this.stopped) {
      const next = this.queue.shift();
      if (next) {
        yield next;
        continue;
      }
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }

  /** Waits until `done` holds for the records, or the signal aborts. */
  async until(
    done: (records: TrackingRecord[], tracker: Tracker) => boolean,
    opts: { signal?: AbortSignal } = {},
  ): Promise<TrackingRecord[]> {
    while (!done(this.records, this)) {
      if (opts.signal?.aborted) throw opts.signal.reason;
      if (this.stopped) throw new Error('tracker stopped');
      await new Promise<void>((resolve) => {
        const onAbort = (): void => resolve();
        opts.signal?.addEventListener('abort', onAbort, { once: true });
        this.wake = () => {
          opts.signal?.removeEventListener('abort', onAbort);
          resolve();
        };
      });
      this.queue.length = 0;
    }
    return this.records;
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.wake?.();
    this.messages?.stop();
    await this.pump;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.stop();
  }

  private push(r: TrackingRecord): void {
    this.queue.push(r);
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
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
