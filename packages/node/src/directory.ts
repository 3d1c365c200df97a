import type { KV, Kvm } from '@nats-io/kv';
import { StorageType } from '@nats-io/jetstream';
import { BUCKETS, directoryKeys } from '@lienthong/core';
import type { Topology } from '@lienthong/core';
import { AgencyRecord, ClosedAgencyRecord, NodeRecord } from '@lienthong/proto';
import { boundStream } from './streams';

const SEED_CONCURRENCY = 256;

/**
 * Seeds the directory bucket with the whole topology: every node and agency, and every closed code
 * with its successor and policy (`closed.<encoded code>`), so that clients and
 * operators see the tree even where no service runs yet. The file only seeds: an entry the bucket
 * already holds (an agency moved with `lienthong agency move`, say) is never overwritten, and a
 * bucket that already holds at least as many entries as the file is left alone, which keeps the
 * restart of a national-size process cheap.
 */
export async function publishDirectory(kvm: Kvm, topology: Topology, replicas = 1): Promise<number> {
  const kv = await kvm.create(BUCKETS.directory, { history: 1, storage: StorageType.File, replicas });
  await boundStream(kvm, `KV_${BUCKETS.directory}`);
  const proto = topology.toProto();
  const entries: [string, Uint8Array][] = [
    ...(proto.nodes ?? []).map((n): [string, Uint8Array] => [
      directoryKeys.node(n.id!),
      NodeRecord.encode(n).finish(),
    ]),
    ...(proto.agencies ?? []).map((a): [string, Uint8Array] => [
      directoryKeys.agency(a.code!),
      AgencyRecord.encode(a).finish(),
    ]),
    ...(proto.closed ?? []).map((c): [string, Uint8Array] => [
      directoryKeys.closed(c.code!),
      ClosedAgencyRecord.encode(c).finish(),
    ]),
  ];
  if ((await kv.status()).values >= entries.length) return 0;
  let written = 0;
  const put = async ([key, value]: [string, Uint8Array]): Promise<void> => {
    try {
      await kv.create(key, value);
      written++;
    } catch (e) {
      const current = await kv.get(key);
      if (current?.operation !== 'PUT') throw e;
    }
  };
  for (let i = 0; i < entries.length; i += SEED_CONCURRENCY) {
    await Promise.all(entries.slice(i, i + SEED_CONCURRENCY).map(put));
  }
  return written;
}

export async function openDirectory(kvm: Kvm): Promise<KV> {
  return kvm.open(BUCKETS.directory);
}
