/**
 * Scenario 9, broadcast: one document from a ministry to every province and commune of a 3-level
 * national tree (central → 34 provinces → 98 communes each, as after the 2025 reorganisation):
 * 3,366 recipients. Timed from `send()` called: until every copy is stored in its recipient's inbox
 * (the inbox stream's message count), and until the sender's tracking shows every recipient
 * DELIVERED (the records on the sender's track subject, followed as the SDK's Tracker does); then
 * `snapshot()` and `sent()` of the document at the sender.
 */
import { DeliverPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect as natsConnect } from '@nats-io/transport-node';
import { STREAMS, decodeTrackingRecord, generateTopology, trackSubject } from '@lienthong/core';
import type { Topology } from '@lienthong/core';
import { startNode } from '@lienthong/node';
import { TransportState, connect } from '@lienthong/sdk';
import type { LienthongClient } from '@lienthong/sdk';
import { benchLogger, cpuMeter, defer, startServer } from '../lib/env';
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
}

/** Central → provinces → communes, one agency per node (the first is the sending ministry). */
export function broadcastTopology(o: BroadcastOptions): Topology {
  return generateTopology({
    provinces: o.provinces,
    districtsPerProvince: 1,
    communesPerDistrict: o.communesPerProvince,
    agenciesPerNode: 1,
    withDistricts: false,
  });
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
  const server = await startServer('broadcast');
  const node = await startNode(
    { servers: server.url, topology, name: 'bench-broadcast', domainShortcut: o.shortcut ?? true },
    { logger: benchLogger('bench-broadcast') },
  );
  defer('node runtime broadcast', () => node.stop());
  const sender = topology.agenciesOf('vn')[0]!.code;
  const everyone = topology
    .agencies()
    .map((a) => a.code)
    .filter((c) => c !== sender);
  const client: LienthongClient = await connect({
    servers: server.url,
    agency: sender,
    name: 'bench ministry',
  });
  defer('ministry client', () => client.close());

  // The sender's track subject, followed from now on.
  const watch = new DeliveredWatch();
  const observer = await natsConnect({ servers: server.url, name: 'bench observer', noAsyncTraces: true });
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

  // Asked on the observer's own connection: the runtime's is busy with the broadcast's megabytes.
  const jsm = await jetstreamManager(observer);
  const inboxCount = async (): Promise<number> => (await jsm.streams.info(STREAMS.inbox)).state.messages;

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
    const cpu = cpuMeter(server.pid);
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
      await sleep(10);
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
    warmup,
    ...timed,
    counters: { ...node.runtime.counters },
  };
}
