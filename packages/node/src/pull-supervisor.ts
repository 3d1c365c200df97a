import type { ConsumerMessages } from '@nats-io/jetstream';
import type { Logger } from 'pino';

/**
 * Heartbeats missed in a row before the pull is set up again on a fresh subscription; at 2 the
 * client pulls again on its own (a pull the server does not hold), which is usually enough.
 */
export const RESTART_AFTER_MISSED = 4;

/**
 * Watches a pull's status and ends it (`messages.stop()`, so that the worker pulls again on a fresh
 * subscription) when its heartbeats stay away or its consumer is gone; `recreate` runs first for the
 * latter.
 */
export async function superviseConsume(
  messages: ConsumerMessages,
  durable: string,
  log: Logger,
  recreate: () => Promise<void>,
): Promise<void> {
  try {
    for await (const s of messages.status()) {
      if (s.type === 'heartbeats_missed' && s.count < RESTART_AFTER_MISSED) {
        // The client asks the server for the consumer and pulls again, on the same subscription.
        if (s.count === 2) log.warn({ consumer: durable }, 'no heartbeat from the server; pulling again');
        continue;
      }
      if (
        s.type === 'heartbeats_missed' ||
        s.type === 'consumer_deleted' ||
        s.type === 'consumer_not_found'
      ) {
        log.warn({ consumer: durable, status: s.type }, 'consumer stalled; restarting pull');
        if (s.type !== 'heartbeats_missed') await recreate().catch(() => undefined);
        messages.stop();
        return;
      }
    }
  } catch {
    // the iterator ended with the subscription
  }
}
