/**
 * What a benchmark child process starts and must stop: nats-servers (each on a temporary data
 * directory), node runtimes and clients. Everything is registered here so that a failing or
 * timed-out run still stops it; the parent is told each server's pid and directory so that it can
 * clean up even after killing a stuck child.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger, startEmbeddedServer } from '@lienthong/node';
import type { EmbeddedServer } from '@lienthong/node';
import { within } from './util';

type Disposer = { what: string; dispose: () => Promise<void> };

const disposers: Disposer[] = [];

/** Runs `dispose` when the run ends (last registered, first disposed). */
export function defer(what: string, dispose: () => Promise<void>): void {
  disposers.push({ what, dispose });
}

/** Stops everything registered, newest first; each step gets a bounded time. */
export async function disposeAll(): Promise<void> {
  while (disposers.length > 0) {
    const d = disposers.pop()!;
    try {
      await within(`stopping ${d.what}`, d.dispose(), 15_000);
    } catch (e) {
      process.stderr.write(`bench: ${String((e as Error)?.message ?? e)}\n`);
    }
  }
}

export interface ParentMessage {
  readonly type: 'server' | 'result' | 'error' | 'progress';
  readonly [k: string]: unknown;
}

/** Sends a message to the orchestrator (when run by it); resolves once it is handed over. */
export function tellParent(msg: ParentMessage): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send) return resolve();
    process.send(msg, undefined, {}, () => resolve());
  });
}

/** A local nats-server with JetStream on a fresh temporary directory, removed when the run ends. */
export async function startServer(label: string): Promise<EmbeddedServer> {
  const dataDir = mkdtempSync(join(tmpdir(), `lt-bench-${label}-`));
  const server = await startEmbeddedServer({ dataDir });
  await tellParent({ type: 'server', pid: server.pid, dataDir });
  defer(`nats-server ${label}`, async () => {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });
  return server;
}

/** The runtime's logger: warnings and errors only, as JSON lines on stdout (the parent counts them). */
export function benchLogger(name: string): ReturnType<typeof createLogger> {
  return createLogger({ name, level: process.env.LT_LOG_LEVEL ?? 'warn' });
}

const CLK_TCK = 100; // Linux USER_HZ; /proc/<pid>/stat times are in these ticks

/** CPU time (user + system) a process has used so far, in ms; NaN if it cannot be read. */
export function processCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may contain spaces: fields start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const utime = Number(fields[11]);
    const stime = Number(fields[12]);
    return ((utime + stime) * 1000) / CLK_TCK;
  } catch {
    return Number.NaN;
  }
}

/** Resident set size of a process, in bytes; NaN if it cannot be read. */
export function processRssBytes(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const m = /VmRSS:\s+(\d+) kB/.exec(status);
    return m ? Number(m[1]) * 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/** CPU used by this process and by a nats-server between `start()` and `stop()`. */
export function cpuMeter(serverPids: number | readonly number[]): {
  stop(): { processMs: number; serverMs: number };
} {
  const pids = typeof serverPids === 'number' ? [serverPids] : serverPids;
  const serversMs = (): number => pids.reduce((sum, pid) => sum + processCpuMs(pid), 0);
  const p0 = process.cpuUsage();
  const s0 = serversMs();
  return {
    stop() {
      const p = process.cpuUsage(p0);
      return { processMs: (p.user + p.system) / 1000, serverMs: serversMs() - s0 };
    },
  };
}
