#!/usr/bin/env node
/**
 * How long a node runtime hosting the national tree takes to start again over N tracking records
 * (documents sent by its agencies in the last weeks): a test kit nats-server, a first start (makes
 * the streams and the directory), N records written into `lt_tracking` (one in ten still waiting for
 * its 01, as a day's traffic leaves them), the runtime stopped, then started again and timed, with
 * nats-server's CPU over the start. `node scripts/restart-cost.mjs [N…]` (default 20000 100000).
 * Prints a line per N and a JSON line.
 */
import { countsFromArgs, cpuMsOf, nationalServerWithRecords, workspaceRequire } from './lib/measure.mjs';

const require = workspaceRequire('node');
const { startNode, createLogger } = require('@lienthong/node');
const { TransportState } = require('@lienthong/proto');

const targets = countsFromArgs([20_000, 100_000]);
const logger = createLogger({ name: 'restart-cost', level: 'silent' });
const results = [];
for (const n of targets) {
  const { server, topology } = await nationalServerWithRecords(require, n, (i) => ({
    transport: TransportState.TRANSPORT_STATE_DELIVERED,
    business: i % 10 === 0 ? 0 : 3,
  }));
  try {
    const cpu0 = cpuMsOf(server.pid);
    const t0 = performance.now();
    const again = await startNode({ servers: server.url, topology }, { logger });
    const startMs = Math.round(performance.now() - t0);
    const serverCpuMs = cpuMsOf(server.pid) - cpu0;
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
