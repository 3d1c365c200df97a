import { RetentionPolicy } from '@nats-io/jetstream';
import type { JetStreamManager } from '@nats-io/jetstream';

/**
 * A durable consumer that will never deliver some of its stream's messages.
 *
 * nats-server (seen on 2.9.10 under SIGKILL; similar reports up to 2.12) can bring a stream back
 * after an unclean stop with a lower last sequence than its consumers had already delivered: the
 * last few acknowledged writes are gone, or an empty work-queue stream forgets its sequence
 * altogether and starts again at 1. New messages then get sequences the consumer believes it has
 * passed, and it never hands them out: documents would wait for ever in custody.
 *
 * - `ahead`: the consumer has delivered past the stream's last sequence (caught while it lasts);
 * - `stranded` (work-queue streams): the consumer is idle (nothing pending, nothing unacknowledged) while the stream
 *   still holds messages of its filter — those it skipped, or acknowledged ones the server brought
 *   back. Re-delivering them is safe: every step of handling a message is idempotent.
 */
export type ConsumerFault =
  | { readonly kind: 'ahead'; readonly delivered: number; readonly lastSeq: number }
  | { readonly kind: 'stranded'; readonly messages: number; readonly delivered: number };

export async function findConsumerFault(
  jsm: JetStreamManager,
  stream: string,
  durable: string,
  filter: string,
): Promise<ConsumerFault | undefined> {
  // Consumer first: the stream's last sequence only grows, so read later it can never look behind.
  const before = await jsm.consumers.info(stream, durable);
  const info = await jsm.streams.info(stream);
  const delivered = before.delivered.stream_seq;
  if (delivered > info.state.last_seq) return { kind: 'ahead', delivered, lastSeq: info.state.last_seq };
  // In a work-queue stream every message still there is one some consumer has to hand on; in other
  // streams acknowledged messages stay, so only `ahead` means anything there.
  if (info.config.retention !== RetentionPolicy.Workqueue) return undefined;
  if (before.num_pending > 0 || before.num_ack_pending > 0 || info.state.messages === 0) return undefined;
  // Idle with messages in the stream: count those of its filter (the per-subject listing is the
  // costly request, made only now).
  const { state } = await jsm.streams.info(stream, { subjects_filter: filter });
  const messages = Object.values(state.subjects ?? {}).reduce((a, b) => a + b, 0);
  if (messages === 0) return undefined;
  // Still idle, and nothing delivered meanwhile: the messages counted are ones it will not deliver
  // (a message that arrived or was handled in between would show here).
  const after = await jsm.consumers.info(stream, durable);
  if (after.num_pending > 0 || after.num_ack_pending > 0 || after.delivered.stream_seq !== delivered) {
    return undefined;
  }
  return { kind: 'stranded', messages, delivered };
}
