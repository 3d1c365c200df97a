import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { bearerAuthenticator, dashboardPlugin } from '@lienthong/dashboard';
import type { DashboardPlugin } from '@lienthong/dashboard';
import {
  AUTH_CONFIG,
  CredentialStore,
  auditedNodes,
  verifyNodeAudit,
  loadTopologyFile,
  startEmbeddedServer,
  startNode,
} from '@lienthong/node';
import type {
  EdxmlSignatureConfig,
  EmbeddedServer,
  HttpPlugin,
  IdentityCredentials,
  RunningNode,
} from '@lienthong/node';
import type { Topology } from '@lienthong/core';
import { HttpTokenStore, gatewayPlugin, httpTokensFile, vxpPlugin } from '@lienthong/gateway';
import type { GatewayPlugin } from '@lienthong/gateway';
import { connect } from '@lienthong/sdk';
import type { Logger } from 'pino';
import { applyCredentialsOnDirectoryChange } from './auto-apply';
import { claimDataDir, sweepOrphanedTempDirs, TEMP_PREFIX } from './orphans';

/** The embedded default: a local nats-server with JetStream, and every node of a topology in this process. */
export interface Embedded extends AsyncDisposable {
  readonly server: EmbeddedServer;
  readonly node: RunningNode;
  readonly topology: Topology;
  /** The identities of this broker, when it requires credentials (the default). */
  readonly credentials: CredentialStore | undefined;
  /** The operator's credentials (`ops:admin`): use with `lienthong --creds`. */
  readonly ops: IdentityCredentials | undefined;
  /** The web dashboard, when it is served (`dashboard: true` and an HTTP port). */
  readonly dashboard:
    | { readonly url: string; readonly operatorToken: string | undefined; readonly plugin: DashboardPlugin }
    | undefined;
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

/**
 * The operator's bearer token for the dashboard, `<credentials>/dashboard-operator.token`: made on
 * first use (256 random bits, readable by the owner only) and kept across restarts.
 */
export function dashboardOperatorToken(credentials: string): string {
  const file = join(credentials, 'dashboard-operator.token');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(credentials, { recursive: true, mode: 0o700 });
  const token = `lto_${randomBytes(32).toString('base64url')}`;
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
  return token;
}

/** Where the embedded default keeps its identities: `<dataDir>/credentials`. */
export function credentialsDir(dataDir: string): string {
  return join(dataDir, 'credentials');
}

/** The demo tree: in the repository, `deploy/`; in the installed package, its root (scripts/pack.mjs). */
export const DEMO_TOPOLOGY =
  [
    resolve(__dirname, '../../../deploy/topology.demo.json'),
    resolve(__dirname, '../topology.demo.json'),
  ].find((f) => existsSync(f)) ?? resolve(__dirname, '../../../deploy/topology.demo.json');

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
   * Serve the web dashboard at `/` of the HTTP port (default: whenever there is one). With
   * credentials, the operator signs in with {@link dashboardOperatorToken} and an agency with its
   * HTTP token (`creds issue agency CODE --http-token`, as for `/api/v1`); without, everyone sees
   * everything, under a banner.
   */
  readonly dashboard?: boolean;
  /** Fixed time a recipient has to confirm 01 (default: by the next working morning). */
  readonly confirmWithinMs?: number;
  /** edXML signature verdicts at intake: trust anchors, CRLs, policy (docs/EDXML.md "Signatures"). */
  readonly edxmlSignatures?: Partial<EdxmlSignatureConfig>;
  /**
   * Require credentials (default true): every node, agency and operator gets its own nkey identity
   * with least-privilege permissions (docs/SECURITY.md). False runs an open server, for development.
   */
  readonly auth?: boolean;
}

export async function startEmbedded(opts: EmbeddedOptions): Promise<Embedded> {
  const topology = loadTopologyFile(opts.topologyFile ?? DEMO_TOPOLOGY);
  if (opts.dataDir === undefined) await sweepKilledTempStores(opts.logger);
  const temp = opts.dataDir === undefined ? mkdtempSync(join(tmpdir(), TEMP_PREFIX)) : undefined;
  const dataDir = resolve(opts.dataDir ?? temp!);
  // Before its server starts: a broker starting beside it sees this one running, not a dead owner.
  claimDataDir(dataDir);
  const auth = opts.auth ?? true;
  const store = auth ? CredentialStore.open(credentialsDir(dataDir)) : undefined;
  const nodeId = store?.ensure({ kind: 'node', name: 'embedded', nodes: '*' }, topology);
  const ops = store?.ensure({ kind: 'ops', name: 'admin' }, topology);
  // The gateway's own identity: it may act for the agencies of the nodes this process hosts only.
  const gatewayId =
    opts.httpPort !== undefined
      ? store?.ensure({ kind: 'gateway', name: 'embedded', nodes: '*' }, topology)
      : undefined;
  store?.writeAuthConfig(topology, join(dataDir, AUTH_CONFIG));
  // Agencies' HTTP tokens: the same for the edXML gateway and the dashboard.
  const httpTokens = store ? new HttpTokenStore(httpTokensFile(credentialsDir(dataDir))) : undefined;
  const dashboard = embeddedDashboard(opts, auth, dataDir, httpTokens);
  const server = await startEmbeddedServer({
    dataDir,
    ...(opts.port ? { port: opts.port } : {}),
    auth,
  });
  // A large store or tree takes seconds to read back: the log says what it is waiting for.
  opts.logger?.info(
    { nats: server.url, natsServerPid: server.pid, nodes: topology.nodes().length },
    'nats-server ready; starting the nodes',
  );
  const [gateway, vxp] =
    opts.httpPort !== undefined ? embeddedGateway(server.url, httpTokens, gatewayId) : [];
  const httpPlugins = [gateway, vxp, dashboard?.plugin, ...(opts.httpPlugins ?? [])].filter(
    (p) => p !== undefined,
  );
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
    dashboard:
      dashboard && node.runtime.httpUrl ? { url: `${node.runtime.httpUrl}/`, ...dashboard } : undefined,
    gateway,
    agencyCredentials,
    ensureAgencies,
    stop,
    [Symbol.asyncDispose]: stop,
  };
}

