/**
 * Listing the keys of a KV bucket without `kv.keys()`: in nats.js 3.4 against nats-server 2.9.10
 * that lists a key twice and then stalls until a heartbeat (~30 s) when the key is written during
 * the listing — the normal case for tracking records.
 */
import { randomBytes } from 'node:crypto';
import { AckPolicy, DeliverPolicy } from '@nats-io/jetstream';
import type { ConsumerMessages, JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import { LienthongError } from '@lienthong/core';

export interface ListKvKeysOptions {
  readonly bucket: string;
  /** Key filter with NATS wildcards (`<sender>.>`); default every key. */
  readonly filter?: string;
  /** The listing fails with DeadlineExceeded rather than take longer. */
  readonly timeoutMs: number;
  /**
   * - `stream-info` (default): one request for the bucket stream's subjects (the server pages it).
   *   The filter travels in the request's body, which permissions cannot see: for processes allowed
   *   to read the whole bucket.
   * - `consumer`: a short-lived consumer with the filter in its create subject, so that permissions
   *   can keep an agency to its own keys. It takes the last message per key, headers only.
   */
  readonly via?: 'stream-info' | 'consumer';
  readonly signal?: AbortSignal;
}

/** Keys fetched per pull. */
const BATCH = 1_000;
/** After this long without a message, the consumer is asked whether anything is still to come. */
const IDLE_CHECK_MS = 50;

/** Keys of the bucket matching the filter, sorted, each once. Deleted keys are listed too. */
export async function listKvKeys(
  js: JetStreamClient,
  jsm: JetStreamManager,
  opts: ListKvKeysOptions,
): Promise<string[]> {
  const stream = `KV_${opts.bucket}`;
  const prefix = `$KV.${opts.bucket}.`;
  const subject = `${prefix}${opts.filter ?? '>'}`;
  if (opts.via !== 'consumer') {
    const info = await jsm.streams.info(stream, { subjects_filter: subject });
    return Object.keys(info.state.subjects ?? {})
      .filter((s) => s.startsWith(prefix))
      .map((s) => s.slice(prefix.length))
      .sort();
  }
  return byConsumer(js, jsm, stream, prefix, subject, opts);
}

/**
 * The consumer listing is bounded by its own work, in two ways.
 *
 * It never waits for a message that may not come: a revision replaced during the listing removes a
 * message the consumer had counted as pending. Whenever no message arrives for a moment, it asks the
 * consumer: nothing pending, and every message handed out received (its delivered count equals
 * ours; acks are off) — the listing is complete.
 *
 * It does not chase writers: keys written without pause keep the consumer's pending count above 0.
 * What must be read is every message present when the listing started (server time `t0`), and the
 * replacements of those not yet read when they were replaced — written before the listing passed
 * the end of the stream as of `t0`. So once a message stamped after `t0` arrives, the listing
 * reads on up to the messages stamped before that moment (its client-side elapsed time since
 * before the consumer was created, an upper bound of the server's), and stops there.
 */
async function byConsumer(
  js: JetStreamClient,
  jsm: JetStreamManager,
  stream: string,
  prefix: string,
  subject: string,
  opts: ListKvKeysOptions,
): Promise<string[]> {
  const deadline = Date.now() + opts.timeoutMs;
  const began = performance.now();
  const name = `lt-keys-${randomBytes(16).toString('hex')}`;
  const info = await jsm.consumers.add(stream, {
    name,
    filter_subject: subject,
    // Every message, not the last per subject: 2.9.10 hands out one message several times and skips
    // others when a revision in the last-per-subject set is replaced during the listing.
    deliver_policy: DeliverPolicy.All,
    ack_policy: AckPolicy.None,
    headers_only: true,
    mem_storage: true,
    // Removed by the server if this client dies before it deletes it.
    inactive_threshold: 30_000_000_000,
  });
  try {
    if (info.num_pending === 0) return [];
    const consumer = await js.consumers.get(stream, name);
    const keys = new Set<string>();
    const seen: Progress = { received: 0, drained: false, t0: Date.parse(info.created), began };
    while (!seen.drained) {
      opts.signal?.throwIfAborted();
      const remaining = deadline - Date.now();
      if (remaining <= 0) {
        throw new LienthongError(
          'DeadlineExceeded',
          `listing keys of ${opts.bucket} took over ${opts.timeoutMs} ms`,
          {
            context: { bucket: opts.bucket, filter: opts.filter ?? '>', listed: keys.size },
          },
        );
      }
      const batch = await consumer.fetch({ max_messages: BATCH, expires: Math.max(1_000, remaining) });
      await drainBatch(
        batch,
        seen,
        () => consumer.info(),
        (s) => keys.add(s.slice(prefix.length)),
        opts.signal,
      );
    }
    return [...keys].sort();
  } finally {
    await jsm.consumers.delete(stream, name).catch(() => undefined);
  }
}

interface Progress {
  received: number;
  drained: boolean;
  /** Server time (ms) the consumer was created. */
  readonly t0: number;
  /** `performance.now()` before the consumer was created. */
  readonly began: number;
  /** Server time (ms) up to which messages are read, once a message stamped after t0 is seen. */
  horizon?: number;
}

/** Reads one pull; ends it early once the consumer has nothing more to hand out. */
async function drainBatch(
  batch: ConsumerMessages,
  seen: Progress,
  consumerInfo: () => Promise<{ num_pending: number; delivered: { consumer_seq: number } }>,
  onSubject: (subject: string) => void,
  signal: AbortSignal | undefined,
): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  let over = false;
  const stop = (): void => void batch.close().catch(() => undefined);
  const arm = (): void => {
    clearTimeout(timer);
    if (over) return;
    const at = seen.received;
    timer = setTimeout(() => {
      consumerInfo().then(
        (ci) => {
          if (over || seen.received !== at) return; // done, or messages came and re-armed the check
          if (ci.num_pending === 0 && ci.delivered.consumer_seq <= seen.received) {
            seen.drained = true;
            stop();
          } else arm();
        },
        () => arm(),
      );
    }, IDLE_CHECK_MS);
  };
  signal?.addEventListener('abort', stop, { once: true });
  arm();
  try {
    for await (const m of batch) {
      onSubject(m.subject);
      seen.received += 1;
      const stamped = m.info.timestampNanos / 1e6;
      if (seen.horizon === undefined && stamped > seen.t0) {
        seen.horizon = seen.t0 + (performance.now() - seen.began) + 1;
      }
      if (m.info.pending === 0 || (seen.horizon !== undefined && stamped > seen.horizon)) {
        seen.drained = true;
        break;
      }
      arm();
    }
  } finally {
    over = true;
    clearTimeout(timer);
    signal?.removeEventListener('abort', stop);
  }
}
