import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Option } from 'commander';
import type { Command } from 'commander';
import { addEdxmlTrustOptions, edxmlTrustOf } from '../edxml-trust';
import type { EdxmlTrustOptions } from '../edxml-trust';
import type { Embedded } from '../embedded';
import { STOP_SIGNALS } from '../stop-signals';
import { humanLog } from '../human-log';
import { summarizeList } from '../output';
import { openDataDir, rememberPort, rememberedPort, runningBroker } from '../data-dir';
import { CliError } from '../errors';
import { endOrphanedServer } from '../orphans';
import { assertPortFree } from '../ports';
import { parsePort } from '../program';

interface UpOptions extends EdxmlTrustOptions {
  topology?: string;
  data?: string;
  init?: boolean;
  port?: number;
  httpPort?: number;
  auth: boolean;
  logFormat: 'human' | 'json';
}

/** Where `up` keeps its store and on which port it listens, checked before anything starts. */
interface Place {
  readonly dataDir: string | undefined;
  /** The port the data directory kept from an earlier run. */
  readonly kept: number | undefined;
  /** The port to listen on; undefined or 0 for a free one. */
  readonly port: number | undefined;
}

/** How long after Ctrl-C the same signal, forwarded by a wrapper, may still arrive. */
const FORWARDED_MS = 1000;

/** How many node ids the banner names: a national tree has thousands. */
const LISTED_NODES = 12;

/** `lienthong up`: the embedded default, in the foreground until Ctrl-C. */
export function registerUp(program: Command): void {
  const up = program
    .command('up')
    .description('run the embedded default: a local nats-server and every node of a topology')
    .option('-t, --topology <file>', 'topology file (default: deploy/topology.demo.json)')
    .option(
      '-d, --data <dir>',
      'where the nats-server keeps its data, an existing directory (default: a temporary directory)',
    )
    .option('--init', 'create the --data directory if it does not exist')
    .option(
      '-p, --port <port>',
      'client port of the local nats-server (default: the one --data kept, else a free one)',
      parsePort,
    )
    .option(
      '--http-port <port>',
      'serve the web dashboard (/), the edXML gateway /api/v1, the VXP endpoint /vxp, /metrics, /healthz and /readyz on this port (0: a free one)',
      parsePort,
    )
    .addOption(
      new Option('--log-format <format>', 'logs on stderr: readable lines, or pino JSON lines')
        .choices(['human', 'json'])
        .default('human'),
    )
    .option('--no-auth', 'run without credentials: every client may do anything (development only)');
  addEdxmlTrustOptions(up).action(runUp);
}

async function runUp(o: UpOptions): Promise<void> {
  // Loaded here so that the read commands start without the runtime's dependencies.
  const [{ createLogger }, { startEmbedded }] = await Promise.all([
    import('@lienthong/node'),
    import('../embedded.js'),
  ]);
  // Logs go to stderr, as readable lines (or pino JSON with --log-format json), apart from the banner.
  const log = createLogger({
    name: 'lienthong-up',
    destination: o.logFormat === 'json' ? { write: (l: string) => process.stderr.write(l) } : humanLog(),
  });
  const edxml = edxmlTrustOf(o);
  const place = await choosePlace(o);
  // Ctrl-C while it starts (a large store takes seconds to read back): it stops as soon as it is up,
  // rather than dying half-way (and `pnpm` reporting ELIFECYCLE); a second one gives up at once.
  let askedAt: number | undefined;
  const whileStarting = (): void => {
    if (askedAt === undefined) {
      askedAt = Date.now();
      process.stdout.write('stopping as soon as it has started…\n');
    } else if (Date.now() - askedAt >= FORWARDED_MS) process.exit(130);
  };
  for (const signal of STOP_SIGNALS) process.on(signal, whileStarting);
  const up = await startEmbedded({
    ...(o.topology ? { topologyFile: o.topology } : {}),
    ...(place.dataDir ? { dataDir: place.dataDir } : {}),
    ...(place.port ? { port: place.port } : {}),
    ...(o.httpPort !== undefined ? { httpPort: o.httpPort } : {}),
    ...(edxml ? { edxmlSignatures: edxml } : {}),
    auth: o.auth,
    logger: log,
  });
  for (const signal of STOP_SIGNALS) process.removeListener(signal, whileStarting);
  if (place.dataDir) rememberPort(place.dataDir, up.server.port);
  if (askedAt !== undefined) {
    await up.stop();
    process.stdout.write('stopped\n');
    return;
  }
  // Listening before the banner says so: a Ctrl-C right after it must drain, not kill. A second
  // signal during the drain forces the exit (below).
  const stopSignal = new Promise<void>((resolve) => {
    for (const signal of STOP_SIGNALS) process.once(signal, resolve);
  });
  // Output nobody reads any more (`up | head`, a closed terminal) is dropped: writing it must not
  // end the broker, or stop it half-way through its drain.
  for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);
  process.stdout.write(banner(up, place, o));
  // Its own server gone (killed, crashed): nothing is served, and saying nothing would leave a broker
  // that only tries to reconnect. It stops, saying why, and exits 1: start it again.
  const serverGone = await Promise.race([stopSignal.then(() => undefined), up.server.ended]);
  if (serverGone !== undefined) {
    log.error(
      { natsServerPid: up.server.pid, how: serverGone },
      `the nats-server this broker started (pid ${up.server.pid}) ${serverGone}; stopping`,
    );
    process.stdout.write('stopping: its nats-server ended\n');
    await up.stop();
    process.stdout.write('stopped\n');
    process.exitCode = 1;
    return;
  }
  // A second Ctrl-C while draining gives up on the drain. The first one reaches this process twice
  // when a wrapper forwards it (`pnpm lienthong up`: the terminal signals the group, pnpm passes it
  // on): a signal within FORWARDED_MS of it is that one again.
  const stopAskedAt = Date.now();
  const force = (): void => {
    if (Date.now() - stopAskedAt >= FORWARDED_MS) process.exit(130);
  };
  for (const signal of STOP_SIGNALS) process.on(signal, force);
  process.stdout.write('draining…\n');
  await up.stop();
  process.stdout.write('stopped\n');
}

