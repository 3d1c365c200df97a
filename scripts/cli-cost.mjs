#!/usr/bin/env node
/**
 * How long CLI commands take, as processes, against the national tree with N tracking records: a
 * test kit nats-server, the directory of deploy/topology.vn-2025.json and N records in `lt_tracking`
 * (`nationalServerWithRecords`), then `--version`, `doc track`, `doc show` and `check` of one document,
 * 5 times each, wall time; then `check` again without `lt_status` (the nodes' overdue counts, which
 * the node's first start wrote): what it costs against nodes of a version before it, which makes it
 * read every tracking record. `node scripts/cli-cost.mjs [N] [CLI …]`: N records (default 100000), and
 * the CLIs to compare (paths of `packages/cli/dist/main.js` of other checkouts; default this one's),
 * run alternately. Prints a line per command and CLI (median and every run) and a JSON line.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { nationalServerWithRecords, root, workspaceRequire } from './lib/measure.mjs';

const require = workspaceRequire('node');
const { TransportState } = require('@lienthong/proto');

const args = process.argv.slice(2);
const n = /^\d+$/.test(args[0] ?? '') ? Number(args.shift()) : 100_000;
const clis = args.length > 0 ? args : [join(root, 'packages/cli/dist/main.js')];
const ROUNDS = 5;

const { server, topology } = await nationalServerWithRecords(require, n, (i) => ({
  transport: TransportState.TRANSPORT_STATE_DELIVERED,
  business: i % 10 === 0 ? 0 : 3,
}));
try {
  // The first record's document (writeTrackingRecords: record 0).
  const sender = topology.agencies().map((a) => a.code)[0];
  const id = `${sender},2026/11/01,0/UBND-VP`;
  const s = ['-s', server.url];
  const commands = {
    '--version': ['--version'],
    'doc track': ['doc', 'track', id, '--json', ...s],
    'doc show': ['doc', 'show', id, '--json', ...s],
    check: ['check', ...s],
  };
  const results = [];
  const measure = (name, argv) => {
    const runs = clis.map(() => []);
    for (let r = 0; r < ROUNDS; r++) {
      clis.forEach((cli, c) => {
        const t0 = performance.now();
        const p = spawnSync(process.execPath, [cli, ...argv], {
          encoding: 'utf8',
          env: { ...process.env, NO_COLOR: '1' },
        });
        runs[c].push(Math.round(performance.now() - t0));
        // check exits with its Nagios status (warning/critical on a tree with nothing running)
        if (p.status !== 0 && !name.startsWith('check'))
          throw new Error(`${cli} ${argv.join(' ')}: ${p.stderr}`);
      });
    }
    clis.forEach((cli, c) => {
      const sorted = [...runs[c]].sort((a, b) => a - b);
      const median = sorted[Math.floor(sorted.length / 2)];
      results.push({ command: name, cli, medianMs: median, runsMs: runs[c] });
      process.stdout.write(
        `${name.padEnd(10)} ${String(median).padStart(6)} ms  (${runs[c].join(' / ')})  ${cli}\n`,
      );
    });
  };
  for (const [name, argv] of Object.entries(commands)) measure(name, argv);
  const { connect } = require('@nats-io/transport-node');
  const { jetstreamManager } = require('@nats-io/jetstream');
  const nc = await connect({ servers: server.url });
  await (await jetstreamManager(nc)).streams.delete('KV_lt_status');
  await nc.close();
  measure('check, every record read', commands.check);
  process.stdout.write(`${JSON.stringify({ scenario: 'cli-cost', records: n, results })}\n`);
} finally {
  await server.cleanup();
}
