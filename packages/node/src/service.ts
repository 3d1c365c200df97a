import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { LienthongError, levelName, parseJsonText, parseTopology } from '@lienthong/core';
import type { LevelName, Topology } from '@lienthong/core';
import { bearerAuthenticator, dashboardPlugin } from '@lienthong/dashboard';
import { auditedNodes, verifyNodeAudit } from './audit-log';
import type { NodeRuntimeConfig } from './config';
import { startNode } from './container';
import type { RunningNode } from './container';
import type { HttpPlugin } from './http';
import { createLogger } from './logger';
import { parseServiceConfig } from './service-config';
import type { ServiceConfigFile } from './service-config';
import { explainServiceRefusal } from './service-refusals';
import type { EdxmlSignatureConfig } from './edxml-signatures';

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

/** The edXML signature settings, with the trust anchor and CRL files read (paths relative to the file). */
export function edxmlSignaturesOf(file: ServiceConfigFile, dir: string): Partial<EdxmlSignatureConfig> {
  const e = file.edxmlSignatures ?? {};
  const read = (p: string, what: string): string | Uint8Array => {
    const path = resolve(dir, p);
    let bytes: Buffer;
    try {
      bytes = readFileSync(path);
    } catch (err) {
      throw new LienthongError('NotFound', `cannot read the edXML ${what} file ${path}`, {
        context: { path },
        cause: err,
      });
    }
    // PEM as text, anything else as DER.
    return bytes.includes('-----BEGIN') ? bytes.toString('utf8') : new Uint8Array(bytes);
  };
  return {
    ...(e.policy ? { policy: e.policy } : {}),
    ...(e.senders ? { senders: e.senders } : {}),
    trustAnchors: (e.trustAnchorFiles ?? []).map((p) => read(p, 'trust anchor')),
    crls: (e.crlFiles ?? []).map((p) => read(p, 'CRL')),
  };
}

export function loadTopologyFile(path: string): Topology {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new LienthongError('NotFound', `cannot read topology file ${path}: ${unreadable(e)}`, {
      context: { path },
      cause: e,
    });
  }
  let json: unknown;
  try {
    json = parseJsonText(text, `topology file ${path} is not JSON`);
  } catch (e) {
    throw new LienthongError('InvalidArgument', (e as Error).message, {
      context: { path },
      cause: e,
    });
  }
  return parseTopology(json);
}

/** Why a file could not be read, in a few words. */
function unreadable(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES') return 'permission denied';
  if (code === 'EISDIR') return 'a directory, not a file';
  return code ?? (e as Error).message;
}

/** Reads and checks a service config file (`ServiceConfigSchema`). */
export function readServiceConfig(path: string): ServiceConfigFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new LienthongError('NotFound', `cannot read service config ${path}: ${unreadable(e)}`, {
      context: { path },
      cause: e,
    });
  }
  return parseServiceConfig(text, path);
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

/**
 * The web dashboard of a level service: at `/` of its HTTP port unless `dashboard` is false; the
 * operator signs in with the token in `dashboard.operatorTokenFile`.
 */
function levelDashboard(file: ServiceConfigFile, configPath: string): HttpPlugin | undefined {
  if (!file.http || file.dashboard === false) return undefined;
  const tokenFile = file.dashboard?.operatorTokenFile
    ? resolve(dirname(configPath), file.dashboard.operatorTokenFile)
    : undefined;
  if (tokenFile !== undefined && !existsSync(tokenFile)) {
    throw new LienthongError('NotFound', `dashboard.operatorTokenFile ${tokenFile} does not exist`);
  }
  return dashboardPlugin({
    authenticate: bearerAuthenticator({
      operatorTokens: tokenFile ? [readFileSync(tokenFile, 'utf8').trim()] : [],
    }),
    auditCheck: async (s) =>
      Promise.all((await auditedNodes(s.jsm)).map((n) => verifyNodeAudit(s.js, s.jsm, n))),
  });
}

