/**
 * A real node (nats-server from the testkit, startNode) serving the gateway on its HTTP port, and
 * helpers to talk to it as a document system would: plain HTTP.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { connect as natsConnect } from '@nats-io/transport-node';
import { jetstream } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import { BUCKETS, directoryKeys } from '@lienthong/core';
import { AgencyRecord } from '@lienthong/proto';
import type { IPublicKey, ISubmitLimits } from '@lienthong/proto';
import { createLogger, loadTopologyFile, publishDirectory, startNode } from '@lienthong/node';
import type { NodeRuntimeConfig, RunningNode } from '@lienthong/node';
import type { Topology } from '@lienthong/core';
import { connect } from '@lienthong/sdk';
import type { LienthongClient, SigningKey } from '@lienthong/sdk';
import { startNatsServer } from '@lienthong/testkit';
import type { NatsServer } from '@lienthong/testkit';
import { HttpTokenStore, gatewayPlugin, vxpPlugin } from '@lienthong/gateway';
import type { GatewayAuth, GatewayPlugin, GatewayPluginOptions } from '@lienthong/gateway';
import { renderEdocBytes } from '@lienthong/edxml';

export const SAMPLES_DIR = '/work/shared/conformance/edxml/public';
export const SAMPLES_TOPOLOGY = resolve(__dirname, 'topology.samples.json');

export function sample(name: string): Buffer {
  return readFileSync(join(SAMPLES_DIR, name));
}

export function sampleNames(): string[] {
  return readdirSync(SAMPLES_DIR)
    .filter((f) => f.endsWith('.edxml'))
    .sort();
}

export interface GatewayNode {
  readonly server: NatsServer;
  readonly node: RunningNode;
  readonly url: string;
  readonly plugin: GatewayPlugin;
  readonly topology: Topology;
  /** An SDK client of an agency (closed by stop()). */
  sdk(agency: string, signingKey?: SigningKey): Promise<LienthongClient>;
  stop(): Promise<void>;
}

export async function startGatewayNode(
  opts: {
    auth?: GatewayAuth;
    topologyFile?: string;
    signingKeys?: ReadonlyMap<string, SigningKey>;
    server?: NatsServer;
    gateway?: Partial<GatewayPluginOptions>;
    /** Public keys registered in the directory before the node starts. */
    keys?: Readonly<Record<string, IPublicKey[]>>;
    /** Submission limits registered in the directory before the node starts. */
    submitLimits?: Readonly<Record<string, ISubmitLimits>>;
    /** More node configuration (flow, limits). */
    node?: Partial<NodeRuntimeConfig>;
    /** Also mount the VXP endpoint at /vxp over the same gateway service. */
    vxp?: boolean;
    /** The node's logger (default: warnings on stdout). */
    logger?: ReturnType<typeof createLogger>;
  } = {},
): Promise<GatewayNode> {
  const topologyFile = opts.topologyFile ?? SAMPLES_TOPOLOGY;
  const topology = loadTopologyFile(topologyFile);
  const server = opts.server ?? (await startNatsServer());
  if (opts.keys || opts.submitLimits) {
    const nc = await natsConnect({ servers: server.url });
    const kvm = new Kvm(jetstream(nc));
    await publishDirectory(kvm, topology);
    const directory = await kvm.open(BUCKETS.directory);
    for (const a of topology.toProto().agencies ?? []) {
      const keys = opts.keys?.[a.code!];
      const submitLimits = opts.submitLimits?.[a.code!];
      if (keys || submitLimits) {
        const record = { ...a, ...(keys ? { keys } : {}), ...(submitLimits ? { submitLimits } : {}) };
        await directory.put(directoryKeys.agency(a.code!), AgencyRecord.encode(record).finish());
      }
    }
    await nc.close();
  }
  const plugin = gatewayPlugin({
    auth: opts.auth ?? { mode: 'none' },
    connect: (agency) =>
      connect({
        servers: server.url,
        agency,
        ...(opts.signingKeys?.get(agency) ? { signingKey: opts.signingKeys.get(agency)! } : {}),
      }),
    failRetryMs: 500,
    ...opts.gateway,
  });
  const node = await startNode(
    { servers: server.url, topology, name: 'gateway-test', http: { port: 0 }, ...opts.node },
    {
      httpPlugins: [
        plugin,
        ...(opts.vxp
          ? [
              vxpPlugin({
                gateway: () => plugin.gateway,
                ...(opts.auth?.mode === 'token' ? { tokens: opts.auth.tokens } : {}),
              }),
            ]
          : []),
      ],
      logger: opts.logger ?? createLogger({ name: 'gateway-test', level: process.env['LT_LOG'] ?? 'warn' }),
    },
  );
  const clients: LienthongClient[] = [];
  return {
    server,
    node,
    url: `${node.runtime.httpUrl!}/api/v1`,
    plugin,
    topology,
    sdk: async (agency, signingKey) => {
      const c = await connect({ servers: server.url, agency, ...(signingKey ? { signingKey } : {}) });
      clients.push(c);
      return c;
    },
    stop: async () => {
      await Promise.allSettled(clients.map((c) => c.close()));
      await node.stop();
      if (!opts.server) await server.stop();
    },
  };
}

