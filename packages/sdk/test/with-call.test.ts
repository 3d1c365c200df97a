/**
 * `withCall`, which every send, report and acknowledgement goes through: the first outcome settles the
 * call (the body's, the deadline's, the caller's signal), later ones are ignored, and the body is
 * told through its signal when the call ends without it. No broker needed.
 */
import { LienthongError } from '@lienthong/core';
import { withCall } from '../src/call';
import type { CallContext } from '../src/call';
import { errorOf } from './world';

const never = (): Promise<never> => new Promise<never>(() => undefined);

describe('withCall', () => {
  it('gives the body its budget and returns what it returns', async () => {
    let seen: CallContext | undefined;
    const before = Date.now();
    const v = await withCall('send', { timeoutMs: 5_000 }, 1_000, async (ctx) => {
      seen = ctx;
      return 42;
    });
    expect(v).toBe(42);
    expect(seen?.timeoutMs).toBe(5_000);
    expect(seen?.deadline).toBeGreaterThanOrEqual(before + 5_000);
    expect(seen?.aborted).toBe(false);
  });

  it("a body's error comes out as a LienthongError with the code of the NATS error", async () => {
    const e = await errorOf(withCall('send', undefined, 1_000, () => Promise.reject(new Error('boom'))));
    expect(e.code).toBe('Internal');
    const thrown = await errorOf(
      withCall('send', undefined, 1_000, () => {
        throw new LienthongError('InvalidArgument', 'bad');
      }),
    );
    expect(thrown.code).toBe('InvalidArgument');
  });

  it('past the deadline: DeadlineExceeded naming the last failure, the body aborted, its late outcome ignored', async () => {
    let ctx: CallContext | undefined;
    let finish!: (v: string) => void;
    const call = withCall('ack', { timeoutMs: 60 }, 1_000, (c) => {
      ctx = c;
      c.noteFailure(new LienthongError('Unavailable', 'the broker is not reachable'));
      return new Promise<string>((r) => (finish = r));
    });
    const e = await errorOf(call);
    expect(e.code).toBe('DeadlineExceeded');
    expect(e.message).toBe('ack did not finish within 60 ms (last error: the broker is not reachable)');
    expect(ctx?.aborted).toBe(true);
    // A signal asked for after the deadline is born aborted, with the same reason.
    expect(ctx?.signal.aborted).toBe(true);
    expect(ctx?.signal.reason).toBe(e);
    finish('too late');
    await expect(call).rejects.toBe(e);
  });

  it('a signal the body asked for is aborted when the deadline passes', async () => {
    let aborted: unknown;
    const e = await errorOf(
      withCall('send', { timeoutMs: 40 }, 1_000, (c) => {
        c.signal.addEventListener('abort', () => (aborted = c.signal.reason));
        return never();
      }),
    );
    expect(aborted).toBe(e);
  });

  it("the caller's signal cancels a call in progress, and one aborted before refuses it at once", async () => {
    const ac = new AbortController();
    const call = withCall('send', { signal: ac.signal }, 60_000, never);
    setTimeout(() => ac.abort(new Error('user closed the form')), 10);
    const e = await errorOf(call);
    expect(e.code).toBe('Canceled');
    expect(e.message).toBe('send was canceled');

    let ran = false;
    const early = await errorOf(
      withCall('send', { signal: ac.signal }, 60_000, async () => {
        ran = true;
      }),
    );
    expect(early.code).toBe('Canceled');
    expect(ran).toBe(false);
  });

  it('refuses a timeout that is not a positive number of ms', async () => {
    for (const timeoutMs of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      const e = await errorOf(withCall('send', { timeoutMs }, 1_000, async () => 1));
      expect(e.code).toBe('InvalidArgument');
    }
  });

  it("a settled call lets go of the caller's signal", async () => {
    const ac = new AbortController();
    const added: unknown[] = [];
    const removed: unknown[] = [];
    const add = ac.signal.addEventListener.bind(ac.signal);
    const remove = ac.signal.removeEventListener.bind(ac.signal);
    ac.signal.addEventListener = ((type: string, l: () => void, o?: { once?: boolean }) => {
      added.push(l);
      add(type, l, o);
    }) as typeof ac.signal.addEventListener;
    ac.signal.removeEventListener = ((type: string, l: () => void) => {
      removed.push(l);
      remove(type, l);
    }) as typeof ac.signal.removeEventListener;
    await withCall('send', { signal: ac.signal }, 1_000, async () => 'ok');
    await errorOf(withCall('send', { signal: ac.signal, timeoutMs: 20 }, 1_000, never));
    expect(added).toHaveLength(2);
    expect(removed).toEqual(added);
  });
});
