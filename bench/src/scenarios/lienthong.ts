/** The scenarios measured on lienthong itself (the embedded default: one nats-server, one runtime). */
import { startNode } from '@lienthong/node';
import type { RunningNode } from '@lienthong/node';
import type { EmbeddedServer } from '@lienthong/node';
import { inboxFilter, nodeSubjects } from '@lienthong/core';
import { BusinessStatus, connect } from '@lienthong/sdk';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startService } from '@lienthong/testkit';
import type { ServiceLevel, ServiceProcess } from '@lienthong/testkit';
import {
  benchLogger,
  cpuMeter,
  defer,
  processCpuMs,
  processRssBytes,
  startServer,
  tellParent,
} from '../lib/env';
import { documentIdOf, makeDocument } from '../lib/documents';
import { LoadRig } from '../lib/rig';
import { DEMO_TOPOLOGY_FILE, NATIONAL, NATIONAL_QUICK, demoCast, nationalCast } from '../lib/topologies';
import type { Cast } from '../lib/topologies';
import { now, round, sleep, summarize, waitFor } from '../lib/util';

export interface ThroughputOptions {
  readonly docs: number;
  readonly warmup: number;
  /** Documents each sender keeps in flight (sent, 01 not yet recorded). */
  readonly window: number;
  readonly docBytes: number;
  readonly timeoutMs: number;
  /** The domain-local shortcut (on unless false; `--no-shortcut`). */
  readonly shortcut?: boolean;
}

async function hostAll(
  server: EmbeddedServer,
  cast: Cast,
  label: string,
  shortcut = true,
): Promise<RunningNode> {
  const node = await startNode(
    { servers: server.url, topology: cast.topology, name: `bench-${label}`, domainShortcut: shortcut },
    { logger: benchLogger(`bench-${label}`) },
  );
  defer(`node runtime ${label}`, () => node.stop());
  return node;
}

/** The cast's senders and recipient as SDK clients; the recipient acknowledges up to 256 at once. */
async function openRig(server: EmbeddedServer, cast: Cast, docBytes: number): Promise<LoadRig> {
  return LoadRig.open({
    servers: server.url,
    senders: cast.senders,
    recipient: cast.recipient,
    inboxInFlight: 256,
    docBytes,
  });
}

/** What a closed loop of scenario 1 did: its shape, its rate to the last 01 and to the last inbox item. */
function loopFacts(
  o: ThroughputOptions,
  rig: LoadRig,
  r: { startedAt: number; lastInboxAt: number; lastArrivedAt: number },
): Record<string, number> {
  const elapsedMs = r.lastArrivedAt - r.startedAt;
  return {
    docs: o.docs,
    senders: rig.senders.length,
    windowPerSender: o.window,
    docBytes: o.docBytes,
    elapsedMs: round(elapsedMs),
    docsPerSec: round((o.docs * 1000) / elapsedMs, 1),
    deliveredPerSec: round((o.docs * 1000) / (r.lastInboxAt - r.startedAt), 1),
  };
}

/** Scenario 1's measurement on a running broker: warm up, then a timed closed loop. */
async function measure(
  server: EmbeddedServer,
  node: RunningNode,
  rig: LoadRig,
  o: ThroughputOptions,
  phase = '',
): Promise<Record<string, unknown>> {
  if (o.warmup > 0) await rig.closedLoop(o.warmup, o.window, `WARMUP${phase}`, o.timeoutMs);
  const cpu = cpuMeter(server.pid);
  const r = await rig.closedLoop(o.docs, o.window, `BENCH${phase}`, o.timeoutMs);
  const used = cpu.stop();
  const elapsedMs = r.lastArrivedAt - r.startedAt;
  await waitFor('the runtime to settle', async () => (await node.runtime.backlog()) === 0, 30_000, 50);
  return {
    ...loopFacts(o, rig, r),
    cpu: {
      processMs: round(used.processMs),
      serverMs: round(used.serverMs),
      processMsPerDoc: round(used.processMs / o.docs, 3),
      serverMsPerDoc: round(used.serverMs / o.docs, 3),
      processUtilisation: round(used.processMs / elapsedMs, 2),
      serverUtilisation: round(used.serverMs / elapsedMs, 2),
    },
    errors: { ...rig.errors },
    counters: { ...node.runtime.counters },
  };
}

