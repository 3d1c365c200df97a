import type { KV, Kvm } from '@nats-io/kv';
import { StorageType } from '@nats-io/jetstream';
import type { JetStreamManager } from '@nats-io/jetstream';
import { BUCKETS, directoryKeys } from '@lienthong/core';
import type { Topology } from '@lienthong/core';
import type { Logger } from 'pino';
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
export async function publishDirectory(
  kvm: Kvm,
  topology: Topology,
  replicas = 1,
  opts: { follow?: string; log?: Logger } = {},
): Promise<number> {
  if (opts.follow !== undefined && (await followDirectory(kvm, opts.follow, replicas, opts.log))) return 0;
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

/**
 * The centre's domain for a node in `domain`: a domain other than the root node's follows the
 * root's directory, when both are named (a leaf cannot address an unnamed hub domain).
 */
export function directorySource(topology: Topology, domain: string | undefined): string | undefined {
  const centre = topology.root.domain;
  return domain && centre && domain !== centre ? centre : undefined;
}

/**
 * Makes this domain's `lt_directory` a mirror of the centre's (JetStream KV mirror across domains):
 * every change made at the centre reaches it, and while the link is cut it keeps the last directory
 * it saw, on disk, across restarts. False when the bucket already exists here as a bucket of its
 * own (created before domains followed the centre): it is used as before, and logged.
 */
async function followDirectory(kvm: Kvm, centre: string, replicas: number, log?: Logger): Promise<boolean> {
  const name = `KV_${BUCKETS.directory}`;
  const jsm = await kvm.js.jetstreamManager();
  const current = await jsm.streams.info(name).catch(() => undefined);
  if (current && !current.config.mirror) {
    log?.error(
      { bucket: BUCKETS.directory, centre },
      `${BUCKETS.directory} here is a bucket of its own, not a mirror of domain ${centre}'s: it does not follow the centre; delete it (nats kv del ${BUCKETS.directory}) and restart to make it follow`,
    );
    return false;
  }
  await kvm.create(BUCKETS.directory, {
    history: 1,
    storage: StorageType.File,
    replicas,
    mirror: { name: BUCKETS.directory, domain: centre },
  });
  await boundStream(kvm, name);
  await mirrorCaughtUp(jsm, name, centre, MIRROR_WAIT_MS, log);
  return true;
}

/** How long a starting node waits for its directory mirror to catch up with the centre's. */
const MIRROR_WAIT_MS = 5_000;

/**
 * Waits until the mirror has copied what the centre's directory holds (no lag, and activity
 * seen), so that clients connecting once the node is up find their agency; a centre that cannot be
 * reached within `timeoutMs` is logged and the node goes on with the directory it last saw.
 */
async function mirrorCaughtUp(
  jsm: JetStreamManager,
  name: string,
  centre: string,
  timeoutMs: number,
  log?: Logger,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (let wait = 10; ; wait = Math.min(wait * 2, 250)) {
    const info = await jsm.streams.info(name).catch(() => undefined);
    const m = info?.mirror;
    if (m && m.active >= 0 && m.lag === 0 && !m.error) return true;
    if (Date.now() >= deadline) {
      log?.warn(
        { bucket: BUCKETS.directory, centre, lag: m?.lag, error: m?.error?.description },
        `${BUCKETS.directory} has not caught up with domain ${centre}'s yet: routing with the directory last seen here until it does`,
      );
      return false;
    }
    await new Promise((res) => setTimeout(res, wait));
  }
}
