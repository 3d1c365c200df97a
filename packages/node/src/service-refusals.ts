import { basename } from 'node:path';
import { LienthongError } from '@lienthong/core';
import { classifyNatsError, serverListOf, serversShown } from '@lienthong/infra';
import type { ServiceConfigFile } from './service-config';

/** Where `creds issue node` prints what a service's `auth` takes. */
const ISSUE =
  '`lienthong creds issue node NAME --nodes ID,… --data DIR` writes the seed file and prints both';

/**
 * The inbox prefix of the identity whose seed file `creds issue node NAME` wrote (`node_NAME.nk`),
 * when the file still has that name.
 */
function prefixFromSeedFile(seedFile: string | undefined): string | undefined {
  const m = seedFile === undefined ? null : /^node_([A-Za-z0-9_-]+)\.nk$/.exec(basename(seedFile));
  return m ? `_INBOX_n_${m[1]}` : undefined;
}

/** The server's own words, without what nats.js or the runtime put before them. */
function serverWords(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * A level service whose HTTP port is taken, or that the broker refuses, said with the key of its
 * config file to set and where its value comes from, instead of Node's `listen EADDRINUSE`, the
 * server's bare "Authorization Violation" or a permissions violation on a subject the operator never
 * chose. Anything else is returned as it is.
 */
export function explainServiceRefusal(e: unknown, file: ServiceConfigFile, configPath: string): unknown {
  const inUse = e as NodeJS.ErrnoException & { address?: string; port?: number };
  if (inUse?.code === 'EADDRINUSE') {
    return new LienthongError(
      'FailedPrecondition',
      `service config ${configPath}: cannot listen on ${inUse.address ?? file.http?.host ?? '127.0.0.1'}:${inUse.port ?? file.http?.port ?? '?'} ("http.port"): address already in use (another program listens there)`,
      { cause: e },
    );
  }
  const denied = classifyNatsError(e);
  if (denied.kind !== 'denied') return e;
  const words = serverWords(e);
  const at = `the broker at ${serversShown(file.servers)}`;
  const refused = (message: string): LienthongError =>
    new LienthongError('PermissionDenied', `service config ${configPath}: ${message}`, { cause: e });
  const auth = file.auth;
  const p = denied.permission;
  if (p === undefined) {
    // Authentication itself: no identity, or one the server does not know.
    const inUrl = serverListOf(file.servers).some((u) => /\/\/[^@/]*@/.test(u));
    if (!auth && inUrl) {
      return refused(
        `${at} refused the user and password in "servers" (${words}): a lienthong broker takes a node identity, "auth": { "seedFile": "FILE", "inboxPrefix": "_INBOX_n_NAME" } (${ISSUE})`,
      );
    }
    if (!auth) {
      return refused(
        `${at} requires credentials and the config gives none (${words}): add "auth": { "seedFile": "FILE", "inboxPrefix": "_INBOX_n_NAME" } (${ISSUE})`,
      );
    }
    const which =
      auth.seedFile !== undefined
        ? `seedFile ${auth.seedFile}`
        : auth.user !== undefined
          ? `user ${auth.user}`
          : 'the identity';
    return refused(
      `${at} refused the credentials of "auth" (${which}; ${words}): it does not know that identity (issued for another data directory, or revoked?)`,
    );
  }
  if (p.operation === 'subscription' && auth && /^_INBOX[._]/.test(p.subject)) {
    const guess = prefixFromSeedFile(auth.seedFile);
    if (auth.inboxPrefix === undefined) {
      return refused(
        `${at} refused this identity's replies on the default inbox (${words}): a node identity receives them only on its own prefix: add "inboxPrefix": "${guess ?? '_INBOX_n_NAME'}" to "auth" (\`creds issue node\` printed it as "inbox prefix:")`,
      );
    }
    return refused(
      `${at} refused this identity's replies on "auth.inboxPrefix" ${auth.inboxPrefix} (${words}): it is not the prefix of this identity${guess && guess !== auth.inboxPrefix ? ` (its seed file's name says ${guess})` : ''} (\`creds issue node\` printed it as "inbox prefix:")`,
    );
  }
  return e;
}
