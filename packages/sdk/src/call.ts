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
 */
export async function withCall<T>(
  what: string,
  opts: CallOptions | undefined,
  defaultTimeoutMs: number,
  fn: (ctx: CallContext) => Promise<T>,
): Promise<T> {
  const timeoutMs = checkCall(what, opts, defaultTimeoutMs);
  const signal = opts?.signal;
  // The call's own signal is made when a step asks for it (a retry, a pause, a wait): most calls
  // finish at the first attempt and never do, and an AbortController is one of the costlier
  // objects a call would make.
  let inner: AbortController | undefined;
  let abortedWith: { reason: unknown } | undefined;
  const abort = (err: LienthongError): void => {
    abortedWith = { reason: err };
    inner?.abort(err);
  };
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  let lastError: unknown;
  const guard = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const cause = lastError === undefined ? undefined : normalize(what, lastError);
      const err = new LienthongError(
        'DeadlineExceeded',
        `${what} did not finish within ${timeoutMs} ms${cause ? ` (last error: ${cause.message})` : ''}`,
        { context: { what, timeoutMs }, cause },
      );
      abort(err);
      reject(err);
    }, timeoutMs);
    if (signal) {
      onAbort = () => {
        const err = canceled(what, signal.reason);
        abort(err);
        reject(err);
      };
      signal.addEventListener('abort', onAbort, { once: true });
    }
  });
  const ctx: CallContext = {
    timeoutMs,
    deadline: Date.now() + timeoutMs,
    get signal(): AbortSignal {
      if (!inner) {
        inner = new AbortController();
        if (abortedWith) inner.abort(abortedWith.reason);
      }
      return inner.signal;
    },
    get aborted(): boolean {
      return abortedWith !== undefined;
    },
    noteFailure: (e: unknown) => (lastError = e),
  };
  try {
    return await Promise.race([fn(ctx).catch((e: unknown) => Promise.reject(normalize(what, e))), guard]);
  } finally {
    clearTimeout(timer);
    if (signal && onAbort) signal.removeEventListener('abort', onAbort);
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
