import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

import { findNatsServer } from './binary';
import { registerPid, registerTempDir, unregisterPid, unregisterTempDir } from './registry';
import { settlesWithin, sleep, tcpAccepts } from './util';

export interface LeafRemote {
  /** e.g. `nats://127.0.0.1:7422` (the hub's leafnode port, or a TcpProxy in front of it). */
  url: string;
}

export interface NatsServerOptions {
  /** Enable JetStream (default true). */
  jetstream?: boolean;
  /** JetStream domain; needs JetStream. */
  domain?: string;
  /** Open a leafnode listen port (random) so other servers can connect as leafs. */
  leafListen?: boolean;
  /** Connect as a leafnode to these remotes. */
  leafRemotes?: LeafRemote[];
  /** Seconds between leafnode reconnect attempts (2.9.10 takes whole seconds only; default 1). */
  leafReconnectSeconds?: number;
  /** Open the HTTP monitoring port (random); used by the leaf helpers to see whether a link is up. */
  monitor?: boolean;
  /** `server_name`; must be distinct across servers linked together (default: unique `lt-...`). */
  name?: string;
  /** Raw config text appended to the generated file. */
  extraConfig?: string;
  /**
   * Config files to include (e.g. an `authorization` block a test writes and rewrites); re-read on
   * `reload()`. nats-server resolves includes relative to the config file, which the kit does.
   */
  include?: readonly string[];
  /** JetStream store dir (default: inside a fresh temp dir, removed by cleanup()). A given dir is kept. */
  storeDir?: string;
  /** Enable server debug logging and echo the server's log to this process's stderr. */
  debug?: boolean;
  /** Bound on each start / restart (default 10000 ms). */
  startTimeoutMs?: number;
  /**
   * How long `stop()` waits after SIGTERM before SIGKILL (default 5000 ms). A test that needs what
   * a clean shutdown writes (consumer state) gives a loaded machine longer.
   */
  stopGraceMs?: number;
}

export interface NatsServer extends AsyncDisposable {
  /** `nats://127.0.0.1:PORT` */
  readonly url: string;
  readonly port: number;
  readonly leafPort?: number;
  /** `nats://127.0.0.1:LEAFPORT` when leafListen was asked for. */
  readonly leafUrl?: string;
  /** `http://127.0.0.1:PORT` when monitor was asked for. */
  readonly monitorUrl?: string;
  /** PID of the current (or last) process; changes on restart. */
  readonly pid: number;
  readonly name: string;
  readonly storeDir: string;
  readonly domain?: string;
  readonly configFile: string;
  /** SIGTERM, wait for exit, SIGKILL after 5 s. Idempotent. */
  stop(): Promise<void>;
  /** SIGKILL and wait for exit. Idempotent. */
  kill(): Promise<void>;
  /** Stops if running, then starts again with the same store dir and the same ports. */
  restart(): Promise<void>;
  /** SIGHUP: the server re-reads its config (and included files) without dropping allowed clients. */
  reload(): Promise<void>;
  isRunning(): boolean;
  /** Stops if running and deletes the temp dirs this kit created. Idempotent. */
  cleanup(): Promise<void>;
  /** The last lines the server wrote to stdout/stderr. */
  logTail(): string;
}

const TAIL_LINES = 50;
const STOP_GRACE_MS = 5000;
const LEAF_LISTEN_RE = /Listening for leafnode connections on (?:\[[^\]]*\]|[^\s:]+):(\d+)/;

/** Thrown internally when a restart hits a port still held by someone; the launch loop retries it. */
class PortBusyError extends Error {}

interface Proc {
  child: ChildProcess;
  pid: number;
  /** Resolves once the process has exited and its output is drained (or it failed to spawn). */
  exited: Promise<void>;
  /** Set at 'exit' (reaped): the PID is no longer ours to signal. */
  done: boolean;
  spawnError?: Error;
  leafPortFromLog?: number;
}

interface PortsFile {
  nats?: string[];
  monitoring?: string[];
  [key: string]: string[] | undefined;
}

function portOf(url: string | undefined): number | undefined {
  if (url === undefined) return undefined;
  const port = Number(new URL(url).port);
  return Number.isInteger(port) && port > 0 ? port : undefined;
}

