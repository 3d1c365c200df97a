import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUCKETS, parseDirectoryKey, topologyFromProto } from '@lienthong/core';
import { connectNats } from '@lienthong/infra';
import type { ConnectNatsOptions } from '@lienthong/infra';
import { AUTH_CONFIG } from '@lienthong/node';
import type { CredentialStore } from '@lienthong/node';
import { AgencyRecord, NodeRecord } from '@lienthong/proto';
import type { Logger } from 'pino';

/** What one rewrite of the authorization block did. */
export interface CredentialsApplied {
  readonly users: number;
  readonly skipped: readonly { id: string; reason: string }[];
  /** Which server was told to reload (as the reload function says), if any. */
  readonly server?: string;
}

/**
 * Keeps an authorization block in step with the directory: an agency's permissions depend on its
 * home node, so after `agency add`, `agency move` or `agency close` (by any operator, through any
 * CLI) the block is rewritten and the server reloaded at once, without a manual `creds apply`. Only
 * a change of the block reloads the server. `lienthong up` runs it for its own server;
 * `lienthong creds follow` next to a server of its own, such as a province domain's, which follows
 * the directory its domain mirrors from the centre's. Returns a stop function.
 */
export async function applyCredentialsOnDirectoryChange(opts: {
  /** The connection that reads the directory (an operator identity; `domain` for a province). */
  connection: Omit<ConnectNatsOptions, 'name'>;
  store: CredentialStore;
  /** The folder the authorization block (`auth.conf`) is written to. */
  dataDir: string;
  /** Makes the server read the rewritten block; returns what it reloaded, for the log line. */
  reload: () => Promise<string | void>;
  logger?: Logger;
  /** Called after each rewrite that changed the block. */
  onApplied?: (applied: CredentialsApplied) => void;
  /** Called when a rewrite or reload failed (it is tried again at the next change). */
  onError?: (err: Error) => void;
}): Promise<() => Promise<void>> {
  const { nc, kvm } = await connectNats({ ...opts.connection, name: 'lienthong credentials' });
  const kv = await kvm.open(BUCKETS.directory);
  const iter = await kv.watch({ key: '>' });
  const nodes = new Map<string, NodeRecord>();
  const agencies = new Map<string, AgencyRecord>();
  const file = join(opts.dataDir, AUTH_CONFIG);
  const loop = (async () => {
    for await (const e of iter) {
      const key = parseDirectoryKey(e.key);
      if (!key) continue;
      const gone = e.operation !== 'PUT' || e.value.length === 0;
      if (key.kind === 'node') {
        if (gone) nodes.delete(key.id);
        else nodes.set(key.id, NodeRecord.decode(e.value));
      } else if (key.kind === 'agency') {
        if (gone) agencies.delete(key.code);
        else agencies.set(key.code, AgencyRecord.decode(e.value));
      } // closed codes (`closed.`) hold no credentials
      if (e.delta !== 0) continue; // once per burst
      try {
        const topology = topologyFromProto({ nodes: [...nodes.values()], agencies: [...agencies.values()] });
        const before = existsSync(file) ? readFileSync(file, 'utf8') : '';
        const written = opts.store.writeAuthConfig(topology, file);
        if (readFileSync(file, 'utf8') === before) continue;
        const server = await opts.reload();
        opts.logger?.info('directory changed: authorization block rewritten and applied');
        opts.onApplied?.({ users: written.users, skipped: written.skipped, ...(server ? { server } : {}) });
      } catch (err) {
        opts.logger?.error(
          { err: (err as Error).message },
          'applying credentials after a directory change failed',
        );
        opts.onError?.(err as Error);
      }
    }
  })();
  return async () => {
    iter.stop();
    await loop.catch(() => undefined);
    await nc.close().catch(() => undefined);
  };
}
