import { DiscardPolicy, RetentionPolicy, StorageType } from '@nats-io/jetstream';
import type { JetStreamManager, StreamConfig } from '@nats-io/jetstream';
import type { Kvm } from '@nats-io/kv';
import {
  BUCKETS,
  STREAMS,
  STREAM_SUBJECTS,
  SUBJECT_PREFIX,
  laneSubjects,
  nodeSubjects,
} from '@lienthong/core';
import type { Topology } from '@lienthong/core';
import { upsertStream } from '@lienthong/infra';
import { streamLimitsOf } from './stream-limits';
import { DEFAULT_FLOW } from './config';
import type { FlowConfig, RetentionConfig } from './config';

type StreamKind = keyof typeof STREAMS;

const ms = (v: number): number => v * 1_000_000; // JetStream durations are nanoseconds

/**
 * The subjects each stream of a domain captures. When the domain holds every node of the tree the
 * wildcards are used; otherwise each stream lists the subjects of the domain's own nodes, so that
 * streams in different domains never capture the same message.
 */
export function domainSubjects(topology: Topology, domain: string): Record<StreamKind, string[]> {
  const nodes = topology.nodes();
  const own = nodes.filter((n) => n.domain === domain);
  // Submit and relay streams capture their two lanes only (see laneSubjects).
  const lanes = (prefix: string): { submit: string[]; relay: string[] } => {
    const l = laneSubjects(prefix);
    return { submit: [l.submit.normal, l.submit.urgent], relay: [l.relay.normal, l.relay.urgent] };
  };
  if (own.length === nodes.length) {
    return {
      ...lanes('lt.v1.*.*'),
      inbox: [STREAM_SUBJECTS.inbox],
      track: [STREAM_SUBJECTS.track],
      dead: [STREAM_SUBJECTS.dead],
    };
  }
  const out: Record<StreamKind, string[]> = { submit: [], relay: [], inbox: [], track: [], dead: [] };
  for (const n of own) {
    const s = nodeSubjects(n.level, n.id);
    const l = lanes(`${SUBJECT_PREFIX}.${n.levelName}.${n.id}`);
    for (const k of ['inbox', 'track', 'dead'] as const) out[k].push(s[k]);
    out.submit.push(...l.submit);
    out.relay.push(...l.relay);
  }
  return out;
}

/**
 * The duplicate window, at most, of the streams that do not need the custody streams' long one: the
 * inbox refuses a second copy of an item by its subject for as long as the first is kept, and the
 * track stream's readers take a repeated change as it is (records only grow; the newer stands). Their
 * message ids only spare a republish soon after a crash or a lost acknowledgement. Each id stays in
 * nats-server's memory for the window: these two streams take 3.3 of the ≈ 8.3 ids a document leaves.
 */
export const SHORT_DUPLICATE_WINDOW_MS = 2 * 60_000;

