import { readFileSync } from 'node:fs';
import { nkeyAuthenticator } from '@nats-io/transport-node';
import type { ConnectionOptions } from '@nats-io/transport-node';
import { LienthongError, inboxPrefixOf, msgIdKeyFrom } from '@lienthong/core';

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

const USER_SEED = /^SU[A-Z2-7]{56}$/;

/** True for an nkey identity (as `lienthong creds` issues), false for user/password, token or none. */
export function isIdentity(credentials: Credentials | undefined): boolean {
  return credentials !== undefined && ('nkeySeed' in credentials || 'seedFile' in credentials);
}

/**
 * Connection options for an agency: its credentials, TLS, and with an nkey identity the inbox prefix
 * its permissions allow (`_INBOX_a_<agency token>`), so that replies to its requests reach nobody else.
 */
export function securityOptions(
  agency: string,
  credentials: Credentials | { user?: string; pass?: string; token?: string } | undefined,
  tls: TlsSettings | undefined,
): Partial<ConnectionOptions> {
  const out: Partial<ConnectionOptions> = {};
  if (tls) out.tls = { ...tls };
  const c = credentials as Record<string, unknown> | undefined;
  if (!c) return out;
  if (typeof c.nkeySeed === 'string' || typeof c.seedFile === 'string') {
    // An nkey is a lienthong identity, whose permissions allow replies under this prefix only. User
    // and token credentials keep the default prefix their server's permissions were written for.
    out.inboxPrefix = inboxPrefixOf({ kind: 'agency', agency });
    const seed = typeof c.nkeySeed === 'string' ? c.nkeySeed.trim() : seedFromFile(c.seedFile as string);
    if (!USER_SEED.test(seed)) {
      throw new LienthongError(
        'InvalidArgument',
        'connect: credentials.nkeySeed is not a user nkey seed (SU…)',
        {
          context: { what: 'connect' },
        },
      );
    }
    out.authenticator = nkeyAuthenticator(new TextEncoder().encode(seed));
  } else if (typeof c.token === 'string') {
    out.token = c.token;
  } else if (typeof c.user === 'string') {
    out.user = c.user;
    if (typeof c.pass === 'string') out.pass = c.pass;
  }
  return out;
}

function seedFromFile(path: string): string {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new LienthongError('NotFound', `connect: cannot read the seed file ${path}`, {
      context: { what: 'connect', path },
      cause: e,
    });
  }
  const line = text
    .split('\n')
    .map((l) => l.trim())
    .find((l) => USER_SEED.test(l));
  if (!line) {
    throw new LienthongError('InvalidArgument', `connect: ${path} holds no user nkey seed (SU…)`, {
      context: { what: 'connect', path },
    });
  }
  return line;
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
