import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  AUTH_CONFIG,
  CredentialStore,
  loadTopologyFile,
  startEmbeddedServer,
  startNode,
} from '@lienthong/node';
import type { EmbeddedServer, HttpPlugin, IdentityCredentials, RunningNode } from '@lienthong/node';
import type { Topology } from '@lienthong/core';
import { HttpTokenStore, gatewayPlugin, httpTokensFile, vxpPlugin } from '@lienthong/gateway';
import type { GatewayPlugin } from '@lienthong/gateway';
import { connect } from '@lienthong/sdk';
import type { Logger } from 'pino';
import { applyCredentialsOnDirectoryChange } from './auto-apply';

/** The embedded default: a local nats-server with JetStream, and every node of a topology in this process. */
export interface Embedded extends AsyncDisposable {
  readonly server: EmbeddedServer;
  readonly node: RunningNode;
  readonly topology: Topology;
  /** The identities of this broker, when it requires credentials (the default). */
  readonly credentials: CredentialStore | undefined;
  /** The operator's credentials (`ops:admin`): use with `lienthong --creds`. */
  readonly ops: IdentityCredentials | undefined;
  /** The edXML gateway at `<http>/api/v1`, when the broker serves HTTP. */
  readonly gateway: GatewayPlugin | undefined;
  /**
   * Credentials of an agency of the topology, issued (and the server reloaded) on first use;
   * undefined when the broker runs without authorization.
   */
  agencyCredentials(code: string): Promise<IdentityCredentials | undefined>;
  /** Issues the agencies that have none yet, with one reload of the server. */
  ensureAgencies(codes: readonly string[]): Promise<void>;
  stop(): Promise<void>;
}

/** Where the embedded default keeps its identities: `<dataDir>/credentials`. */
export function credentialsDir(dataDir: string): string {
  return join(dataDir, 'credentials');
}

export const DEMO_TOPOLOGY = resolve(__dirname, '../../../deploy/topology.demo.json');

/** Options of {@link startEmbedded}. */
export interface EmbeddedOptions {
  readonly topologyFile?: string;
  readonly dataDir?: string;
  readonly port?: number;
  readonly logger?: Logger;
  readonly overdueSweepMs?: number;
  /** Serve the runtime's `/metrics`, `/healthz` and `/readyz` on this port (0 picks a free one). */
  readonly httpPort?: number;
  /** Mounted on the HTTP port beside the health routes (the gateway, the dashboard). */
  readonly httpPlugins?: readonly HttpPlugin[];
  /**
   * Require credentials (default true): every node, agency and operator gets its own nkey identity
   * with least-privilege permissions (docs/SECURITY.md). False runs an open server, for development.
   */
  readonly auth?: boolean;
}

export async function startEmbedded(opts: EmbeddedOptions): Promise<Embedded> {
  const topology = loadTopologyFile(opts.topologyFile ?? DEMO_TOPOLOGY);
  const temp = opts.dataDir === undefined ? mkdtempSync(join(tmpdir(), 'lienthong-')) : undefined;
  const dataDir = resolve(opts.dataDir ?? temp!);
  const auth = opts.auth ?? true;
  const store = auth ? CredentialStore.open(credentialsDir(dataDir)) : undefined;
  const nodeId = store?.ensure({ kind: 'node', name: 'embedded', nodes: '*' }, topology);
  const ops = store?.ensure({ kind: 'ops', name: 'admin' }, topology);
  store?.writeAuthConfig(topology, join(dataDir, AUTH_CONFIG));
  const server = await startEmbeddedServer({
    dataDir,
    ...(opts.port ? { port: opts.port } : {}),
    auth,
  });
  const tokens = store ? new HttpTokenStore(httpTokensFile(credentialsDir(dataDir))) : undefined;
  const [gateway, vxp] =
    opts.httpPort !== undefined
      ? embeddedGateway(server.url, tokens, (agency) => agencyCredentials(agency))
      : [];
  const httpPlugins = [...(gateway && vxp ? [gateway, vxp] : []), ...(opts.httpPlugins ?? [])];
  const { node, stopApplying } = await startServices(server, topology, dataDir, opts, httpPlugins, {
    store,
    nodeId,
    ops,
  });
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      await stopApplying?.();
      await node.stop();
      await server.stop();
      if (temp) rmSync(temp, { recursive: true, force: true });
    })());
  const ensureAgencies = async (codes: readonly string[]): Promise<void> => {
    if (!store) return;
    const missing = codes.filter((code) => !store.active(`agency:${code}`));
    if (missing.length === 0) return;
    for (const code of missing) store.issue({ kind: 'agency', agency: code }, topology);
    store.writeAuthConfig(topology, join(dataDir, AUTH_CONFIG));
    await server.reload();
  };
  const agencyCredentials = async (code: string): Promise<IdentityCredentials | undefined> => {
    if (!store) return undefined;
    await ensureAgencies([code]);
    return store.credentials(`agency:${code}`);
  };
  return {
    server,
    node,
    topology,
    credentials: store,
    ops,
    gateway,
    agencyCredentials,
    ensureAgencies,
    stop,
    [Symbol.asyncDispose]: stop,
  };
}

