import { classifyNatsError, connectNats, retry } from '@lienthong/infra';
import { BUCKETS, directoryKeys, generateSigningKey, publicKeyRecord } from '@lienthong/core';
import type { SigningKey } from '@lienthong/core';
import { AgencyRecord } from '@lienthong/proto';

/**
 * Gives each agency a fresh signing key and registers its public half in the directory, as
 * `lienthong agency keys add` does: from then on their home nodes require their signatures.
 */
export async function registerDemoKeys(
  servers: string,
  agencies: readonly string[],
  /** The operator's seed file, when the broker requires credentials. */
  opsSeedFile?: string,
): Promise<Map<string, SigningKey>> {
  const { nc, kvm } = await connectNats({
    servers,
    name: 'lienthong-demo-keys',
    ...(opsSeedFile !== undefined ? { auth: { seedFile: opsSeedFile } } : {}),
  });
  try {
    const kv = await kvm.open(BUCKETS.directory);
    const keys = new Map<string, SigningKey>();
    for (const [i, agency] of agencies.entries()) {
      // Ed25519 and ECDSA P-256 alternate, to show both.
      const pair = generateSigningKey(i % 2 === 0 ? 'ed25519' : 'p256');
      // Compare-and-set on the record: another writer in between makes this one read it again.
      await retry(
        async () => {
          const entry = await kv.get(directoryKeys.agency(agency));
          if (!entry || entry.operation !== 'PUT')
            throw new Error(`agency ${agency} is not in the directory`);
          const record = AgencyRecord.decode(entry.value);
          const next = AgencyRecord.create({
            ...record,
            keys: [...(record.keys ?? []), publicKeyRecord({ publicKey: pair.publicKey })],
          });
          await kv.update(directoryKeys.agency(agency), AgencyRecord.encode(next).finish(), entry.revision);
        },
        {
          attempts: 4,
          backoff: { initialMs: 0, maxMs: 0 },
          retryIf: (e) => classifyNatsError(e).kind === 'wrong-last-sequence',
        },
      );
      keys.set(agency, { keyId: pair.keyId, privateKey: pair.privateKey });
    }
    return keys;
  } finally {
    await nc.close();
  }
}
