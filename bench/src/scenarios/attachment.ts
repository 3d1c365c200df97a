/**
 * Scenario 5: one large attachment over a 3-hop route, every node service in its own process. A
 * commune of Yên Thành sends a document with a 50 MB attachment to the Government Office:
 * commune → district → province → central (three relays), each level service a separate OS process
 * on one nats-server (the embedded default). The SDK (sender and recipient) runs in this process.
 *
 * With `domains`, the commune, district and province run on a leaf server with their own JetStream
 * domain (`h41`) and the centre on another (`central`): the province node copies the content across.
 *
 * Measured: MB/s end to end (send() of a file on disk called → the recipient has saved it to disk,
 * every chunk checked), and per phase (upload; relays + the delivering node's verification;
 * download), and the growth
 * of peak RSS of every process involved during the transfer (VmHWM reset through
 * /proc/<pid>/clear_refs before the transfer, read after it, minus VmRSS before it).
 */
import { createHash } from 'node:crypto';
import {
  createReadStream,
  createWriteStream,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { DEFAULT_CHUNK_SIZE } from '@lienthong/content';
import { connect } from '@lienthong/sdk';
import type { InboxItem, LienthongClient } from '@lienthong/sdk';
import { deterministicBytes, deterministicSha256, startLeafTree, startService } from '@lienthong/testkit';
import type { ServiceLevel, ServiceProcess } from '@lienthong/testkit';
import { defer, startServer, tellParent } from '../lib/env';
import { now, round } from '../lib/util';

export interface AttachmentOptions {
  /** Size of the attachment in MiB. */
  readonly mb: number;
  /** The province on a leaf server with its own JetStream domain, the centre on another. */
  readonly domains?: boolean;
  /** Chunk size of the upload, KiB; the SDK's default (512) when omitted. */
  readonly chunkKb?: number;
  /**
   * With `domains`: run the leaf link through the test kit's TCP proxy, in this process (as until
   * 2026-12-05; for comparison). By default the leaf connects straight to the hub, as deployed.
   */
  readonly leafProxy?: boolean;
  readonly timeoutMs: number;
}

const TOPOLOGY = resolve(__dirname, '../../../deploy/topology.demo.json');
const SENDER = '000.01.43.H41'; // UBND xã Bảo Thành, node h41-yenthanh-xa1
const RECIPIENT = '000.00.00.G22'; // Văn phòng Chính phủ, node vn
const ROUTE: [ServiceLevel, string][] = [
  ['commune', 'h41-yenthanh-xa1'],
  ['district', 'h41-yenthanh'],
  ['province', 'h41'],
  ['central', 'vn'],
];
const MiB = 1024 * 1024;

function status(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  try {
    const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/** CPU time (user + system) a process has used so far, ms; from /proc/<pid>/stat (clock ticks of 10 ms). */
function cpuMs(pid: number): number {
  if (pid === process.pid) {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) * 10;
  } catch {
    return Number.NaN;
  }
}

/** Resets the peak RSS (VmHWM) of a process to its current RSS (Linux ≥ 4.0). */
function resetPeak(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

async function receive(c: LienthongClient, documentId: string, timeoutMs: number): Promise<InboxItem> {
  const inbox = c.inbox({ maxInFlight: 1 });
  const timer = setTimeout(() => void inbox.stop(), timeoutMs);
  try {
    for await (const item of inbox) {
      if (item.documentId === documentId) return item;
      await item.ack();
    }
  } finally {
    clearTimeout(timer);
    await inbox.stop();
  }
  throw new Error(`${documentId} did not arrive within ${timeoutMs} ms`);
}

/**
 * Sends one document with a `bytes`-long file attached (written before the clock starts, as a
 * document system would have it on disk) and saves it at the recipient; checks the saved file's
 * SHA-256 after the clock stops.
 */
async function transfer(
  dir: string,
  sender: LienthongClient,
  recipient: LienthongClient,
  number: number,
  bytes: number,
  timeoutMs: number,
  mark: () => void = () => undefined,
): Promise<{ sendMs: number; deliverMs: number; downloadMs: number; totalMs: number }> {
  const documentId = `${SENDER},2026/11/22,${number}/UBND-VP`;
  const source = join(dir, `sent-${number}.pdf`);
  const target = join(dir, `received-${number}.pdf`);
  await pipeline(deterministicBytes(bytes, number), createWriteStream(source));
  const expected = await deterministicSha256(bytes, number);
  mark();
  const t0 = now();
  await sender.send(
    { documentId, subject: 'Hồ sơ kèm bản quét', to: [{ code: RECIPIENT }] },
    { attachments: [{ name: 'ho-so.pdf', mediaType: 'application/pdf', path: source }] },
  );
  const t1 = now();
  mark();
  const item = await receive(recipient, documentId, timeoutMs);
  const t2 = now();
  mark();
  await item.attachments[0]!.saveTo(target);
  const t3 = now();
  mark();
  const hash = createHash('sha256');
  await pipeline(createReadStream(target), hash);
  if (hash.digest('hex') !== expected) throw new Error('the saved attachment does not match its SHA-256');
  await item.ack();
  rmSync(source);
  rmSync(target);
  return { sendMs: t1 - t0, deliverMs: t2 - t1, downloadMs: t3 - t2, totalMs: t3 - t0 };
}

/** Where each level's service and each client connects, and with which JetStream domain. */
interface Layout {
  readonly topology: string;
  readonly url: (level: ServiceLevel | 'sender' | 'recipient') => string;
  readonly domain: (level: ServiceLevel | 'sender' | 'recipient') => string | undefined;
  readonly servers: { name: string; pid: number }[];
}

/** One nats-server for everything: the embedded default. */
async function oneServer(): Promise<Layout> {
  const server = await startServer('attachment');
  return {
    topology: TOPOLOGY,
    url: () => server.url,
    domain: () => undefined,
    servers: [{ name: 'nats-server', pid: server.pid }],
  };
}

/**
 * The scale-out layout: the centre's server (domain `central`) and Nghệ An's leaf server (domain
 * `h41`, hosting the commune, district and province). The province node copies the content into
 * the central domain before relaying.
 */
async function leafDomains(dir: string, leafProxy: boolean): Promise<Layout> {
  const tree = await startLeafTree({ hubDomain: 'central', leaves: ['h41'], direct: !leafProxy });
  for (const s of [tree.hub, tree.leaves.h41!]) {
    await tellParent({ type: 'server', pid: s.pid, dataDir: s.storeDir });
  }
  defer('leaf tree', () => tree.stop());
  const json = JSON.parse(readFileSync(TOPOLOGY, 'utf8')) as { nodes: { id: string; domain?: string }[] };
  for (const n of json.nodes) n.domain = n.id === 'vn' ? 'central' : n.id.split('-')[0];
  const topology = join(dir, 'topology.json');
  writeFileSync(topology, JSON.stringify(json));
  const atCentre = (who: string): boolean => who === 'central' || who === 'recipient';
  return {
    topology,
    url: (who) => (atCentre(who) ? tree.hub.url : tree.leaves.h41!.url),
    domain: (who) => (atCentre(who) ? 'central' : 'h41'),
    servers: [
      { name: 'nats-server central', pid: tree.hub.pid },
      { name: 'nats-server h41 (leaf)', pid: tree.leaves.h41!.pid },
    ],
  };
}

export async function attachment(o: AttachmentOptions): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'lt-bench-attachment-'));
  defer('attachment config dir', () => Promise.resolve(rmSync(dir, { recursive: true, force: true })));
  const layout = o.domains ? await leafDomains(dir, o.leafProxy === true) : await oneServer();
  const services: { level: ServiceLevel; node: string; service: ServiceProcess }[] = [];
  // Top down, as a deployment starts: the centre first seeds the directory that the leaf domain's
  // nodes mirror, so they find it when they start instead of waiting for the mirror to retry.
  for (const [level, node] of [...ROUTE].reverse()) {
    const config = join(dir, `${level}.json`);
    const domain = layout.domain(level);
    writeFileSync(
      config,
      JSON.stringify({
        servers: layout.url(level),
        topology: layout.topology,
        nodes: [node],
        ...(domain ? { domain } : {}),
      }),
    );
    const service = await startService(level, config);
    defer(`${level} service`, () => service.stop());
    services.push({ level, node, service });
  }
  const client = (who: 'sender' | 'recipient'): { servers: string; domain?: string } => {
    const domain = layout.domain(who);
    return { servers: layout.url(who), ...(domain ? { domain } : {}) };
  };
  const sender = await connect({
    ...client('sender'),
    agency: SENDER,
    name: 'bench attachment sender',
    ...(o.chunkKb ? { attachmentChunkSize: o.chunkKb * 1024 } : {}),
  });
  defer('sender client', () => sender.close());
  const recipient = await connect({
    ...client('recipient'),
    agency: RECIPIENT,
    name: 'bench attachment recipient',
  });
  defer('recipient client', () => recipient.close());

  // Warm-up: connections, consumers, JIT, the first content stream writes.
  await transfer(dir, sender, recipient, 1, 2 * MiB, o.timeoutMs);
  await tellParent({ type: 'progress', what: 'warm-up done', elapsedMs: 0 });

  const processes = [
    ...services.map((s) => ({ name: `${s.level} service (${s.node})`, pid: s.service.pid })),
    { name: 'SDK sender + recipient (this process)', pid: process.pid },
    ...layout.servers,
  ];
  const before = processes.map((p) => ({ ...p, rss: status(p.pid, 'VmRSS'), reset: resetPeak(p.pid) }));
  const bytes = o.mb * MiB;
  // CPU of every process at each phase boundary: which processes and how many cores each phase used.
  const marks: number[][] = [];
  // The monotonic clock at each boundary, µs: the time base of `--cpu-prof` profiles, to cut them by phase.
  const clockUs: number[] = [];
  const t = await transfer(dir, sender, recipient, 2, bytes, o.timeoutMs, () => {
    marks.push(processes.map((p) => cpuMs(p.pid)));
    clockUs.push(Number(process.hrtime.bigint() / 1000n));
  });
  const phaseCpu = (k: number, i: number): number => round(marks[k + 1]![i]! - marks[k]![i]!);
  const phaseMs = [t.sendMs, t.deliverMs, t.downloadMs];
  const cpuSum = (k: number): number => processes.reduce((a, _, i) => a + phaseCpu(k, i), 0);
  const mb = bytes / 1e6;
  const rate = (ms: number): number => round(mb / (ms / 1000), 1);
  return {
    layout: o.domains
      ? `leaf domains central + h41, ${o.leafProxy ? "linked through the test kit's proxy" : 'linked directly'}`
      : 'one server',
    attachmentBytes: bytes,
    chunkBytes: o.chunkKb ? o.chunkKb * 1024 : DEFAULT_CHUNK_SIZE,
    route: ROUTE.map(([, node]) => node),
    hops: ROUTE.length - 1,
    mbPerSec: rate(t.totalMs),
    phases: {
      uploadMs: round(t.sendMs),
      uploadMbPerSec: rate(t.sendMs),
      relayAndVerifyMs: round(t.deliverMs),
      downloadMs: round(t.downloadMs),
      downloadMbPerSec: rate(t.downloadMs),
      totalMs: round(t.totalMs),
    },
    /** CPU ms per process in each phase (upload, relays + verification, download); 10 ms resolution. */
    cpu: processes.map((p, i) => ({
      process: p.name,
      uploadMs: phaseCpu(0, i),
      relayAndVerifyMs: phaseCpu(1, i),
      downloadMs: phaseCpu(2, i),
    })),
    /** Cores kept busy in each phase, all processes together (this machine has os.cpus().length). */
    coresBusy: {
      upload: round(cpuSum(0) / phaseMs[0]!, 2),
      relayAndVerify: round(cpuSum(1) / phaseMs[1]!, 2),
      download: round(cpuSum(2) / phaseMs[2]!, 2),
      total: round((cpuSum(0) + cpuSum(1) + cpuSum(2)) / t.totalMs, 2),
    },
    cpuMsTotal: round(cpuSum(0) + cpuSum(1) + cpuSum(2)),
    /** Monotonic clock (µs) at the start of the upload, relays, download and at the end. */
    phaseClockUs: clockUs,
    rss: before.map((p) => {
      const peak = status(p.pid, 'VmHWM');
      return {
        process: p.name,
        beforeMb: round(p.rss / MiB, 1),
        peakMb: round(peak / MiB, 1),
        growthMb: p.reset ? round((peak - p.rss) / MiB, 1) : undefined,
      };
    }),
  };
}
