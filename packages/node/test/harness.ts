/**
 * Test harness of the node runtime's integration suite: real nats-server processes (testkit), real
 * node runtimes (startNode), real SDK clients, and read-only views of the streams and buckets a user
 * or an integrator would look at. Everything a test starts is registered here and torn down by
 * `cleanup()`, in reverse order, even when the test failed half-way.
 */
import { resolve } from 'node:path';
import { connect as natsConnect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/transport-node';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import type { KV } from '@nats-io/kv';
import {
  BUCKETS,
  agencyToToken,
  decodeDeadLetter,
  decodeEnvelope,
  decodeTrackingRecord,
  deadSubject,
  encodeEnvelope,
  inboxFilter,
  submitSubject,
  trackSubject,
  trackingKey,
  trackingSenderFilter,
} from '@lienthong/core';
import type { Topology } from '@lienthong/core';
import { STREAMS } from '@lienthong/core';
import { createLogger, loadTopologyFile, startNode } from '@lienthong/node';
import type { NodeContainerOptions, NodeRuntimeConfig, RunningNode } from '@lienthong/node';
import { EnvelopeKind, SCHEMA_VERSION } from '@lienthong/proto';
import type {
  DeadLetter,
  Envelope,
  IDocument,
  IEnvelope,
  TrackingRecord,
  BusinessStatus,
} from '@lienthong/proto';
import { connect } from '@lienthong/sdk';
import type { Inbox, InboxItem, LienthongClient } from '@lienthong/sdk';
import { eventually, startNatsServer, waitFor, within } from '@lienthong/testkit';

export { sleep, waitFor, within } from '@lienthong/testkit';
import type { NatsServer, NatsServerOptions } from '@lienthong/testkit';

export const DEMO_TOPOLOGY_FILE = resolve(__dirname, '../../../deploy/topology.demo.json');

export function demoTopology(): Topology {
  return loadTopologyFile(DEMO_TOPOLOGY_FILE);
}

/** Agencies of the demo topology, one or two per level, named by where they sit. */
export const A = {
  /** Văn phòng Chính phủ, node vn (central). */
  government: '000.00.00.G22',
  /** UBND tỉnh Nghệ An, node h41 (province). */
  nghean: '000.00.00.H41',
  /** Sở Nội vụ Nghệ An: a second agency on node h41. */
  noivu: '000.00.01.H41',
  /** UBND tỉnh Hà Tĩnh, node h27 (province). */
  hatinh: '000.00.00.H27',
  /** UBND huyện Yên Thành, node h41-yenthanh (district). */
  yenthanh: '000.00.43.H41',
  /** UBND huyện Quỳnh Lưu, node h41-quynhluu (district). */
  quynhluu: '000.00.44.H41',
  /** UBND huyện Hương Sơn, node h27-huongson (district, other province). */
  huongson: '000.00.41.H27',
  /** UBND xã Bảo Thành, node h41-yenthanh-xa1 (commune). */
  baothanh: '000.01.43.H41',
  /** UBND xã Công Thành, node h41-yenthanh-xa2 (commune, same district as Bảo Thành). */
  congthanh: '000.02.43.H41',
  /** UBND xã Quỳnh Thạch, node h41-quynhluu-xa1 (commune, other district). */
  quynhthach: '000.01.44.H41',
  /** UBND xã Sơn Tây, node h27-huongson-xa1 (commune, other province). */
  sontay: '000.01.41.H27',
} as const;

let documentCounter = 0;
const RUN = Date.now().toString(36);

/** A fresh document id of `sender`, in the edXML shape `{sender},{yyyy/MM/dd},{number}/{notation}`. */
export function docId(sender: string, tag = 'TEST'): string {
  documentCounter += 1;
  return `${sender},2026/01/15,${RUN}${documentCounter}/${tag}`;
}

/** A plain document from `from` to `to`. */
export function documentOf(
  id: string,
  from: string,
  to: readonly string[],
  extra: IDocument = {},
): IDocument {
  return {
    documentId: id,
    from: { code: from },
    to: to.map((code) => ({ code })),
    codeNumber: '1',
    codeNotation: 'TEST',
    promulgationDate: '2026-01-15',
    documentType: { type: 1, typeName: 'Công văn' },
    subject: `Kiểm thử ${id}`,
    ...extra,
  };
}

/** One message as stored in a stream. */
export interface Stored {
  readonly subject: string;
  readonly seq: number;
  readonly data: Uint8Array;
  /** `Lt-Kind` of a track message: `tracking` (a record's change) or `rejection` (a notice). */
  readonly kind?: string;
}

/** Read-only views of one server's streams and buckets, as an operator or integrator sees them. */
export class Inspector {
  private constructor(
    readonly nc: NatsConnection,
    readonly js: JetStreamClient,
    readonly jsm: JetStreamManager,
    readonly tracking: KV,
    readonly topology: Topology,
  ) {}

  static async open(server: NatsServer, topology: Topology): Promise<Inspector> {
    const nc = await natsConnect({
      servers: server.url,
      name: 'lt-test-inspector',
      maxReconnectAttempts: -1,
      reconnectTimeWait: 250,
    });
    const js = jetstream(nc);
    const jsm = await jetstreamManager(nc);
    const tracking = await new Kvm(js).open(BUCKETS.tracking);
    return new Inspector(nc, js, jsm, tracking, topology);
  }

  /** Messages on `filter` in `stream`, by subject. */
  async countBySubject(stream: string, filter: string): Promise<Map<string, number>> {
    const info = await this.jsm.streams.info(stream, { subjects_filter: filter });
    return new Map(Object.entries(info.state.subjects ?? {}));
  }

  async count(stream: string, filter: string): Promise<number> {
    let n = 0;
    for (const c of (await this.countBySubject(stream, filter)).values()) n += c;
    return n;
  }

  /** Every message stored on `filter` in `stream`, oldest first (an ordered consumer reads them). */
  async read(stream: string, filter: string): Promise<Stored[]> {
    const total = await this.count(stream, filter);
    if (total === 0) return [];
    const out: Stored[] = [];
    const consumer = await this.js.consumers.get(stream, { filter_subjects: filter });
    const messages = await consumer.consume({ max_messages: 256 });
    await within(
      10_000,
      `reading ${total} messages of ${stream} on ${filter}`,
      (async () => {
        for await (const m of messages) {
          const kind = m.headers?.get('Lt-Kind');
          out.push({ subject: m.subject, seq: m.seq, data: m.data, ...(kind ? { kind } : {}) });
          if (m.info.pending === 0) break;
        }
      })(),
    ).finally(() => messages.stop());
    return out;
  }

  /** Every item in an agency's inbox (LT_INBOX, one message per subject), decoded. */
  async inbox(agency: string): Promise<Envelope[]> {
    const home = this.topology.homeNodeOf(agency);
    const subjects = await this.countBySubject(STREAMS.inbox, inboxFilter(home.level, home.id, agency));
    const out: Envelope[] = [];
    for (const [subject, n] of subjects) {
      if (n !== 1) throw new Error(`${subject} holds ${n} messages; an inbox subject holds at most one`);
      const m = await this.jsm.streams.getMessage(STREAMS.inbox, { last_by_subj: subject });
      if (m) out.push(decodeEnvelope(m.data));
    }
    return out;
  }

  /** How many inbox items of `kind` the agency has per document id. */
  async inboxCounts(
    agency: string,
    kind = EnvelopeKind.ENVELOPE_KIND_DOCUMENT,
  ): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    for (const e of await this.inbox(agency)) {
      if (e.kind === kind) counts.set(e.documentId, (counts.get(e.documentId) ?? 0) + 1);
    }
    return counts;
  }

  /** Dead letters of a node, decoded. */
  async deadLetters(nodeId: string): Promise<DeadLetter[]> {
    const n = this.topology.node(nodeId);
    return (await this.read(STREAMS.dead, deadSubject(n.level, n.id))).map((m) => decodeDeadLetter(m.data));
  }

  /** Everything published on an agency's track subject at its home node (or at `nodeId`), decoded. */
  async trackMessages(agency: string, nodeId?: string): Promise<TrackingRecord[]> {
    const n = this.topology.node(nodeId ?? this.topology.homeNodeOf(agency).id);
    return (await this.read(STREAMS.track, trackSubject(n.level, n.id, agency))).map((m) =>
      decodeTrackingRecord(m.data),
    );
  }

  /** The notices of refused submissions on an agency's track subject (`Lt-Kind: rejection`). */
  async rejectionNotices(agency: string): Promise<TrackingRecord[]> {
    const n = this.topology.homeNodeOf(agency);
    return (await this.read(STREAMS.track, trackSubject(n.level, n.id, agency)))
      .filter((m) => m.kind === 'rejection')
      .map((m) => decodeTrackingRecord(m.data));
  }

  /**
   * One tracking record, read by its key from the `lt_tracking` bucket (part of the public contract).
   * Read by key rather than listed: nats.js 3.4 `kv.keys()` against 2.9.10 can stall for 30 s (and
   * list a key twice) while the key is being updated, which is exactly when tests look.
   */
  async record(sender: string, documentId: string, recipient: string): Promise<TrackingRecord | undefined> {
    const e = await this.tracking.get(trackingKey(sender, documentId, recipient));
    return e && e.operation === 'PUT' ? decodeTrackingRecord(e.value) : undefined;
  }

  /** The records of a document for the given recipients, in that order; absent ones are left out. */
  async records(
    sender: string,
    documentId: string,
    recipients: readonly string[],
  ): Promise<TrackingRecord[]> {
    const out: TrackingRecord[] = [];
    for (const r of recipients) {
      const rec = await this.record(sender, documentId, r);
      if (rec) out.push(rec);
    }
    return out;
  }

  /** Every tracking record of a sender; the keys come from the bucket stream's subject list. */
  async trackingOf(sender: string): Promise<TrackingRecord[]> {
    const prefix = `$KV.${BUCKETS.tracking}.`;
    const subjects = await this.countBySubject(
      `KV_${BUCKETS.tracking}`,
      `${prefix}${trackingSenderFilter(sender)}`,
    );
    const out: TrackingRecord[] = [];
    const keys = [...subjects.keys()].map((s) => s.slice(prefix.length));
    for (let i = 0; i < keys.length; i += 32) {
      const batch = await Promise.all(keys.slice(i, i + 32).map((k) => this.tracking.get(k)));
      for (const e of batch) if (e && e.operation === 'PUT') out.push(decodeTrackingRecord(e.value));
    }
    return out;
  }

  /**
   * The agency's durable inbox consumer: items not handed out yet, and handed out but not
   * acknowledged. Both 0, with one message per inbox subject, means no further copy can come.
   */
  async inboxConsumer(agency: string): Promise<{ pending: number; ackPending: number }> {
    const info = await this.jsm.consumers.info(STREAMS.inbox, `lt-inbox-${agencyToToken(agency)}`);
    return { pending: info.num_pending, ackPending: info.num_ack_pending };
  }

  /**
   * True once nothing is on its way: the agencies' inboxes were handed out and acknowledged in
   * full, then LT_SUBMIT, then LT_RELAY are empty. Read in that order, since work only moves that
   * way (an acknowledged item's 01 is in LT_SUBMIT first; a node stores what it hands on before it
   * acknowledges what it took), each count at one instant is proof, not a guess.
   */
  async settled(agencies: readonly string[]): Promise<boolean> {
    for (const a of agencies) {
      const c = await this.inboxConsumer(a);
      if (c.pending + c.ackPending > 0) return false;
    }
    if ((await this.jsm.streams.info(STREAMS.submit)).state.messages > 0) return false;
    return (await this.jsm.streams.info(STREAMS.relay)).state.messages === 0;
  }

  /**
   * Each of `ids` is in the agency's inbox once (an inbox subject holds one message: `inbox()`
   * refuses more), and its inbox consumer has handed out and seen acknowledged every item.
   */
  async expectInboxedOnce(agency: string, ids: readonly string[]): Promise<void> {
    const counts = await this.inboxCounts(agency);
    for (const id of ids) expect({ id, n: counts.get(id) }).toEqual({ id, n: 1 });
    expect(await this.inboxConsumer(agency)).toEqual({ pending: 0, ackPending: 0 });
  }

  /** Messages waiting in the custody queues (LT_SUBMIT + LT_RELAY). */
  async custodyBacklog(): Promise<number> {
    const [s, r] = await Promise.all([
      this.jsm.streams.info(STREAMS.submit),
      this.jsm.streams.info(STREAMS.relay),
    ]);
    return s.state.messages + r.state.messages;
  }

  /** Publishes raw bytes on an agency's submit subject at its home node (or at `nodeId`). */
  async submitRaw(agency: string, data: Uint8Array, msgID: string, nodeId?: string): Promise<void> {
    const n = this.topology.node(nodeId ?? this.topology.homeNodeOf(agency).id);
    await this.js.publish(submitSubject(n.level, n.id, agency), data, { msgID });
  }

  /** Submits a document envelope as an SDK would, but with full control of every field. */
  async submitDocument(
    agency: string,
    doc: IDocument,
    msgID: string,
    over: Partial<IEnvelope> = {},
  ): Promise<void> {
    const env: IEnvelope = {
      schemaVersion: SCHEMA_VERSION,
      envelopeId: `raw-${msgID}`.replace(/[^A-Za-z0-9-]/g, '-'),
      kind: EnvelopeKind.ENVELOPE_KIND_DOCUMENT,
      documentId: doc.documentId ?? '',
      originAgency: agency,
      originNode: this.topology.homeNodeOf(agency).id,
      recipients: (doc.to ?? []).map((o) => o.code ?? ''),
      createdAtMs: Date.now(),
      document: doc,
      ...over,
    };
    await this.submitRaw(agency, encodeEnvelope(env), msgID);
  }

  /** Submits a business status report with an explicit timestamp (the SDK always uses "now"). */
  async submitStatus(
    responder: string,
    documentId: string,
    sender: string,
    code: BusinessStatus,
    timestampMs: number,
    description = '',
  ): Promise<void> {
    const env: IEnvelope = {
      schemaVersion: SCHEMA_VERSION,
      envelopeId: `raw-status-${code}-${timestampMs}`,
      kind: EnvelopeKind.ENVELOPE_KIND_STATUS,
      documentId,
      originAgency: responder,
      originNode: this.topology.homeNodeOf(responder).id,
      recipients: [sender],
      createdAtMs: timestampMs,
      status: { code, responder, documentId, documentSender: sender, description, timestampMs },
    };
    await this.submitRaw(
      responder,
      encodeEnvelope(env),
      `raw-status:${responder}:${documentId}:${code}:${timestampMs}`,
    );
  }

  async close(): Promise<void> {
    await this.nc.close().catch(() => undefined);
  }
}