export function streamConfigs(
  subjects: Record<StreamKind, string[]>,
  retention: RetentionConfig,
  replicas = 1,
  flow: FlowConfig = DEFAULT_FLOW,
): Record<StreamKind, Partial<StreamConfig> & { name: string; subjects: string[] }> {
  const common = { storage: StorageType.File, num_replicas: replicas };
  // Each subject is one sender's queue (an agency's, or a neighbour's in one lane): bounded, and a
  // full one refuses new messages instead of dropping old ones (flow control).
  const bounded = (perSubject: number, name: string): Partial<StreamConfig> => ({
    max_msgs_per_subject: perSubject,
    max_bytes: flow.maxQueuedBytes > 0 ? flow.maxQueuedBytes : (streamLimitsOf(name).max_bytes ?? -1),
    discard: DiscardPolicy.New,
    discard_new_per_subject: true,
  });
  return {
    // Custody queues: a message stays until the node that owns it has handed on everything it
    // produced from it, then it is removed.
    submit: {
      ...common,
      name: STREAMS.submit,
      subjects: subjects.submit,
      retention: RetentionPolicy.Workqueue,
      duplicate_window: ms(retention.duplicateWindowMs),
      ...bounded(flow.maxQueuedPerAgency, STREAMS.submit),
    },
    relay: {
      ...common,
      name: STREAMS.relay,
      subjects: subjects.relay,
      retention: RetentionPolicy.Workqueue,
      duplicate_window: ms(retention.duplicateWindowMs),
      ...bounded(flow.maxQueuedPerNeighbour, STREAMS.relay),
    },
    // One message per subject and one subject per delivered item: a second copy is refused for as
    // long as the first is kept, which is the inbox's long-horizon duplicate suppression.
    inbox: {
      ...common,
      name: STREAMS.inbox,
      subjects: subjects.inbox,
      retention: RetentionPolicy.Limits,
      max_msgs_per_subject: 1,
      discard: DiscardPolicy.New,
      discard_new_per_subject: true,
      max_age: ms(retention.inboxMaxAgeMs),
      duplicate_window: ms(
        Math.min(retention.duplicateWindowMs, retention.inboxMaxAgeMs, SHORT_DUPLICATE_WINDOW_MS),
      ),
      // Readers look items up by subject with direct gets, which permissions can limit to their inbox.
      allow_direct: true,
      // Full: a new item is refused (the relay retries it), never an old one dropped.
      ...streamLimitsOf(STREAMS.inbox),
    },
    track: {
      ...common,
      name: STREAMS.track,
      subjects: subjects.track,
      retention: RetentionPolicy.Limits,
      max_age: ms(retention.trackMaxAgeMs),
      duplicate_window: ms(Math.min(retention.duplicateWindowMs, SHORT_DUPLICATE_WINDOW_MS)),
      // Full: the oldest changes go (the tracking records keep the state).
      discard: DiscardPolicy.Old,
      ...streamLimitsOf(STREAMS.track),
    },
    dead: {
      ...common,
      name: STREAMS.dead,
      subjects: subjects.dead,
      retention: RetentionPolicy.Limits,
      max_age: ms(retention.deadMaxAgeMs),
      duplicate_window: ms(retention.duplicateWindowMs),
      // Bounded by size as well as age: a flood of refused submissions pushes out the oldest.
      discard: DiscardPolicy.Old,
      ...streamLimitsOf(STREAMS.dead),
    },
  };
}

/** Creates the streams of a domain, or brings their subjects and limits up to date. */
export async function ensureStreams(
  jsm: JetStreamManager,
  topology: Topology,
  domain: string,
  retention: RetentionConfig,
  replicas = 1,
  flow: FlowConfig = DEFAULT_FLOW,
): Promise<void> {
  const configs = streamConfigs(domainSubjects(topology, domain), retention, replicas, flow);
  for (const cfg of Object.values(configs)) await upsertStream(jsm, cfg);
}

export async function ensureBuckets(kvm: Kvm, replicas = 1): Promise<void> {
  // Tracking records: one key per (sender, document, recipient), latest value only.
  await kvm.create(BUCKETS.tracking, { history: 1, storage: StorageType.File, replicas });
  await boundStream(kvm, `KV_${BUCKETS.tracking}`);
  // What each node tells of itself for monitoring (node-status.ts): one small entry per node.
  await kvm.create(BUCKETS.status, { history: 1, storage: StorageType.File, replicas });
  await boundStream(kvm, `KV_${BUCKETS.status}`);
}

/** Gives a stream made by the KV API (a bucket's stream) its size bound. */
export async function boundStream(kvm: Kvm, name: string): Promise<void> {
  const jsm = await kvm.js.jetstreamManager();
  const { config } = await jsm.streams.info(name);
  const maxBytes = streamLimitsOf(name).max_bytes;
  if (maxBytes !== undefined)
    await upsertStream(jsm, { name, subjects: config.subjects, max_bytes: maxBytes });
}
