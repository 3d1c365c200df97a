import { readFileSync } from 'node:fs';
import { connect as natsConnect, nkeyAuthenticator } from '@nats-io/transport-node';
import { jetstream } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
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
  const nc = await natsConnect({
    servers,
    name: 'lienthong-demo-keys',
    ...(opsSeedFile !== undefined
      ? {
          authenticator: nkeyAuthenticator(
            new TextEncoder().encode(readFileSync(opsSeedFile, 'utf8').trim()),
          ),
        }
      : {}),
  });
  try {
    const kv = await new Kvm(jetstream(nc)).open(BUCKETS.directory);
    const keys = new Map<string, SigningKey>();
    for (const [i, agency] of agencies.entries()) {
      // Ed25519 and ECDSA P-256 alternate, to show both.
      const pair = generateSigningKey(i % 2 === 0 ? 'ed25519' : 'p256');
      for (let attempt = 0; ; attempt++) {
        const entry = await kv.get(directoryKeys.agency(agency));
        if (!entry || entry.operation !== 'PUT') throw new Error(`agency ${agency} is not in the directory`);
        const record = AgencyRecord.decode(entry.value);
        const next = AgencyRecord.create({
          ...record,
          keys: [...(record.keys ?? []), publicKeyRecord({ publicKey: pair.publicKey })],
        });
        try {
          await kv.update(directoryKeys.agency(agency), AgencyRecord.encode(next).finish(), entry.revision);
          break;
        } catch (e) {
          if (attempt >= 3) throw e;
        }
      }
      keys.set(agency, { keyId: pair.keyId, privateKey: pair.privateKey });
    }
    return keys;
  } finally {
    await nc.close();
  }
}
