import { readFileSync, rmSync } from 'node:fs';

/**
 * PIDs of nats-server processes this process spawned and that have not yet been seen to exit.
 * A PID leaves the set as soon as its 'exit' event fires, so a recycled PID is never signalled.
 */
const livePids = new Set<number>();
/** Temp dirs created by the kit and not yet removed; swept on exit after the children are killed. */
const tempDirs = new Set<string>();
/**
 * The process object whose 'exit' event really fires. Jest hands each test file a copy of `process`
 * whose listeners are never called, so a hook registered there would be dead. Functions from core
 * modules belong to the host realm; its Function constructor evaluates in the host's global scope,
 * where `process` is the real one. Outside Jest this is simply `process`.
 */
function hostProcess(): NodeJS.Process {
  try {
    const HostFunction = readFileSync.constructor as FunctionConstructor;
    const host = new HostFunction('return typeof process === "object" ? process : undefined')() as
      NodeJS.Process | undefined;
    if (host !== undefined && typeof host.on === 'function') return host;
  } catch {
    // code generation disallowed: fall back to the visible process
  }
  return process;
}

/** Synchronous, as 'exit' handlers must be; SIGKILL cannot be refused, so there is nothing to wait for. */
function onExit(): void {
  for (const pid of livePids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  livePids.clear();
  for (const dir of tempDirs) {
    try {
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // best effort at exit
    }
  }
  tempDirs.clear();
}

/** The property of the real process that holds the clean-ups of every copy of this module. */
const HOOKS = '__lienthongTestkitExitHooks';

/**
 * The clean-ups run by the one 'exit' listener this kit puts on the real process. Jest loads this
 * module afresh for every test file in a worker; one listener per copy would pile up on the one
 * real process (Node warns past ten), so every copy adds its clean-up to this set instead.
 */
function exitHooks(): Set<() => void> {
  const host = hostProcess() as NodeJS.Process & { [HOOKS]?: Set<() => void> };
  const there = host[HOOKS];
  if (there !== undefined) return there;
  const hooks = new Set<() => void>();
  Object.defineProperty(host, HOOKS, { value: hooks });
  host.on('exit', () => {
    for (const hook of hooks) hook();
  });
  return hooks;
}

let hooked = false;

/** This copy's clean-up is in the set only while there is something to clean up. */
function updateExitHook(): void {
  const needed = livePids.size > 0 || tempDirs.size > 0;
  if (needed && !hooked) {
    exitHooks().add(onExit);
    hooked = true;
  } else if (!needed && hooked) {
    exitHooks().delete(onExit);
    hooked = false;
  }
}

export function registerPid(pid: number): void {
  livePids.add(pid);
  updateExitHook();
}

export function unregisterPid(pid: number): void {
  livePids.delete(pid);
  updateExitHook();
}

export function registerTempDir(dir: string): void {
  tempDirs.add(dir);
  updateExitHook();
}

export function unregisterTempDir(dir: string): void {
  tempDirs.delete(dir);
  updateExitHook();
}

/** PIDs of nats-server processes started by this process that are still running (as far as we know). */
export function liveServerPids(): number[] {
  return [...livePids];
}