/** (Un)refs the child and its pipes together, so waiting for 'close' keeps the event loop alive. */
function setRef(proc: Proc, on: boolean): void {
  for (const handle of [proc.child, proc.child.stdout, proc.child.stderr]) {
    if (handle instanceof net.Socket || handle instanceof ChildProcess) {
      if (on) handle.ref();
      else handle.unref();
    }
  }
}

function uniqueName(base: string | undefined): string {
  return `lt-${base ?? 'nats'}-${randomBytes(3).toString('hex')}`;
}

class NatsServerProcess implements NatsServer {
  readonly name: string;
  readonly storeDir: string;
  readonly domain?: string;
  readonly configFile: string;
  readonly #opts: NatsServerOptions;
  readonly #bin: string;
  readonly #workDir: string;
  readonly #timeoutMs: number;
  #port?: number;
  #leafPort?: number;
  #monitorPort?: number;
  #proc?: Proc;
  #lastPid = 0;
  #tail: string[] = [];
  #reloads = 0;
  #reloadFailures = 0;
  #cleaned = false;

  constructor(bin: string, opts: NatsServerOptions) {
    this.#bin = bin;
    this.#opts = opts;
    this.#timeoutMs = opts.startTimeoutMs ?? 10_000;
    this.name = opts.name ?? uniqueName(opts.domain);
    if (opts.domain !== undefined) this.domain = opts.domain;
    this.#workDir = mkdtempSync(path.join(os.tmpdir(), 'lt-nats-'));
    registerTempDir(this.#workDir);
    this.storeDir = opts.storeDir ?? path.join(this.#workDir, 'store');
    mkdirSync(this.storeDir, { recursive: true });
    this.configFile = path.join(this.#workDir, 'nats-server.conf');
  }

  get port(): number {
    if (this.#port === undefined) throw new Error(`nats-server ${this.name} has not started`);
    return this.#port;
  }

  get url(): string {
    return `nats://127.0.0.1:${this.port}`;
  }

  get leafPort(): number | undefined {
    return this.#leafPort;
  }

  get leafUrl(): string | undefined {
    return this.#leafPort === undefined ? undefined : `nats://127.0.0.1:${this.#leafPort}`;
  }

  get monitorUrl(): string | undefined {
    return this.#monitorPort === undefined ? undefined : `http://127.0.0.1:${this.#monitorPort}`;
  }

  get pid(): number {
    return this.#lastPid;
  }

  logTail(): string {
    return this.#tail.join('\n');
  }

  isRunning(): boolean {
    return this.#proc !== undefined && !this.#proc.done;
  }

  /** Starts the process; retries while a fixed port (from an earlier run) is still busy. */
  async launch(): Promise<void> {
    if (this.#cleaned) throw new Error(`nats-server ${this.name} was cleaned up; start a new one`);
    const deadline = Date.now() + this.#timeoutMs;
    for (;;) {
      try {
        await this.#launchOnce(deadline);
        return;
      } catch (err) {
        if (err instanceof PortBusyError && Date.now() + 250 < deadline) {
          await sleep(250);
          continue;
        }
        throw err;
      }
    }
  }

  async stop(): Promise<void> {
    const proc = this.#proc;
    if (proc === undefined || proc.done) return;
    setRef(proc, true);
    proc.child.kill('SIGTERM');
    if (await settlesWithin(proc.exited, this.#opts.stopGraceMs ?? STOP_GRACE_MS)) return;
    proc.child.kill('SIGKILL');
    await proc.exited;
  }

  async kill(): Promise<void> {
    const proc = this.#proc;
    if (proc === undefined || proc.done) return;
    setRef(proc, true);
    proc.child.kill('SIGKILL');
    await proc.exited;
  }

  async reload(): Promise<void> {
    const proc = this.#proc;
    if (proc === undefined || proc.done) throw new Error(`nats-server ${this.name} is not running`);
    const before = this.#reloads;
    const failuresBefore = this.#reloadFailures;
    proc.child.kill('SIGHUP');
    // The server logs "Reloaded server configuration" once the new config is in force.
    const deadline = Date.now() + this.#timeoutMs;
    while (this.#reloads === before) {
      if (this.#reloadFailures !== failuresBefore) {
        throw new Error(`nats-server ${this.name} refused the new config\n${this.logTail()}`);
      }
      if (Date.now() > deadline)
        throw new Error(`nats-server ${this.name} did not reload\n${this.logTail()}`);
      await sleep(25);
    }
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.launch();
  }

  async cleanup(): Promise<void> {
    if (this.#cleaned) return;
    await this.stop();
    this.#cleaned = true;
    // storeDir is inside workDir unless the caller supplied it, and then it is theirs to keep.
    rmSync(this.#workDir, { recursive: true, force: true });
    unregisterTempDir(this.#workDir);
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.cleanup();
  }

  #renderConfig(): string {
    const o = this.#opts;
    const q = (s: string): string => JSON.stringify(s);
    // Ports stay -1 (random) on the first start; afterwards the concrete ones so a restart rebinds them.
    const lines = [
      `server_name: ${q(this.name)}`,
      `listen: ${q(`127.0.0.1:${this.#port ?? -1}`)}`,
      `ports_file_dir: ${q(this.#workDir)}`,
    ];
    // The monitoring port stays random, also after a restart (monitorUrl follows it): nats-server
    // keeps -1 as its configured value, so a concrete one here would make every reload fail with
    // "config reload not supported for HTTPPort".
    if (o.monitor) lines.push(`http: ${q('127.0.0.1:-1')}`);
    if (o.debug) lines.push('debug: true');
    if (o.jetstream ?? true) {
      lines.push('jetstream {', `  store_dir: ${q(this.storeDir)}`);
      if (o.domain !== undefined) lines.push(`  domain: ${q(o.domain)}`);
      lines.push('}');
    }
    const remotes = o.leafRemotes ?? [];
    if (o.leafListen || remotes.length > 0) {
      lines.push('leafnodes {');
      if (o.leafListen) lines.push(`  listen: ${q(`127.0.0.1:${this.#leafPort ?? -1}`)}`);
      if (remotes.length > 0) {
        // 2.9.10 has no per-remote reconnect; the leafnodes block takes whole seconds.
        lines.push(`  reconnect: ${Math.max(1, Math.round(o.leafReconnectSeconds ?? 1))}`);
        lines.push('  remotes: [');
        for (const r of remotes) lines.push(`    { url: ${q(r.url)} }`);
        lines.push('  ]');
      }
      lines.push('}');
    }
    for (const file of o.include ?? []) {
      lines.push(`include ${q(path.relative(this.#workDir, path.resolve(file)))}`);
    }
    if (o.extraConfig !== undefined) lines.push(o.extraConfig);
    return lines.join('\n') + '\n';
  }

  #removeStalePortsFiles(): void {
    for (const f of readdirSync(this.#workDir)) {
      if (f.endsWith('.ports')) rmSync(path.join(this.#workDir, f), { force: true });
    }
  }

  #readPortsFile(pid: number): PortsFile | undefined {
    const file = readdirSync(this.#workDir).find((f) => f.endsWith(`_${pid}.ports`));
    if (file === undefined) return undefined;
    try {
      return JSON.parse(readFileSync(path.join(this.#workDir, file), 'utf8')) as PortsFile;
    } catch {
      return undefined; // caught mid-write; read again on the next poll
    }
  }

  #onLine(proc: Proc, line: string): void {
    this.#tail.push(line);
    if (/Reloaded server configuration/.test(line)) this.#reloads++;
    if (/Failed to reload/i.test(line)) this.#reloadFailures++;
    if (this.#tail.length > TAIL_LINES) this.#tail.shift();
    const leaf = LEAF_LISTEN_RE.exec(line);
    if (leaf?.[1] !== undefined) proc.leafPortFromLog = Number(leaf[1]);
    if (this.#opts.debug) process.stderr.write(`[${this.name}] ${line}\n`);
  }

  #spawn(): Proc {
    const child = spawn(this.#bin, ['-c', this.configFile], { stdio: ['ignore', 'pipe', 'pipe'] });
    let markExited = (): void => undefined;
    const exited = new Promise<void>((resolve) => {
      markExited = resolve;
    });
    const proc: Proc = { child, pid: child.pid ?? 0, exited, done: false };
    const markDone = (): void => {
      if (proc.done) return;
      proc.done = true;
      // Drop the PID the moment the process is reaped, so a recycled PID is never signalled.
      if (proc.pid) unregisterPid(proc.pid);
    };
    child.once('exit', markDone);
    // 'close' comes after 'exit' once stdout/stderr are drained, so the log tail is complete.
    child.once('close', () => {
      markDone();
      markExited();
    });
    child.once('error', (err) => {
      proc.spawnError = err;
      // An 'error' after a successful spawn (a failed kill) is not an exit.
      if (child.pid === undefined) {
        markDone();
        markExited();
      }
    });
    // Until stop/kill, a server must not keep this process alive: a test run that forgot to clean up
    // still exits, and the exit hook kills the server instead of Jest hanging or orphaning it.
    setRef(proc, false);
    if (proc.pid) {
      registerPid(proc.pid);
      this.#lastPid = proc.pid;
    }
    for (const stream of [child.stdout, child.stderr]) {
      let pending = '';
      stream?.setEncoding('utf8');
      stream?.on('data', (chunk: string) => {
        pending += chunk;
        const parts = pending.split('\n');
        pending = parts.pop() ?? '';
        for (const line of parts) this.#onLine(proc, line);
      });
      stream?.on('end', () => {
        if (pending !== '') this.#onLine(proc, pending);
        pending = '';
      });
    }
    return proc;
  }

  async #launchOnce(deadline: number): Promise<void> {
    writeFileSync(this.configFile, this.#renderConfig());
    this.#removeStalePortsFiles();
    this.#tail = [];
    const proc = this.#spawn();
    this.#proc = proc;
    const fixedPorts = this.#port !== undefined;

    const fail = async (why: string): Promise<never> => {
      if (!proc.done) {
        setRef(proc, true);
        proc.child.kill('SIGKILL');
        await proc.exited;
      }
      throw new Error(
        `nats-server ${this.name} (pid ${proc.pid}, config ${this.configFile}) ${why}\n--- server output (tail) ---\n${this.logTail()}`,
      );
    };

    let ports: PortsFile | undefined;
    for (;;) {
      if (proc.done) {
        setRef(proc, true);
        await proc.exited;
        if (fixedPorts && /address already in use/i.test(this.logTail())) {
          throw new PortBusyError(`port busy for ${this.name}`);
        }
        const reason = proc.spawnError
          ? `failed to spawn: ${proc.spawnError.message}`
          : 'exited during start';
        return fail(reason);
      }
      if (Date.now() >= deadline) return fail(`did not become ready within ${this.#timeoutMs} ms`);
      ports ??= this.#readPortsFile(proc.pid);
      const port = portOf(ports?.nats?.[0]);
      if (port !== undefined) {
        const leafKey = Object.keys(ports ?? {}).find((k) => k.startsWith('leaf'));
        // 2.9.10's ports file lists only "nats" (and "monitoring"), so the leaf port comes from the log.
        const leafPort = leafKey !== undefined ? portOf(ports?.[leafKey]?.[0]) : proc.leafPortFromLog;
        const monitorPort = portOf(ports?.monitoring?.[0]);
        const leafReady = !this.#opts.leafListen || leafPort !== undefined;
        const monitorReady = !this.#opts.monitor || monitorPort !== undefined;
        if (leafReady && monitorReady && (await tcpAccepts(port))) {
          this.#port = port;
          if (this.#opts.leafListen) this.#leafPort = leafPort;
          if (this.#opts.monitor) this.#monitorPort = monitorPort;
          if (!fixedPorts) writeFileSync(this.configFile, this.#renderConfig());
          return;
        }
      }
      await sleep(25);
    }
  }
}

/** Starts a real nats-server on random loopback ports with a temporary store; resolves once it accepts. */
export async function startNatsServer(opts: NatsServerOptions = {}): Promise<NatsServer> {
  if (opts.domain !== undefined && opts.jetstream === false) {
    throw new Error('startNatsServer: a JetStream domain needs jetstream enabled');
  }
  const bin = findNatsServer();
  const server = new NatsServerProcess(bin, opts);
  try {
    await server.launch();
  } catch (err) {
    await server.cleanup();
    throw err;
  }
  return server;
}
