import {
  DiscardPolicy,
  JetStreamApiCodes,
  JetStreamApiError,
  RetentionPolicy,
  StorageType,
} from '@nats-io/jetstream';
import type { JetStreamManager, StreamConfig } from '@nats-io/jetstream';
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
): Partial<StreamConfig> & { name: string; subjects: string[] } {
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
  const cfg = contentStreamConfig(domain, replicas, limits);
  try {
    const info = await jsm.streams.info(cfg.name);
    // nats-server refuses to change max_consumers of an existing stream: it keeps the one it has.
    const merged = { ...info.config, ...cfg, max_consumers: info.config.max_consumers };
    if (JSON.stringify(merged) !== JSON.stringify(info.config)) await jsm.streams.update(cfg.name, merged);
  } catch (e) {
    if (!(e instanceof JetStreamApiError) || e.code !== JetStreamApiCodes.StreamNotFound) throw e;
    await jsm.streams.add(cfg);
  }
}
