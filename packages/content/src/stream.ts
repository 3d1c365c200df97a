import { DiscardPolicy, RetentionPolicy, StorageType } from '@nats-io/jetstream';
import type { JetStreamManager } from '@nats-io/jetstream';
import { upsertStream } from '@lienthong/infra';
import type { StreamSpec } from '@lienthong/infra';
import { CONTENT_STREAM, chunkFilter, manifestFilter } from './subjects';

/**
 * `LT_CONTENT` of one domain: one message per subject, and a second publish on a subject is refused
 * (discard new per subject). A subject names its bytes by their hash, so content is stored once and
 * a stored chunk can never be replaced by other bytes. Direct gets serve reads without a consumer.
 */
export function contentStreamConfig(
  domain: string,
  replicas = 1,
  /** Its bound in bytes and consumers: full, a new content is refused (ResourceExhausted). */
  limits: { max_bytes?: number; max_consumers?: number } = {},
): StreamSpec {
  return {
    name: CONTENT_STREAM,
    // Not `lt.v1.content.<domain>.>`: that would overlap the node streams' `lt.v1.*.*.relay.>`.
    subjects: [chunkFilter(domain), manifestFilter(domain)],
    storage: StorageType.File,
    num_replicas: replicas,
    retention: RetentionPolicy.Limits,
    max_msgs_per_subject: 1,
    discard: DiscardPolicy.New,
    discard_new_per_subject: true,
    allow_direct: true,
    duplicate_window: 2 * 60 * 1_000_000_000,
    ...limits,
  };
}

/** Creates the domain's content stream, or brings it up to date. */
export async function ensureContentStream(
  jsm: JetStreamManager,
  domain: string,
  replicas = 1,
  limits: { max_bytes?: number; max_consumers?: number } = {},
): Promise<void> {
  await upsertStream(jsm, contentStreamConfig(domain, replicas, limits));
}