/**
 * The edXML gateway on the HTTP port (each agency acts through an SDK client with its own identity),
 * and the VXP endpoint (/vxp) as a second layer over the same gateway service.
 */
function embeddedGateway(
  servers: string,
  tokens: HttpTokenStore | undefined,
  agencyCredentials: (agency: string) => Promise<IdentityCredentials | undefined>,
): [GatewayPlugin, HttpPlugin] {
  const gateway = gatewayPlugin({
    auth: tokens ? { mode: 'token', tokens } : { mode: 'none' },
    connect: async (agency) => {
      const creds = await agencyCredentials(agency);
      return connect({
        servers,
        agency,
        name: `lienthong-gateway ${agency}`,
        ...(creds ? { credentials: { seedFile: creds.seedFile } } : {}),
      });
    },
  });
  return [gateway, vxpPlugin({ gateway: () => gateway.gateway, ...(tokens ? { tokens } : {}) })];
}

/**
 * The node runtime on the embedded server and, with credentials, what keeps the authorization block
 * in step with the directory (after `agency add` or `agency move`, the moved agency's permissions
 * follow at once). What started is stopped, and the server too, if either fails.
 */
async function startServices(
  server: EmbeddedServer,
  topology: Topology,
  dataDir: string,
  opts: { logger?: Logger; overdueSweepMs?: number; httpPort?: number },
  httpPlugins: HttpPlugin[],
  ids: { store?: CredentialStore; nodeId?: IdentityCredentials; ops?: IdentityCredentials },
): Promise<{ node: RunningNode; stopApplying?: () => Promise<void> }> {
  let node: RunningNode;
  try {
    node = await startNode(
      {
        servers: server.url,
        topology,
        name: 'lienthong-up',
        ...(ids.nodeId
          ? { auth: { seedFile: ids.nodeId.seedFile, inboxPrefix: ids.nodeId.inboxPrefix } }
          : {}),
        ...(opts.overdueSweepMs ? { overdue: { sweepIntervalMs: opts.overdueSweepMs } } : {}),
        ...(opts.httpPort !== undefined ? { http: { port: opts.httpPort } } : {}),
      },
      { ...(opts.logger ? { logger: opts.logger } : {}), httpPlugins },
    );
  } catch (e) {
    await server.stop();
    throw e;
  }
  if (!ids.store || !ids.ops) return { node };
  try {
    const stopApplying = await applyCredentialsOnDirectoryChange({
      url: server.url,
      ops: ids.ops,
      store: ids.store,
      dataDir,
      server,
      ...(opts.logger ? { logger: opts.logger } : {}),
    });
    return { node, stopApplying };
  } catch (e) {
    await node.stop();
    await server.stop();
    throw e;
  }
}
