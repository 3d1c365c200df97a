/**
 * A broker data directory (`lienthong up --data DIR`): what it remembers (its NATS port), whether a
 * broker runs on it now and at which URL, and the refusal of a missing or foreign directory, so that
 * a mistyped `--data` never starts an empty store or issues identities nobody's server knows.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CliError } from './errors';
import { serverOf } from './orphans';

/** What `up` remembers in the data directory. */
export const BROKER_FILE = 'lienthong.json';

export interface BrokerFile {
  readonly version: 1;
  /** The client port of the data directory's nats-server: the same after every restart. */
  readonly port: number;
}

/** Files a broker data directory has once `up` or `creds` has used it. */
const MARKERS = [BROKER_FILE, 'nats-server.conf', 'jetstream', join('credentials', 'registry.json')];

/**
 * Checks `--data DIR` of a command that expects an existing broker directory. A missing directory is
 * refused unless `init` (`--init`) asks for it to be created; so is an existing directory that holds
 * none of a broker's files, unless it is empty (made for the purpose) or `init`.
 */
export function openDataDir(dir: string, opts: { init: boolean }): string {
  const abs = resolve(dir);
  if (!existsSync(abs)) {
    if (!opts.init) {
      throw new CliError('NotFound', `the data directory ${abs} does not exist`, {
        hint: 'check the path (a mistyped --data would start an empty store); pass --init to create it',
      });
    }
    mkdirSync(abs, { recursive: true, mode: 0o700 });
    return abs;
  }
  if (!statSync(abs).isDirectory()) {
    throw new CliError('InvalidArgument', `--data ${abs} is not a directory`);
  }
  const isBroker = MARKERS.some((m) => existsSync(join(abs, m)));
  if (!isBroker && !opts.init && readdirSync(abs).length > 0) {
    throw new CliError(
      'FailedPrecondition',
      `${abs} is not a lienthong data directory (no ${BROKER_FILE}, nats-server.conf or credentials/)`,
      {
        hint: 'check the path; pass --init to use it as a new one',
      },
    );
  }
  return abs;
}

/** The port the data directory keeps, if `up` has run on it. */
export function rememberedPort(dir: string): number | undefined {
  const file = join(resolve(dir), BROKER_FILE);
  if (!existsSync(file)) return undefined;
  let json: Partial<BrokerFile>;
  try {
    json = JSON.parse(readFileSync(file, 'utf8')) as Partial<BrokerFile>;
  } catch (e) {
    throw new CliError('DataLoss', `${file} is not valid JSON`, {
      hint: 'remove it: the next `up` picks a port (or pass --port)',
      cause: e,
    });
  }
  const port = json.port;
  return typeof port === 'number' && Number.isInteger(port) && port > 0 && port < 65536 ? port : undefined;
}

export function rememberPort(dir: string, port: number): void {
  const file: BrokerFile = { version: 1, port };
  writeFileSync(join(resolve(dir), BROKER_FILE), `${JSON.stringify(file, null, 2)}\n`);
}

/** The nats-server running on a data directory now: its pid and client URL. */
export interface RunningBroker {
  readonly pid: number;
  readonly url: string;
}

/**
 * The broker of `dir` if one runs: the pid file names a live process started with this directory's
 * config (a stale pid file, or a pid reused by another program, is no broker), and its ports file
 * (written by nats-server next to it) or the remembered port gives the URL.
 */
export function runningBroker(dir: string): RunningBroker | undefined {
  const abs = resolve(dir);
  const pid = serverOf(abs);
  if (pid === undefined) return undefined;
  const portsFile = join(abs, `nats-server_${pid}.ports`);
  if (existsSync(portsFile)) {
    try {
      const urls = (JSON.parse(readFileSync(portsFile, 'utf8')) as { nats?: string[] }).nats ?? [];
      if (urls[0]) return { pid, url: urls[0] };
    } catch {
      // being written: fall back to the remembered port
    }
  }
  const port = rememberedPort(abs);
  return port === undefined ? undefined : { pid, url: `nats://127.0.0.1:${port}` };
}
