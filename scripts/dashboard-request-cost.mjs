#!/usr/bin/env node
/**
 * What the dashboard's list and operations answers cost on the national tree
 * (deploy/topology.vn-2025.json: 3,356 nodes, 3,359 agencies) with RECORDS tracking records in
 * memory, computed in one process without NATS or HTTP (the views are pure functions of the rows,
 * the directory, the viewer and the time):
 * - the sent and received lists (`/dashboard/api/sent`, `/received`) of the operator, who sees every
 *   record: the default page, and searches by number, subject (without diacritics) and recipient;
 *   an agency's own lists;
 * - the nodes of the operations page (`/dashboard/api/ops`) in tree order, and `lienthong node ls`'s
 *   rows, beside the directory's own per-node lookups they replace.
 * `node scripts/dashboard-request-cost.mjs [TREE] [RECORDS]`: TREE is a built checkout (default:
 * this one), so two trees can be compared from one script; RECORDS defaults to 100,000. Prints ms
 * per answer (the median of 9) and a JSON line. A running broker's endpoints are measured with
 * `curl -w '%{time_total} %{size_download}'` and the process's /proc/<pid>/stat (docs/OPERATIONS.md).
 */
import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = join(dirname(fileURLToPath(import.meta.url)), '..');
const tree = resolve(process.argv[2] ?? here);
const records = Number(process.argv[3] ?? 100_000);
const require = createRequire(join(tree, 'packages/dashboard/package.json'));
const { parseTopology } = require(join(tree, 'packages/core/dist/index.js'));
const { Directory } = require(join(tree, 'packages/readers/dist/index.js'));
const { NodeRecord, Priority, TrackingRecord, TransportState } = require(
  join(tree, 'packages/proto/dist/index.js'),
);
const views = require(join(tree, 'packages/dashboard/dist/index.js'));
const opsFile = join(tree, 'packages/dashboard/dist/routes-ops.js');
const { treeOrder } = existsSync(opsFile) ? require(opsFile) : {};
const nodeFile = join(tree, 'packages/cli/dist/commands/node.js');
const { nodeListing } = existsSync(nodeFile) ? require(nodeFile) : {};

const p = parseTopology(
  JSON.parse(readFileSync(join(here, 'deploy/topology.vn-2025.json'), 'utf8')),
).toProto();
const fresh = () =>
  new Directory(
    new Map(p.nodes.map((n) => [n.id, NodeRecord.create(n)])),
    new Map(p.agencies.map((a) => [a.code, a])),
    new Map(p.closed.map((c) => [c.code, c])),
  );
const dir = fresh();

// As packages/dashboard/test/dashboard-scale.test.ts: a spread of senders, recipients and states.
const DAY = 86_400_000;
const now = Date.now();
const agencies = [...dir.agencies.keys()].sort();
const rows = [];
for (let i = 0; i < records; i++) {
  const sender = agencies[(i * 7919) % agencies.length];
  let recipient = agencies[(i * 104_729 + 13) % agencies.length];
  if (recipient === sender) recipient = agencies[(i + 1) % agencies.length];
  const sentAtMs = now - ((i * 7_777_777) % (6 * DAY)) - 60_000;
  const record = TrackingRecord.create({
    documentId: `${sender},2026/11/${String(1 + (i % 28)).padStart(2, '0')},${Math.floor(i / 3)}/UBND-VP`,
    sender,
    recipient,
    subject: `Văn bản số ${Math.floor(i / 3)} về công tác phòng chống thiên tai`,
    priority: i % 50 === 0 ? Priority.PRIORITY_FLASH : Priority.PRIORITY_NORMAL,
    sentAtMs,
    updatedAtMs: sentAtMs + 5_000,
    confirmByMs: sentAtMs + DAY,
    transport: i % 20 < 2 ? TransportState.TRANSPORT_STATE_DELIVERED : TransportState.TRANSPORT_STATE_FETCHED,
    timeline: [],
  });
  rows.push(views.rowOf(`r${i}`, record));
}
// The dashboard iterates its Map of rows; it keeps them grouped by sent document too, where it
// has that (TrackingIndex.eachDocument()), and the sent list takes the groups.
const index = new Map(rows.map((r) => [r.key, r]));
const groups = new Map();
for (const r of rows) {
  const id = `${r.sender}\u0000${r.documentId}`;
  const g = groups.get(id);
  if (g) g.push(r);
  else groups.set(id, [r]);
}
const byDocument = { eachDocument: (visit) => groups.forEach((rows) => visit(rows)) };
const sentSource = existsSync(join(tree, 'packages/dashboard/dist/ranking.js')) ? byDocument : null;
const sent = (query, viewer) => views.sentDocuments(sentSource ?? index.values(), query, viewer, dir, now);

/** Median ms of 9 runs after one warm-up, and the answer's JSON size. */
function time(f) {
  let out = f();
  const ms = [];
  for (let i = 0; i < 9; i++) {
    const t0 = performance.now();
    out = f();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  return { ms: Number(ms[4].toFixed(2)), bytes: JSON.stringify(out ?? null).length };
}

const op = { kind: 'operator' };
const agency = { kind: 'agency', code: agencies[5] };
const result = {
  tree,
  records,
  'sent operator': time(() => sent({}, op)),
  'sent operator q=17/ubnd': time(() => sent({ q: '17/ubnd' }, op)),
  'sent operator subject=thien tai': time(() => sent({ subject: 'thien tai' }, op)),
  'sent operator recipient=Xa so 1': time(() => sent({ recipient: 'Xã số 1' }, op)),
  'sent agency': time(() => sent({}, agency)),
  'received operator': time(() => views.receivedDocuments(index.values(), {}, op, dir)),
  'received operator q=17/ubnd': time(() =>
    views.receivedDocuments(index.values(), { q: '17/ubnd' }, op, dir),
  ),
  'received agency': time(() => views.receivedDocuments(index.values(), {}, agency, dir)),
  // Each run on a directory not seen before (a directory works its order out once per read).
  ...((dirs) => ({ 'ops nodes: Directory.treeOrder()': time(() => dirs.pop().treeOrder().length) }))(
    Array.from({ length: 10 }, fresh),
  ),
  // Each run on a directory not seen before (the order is kept per directory read).
  ...(treeOrder
    ? ((dirs) => ({ 'ops nodes: treeOrder, first read': time(() => treeOrder(dirs.pop()).length) }))(
        Array.from({ length: 10 }, fresh),
      )
    : {}),
  'node ls: directory lookups': ((dirs) =>
    time(() => {
      const d = dirs.pop();
      return d.treeOrder().map((n) => [d.agenciesOf(n.id).length, d.path(n.id).length]).length;
    }))(Array.from({ length: 10 }, fresh)),
  ...(nodeListing ? { 'node ls: nodeListing': time(() => nodeListing(dir).length) } : {}),
};
for (const [k, v] of Object.entries(result)) {
  if (typeof v === 'object') console.log(`${k.padEnd(36)} ${String(v.ms).padStart(9)} ms  ${v.bytes} bytes`);
}
console.log(JSON.stringify(result));
