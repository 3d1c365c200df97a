import { sleep } from '@lienthong/infra';
import { GatewayError } from './errors';

/** How long a post waits here for room at its agency's home node before it is answered 429. */
export const DEFAULT_CAPACITY_WAIT_MS = 2_000;

/**
 * Runs `attempt` (a submission: idempotent, nothing taken when refused) and, while the agency's
 * queue at its home node is full (a 429 with a suggested wait), waits that long (with jitter, so
 * posts refused together do not come back in step) and tries again, as long as the next try starts
 * within `budgetMs` of the first and the gateway still serves. Then the 429 goes to the caller,
 * with its `Retry-After`. A queue that frees up within the budget costs the caller a slower answer,
 * not a refusal and a round trip: many document systems treat any 4xx as a failed send.
 */
export async function withCapacityWait<T>(
  budgetMs: number,
  serving: () => boolean,
  attempt: () => Promise<T>,
): Promise<T> {
  const deadline = Date.now() + budgetMs;
  for (;;) {
    try {
      return await attempt();
    } catch (e) {
      if (!(e instanceof GatewayError) || e.status !== 429 || e.retryAfterMs === undefined) throw e;
      const pause = e.retryAfterMs * (0.8 + Math.random() * 0.4);
      if (Date.now() + pause > deadline || !serving()) throw e;
      await sleep(pause);
    }
  }
}
