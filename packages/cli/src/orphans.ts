/**
 * A broker's nats-server outlives a `lienthong up` (or `demo --keep`) that was killed outright
 * (SIGKILL, the OOM killer): nothing runs the exit handler that ends it. It keeps its port and its
 * store, and nothing consumes what clients send to it. The process that runs a broker records itself
 * in the data directory (OWNER_FILE); a later start finds a server whose recorded owner is gone,
 * ends it, and takes its place (a data directory) or removes its directory (a temporary one).
 */
import { existsSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CliError } from './errors';

/** Who runs the broker of a data directory: written before its server starts. */
export const OWNER_FILE = 'owner.json';

/** The prefix of the temporary data directories of brokers started without `--data`. */
export const TEMP_PREFIX = 'lienthong-';

/** How long an orphaned server has to flush its store after SIGTERM before it is killed. */
const STOP_WAIT_MS = 10_000;

interface Owner {
  readonly pid: number;
  /** The process's start time (`/proc/<pid>/stat`, clock ticks since boot): a reused pid is another process. */
  readonly started?: string;
}

/** A process's start time, where /proc tells it. */
function startTimeOf(pid: number): string | undefined {
  try {
    // The command name (2nd field) is in parentheses and may hold spaces: count from after it.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[0] === 'Z' ? undefined : fields[19]; // state, then field 22 of the whole line
  } catch {
    return undefined;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  // A zombie (ended, not yet reaped by whoever inherited it) is gone for every purpose here.
  return !existsSync('/proc/self/stat') || startTimeOf(pid) !== undefined;
}

/** Records this process as the one running the broker of `dir`. */
export function claimDataDir(dir: string): void {
  const owner: Owner = { pid: process.pid, started: startTimeOf(process.pid) };
  const file = join(resolve(dir), OWNER_FILE);
  try {
    writeFileSync(file, `${JSON.stringify(owner)}\n`);
  } catch (e) {
    // The first write into the data directory: one this user may not write is said so, plainly.
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'EACCES' && code !== 'EPERM' && code !== 'EROFS') throw e;
    throw new CliError(
      'PermissionDenied',
      `cannot write ${file}: the data directory is not writable by this user`,
      {
        hint: `run as the user that owns ${resolve(dir)}, or give this user write access to it (and to every file in it)`,
        cause: e,
      },
    );
  }
}

/**
 * Whether the process recorded as running the broker of `dir` is gone: false when it still runs, or
 * when nothing is recorded (a directory written before owners were, or being set up right now).
 */
export function ownerGone(dir: string): boolean {
  let owner: Partial<Owner>;
  try {
    owner = JSON.parse(readFileSync(join(resolve(dir), OWNER_FILE), 'utf8')) as Partial<Owner>;
  } catch {
    return false;
  }
  const pid = owner.pid;
  if (typeof pid !== 'number' || !Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return false;
  if (!alive(pid)) return true;
  const started = startTimeOf(pid);
  return owner.started !== undefined && started !== undefined && started !== owner.started;
}

/** The pid of the nats-server started with `dir`'s config, if it runs (checked by its command line). */
export function serverOf(dir: string): number | undefined {
  const abs = resolve(dir);
  let pid: number;
  try {
    pid = Number(readFileSync(join(abs, 'nats-server.pid'), 'utf8').trim());
  } catch {
    return undefined;
  }
  if (!Number.isInteger(pid) || pid <= 0 || !alive(pid)) return undefined;
  if (existsSync('/proc/self/cmdline')) {
    let args: string[];
    try {
      args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    } catch {
      return undefined;
    }
    if (!args.includes(join(abs, 'nats-server.conf'))) return undefined;
  }
  return pid;
}

/**
 * Ends the nats-server of `dir` if the process that ran its broker is gone: SIGTERM (JetStream
 * flushes its store), SIGKILL if it has not ended within 10 s. Returns its pid, or undefined when
 * there was nothing to end.
 */
export async function endOrphanedServer(dir: string): Promise<number | undefined> {
  const pid = serverOf(dir);
  if (pid === undefined || !ownerGone(dir)) return undefined;
  const signal = (s: NodeJS.Signals): void => {
    try {
      process.kill(pid, s);
    } catch {
      // already gone
    }
  };
  signal('SIGTERM');
  const deadline = Date.now() + STOP_WAIT_MS;
  while (alive(pid)) {
    if (Date.now() > deadline) {
      signal('SIGKILL');
      break;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return pid;
}

/**
 * Removes the temporary data directories (TEMP_PREFIX, this user's) whose broker was killed outright,
 * ending a server still running on one. A directory without an owner is left alone: it may be one
 * another broker is setting up at this moment. Returns what was removed.
 */
export async function sweepOrphanedTempDirs(
  parent: string = tmpdir(),
): Promise<{ dir: string; server: number | undefined }[]> {
  let names: string[];
  try {
    names = readdirSync(parent).filter((n) => n.startsWith(TEMP_PREFIX));
  } catch {
    return [];
  }
  const uid = process.getuid?.();
  const removed: { dir: string; server: number | undefined }[] = [];
  for (const name of names) {
    const dir = join(parent, name);
    try {
      const st = statSync(dir);
      if (!st.isDirectory() || (uid !== undefined && st.uid !== uid) || !ownerGone(dir)) continue;
      const server = await endOrphanedServer(dir);
      // A server that has no dead owner to go with (started by hand on this config) keeps its store.
      if (serverOf(dir) !== undefined) continue;
      rmSync(dir, { recursive: true, force: true });
      removed.push({ dir, server });
    } catch {
      // another process's sweep got there first, or the directory is not ours to read
    }
  }
  return removed;
}
