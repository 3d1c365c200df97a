/**
 * A small world for the SDK suite: a real nats-server (testkit), a real node runtime hosting the demo
 * topology (startNode), and SDK clients. Everything started here is torn down by `cleanup()`, even
 * when a test failed half-way; every wait is bounded.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  STREAMS,
  agencyToToken,
  encodeEnvelope,
  envelopeIdFor,
  inboxFilter,
  inboxSubject,
} from '@lienthong/core';
import type { Topology } from '@lienthong/core';
import { AUTH_CONFIG, CredentialStore, createLogger, loadTopologyFile, startNode } from '@lienthong/node';
import type { IdentityCredentials, NodeRuntimeConfig, RunningNode } from '@lienthong/node';
import { BusinessStatus, EnvelopeKind, SCHEMA_VERSION } from '@lienthong/proto';
import type { IDocument, IEnvelope } from '@lienthong/proto';
import { LienthongError, connect } from '@lienthong/sdk';
import type { ConnectOptions, Inbox, InboxItem, LienthongClient, Tracker } from '@lienthong/sdk';
import { startNatsServer, waitFor, within } from '@lienthong/testkit';

export { sleep, waitFor, within } from '@lienthong/testkit';
import type { NatsServer, NatsServerOptions } from '@lienthong/testkit';

export const DEMO_TOPOLOGY_FILE = resolve(__dirname, '../../../deploy/topology.demo.json');

/** Agencies of the demo topology, named by where they sit. */
export const A = {
  /** Văn phòng Chính phủ, node vn (central). */
  government: '000.00.00.G22',
  /** UBND tỉnh Nghệ An, node h41 (province). */
  nghean: '000.00.00.H41',
  /** Sở Nội vụ Nghệ An, node h41. */
  noivu: '000.00.01.H41',
  /** Sở Tài chính Nghệ An, node h41. */
  taichinh: '000.00.11.H41',
  /** UBND tỉnh Hà Tĩnh, node h27 (province). */
  hatinh: '000.00.00.H27',
  /** UBND huyện Yên Thành, node h41-yenthanh (district). */
  yenthanh: '000.00.43.H41',
  /** UBND huyện Quỳnh Lưu, node h41-quynhluu (district). */
  quynhluu: '000.00.44.H41',
  /** UBND huyện Hương Sơn, node h27-huongson (district). */
  huongson: '000.00.41.H27',
  /** UBND xã Bảo Thành, node h41-yenthanh-xa1 (commune). */
  baothanh: '000.01.43.H41',
  /** UBND xã Công Thành, node h41-yenthanh-xa2 (commune). */
  congthanh: '000.02.43.H41',
  /** UBND xã Quỳnh Thạch, node h41-quynhluu-xa1 (commune). */
  quynhthach: '000.01.44.H41',
  /** UBND xã Quỳnh Văn, node h41-quynhluu-xa2 (commune). */
  quynhvan: '000.02.44.H41',
  /** UBND xã Sơn Tây, node h27-huongson-xa1 (commune). */
  sontay: '000.01.41.H27',
} as const;

/** The LienthongError `p` rejects with (the test fails if it resolves or rejects with anything else). */
export async function errorOf(p: Promise<unknown>): Promise<LienthongError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(LienthongError);
  return e as LienthongError;
}

export function demoTopology(): Topology {
  return loadTopologyFile(DEMO_TOPOLOGY_FILE);
}

let counter = 0;
const RUN = Date.now().toString(36);

/** A fresh document id of `sender`, in the edXML shape `{sender},{yyyy/MM/dd},{number}/{notation}`. */
export function docId(sender: string, tag = 'SDK'): string {
  counter += 1;
  return `${sender},2026/01/15,${RUN}${counter}/${tag}`;
}

/** A plain document to `to`. */
export function documentTo(id: string, to: readonly string[], extra: IDocument = {}): IDocument {
  return {
    documentId: id,
    to: to.map((code) => ({ code })),
    codeNumber: id.split(',')[2]?.split('/')[0] ?? '1',
    codeNotation: 'SDK',
    promulgationDate: '2026-01-15',
    documentType: { type: 1, typeName: 'Công văn' },
    subject: `Kiểm thử ${id}`,
    ...extra,
  };
}

/** The envelope a recipient's home node puts in its inbox for a document. */
export function documentOf(id: string, sender: string, recipient: string): IEnvelope {
  return {
    schemaVersion: SCHEMA_VERSION,
    // The id the sender's home node gives a new document (node's envelopeIdOf).
    envelopeId: envelopeIdFor(['document', sender, id, '0']),
    kind: EnvelopeKind.ENVELOPE_KIND_DOCUMENT,
    documentId: id,
    originAgency: sender,
    originNode: 'h27-huongson-xa1',
    recipients: [recipient],
    createdAtMs: Date.now(),
    hops: [],
    hopLimit: 16,
    document: { ...documentTo(id, [recipient]), from: { code: sender } },
  };
}

