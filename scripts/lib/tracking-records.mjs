/**
 * What the measurement scripts over many tracking records share: N records of the national tree's
 * agencies written straight into KV `lt_tracking` (a spread of senders and recipients, sent over the
 * last day), and a process's CPU time from /proc.
 */
import { readFileSync } from 'node:fs';

/** CPU (user + system) a process has used, in ms, from /proc/<pid>/stat. */
export function cpuMsOf(pid) {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(f[11]) + Number(f[12])) * 10;
}

/**
 * Writes `n` tracking records into `lt_tracking` at `url`, 2,000 publishes in flight. `require`
 * resolves the workspace packages; `shape(i, sentAtMs)` gives each record's state (transport,
 * business, timeline…), merged over its ids and times.
 */
export async function writeTrackingRecords(require, url, agencies, n, shape) {
  const { BUCKETS, trackingKey } = require('@lienthong/core');
  const { TrackingRecord } = require('@lienthong/proto');
  const { connect } = require('@nats-io/transport-node');
  const { jetstream } = require('@nats-io/jetstream');
  const nc = await connect({ servers: url });
  const js = jetstream(nc);
  const now = Date.now();
  for (let start = 0; start < n; start += 2_000) {
    const acks = [];
    for (let i = start; i < Math.min(n, start + 2_000); i++) {
      const sender = agencies[(i * 7919) % agencies.length];
      const recipient = agencies[(i * 104_729 + 13) % agencies.length];
      const documentId = `${sender},2026/11/${String(1 + (i % 28)).padStart(2, '0')},${i}/UBND-VP`;
      const sentAtMs = now - (i % 86_400_000);
      const r = TrackingRecord.create({
        documentId,
        sender,
        recipient,
        sentAtMs,
        updatedAtMs: sentAtMs,
        confirmByMs: sentAtMs + 86_400_000,
        ...shape(i, sentAtMs),
      });
      acks.push(
        js.publish(
          `$KV.${BUCKETS.tracking}.${trackingKey(sender, documentId, recipient)}`,
          TrackingRecord.encode(r).finish(),
        ),
      );
    }
    await Promise.all(acks);
  }
  await nc.close();
}
