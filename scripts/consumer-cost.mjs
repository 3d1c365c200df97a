/**
 * What a node's consumer machinery costs per message, beside a bare nats.js consume loop: N
 * messages (each a 4 KB document envelope, as the bench sends) on a work-queue stream of a real
 * nats-server, taken
 *
 * - a: by `consume()` and `ack()`, nothing else (the bare pipeline's way);
 * - b: by the node's `PullWorker` (packages/node/src/pull-worker.ts: fair queue, running handlers,
 *   delivery marks, ack after the handler) with a handler that does nothing;
 * - c: the same, the handler recording the message's audit entry as a node does before every ack
 *   (`auditEntryOf` + `AuditLog.record`: the digest, the entry, the chain's blocks).
 *
 * The messages are published before each phase; CPU is the process's during the phase only.
 * Prints CPU microseconds per message and messages per second of each phase, in the order given
 * (default abc; give cba to see the order's effect: the first phase runs colder).
 *
 *   node scripts/consumer-cost.mjs [MESSAGES] [ORDER]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchEnvelope, root, workspaceRequire } from './lib/measure.mjs';

const require = workspaceRequire('node');
const { startEmbeddedServer } = require('@lienthong/node');
const { PullWorker } = require(join(root, 'packages/node/dist/pull-worker.js'));
const { AuditLog, auditEntryOf } = require(join(root, 'packages/node/dist/audit-log.js'));
const core = require('@lienthong/core');
const { connect } = require('@nats-io/transport-node');
const {
  AckPolicy,
  RetentionPolicy,
  StorageType,
  jetstream,
  jetstreamManager,
} = require('@nats-io/jetstream');
const pino = require('pino');

const n = Number(process.argv[2] ?? 20_000);
const order = (process.argv[3] ?? 'abc').split('');
if (!(n > 0) || order.some((p) => !'abc'.includes(p))) {
  console.error('usage: node scripts/consumer-cost.mjs [MESSAGES (20000)] [ORDER of a, b, c (abc)]');
  process.exit(2);
}

const body = core.encodeEnvelope(
  benchEnvelope(require, { sender: '000.00.41.H41', recipient: '000.00.00.G02', tag: 'CONSUMER', seq: 1 }),
);

const dataDir = mkdtempSync(join(tmpdir(), 'lt-consumer-cost-'));
const server = await startEmbeddedServer({ dataDir });
const nc = await connect({ servers: server.url, noAsyncTraces: true });
try {
  const js = jetstream(nc);
  const jsm = await jetstreamManager(nc);
  await jsm.streams.add({
    name: 'W',
    subjects: ['w.>'],
    retention: RetentionPolicy.Workqueue,
    storage: StorageType.File,
  });
  const log = pino({ level: 'warn' });
  const audit = new AuditLog(js, jsm, log);
  await audit.ensureStream();
  const cpuMs = () => {
    const c = process.cpuUsage();
    return (c.user + c.system) / 1000;
  };
  const fill = async (phase) => {
    for (let start = 0; start < n; start += 1000) {
      const acks = [];
      for (let i = start; i < Math.min(n, start + 1000); i++)
        acks.push(js.publish(`w.${phase}.${i % 64}`, body));
      await Promise.all(acks);
    }
  };
  const results = {};
  for (const phase of order) {
    await fill(phase);
    const c0 = cpuMs();
    const t0 = performance.now();
    if (phase === 'a') {
      await jsm.consumers.add('W', {
        durable_name: 'a',
        filter_subject: 'w.a.>',
        ack_policy: AckPolicy.Explicit,
        max_ack_pending: 512,
      });
      const messages = await (await js.consumers.get('W', 'a')).consume({ max_messages: 256 });
      let taken = 0;
      for await (const m of messages) {
        m.ack();
        if (++taken >= n) break;
      }
    } else {
      let taken = 0;
      let allTaken;
      const done = new Promise((resolve) => (allTaken = resolve));
      const node = { id: `cost-${phase}` };
      const handler =
        phase === 'b'
          ? async () => {
              if (++taken >= n) allTaken();
            }
          : async (m) => {
              const inbound = {
                subject: m.subject,
                data: m.data,
                stream: 'W',
                seq: m.seq,
                storedAtMs: 0,
                deliveryCount: 1,
              };
              await audit.record(node, auditEntryOf('relay', inbound, 'forwarded'));
              if (++taken >= n) allTaken();
            };
      const opts = { stream: 'W', durable: phase, filter: `w.${phase}.>`, concurrency: 64 };
      const worker = new PullWorker(js, jsm, opts, handler, log);
      await worker.start();
      await done;
      await worker.stop();
    }
    const seconds = (performance.now() - t0) / 1000;
    results[phase] = {
      cpuUsPerMessage: Math.round(((cpuMs() - c0) * 10_000) / n) / 10,
      messagesPerSec: Math.round(n / seconds),
    };
  }
  console.log(JSON.stringify({ messages: n, ...results }));
} finally {
  await nc.close();
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
