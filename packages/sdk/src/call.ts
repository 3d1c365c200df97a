import { randomBytes } from 'node:crypto';
import { LienthongError } from '@lienthong/core';
import { classifyNatsError, retry, sleep } from '@lienthong/infra';

/** Options every client call takes. */
export interface CallOptions {
  /** Abandons the call when aborted (the error's code is Canceled). */
  readonly signal?: AbortSignal;
  /** Gives up after this long (the error's code is DeadlineExceeded); the client's default otherwise. */
  readonly timeoutMs?: number;
  /**
   * W3C trace context (`00-<trace id>-<span id>-01`) carried in the `traceparent` header of what the
   * call publishes; the broker passes it on hop by hop to the recipient's inbox and back with the
   * statuses. A call that publishes starts a new trace when none is given.
   */
  readonly traceparent?: string;
}

const TRACEPARENT = /^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/;

/** Random bytes for traceparents, drawn 4 KiB at a time (a draw per call was 1 % of a busy process's CPU). */
let pool = Buffer.alloc(0);
let poolAt = 0;

/** A fresh W3C traceparent, sampled. */
export function newTraceparent(): string {
  if (poolAt + 24 > pool.length) {
    pool = randomBytes(4096);
    poolAt = 0;
  }
  const hex = pool.toString('hex', poolAt, poolAt + 24); // trace id (16 bytes), then span id (8)
  poolAt += 24;
  return `00-${hex.slice(0, 32)}-${hex.slice(32)}-01`;
}

/** The caller's traceparent if well-formed, else a new one. */
export function traceparentOf(opts: CallOptions | undefined): string {
  const given = opts?.traceparent;
  return given !== undefined && TRACEPARENT.test(given) ? given : newTraceparent();
}

/** What the body of a call sees: its budget, and a signal that fires when the call is abandoned. */
export interface CallContext {
  readonly timeoutMs: number;
  /** Unix ms after which the call has failed. */
  readonly deadline: number;
  /** Aborted when the call times out or is canceled: stop retrying, release what was opened. */
  readonly signal: AbortSignal;
  /** Whether the call has timed out or been canceled (without making `signal`). */
  readonly aborted: boolean;
  /** Remembers a transient failure, so that a deadline error can say what kept failing. */
  noteFailure(e: unknown): void;
}

/**
 * Runs `fn` under the call's deadline and abort signal. What `fn` already handed to the broker stays
 * handed: a timed-out send may still be delivered, and sending it again is safe (same document id).
 *
 * One promise settles the call, by whichever comes first: `fn`'s outcome, the deadline's timer, the
 * caller's signal (every send, report and acknowledgement goes through here, so it makes no more
 * than that: a race of two promises made the call cost twice as much).
 */
export function withCall<T>(
  what: string,
  opts: CallOptions | undefined,
  defaultTimeoutMs: number,
  fn: (ctx: CallContext) => Promise<T>,
): Promise<T> {
  let timeoutMs: number;
  try {
    timeoutMs = checkCall(what, opts, defaultTimeoutMs);
  } catch (e) {
    return Promise.reject(e as Error);
  }
  return new Promise<T>((resolve, reject) =>
    new Call(what, timeoutMs, opts?.signal, resolve, reject).run(fn),
  );
}

/** One `withCall`: its settling, its deadline timer, the signal made when a step asks for it. */
class Call<T> implements CallContext {
  readonly deadline: number;
  private settled = false;
  private readonly timer: NodeJS.Timeout;
  private readonly onAbort: (() => void) | undefined;
  /** The call's own signal, made when a step asks for it: most calls finish at the first attempt. */
  private inner: AbortController | undefined;
  private abortedWith: { reason: LienthongError } | undefined;
  private lastError: unknown;

  constructor(
    private readonly what: string,
    readonly timeoutMs: number,
    private readonly outer: AbortSignal | undefined,
    private readonly resolve: (value: T) => void,
    private readonly reject: (reason: LienthongError) => void,
  ) {
    this.deadline = Date.now() + timeoutMs;
    this.timer = setTimeout(() => this.fail(this.deadlineError()), timeoutMs);
    if (outer) {
      this.onAbort = () => this.fail(canceled(what, outer.reason));
      outer.addEventListener('abort', this.onAbort, { once: true });
    }
  }

  run(fn: (ctx: CallContext) => Promise<T>): void {
    let outcome: Promise<T>;
    try {
      outcome = fn(this);
    } catch (e) {
      outcome = Promise.reject(e as Error);
    }
    outcome.then(
      (value) => {
        if (this.end()) this.resolve(value);
      },
      (e: unknown) => {
        if (this.end()) this.reject(normalize(this.what, e));
      },
    );
  }

