#!/usr/bin/env node
/**
 * What the gateway's read requests cost on a national tree in one process (`lienthong up --topology
 * deploy/topology.vn-2025.json`: 3,356 nodes hosted, 3,359 agencies, 734 closed codes), measured
 * on the node's HTTP server with the `/api/v1` and `/vxp` plugins (no
 * NATS: the caller's inbox is an in-memory one holding WAITING items, `up --no-auth`), over a real
 * HTTP connection (keep-alive) whose answer bytes are counted, not decoded:
 * - GET /api/v1/agencies and the VXP directory verbs (the whole directory in every answer);
 * - GET /api/v1/edocs/received and VXP getReceivedEdocList / countReceiveEdoc with WAITING items;
 * - `EdocGateway.assertServes`, which every request makes.
 * `node scripts/gateway-request-cost.mjs [TREE] [WAITING]`: TREE is a built checkout (default: this
 * one), so two trees can be compared from one script; WAITING items held (default 256, the
 * gateway's default `maxListed`). Prints ms per request and a JSON line.
 */
import { request, Agent } from 'node:http';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = join(dirname(fileURLToPath(import.meta.url)), '..');
const tree = resolve(process.argv[2] ?? here);
const waiting = Number(process.argv[3] ?? 256);
const require = createRequire(join(tree, 'packages/gateway/package.json'));
const { parseTopology } = require(join(tree, 'packages/core/dist/index.js'));
const { HealthServer } = require(join(tree, 'packages/node/dist/http.js'));
const { gatewayPlugin } = require(join(tree, 'packages/gateway/dist/routes.js'));
const { vxpPlugin } = require(join(tree, 'packages/gateway/dist/vxp/routes.js'));

const topology = parseTopology(JSON.parse(readFileSync(join(here, 'deploy/topology.vn-2025.json'), 'utf8')));
const nodes = topology.nodes();
const hosted = new Map(nodes.map((n) => [n.id, n]));
const host = {
  topology,
  // As NodeRuntime: a copy of the hosted nodes on every read, and a lookup by id.
  get nodes() {
    return [...hosted.values()];
  },
  hostsNode: (id) => hosted.has(id),
  readiness: () => ({ ok: true }),
};
const agency = topology.agencies().at(-1).code;
const sender = topology.agencies()[0].code;

/** An inbox that hands out `n` documents and then waits until stopped. */
function clientWith(n) {
  let stop = () => undefined;
  const stopped = new Promise((r) => (stop = r));
  const items = Array.from({ length: n }, (_, i) => ({
    kind: 'document',
    documentId: `${sender},2026/12/02,${i}/VPCP`,
    sender,
    deliveredAtMs: 1_764_633_600_000 + ((i * 7919) % n) * 1000,
    envelope: { envelopeId: `env${i}` },
    document: { business: { operation: 1 }, edxmlOriginal: { sha256Hex: 'ab' } },
    signature: { state: 'verified' },
  }));
  const inbox = {
    async *[Symbol.asyncIterator]() {
      yield* items;
      await stopped;
    },
    stop: async () => stop(),
  };
  return { inbox: () => inbox, close: async () => undefined };
}

const gw = gatewayPlugin({
  auth: { mode: 'none' },
  connect: async () => clientWith(waiting),
  maxListed: Math.max(256, waiting),
});
const server = new HealthServer(
  {},
  { ready: () => ({ ok: true }) },
  [gw, vxpPlugin({ gateway: () => gw.gateway })],
  undefined,
  host,
);
const { url } = await server.listen(0);
const agent = new Agent({ keepAlive: true, maxSockets: 1 });

/** One request; its status, and the answer's bytes (the first ones kept as text for an error). */
function call({ method, url: path, headers, payload }) {
  return new Promise((resolveCall, reject) => {
    const req = request(`${url}${path}`, { method, headers, agent }, (res) => {
      let bytes = 0;
      let head = '';
      res.on('data', (c) => {
        if (head.length < 200) head += c.toString('utf8', 0, 200);
        bytes += c.length;
      });
      res.on('end', () => resolveCall({ statusCode: res.statusCode, bytes, head }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(payload);
  });
}

const api = (url) => ({ method: 'GET', url: `/api/v1${url}`, headers: { 'x-lienthong-agency': agency } });
const vxp = (verb) => ({
  method: 'POST',
  url: `/vxp/${verb}`,
  headers: { 'xroadvnpt-from': agency, 'content-type': 'application/json' },
  payload: '{}',
});

async function time(name, req, n) {
  const first = await call(req);
  if (first.statusCode !== 200) throw new Error(`${name}: ${first.statusCode} ${first.head}`);
  for (let i = 0; i < 5; i++) await call(req);
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) await call(req);
  const ms = Number(process.hrtime.bigint() - t0) / n / 1e6;
  return { name, msPerRequest: Math.round(ms * 1000) / 1000, bytes: first.bytes };
}

// Start the caller's inbox and let it take what is waiting.
await call(api('/edocs/received'));
await new Promise((r) => setTimeout(r, 400));

const results = [];
const assertN = 20_000;
const t0 = process.hrtime.bigint();
for (let i = 0; i < assertN; i++) gw.gateway.assertServes(agency);
results.push({
  name: 'assertServes',
  msPerRequest: Math.round((Number(process.hrtime.bigint() - t0) / assertN / 1e6) * 1000) / 1000,
});
results.push(await time('GET /healthz (fixed cost)', { method: 'GET', url: '/healthz' }, 500));
results.push(await time('GET /api/v1/openapi.json', api('/openapi.json'), 500));
results.push(await time('GET /api/v1/agencies', api('/agencies'), 100));
results.push(await time('POST /vxp/getAgenciesList', vxp('getAgenciesList'), 100));
results.push(await time('POST /vxp/getAgenciesListQD20', vxp('getAgenciesListQD20'), 100));
results.push(await time('POST /vxp/getSynchronizeUnit', vxp('getSynchronizeUnit'), 100));
results.push(await time(`GET /api/v1/edocs/received (${waiting} waiting)`, api('/edocs/received'), 200));
results.push(
  await time(`POST /vxp/getReceivedEdocList (${waiting} waiting)`, vxp('getReceivedEdocList'), 200),
);
results.push(await time(`POST /vxp/countReceiveEdoc (${waiting} waiting)`, vxp('countReceiveEdoc'), 200));
for (const r of results) {
  process.stdout.write(
    `${r.name.padEnd(48)} ${r.msPerRequest.toFixed(3).padStart(8)} ms${r.bytes ? `  ${r.bytes} bytes` : ''}\n`,
  );
}
process.stdout.write(`${JSON.stringify({ scenario: 'gateway-request-cost', tree, waiting, results })}\n`);
agent.destroy();
await server.close();