/** Removes the temporary stores of brokers killed outright (their exit handler never ran), ending their servers. */
async function sweepKilledTempStores(logger: Logger | undefined): Promise<void> {
  for (const { dir, server } of await sweepOrphanedTempDirs()) {
    logger?.warn(
      { dir, ...(server !== undefined ? { natsServerPid: server } : {}) },
      server !== undefined
        ? 'ended the nats-server of a broker that was killed without stopping, and removed its temporary store'
        : 'removed the temporary store of a broker that was killed without stopping',
    );
  }
}

/** The node's overdue options from the embedded ones: none unless one is set. */
function overdueOptions(opts: EmbeddedOptions): { overdue?: { sweepIntervalMs?: number; fixedMs?: number } } {
  if (!opts.overdueSweepMs && !opts.confirmWithinMs) return {};
  return {
    overdue: {
      ...(opts.overdueSweepMs ? { sweepIntervalMs: opts.overdueSweepMs } : {}),
      ...(opts.confirmWithinMs ? { fixedMs: opts.confirmWithinMs } : {}),
    },
  };
}

/**
 * The web dashboard, when there is an HTTP port and it is not turned off: the operator signs in
 * with its token, an agency with its HTTP token.
 */
function embeddedDashboard(
  opts: EmbeddedOptions,
  auth: boolean,
  dataDir: string,
  httpTokens: HttpTokenStore | undefined,
): { plugin: DashboardPlugin; operatorToken: string | undefined } | undefined {
  if (opts.httpPort === undefined || opts.dashboard === false) return undefined;
  const operatorToken = auth ? dashboardOperatorToken(credentialsDir(dataDir)) : undefined;
  const plugin = dashboardPlugin({
    authenticate: bearerAuthenticator({
      ...(operatorToken ? { operatorTokens: [operatorToken] } : {}),
      ...(httpTokens ? { agencyOf: (token: string) => httpTokens.agencyOf(token) } : {}),
    }),
    noAuth: !auth,
    auditCheck: async (s) =>
      Promise.all((await auditedNodes(s.jsm)).map((n) => verifyNodeAudit(s.js, s.jsm, n))),
  });
  return { plugin, operatorToken };
}

/**
 * The edXML gateway on the HTTP port (each agency acts through an SDK client on the gateway's own
 * identity, which may act only for the agencies of the nodes this process hosts),
 * and the VXP endpoint (/vxp) as a second layer over the same gateway service.
 */
function embeddedGateway(
  servers: string,
  tokens: HttpTokenStore | undefined,
  identity: IdentityCredentials | undefined,
): [GatewayPlugin, HttpPlugin] {
  const gateway = gatewayPlugin({
    auth: tokens ? { mode: 'token', tokens } : { mode: 'none' },
    connect: (agency) =>
      connect({
        servers,
        agency,
        name: `lienthong-gateway ${agency}`,
        // As the agency, replies included (its inbox prefix is among the identity's).
        ...(identity ? { credentials: { seedFile: identity.seedFile } } : {}),
      }),
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
  opts: EmbeddedOptions,
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
        ...overdueOptions(opts),
        ...(opts.httpPort !== undefined ? { http: { port: opts.httpPort } } : {}),
        ...(opts.edxmlSignatures ? { edxmlSignatures: opts.edxmlSignatures } : {}),
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
      connection: { servers: server.url, auth: { nkeySeed: ids.ops.seed, inboxPrefix: ids.ops.inboxPrefix } },
      store: ids.store,
      dataDir,
      reload: () => server.reload(),
      ...(opts.logger ? { logger: opts.logger } : {}),
    });
    return { node, stopApplying };
  } catch (e) {
    await node.stop();
    await server.stop();
    throw e;
  }
}