/** HTTP as a document system speaks it, acting as `agency` (X-Lienthong-Agency, or a bearer token). */
export class Caller {
  constructor(
    readonly base: string,
    readonly agency: string,
    readonly token?: string,
  ) {}

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    return {
      ...(this.token ? { authorization: `Bearer ${this.token}` } : { 'x-lienthong-agency': this.agency }),
      ...extra,
    };
  }

  post(bytes: Uint8Array): Promise<Response> {
    return fetch(`${this.base}/edocs`, {
      method: 'POST',
      headers: this.headers({ 'content-type': 'application/xml' }),
      body: bytes,
    });
  }

  get(path: string): Promise<Response> {
    return fetch(`${this.base}${path}`, { headers: this.headers() });
  }

  postJson(path: string, body?: unknown): Promise<Response> {
    return fetch(`${this.base}${path}`, {
      method: 'POST',
      headers: this.headers(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  }

  async received(messageType?: string): Promise<ReceivedJson[]> {
    const r = await this.get(`/edocs/received${messageType ? `?messageType=${messageType}` : ''}`);
    if (r.status !== 200) throw new Error(`received: ${r.status} ${await r.text()}`);
    return (await r.json()) as ReceivedJson[];
  }

  /** Waits until an item of `documentId` is listed. */
  async waitForItem(
    documentId: string,
    timeoutMs = 15_000,
    pred?: (i: ReceivedJson) => boolean,
  ): Promise<ReceivedJson> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = (await this.received()).find((i) => i.documentId === documentId && (!pred || pred(i)));
      if (found) return found;
      if (Date.now() > deadline)
        throw new Error(`${this.agency}: no item of ${documentId} within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async bytes(id: string): Promise<Buffer> {
    const r = await this.get(`/edocs/${id}`);
    if (r.status !== 200) throw new Error(`get ${id}: ${r.status} ${await r.text()}`);
    expect(r.headers.get('content-type')).toMatch(/^application\/xml/);
    return Buffer.from(await r.arrayBuffer());
  }

  async sent(documentId: string): Promise<SentJson[]> {
    const r = await this.get(`/edocs/sent?documentId=${encodeURIComponent(documentId)}`);
    if (r.status !== 200) throw new Error(`sent: ${r.status} ${await r.text()}`);
    return (await r.json()) as SentJson[];
  }
}

export interface ReceivedJson {
  id: string;
  documentId: string;
  from: string;
  messageType: 'edoc' | 'status';
  statusCode?: string;
  businessDocType?: number;
  receivedAt: string;
  signature: string;
  original: boolean;
  lastFailure?: { reason: string; at: string; count: number };
  edxmlSignature?: string;
}

export interface SentJson {
  recipient: string;
  transport: string;
  business: string;
  statusCode?: string;
  recall?: string;
  failure?: string;
  failureDetail?: string;
  timeline: {
    statusCode?: string;
    transport?: string;
    description?: string;
    signed: boolean;
    ignored: boolean;
  }[];
}

/**
 * A gateway node (no auth) where `agency` may have two submissions waiting at its node, taken at 2 a
 * second: the third posted at once is refused with 429 (the gateway answers at once unless given
 * `capacityWaitMs`). Started before the file's tests, stopped after.
 */
export function fullQueueGatewayNode(agency: string, capacityWaitMs = 0): { readonly gw: GatewayNode } {
  let gw: GatewayNode | undefined;
  beforeAll(async () => {
    gw = await startGatewayNode({
      node: { flow: { maxQueuedPerAgency: 2 } },
      submitLimits: { [agency]: { perSecond: 2, burst: 1 } },
      gateway: { capacityWaitMs },
    });
  });
  afterAll(async () => {
    await gw?.stop();
  });
  return {
    get gw() {
      return gw!;
    },
  };
}

/**
 * A gateway node with bearer tokens (a token store in a temporary directory), started before the
 * file's tests and stopped (the directory removed) after them; `vxp` mounts /vxp beside /api/v1.
 */
export function tokenGatewayNode(opts: { vxp?: boolean } = {}): {
  readonly tokens: HttpTokenStore;
  readonly gw: GatewayNode;
  /** `…/vxp` of the node. */
  readonly endpoint: string;
} {
  const dir = mkdtempSync(join(tmpdir(), 'lt-gw-tokens-'));
  const tokens = new HttpTokenStore(join(dir, 'http-tokens.json'));
  let gw: GatewayNode | undefined;
  beforeAll(async () => {
    gw = await startGatewayNode({ auth: { mode: 'token', tokens }, ...(opts.vxp ? { vxp: true } : {}) });
  });
  afterAll(async () => {
    await gw?.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    tokens,
    get gw() {
      return gw!;
    },
    // Mounted beside the gateway as `up` does it: a second plugin over the same service.
    get endpoint() {
      return gw!.url.replace(/\/api\/v1$/, '/vxp');
    },
  };
}

/** Runs a Python script of examples/python with `args` (its environment plus `env`), to its end. */
export function runPython(
  script: string,
  args: string[],
  env: NodeJS.ProcessEnv = {},
  timeoutMs = 120_000,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((res, rej) => {
    const p = spawn('python3', [script, ...args], { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    p.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    p.on('error', rej);
    const timer = setTimeout(() => p.kill('SIGKILL'), timeoutMs);
    p.on('close', (code) => {
      clearTimeout(timer);
      res({ code, stdout, stderr });
    });
  });
}

/**
 * An edoc package from `from` to `to` with one base64 attachment of `mib` MiB of pseudo-random bytes
 * (seeded by `n`); `tail` ends it (a wrong one makes it malformed after the attachment).
 */
export async function edocWithAttachment(
  o: { from: string; to: string; documentId: string; subject: string },
  n: number,
  mib: number,
  tail = '</edXML>\n',
): Promise<Buffer> {
  const head = Buffer.from(
    await renderEdocBytes({
      documentId: o.documentId,
      from: { code: o.from },
      to: [{ code: o.to }],
      subject: o.subject,
    }),
  )
    .toString('utf8')
    .replace('</edXML>', '');
  const raw = Buffer.alloc(mib * 1024 * 1024);
  for (let i = 0; i < raw.length; i += 4) raw.writeUInt32LE((i * 2654435761 + n) >>> 0, i);
  return Buffer.concat([
    Buffer.from(
      `${head}<AttachmentEncoded><Attachment><ContentId>cid:1</ContentId><AttachmentName>a.pdf</AttachmentName><ContentType>application/pdf</ContentType><edXML:ContentTransferEncoded xmlns:edXML="http://www.mic.gov.vn/TBT/QCVN_102_2016">`,
    ),
    Buffer.from(raw.toString('base64')),
    Buffer.from(`</edXML:ContentTransferEncoded></Attachment></AttachmentEncoded>${tail}`),
  ]);
}
