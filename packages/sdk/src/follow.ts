import { randomBytes } from 'node:crypto';
import { AckPolicy, DeliverPolicy } from '@nats-io/jetstream';
import type { Consumer, JetStreamClient, JetStreamManager } from '@nats-io/jetstream';

/**
 * A consumer that follows `filter` on `stream` from now on: what nats.js's ordered consumer does,
 * without the stream info it asks for first (an agency may not read stream info: with a subject
 * filter it shows other agencies' subjects). Created through the create subject that names the filter,
 * so permissions keep an agency to its own subject; pull only; an unguessable name; removed by the
 * server once nobody pulls from it for `inactiveMs`; it keeps its place across a server restart.
 */
export async function followSubject(
  js: JetStreamClient,
  jsm: JetStreamManager,
  stream: string,
  filter: string,
  inactiveMs = 30_000,
  /** Start with what the stream kept since this time (Unix ms) instead of from now. */
  sinceMs?: number,
): Promise<Consumer> {
  return (await followSubjectCounted(js, jsm, stream, filter, { inactiveMs, sinceMs })).consumer;
}

/**
 * {@link followSubject}, with how many messages the consumer held when it was made: those it reads
 * back from `sinceMs` (0 from now on). They come first, in order, each once (no acknowledgements,
 * one delivery), so the one numbered `pending` is the last of the read-back.
 */
export async function followSubjectCounted(
  js: JetStreamClient,
  jsm: JetStreamManager,
  stream: string,
  filter: string,
  { inactiveMs = 30_000, sinceMs }: { readonly inactiveMs?: number; readonly sinceMs?: number } = {},
): Promise<{ consumer: Consumer; pending: number }> {
  const name = `lt-f-${randomBytes(16).toString('hex')}`;
  const info = await jsm.consumers.add(stream, {
    name,
    filter_subject: filter,
    ...(sinceMs === undefined
      ? { deliver_policy: DeliverPolicy.New }
      : { deliver_policy: DeliverPolicy.StartTime, opt_start_time: new Date(sinceMs).toISOString() }),
    ack_policy: AckPolicy.None,
    max_deliver: 1,
    // On file, so that it outlives a restart of its server (nats.js's ordered consumer would make a
    // new one; a named one has to survive).
    num_replicas: 1,
    inactive_threshold: inactiveMs * 1_000_000,
  });
  return { consumer: await js.consumers.get(stream, name), pending: info.num_pending };
}