/** The envelope a recipient's home node puts in its inbox for a recall (13) of a document. */
export function recallOf(id: string, sender: string, recipient: string): IEnvelope {
  const at = Date.now();
  return {
    schemaVersion: SCHEMA_VERSION,
    envelopeId: envelopeIdFor(['status', sender, sender, id, '13', String(at)]),
    kind: EnvelopeKind.ENVELOPE_KIND_STATUS,
    documentId: id,
    originAgency: sender,
    originNode: 'h27-huongson-xa1',
    recipients: [recipient],
    createdAtMs: at,
    hops: [],
    hopLimit: 16,
    status: {
      code: BusinessStatus.BUSINESS_STATUS_RECALL_REQUESTED,
      responder: sender,
      documentId: id,
      documentSender: sender,
      description: 'Ban hành nhầm',
      timestampMs: at,
    },
  };
}

/** Puts an envelope in an agency's inbox as its home node does (same subject, same stream). */
export async function deliver(w: World, recipient: string, env: IEnvelope): Promise<void> {
  const home = w.topology.homeNodeOf(recipient);
  const subject = inboxSubject(home.level, home.id, recipient, env.envelopeId!.toLowerCase());
  await w.node!.nats.js.publish(subject, encodeEnvelope(env), { msgID: `test:${env.envelopeId}` });
}

/** An inbox read in the background: every item is kept (and acknowledged unless `ack: false`). */
export class InboxReader {
  readonly items: InboxItem[] = [];
  readonly inbox: Inbox;
  private readonly done: Promise<void>;

  constructor(
    readonly client: LienthongClient,
    opts: {
      ack?: boolean;
      maxInFlight?: number;
      redeliverAfterMs?: number;
      onItem?: (item: InboxItem) => Promise<void>;
    } = {},
  ) {
    const inbox = client.inbox({
      maxInFlight: opts.maxInFlight ?? 64,
      ...(opts.redeliverAfterMs !== undefined ? { redeliverAfterMs: opts.redeliverAfterMs } : {}),
    });
    this.inbox = inbox;
    const ack = opts.ack ?? true;
    this.done = (async () => {
      for await (const item of inbox) {
        this.items.push(item);
        if (ack) await item.ack();
        if (opts.onItem) await opts.onItem(item);
      }
    })().catch((e: unknown) => {
      this.error = e;
    });
  }

  /** What ended the reading loop early, if anything did. */
  error: unknown;

  of(kind: 'document' | 'recall' = 'document'): InboxItem[] {
    return this.items.filter((i) => i.kind === kind);
  }

  /** Items of `kind` per document id. */
  counts(kind: 'document' | 'recall' = 'document'): Map<string, number> {
    const m = new Map<string, number>();
    for (const i of this.of(kind)) m.set(i.documentId, (m.get(i.documentId) ?? 0) + 1);
    return m;
  }

  async waitFor(
    n: number,
    kind: 'document' | 'recall' = 'document',
    timeoutMs = 15_000,
  ): Promise<InboxItem[]> {
    return waitFor(
      `${n} ${kind} items in the inbox of ${this.client.agency}`,
      () => (this.of(kind).length >= n ? this.of(kind) : false),
      timeoutMs,
    );
  }

  /** The first item of `kind` for a document id. */
  async waitForId(
    documentId: string,
    kind: 'document' | 'recall' = 'document',
    timeoutMs = 15_000,
  ): Promise<InboxItem> {
    return waitFor(
      `${kind} ${documentId} in the inbox of ${this.client.agency}`,
      () => this.of(kind).find((i) => i.documentId === documentId) ?? false,
      timeoutMs,
    );
  }

  async stop(): Promise<void> {
    await within(5_000, `inbox reader of ${this.client.agency} to stop`, this.inbox.stop());
    await within(5_000, `inbox loop of ${this.client.agency} to end`, this.done);
  }
}

/** An agency's inbox as the broker holds it. */
export interface InboxState {
  /** Messages in the inbox stream under the agency's subjects. */
  readonly messages: number;
  /** Distinct item subjects among them. */
  readonly subjects: number;
  /** Messages its durable consumer has not delivered yet. */
  readonly pending: number;
  /** Messages delivered to a reader and not acknowledged. */
  readonly ackPending: number;
}

type NodeConfig = Partial<Omit<NodeRuntimeConfig, 'servers' | 'topology'>>;

/** One nats-server with the demo topology's nodes on it, and the clients of a test. */
export class World {
  readonly topology = demoTopology();
  server!: NatsServer;
  node: RunningNode | undefined;
  private readonly clients: LienthongClient[] = [];
  private readonly readers: InboxReader[] = [];
  private readonly trackers: Tracker[] = [];
  private readonly removeOnCleanup: string[] = [];

