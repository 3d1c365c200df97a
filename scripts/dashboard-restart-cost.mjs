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
import { countsFromArgs, cpuMsOf, nationalServerWithRecords, workspaceRequire } from './lib/measure.mjs';

const { TrackingIndex } = workspaceRequire('dashboard')('@lienthong/dashboard');
const nodeRequire = workspaceRequire('node');
const { startNode, createLogger } = nodeRequire('@lienthong/node');
const { TransportState, BusinessStatus } = nodeRequire('@lienthong/proto');
const { connect } = nodeRequire('@nats-io/transport-node');
const { jetstream, jetstreamManager } = nodeRequire('@nats-io/jetstream');
const { Kvm } = nodeRequire('@nats-io/kv');

const targets = countsFromArgs([100_000]);
const logger = createLogger({ name: 'dashboard-restart-cost', level: 'silent' });

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
  const { server, topology } = await nationalServerWithRecords(nodeRequire, n, (i, sentAtMs) => ({
    subject: `Công văn số ${i} về việc triển khai kế hoạch`,
    updatedAtMs: sentAtMs + 2_000,
    transport: TransportState.TRANSPORT_STATE_DELIVERED,
    business: BusinessStatus.BUSINESS_STATUS_ARRIVED,
    timeline: [
      { atMs: sentAtMs, transport: TransportState.TRANSPORT_STATE_ACCEPTED },
      { atMs: sentAtMs + 1_000, transport: TransportState.TRANSPORT_STATE_DELIVERED },
      { atMs: sentAtMs + 2_000, business: BusinessStatus.BUSINESS_STATUS_ARRIVED },
    ],
  }));
  try {
    for (const beside of [false, true]) {
      await server.restart();
      const cpu0 = cpuMsOf(server.pid);
      const t0 = performance.now();
      const runtime = beside ? startNode({ servers: server.url, topology }, { logger }) : undefined;
      const { ms, size } = await loadIndex(server.url);
      const node = await runtime;
      const runtimeMs = runtime ? Math.round(performance.now() - t0) : undefined;
      const serverCpuMs = cpuMsOf(server.pid) - cpu0;
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