/** What a level service's own HTTP plugins are built from (the edXML gateway's, in the level packages). */
export interface LevelServiceContext {
  readonly file: ServiceConfigFile;
  /** The config file's directory: its paths are relative to it. */
  readonly dir: string;
  readonly name: string;
}

export interface LevelServiceOptions {
  /** More plugins on the HTTP port, from the config file (`@lienthong/gateway`'s `levelGatewayPlugins`). */
  readonly httpPlugins?: (ctx: LevelServiceContext) => HttpPlugin[];
}

/** Starts one level service from its config file. */
export async function startLevelService(
  level: LevelName,
  configPath: string,
  opts: LevelServiceOptions = {},
): Promise<RunningNode> {
  const policy = LEVEL_POLICIES[level];
  const file = readServiceConfig(configPath);
  const topology = topologyOf(configPath, file.topology);
  const domain = file.domain ?? '';
  const nodes =
    file.nodes ??
    topology
      .nodes()
      .filter((n) => levelName(n.level) === level && n.domain === domain)
      .map((n) => n.id);
  checkPolicy(policy, topology, nodes);
  const name = file.name ?? `lienthong-${level}`;
  const dashboard = levelDashboard(file, configPath);
  if (file.gateway && !file.http) {
    throw new LienthongError(
      'InvalidArgument',
      `service config ${configPath}: gateway needs http (its port)`,
    );
  }
  if (file.gateway && !opts.httpPlugins) {
    throw new LienthongError(
      'InvalidArgument',
      `service config ${configPath}: this program cannot serve the gateway`,
    );
  }
  const plugins = [
    ...(dashboard ? [dashboard] : []),
    ...(opts.httpPlugins?.({ file, dir: dirname(resolve(configPath)), name }) ?? []),
  ];
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
      ...(file.edxmlSignatures ? { edxmlSignatures: edxmlSignaturesOf(file, dirname(configPath)) } : {}),
      ...securityOf(file, dirname(configPath)),
      ...(file.flow ? { flow: file.flow } : {}),
      ...(file.domainShortcut === undefined ? {} : { domainShortcut: file.domainShortcut }),
      ...(file.crossDomainBatches === undefined ? {} : { crossDomainBatches: file.crossDomainBatches }),
    },
    {
      logger: createLogger({ name, ...(file.logLevel ? { level: file.logLevel } : {}) }),
      ...(plugins.length > 0 ? { httpPlugins: plugins } : {}),
    },
  ).catch((e: unknown) => {
    throw explainServiceRefusal(e, file, configPath);
  });
}

/** The config's topology, read relative to the config file: a missing one says so. */
function topologyOf(configPath: string, topology: string): Topology {
  const path = resolve(dirname(configPath), topology);
  try {
    return loadTopologyFile(path);
  } catch (e) {
    if (!(e instanceof LienthongError) || e.code !== 'NotFound' || isAbsolute(topology)) throw e;
    throw new LienthongError(
      'NotFound',
      `service config ${configPath}: "topology" ${topology} is read relative to the config file's directory: ${e.message}`,
      { context: { path }, cause: e },
    );
  }
}

/** The `main` of a level service: `lienthong-<level> --config FILE`; drains on SIGTERM/SIGINT. */
export async function runLevelService(
  level: LevelName,
  argv: readonly string[] = process.argv.slice(2),
  opts: LevelServiceOptions = {},
): Promise<void> {
  const usage =
    `usage: lienthong-${level} --config FILE\n` +
    `  runs the ${level} nodes a service config names (deploy/services/*.json; its schema:\n` +
    '  deploy/service-config.schema.json); SIGTERM or Ctrl-C drains and stops it\n';
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(usage);
    return;
  }
  const i = argv.indexOf('--config');
  const configPath = i >= 0 ? argv[i + 1] : undefined;
  if (!configPath) {
    process.stderr.write(usage);
    process.exitCode = 2;
    return;
  }
  let running: RunningNode;
  try {
    running = await startLevelService(level, configPath, opts);
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
