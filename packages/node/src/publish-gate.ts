/**
 * Large envelopes on their way to the server, bounded in bytes. A runtime hosting a whole tree has
 * one connection; a broadcast's copies (≈ 60 KB each for a document addressed to the whole country,
 * thousands of them from the provinces' handlers at once) queued there faster than the server stored
 * them, and the last ones' publishes timed out (5 s) behind the first and were retried, which made
 * the next burst larger. Publishes of large envelopes wait here, first come first served, until the
 * bytes awaiting their acknowledgement are under the budget; small ones (statuses, transport events,
 * ordinary documents) never wait. One envelope is always let through, however large.
 */

/** Envelopes from this size on are counted and may wait. */
export const GATED_MIN_BYTES = 16 * 1024;

/** Bytes of large envelopes published and not yet acknowledged, at most (one may exceed it). */
export const GATE_BUDGET_BYTES = 8 * 1024 * 1024;

export class PublishGate {
  private inFlight = 0;
  private readonly waiting: { bytes: number; go: () => void }[] = [];

  constructor(
    private readonly budget = GATE_BUDGET_BYTES,
    private readonly minBytes = GATED_MIN_BYTES,
  ) {}

  /** Bytes of large envelopes awaiting acknowledgement now. */
  get bytesInFlight(): number {
    return this.inFlight;
  }

  /** Runs `publish` once `bytes` fit in the budget (at once for small envelopes). */
  async run<T>(bytes: number, publish: () => Promise<T>): Promise<T> {
    if (bytes < this.minBytes) return publish();
    if (this.inFlight > 0 && (this.waiting.length > 0 || this.inFlight + bytes > this.budget)) {
      // wake() counts the bytes when it lets this one go.
      await new Promise<void>((go) => this.waiting.push({ bytes, go }));
    } else this.inFlight += bytes;
    try {
      return await publish();
    } finally {
      this.inFlight -= bytes;
      this.wake();
    }
  }

  private wake(): void {
    while (this.waiting.length > 0) {
      const next = this.waiting[0]!;
      if (this.inFlight > 0 && this.inFlight + next.bytes > this.budget) return;
      this.waiting.shift();
      this.inFlight += next.bytes;
      next.go();
    }
  }
}
