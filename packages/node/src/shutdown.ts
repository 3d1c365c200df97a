import type { NatsConnection } from '@nats-io/transport-node';

/** How long a stopping node waits for its connection to drain before closing it. */
export const DRAIN_TIMEOUT_MS = 5_000;

/**
 * Drains the connection (pending publishes and acknowledgements are flushed), but closes it after
 * `ms` if the drain does not finish: with the server gone or slow, a drain waits as long as it does.
 */
export async function drainWithin(nc: NatsConnection, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((r) => (timer = setTimeout(() => r('late'), ms)));
  const outcome = await Promise.race([nc.drain().then(() => 'drained' as const), late]).catch(
    () => 'failed' as const,
  );
  clearTimeout(timer);
  if (outcome !== 'drained' && !nc.isClosed()) await nc.close().catch(() => undefined);
}
