import { DeliverPolicy } from '@nats-io/jetstream';
import type { Logger } from 'pino';
import { agencyToToken, inboxFilter, inboxSubject } from '@lienthong/core';
import type { NodeInfo, Topology } from '@lienthong/core';
import { inject, injectable } from 'tsyringe';
import type { NatsHandles } from '@lienthong/infra';
import { classifyNatsError, refusedBy, retry } from '@lienthong/infra';
import type { ResolvedConfig } from './config';
import { InFlight } from './in-flight';
import type { AgencyMove } from './live-directory';
import { STREAMS } from '@lienthong/core';
import { TOKENS } from './tokens';

/** How long a node keeps retrying an agency's inbox move that fails transiently, and how it backs off. */
const MOVE_RETRY_MS = 60_000;
const MOVE_BACKOFF = { initialMs: 100, maxMs: 5_000 } as const;

/** The durable inbox consumer of an agency (created by its SDK on first use). */
export function inboxConsumerName(agency: string): string {
  return `lt-inbox-${agencyToToken(agency)}`;
}

/**
 * After an agency moved from node `from` to node `to`: copies the inbox items it has not
 * acknowledged yet to its inbox at the new node (the item keys stay, so a second copy is refused
 * there), removes the old inbox's items, then removes its inbox consumer if it still reads the old
 * inbox; its SDK re-creates it on the new one. Items it had acknowledged (up to the consumer's ack
 * floor) are not copied. An item that was handed out but not yet acknowledged when the agency moved
 * is handed out again. The old items go before the consumer that knows what was read, so a move
 * interrupted and run again never copies an item that was read. `toAgency`: the inbox it goes to at
 * `to`, another agency's for a closed code whose unread items go to its successor.
 */
export async function moveInbox(
  nats: Pick<NatsHandles, 'js' | 'jsm'>,
  agency: string,
  from: NodeInfo,
  to: NodeInfo,
  log: Pick<Logger, 'info'>,
  toAgency = agency,
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
    if (classifyNatsError(e).kind !== 'not-found') throw e;
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
      if (!m) throw new Error(`inbox of ${agency} at ${from.id}: ${pending} items not read back to move`);
      const key = m.subject.split('.').pop()!;
      try {
        await nats.js.publish(inboxSubject(to.level, to.id, toAgency, key), m.data, {
          msgID: `move:${agency}:${key}`,
          ...(m.headers ? { headers: m.headers } : {}),
        });
        moved++;
      } catch (e) {
        // Already in the new inbox (one message per item subject). A full inbox stream is not
        // that: the move fails before the old items are removed, and is retried.
        if (refusedBy(e) !== 'subject') throw e;
      }
      pending = m.info.pending;
    }
  } finally {
    await reader.delete().catch(() => undefined);
  }
  await nats.jsm.streams.purge(STREAMS.inbox, { filter: oldFilter });
  if (oldConsumer) {
    await nats.jsm.consumers.delete(STREAMS.inbox, durable).catch((e: unknown) => {
      if (classifyNatsError(e).kind !== 'not-found') throw e;
    });
  }
  log.info({ agency, from: from.id, to: to.id, toAgency, moved }, 'inbox moved');
  return moved;
}

/**
 * Agencies that left a node hosted here take their unread inbox items with them, once the messages
 * taken before the change (which may still deliver into the old inbox) are handed on.
 */
@injectable()
export class InboxMover {
  constructor(
    @inject(TOKENS.Nats) private readonly nats: NatsHandles,
    @inject(InFlight) private readonly inFlight: InFlight,
    @inject(TOKENS.Config) private readonly config: ResolvedConfig,
    @inject(TOKENS.Logger) private readonly log: Logger,
  ) {}

  async move(moves: readonly AgencyMove[], epoch: number, before: Topology, after: Topology): Promise<void> {
    await this.inFlight.settledBefore(epoch, 30_000);
    const hosted = new Set(this.config.nodes);
    for (const m of moves) {
      if (!hosted.has(m.from)) continue;
      // The move runs once per directory change: a transient refusal (the server reloading the
      // credentials the same change rewrote answers "jetstream is not enabled" for a moment) is
      // retried, or the unread items would stay behind at the old node. Each attempt is idempotent.
      await retry(() => moveInbox(this.nats, m.code, before.node(m.from), after.node(m.to), this.log), {
        backoff: MOVE_BACKOFF,
        deadline: Date.now() + MOVE_RETRY_MS,
        // A full inbox stream may have room again soon (items read or aged out).
        retryIf: (e) => classifyNatsError(e).transient || refusedBy(e) === 'bytes',
        onRetry: (err, attempt, waitMs) =>
          this.log.warn(
            { agency: m.code, from: m.from, to: m.to, attempt, waitMs, err: (err as Error).message },
            'moving an inbox failed; will retry',
          ),
      });
    }
  }
}
