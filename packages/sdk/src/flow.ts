/**
 * What the SDK does when the home node pushes back (docs/ARCHITECTURE.md, "Flow control"): a full
 * submit queue refuses the publish, nothing is accepted, and the call fails with a
 * BackpressureError (code ResourceExhausted, `retryAfterMs`) or, when asked, waits and tries again
 * with the same message id until its deadline.
 */
import { BackpressureError, submitPaceMs } from '@lienthong/core';
import { refusedBy, sleep } from '@lienthong/infra';
import type { SubmitPace } from '@lienthong/core';
import type { CallContext } from './call';

/** Suggested wait when the agency has no pace of its own: the node is busy, not the agency limited. */
const BUSY_NODE_RETRY_MS = 500;
/** A stream at its byte bound frees space as the node hands messages on; give it a moment. */
const FULL_STREAM_RETRY_MS = 1_000;

/**
 * The refusal of a publish into a full submit queue, as a typed error with a suggested wait: the
 * spacing the agency's limits allow (a place frees up at that pace), or a default when it has none.
 */
export function backpressureOf(
  what: string,
  e: unknown,
  ctx: { agency: string; subject: string; limits: SubmitPace | undefined; bytes: number },
): BackpressureError | undefined {
  const full = refusedBy(e);
  if (!full) return undefined;
  const perSubject = full === 'subject';
  const pace = submitPaceMs(ctx.limits, ctx.bytes);
  const retryAfterMs = perSubject ? Math.max(pace, pace > 0 ? 50 : BUSY_NODE_RETRY_MS) : FULL_STREAM_RETRY_MS;
  return new BackpressureError(
    perSubject
      ? `${what}: ${ctx.agency} has as many submissions waiting at its home node as it may; retry in ${Math.ceil(retryAfterMs)} ms`
      : `${what}: the home node's submit stream is full; retry in ${retryAfterMs} ms`,
    {
      retryAfterMs,
      scope: perSubject ? 'agency-queue' : 'stream-bytes',
      context: { what, agency: ctx.agency, subject: ctx.subject },
      cause: e,
    },
  );
}

/**
 * Runs `attempt` and, while it fails with a BackpressureError and `wait` is set, sleeps the suggested
 * wait (with jitter, so refused senders do not come back in step) and tries again, until the call's
 * deadline or abort. Without `wait`, the error goes to the caller. The attempt must be idempotent.
 */
export async function withCapacity<T>(
  ctx: CallContext,
  wait: boolean,
  attempt: () => Promise<T>,
): Promise<T> {
  for (;;) {
    try {
      return await attempt();
    } catch (e) {
      if (!wait || !(e instanceof BackpressureError) || ctx.signal.aborted) throw e;
      ctx.noteFailure(e);
      const pause = Math.min(
        e.retryAfterMs * (0.8 + Math.random() * 0.4),
        Math.max(ctx.deadline - Date.now(), 0),
      );
      await sleep(pause, ctx.signal);
      if (ctx.signal.aborted) throw ctx.signal.reason;
    }
  }
}
