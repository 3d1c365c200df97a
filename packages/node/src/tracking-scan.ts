/**
 * Reads the current tracking records of many keys in one pass over the bucket's stream: an
 * ephemeral consumer (last message per subject, no acknowledgements, in memory) fetched in batches,
 * instead of one KV get per key. A restart over 100,000 records took 25 s of get round trips before
 * the node took any message (`node scripts/restart-cost.mjs`).
 */
import { AckPolicy, DeliverPolicy } from '@nats-io/jetstream';
import type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import { BUCKETS } from '@lienthong/core';
import { TrackingRecord } from '@lienthong/proto';

const STREAM = `KV_${BUCKETS.tracking}`;
const PREFIX = `$KV.${BUCKETS.tracking}.`;
const BATCH = 512;

/**
 * Calls `visit` with the current record of each key in `wanted` that has one (deleted keys and
 * values that do not decode are passed over). Returns the keys of `wanted` the pass came across,
 * visited or not: one it did not (stored after the pass began, or a pass cut short by a fetch that
 * brought nothing) is for the caller to read by itself.
 */
export async function scanTrackingRecords(
  js: JetStreamClient,
  jsm: JetStreamManager,
  wanted: ReadonlySet<string>,
  visit: (key: string, record: TrackingRecord) => void,
): Promise<Set<string>> {
  const info = await jsm.consumers.add(STREAM, {
    ack_policy: AckPolicy.None,
    deliver_policy: DeliverPolicy.LastPerSubject,
    filter_subject: `${PREFIX}>`,
    inactive_threshold: 30_000 * 1_000_000,
    mem_storage: true,
  });
  const seen = new Set<string>();
  try {
    let remaining = info.num_pending;
    const consumer = await js.consumers.get(STREAM, info.name);
    while (remaining > 0) {
      const batch = await consumer.fetch({ max_messages: Math.min(remaining, BATCH), expires: 5_000 });
      let got = 0;
      for await (const m of batch) {
        got++;
        remaining = m.info.pending === 0 ? 0 : remaining - 1;
        const key = m.subject.slice(PREFIX.length);
        if (!wanted.has(key)) continue;
        seen.add(key);
        const op = m.headers?.get('KV-Operation');
        if (op === 'DEL' || op === 'PURGE') continue;
        let record: TrackingRecord;
        try {
          record = TrackingRecord.decode(m.data);
        } catch {
          continue;
        }
        visit(key, record);
      }
      // Messages removed while it ran, or a server too slow to answer: the caller reads the rest.
      if (got === 0) break;
    }
  } finally {
    await jsm.consumers.delete(STREAM, info.name).catch(() => undefined);
  }
  return seen;
}
