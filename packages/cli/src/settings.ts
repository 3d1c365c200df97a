import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { contextsPath, getContext, loadContexts } from './contexts';
import type { Context } from './contexts';
import { findUserSeed } from '@lienthong/infra';
import { CliError, invalid } from './errors';

export const DEFAULT_SERVER = 'nats://127.0.0.1:4222';
export const DEFAULT_TIMEOUT_MS = 5000;

/** The global options, as commander parsed them (none has a default: see {@link resolveSettings}). */
export interface GlobalOptions {
  server?: string;
  creds?: string;
  timeout?: number;
  context?: string;
  domain?: string;
  debug?: boolean;
  tlsCa?: string;
  tlsCert?: string;
  tlsKey?: string;
}

export type Credentials =
  | { readonly user: string; readonly pass: string }
  | { readonly token: string }
  | { readonly nkeySeed: string };

/** TLS files for `tls://` servers: the CA to trust, and a client certificate if the server asks. */
export interface TlsFiles {
  readonly caFile?: string;
  readonly certFile?: string;
  readonly keyFile?: string;
}

/** Where and how to connect, once flags, the context and the environment are merged. */
export interface Settings {
  readonly server: string;
  readonly credentials: Credentials | undefined;
  readonly credsFile: string | undefined;
  readonly domain: string | undefined;
  readonly tls: TlsFiles | undefined;
  readonly timeoutMs: number;
  /** The context the settings came from, if any. */
  readonly context: string | undefined;
  readonly debug: boolean;
}

export function globalsOf(cmd: Command): GlobalOptions {
  return cmd.optsWithGlobals<GlobalOptions>();
}

/**
 * Precedence, highest first: flags; the context named by `--context`; `LT_SERVER`; the context
 * selected by `lienthong context use`; the default `nats://127.0.0.1:4222`.
 */
export function resolveSettings(g: GlobalOptions, env: NodeJS.ProcessEnv = process.env): Settings {
  let ctx: Context | undefined;
  let ctxName: string | undefined;
  const file = g.context !== undefined || !g.server ? loadContexts(contextsPath(env)) : undefined;
  if (g.context !== undefined) {
    ctx = getContext(file!, g.context);
    ctxName = g.context;
  } else if (!g.server && !env.LT_SERVER && file?.current && file.contexts[file.current]) {
    ctx = file.contexts[file.current];
    ctxName = file.current;
  }
  const explicitContext = g.context !== undefined;
  const server =
    g.server ?? (explicitContext ? ctx?.server : undefined) ?? env.LT_SERVER ?? ctx?.server ?? DEFAULT_SERVER;
  const credsFile = g.creds ?? ctx?.creds ?? (env.LT_CREDS && env.LT_CREDS !== '' ? env.LT_CREDS : undefined);
  return {
    server,
    credentials: credsFile === undefined ? undefined : readCreds(credsFile),
    credsFile,
    domain: g.domain ?? ctx?.domain,
    tls: tlsOf(g, env) ?? ctx?.tls,
    timeoutMs: g.timeout ?? ctx?.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    context: ctxName,
    debug: g.debug ?? false,
  };
}

function tlsOf(g: GlobalOptions, env: NodeJS.ProcessEnv): TlsFiles | undefined {
  const pick = (flag: string | undefined, name: string): string | undefined =>
    flag ?? (env[name] && env[name] !== '' ? env[name] : undefined);
  const caFile = pick(g.tlsCa, 'LT_TLS_CA');
  const certFile = pick(g.tlsCert, 'LT_TLS_CERT');
  const keyFile = pick(g.tlsKey, 'LT_TLS_KEY');
  if (caFile === undefined && certFile === undefined && keyFile === undefined) return undefined;
  if ((certFile === undefined) !== (keyFile === undefined)) {
    throw invalid('a client certificate needs both --tls-cert and --tls-key');
  }
  return {
    ...(caFile !== undefined ? { caFile } : {}),
    ...(certFile !== undefined ? { certFile } : {}),
    ...(keyFile !== undefined ? { keyFile } : {}),
  };
}

/**
 * A creds file: an nkey seed file (a line `SU…`, as `lienthong creds issue` writes), or JSON
 * `{ "user": …, "pass": … }` or `{ "token": … }`.
 */
export function readCreds(path: string): Credentials {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new CliError(
      'NotFound',
      `cannot read the creds file ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
      {
        hint: 'pass a readable file with --creds',
        cause: e,
      },
    );
  }
  const seed = findUserSeed(text);
  if (seed !== undefined) return { nkeySeed: seed };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw invalid(
      `the creds file ${path} is neither an nkey seed file nor JSON`,
      'pass a seed file from `lienthong creds issue`, or write {"user":"…","pass":"…"} or {"token":"…"}',
    );
  }
  const c = (typeof json === 'object' && json !== null ? json : {}) as Record<string, unknown>;
  if (typeof c.token === 'string' && c.token !== '') return { token: c.token };
  if (typeof c.user === 'string' && c.user !== '' && typeof c.pass === 'string')
    return { user: c.user, pass: c.pass };
  throw invalid(
    `the creds file ${path} holds neither a user and pass nor a token`,
    'write {"user":"…","pass":"…"} or {"token":"…"}',
  );
}
