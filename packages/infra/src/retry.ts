/**
 * The one retry loop: abortable, bounded by a deadline or a number of attempts, with exponential
 * back-off. Every place that tries an idempotent NATS operation again uses it.
 */
import { classifyNatsError } from './errors';

/** Exponential back-off: `initialMs`, then times `factor`, never more than `maxMs`. */
export interface Backoff {
  readonly initialMs: number;
  readonly maxMs: number;
  /** Default 2. */
  readonly factor?: number;
}

export interface RetryOptions {
  /** Stops retrying when aborted: the promise rejects with the signal's reason. */
  readonly signal?: AbortSignal;
  /** Unix ms after which no further attempt starts; the last error is thrown. */
  readonly deadline?: number;
  /** At most this many attempts in all (default: unbounded, so give a deadline or a signal). */
  readonly attempts?: number;
  /** Pause between attempts (default 50 ms doubling to 1 s). 0 as `initialMs` retries at once. */
  readonly backoff?: Backoff;
  /**
   * Whether a failure is worth another attempt (default: the NATS error is transient — the server
   * unreachable, no responders, a timeout). A failure it refuses is thrown at once.
   */
  readonly retryIf?: (e: unknown, attempt: number) => boolean;
  /** Told of each failure that will be retried, with the pause before the next attempt. */
  readonly onRetry?: (e: unknown, attempt: number, pauseMs: number) => void;
}

export const DEFAULT_BACKOFF: Backoff = Object.freeze({ initialMs: 50, maxMs: 1_000, factor: 2 });

/** Information an attempt gets: its number (from 1) and the time left before the deadline. */
export interface Attempt {
  readonly attempt: number;
  /** Milliseconds to the deadline (Infinity without one). */
  readonly remainingMs: number;
}

/**
 * Runs `fn` until it succeeds, a failure is not retryable, the attempts are used up, the deadline
 * passes (the last failure is thrown) or the signal aborts (its reason is thrown).
 */
export async function retry<T>(fn: (a: Attempt) => Promise<T>, opts: RetryOptions = {}): Promise<T> {
  const backoff = opts.backoff ?? DEFAULT_BACKOFF;
  const retryIf = opts.retryIf ?? ((e: unknown) => classifyNatsError(e).transient);
  const maxAttempts = opts.attempts ?? Infinity;
  let pause = backoff.initialMs;
  for (let attempt = 1; ; attempt++) {
    throwIfAborted(opts.signal);
    const remainingMs = opts.deadline === undefined ? Infinity : opts.deadline - Date.now();
    try {
      return await fn({ attempt, remainingMs });
    } catch (e) {
      throwIfAborted(opts.signal);
      if (attempt >= maxAttempts || !retryIf(e, attempt)) throw e;
      const left = opts.deadline === undefined ? Infinity : opts.deadline - Date.now();
      if (left <= 0) throw e;
      const wait = Math.min(pause, left);
      opts.onRetry?.(e, attempt, wait);
      await sleep(wait, opts.signal);
      pause = Math.min(pause * (backoff.factor ?? 2), backoff.maxMs);
    }
  }
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw signal.reason;
}

/** Waits `ms`, or less when `signal` aborts; never rejects. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0 || signal?.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const t = setTimeout(done, ms);
    function done(): void {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
