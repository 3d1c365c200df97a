import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { CliError, invalid, notFound } from './errors';

/** Named server settings, like the `nats` CLI's contexts. Paths to creds files, never secrets. */
export interface Context {
  readonly server: string;
  readonly creds?: string;
  readonly domain?: string;
  readonly timeoutMs?: number;
  /** TLS files (paths) for `tls://` servers. */
  readonly tls?: { readonly caFile?: string; readonly certFile?: string; readonly keyFile?: string };
  readonly description?: string;
}

export interface ContextFile {
  /** The context `lienthong context use` selected. */
  readonly current?: string;
  readonly contexts: Readonly<Record<string, Context>>;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

/** `$XDG_CONFIG_HOME/lienthong/contexts.json`, else `~/.config/lienthong/contexts.json`. */
export function contextsPath(env: NodeJS.ProcessEnv = process.env): string {
  const base =
    env.XDG_CONFIG_HOME && env.XDG_CONFIG_HOME !== '' ? env.XDG_CONFIG_HOME : join(homedir(), '.config');
  return join(base, 'lienthong', 'contexts.json');
}

export function loadContexts(path = contextsPath()): ContextFile {
  if (!existsSync(path)) return { contexts: {} };
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new CliError('FailedPrecondition', `cannot read ${path}: ${(e as Error).message}`, {
      hint: 'fix or delete the file',
      cause: e,
    });
  }
  const file = json as Partial<ContextFile>;
  if (
    typeof file !== 'object' ||
    file === null ||
    typeof file.contexts !== 'object' ||
    file.contexts === null
  ) {
    throw new CliError('FailedPrecondition', `${path} is not a contexts file`, {
      hint: 'fix or delete the file',
    });
  }
  return { ...(typeof file.current === 'string' ? { current: file.current } : {}), contexts: file.contexts };
}

export function saveContexts(file: ContextFile, path = contextsPath()): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
  renameSync(tmp, path);
}

export function checkContextName(name: string): string {
  if (!NAME.test(name)) {
    throw invalid(`'${name}' is not a context name`, 'use letters, digits, and . _ - (at most 64)');
  }
  return name;
}

export function getContext(file: ContextFile, name: string): Context {
  const ctx = file.contexts[name];
  if (!ctx) {
    const known = Object.keys(file.contexts);
    throw notFound(
      `no context named '${name}'`,
      known.length > 0
        ? `known contexts: ${known.join(', ')}`
        : 'add one with `lienthong context add NAME -s URL`',
    );
  }
  return ctx;
}
