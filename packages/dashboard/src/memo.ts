/**
 * Answers kept per key (viewer and period) for the pages that read every record: true while no
 * record has changed (the index's version) and until a given time (when a copy turns late); an
 * answer allowed to lag may also be served after a change, for a while that grows with what
 * computing it cost, so that records changing every second do not make every visit recompute.
 */

/** How long an answer that may lag is kept after a change, per millisecond its computing took. */
export const STALE_PER_COST = 20;
/** The most an answer may lag behind the records. */
export const MAX_STALE_MS = 30_000;

interface Entry {
  readonly version: number;
  readonly validUntil: number;
  readonly computedAt: number;
  costMs: number;
  readonly value: Promise<unknown>;
}

export class AnswerMemo {
  private readonly memo = new Map<string, Entry>();

  constructor(
    private readonly version: () => number,
    private readonly now: () => number,
    private readonly maxEntries = 64,
  ) {}

  /**
   * The kept answer for `key`, or a fresh one. What computing it cost is the time until `compute`'s
   * answer came, or what it reports with `took` (its own work, without the waits on other services
   * that a loaded machine stretches). `validUntil(t)` says until when a fresh answer stays
   * true while no record changes; with `mayLag`, an answer is also served after a change (or past
   * that time) for STALE_PER_COST times what computing it took, at most MAX_STALE_MS after it was
   * computed.
   */
  get<T>(
    key: string,
    compute: (took: (costMs: number) => void) => Promise<T>,
    validUntil: (t: number) => number,
    mayLag = false,
  ): Promise<T> {
    const t = this.now();
    const hit = this.memo.get(key);
    if (hit) {
      const exact = hit.version === this.version() && t < hit.validUntil;
      const lag = mayLag ? Math.min(MAX_STALE_MS, STALE_PER_COST * hit.costMs) : 0;
      if (exact || t < hit.computedAt + lag) return hit.value as Promise<T>;
    }
    const version = this.version();
    let reported: number | undefined;
    const value = compute((costMs) => (reported = costMs));
    const entry: Entry = { version, validUntil: validUntil(t), computedAt: t, costMs: 0, value };
    this.memo.delete(key);
    this.memo.set(key, entry);
    value.then(
      () => (entry.costMs = reported ?? this.now() - t),
      () => this.memo.get(key) === entry && this.memo.delete(key),
    );
    if (this.memo.size > this.maxEntries) this.memo.delete(this.memo.keys().next().value!);
    return value;
  }
}