/** Scenario 1: the demo tree, four communes → the Government Office, 01 back. */
export async function throughput(o: ThroughputOptions): Promise<Record<string, unknown>> {
  const server = await startServer('throughput');
  const cast = demoCast();
  const node = await hostAll(server, cast, 'throughput', o.shortcut);
  const rig = await openRig(server, cast, o.docBytes);
  return { topology: 'demo', ...(await measure(server, node, rig, o)) };
}

/**
 * Scenario 1 in the deployed layout: each level's service in a process of its own (as the systemd
 * unit runs them, each hosting every node of its level), the SDK senders and the recipient in this
 * process, the same load and measure as scenario 1. CPU per document of each process.
 */
export async function throughputServices(o: ThroughputOptions): Promise<Record<string, unknown>> {
  const server = await startServer('throughput-services');
  const cast = demoCast();
  const dir = mkdtempSync(join(tmpdir(), 'lt-bench-services-'));
  defer('services config dir', () => Promise.resolve(rmSync(dir, { recursive: true, force: true })));
  const services: { level: ServiceLevel; service: ServiceProcess }[] = [];
  // Top down, as a deployment starts them.
  for (const level of ['central', 'province', 'district', 'commune'] as const) {
    const config = join(dir, `${level}.json`);
    writeFileSync(
      config,
      JSON.stringify({
        servers: server.url,
        topology: DEMO_TOPOLOGY_FILE,
        name: `bench-${level}`,
        ...(o.shortcut === false ? { domainShortcut: false } : {}),
      }),
    );
    const service = await startService(level, config, { readyTimeoutMs: 60_000 });
    defer(`${level} service`, () => service.stop());
    services.push({ level, service });
  }
  const rig = await openRig(server, cast, o.docBytes);
  if (o.warmup > 0) await rig.closedLoop(o.warmup, o.window, 'WARMUP', o.timeoutMs);
  const processes = [
    ...services.map((s) => ({ name: s.level as string, pid: s.service.pid })),
    { name: 'sdk', pid: process.pid }, // the senders, the recipient and the rig's tracker
    { name: 'server', pid: server.pid },
  ];
  const before = processes.map((p) => processCpuMs(p.pid));
  const r = await rig.closedLoop(o.docs, o.window, 'BENCH', o.timeoutMs);
  const used = processes.map((p, i) => processCpuMs(p.pid) - before[i]!);
  const all = used.reduce((x, y) => x + y, 0);
  return {
    topology: 'demo',
    layout: 'one process per level',
    ...loopFacts(o, rig, r),
    cpuMsPerDoc: Object.fromEntries(processes.map((p, i) => [p.name, round(used[i]! / o.docs, 3)])),
    cpuMsPerDocAll: round(all / o.docs, 3),
    coresBusy: round(all / (r.lastArrivedAt - r.startedAt), 2),
    errors: { ...rig.errors },
  };
}

export interface LatencyOptions {
  readonly rate: number;
  readonly durationMs: number;
  readonly warmupMs: number;
  readonly docBytes: number;
  /** Documents a second sent by the probe sender, each followed by its own SDK Tracker. */
  readonly trackerProbeRate: number;
  readonly timeoutMs: number;
  readonly shortcut?: boolean;
}

/** Scenario 2: latencies at a fixed offered rate (open loop), on the demo tree. */
export async function latency(o: LatencyOptions): Promise<Record<string, unknown>> {
  const server = await startServer('latency');
  const cast = demoCast();
  await hostAll(server, cast, 'latency', o.shortcut);
  const rig = await openRig(server, cast, o.docBytes);
  const warm = await rig.openLoop(o.rate, o.warmupMs, 'WARMUP', o.timeoutMs);
  const probe = trackerProbe(server.url, cast, rig, o);
  const ids = await rig.openLoop(o.rate, o.durationMs, 'BENCH', o.timeoutMs);
  const probed = await probe.stop();
  const deliver: number[] = [];
  const status: number[] = [];
  const e2e: number[] = [];
  for (const id of ids) {
    const sent = rig.sendAt.get(id)!;
    const inbox = rig.inboxAt.get(id);
    const ack = rig.ackAt.get(id);
    const arrived = rig.arrivedAt.get(id);
    if (inbox !== undefined) deliver.push(inbox - sent);
    if (ack !== undefined && arrived !== undefined) status.push(arrived - ack);
    if (arrived !== undefined) e2e.push(arrived - sent);
  }
  return {
    topology: 'demo',
    offeredRate: o.rate,
    durationMs: o.durationMs,
    warmupDocs: warm.length,
    docs: ids.length,
    deliverMs: summarize(deliver),
    statusMs: summarize(status),
    sendTo01Ms: summarize(e2e),
    trackerProbe: probed,
    errors: rig.errors,
  };
}

