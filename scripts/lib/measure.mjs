/**
 * What the measurement scripts share: the checkout's packages, the record counts given on the
 * command line, a process's CPU time from /proc, N records of the national tree's agencies
 * written straight into KV `lt_tracking` (a spread of senders and recipients, sent over the last day),
 * and the bench's document envelope.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** This checkout. */
export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** `require` as the workspace package `packages/<name>` resolves it. */
export function workspaceRequire(name) {
  return createRequire(join(root, `packages/${name}/package.json`));
}

/** The positive whole numbers given after the script's name, else `defaults`. */
export function countsFromArgs(defaults) {
  const given = process.argv
    .slice(2)
    .map(Number)
    .filter((n) => n > 0);
  return given.length > 0 ? given : defaults;
}

/** CPU (user + system) a process has used, in ms, from /proc/<pid>/stat. */
export function cpuMsOf(pid) {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(f[11]) + Number(f[12])) * 10;
}

/**
 * A test kit nats-server holding the national tree of 2025 (deploy/topology.vn-2025.json) as a
 * runtime leaves it after a first start (its streams and directory), and `n` tracking records
 * between its agencies (`writeTrackingRecords`). The caller stops it (`server.cleanup()`).
 */
export async function nationalServerWithRecords(require, n, shape) {
  const { createLogger, loadTopologyFile, startNode } = require('@lienthong/node');
  const { startNatsServer } = require('@lienthong/testkit');
  const topology = loadTopologyFile(join(root, 'deploy/topology.vn-2025.json'));
  const server = await startNatsServer();
  try {
    const first = await startNode(
      { servers: server.url, topology },
      { logger: createLogger({ name: 'first start', level: 'silent' }) },
    );
    await first.stop();
    const agencies = topology.agencies().map((a) => a.code);
    await writeTrackingRecords(require, server.url, agencies, n, shape);
    return { server, topology };
  } catch (e) {
    await server.cleanup();
    throw e;
  }
}

/**
 * Writes `n` tracking records into `lt_tracking` at `url`, 2,000 publishes in flight. `require`
 * resolves the workspace packages; `shape(i, sentAtMs)` gives each record's state (transport,
 * business, timeline…), merged over its ids and times.
 */
async function writeTrackingRecords(require, url, agencies, n, shape) {
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

/**
 * A document envelope as the bench's senders submit it (bench/src/lib/documents.ts: an edXML-like
 * header and a Vietnamese body, about 4 KB encoded), not yet encoded. The bench must be built; the
 * process ends with a hint when it is not.
 */
export function benchEnvelope(require, { sender, recipient, tag, seq }) {
  const documentsJs = join(root, 'bench/dist/lib/documents.js');
  if (!existsSync(documentsJs)) {
    console.error(
      `${documentsJs} is missing: build the bench first (scripts/bench.sh does, or tsc -p bench)`,
    );
    process.exit(2);
  }
  const { documentIdOf, makeDocument } = require(documentsJs);
  const { documentEnvelopeId } = require('@lienthong/core');
  const { EnvelopeKind, SCHEMA_VERSION } = require('@lienthong/proto');
  const document = makeDocument(sender, [recipient], documentIdOf(sender, tag, seq), 4096);
  return {
    schemaVersion: SCHEMA_VERSION,
    envelopeId: documentEnvelopeId('h41-yenthanh-xa1', document.documentId, 0),
    kind: EnvelopeKind.ENVELOPE_KIND_DOCUMENT,
    documentId: document.documentId,
    originAgency: sender,
    originNode: 'h41-yenthanh-xa1',
    recipients: [recipient],
    createdAtMs: Date.now(),
    priority: 0,
    document,
  };
}
