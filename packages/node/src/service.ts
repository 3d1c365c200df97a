import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { LienthongError, levelName, parseTopology } from '@lienthong/core';
import type { LevelName, Topology } from '@lienthong/core';
import { bearerAuthenticator, dashboardPlugin } from '@lienthong/dashboard';
import { auditedNodes, verifyNodeAudit } from './audit-log';
import type { NodeRuntimeConfig } from './config';
import { startNode } from './container';
import type { RunningNode } from './container';
import { createLogger } from './logger';

/** What differs between the four services. */
export interface LevelPolicy {
  readonly level: LevelName;
  /** The root of the tree: no parent to relay to. */
  readonly isRoot: boolean;
  /** Whether its nodes may have children (communes are always leaves). */
  readonly mayHaveChildren: boolean;
}

export const LEVEL_POLICIES: Readonly<Record<LevelName, LevelPolicy>> = {
  central: { level: 'central', isRoot: true, mayHaveChildren: true },
  province: { level: 'province', isRoot: false, mayHaveChildren: true },
  district: { level: 'district', isRoot: false, mayHaveChildren: true },
  commune: { level: 'commune', isRoot: false, mayHaveChildren: false },
};

/** The JSON config file of one service process. Paths are relative to the file. */
export interface ServiceConfigFile {
  readonly servers: string | string[];
  readonly topology: string;
  /** Nodes to host; default: every node of the service's level (in its domain). */
  readonly nodes?: string[];
  readonly domain?: string;
  readonly name?: string;
  readonly logLevel?: string;
  readonly concurrency?: number;
  readonly overdue?: NodeRuntimeConfig['overdue'];
  /** e.g. `{ "maxAttachmentBytes": 209715200 }`; see NodeLimits. */
  readonly limits?: NodeRuntimeConfig['limits'];
  /** e.g. `{ "attachmentMaxAgeMs": 2592000000 }`; see RetentionConfig. */
  readonly retention?: NodeRuntimeConfig['retention'];
  /** `/metrics`, `/healthz`, `/readyz`; e.g. `{ "port": 9464 }` (0 picks a free port). */
  readonly http?: NodeRuntimeConfig['http'];
  /**
   * The web dashboard at `/` of the HTTP port (on whenever `http` is set; `false` turns it off). The
   * operator signs in with the token in `operatorTokenFile` (a line of text, kept readable by the
   * service only); without one, nobody can sign in.
   */
  readonly dashboard?: false | { readonly operatorTokenFile?: string };
  /** Stream and bucket replicas: 3 on a 3-server cluster. */
  readonly replicas?: number;
  /** Signature checks: `{ "requireSignatures": true, "maxSignatureAgeMs": …, "trustAnchors": [PEM…] }`. */
  readonly security?: NodeRuntimeConfig['security'];
  /**
   * The process's node identity, from `lienthong creds issue node NAME --nodes …`: its seed file and
   * the inbox prefix it was issued with, e.g. `{ "seedFile": "node-h41.nk", "inboxPrefix": "_INBOX_n_h41" }`.
   */
  readonly auth?: NodeRuntimeConfig['auth'];
  /** TLS files: `{ "caFile", "certFile", "keyFile" }`. Relative paths are read from the config's folder. */
  readonly tls?: NodeRuntimeConfig['tls'];
  /** Queue bounds and the default agency pace (docs/OPERATIONS.md, Flow control). */
  readonly flow?: NodeRuntimeConfig['flow'];
}

/** Paths in a service config are relative to the config file. */
function securityOf(file: ServiceConfigFile, dir: string): Pick<NodeRuntimeConfig, 'auth' | 'tls'> {
  const at = (p: string | undefined): string | undefined => (p === undefined ? undefined : resolve(dir, p));
  const seedFile = at(file.auth?.seedFile);
  const tls = file.tls
    ? Object.fromEntries(
        (['caFile', 'certFile', 'keyFile'] as const).flatMap((k) => {
          const v = at(file.tls?.[k]);
          return v === undefined ? [] : [[k, v]];
        }),
      )
    : undefined;
  return {
    ...(file.auth ? { auth: { ...file.auth, ...(seedFile !== undefined ? { seedFile } : {}) } } : {}),
    ...(tls ? { tls } : {}),
  };
}

export function loadTopologyFile(path: string): Topology {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new LienthongError('NotFound', `cannot read topology file ${path}`, {
      context: { path },
      cause: e,
    });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new LienthongError(
      'InvalidArgument',
      `topology file ${path} is not JSON: ${(e as Error).message}`,
      {
        context: { path },
        cause: e,
      },
    );
  }
  return parseTopology(json);
}

