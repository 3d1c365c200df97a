import { randomBytes } from 'node:crypto';
import { AckPolicy, DeliverPolicy } from '@nats-io/jetstream';
import type { Consumer, JetStreamClient, JetStreamManager, JsMsg } from '@nats-io/jetstream';
import { BUCKETS } from '@lienthong/core';

const STREAM = `KV_${BUCKETS.tracking}`;
const PREFIX = `$KV.${BUCKETS.tracking}.`;
/** Keys fetched per pull. */
const BATCH = 1_000;
/** How long one pull may last; a quiet one is looked at long before that. */
const PULL_EXPIRES_MS = 5_000;
/** No message for this long: the consumer's own count says whether anything is still to come. */
const QUIET_MS = 100;

/**
 * Keys of `lt_tracking` matching a key filter (`<sender token>.…`), sorted. Read with a short-lived
 * consumer whose filter is in its create subject, so that permissions can keep an agency to its own
 * keys (a stream-info listing takes its filter in the body, which permissions cannot see). It takes
 * the last message per key, headers only, and ends when a message says nothing more is pending.
 *
 * A record replaced while the listing runs can take the message the last count promised with it:
 * the count then never reaches 0 in a message. So no pull waits for a count: after QUIET_MS without
 * a message, the consumer's info says whether anything is left. A key updated meanwhile counts once.
 */
export async function listTrackingKeys(
  js: JetStreamClient,
  jsm: JetStreamManager,
  filter: string,
  signal?: AbortSignal,
): Promise<string[]> {
  const name = `lt-keys-${randomBytes(8).toString('hex')}`;
  const info = await jsm.consumers.add(STREAM, {
    name,
    filter_subject: `${PREFIX}${filter}`,
    deliver_policy: DeliverPolicy.LastPerSubject,
    ack_policy: AckPolicy.None,
    headers_only: true,
    mem_storage: true,
    // Removed by the server if this client dies before it deletes it.
    inactive_threshold: 30_000_000_000,
  });
  try {
    const keys = new Set<string>();
    if (info.num_pending === 0) return [];
    const consumer = await js.consumers.get(STREAM, name);
    let pending = info.num_pending;
    while (pending > 0) {
      if (signal?.aborted) throw signal.reason;
      pending = await pull(consumer, Math.min(pending, BATCH), signal, (m) => {
        keys.add(m.subject.slice(PREFIX.length));
      });
    }
    if (signal?.aborted) throw signal.reason;
    return [...keys].sort();
  } finally {
    await jsm.consumers.delete(STREAM, name).catch(() => undefined);
  }
}

/**
 * One pull of up to `max` messages, each handed to `take`. Returns what is still pending: 0 once a
 * message or, after a quiet moment, the consumer says so; otherwise the last count seen.
 */
async function pull(
  consumer: Consumer,
  max: number,
  signal: AbortSignal | undefined,
  take: (m: JsMsg) => void,
): Promise<number> {
  const batch = await consumer.fetch({ max_messages: max, expires: PULL_EXPIRES_MS });
  const stop = (): void => batch.stop();
  signal?.addEventListener('abort', stop, { once: true });
  const messages = batch[Symbol.asyncIterator]();
  let pending = max;
  try {
    let next = messages.next();
    for (;;) {
      const got = await quietAfter(next, QUIET_MS);
      if (got === 'quiet') {
        const left = (await consumer.info()).num_pending;
        if (left === 0 || signal?.aborted) return left;
        continue;
      }
      if (got.done) return pending;
      take(got.value);
      pending = got.value.info.pending;
      if (pending === 0) return 0;
      next = messages.next();
    }
  } finally {
    signal?.removeEventListener('abort', stop);
    batch.stop();
  }
}

/** `p`, or 'quiet' when it has not settled within `ms`. */
async function quietAfter<T>(p: Promise<T>, ms: number): Promise<T | 'quiet'> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      p,
      new Promise<'quiet'>((resolve) => (timer = setTimeout(resolve, ms, 'quiet'))),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
