import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { join, resolve } from 'node:path';
import { LienthongError } from '@lienthong/core';
import { serverLimitsConfig, storeLimitsConfig } from './stream-limits';

/** The local nats-server of the embedded default. */
export interface EmbeddedServer extends AsyncDisposable {
  readonly url: string;
  readonly port: number;
  readonly pid: number;
  readonly dataDir: string;
  /** The server's authorization block, when it requires credentials (`<dataDir>/auth.conf`). */
  readonly authConfigFile?: string;
  /** Re-reads the configuration (SIGHUP): applies a rewritten authorization block, drops revoked users. */
  reload(): Promise<void>;
  /** SIGTERM (JetStream flushes its store), SIGKILL after 5 s. */
  stop(): Promise<void>;
  /** Resolves once the server has ended, by `stop()` or otherwise: how (`killed by SIGKILL`…). */
  readonly ended: Promise<string>;
}

export function findNatsServerBinary(): string {
  const candidates = [
    process.env.LT_NATS_SERVER,
    ...(process.env.PATH ?? '').split(':').map((d) => join(d, 'nats-server')),
    '/usr/sbin/nats-server',
  ];
  const found = candidates.find((c): c is string => !!c && existsSync(c));
  if (!found) {
    throw new LienthongError(
      'FailedPrecondition',
      'nats-server not found: install it with `apt-get install -y nats-server` (scripts/setup.sh does) or set LT_NATS_SERVER',
    );
  }
  return found;
}

/**
 * Starts nats-server with JetStream, storing under `dataDir`, on `port` (0 picks a free one), bound
 * to loopback unless `host` says otherwise. Resolves once it accepts connections.
 */
export async function startEmbeddedServer(opts: {
  dataDir: string;
  port?: number;
  host?: string;
  startTimeoutMs?: number;
  /**
   * Require credentials: the server includes `<dataDir>/auth.conf`, an authorization block that must
   * exist before the start (see CredentialStore.writeAuthConfig).
   */
  auth?: boolean;
}): Promise<EmbeddedServer> {
  const dataDir = resolve(opts.dataDir);
  mkdirSync(join(dataDir, 'jetstream'), { recursive: true });
  const host = opts.host ?? '127.0.0.1';
  const conf = join(dataDir, 'nats-server.conf');
  if (opts.auth && !existsSync(join(dataDir, AUTH_CONFIG))) {
    throw new LienthongError(
      'FailedPrecondition',
      `${join(dataDir, AUTH_CONFIG)} is missing: write it first`,
    );
  }
  writeServerConfig(conf, host, opts.port, dataDir, opts.auth === true);
  // A process group of its own: a terminal's Ctrl-C (sent to the foreground group) reaches the
  // broker, which drains and then stops the server, not the server at the same time as the broker.
  const child = spawn(findNatsServerBinary(), ['-c', conf], {
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
  });
  const log: string[] = [];
  const reloads = { done: 0, failed: 0 };
  child.stderr?.on('data', (b: Buffer) => {
    const lines = b.toString().split('\n');
    for (const line of lines) {
      if (/Reloaded server configuration/.test(line)) reloads.done++;
      if (/Failed to reload/i.test(line)) reloads.failed++;
    }
    log.push(...lines);
    log.splice(0, Math.max(0, log.length - 40));
  });
  const ended = new Promise<string>((r) =>
    child.once('exit', (code, signal) => r(signal ? `killed by ${signal}` : `exited with code ${code}`)),
  );
  const exited = ended.then(() => undefined);
  const fail = async (why: string): Promise<never> => {
    child.kill('SIGKILL');
    await exited;
    throw new LienthongError(
      'Unavailable',
      `nats-server did not start: ${startFailure(log, why, host, opts.port)}`,
      {
        context: { dataDir, why, log: log.filter((l) => l.trim() !== '').join('\n') },
      },
    );
  };
  const deadline = Date.now() + (opts.startTimeoutMs ?? 10_000);
  const portsFile = join(dataDir, `nats-server_${child.pid}.ports`);
  // A server killed outright leaves its ports file: gone with it, it names no running server.
  void exited.then(() => rmSync(portsFile, { force: true }));
  let port = 0;
  while (port === 0) {
    if (child.exitCode !== null) return fail(`exited with code ${child.exitCode}`);
    if (child.signalCode !== null) return fail(`killed by ${child.signalCode}`);
    if (Date.now() > deadline) return fail('timed out waiting for its ports file');
    if (existsSync(portsFile)) port = portOf(portsFile);
    if (port === 0) await sleep(50);
  }
  while (!(await accepts(host, port))) {
    if (Date.now() > deadline) return fail('timed out waiting for connections');
    await sleep(50);
  }
  return server(child, ended, host, port, dataDir, opts.auth ? join(dataDir, AUTH_CONFIG) : undefined, {
    reloads,
    log,
  });
}

