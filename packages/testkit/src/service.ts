import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { appendFileSync, existsSync } from 'node:fs';
import path from 'node:path';

import { registerPid, unregisterPid } from './registry';

export type ServiceLevel = 'central' | 'province' | 'district' | 'commune';

/** One level service running as its own OS process (`packages/<level>/dist/main.js`). */
export interface ServiceProcess extends AsyncDisposable {
  readonly level: ServiceLevel;
  /** PID of the current process; changes on restart. */
  readonly pid: number;
  /** Nodes it reported hosting when it became ready. */
  readonly nodes: readonly string[];
  /** SIGTERM (the service drains), SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
  /** SIGKILL: no drain, no goodbye. */
  kill(): Promise<void>;
  /** Starts it again from the same config file. */
  restart(): Promise<void>;
  isRunning(): boolean;
  /** The last lines it wrote to stderr/stdout. */
  logTail(): string;
}

const ROOT = path.resolve(__dirname, '../../..');

/**
 * Forks a level service with `--config configPath` and resolves once it says it is ready (IPC
 * message from the service's main). The built `dist/main.js` must exist (`pnpm build`).
 */
export async function startService(
  level: ServiceLevel,
  configPath: string,
  opts: { readyTimeoutMs?: number; env?: NodeJS.ProcessEnv } = {},
): Promise<ServiceProcess> {
  const main = path.join(ROOT, 'packages', level, 'dist/main.js');
  if (!existsSync(main)) throw new Error(`${main} is missing: build first (pnpm build)`);
  const tail: string[] = [];
  let child: ChildProcess | undefined;
  let nodes: string[] = [];
  let exited: Promise<void> = Promise.resolve();

  const launch = async (): Promise<void> => {
    const c = fork(main, ['--config', configPath], {
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      env: { ...process.env, LT_LOG_LEVEL: process.env.LT_LOG_LEVEL ?? 'warn', ...opts.env },
    });
    child = c;
    registerPid(c.pid!);
    // LT_SERVICE_LOG_DIR keeps every line each service wrote, one file per config (for diagnosis).
    const logDir = process.env.LT_SERVICE_LOG_DIR;
    const keep = (b: Buffer): void => {
      if (logDir) appendFileSync(path.join(logDir, `${path.basename(configPath, '.json')}.log`), b);
      tail.push(...b.toString().split('\n').filter(Boolean));
      tail.splice(0, Math.max(0, tail.length - 60));
    };
    c.stdout?.on('data', keep);
    c.stderr?.on('data', keep);
    exited = new Promise((r) =>
      c.once('exit', () => {
        unregisterPid(c.pid!);
        r();
      }),
    );
    nodes = await readySignal(c, level, opts.readyTimeoutMs ?? 20_000, tail);
  };

  const running = (): boolean => child !== undefined && child.exitCode === null && child.signalCode === null;
  const stop = async (graceMs = 10_000): Promise<void> => {
    if (!running()) return;
    child!.kill('SIGTERM');
    const timer = setTimeout(() => child?.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  };
  const kill = async (): Promise<void> => {
    if (!running()) return;
    child!.kill('SIGKILL');
    await exited;
  };

  await launch();
  return {
    level,
    get pid() {
      return child!.pid!;
    },
    get nodes() {
      return nodes;
    },
    stop,
    kill,
    restart: async () => {
      await stop();
      await launch();
    },
    isRunning: running,
    logTail: () => tail.join('\n'),
    [Symbol.asyncDispose]: () => stop(),
  };
}

/** The nodes a forked service says it serves, once it says it is ready; rejects if it exits first. */
function readySignal(
  c: ChildProcess,
  level: ServiceLevel,
  timeoutMs: number,
  tail: readonly string[],
): Promise<string[]> {
  return new Promise<string[]>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${level} service not ready in ${timeoutMs} ms\n${tail.join('\n')}`)),
      timeoutMs,
    );
    c.on('message', (m: { type?: string; nodes?: string[] }) => {
      if (m?.type !== 'ready') return;
      clearTimeout(timer);
      resolve(m.nodes ?? []);
    });
    c.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(
        new Error(`${level} service exited (${code ?? signal}) before it was ready\n${tail.join('\n')}`),
      );
    });
  });
}
