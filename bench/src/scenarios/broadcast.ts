/**
 * Scenario 9, broadcast: one document from a ministry to every province and commune of a 3-level
 * national tree (central → 34 provinces → 98 communes each, as after the 2025 reorganisation):
 * 3,366 recipients. Timed from `send()` called: until every copy is stored in its recipient's inbox
 * (the inbox stream's message count), and until the sender's tracking shows every recipient
 * DELIVERED (the records on the sender's track subject, followed as the SDK's Tracker does); then
 * `snapshot()` and `sent()` of the document at the sender.
 */
import { dirname } from 'node:path';
import { DeliverPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect as natsConnect } from '@nats-io/transport-node';
import {
  STREAMS,
  decodeTrackingRecord,
  generateTopology,
  parseTopology,
  trackSubject,
} from '@lienthong/core';
import type { Topology } from '@lienthong/core';
import { startNode } from '@lienthong/node';
import { NodeMetrics } from '@lienthong/node/internal';
import { startNatsServer } from '@lienthong/testkit';
import { TransportState, connect } from '@lienthong/sdk';
import type { LienthongClient } from '@lienthong/sdk';
import { benchLogger, cpuMeter, defer, startServer, tellParent } from '../lib/env';
import { documentIdOf, makeDocument } from '../lib/documents';
import { deferred, now, round, sleep } from '../lib/util';

export interface BroadcastOptions {
  readonly provinces: number;
  readonly communesPerProvince: number;
  readonly docBytes: number;
  /** Per phase (inbox, DELIVERED). */
  readonly timeoutMs: number;
  /** The domain-local shortcut (on unless false; `--no-shortcut`). */
  readonly shortcut?: boolean;
  /**
   * Each province and its communes on a leaf server with a JetStream domain of its own, the centre
   * on the hub (`central`), one node runtime per domain: the scale-out layout. Every copy then
   * crosses from the centre's domain into a province's, and every DELIVERED crosses back.
   */
  readonly domains?: boolean;
  /** With `domains`: transport events into another domain go together (on unless false). */
  readonly crossDomainBatches?: boolean;
}

/** Central → provinces → communes, one agency per node (the first is the sending ministry). */
export function broadcastTopology(o: BroadcastOptions): Topology {
  const tree = generateTopology({
    provinces: o.provinces,
    districtsPerProvince: 1,
    communesPerDistrict: o.communesPerProvince,
    agenciesPerNode: 1,
    withDistricts: false,
  });
  if (!o.domains) return tree;
  // A province's node ids are `pN` and `pN-cM`: the domain is the part before the dash.
  const json = tree.toJSON();
  return parseTopology({
    ...json,
    nodes: json.nodes.map((n) => ({ ...n, domain: n.id === 'vn' ? 'central' : n.id.split('-')[0]! })),
  });
}

/** Where the scenario's servers are: one, or a hub with a leaf per province. */
interface Servers {
  /** The server of the sender's node (the hub with domains). */
  readonly sender: { readonly url: string };
  /** The nats-server processes, for their CPU time. */
  readonly pids: readonly number[];
  /** Every server and the domain its node runtime is given (undefined: the one default domain). */
  readonly all: readonly { readonly url: string; readonly domain: string | undefined }[];
}

async function startServers(o: BroadcastOptions, topology: Topology): Promise<Servers> {
  if (!o.domains) {
    const server = await startServer('broadcast');
    return { sender: server, pids: [server.pid], all: [{ url: server.url, domain: undefined }] };
  }
  // Linked directly, leaf to hub (no proxy in this process: it would be measured with the nodes).
  const hub = await startNatsServer({ domain: 'central', leafListen: true, monitor: true });
  defer('nats-server hub', () => hub.cleanup());
  // Told to the orchestrator, which kills and removes them if this process is killed first.
  await tellParent({ type: 'server', pid: hub.pid, dataDir: dirname(hub.storeDir) });
  const all = [{ url: hub.url, domain: 'central' as string | undefined, pid: hub.pid }];
  const provinces = topology.children('vn').map((n) => n.id);
  const leaves = await Promise.all(
    provinces.map(async (domain) => {
      const leaf = await startNatsServer({ domain, leafRemotes: [{ url: hub.leafUrl! }] });
      defer(`nats-server ${domain}`, () => leaf.cleanup());
      await tellParent({ type: 'server', pid: leaf.pid, dataDir: dirname(leaf.storeDir) });
      return { url: leaf.url, domain: domain as string | undefined, pid: leaf.pid };
    }),
  );
  all.push(...leaves);
  await leafLinksUp(hub.monitorUrl!, provinces.length);
  return { sender: { url: hub.url }, pids: all.map((s) => s.pid), all };
}