/** An SDK inbox consumed in the background: every item is acknowledged (01) and kept. */
export class InboxReader {
  readonly items: InboxItem[] = [];
  /** What went wrong in `ack` (after retries) or in the item handler; tests expect none. */
  readonly errors: unknown[] = [];
  private readonly done: Promise<void>;
  private readonly inbox: Inbox;

  constructor(
    readonly client: LienthongClient,
    opts: { ack?: boolean; onItem?: (item: InboxItem) => Promise<void> } = {},
  ) {
    const inbox = client.inbox({ maxInFlight: 64 });
    this.inbox = inbox;
    const ack = opts.ack ?? true;
    this.done = (async () => {
      for await (const item of inbox) {
        this.items.push(item);
        try {
          // An ack can fail while the server restarts; the SDK allows calling it again.
          if (ack)
            await eventually(() => item.ack({ timeoutMs: 2_000 }), { timeoutMs: 20_000, intervalMs: 200 });
          if (opts.onItem) await opts.onItem(item);
        } catch (e) {
          this.errors.push(e);
        }
      }
    })().catch((e: unknown) => {
      this.errors.push(e);
    });
  }

  documents(): InboxItem[] {
    return this.items.filter((i) => i.kind === 'document');
  }

  /** Items per document id of one kind. */
  counts(kind: 'document' | 'recall' = 'document'): Map<string, number> {
    const m = new Map<string, number>();
    for (const i of this.items) if (i.kind === kind) m.set(i.documentId, (m.get(i.documentId) ?? 0) + 1);
    return m;
  }

