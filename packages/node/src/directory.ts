import type { KV, Kvm } from '@nats-io/kv';
import { StorageType } from '@nats-io/jetstream';
import { BUCKETS, directoryKeys } from '@lienthong/core';
import type { NodeInfo, Topology } from '@lienthong/core';
import { AgencyRecord, NodeRecord } from '@lienthong/proto';

/** Writes the hosted nodes and their agencies into the directory bucket unless they are there. */
export async function publishDirectory(
  kvm: Kvm,
  topology: Topology,
  hosted: readonly NodeInfo[],
  replicas = 1,
): Promise<number> {
  const kv = await kvm.create(BUCKETS.directory, { history: 1, storage: StorageType.File, replicas });
  let written = 0;
  // The topology file only seeds the directory: what the bucket already holds (an agency moved
  // with `lienthong agency move`, say) is not overwritten when a process restarts.
  const put = async (key: string, value: Uint8Array): Promise<void> => {
    try {
      await kv.create(key, value);
      written++;
    } catch (e) {
      const current = await kv.get(key);
      if (current?.operation !== 'PUT') throw e;
    }
  };
  for (const n of hosted) {
    await put(
      directoryKeys.node(n.id),
      NodeRecord.encode({
        id: n.id,
        level: n.level,
        parent: n.parent ?? '',
        name: n.name,
        domain: n.domain,
      }).finish(),
    );
    for (const a of topology.agenciesOf(n.id)) {
      await put(
        directoryKeys.agency(a.code),
        AgencyRecord.encode({
          code: a.code,
          name: a.name,
          tier: a.tier,
          parentCode: a.parentCode ?? '',
          homeNode: a.homeNode,
        }).finish(),
      );
    }
  }
  return written;
}

export async function openDirectory(kvm: Kvm): Promise<KV> {
  return kvm.open(BUCKETS.directory);
}
