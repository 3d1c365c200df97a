import { DeliverPolicy } from '@nats-io/jetstream';
import type { Logger } from 'pino';
import { agencyToToken, inboxFilter, inboxSubject } from '@lienthong/core';
import type { NodeInfo } from '@lienthong/core';
import type { NatsHandles } from './connection';
import { JS_MAX_MSGS_PER_SUBJECT, STREAMS, isNotFound, jsApiCode } from './streams';

/** The durable inbox consumer of an agency (created by its SDK on first use). */
export function inboxConsumerName(agency: string): string {
  return `lt-inbox-${agencyToToken(agency)}`;
}

/**
 * After an agency moved from node `from` to node `to`: copies the inbox items it has not
 * acknowledged yet to its inbox at the new node (the item keys stay, so a second copy is refused
 * there), then removes its inbox consumer if it still reads the old inbox; its SDK re-creates it on
 * the new one. Items it had acknowledged (up to the consumer's ack floor) are not copied. An item
 * that was handed out but not yet acknowledged when the agency moved is handed out again.
 */
export async function moveInbox(
  nats: NatsHandles,
  agency: string,
  from: NodeInfo,
  to: NodeInfo,
  log: Logger,
): Promise<number> {
  const durable = inboxConsumerName(agency);
  const oldFilter = inboxFilter(from.level, from.id, agency);
  let startSeq = 1;
  // Only a consumer still reading the old inbox belongs to the move; one on the new inbox was
  // already re-created by the agency's SDK and stays.
  let oldConsumer = false;
  try {
    const info = await nats.jsm.consumers.info(STREAMS.inbox, durable);
    if (info.config.filter_subject === oldFilter) {
      oldConsumer = true;
      startSeq = info.ack_floor.stream_seq + 1;
    }
  } catch (e) {
    if (!isNotFound(e)) throw e;
  }
  const reader = await nats.js.consumers.get(STREAMS.inbox, {
    filter_subjects: oldFilter,
    deliver_policy: DeliverPolicy.StartSequence,
    opt_start_seq: startSeq,
  });
  let moved = 0;
  try {
    let pending = (await reader.info()).num_pending;
    while (pending > 0) {
      const m = await reader.next({ expires: 5000 });
      if (!m) break;
      const key = m.subject.split('.').pop()!;
      try {
        await nats.js.publish(inboxSubject(to.level, to.id, agency, key), m.data, {
          msgID: `move:${agency}:${key}`,
          ...(m.headers ? { headers: m.headers } : {}),
        });
        moved++;
      } catch (e) {
        if (jsApiCode(e) !== JS_MAX_MSGS_PER_SUBJECT) throw e;
      }
      pending = m.info.pending;
    }
  } finally {
    await reader.delete().catch(() => undefined);
  }
  if (oldConsumer) {
    await nats.jsm.consumers.delete(STREAMS.inbox, durable).catch((e: unknown) => {
      if (!isNotFound(e)) throw e;
    });
  }
  log.info({ agency, from: from.id, to: to.id, moved }, 'inbox moved');
  return moved;
}
