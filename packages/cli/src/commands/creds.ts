import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { OBSERVER_SUBJECTS, assertAgencyCode, topologyFromProto } from '@lienthong/core';
import type { IdentitySubject, Topology } from '@lienthong/core';
import { readDirectory } from '@lienthong/readers';
import { openDataDir, rememberedPort, runningBroker } from '../data-dir';
import type { RunningBroker } from '../data-dir';
import { CliError, invalid } from '../errors';
import { formatTime, printJson, table, write } from '../output';
import { withSession } from '../session';
import { globalsOf, resolveSettings } from '../settings';
import type { Settings } from '../settings';
import type { CredentialStore } from '@lienthong/node';
import type * as NodePackage from '@lienthong/node';

type NodeModule = typeof NodePackage;

interface StoreOptions {
  data: string;
  init?: boolean;
  reload: boolean;
}

/**
 * `lienthong creds issue|ls|revoke|apply|follow`: the nkey identities of a broker whose data directory is
 * `--data` (the embedded default's; `credentials/` holds the seeds, `auth.conf` the server's
 * authorization block). Issuing and revoking rewrite the block from the live directory and reload
 * the server, which drops the connections of a revoked identity.
 */
/** The options of the subcommands that rewrite the broker's credentials (`issue` may start a store). */
function withStore(c: Command, init = false): Command {
  c.requiredOption('-d, --data <dir>', 'the broker data directory (as given to `lienthong up --data`)');
  if (init) {
    c.option('--init', 'create the credentials of a new data directory (refused otherwise when it has none)');
  }
  return c.option('--no-reload', 'only rewrite the authorization block; do not signal the server');
}

export function registerCreds(program: Command): void {
  const creds = program
    .command('creds')
    .description('issue, list and revoke the NATS identities of agencies, node processes and operators');
  credsIssue(creds);
  credsLs(creds);
  credsRevoke(creds);
  credsApply(creds);
  credsFollow(creds);
}

/** `issue`: issue a key pair: issue agency CODE | issue node NAME --nodes ID,… | issue ops NAME. */
function credsIssue(creds: Command): void {
  withStore(
    creds
      .command('issue')
      .description(
        'issue a key pair: issue agency CODE | issue node NAME --nodes ID,… | issue gateway NAME --nodes ID,… (the edXML gateway: acts only for the agencies of those nodes) | issue ops NAME | issue observer NAME (read-only: tracking, dead letters, audit); or a VXP system token: issue system NAME --agencies CODE,… --http-token',
      )
      .argument('<kind>', 'agency, node, gateway, ops, observer or system')
      .argument('<what>', 'the agency code, or the name of the node process or operator')
      .option(
        '--nodes <ids>',
        "for a node or gateway identity: the nodes its process hosts, comma-separated, or '*'",
      )
      .option(
        '--http-token',
        "for an agency: also issue a bearer token for the HTTP API (/api/v1), printed as the last line (earlier tokens stay valid until `creds revoke`); the agency's NATS identity is kept when it has one. For a system: required (its VXP secret is such a token)",
      )
      .option(
        '--agencies <codes>',
        'for a system: the agencies it acts for over VXP, comma-separated (XroadVnpt-from names which)',
      )
      .option(
        '--operator',
        'for a system: operator rights (its VXP registerAgency / deleteAgency change the directory)',
      )
      .option('--json', 'print JSON'),
    true,
  ).action(async (kind: string, what: string, o: StoreOptions & IssueFlags, cmd) => {
    if (kind === 'system') {
      await issueSystem(what, o, cmd);
      return;
    }
    systemOnly(o);
    const subject = subjectOf(kind, what, o.nodes);
    if (o.httpToken && subject.kind !== 'agency') throw invalid('--http-token is for agencies');
    openDataDir(o.data, { init: o.init === true });
    const topology = await liveTopology(cmd, o.data, subject.kind === 'agency' ? subject.agency : undefined);
    const node = await import('@lienthong/node');
    const dir = join(resolve(o.data), 'credentials');
    const store = node.CredentialStore.open(dir);
    const issued = o.httpToken ? store.ensure(subject, topology) : store.issue(subject, topology);
    const applied = apply(node, store, topology, o);
    let token: string | undefined;
    if (o.httpToken && subject.kind === 'agency') {
      const { HttpTokenStore, httpTokensFile } = await import('@lienthong/gateway');
      token = new HttpTokenStore(httpTokensFile(dir)).issue(subject.agency).token;
    }
    if (o.json) {
      printJson({
        id: issued.id,
        seedFile: issued.seedFile,
        inboxPrefix: issued.inboxPrefix,
        ...applied,
        ...(token ? { httpToken: token } : {}),
      });
      return;
    }
    write(
      [
        `issued ${issued.id}`,
        `  seed file:    ${issued.seedFile} (secret: hand it to the ${kind} only)`,
        `  inbox prefix: ${issued.inboxPrefix}`,
        ...serviceConfigLine(subject.kind, issued),
        ...(subject.kind === 'observer'
          ? [`  may read:     ${OBSERVER_SUBJECTS.join(', ')} (subscriptions only; publishes nothing)`]
          : []),
        `  server:       ${serverLine(applied, o)}; ${applied.users} identities allowed`,
        ...(token
          ? ['  http token (secret, shown once; send it as Authorization: Bearer <token>):', token]
          : []),
        '',
      ].join('\n'),
    );
  });
}

