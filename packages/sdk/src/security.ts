import { LienthongError, inboxPrefixOf, msgIdKeyFrom } from '@lienthong/core';
import { findUserSeed, readSeedFile } from '@lienthong/infra';
import type { NatsAuth } from '@lienthong/infra';

/**
 * NATS credentials of the agency: its nkey identity (the seed, or a file holding it, as issued by
 * `lienthong creds issue agency`), a user and password, or a token.
 */
export type Credentials =
  | { readonly nkeySeed: string }
  | { readonly seedFile: string }
  | { readonly user: string; readonly pass: string }
  | { readonly token: string };

/** TLS to the home node's servers: PEM text or file paths; a client certificate if the server asks. */
export interface TlsSettings {
  readonly ca?: string;
  readonly caFile?: string;
  readonly cert?: string;
  readonly certFile?: string;
  readonly key?: string;
  readonly keyFile?: string;
}

/** True for an nkey identity (as `lienthong creds` issues), false for user/password, token or none. */
export function isIdentity(credentials: Credentials | undefined): boolean {
  return credentials !== undefined && ('nkeySeed' in credentials || 'seedFile' in credentials);
}

/**
 * The NATS credentials of an agency. With an nkey identity, also the inbox prefix its permissions
 * allow (`_INBOX_a_<agency token>`), so that replies to its requests reach nobody else; user and
 * token credentials keep the default prefix their server's permissions were written for.
 */
export function natsAuthOf(
  agency: string,
  credentials: Credentials | { user?: string; pass?: string; token?: string } | undefined,
): NatsAuth | undefined {
  const c = credentials as Record<string, unknown> | undefined;
  if (!c) return undefined;
  if (typeof c.nkeySeed === 'string' || typeof c.seedFile === 'string') {
    const seed = typeof c.nkeySeed === 'string' ? c.nkeySeed.trim() : seedFromFile(c.seedFile as string);
    if (findUserSeed(seed) !== seed) {
      throw new LienthongError(
        'InvalidArgument',
        'connect: credentials.nkeySeed is not a user nkey seed (SU…)',
        {
          context: { what: 'connect' },
        },
      );
    }
    return { nkeySeed: seed, inboxPrefix: inboxPrefixOf({ kind: 'agency', agency }) };
  }
  if (typeof c.token === 'string') return { token: c.token };
  if (typeof c.user === 'string')
    return { user: c.user, ...(typeof c.pass === 'string' ? { pass: c.pass } : {}) };
  return undefined;
}

/** The seed in a seed file; the errors of `readSeedFile`, as errors of `connect`. */
function seedFromFile(path: string): string {
  try {
    return readSeedFile(path);
  } catch (e) {
    if (!(e instanceof LienthongError)) throw e;
    throw new LienthongError(e.code, `connect: ${e.message}`, {
      context: { what: 'connect', path },
      cause: e,
    });
  }
}

/**
 * The key of this agency's submission message ids (`submitMsgId`): from its secret (nkey seed,
 * password or token), so that no other agency can compute them; undefined without credentials.
 */
export function msgIdKeyOf(
  credentials: Credentials | { user?: string; pass?: string; token?: string } | undefined,
): Uint8Array | undefined {
  const c = credentials as Record<string, unknown> | undefined;
  if (!c) return undefined;
  if (typeof c.nkeySeed === 'string') return msgIdKeyFrom(c.nkeySeed.trim());
  if (typeof c.seedFile === 'string') return msgIdKeyFrom(seedFromFile(c.seedFile));
  if (typeof c.token === 'string' && c.token !== '') return msgIdKeyFrom(`token:${c.token}`);
  if (typeof c.user === 'string' && typeof c.pass === 'string' && c.pass !== '')
    return msgIdKeyFrom(`user:${c.user}:${c.pass}`);
  return undefined;
}