/** ` --creds FILE` when the directory holds the operator's seed (a broker with credentials), else nothing. */
function opsCreds(dataDir: string): string {
  const ops = join(dataDir, 'credentials', 'ops_admin.nk');
  return existsSync(ops) ? ` --creds ${ops}` : '';
}

/**
 * The data directory (refused when missing unless --init, or when a broker already runs on it; the
 * server a broker killed outright left running is ended first) and the port: --port, else the one
 * the directory kept (so that clients reconnecting forever find it again), else a free one. A port
 * another program holds is refused here, in one line.
 */
async function choosePlace(o: UpOptions): Promise<Place> {
  const dataDir = o.data === undefined ? undefined : openDataDir(o.data, { init: o.init === true });
  // The server of a broker killed outright (SIGKILL, out of memory) still holds the store and port.
  const orphan = dataDir === undefined ? undefined : await endOrphanedServer(dataDir);
  if (orphan !== undefined) {
    process.stderr.write(
      `lienthong: ended nats-server pid ${orphan}, left running on ${dataDir} by a broker that was killed without stopping\n`,
    );
  }
  const running = dataDir === undefined ? undefined : runningBroker(dataDir);
  if (running) {
    throw new CliError(
      'AlreadyExists',
      `a broker already runs on ${dataDir} (nats-server pid ${running.pid}, ${running.url})`,
      { hint: `use it: lienthong node ls -s ${running.url}${opsCreds(dataDir!)}` },
    );
  }
  const kept = dataDir === undefined ? undefined : rememberedPort(dataDir);
  // `--port 0` asks for a free port, which the directory then keeps.
  const port = o.port !== undefined ? o.port : kept;
  if (port) {
    await assertPortFree(
      '127.0.0.1',
      port,
      o.port ? '--port' : `the port kept by ${dataDir}`,
      o.port
        ? 'stop the program using it, or pass another --port (or none: a free one)'
        : 'stop the program using it, or move the broker with --port (its clients then need the new URL)',
    );
  }
  if (o.httpPort) {
    await assertPortFree(
      '127.0.0.1',
      o.httpPort,
      '--http-port',
      'pass another --http-port, or 0 for a free one',
    );
  }
  return { dataDir, kept, port };
}

/** What `up` prints once it is up: URLs, the store, a count of nodes and a few, the credentials. */
function banner(up: Embedded, place: Place, o: UpOptions): string {
  const { dataDir, kept } = place;
  const portNote =
    dataDir === undefined
      ? ''
      : o.port !== undefined && o.port !== kept
        ? `  (--port; ${dataDir} keeps it from now on)`
        : kept
          ? `  (the port ${dataDir} keeps across restarts; --port changes it)`
          : `  (a free port; ${dataDir} keeps it across restarts)`;
  const http = up.node.runtime.httpUrl;
  return [
    'lienthong is up',
    `  nats:    ${up.server.url}${portNote}`,
    `  data:    ${up.server.dataDir}`,
    `  nodes:   ${summarizeList(
      up.node.runtime.nodes.map((n) => n.id),
      LISTED_NODES,
    )}`,
    ...(up.ops
      ? [
          `  creds:   ${up.ops.seedFile} (operator; agencies: lienthong creds issue agency CODE --data ${up.server.dataDir})`,
        ]
      : ['  auth:    off (--no-auth): every client may do anything']),
    ...(up.dashboard
      ? [
          `  web:     ${up.dashboard.url}  (dashboard${up.dashboard.operatorToken ? `; operator token: ${up.dashboard.operatorToken}` : ', no sign-in: --no-auth'})`,
        ]
      : []),
    ...(http
      ? [
          `  metrics: ${http}/metrics`,
          `  health:  ${http}/healthz  ${http}/readyz`,
          `  api:     ${http}/api/v1 (edXML gateway; ${up.ops ? 'tokens: lienthong creds issue agency CODE --http-token --data DIR' : 'name the agency in X-Lienthong-Agency'})`,
          `  vxp:     ${http}/vxp (VXP client endpoint; ${up.ops ? 'system id = agency code, secret = its --http-token' : 'signatures not checked'})`,
        ]
      : []),
    `Try: lienthong node ls -s ${up.server.url}${up.ops ? ` --creds ${up.ops.seedFile}` : ''}`,
    'Ctrl-C drains and stops.',
    '',
  ].join('\n');
}