/** `ls`: list issued identities, revoked ones included. */
function credsLs(creds: Command): void {
  creds
    .command('ls')
    .description('list issued identities, revoked ones included')
    .requiredOption('-d, --data <dir>', 'the broker data directory')
    .option('--json', 'print JSON')
    .action(async (o: { data: string; json?: boolean }) => {
      openDataDir(o.data, { init: false });
      const { CredentialStore } = await import('@lienthong/node');
      const rows = CredentialStore.open(join(resolve(o.data), 'credentials')).list();
      if (o.json) {
        printJson(rows);
        return;
      }
      write(
        table(rows, [
          { header: 'ID', value: (r) => r.id },
          { header: 'PUBLIC KEY', value: (r) => r.publicKey },
          { header: 'ISSUED', value: (r) => formatTime(r.issuedAtMs) },
          { header: 'REVOKED', value: (r) => (r.revokedAtMs ? formatTime(r.revokedAtMs) : '-') },
        ]),
      );
    });
}

/** `revoke`: revoke an identity: its connections are dropped and it cannot connect again. */
function credsRevoke(creds: Command): void {
  withStore(
    creds
      .command('revoke')
      .description('revoke an identity: its connections are dropped and it cannot connect again')
      .argument(
        '<id>',
        'agency:CODE, node:NAME, ops:NAME, observer:NAME (see `creds ls`) or system:NAME (a VXP system)',
      ),
  ).action(async (id: string, o: StoreOptions, cmd) => {
    openDataDir(o.data, { init: false });
    const node = await import('@lienthong/node');
    const dir = join(resolve(o.data), 'credentials');
    const store = node.CredentialStore.open(dir);
    // An agency's HTTP tokens go with its identity: the next request with one is refused.
    let tokens = 0;
    if (id.startsWith('system:')) {
      const { HttpTokenStore, httpTokensFile } = await import('@lienthong/gateway');
      const n = new HttpTokenStore(httpTokensFile(dir)).revokeSystem(id.slice('system:'.length));
      if (n === 0) throw new CliError('NotFound', `no active token for ${id}`);
      write(`revoked ${n} VXP token(s) of ${id}\n`);
      return;
    }
    if (id.startsWith('agency:')) {
      const { HttpTokenStore, httpTokensFile } = await import('@lienthong/gateway');
      tokens = new HttpTokenStore(httpTokensFile(dir)).revoke(id.slice('agency:'.length));
    }
    if (!store.active(id)) {
      if (tokens > 0) {
        write(`revoked ${tokens} HTTP token(s) of ${id}\n`);
        return;
      }
      throw new CliError('NotFound', `no active credentials for ${id}`, {
        hint: 'list them with `lienthong creds ls`',
      });
    }
    const topology = await liveTopology(cmd, o.data);
    store.revoke(id);
    const applied = apply(node, store, topology, o);
    write(
      `revoked ${id}${tokens > 0 ? ` and ${tokens} HTTP token(s)` : ''}; server ${serverLine(applied, o)}, ${applied.users} identities allowed\n`,
    );
  });
}