/**
 * A few documents from a sender of their own, each watched through a real SDK Tracker opened
 * before the send: report (ack) → the 01 change coming out of the Tracker's iterator.
 */
function trackerProbe(servers: string, cast: Cast, rig: LoadRig, o: LatencyOptions) {
  const samples: number[] = [];
  let stopped = false;
  let failures = 0;
  const loop = (async () => {
    if (o.trackerProbeRate <= 0) return;
    const client = await connect({ servers, agency: cast.probe, name: 'bench tracker probe' });
    defer('tracker probe client', () => client.close());
    for (let i = 0; !stopped; i++) {
      const started = now();
      const docId = documentIdOf(cast.probe, 'PROBE', i);
      const tracker = await client.track(docId);
      try {
        await client.send(makeDocument(cast.probe, [cast.recipient], docId, o.docBytes));
        const deadline = setTimeout(() => void tracker.stop(), 10_000);
        for await (const r of tracker) {
          if (r.business === BusinessStatus.BUSINESS_STATUS_ARRIVED) {
            const t = now();
            const ack = rig.ackAt.get(docId);
            if (ack !== undefined) samples.push(t - ack);
            break;
          }
        }
        clearTimeout(deadline);
      } catch {
        failures++;
      } finally {
        await tracker.stop();
      }
      await sleep(Math.max(0, 1000 / o.trackerProbeRate - (now() - started)));
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
      return { ...summarize(samples), failures };
    },
  };
}

export interface NationalOptions extends ThroughputOptions {
  readonly quick: boolean;
  /** Documents of the first measurement, right after start-up (the bench gives it scenario 1's count). */
  readonly docsAfterStart: number;
}

/**
 * Scenario 3: the national tree in one process: start-up, memory, then scenario 1's load, twice:
 * right after start-up, and again once the ephemeral consumers left on the tracking bucket by the
 * start-up's key listings (one per hosted agency, kept by nats-server for their 5-minute inactive
 * threshold) are gone; the benchmark deletes them rather than wait, which is what the server would
 * do 5 minutes later.
 */
export async function national(o: NationalOptions): Promise<Record<string, unknown>> {
  const shape = o.quick ? NATIONAL_QUICK : NATIONAL;
  const g0 = now();
  const cast = nationalCast(shape);
  const generateMs = now() - g0;
  const server = await startServer('national');
  const rss0 = process.memoryUsage().rss;
  const t0 = now();
  const heartbeat = setInterval(
    () => void tellParent({ type: 'progress', what: 'national start-up', elapsedMs: round(now() - t0) }),
    10_000,
  );
  let node: RunningNode;
  try {
    node = await hostAll(server, cast, 'national');
  } finally {
    clearInterval(heartbeat);
  }
  const startupMs = now() - t0;
  const rss = process.memoryUsage().rss;
  const heapUsed = process.memoryUsage().heapUsed;
  const serverRss = processRssBytes(server.pid);
  const consumers = await consumerCounts(node);
  const rig = await openRig(server, cast, o.docBytes);
  const afterStart = await measure(server, node, rig, { ...o, docs: o.docsAfterStart }, 'A');
  const removed = await deleteKeyListingConsumers(node);
  const steady = await measure(server, node, rig, { ...o, warmup: 0 }, 'B');
  return {
    topology: 'national',
    nodes: cast.topology.nodes().length,
    agencies: cast.topology.agencies().length,
    levels: countLevels(cast),
    generateMs: round(generateMs),
    startupMs: round(startupMs),
    rssBeforeStartMb: round(rss0 / 2 ** 20, 1),
    rssAfterStartMb: round(rss / 2 ** 20, 1),
    heapUsedAfterStartMb: round(heapUsed / 2 ** 20, 1),
    serverRssAfterStartMb: round(serverRss / 2 ** 20, 1),
    consumersAfterStart: consumers,
    afterStart,
    keyListingConsumersDeleted: removed,
    serverRssAfterDeleteMb: round(processRssBytes(server.pid) / 2 ** 20, 1),
    ...steady,
    rssAfterLoadMb: round(process.memoryUsage().rss / 2 ** 20, 1),
  };
}

/** Consumers per stream. */
async function consumerCounts(node: RunningNode): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for await (const si of node.nats.jsm.streams.list()) out[si.config.name] = si.state.consumer_count;
  return out;
}