  get signal(): AbortSignal {
    if (!this.inner) {
      this.inner = new AbortController();
      if (this.abortedWith) this.inner.abort(this.abortedWith.reason);
    }
    return this.inner.signal;
  }

  get aborted(): boolean {
    return this.abortedWith !== undefined;
  }

  noteFailure(e: unknown): void {
    this.lastError = e;
  }

  /** Timed out or canceled: `fn` is told through the signal, the caller gets `err`. */
  private fail(err: LienthongError): void {
    if (!this.end()) return;
    this.abortedWith = { reason: err };
    this.inner?.abort(err);
    this.reject(err);
  }

  /** True for the first outcome only; releases the timer and the caller's signal. */
  private end(): boolean {
    if (this.settled) return false;
    this.settled = true;
    clearTimeout(this.timer);
    if (this.outer && this.onAbort) this.outer.removeEventListener('abort', this.onAbort);
    return true;
  }

  private deadlineError(): LienthongError {
    const cause = this.lastError === undefined ? undefined : normalize(this.what, this.lastError);
    const { what, timeoutMs } = this;
    return new LienthongError(
      'DeadlineExceeded',
      `${what} did not finish within ${timeoutMs} ms${cause ? ` (last error: ${cause.message})` : ''}`,
      { context: { what, timeoutMs }, cause },
    );
  }
}

/**
 * What `withCall` refuses before it starts: a timeout that is not a positive number of ms, a signal
 * already aborted. Returns the call's timeout. For a step that needs no deadline of its own (its
 * answer is at hand) but must fail as the call would.
 */
export function checkCall(what: string, opts: CallOptions | undefined, defaultTimeoutMs: number): number {
  const timeoutMs = opts?.timeoutMs ?? defaultTimeoutMs;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    throw new LienthongError('InvalidArgument', `${what}: timeoutMs must be a positive number of ms`, {
      context: { what, timeoutMs },
    });
  }
  if (opts?.signal?.aborted) throw canceled(what, opts.signal.reason);
  return timeoutMs;
}

/** Back-off of the retries while the broker is unreachable. */
const UNAVAILABLE_BACKOFF = { initialMs: 50, maxMs: 1_000 } as const;

/**
 * Retries `attempt` while it fails with a retryable error (the broker is unreachable or slow), with
 * back-off, until it succeeds or the call is abandoned. Only for idempotent work (same message id).
 */
export async function retryWhileUnavailable<T>(
  what: string,
  ctx: CallContext,
  attempt: (remainingMs: number) => Promise<T>,
): Promise<T> {
  const retryable = (e: unknown): boolean => {
    const code = normalize(what, e).code;
    return code === 'Unavailable' || code === 'DeadlineExceeded';
  };
  const remaining = (): number => Math.max(ctx.deadline - Date.now(), 50);
  // The first attempt, as nearly every call ends: no retry loop, no signal made for it.
  try {
    return await attempt(remaining());
  } catch (e) {
    if (ctx.aborted) throw ctx.signal.reason;
    if (!retryable(e)) throw normalize(what, e);
    ctx.noteFailure(e);
  }
  try {
    await sleep(UNAVAILABLE_BACKOFF.initialMs, ctx.signal);
    // No deadline here: the call's own deadline aborts the signal, and says what kept failing.
    return await retry(() => attempt(remaining()), {
      signal: ctx.signal,
      backoff: { initialMs: UNAVAILABLE_BACKOFF.initialMs * 2, maxMs: UNAVAILABLE_BACKOFF.maxMs },
      retryIf: retryable,
      onRetry: (e) => ctx.noteFailure(e),
    });
  } catch (e) {
    throw ctx.signal.aborted ? ctx.signal.reason : normalize(what, e);
  }
}

export function canceled(what: string, reason: unknown): LienthongError {
  return new LienthongError('Canceled', `${what} was canceled`, { context: { what }, cause: reason });
}

/** Maps NATS errors (classified by `@lienthong/infra`) to the stable codes of the SDK. */
export function normalize(what: string, e: unknown): LienthongError {
  if (e instanceof LienthongError) return e;
  const message = e instanceof Error ? e.message : String(e);
  const make = (code: ConstructorParameters<typeof LienthongError>[0], text: string): LienthongError =>
    new LienthongError(code, `${what}: ${text}`, { context: { what }, cause: e });
  switch (classifyNatsError(e).code) {
    case 'DeadlineExceeded':
      return make('DeadlineExceeded', 'the broker did not answer in time');
    case 'Canceled':
      return make('Canceled', 'canceled');
    case 'PermissionDenied':
      return make('PermissionDenied', message);
    case 'Unavailable':
      return make('Unavailable', `the broker is not reachable (${message})`);
    default:
      return LienthongError.from(e);
  }
}