function credsApply(creds: Command): void {
  withStore(
    creds
      .command('apply')
      .description(
        'rewrite the authorization block from the live directory (after an agency moved) and reload',
      ),
  ).action(async (o: StoreOptions, cmd) => {
    openDataDir(o.data, { init: false });
    const node = await import('@lienthong/node');
    const store = node.CredentialStore.open(join(resolve(o.data), 'credentials'));
    const applied = apply(node, store, await liveTopology(cmd, o.data), o);
    for (const s of applied.skipped) write(`skipped ${s.id}: ${s.reason}\n`);
    write(`${applied.users} identities allowed; server ${serverLine(applied, o)}\n`);
  });
}

/**
 * `follow`: keeps the authorization block of a server that `lienthong up` does not run (a province
 * domain's, with its credentials folder beside it) in step with the directory, for as long as it
 * runs: what `creds apply` does, at each directory change, and the server reloaded.
 */
function credsFollow(creds: Command): void {
  withStore(
    creds
      .command('follow')
      .description(
        "keep the authorization block in step with the directory while running: rewrite and reload the server at each agency add, move or close (a province domain follows the centre's directory)",
      )
      .option(
        '--server-pid-file <file>',
        'the pid file of the nats-server to reload (its `pid_file`); not needed when `lienthong up` runs on --data',
      ),
  ).action(async (o: StoreOptions & { serverPidFile?: string }, cmd) => {
    openDataDir(o.data, { init: false });
    const node = await import('@lienthong/node');
    const { applyCredentialsOnDirectoryChange } = await import('../auto-apply.js');
    const dir = resolve(o.data);
    const store = node.CredentialStore.open(join(dir, 'credentials'));
    const local = existsSync(join(dir, 'nats-server.pid'));
    if (o.reload && !local && o.serverPidFile === undefined) {
      throw invalid(
        `no nats-server runs on ${dir}: name the one to reload`,
        'pass --server-pid-file FILE (the pid_file of its configuration), or --no-reload to only rewrite the block',
      );
    }
    // A wrong pid file is said at once, not at the first directory change.
    if (o.reload && o.serverPidFile !== undefined) serverPid(o.serverPidFile);
    const reload = async (): Promise<string | void> => {
      if (!o.reload) return;
      if (o.serverPidFile === undefined) return `reloaded (pid ${node.reloadServerIn(dir)})`;
      // SIGHUP: the server re-reads its configuration within moments, after this returns.
      return `signalled to reload (pid ${signalReload(o.serverPidFile)})`;
    };
    const { settings } = settingsFor(cmd, o.data);
    const stop = await applyCredentialsOnDirectoryChange({
      connection: {
        servers: settings.server,
        timeoutMs: settings.timeoutMs,
        reconnect: { timeWaitMs: 1000 },
        ...(settings.credentials ? { auth: settings.credentials } : {}),
        ...(settings.tls ? { tls: settings.tls } : {}),
        ...(settings.domain ? { domain: settings.domain } : {}),
      },
      store,
      dataDir: dir,
      reload,
      onApplied: (a) => {
        for (const s of a.skipped) write(`skipped ${s.id}: ${s.reason}\n`);
        const server = a.server ?? (o.reload ? 'not reloaded' : 'not reloaded (--no-reload)');
        write(
          `${formatTime(Date.now())} directory changed: ${a.users} identities allowed; server ${server}\n`,
        );
      },
    });
    write(
      `following the directory of ${settings.server}${settings.domain ? ` (domain ${settings.domain})` : ''}: ${join(dir, node.AUTH_CONFIG)} kept in step; Ctrl-C stops\n`,
    );
    await new Promise<void>((res) => {
      process.once('SIGINT', res);
      process.once('SIGTERM', res);
    });
    await stop();
  });
}

/** SIGHUP to the nats-server whose pid `file` holds (it re-reads its configuration); its pid. */
function signalReload(file: string): number {
  const pid = serverPid(file);
  process.kill(pid, 'SIGHUP');
  return pid;
}

