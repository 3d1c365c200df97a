/**
 * Changes to one tracking record that arrive together are written together. A recipient's
 * DELIVERED, its 01 and often its first business status reach the sender's home node within
 * milliseconds of each other; each used to cost a read-modify-write of the record and a track
 * publish. Here changes for one key queue behind the write in flight (and those arriving in the
 * same turn of the event loop as the first join it), and the next write applies them all, in the
 * order they arrived, to the record: one KV write and one track publish for the burst.
 *
 * A change may also ask to wait a little for company (`lingerMs`): a DELIVERED is written up to that
 * long after it arrived, unless a change that does not wait (the recipient's 01, usually) comes
 * first and takes it along at once. A recipient that acknowledges within milliseconds then costs its
 * sender's record one write for both instead of two; one that reads its inbox later costs the
 * DELIVERED a delay of `lingerMs` before the sender sees it.
 *
 * Each caller's promise settles with that write: it resolves once the record holding its change is
 * stored and published, and rejects if the write fails, so a caller that acknowledges its inbound
 * message after the promise resolves never acknowledges a change that was not stored. A failed
 * write fails every change in it; their messages come back and are applied again (the tracking
 * rules are idempotent).
 */

interface Queued<C, R> {
  readonly change: C;
  readonly resolve: (r: R) => void;
  readonly reject: (e: unknown) => void;
}

/** Runs one write for a batch of changes to one key: one result per change, in order. */
export type BatchWrite<C, R> = (key: string, changes: readonly C[]) => Promise<readonly R[]>;

export class KeyedBatches<C, R> {
  /** Changes waiting per key; a key is present while its batches are being written. */
  private readonly waiting = new Map<string, Queued<C, R>[]>();
  /** Keys whose first change is lingering, and the timer that will start their write. */
  private readonly lingering = new Map<string, NodeJS.Timeout>();
  /** Writes made and changes they carried (for metrics and tests). */
  readonly stats = { writes: 0, changes: 0 };

  /**
   * @param maxLingering at most this many keys wait at once; past it a change is written at once (a
   *   lingering change holds its inbound message, and a handler slot, until it is written).
   */
  constructor(
    private readonly write: BatchWrite<C, R>,
    private readonly maxLingering = 32,
  ) {}

  submit(key: string, change: C, lingerMs = 0): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      const queue = this.waiting.get(key);
      if (queue) {
        queue.push({ change, resolve, reject });
        // A change that does not wait ends the linger of the ones before it.
        const timer = this.lingering.get(key);
        if (timer !== undefined && lingerMs <= 0) {
          clearTimeout(timer);
          this.lingering.delete(key);
          setImmediate(() => void this.drain(key));
        }
        return;
      }
      this.waiting.set(key, [{ change, resolve, reject }]);
      if (lingerMs > 0 && this.lingering.size < this.maxLingering) {
        this.lingering.set(
          key,
          setTimeout(() => {
            this.lingering.delete(key);
            void this.drain(key);
          }, lingerMs),
        );
        return;
      }
      // Changes for this key handled in the same turn join the first write.
      setImmediate(() => void this.drain(key));
    });
  }

  /** Keys with changes waiting or being written. */
  get busyKeys(): number {
    return this.waiting.size;
  }

  private async drain(key: string): Promise<void> {
    for (;;) {
      const batch = this.waiting.get(key) ?? [];
      if (batch.length === 0) {
        this.waiting.delete(key);
        return;
      }
      // Whatever arrives from now on waits for the next write.
      this.waiting.set(key, []);
      this.stats.writes++;
      this.stats.changes += batch.length;
      try {
        const results = await this.write(
          key,
          batch.map((q) => q.change),
        );
        batch.forEach((q, i) => q.resolve(results[i]!));
      } catch (e) {
        for (const q of batch) q.reject(e);
      }
    }
  }
}
