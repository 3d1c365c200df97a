/**
 * Drives the built CLI as a person would: `lienthong up` as a process, each command as a process.
 * Every process started here is tracked by PID and killed by `killAll()`, even after a failure.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { LienthongClient } from '@lienthong/sdk';

export const MAIN = path.resolve(__dirname, '../dist/main.js');

const children = new Set<ChildProcess>();
/** nats-server processes of brokers, by the ports file that names them (removed on a clean stop). */
const natsPids = new Map<number, string>();
const tempDirs = new Set<string>();

export function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  tempDirs.add(dir);
  return dir;
}

/** The environment of every command: no colour, no contexts or server from the machine running the tests. */
export function cliEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', LT_LOG_LEVEL: 'warn', ...extra };
  if (!('LT_SERVER' in extra)) delete env.LT_SERVER;
  if (!('LT_CREDS' in extra)) delete env.LT_CREDS;
  if (!('XDG_CONFIG_HOME' in extra)) env.XDG_CONFIG_HOME = tempDir('lt-cli-xdg-');
  return env;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

/** Runs `lienthong ...args` to completion (killed after `timeoutMs`). */
export function lienthong(
  args: readonly string[],
  opts: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<Run> {
  const t0 = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN, ...args], {
      env: opts.env ?? cliEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.add(child);
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (b: Buffer) => (stdout += b.toString()));
    child.stderr!.on('data', (b: Buffer) => (stderr += b.toString()));
    const timeoutMs = opts.timeoutMs ?? 15_000;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(`lienthong ${args.join(' ')} did not finish in ${timeoutMs} ms\n${stdout}\n${stderr}`),
      );
    }, timeoutMs);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      children.delete(child);
      resolve({ code, stdout, stderr, ms: Date.now() - t0 });
    });
  });
}

/** Parses the JSON a command printed, failing with its output when it is not JSON. */
export function json<T = unknown>(run: Run): T {
  try {
    return JSON.parse(run.stdout) as T;
  } catch {
    throw new Error(`not JSON (exit ${run.code}):\n${run.stdout}\n${run.stderr}`);
  }
}

/** A long-running command (`up`, `doc watch`) and what it printed so far. */
export interface Background {
  readonly child: ChildProcess;
  readonly pid: number;
  stdout(): string;
  stderr(): string;
  /** Resolves with the first match of `re` on stdout (or stderr), or rejects after `timeoutMs`. */
  waitFor(re: RegExp, timeoutMs?: number, stream?: 'stdout' | 'stderr'): Promise<RegExpMatchArray>;
  /** Resolves with the exit code once the process has exited by itself (rejects after `timeoutMs`). */
  exited(timeoutMs?: number): Promise<number | null>;
  /** Sends `signal`, waits for the exit (SIGKILL after `graceMs`); resolves with the exit code. */
  stop(signal?: NodeJS.Signals, graceMs?: number): Promise<number | null>;
}

export function background(args: readonly string[], env: NodeJS.ProcessEnv = cliEnv()): Background {
  const child = spawn(process.execPath, [MAIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  const out = { stdout: '', stderr: '' };
  const listeners = new Set<() => void>();
  const notify = (): void => listeners.forEach((l) => l());
  child.stdout!.on('data', (b: Buffer) => {
    out.stdout += b.toString();
    notify();
  });
  child.stderr!.on('data', (b: Buffer) => {
    out.stderr += b.toString();
    notify();
  });
  const exited = new Promise<number | null>((resolve) =>
    child.once('close', (code, signal) => {
      children.delete(child);
      notify();
      resolve(code ?? (signal ? null : 0));
    }),
  );
  return {
    child,
    pid: child.pid!,
    stdout: () => out.stdout,
    stderr: () => out.stderr,
    waitFor: (re, timeoutMs = 20_000, stream = 'stdout') =>
      new Promise((resolve, reject) => {
        const check = (): void => {
          const m = out[stream].match(re);
          if (m) {
            done();
            resolve(m);
          } else if (child.exitCode !== null || child.signalCode !== null) {
            done();
            reject(new Error(`exited before printing ${re}\n${out.stdout}\n${out.stderr}`));
          }
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`no ${re} within ${timeoutMs} ms\n${out.stdout}\n${out.stderr}`));
        }, timeoutMs);
        const done = (): void => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        listeners.add(check);
        check();
      }),
    exited: (timeoutMs = 10_000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`still running after ${timeoutMs} ms\n${out.stdout}\n${out.stderr}`)),
          timeoutMs,
        );
        void exited.then((code) => {
          clearTimeout(timer);
          resolve(code);
        });
      }),
    stop: async (signal = 'SIGINT', graceMs = 10_000) => {
      if (child.exitCode !== null || child.signalCode !== null) return exited;
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

export interface Broker {
  readonly url: string;
  readonly port: number;
  readonly dataDir: string;
  readonly httpUrl: string | undefined;
  readonly process: Background;
  /** Ctrl-C: drains and stops; resolves with the exit code. */
  stop(): Promise<number | null>;
}

/**
 * `lienthong up --port <free port> --data <tmp>`, ready once it prints its URL. Without credentials
 * (`--no-auth`) unless `auth` is asked for; the credentials tests ask.
 */
export interface BrokerOptions {
  http?: boolean;
  auth?: boolean;
  /** More `up` arguments, read when the broker starts. */
  args?: () => string[];
}

export async function startBroker(opts: BrokerOptions = {}): Promise<Broker> {
  // A port found free can be taken before `up` binds it (another test's connection, another
  // program): then it is tried again on another one.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startBrokerOnce(opts);
    } catch (e) {
      if (attempt >= 3 || !/address already in use/.test(String((e as Error)?.message))) throw e;
    }
  }
}