/** The pid of the running nats-server that `file` names; a clear error when it names none. */
function serverPid(file: string): number {
  let pid: number;
  try {
    pid = Number(readFileSync(file, 'utf8').trim());
  } catch (e) {
    throw new CliError('Unavailable', `cannot read the server's pid file ${file}`, { cause: e });
  }
  const comm = `/proc/${pid}/comm`;
  if (!Number.isInteger(pid) || pid <= 0 || (existsSync('/proc/self/comm') && !existsSync(comm))) {
    throw new CliError('Unavailable', `no process ${pid} (from ${file}) runs`);
  }
  if (existsSync(comm) && readFileSync(comm, 'utf8').trim() !== 'nats-server') {
    throw new CliError('Unavailable', `process ${pid} (from ${file}) is not a nats-server`);
  }
  return pid;
}

interface IssueFlags {
  nodes?: string;
  json?: boolean;
  httpToken?: boolean;
  agencies?: string;
  operator?: boolean;
}

/** --agencies and --operator are a system's options. */
function systemOnly(o: { agencies?: string; operator?: boolean }): void {
  if (o.operator) throw invalid('--operator is for a system (issue system NAME --agencies … --operator)');
  if (o.agencies !== undefined) throw invalid('--agencies is for a system (issue system NAME --agencies …)');
}

/**
 * A VXP system: one system id and secret through which a platform acts for several agencies. It has
 * no NATS identity of its own (the gateway acts through each agency's); its agencies get theirs.
 */
async function issueSystem(
  name: string,
  o: StoreOptions & { json?: boolean; httpToken?: boolean; agencies?: string; operator?: boolean },
  cmd: Command,
): Promise<void> {
  if (!o.httpToken) throw invalid('a system is only a VXP secret: add --http-token');
  if (o.agencies === undefined) throw invalid('a system needs --agencies CODE,…');
  const { HttpTokenStore, assertSystemName, httpTokensFile } = await import('@lienthong/gateway');
  const system = assertSystemName(name);
  const codes = o.agencies
    .split(',')
    .map((c) => c.trim())
    .filter((c) => c !== '')
    .map((c) => assertAgencyCode(c));
  if (codes.length === 0) throw invalid('a system needs at least one agency in --agencies');
  openDataDir(o.data, { init: o.init === true });
  const topology = await liveTopology(cmd, o.data);
  const node = await import('@lienthong/node');
  const dir = join(resolve(o.data), 'credentials');
  const store = node.CredentialStore.open(dir);
  for (const c of codes) {
    if (!topology.agency(c)) {
      throw new CliError('NotFound', `agency ${c} is not in the directory`, {
        hint: 'list the agencies with `lienthong agency ls`',
      });
    }
    store.ensure({ kind: 'agency', agency: c }, topology);
  }
  const applied = apply(node, store, topology, o);
  const issued = new HttpTokenStore(httpTokensFile(dir)).issueSystem(system, codes, {
    operator: o.operator === true,
  });
  if (o.json) {
    printJson({
      system: issued.system,
      agencies: issued.agencies,
      operator: issued.operator,
      ...applied,
      httpToken: issued.token,
    });
    return;
  }
  write(
    [
      `issued system ${issued.system} for ${issued.agencies.join(', ')}${issued.operator ? ', with operator rights (registerAgency, deleteAgency)' : ''}`,
      `  server:       ${serverLine(applied, o)}; ${applied.users} identities allowed`,
      '  VXP secret (shown once; the client signs with it, XroadVnpt-systemid = the system name):',
      issued.token,
      '',
    ].join('\n'),
  );
}

function subjectOf(kind: string, what: string, nodes: string | undefined): IdentitySubject {
  switch (kind) {
    case 'agency':
      if (nodes !== undefined) throw invalid('--nodes is for node and gateway identities');
      // Refuses wildcards, dots out of place, spaces and control characters before anything is written.
      return { kind, agency: assertAgencyCode(what) };
    case 'node':
    case 'gateway': {
      if (nodes === undefined) throw invalid(`a ${kind} identity needs --nodes ID,… (or --nodes "*")`);
      const list =
        nodes.trim() === '*'
          ? '*'
          : nodes
              .split(',')
              .map((n) => n.trim())
              .filter((n) => n !== '');
      return { kind, name: what, nodes: list };
    }
    case 'ops':
    case 'observer':
      if (nodes !== undefined) throw invalid('--nodes is for node and gateway identities');
      return { kind, name: what };
    default:
      throw invalid(
        `'${kind}' is not an identity kind`,
        'use agency, node, gateway, ops or observer (or system for a VXP system)',
      );
  }
}

