/**
 * Where the national start-up time goes (a diagnostic, run once): the steps NodeRuntime.start
 * takes, timed one by one with the runtime's own exported functions on a fresh store, then a
 * real restart of the whole runtime on that store.
 */
import { BUCKETS } from '@lienthong/core';
import { DEFAULT_RETENTION, publishDirectory, resolveConfig, startNode } from '@lienthong/node';
import { TrackingStore, ensureStreams, openNats } from '@lienthong/node/internal';
import { StorageType } from '@nats-io/jetstream';
import { benchLogger, defer, startServer, tellParent } from '../lib/env';
import { NATIONAL, NATIONAL_QUICK, nationalTopology } from '../lib/topologies';
import { now, round } from '../lib/util';

export async function startupBreakdown(o: {
  quick: boolean;
  sampleAgencies: number;
}): Promise<Record<string, unknown>> {
  const topology = nationalTopology(o.quick ? NATIONAL_QUICK : NATIONAL);
  const server = await startServer('startup');
  const log = benchLogger('bench-startup');
  const nats = await openNats(resolveConfig({ servers: server.url, topology }), log);
  defer('startup connection', () => nats.nc.close());
  const time = async <T>(what: string, fn: () => Promise<T>): Promise<[number, T]> => {
    const t0 = now();
    const v = await fn();
    const ms = round(now() - t0);
    await tellParent({ type: 'progress', what, elapsedMs: ms });
    return [ms, v];
  };
  const [streamsMs] = await time('ensureStreams', () =>
    ensureStreams(nats.jsm, topology, '', DEFAULT_RETENTION),
  );
  const [bucketMs] = await time('tracking bucket', () =>
    nats.kvm.create(BUCKETS.tracking, { history: 1, storage: StorageType.File }),
  );
  const [directoryFreshMs, written] = await time('publishDirectory (fresh store)', () =>
    publishDirectory(nats.kvm, topology),
  );
  const [directoryAgainMs, rewritten] = await time('publishDirectory (again, as on restart)', () =>
    publishDirectory(nats.kvm, topology),
  );
  // OverdueIndex.load lists the tracking keys of every hosted agency, one KV key listing each.
  const agencies = topology.agencies();
  const step = Math.max(1, Math.floor(agencies.length / o.sampleAgencies));
  const sample = agencies.filter((_, i) => i % step === 0).slice(0, o.sampleAgencies);
  const tracking = new TrackingStore(await nats.kvm.open(BUCKETS.tracking), nats.js, nats.jsm, topology);
  const [sampleMs] = await time('keysOf sample', async () => {
    for (const a of sample) await tracking.keysOf(a.code);
  });
  const perAgencyMs = sampleMs / sample.length;
  await nats.nc.close();

  const t0 = now();
  const node = await startNode(
    { servers: server.url, topology, name: 'bench-restart' },
    { logger: benchLogger('bench-restart') },
  );
  const restartMs = round(now() - t0);
  defer('restarted node runtime', () => node.stop());
  await tellParent({ type: 'progress', what: 'restart of the whole runtime', elapsedMs: restartMs });
  return {
    nodes: topology.nodes().length,
    agencies: agencies.length,
    ensureStreamsMs: streamsMs,
    createTrackingBucketMs: bucketMs,
    publishDirectoryFreshMs: directoryFreshMs,
    directoryEntriesWritten: written,
    publishDirectoryRestartMs: directoryAgainMs,
    directoryEntriesRewritten: rewritten,
    overdueLoadSample: { agencies: sample.length, ms: sampleMs, perAgencyMs: round(perAgencyMs, 3) },
    overdueLoadEstimateMs: round(perAgencyMs * agencies.length),
    restartWholeRuntimeMs: restartMs,
  };
}