/** Deletes the ordered consumers (`oc_…`) that KV key listings left on the tracking bucket. */
async function deleteKeyListingConsumers(node: RunningNode): Promise<number> {
  const { jsm } = node.nats;
  const names: string[] = [];
  for await (const ci of jsm.consumers.list('KV_lt_tracking')) {
    if (ci.name.startsWith('oc_')) names.push(ci.name);
  }
  for (let i = 0; i < names.length; i += 64) {
    await Promise.all(
      names.slice(i, i + 64).map((n) => jsm.consumers.delete('KV_lt_tracking', n).catch(() => false)),
    );
  }
  return names.length;
}

function countLevels(cast: Cast): Record<string, number> {
  const out: Record<string, number> = {};
  for (const n of cast.topology.nodes()) out[n.levelName] = (out[n.levelName] ?? 0) + 1;
  return out;
}

export interface BacklogOptions {
  readonly docs: number;
  readonly docBytes: number;
  readonly sendWindow: number;
  readonly timeoutMs: number;
}

/**
 * Scenario 4: a commune's home node is down (hosted by a second runtime that is not started) while
 * the Government Office sends it `docs` documents; they wait in its relay queue. Then that runtime
 * starts: how fast do they reach the commune's inbox, and how fast does the commune's document
 * system then fetch and acknowledge them (01 back to the sender's tracking)?
 */