  async start(config: NodeConfig = {}, serverOptions: NatsServerOptions = {}): Promise<this> {
    this.server = await startNatsServer(serverOptions);
    await this.startNode(config);
    return this;
  }

  /**
   * Starts with credentials on: the embedded node with its identity, and one for each of `agencies`
   * (their credentials returned by code), issued into a temporary directory removed by cleanup().
   */
  async startWithIdentities(agencies: readonly string[]): Promise<Map<string, IdentityCredentials>> {
    const dir = mkdtempSync(join(tmpdir(), 'lt-sdk-identities-'));
    this.removeOnCleanup.push(dir);
    const store = CredentialStore.open(join(dir, 'credentials'));
    const node = store.issue({ kind: 'node', name: 'embedded', nodes: '*' }, this.topology);
    const creds = new Map(
      agencies.map((a) => [a, store.issue({ kind: 'agency', agency: a }, this.topology)]),
    );
    store.writeAuthConfig(this.topology, join(dir, AUTH_CONFIG));
    await this.start(
      { auth: { seedFile: node.seedFile, inboxPrefix: node.inboxPrefix } },
      { include: [join(dir, AUTH_CONFIG)] },
    );
    return creds;
  }

  async startNode(config: NodeConfig = {}): Promise<RunningNode> {
    const logger = createLogger({ name: 'lt-sdk-test', level: process.env.LT_TEST_LOG_LEVEL ?? 'silent' });
    this.node = await startNode(
      { servers: this.server.url, topology: this.topology, name: 'lt-sdk-test', ...config },
      { logger },
    );
    return this.node;
  }

  async client(agency: string, opts: Partial<ConnectOptions> = {}): Promise<LienthongClient> {
    const c = await connect({ servers: this.server.url, agency, defaultTimeoutMs: 10_000, ...opts });
    this.clients.push(c);
    return c;
  }

  reader(client: LienthongClient, opts?: ConstructorParameters<typeof InboxReader>[1]): InboxReader {
    const r = new InboxReader(client, opts);
    this.readers.push(r);
    return r;
  }

  async track(client: LienthongClient, documentId: string): Promise<Tracker> {
    const t = await client.track(documentId);
    this.trackers.push(t);
    return t;
  }

  /** The agency's inbox stream and durable consumer, read from the node's connection. */
  async inboxState(agency: string): Promise<InboxState> {
    const { jsm } = this.node!.nats;
    const home = this.topology.homeNodeOf(agency);
    const stream = await jsm.streams.info(STREAMS.inbox, {
      subjects_filter: inboxFilter(home.level, home.id, agency),
    });
    const counts = Object.values(stream.state.subjects ?? {});
    const consumer = await jsm.consumers.info(STREAMS.inbox, `lt-inbox-${agencyToToken(agency)}`);
    return {
      messages: counts.reduce((a, b) => a + b, 0),
      subjects: counts.length,
      pending: consumer.num_pending,
      ackPending: consumer.num_ack_pending,
    };
  }

  /**
   * Waits until nothing more can reach a reader of the agency: the node has nothing left to
   * process, and the agency's consumer has nothing undelivered or unacknowledged. What its readers
   * got by then is all they will get.
   */
  async inboxSettled(agency: string, timeoutMs = 15_000): Promise<InboxState> {
    return waitFor(
      `the inbox of ${agency} settled`,
      async () => {
        if ((await this.node!.runtime.backlog()) !== 0) return false;
        const state = await this.inboxState(agency);
        return state.pending === 0 && state.ackPending === 0 ? state : false;
      },
      timeoutMs,
    );
  }

  /** Closes readers, trackers and clients of the test (the server and node stay for the next). */
  async cleanupClients(): Promise<void> {
    const quietly = (what: string, p: Promise<unknown>): Promise<unknown> =>
      within(10_000, what, p).catch(() => undefined);
    await Promise.all(this.readers.splice(0).map((r) => quietly('reader stop', r.stop())));
    await Promise.all(this.trackers.splice(0).map((t) => quietly('tracker stop', t.stop())));
    await Promise.all(this.clients.splice(0).map((c) => quietly('client close', c.close())));
  }

  async cleanup(): Promise<void> {
    await this.cleanupClients();
    await within(15_000, 'node stop', this.node?.stop() ?? Promise.resolve()).catch(() => undefined);
    await within(15_000, 'server cleanup', this.server?.cleanup() ?? Promise.resolve()).catch(
      () => undefined,
    );
    for (const dir of this.removeOnCleanup.splice(0)) rmSync(dir, { recursive: true, force: true });
  }
}
