import { ContentManifest } from '@lienthong/proto';
import type { JetStreamClient, JetStreamManager, JsMsg } from '@nats-io/jetstream';
import { CONTENT_STREAM, chunkFilter, hashOfSubject, manifestFilter } from './subjects';

export interface SweepOptions {
  /** Content ids that a retained document still references. */
  readonly referenced: ReadonlySet<string>;
  /**
   * Content and chunks younger than this are kept even without a reference: an upload whose document
   * has not been submitted yet, or is still on its way to the node that records the reference.
   */
  readonly graceMs: number;
  readonly now?: number;
  /** Called before anything is removed (`VerificationMarks.removing`). */
  readonly beforeRemove?: () => Promise<void>;
}

export interface SweepResult {
  readonly manifestsRemoved: number;
  readonly chunksRemoved: number;
  readonly manifestsKept: number;
}

/**
 * Removes from one domain's content stream what no retained document references any more: first
 * the manifests (so the content no longer counts as complete), then every chunk that no remaining
 * manifest lists. Chunks are shared by every content that holds the same bytes, so a chunk goes only
 * when no kept manifest names it.
 */
export async function sweepContent(
  js: JetStreamClient,
  jsm: JetStreamManager,
  domain: string,
  opts: SweepOptions,
): Promise<SweepResult> {
  const now = opts.now ?? Date.now();
  const old = (m: JsMsg): boolean => now - m.info.timestampNanos / 1e6 >= opts.graceMs;
  const liveChunks = new Set<string>();
  const doomed: string[] = [];
  let kept = 0;
  await forEach(js, jsm, manifestFilter(domain), false, (m) => {
    const sha = hashOfSubject(m.subject);
    if (opts.referenced.has(sha) || !old(m)) {
      kept++;
      for (const c of ContentManifest.decode(m.data).chunks) liveChunks.add(Buffer.from(c).toString('hex'));
    } else {
      doomed.push(m.subject);
    }
  });
  if (doomed.length > 0) await opts.beforeRemove?.();
  for (const subject of doomed) await jsm.streams.purge(CONTENT_STREAM, { filter: subject });
  const chunks: string[] = [];
  await forEach(js, jsm, chunkFilter(domain), true, (m) => {
    if (!liveChunks.has(hashOfSubject(m.subject)) && old(m)) chunks.push(m.subject);
  });
  if (chunks.length > 0) await opts.beforeRemove?.();
  for (const subject of chunks) await jsm.streams.purge(CONTENT_STREAM, { filter: subject });
  return { manifestsRemoved: doomed.length, chunksRemoved: chunks.length, manifestsKept: kept };
}

/** Every message on `filter`, once, through an ordered consumer (headers only for chunks). */
async function forEach(
  js: JetStreamClient,
  jsm: JetStreamManager,
  filter: string,
  headersOnly: boolean,
  visit: (m: JsMsg) => void,
): Promise<void> {
  const info = await jsm.streams.info(CONTENT_STREAM, { subjects_filter: filter });
  const count = Object.values(info.state.subjects ?? {}).reduce((a, b) => a + b, 0);
  if (count === 0) return;
  const consumer = await js.consumers.get(CONTENT_STREAM, {
    filter_subjects: filter,
    ...(headersOnly ? { headers_only: true } : {}),
  });
  const messages = await consumer.consume({ max_messages: 256 });
  try {
    for await (const m of messages) {
      visit(m);
      if (m.info.pending === 0) break;
    }
  } finally {
    await messages.close();
  }
}
