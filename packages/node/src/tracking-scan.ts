/**
 * Reads the current tracking records of many keys in one pass over the bucket's stream
 * (`@lienthong/infra` `scanStream`, last message per subject) instead of one KV get per key. A
 * restart over 100,000 records took 25 s of get round trips before the node took any message
 * (`node scripts/restart-cost.mjs`).
 */
import type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import { BUCKETS } from '@lienthong/core';
import { scanStream } from '@lienthong/infra';
import { TrackingRecord } from '@lienthong/proto';

const PREFIX = `$KV.${BUCKETS.tracking}.`;

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
  const seen = new Set<string>();
  await scanStream(js, jsm, `KV_${BUCKETS.tracking}`, { filter: `${PREFIX}>`, lastPerSubject: true }, (m) => {
    const key = m.subject.slice(PREFIX.length);
    if (!wanted.has(key)) return;
    seen.add(key);
    const op = m.headers?.get('KV-Operation');
    if (op === 'DEL' || op === 'PURGE') return;
    let record: TrackingRecord;
    try {
      record = TrackingRecord.decode(m.data);
    } catch {
      return;
    }
    visit(key, record);
  });
  return seen;
}