/** Checks that a service hosts only nodes its level policy allows. */
export function checkPolicy(policy: LevelPolicy, topology: Topology, nodes: readonly string[]): void {
  const problems: string[] = [];
  for (const id of nodes) {
    const n = topology.node(id);
    if (levelName(n.level) !== policy.level) problems.push(`${id} is a ${levelName(n.level)} node`);
    if (policy.isRoot && n.parent !== undefined) problems.push(`${id} is not the root`);
    if (!policy.mayHaveChildren && topology.children(id).length > 0) problems.push(`${id} has children`);
  }
  if (nodes.length === 0) problems.push('no node to host');
  if (problems.length > 0) {
    throw new LienthongError(
      'InvalidArgument',
      `the ${policy.level} service cannot host: ${problems.join('; ')}`,
      {
        context: { level: policy.level, problems },
      },
    );
  }
}

/** Starts one level service from its config file. */
export async function startLevelService(level: LevelName, configPath: string): Promise<RunningNode> {
  const policy = LEVEL_POLICIES[level];
  const file = JSON.parse(readFileSync(configPath, 'utf8')) as ServiceConfigFile;
  const topology = loadTopologyFile(resolve(dirname(configPath), file.topology));
  const domain = file.domain ?? '';
  const nodes =
    file.nodes ??
    topology
      .nodes()
      .filter((n) => levelName(n.level) === level && n.domain === domain)
      .map((n) => n.id);
  checkPolicy(policy, topology, nodes);
  const name = file.name ?? `lienthong-${level}`;
  const tokenFile =
    file.dashboard && file.dashboard.operatorTokenFile
      ? resolve(dirname(configPath), file.dashboard.operatorTokenFile)
      : undefined;
  if (tokenFile !== undefined && !existsSync(tokenFile)) {
    throw new LienthongError('NotFound', `dashboard.operatorTokenFile ${tokenFile} does not exist`);
  }
  const dashboard =
    file.http && file.dashboard !== false
      ? dashboardPlugin({
          authenticate: bearerAuthenticator({
            operatorTokens: tokenFile ? [readFileSync(tokenFile, 'utf8').trim()] : [],
          }),
          auditCheck: async (s) =>
            Promise.all((await auditedNodes(s.jsm)).map((n) => verifyNodeAudit(s.js, s.jsm, n))),
        })
      : undefined;
  return startNode(
    {
      servers: file.servers,
      topology,
      nodes,
      ...(file.domain ? { domain: file.domain } : {}),
      name,
      ...(file.concurrency ? { concurrency: file.concurrency } : {}),
      ...(file.overdue ? { overdue: file.overdue } : {}),
      ...(file.limits ? { limits: file.limits } : {}),
      ...(file.retention ? { retention: file.retention } : {}),
      ...(file.http ? { http: file.http } : {}),
      ...(file.replicas ? { replicas: file.replicas } : {}),
      ...(file.security ? { security: file.security } : {}),
      ...securityOf(file, dirname(configPath)),
      ...(file.flow ? { flow: file.flow } : {}),
    },
    {
      logger: createLogger({ name, ...(file.logLevel ? { level: file.logLevel } : {}) }),
      ...(dashboard ? { httpPlugins: [dashboard] } : {}),
    },
  );
}

/** The `main` of a level service: `lienthong-<level> --config FILE`; drains on SIGTERM/SIGINT. */
export async function runLevelService(
  level: LevelName,
  argv: readonly string[] = process.argv.slice(2),
): Promise<void> {
  const i = argv.indexOf('--config');
  const configPath = i >= 0 ? argv[i + 1] : undefined;
  if (!configPath) {
    process.stderr.write(`usage: lienthong-${level} --config FILE\n`);
    process.exitCode = 2;
    return;
  }
  let running: RunningNode;
  try {
    running = await startLevelService(level, configPath);
  } catch (e) {
    process.stderr.write(`lienthong-${level}: ${(e as Error).message}\n`);
    process.exitCode = 1;
    return;
  }
  const shutdown = (signal: string): void => {
    running.log.info({ signal }, 'draining');
    running
      .stop()
      .then(() => process.exit(0))
      .catch((e: unknown) => {
        running.log.error({ err: e }, 'drain failed');
        process.exit(1);
      });
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
  // Tells a supervising parent (tests, `lienthong up`) that the service is serving.
  process.send?.({
    type: 'ready',
    nodes: running.runtime.nodes.map((n) => n.id),
    http: running.runtime.httpUrl,
  });
  running.log.info({ level, nodes: running.runtime.nodes.map((n) => n.id) }, 'service ready');
}
