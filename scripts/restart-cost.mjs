#!/usr/bin/env node
/**
 * How long a node runtime hosting the national tree takes to start again over N tracking records
 * (documents sent by its agencies in the last weeks): a test kit nats-server, a first start (makes
 * the streams and the directory), N records written into `lt_tracking` (one in ten still waiting for
 * its 01, as a day's traffic leaves them), the runtime stopped, then started again and timed, with
 * nats-server's CPU over the start. `node scripts/restart-cost.mjs [N…]` (default 20000 100000).
 * Prints a line per N and a JSON line.
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'packages/node/package.json'));
const { startNode, createLogger, loadTopologyFile } = require('@lienthong/node');
const { startNatsServer } = require('@lienthong/testkit');
const { BUCKETS, trackingKey } = require('@lienthong/core');
const { TrackingRecord, TransportState } = require('@lienthong/proto');
const { connect } = require('@nats-io/transport-node');
const { jetstream } = require('@nats-io/jetstream');

const sizes = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => n > 0);
const targets = sizes.length > 0 ? sizes : [20_000, 100_000];
const topology = loadTopologyFile(join(root, 'deploy/topology.vn-2025.json'));
const agencies = topology.agencies().map((a) => a.code);
const logger = createLogger({ name: 'restart-cost', level: 'silent' });
const serverCpu = (pid) => {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(f[11]) + Number(f[12])) * 10;
};
const results = [];
for (const n of targets) {
  const server = await startNatsServer();
  try {
    const first = await startNode({ servers: server.url, topology }, { logger });
    await first.stop();
    const nc = await connect({ servers: server.url });
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
          transport: TransportState.TRANSPORT_STATE_DELIVERED,
          business: i % 10 === 0 ? 0 : 3,
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
    const cpu0 = serverCpu(server.pid);
    const t0 = performance.now();
    const again = await startNode({ servers: server.url, topology }, { logger });
    const startMs = Math.round(performance.now() - t0);
    const serverCpuMs = serverCpu(server.pid) - cpu0;
    await again.stop();
    results.push({ records: n, startMs, serverCpuMs });
    process.stdout.write(
      `${String(n).padStart(7)} records: start ${startMs} ms, nats-server ${serverCpuMs} ms of CPU\n`,
    );
  } finally {
    await server.cleanup();
  }
}
process.stdout.write(`${JSON.stringify({ scenario: 'restart-cost', results })}\n`);