/**
 * The settings of the command: the server of `-s` (or `--context`), else the running broker of the
 * data directory, else `LT_SERVER` or the selected context; without --creds, the broker's own
 * operator seed in `--data`.
 */
function settingsFor(cmd: Command, data: string): { settings: Settings; broker: RunningBroker | undefined } {
  const g = globalsOf(cmd);
  const ops = join(resolve(data), 'credentials', 'ops_admin.nk');
  const useOps = g.creds === undefined && !process.env.LT_CREDS && existsSync(ops);
  const broker = g.server === undefined && g.context === undefined ? runningBroker(data) : undefined;
  const settings = resolveSettings({
    ...g,
    ...(useOps ? { creds: ops } : {}),
    ...(broker ? { server: broker.url } : {}),
  });
  return { settings, broker };
}

/**
 * The directory as the running broker has it (agencies added or moved since the topology file).
 * `agency`, when given, must be a live agency of it: a closed code is refused naming its successor.
 */
async function liveTopology(cmd: Command, data: string, agency?: string): Promise<Topology> {
  const { settings, broker } = settingsFor(cmd, data);
  const g = globalsOf(cmd);
  // A directory `up` made whose broker is stopped: its credentials belong to that broker, not to
  // whatever the selected context or the default port reaches, unless -s, --context or LT_SERVER
  // says so.
  const implicit = g.server === undefined && g.context === undefined && !process.env.LT_SERVER;
  if (!broker && implicit && rememberedPort(resolve(data)) !== undefined) {
    throw new CliError('Unavailable', `no broker runs on ${resolve(data)} (no live nats-server there)`, {
      hint: `start it: lienthong up --data ${data}; or pass -s with the URL of its server`,
    });
  }
  try {
    return await withSession(settings, async (s) => {
      const dir = await readDirectory(s);
      if (agency !== undefined) dir.agency(agency);
      return topologyFromProto({ nodes: [...dir.nodes.values()], agencies: [...dir.agencies.values()] });
    });
  } catch (e) {
    if (broker || g.server !== undefined || !(e instanceof CliError) || e.code !== 'Unavailable') throw e;
    throw new CliError(
      'Unavailable',
      `no broker runs on ${resolve(data)} (no live nats-server there), and NATS at ${settings.server} is unreachable`,
      { hint: `start it: lienthong up --data ${data}; or pass -s with the URL of its server`, cause: e },
    );
  }
}

function apply(
  node: NodeModule,
  store: CredentialStore,
  topology: Topology,
  o: StoreOptions,
): { users: number; skipped: readonly { id: string; reason: string }[]; reloaded: boolean; pid?: number } {
  const result = store.writeAuthConfig(topology, join(resolve(o.data), node.AUTH_CONFIG));
  // No local server (credentials kept apart from the servers, as in deploy/): copy the block to the
  // servers and reload them there.
  const local = existsSync(join(resolve(o.data), 'nats-server.pid'));
  if (!o.reload || !local) return { users: result.users, skipped: result.skipped, reloaded: false };
  const pid = node.reloadServerIn(o.data);
  return { users: result.users, skipped: result.skipped, reloaded: true, pid };
}

function serverLine(applied: { reloaded: boolean; pid?: number }, o: StoreOptions): string {
  if (applied.reloaded) return `reloaded (pid ${applied.pid})`;
  const file = join(resolve(o.data), 'auth.conf');
  return o.reload
    ? `not running here: copy ${file} to the servers and reload them`
    : `not reloaded (--no-reload): ${file} written`;
}

/** What a level service's config file takes for a node's or a gateway's identity, ready to paste. */
function serviceConfigLine(kind: string, issued: { seedFile: string; inboxPrefix: string }): string[] {
  const seedFile = JSON.stringify(issued.seedFile);
  if (kind === 'node')
    return [
      `  config:       "auth": { "seedFile": ${seedFile}, "inboxPrefix": ${JSON.stringify(issued.inboxPrefix)} }`,
    ];
  if (kind === 'gateway') return [`  config:       "gateway": { …, "seedFile": ${seedFile} }`];
  return [];
}