export async function backlog(o: BacklogOptions): Promise<Record<string, unknown>> {
  const server = await startServer('backlog');
  const cast = demoCast();
  const offlineNode = 'h41-quynhluu-xa1';
  const offlineAgency = '000.01.44.H41';
  const sender = cast.recipient; // the Government Office sends down to the commune
  const others = cast.topology
    .nodes()
    .map((n) => n.id)
    .filter((id) => id !== offlineNode);
  // Flow control bounds what one neighbour may have waiting at a node (1,000 per lane by default):
  // a deployment that expects a commune to be offline for a `docs`-long backlog raises the bound.
  // Queue bounds are stream settings, the same in both processes.
  const flow = { maxQueuedPerNeighbour: o.docs + 1000, maxQueuedPerAgency: o.docs + 1000 };
  const main = await startNode(
    { servers: server.url, topology: cast.topology, nodes: others, name: 'bench-backlog-main', flow },
    { logger: benchLogger('bench-backlog-main') },
  );
  defer('node runtime backlog-main', () => main.stop());
  const jsm = main.nats.jsm;
  // Messages of a filter in a stream, from the stream's per-subject counts. Not a counting consumer:
  // on a work-queue stream a consumer's filter must lie inside the stream's (lane) subjects and not
  // overlap the node's own consumers, which `….relay.>` does not.
  const pending = async (stream: string, filter: string): Promise<number> => {
    const info = await jsm.streams.info(stream, { subjects_filter: filter });
    return Object.values(info.state.subjects ?? {}).reduce((a, b) => a + b, 0);
  };
  const offline = cast.topology.node(offlineNode);
  const relayFilter = nodeSubjects(offline.level, offline.id).relay;

  // Queue: the Government Office sends `docs` documents; the main runtime relays them down to the
  // commune's relay queue, where they wait.
  const client = await connect({ servers: server.url, agency: sender, name: 'bench backlog sender' });
  defer('backlog sender client', () => client.close());
  const template = makeDocument(sender, [offlineAgency], documentIdOf(sender, 'BACKLOG', 0), o.docBytes);
  const q0 = now();
  const inflight = new Set<Promise<unknown>>();
  for (let i = 0; i < o.docs; i++) {
    // As a document system sending a burst would: when its home node has as many of its submissions
    // waiting as it may (flow control), wait the suggested time and send again.
    const p = client.send(
      { ...template, documentId: documentIdOf(sender, 'BACKLOG', i) },
      { waitForCapacity: true, timeoutMs: o.timeoutMs },
    );
    inflight.add(p);
    void p.finally(() => inflight.delete(p)).catch(() => undefined);
    if (inflight.size >= o.sendWindow) await Promise.race(inflight);
  }
  await Promise.all(inflight);
  const submittedMs = now() - q0;
  await waitFor(
    'the backlog to be queued for the offline commune',
    async () => (await pending('LT_RELAY', relayFilter)) >= o.docs,
    o.timeoutMs,
    200,
  );
  const queuedMs = now() - q0;
  await waitFor('the main runtime to settle', async () => (await main.runtime.backlog()) === 0, 30_000, 100);
  const queued = await pending('LT_RELAY', relayFilter);

  // The commune's home node comes back.
  const inboxSubjects = inboxFilter(offline.level, offline.id, offlineAgency);
  const cpu = cpuMeter(server.pid);
  const t0 = now();
  const back = await startNode(
    {
      servers: server.url,
      topology: cast.topology,
      nodes: [offlineNode],
      name: 'bench-backlog-commune',
      flow,
    },
    { logger: benchLogger('bench-backlog-commune') },
  );
  defer('node runtime backlog-commune', () => back.stop());
  const restartMs = now() - t0;
  let inInbox = 0;
  await waitFor(
    'the backlog to reach the inbox',
    async () => (inInbox = await pending('LT_INBOX', inboxSubjects)) >= o.docs,
    o.timeoutMs,
    50,
  );
  const drainMs = now() - t0;
  const drainCpu = cpu.stop();

  // The commune's document system comes online and takes them all (01 flows back to the sender).
  const recipient = await connect({
    servers: server.url,
    agency: offlineAgency,
    name: 'bench backlog recipient',
  });
  defer('backlog recipient client', () => recipient.close());
  const f0 = now();
  let fetched = 0;
  let ackErrors = 0;
  const inbox = recipient.inbox({ maxInFlight: 256 });
  defer('backlog recipient inbox', () => inbox.stop());
  const acks = new Set<Promise<void>>();
  const reading = (async () => {
    for await (const item of inbox) {
      const p = item.ack().catch(() => void ackErrors++);
      acks.add(p);
      void p.finally(() => acks.delete(p));
      if (++fetched >= o.docs) break;
    }
  })();
  await Promise.race([reading, sleep(o.timeoutMs)]);
  await Promise.all(acks);
  const fetchMs = now() - f0;
  let confirmed = 0;
  await waitFor(
    'the 01 statuses to reach the sender',
    async () => {
      const backlogs = await Promise.all([main.runtime.backlog(), back.runtime.backlog()]);
      return backlogs[0] + backlogs[1] === 0;
    },
    o.timeoutMs,
    100,
  );
  const settledMs = now() - f0;
  const sample = await client.snapshot(documentIdOf(sender, 'BACKLOG', o.docs - 1));
  confirmed = sample.filter((r) => r.business === BusinessStatus.BUSINESS_STATUS_ARRIVED).length;
  return {
    topology: 'demo',
    offlineNode,
    docs: o.docs,
    docBytes: o.docBytes,
    queued,
    submitMs: round(submittedMs),
    queueMs: round(queuedMs),
    restartMs: round(restartMs),
    drainMs: round(drainMs),
    drainDocsPerSec: round((o.docs * 1000) / drainMs, 1),
    drainCpu: { processMs: round(drainCpu.processMs), serverMs: round(drainCpu.serverMs) },
    inInbox,
    fetched,
    fetchAckMs: round(fetchMs),
    fetchAckDocsPerSec: round((fetched * 1000) / fetchMs, 1),
    statusesSettledMs: round(settledMs),
    lastDocumentConfirmed: confirmed === 1,
    ackErrors,
  };
}
