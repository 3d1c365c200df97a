import { randomBytes } from 'node:crypto';
import { AckPolicy, DeliverPolicy } from '@nats-io/jetstream';
import type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import { BUCKETS } from '@lienthong/core';

const STREAM = `KV_${BUCKETS.tracking}`;
const PREFIX = `$KV.${BUCKETS.tracking}.`;
/** Keys fetched per pull. */
const BATCH = 1_000;

/**
 * Keys of `lt_tracking` matching a key filter (`<sender token>.…`), sorted. Read with a short-lived
 * consumer whose filter is in its create subject, so that permissions can keep an agency to its own
 * keys (a stream-info listing takes its filter in the body, which permissions cannot see). It takes
 * the last message per key, headers only, and stops when nothing is pending: unlike `kv.keys()` in
 * nats.js 3.4, it does not wait for a heartbeat at the end, and a key updated meanwhile counts once.
 */
export async function listTrackingKeys(
  js: JetStreamClient,
  jsm: JetStreamManager,
  filter: string,
  timeoutMs: number,
): Promise<string[]> {
  const name = `lt-keys-${randomBytes(16).toString('hex')}`;
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
    let pending = info.num_pending;
    if (pending === 0) return [];
    const consumer = await js.consumers.get(STREAM, name);
    while (pending > 0) {
      let got = 0;
      const batch = await consumer.fetch({
        max_messages: Math.min(pending, BATCH),
        expires: Math.max(timeoutMs, 1_000),
      });
      for await (const m of batch) {
        keys.add(m.subject.slice(PREFIX.length));
        pending = m.info.pending;
        got += 1;
      }
      if (got === 0) break; // the keys went away meanwhile
    }
    return [...keys].sort();
  } finally {
    await jsm.consumers.delete(STREAM, name).catch(() => undefined);
  }
}