/** Waits until the hub counts `n` leaf connections (bounded: 30 s). */
async function leafLinksUp(monitorUrl: string, n: number): Promise<void> {
  const deadline = now() + 30_000;
  for (;;) {
    const body = (await fetch(`${monitorUrl}/leafz`)
      .then((r) => r.json())
      .catch(() => ({}))) as { leafs?: unknown[] };
    if ((body.leafs?.length ?? 0) >= n) return;
    if (now() > deadline) throw new Error(`only ${body.leafs?.length ?? 0} of ${n} leaf links up after 30 s`);
    await sleep(50);
  }
}

/** Counts recipients whose record on the sender's track subject reached DELIVERED (or FETCHED). */
class DeliveredWatch {
  readonly delivered = new Map<string, Set<string>>();
  private waiters: { documentId: string; n: number; done: () => void }[] = [];

  see(documentId: string, recipient: string, state: number): void {
    if (
      state !== TransportState.TRANSPORT_STATE_DELIVERED &&
      state !== TransportState.TRANSPORT_STATE_FETCHED
    )
      return;
    const set = this.delivered.get(documentId) ?? new Set<string>();
    this.delivered.set(documentId, set);
    set.add(recipient);
    this.waiters = this.waiters.filter((w) => {
      if (w.documentId !== documentId || set.size < w.n) return true;
      w.done();
      return false;
    });
  }

  count(documentId: string): number {
    return this.delivered.get(documentId)?.size ?? 0;
  }

  async until(documentId: string, n: number, timeoutMs: number): Promise<number> {
    if (this.count(documentId) >= n) return now();
    const d = deferred();
    this.waiters.push({ documentId, n, done: d.resolve });
    const ok = await Promise.race([d.promise.then(() => true), sleep(timeoutMs).then(() => false)]);
    if (!ok) {
      throw new Error(
        `timed out after ${timeoutMs} ms: ${this.count(documentId)} of ${n} recipients DELIVERED for ${documentId}`,
      );
    }
    return now();
  }
}

