import { createHash } from 'node:crypto';
import { DeliverPolicy } from '@nats-io/jetstream';
import type { ConsumerMessages, JetStreamClient } from '@nats-io/jetstream';
import { ContentManifest } from '@lienthong/proto';
import { CHUNK_INDEX_HEADER, UPLOAD_HEADER } from './marks';
import type { Run, UploadRuns } from './runs';
import { CONTENT_STREAM, chunkFilter, domainToken, hashOfSubject } from './subjects';

/** Other messages passed over in a row before a follower gives up (too many uploads at once). */
const MAX_FOREIGN = 256;
/** A follower that sees nothing for this long gives up (the upload stopped). */
const IDLE_MS = 30_000;
/** Bytes a follower's consumer holds at most: a few chunks. */
const MAX_BYTES = 4 * 1024 * 1024;

/**
 * Reads one upload's chunks from the content stream in order, from the chunk after the last one
 * the guard's own deliveries gave (the other processes of the domain share those deliveries), and
 * hands its manifest to `done` when it comes. Gives the run up when a chunk of the upload is missing
 * from the stream, a chunk does not hash to its subject (the guard removes it), too many other
 * messages come in between, or nothing comes for a while.
 */
export async function followUpload(
  js: JetStreamClient,
  domain: string,
  runs: UploadRuns,
  run: Run,
  done: (manifest: ContentManifest) => Promise<void>,
  /** The followers running, closed when the guard stops. */
  active: Set<ConsumerMessages>,
): Promise<void> {
  const consumer = await js.consumers.get(CONTENT_STREAM, {
    filter_subjects: `lt.v1.content.${domainToken(domain)}.>`,
    deliver_policy: DeliverPolicy.StartSequence,
    opt_start_seq: run.lastSeq + 1,
  });
  const messages = await consumer.consume({ max_bytes: MAX_BYTES });
  active.add(messages);
  let idle = setTimeout(() => void messages.close(), IDLE_MS);
  const chunkPrefix = chunkFilter(domain).slice(0, -1);
  let foreign = 0;
  try {
    for await (const m of messages) {
      clearTimeout(idle);
      idle = setTimeout(() => void messages.close(), IDLE_MS);
      if (run.broken) return;
      if ((m.headers?.get(UPLOAD_HEADER) || undefined) !== run.upload) {
        if (++foreign > MAX_FOREIGN) break;
        continue;
      }
      foreign = 0;
      if (!m.subject.startsWith(chunkPrefix)) {
        const manifest = ContentManifest.decode(m.data);
        if (manifest.sha256Hex === hashOfSubject(m.subject)) await done(manifest);
        break;
      }
      const index = Number(m.headers?.get(CHUNK_INDEX_HEADER) || Number.NaN);
      if (index < run.chunks.length) continue;
      // A chunk this upload did not store (its bytes were there before): the run cannot go on.
      if (index !== run.chunks.length) break;
      const hex = createHash('sha256').update(m.data).digest('hex');
      if (hex !== hashOfSubject(m.subject)) break;
      runs.add(run, hex, m.data, m.seq);
    }
  } finally {
    clearTimeout(idle);
    runs.drop(run);
    active.delete(messages);
    await messages.close().catch(() => undefined);
  }
}
