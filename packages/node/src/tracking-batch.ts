/**
 * Changes to one tracking record that arrive together are written together. A recipient's
 * DELIVERED, its 01 and often its first business status reach the sender's home node within
 * milliseconds of each other; each used to cost a read-modify-write of the record and a track
 * publish. Here changes for one key queue behind the write in flight (and those arriving in the
 * same turn of the event loop as the first join it), and the next write applies them all, in the
 * order they arrived, to the record: one KV write and one track publish for the burst.
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
  /** Writes made and changes they carried (for metrics and tests). */
  readonly stats = { writes: 0, changes: 0 };

  constructor(private readonly write: BatchWrite<C, R>) {}

  submit(key: string, change: C): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      const queue = this.waiting.get(key);
      if (queue) {
        queue.push({ change, resolve, reject });
        return;
      }
      this.waiting.set(key, [{ change, resolve, reject }]);
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
