import { LienthongError } from '@lienthong/core';

/** Options every client call takes. */
export interface CallOptions {
  /** Abandons the call when aborted (the error's code is Canceled). */
  readonly signal?: AbortSignal;
  /** Gives up after this long (the error's code is DeadlineExceeded). */
  readonly timeoutMs?: number;
}

/**
 * Runs `fn` under the call's deadline and abort signal. What `fn` already handed to the broker stays
 * handed: a timed-out send may still be delivered, and sending it again is safe (same document id).
 */
export async function withCall<T>(
  what: string,
  opts: CallOptions | undefined,
  defaultTimeoutMs: number,
  fn: (timeoutMs: number) => Promise<T>,
): Promise<T> {
  const timeoutMs = opts?.timeoutMs ?? defaultTimeoutMs;
  const signal = opts?.signal;
  if (signal?.aborted) throw canceled(what, signal.reason);
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const guard = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new LienthongError('DeadlineExceeded', `${what} did not finish within ${timeoutMs} ms`, {
            context: { what, timeoutMs },
          }),
        ),
      timeoutMs,
    );
    if (signal) {
      onAbort = () => reject(canceled(what, signal.reason));
      signal.addEventListener('abort', onAbort, { once: true });
    }
  });
  try {
    return await Promise.race([
      fn(timeoutMs).catch((e: unknown) => Promise.reject(normalize(what, e))),
      guard,
    ]);
  } finally {
    clearTimeout(timer);
    if (signal && onAbort) signal.removeEventListener('abort', onAbort);
  }
}

function canceled(what: string, reason: unknown): LienthongError {
  return new LienthongError('Canceled', `${what} was canceled`, { context: { what }, cause: reason });
}

/** Maps NATS errors to the stable codes of the SDK. */
export function normalize(what: string, e: unknown): LienthongError {
  if (e instanceof LienthongError) return e;
  const err = e as { name?: string; message?: string; code?: unknown };
  const text = `${err?.name ?? ''} ${err?.message ?? ''}`;
  if (/timeout|TimeoutError/i.test(text)) {
    return new LienthongError('DeadlineExceeded', `${what}: the broker did not answer in time`, {
      context: { what },
      cause: e,
    });
  }
  if (/no responders|503|disconnect|closed|CONNECTION_/i.test(text)) {
    return new LienthongError('Unavailable', `${what}: the broker is not reachable`, {
      context: { what },
      cause: e,
    });
  }
  if (/permission/i.test(text)) {
    return new LienthongError('PermissionDenied', `${what}: not permitted`, { context: { what }, cause: e });
  }
  return LienthongError.from(e);
}