/** The server's configuration file: listen address, store, limits, pid file, the authorization block. */
function writeServerConfig(
  conf: string,
  host: string,
  port: number | undefined,
  dataDir: string,
  auth: boolean,
): void {
  writeFileSync(
    conf,
    [
      `listen: ${JSON.stringify(`${host}:${port && port > 0 ? port : -1}`)}`,
      `ports_file_dir: ${JSON.stringify(dataDir)}`,
      `jetstream { store_dir: ${JSON.stringify(join(dataDir, 'jetstream'))}, ${storeLimitsConfig()} }`,
      // Connections, subscriptions and buffers: bounded, so that no client exhausts the server.
      serverLimitsConfig(),
      `pid_file: ${JSON.stringify(join(dataDir, 'nats-server.pid'))}`,
      // Resolved next to this file; written by the credential store.
      ...(auth ? [`include ${AUTH_CONFIG}`] : []),
      '',
    ].join('\n'),
  );
}

/** The client port in nats-server's ports file; 0 while the file is still being written (empty or partial). */
function portOf(portsFile: string): number {
  try {
    const urls = (JSON.parse(readFileSync(portsFile, 'utf8')) as { nats?: string[] }).nats ?? [];
    return Number(new URL(urls[0] ?? 'nats://x:0').port);
  } catch {
    return 0;
  }
}

/**
 * Why nats-server did not start, in one line: its fatal or error line (it logs the cause last,
 * after its banner), or what the wait saw. The whole log goes into the error's context.
 */
function startFailure(log: readonly string[], why: string, host: string, port: number | undefined): string {
  const cause = [...log].reverse().find((l) => /\[(FTL|ERR)\]/.test(l));
  if (cause && /address already in use/.test(cause))
    return `cannot listen on ${host}:${port}: address already in use`;
  return cause ? cause.replace(/^.*\[(FTL|ERR)\]\s*/, '') : why;
}

/** The authorization block's file name in the data directory. */
export const AUTH_CONFIG = 'auth.conf';

/**
 * Asks the nats-server whose pid file is in `dataDir` to reload its configuration. The pid file can
 * outlive its server (a crash), and the pid be reused by another program, so on Linux the process
 * must have been started with this directory's config before it is signalled.
 */
export function reloadServerIn(dataDir: string): number {
  const dir = resolve(dataDir);
  const file = join(dir, 'nats-server.pid');
  let pid: number;
  try {
    pid = Number(readFileSync(file, 'utf8').trim());
  } catch (e) {
    throw new LienthongError('Unavailable', `no nats-server runs on ${dataDir} (no ${file})`, { cause: e });
  }
  const cmdline = `/proc/${pid}/cmdline`;
  if (Number.isInteger(pid) && pid > 0 && existsSync('/proc/self/cmdline')) {
    const args = existsSync(cmdline) ? readFileSync(cmdline, 'utf8').split('\0') : [];
    const ours = args.includes(join(dir, 'nats-server.conf'));
    if (!ours) {
      throw new LienthongError(
        'Unavailable',
        `the nats-server of ${dataDir} is not running (pid ${pid} in ${file} is not it)`,
        { context: { pid, dataDir } },
      );
    }
  }
  try {
    process.kill(pid, 'SIGHUP');
  } catch (e) {
    throw new LienthongError('Unavailable', `the nats-server of ${dataDir} (pid ${pid}) is not running`, {
      cause: e,
    });
  }
  return pid;
}

/** The servers this process started and that still run. */
const running = new Set<ChildProcess>();

/**
 * This process ending by any path that runs exit handlers (a crash, `process.exit`, a write to a
 * closed pipe) ends its servers too: nats-server ignores a hang-up (it reloads its config on
 * SIGHUP), so nothing else would, and each would keep its port and its store's lock.
 */
function endWithThisProcess(child: ChildProcess, exited: Promise<void>): void {
  if (running.size === 0) process.once('exit', endAll);
  running.add(child);
  void exited.then(() => {
    running.delete(child);
    if (running.size === 0) process.removeListener('exit', endAll);
  });
}

function endAll(): void {
  for (const child of running) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  }
}

function server(
  child: ChildProcess,
  ended: Promise<string>,
  host: string,
  port: number,
  dataDir: string,
  authConfigFile: string | undefined,
  out: { reloads: { done: number; failed: number }; log: string[] },
): EmbeddedServer {
  const exited = ended.then(() => undefined);
  endWithThisProcess(child, exited);
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    })());
  const reload = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new LienthongError('Unavailable', 'nats-server is not running');
    }
    const { done, failed } = out.reloads;
    child.kill('SIGHUP');
    // The new configuration is in force once the server says so (it logs at info level).
    const deadline = Date.now() + 5_000;
    while (out.reloads.done === done) {
      if (out.reloads.failed !== failed || Date.now() > deadline) {
        throw new LienthongError(
          'FailedPrecondition',
          `nats-server refused the new config\n${out.log.join('\n')}`,
        );
      }
      await sleep(10);
    }
  };
  return {
    url: `nats://${host}:${port}`,
    port,
    pid: child.pid!,
    dataDir,
    ended,
    ...(authConfigFile ? { authConfigFile } : {}),
    reload,
    stop,
    [Symbol.asyncDispose]: stop,
  };
}

function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolveAccepts) => {
    const s = net.connect({ host, port });
    s.once('connect', () => {
      s.destroy();
      resolveAccepts(true);
    });
    s.once('error', () => resolveAccepts(false));
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
