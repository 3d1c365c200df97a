import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUCKETS, parseDirectoryKey, topologyFromProto } from '@lienthong/core';
import { connectNats } from '@lienthong/infra';
import { AUTH_CONFIG } from '@lienthong/node';
import type { CredentialStore, EmbeddedServer, IdentityCredentials } from '@lienthong/node';
import { AgencyRecord, NodeRecord } from '@lienthong/proto';
import type { Logger } from 'pino';

/**
 * Keeps the embedded broker's authorization block in step with the directory: an agency's
 * permissions depend on its home node, so after `agency add` or `agency move` (by any operator,
 * through any CLI) the block is rewritten and the server reloaded at once, without a manual
 * `creds apply`. Only a change of the block reloads the server. Returns a stop function.
 */
export async function applyCredentialsOnDirectoryChange(opts: {
  url: string;
  ops: IdentityCredentials;
  store: CredentialStore;
  dataDir: string;
  server: EmbeddedServer;
  logger?: Logger;
}): Promise<() => Promise<void>> {
  const { nc, kvm } = await connectNats({
    servers: opts.url,
    name: 'lienthong-up credentials',
    auth: { nkeySeed: opts.ops.seed, inboxPrefix: opts.ops.inboxPrefix },
  });
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
        const before = readFileSync(file, 'utf8');
        opts.store.writeAuthConfig(topology, file);
        if (readFileSync(file, 'utf8') === before) continue;
        await opts.server.reload();
        opts.logger?.info('directory changed: authorization block rewritten and applied');
      } catch (err) {
        opts.logger?.error(
          { err: (err as Error).message },
          'applying credentials after a directory change failed',
        );
      }
    }
  })();
  return async () => {
    iter.stop();
    await loop.catch(() => undefined);
    await nc.close().catch(() => undefined);
  };
}
