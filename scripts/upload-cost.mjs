#!/usr/bin/env node
/**
 * What an agency's upload costs with its own nkey identity (its home node stores the content for
 * it, docs/SECURITY.md item 5): a node runtime and an SDK client in this process, a nats-server
 * with the authorization block, four send()s of a 50 MiB file attachment (fresh random bytes each).
 * Prints, per send, the upload rate, the CPU of this process (SDK and node together) per MiB, and
 * the nats-server's CPU per MiB. `node scripts/upload-cost.mjs [TREE]`: TREE is a built checkout
 * (default: this one), so that two trees can be compared from one script.
 */
import { createRequire } from 'node:module';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const tree = resolve(process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..'));
const require = createRequire(join(tree, 'package.json'));
const {
  CredentialStore,
  AUTH_CONFIG,
  loadTopologyFile,
  startNode,
  createLogger,
} = require('@lienthong/node');
const { connect } = require('@lienthong/sdk');
const { startNatsServer } = require('@lienthong/testkit');

const SENDER = '000.01.43.H41';
const RECIPIENT = '000.00.00.G22';
const MiB = 1024 * 1024;
const SIZE = 50 * MiB;
const SENDS = 4;

/** CPU (user + system) a process has used, ms, from /proc (clock ticks of 10 ms). */
function cpuOf(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) * 10;
}
const ownCpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

const topology = loadTopologyFile(join(tree, 'deploy/topology.demo.json'));
const dir = mkdtempSync(join(tmpdir(), 'lt-upload-cost-'));
const store = CredentialStore.open(join(dir, 'credentials'));
const node = store.issue({ kind: 'node', name: 'embedded', nodes: '*' }, topology);
const agency = store.issue({ kind: 'agency', agency: SENDER }, topology);
store.writeAuthConfig(topology, join(dir, AUTH_CONFIG));
const server = await startNatsServer({ include: [join(dir, AUTH_CONFIG)] });
const running = await startNode(
  { servers: server.url, topology, auth: { seedFile: node.seedFile, inboxPrefix: node.inboxPrefix } },
  { logger: createLogger({ name: 'upload-cost', level: 'silent' }) },
);
const sdk = await connect({
  servers: server.url,
  agency: SENDER,
  credentials: { seedFile: agency.seedFile },
  defaultTimeoutMs: 30_000,
});
const runs = [];
try {
  for (let i = 0; i < SENDS; i++) {
    const file = join(dir, `file-${i}.bin`);
    writeFileSync(file, randomBytes(SIZE));
    const cpu0 = ownCpu();
    const server0 = cpuOf(server.pid);
    const t0 = performance.now();
    await sdk.send(
      {
        documentId: `${SENDER},2026/12/04,${Date.now()}${i}/UC`,
        subject: 'upload cost',
        to: [{ code: RECIPIENT }],
      },
      { attachments: [{ name: 'file.bin', mediaType: 'application/octet-stream', path: file }] },
    );
    const seconds = (performance.now() - t0) / 1000;
    runs.push({
      uploadMiBps: +(SIZE / MiB / seconds).toFixed(1),
      processCpuMsPerMiB: +((ownCpu() - cpu0) / (SIZE / MiB)).toFixed(2),
      serverCpuMsPerMiB: +((cpuOf(server.pid) - server0) / (SIZE / MiB)).toFixed(2),
    });
    rmSync(file);
  }
} finally {
  await sdk.close();
  await running.stop();
  await server.cleanup();
  rmSync(dir, { recursive: true, force: true });
}
console.log(JSON.stringify({ tree, runs, loadavg: loadavg().map((l) => +l.toFixed(1)) }));