  async waitForDocuments(n: number, timeoutMs = 15_000): Promise<InboxItem[]> {
    return waitFor(
      `${n} documents in the inbox of ${this.client.agency}`,
      () => (this.documents().length >= n ? this.documents() : false),
      timeoutMs,
    );
  }

  async stop(): Promise<void> {
    await this.inbox.stop();
    await within(5_000, `inbox reader of ${this.client.agency} to stop`, this.done).catch(() => undefined);
  }
}

/**
 * Owns everything a test starts. `cleanup()` closes clients, stops runtimes and servers, in that
 * order, and never throws (a failed test still releases its processes).
 */
export class Harness {
  private readonly servers: NatsServer[] = [];
  private readonly nodes: RunningNode[] = [];
  private readonly clients: LienthongClient[] = [];
  private readonly inspectors: Inspector[] = [];
  private readonly readers: InboxReader[] = [];

  /** The runtimes started so far (stopped ones included), oldest first. */
  get running(): readonly RunningNode[] {
    return this.nodes;
  }

  async server(opts: NatsServerOptions = {}): Promise<NatsServer> {
    const s = await startNatsServer(opts);
    this.servers.push(s);
    return s;
  }

  async node(
    server: NatsServer,
    topology: Topology,
    config: Partial<Omit<NodeRuntimeConfig, 'servers' | 'topology'>> = {},
    opts: Pick<NodeContainerOptions, 'configure'> = {},
  ): Promise<RunningNode> {
    const name = config.name ?? `lt-test-${this.nodes.length}`;
    const logger = createLogger({ name, level: process.env.LT_TEST_LOG_LEVEL ?? 'silent' });
    const n = await startNode({ servers: server.url, topology, name, ...config }, { logger, ...opts });
    this.nodes.push(n);
    return n;
  }