export async function broadcast(o: BroadcastOptions): Promise<Record<string, unknown>> {
  const topology = broadcastTopology(o);
  const servers = await startServers(o, topology);
  // One after another: 35 runtimes creating their streams at once time out the JetStream API.
  const runtimes: Awaited<ReturnType<typeof startNode>>[] = [];
  for (const { url, domain } of servers.all) {
    const name = `bench-broadcast${domain ? `-${domain}` : ''}`;
    const where = domain
      ? {
          domain,
          nodes: topology
            .nodes()
            .filter((n) => n.domain === domain)
            .map((n) => n.id),
        }
      : {};
    const node = await startNode(
      {
        servers: url,
        topology,
        name,
        domainShortcut: o.shortcut ?? true,
        crossDomainBatches: o.crossDomainBatches ?? true,
        ...where,
      },
      { logger: benchLogger(name) },
    );
    defer(`node runtime ${name}`, () => node.stop());
    runtimes.push(node);
  }
  const sender = topology.agenciesOf('vn')[0]!.code;
  const everyone = topology
    .agencies()
    .map((a) => a.code)
    .filter((c) => c !== sender);
  const client: LienthongClient = await connect({
    servers: servers.sender.url,
    agency: sender,
    ...(o.domains ? { domain: 'central' } : {}),
    name: 'bench ministry',
  });
  defer('ministry client', () => client.close());

  // The sender's track subject, followed from now on.
  const watch = new DeliveredWatch();
  const observer = await natsConnect({
    servers: servers.sender.url,
    name: 'bench observer',
    noAsyncTraces: true,
  });
  defer('observer connection', () => observer.drain().catch(() => observer.close()));
  const consumer = await jetstream(observer).consumers.get(STREAMS.track, {
    filter_subjects: trackSubject('central', 'vn', sender),
    deliver_policy: DeliverPolicy.New,
  });
  const messages = await consumer.consume();
  defer('track watch', async () => messages.stop());
  void (async () => {
    for await (const m of messages) {
      try {
        const r = decodeTrackingRecord(m.data);
        watch.see(r.documentId, r.recipient, r.transport);
      } catch {
        // not a record
      }
    }
  })().catch(() => undefined);

  // Asked on connections of their own: the runtimes' are busy with the broadcast's megabytes.
  const counters = await Promise.all(
    servers.all.map(async ({ url }, i) => {
      const nc =
        i === 0
          ? observer
          : await natsConnect({ servers: url, name: 'bench inbox count', noAsyncTraces: true });
      if (i > 0) defer('inbox count connection', () => nc.drain().catch(() => nc.close()));
      return jetstreamManager(nc);
    }),
  );
  const inboxCount = async (): Promise<number> => {
    const counts = await Promise.all(
      counters.map(async (jsm) => (await jsm.streams.info(STREAMS.inbox)).state.messages),
    );
    return counts.reduce((a, b) => a + b, 0);
  };

  /** One broadcast to `recipients`; the inbox stream holds `before` messages when it starts. */
  const once = async (tag: string, recipients: readonly string[]): Promise<Record<string, number>> => {
    const documentId = documentIdOf(sender, tag, 1);
    const doc = makeDocument(sender, recipients, documentId, o.docBytes);
    const step = async <T>(what: string, p: Promise<T>): Promise<T> => {
      try {
        return await p;
      } catch (e) {
        throw new Error(`${tag}: ${what}: ${String((e as Error)?.message ?? e)}`);
      }
    };
    const before = await step('inbox stream info', inboxCount());
    const cpu = cpuMeter(servers.pids);
    const t0 = now();
    await step('send()', client.send(doc));
    const custodyMs = now() - t0;
    let inboxAt = 0;
    const inboxDeadline = t0 + o.timeoutMs;
    for (;;) {
      // A server busy with the broadcast may answer late: asked again until the deadline.
      const n = (await inboxCount().catch(() => before)) - before;
      if (n >= recipients.length) {
        inboxAt = now();
        break;
      }
      if (now() > inboxDeadline) {
        throw new Error(`${tag}: ${n} of ${recipients.length} in their inboxes after ${o.timeoutMs} ms`);
      }
      await sleep(o.domains ? 50 : 10);
    }
    const deliveredAt = await watch.until(documentId, recipients.length, o.timeoutMs);
    const used = cpu.stop();
    const s0 = now();
    const records = await step('snapshot()', client.snapshot(documentId, { timeoutMs: 60_000 }));
    const snapshotMs = now() - s0;
    const notDelivered = records.filter(
      (r) =>
        r.transport !== TransportState.TRANSPORT_STATE_DELIVERED &&
        r.transport !== TransportState.TRANSPORT_STATE_FETCHED,
    ).length;
    if (records.length !== recipients.length || notDelivered > 0) {
      throw new Error(
        `${tag}: snapshot() gave ${records.length} records for ${recipients.length} recipients, ${notDelivered} not DELIVERED`,
      );
    }
    const q0 = now();
    const sent = await step('sent()', client.sent({ timeoutMs: 60_000 }));
    const sentMs = now() - q0;
    const listed = sent.find((d) => d.documentId === documentId)?.recipients.length ?? 0;
    if (listed !== recipients.length) throw new Error(`${tag}: sent() lists ${listed} recipients`);
    return {
      recipients: recipients.length,
      custodyMs: round(custodyMs),
      allInInboxMs: round(inboxAt - t0),
      allDeliveredMs: round(deliveredAt - t0),
      snapshotMs: round(snapshotMs),
      sentMs: round(sentMs),
      processCpuMs: round(used.processMs),
      serverCpuMs: round(used.serverMs),
    };
  };

  // Warm-up: one province and its communes.
  const firstProvince = topology.agenciesOf('p1')[0]!.code;
  const warmupRecipients = everyone.filter(
    (c) => c === firstProvince || topology.homeNodeOf(c)?.id.startsWith('p1-'),
  );
  const warmup = await once('WARMUP', warmupRecipients);
  const timed = await once('BROADCAST', everyone);
  return {
    topology: {
      nodes: topology.nodes().length,
      provinces: o.provinces,
      communesPerProvince: o.communesPerProvince,
    },
    docBytes: o.docBytes,
    shortcut: o.shortcut ?? true,
    domains: o.domains ? servers.all.length : 1,
    crossDomainBatches: o.crossDomainBatches ?? true,
    warmup,
    ...timed,
    counters: sumCounters(runtimes.map((n) => n.runtime.counters)),
    crossDomain: await crossDomainCounts(runtimes),
  };
}

/** The runtimes' counters added up, name by name. */
function sumCounters(all: readonly object[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of all)
    for (const [k, v] of Object.entries(c)) if (typeof v === 'number') out[k] = (out[k] ?? 0) + v;
  return out;
}

/** Transport events the runtimes sent into another domain, alone and in batches, and the batches. */
async function crossDomainCounts(
  runtimes: readonly Awaited<ReturnType<typeof startNode>>[],
): Promise<Record<string, number>> {
  const out: Record<string, number> = { alone: 0, batched: 0, batches: 0 };
  for (const n of runtimes) {
    const metrics = await n.container.resolve(NodeMetrics).registry.getMetricsAsJSON();
    for (const m of metrics) {
      for (const v of m.values) {
        if (m.name === 'lienthong_cross_domain_transport_events_total') {
          const how = String(v.labels.sent);
          out[how] = (out[how] ?? 0) + v.value;
        } else if (m.name === 'lienthong_cross_domain_batches_total') out.batches! += v.value;
      }
    }
  }
  return out;
}
