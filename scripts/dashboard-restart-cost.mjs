#!/usr/bin/env node
/**
 * How long the dashboard takes to have every tracking record in memory after a broker restart over
 * N records: a test kit nats-server, a first start of a runtime hosting the national tree, N records
 * written into `lt_tracking` (each with the timeline a delivered and read document has), the runtime
 * and the server stopped, then the server started again on the same store, and the dashboard's
 * record index (`TrackingIndex`) loaded, alone and beside the runtime's own start, as `lienthong up`
 * does. `node scripts/dashboard-restart-cost.mjs [N…]` (default 100000). Prints a line per case
 * and a JSON line.
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'packages/dashboard/package.json'));
const { TrackingIndex } = require('@lienthong/dashboard');
const nodeRequire = createRequire(join(root, 'packages/node/package.json'));
const { startNode, createLogger, loadTopologyFile } = nodeRequire('@lienthong/node');
const { startNatsServer } = nodeRequire('@lienthong/testkit');
const { BUCKETS, trackingKey } = nodeRequire('@lienthong/core');
const { TrackingRecord, TransportState, BusinessStatus } = nodeRequire('@lienthong/proto');
const { connect } = nodeRequire('@nats-io/transport-node');
const { jetstream, jetstreamManager } = nodeRequire('@nats-io/jetstream');
const { Kvm } = nodeRequire('@nats-io/kv');

const sizes = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => n > 0);
const targets = sizes.length > 0 ? sizes : [100_000];
const topology = loadTopologyFile(join(root, 'deploy/topology.vn-2025.json'));
const agencies = topology.agencies().map((a) => a.code);
const logger = createLogger({ name: 'dashboard-restart-cost', level: 'silent' });
const cpuOf = (pid) => {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(f[11]) + Number(f[12])) * 10;
};

async function writeRecords(url, n) {
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
        subject: `Công văn số ${i} về việc triển khai kế hoạch`,
        sentAtMs,
        updatedAtMs: sentAtMs + 2_000,
        confirmByMs: sentAtMs + 86_400_000,
        transport: TransportState.TRANSPORT_STATE_DELIVERED,
        business: BusinessStatus.BUSINESS_STATUS_ARRIVED,
        timeline: [
          { atMs: sentAtMs, transport: TransportState.TRANSPORT_STATE_ACCEPTED },
          { atMs: sentAtMs + 1_000, transport: TransportState.TRANSPORT_STATE_DELIVERED },
          { atMs: sentAtMs + 2_000, business: BusinessStatus.BUSINESS_STATUS_ARRIVED },
        ],
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

async function loadIndex(url) {
  const nc = await connect({ servers: url });
  const js = jetstream(nc);
  const session = {
    settings: { server: url, timeoutMs: 10_000 },
    nc,
    js,
    jsm: await jetstreamManager(nc),
    kvm: new Kvm(js),
  };
  const index = new TrackingIndex(session);
  const t0 = performance.now();
  await index.start();
  await index.ready;
  const ms = Math.round(performance.now() - t0);
  const size = index.size;
  await index.stop();
  await nc.close();
  return { ms, size };
}

const results = [];
for (const n of targets) {
  const server = await startNatsServer();
  try {
    const first = await startNode({ servers: server.url, topology }, { logger });
    await first.stop();
    await writeRecords(server.url, n);
    for (const beside of [false, true]) {
      await server.restart();
      const cpu0 = cpuOf(server.pid);
      const t0 = performance.now();
      const runtime = beside ? startNode({ servers: server.url, topology }, { logger }) : undefined;
      const { ms, size } = await loadIndex(server.url);
      const node = await runtime;
      const runtimeMs = runtime ? Math.round(performance.now() - t0) : undefined;
      const serverCpuMs = cpuOf(server.pid) - cpu0;
      await node?.stop();
      const r = { records: n, besideRuntime: beside, loadMs: ms, rows: size, runtimeMs, serverCpuMs };
      results.push(r);
      process.stdout.write(
        `${String(n).padStart(7)} records${beside ? ', beside the runtime start' : ', alone'}: ` +
          `${size} rows in ${ms} ms${runtimeMs ? `, runtime up after ${runtimeMs} ms` : ''}, nats-server ${serverCpuMs} ms of CPU\n`,
      );
    }
  } finally {
    await server.cleanup();
  }
}
process.stdout.write(`${JSON.stringify({ scenario: 'dashboard-restart-cost', results })}\n`);
