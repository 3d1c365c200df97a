/**
 * A bounded queue of chunks between a writer and one async-iterating reader: `write` waits while
 * `max` chunks are queued (back-pressure), `fail` makes the reader throw, `end` lets it finish.
 */
export class ChunkChannel implements AsyncIterable<Uint8Array> {
  private readonly queue: Uint8Array[] = [];
  private ended = false;
  private failure: { error: unknown } | undefined;
  private wakeReader: (() => void) | undefined;
  private wakeWriter: (() => void) | undefined;
  private readerGone = false;

  constructor(private readonly max: number) {}

  /** Queues a chunk; resolves once the queue is short enough again (or the reader stopped reading). */
  async write(chunk: Uint8Array): Promise<void> {
    this.queue.push(chunk);
    this.wake();
    while (this.queue.length > this.max && !this.readerGone) {
      await new Promise<void>((resolve) => (this.wakeWriter = resolve));
      this.wakeWriter = undefined;
    }
  }

  end(): void {
    this.ended = true;
    this.wake();
  }

  /**
   * The reader throws `error` at its next read (what it was doing with the chunks is abandoned), and
   * writers no longer wait.
   */
  fail(error: unknown): void {
    this.failure = { error };
    this.release();
    this.wake();
  }

  private release(): void {
    this.readerGone = true;
    this.queue.length = 0;
    this.wakeWriter?.();
  }

  private wake(): void {
    this.wakeReader?.();
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Uint8Array> {
    try {
      for (;;) {
        if (this.failure) throw this.failure.error;
        const next = this.queue.shift();
        if (next) {
          this.wakeWriter?.();
          yield next;
          continue;
        }
        if (this.ended) return;
        await new Promise<void>((resolve) => (this.wakeReader = resolve));
        this.wakeReader = undefined;
      }
    } finally {
      this.release();
    }
  }
}