  async client(server: NatsServer, agency: string): Promise<LienthongClient> {
    const c = await connect({ servers: server.url, agency, defaultTimeoutMs: 10_000 });
    this.clients.push(c);
    return c;
  }

  async inspector(server: NatsServer, topology: Topology): Promise<Inspector> {
    const i = await Inspector.open(server, topology);
    this.inspectors.push(i);
    return i;
  }

  reader(client: LienthongClient, opts?: ConstructorParameters<typeof InboxReader>[1]): InboxReader {
    const r = new InboxReader(client, opts);
    this.readers.push(r);
    return r;
  }

  async cleanup(): Promise<void> {
    const quietly = async (what: string, p: Promise<unknown>): Promise<void> => {
      await within(15_000, what, p).catch(() => undefined);
    };
    await Promise.all(this.readers.splice(0).map((r) => quietly('inbox reader stop', r.stop())));
    await Promise.all(this.clients.splice(0).map((c) => quietly('client close', c.close())));
    await Promise.all(this.inspectors.splice(0).map((i) => quietly('inspector close', i.close())));
    await Promise.all(
      this.nodes.splice(0).map(async (n) => {
        // A drain that does not finish (a handler stuck on the server) must not keep a connection
        // reconnecting forever after the server is gone: close it.
        await quietly('node stop', n.stop());
        await quietly('node connection close', n.nats.nc.close());
      }),
    );
    await Promise.all(this.servers.splice(0).map((s) => quietly('server cleanup', s.cleanup())));
  }
}
