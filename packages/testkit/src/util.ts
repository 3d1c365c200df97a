import net from 'node:net';

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Resolves true if `promise` settles within `ms`, false otherwise; the timer never outlives the race. */
export async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([promise.then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** One TCP connect attempt; true when the port accepts. */
export function tcpAccepts(port: number, host = '127.0.0.1', timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    const done = (ok: boolean): void => {
      socket.removeAllListeners();
      socket.on('error', () => undefined);
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

export interface EventuallyOptions {
  /** Give up after this long (default 10000 ms) and rethrow the last error. */
  timeoutMs?: number;
  /** Pause between attempts (default 100 ms). */
  intervalMs?: number;
}

/** Retries `fn` until it resolves (returning its value) or the time is up (rethrowing its last error). */
export async function eventually<T>(fn: () => Promise<T> | T, opts: EventuallyOptions = {}): Promise<T> {
  const deadline = Date.now() + (opts.timeoutMs ?? 10_000);
  for (;;) {
    try {
      return await fn();
    } catch (err) {
      if (Date.now() >= deadline) throw err;
    }
    await sleep(opts.intervalMs ?? 100);
  }
}

/** Resolves what `p` resolves to, or rejects after `ms` naming `what`: no wait in a test is unbounded. */
export async function within<T>(ms: number, what: string, p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const guard = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
  });
  try {
    return await Promise.race([p, guard]);
  } finally {
    clearTimeout(timer);
  }
}

/** Polls `check` (which throws or returns false while not done) until it passes, at most `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | false> | T | false,
  timeoutMs = 15_000,
  intervalMs = 50,
): Promise<T> {
  try {
    return await eventually(
      async () => {
        const v = await check();
        if (v === false) throw new Error(`not yet: ${what}`);
        return v;
      },
      { timeoutMs, intervalMs },
    );
  } catch (e) {
    throw new Error(`${what}: not reached within ${timeoutMs} ms (${(e as Error).message})`, { cause: e });
  }
}