async function startBrokerOnce(opts: BrokerOptions): Promise<Broker> {
  const port = await freePort();
  const dataDir = tempDir('lt-cli-data-');
  const up = background([
    'up',
    '--port',
    String(port),
    '--data',
    dataDir,
    ...(opts.http ? ['--http-port', '0'] : []),
    ...(opts.auth ? [] : ['--no-auth']),
    ...(opts.args?.() ?? []),
  ]);
  // The embedded nats-server is the broker's child; if the broker dies hard, it is killed by PID.
  const rememberNats = (): void => {
    if (!existsSync(dataDir)) return;
    for (const f of readdirSync(dataDir)) {
      const m = /^nats-server_(\d+)\.ports$/.exec(f);
      if (m) natsPids.set(Number(m[1]), path.join(dataDir, f));
    }
  };
  try {
    const [, url] = await up.waitFor(/nats:\s+(nats:\/\/\S+)/, 20_000);
    rememberNats();
    const http = opts.http ? (await up.waitFor(/metrics:\s+(http:\/\/\S+)\/metrics/, 5000))[1] : undefined;
    await up.waitFor(/Ctrl-C drains and stops/, 5000);
    return { url: url!, port, dataDir, httpUrl: http, process: up, stop: () => up.stop('SIGINT', 15_000) };
  } catch (e) {
    rememberNats();
    await up.stop('SIGKILL');
    throw e;
  }
}

/** A broker shared by one test file, and the SDK clients its tests open (closed at the end). */
export interface SuiteBroker {
  readonly broker: Broker;
  /** `['-s', url]`: the server flag for commands. */
  readonly s: string[];
  readonly clients: LienthongClient[];
}

/**
 * Starts a broker before the file's tests and, after them, closes the clients they registered,
 * stops the broker and kills whatever is left. Read `broker`/`s` inside tests, not at load time.
 */
export function brokerForSuite(opts: BrokerOptions = {}): SuiteBroker {
  let broker: Broker | undefined;
  const clients: LienthongClient[] = [];
  beforeAll(async () => {
    broker = await startBroker(opts);
  });
  afterAll(async () => {
    await Promise.allSettled(clients.map((c) => c.close()));
    try {
      if (broker) await broker.stop();
    } finally {
      await killAll();
    }
  });
  return {
    get broker(): Broker {
      if (!broker) throw new Error('the broker starts in beforeAll');
      return broker;
    },
    get s(): string[] {
      return ['-s', this.broker.url];
    },
    clients,
  };
}

/** Kills every process these helpers started that is still running, and removes the temp dirs. */
export async function killAll(): Promise<void> {
  const waits = [...children].map(
    (c) =>
      new Promise<void>((resolve) => {
        if (c.exitCode !== null || c.signalCode !== null) return resolve();
        c.once('close', () => resolve());
        c.kill('SIGINT');
        setTimeout(() => c.kill('SIGKILL'), 10_000).unref();
      }),
  );
  await Promise.all(waits);
  for (const [pid, portsFile] of natsPids) {
    if (!existsSync(portsFile)) continue; // it stopped cleanly
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  natsPids.clear();
  for (const d of tempDirs) rmSync(d, { recursive: true, force: true });
  tempDirs.clear();
}

/** Retries `fn` until it returns without throwing, for at most `timeoutMs`. */
export async function eventually<T>(fn: () => Promise<T>, timeoutMs = 10_000, intervalMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await fn();
    } catch (e) {
      if (Date.now() > deadline) throw e;
      await new Promise((r) => setTimeout(r, intervalMs));
    }
  }
}

/** `lienthong creds <args…>` against the suite's broker and its data directory. */
export function creds(suite: SuiteBroker, ...args: string[]): Promise<Run> {
  return lienthong(['creds', ...args, '--data', suite.broker.dataDir, ...suite.s]);
}

/** Issues (or re-issues) an agency's credentials on the suite's broker; fails the test if refused. */
export async function issueAgency(
  suite: SuiteBroker,
  code: string,
): Promise<{ seedFile: string; inboxPrefix: string }> {
  const r = await creds(suite, 'issue', 'agency', code, '--json');
  expect([r.code, r.stderr]).toEqual([0, '']);
  return json<{ seedFile: string; inboxPrefix: string }>(r);
}
