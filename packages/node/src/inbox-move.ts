import { DeliverPolicy } from '@nats-io/jetstream';
import type { Logger } from 'pino';
import {
  SUBJECT_PREFIX,
  agencyFromToken,
  agencyToToken,
  inboxDurableOf,
  inboxFilter,
  inboxSubject,
} from '@lienthong/core';
import type { NodeInfo, Topology } from '@lienthong/core';
import { inject, injectable } from 'tsyringe';
import type { NatsHandles } from '@lienthong/infra';
import { classifyNatsError, refusedBy, retry } from '@lienthong/infra';
import { HostedNodes } from './hosted-nodes';
import { InFlight } from './in-flight';
import { isNotFound } from './retire-overlapping';
import type { AgencyMove, TopologyView } from './live-directory';
import { STREAMS } from '@lienthong/core';
import { TOKENS } from './tokens';

/** How long a node keeps retrying an agency's inbox move that fails transiently, and how it backs off. */
const MOVE_RETRY_MS = 60_000;
const MOVE_BACKOFF = { initialMs: 100, maxMs: 5_000 } as const;
/**
 * How often a node looks again at the inboxes agencies left (by a move or a sweep) for items
 * delivered there afterwards; each is watched until a look at least this long after the move finds
 * it empty.
 */
export const STRAY_SWEEP_MS = 5 * 60_000;
/**
 * The full sweep, once after a start: once a province's directory mirror has had time to catch up
 * with the centre's (a node that moved an inbox by a directory it had not caught up with yet would
 * have it moved back by the next sweep; nothing is lost, but nothing should move for nothing). It
 * lists every item subject of the inbox stream (one per item kept, read or not: 2.7 s and 0.7 s of
 * CPU at 300,000), so it runs once, not on a timer.
 */
export const FIRST_STRAY_SWEEP_MS = 30_000;
/**
 * An inbox an agency left is looked at once this long after the move as well: a delivery that landed
 * there late, or an inbox consumer a client made again on it (it had not yet seen the move), is
 * handled in seconds rather than at the next five-minute look.
 */
export const RECHECK_AFTER_MOVE_MS = 10_000;

/** An inbox an agency left at a node hosted here, looked at again until it stays empty. */
interface LeftInbox {
  readonly agency: string;
  readonly from: string;
  readonly sinceMs: number;
}

/** Unread items at a node hosted here for an agency the directory homes elsewhere now. */
export interface StrayInbox {
  readonly agency: string;
  readonly from: NodeInfo;
  readonly to: NodeInfo;
  /** The inbox they go to at `to`: the agency's, or its successor's for a closed code. */
  readonly toAgency: string;
  readonly items: number;
}

/** The durable inbox consumer of an agency (created by its SDK on first use): core's name for it. */
export { inboxDurableOf as inboxConsumerName };

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
  const durable = inboxDurableOf(agency);
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
        // The message id names this stored copy (its sequence): a move run again sends the same id,
        // while an item that comes back (moved away and back within the duplicate window) is a new
        // copy that must be stored, not taken for the earlier one and lost when its source is purged.
        await nats.js.publish(inboxSubject(to.level, to.id, toAgency, key), m.data, {
          msgID: `move:${agency}:${key}:${m.seq}`,
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
    /** The nodes hosted here now. */
    @inject(HostedNodes) private readonly hosted: Pick<HostedNodes, 'ids'>,
    @inject(TOKENS.Logger) private readonly log: Logger,
  ) {}

  /** Moves and sweeps run one at a time: each is idempotent, but two at once could both copy. */
  private chain: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  /** The directory the sweeps read (set by `startSweeping`), and the look due soon after a move. */
  private directory: TopologyView | undefined;
  private soon: NodeJS.Timeout | undefined;
  /** Inboxes agencies left here, by `node/agency`. */
  private readonly left = new Map<string, LeftInbox>();

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.chain.then(work);
    this.chain = next.catch(() => undefined);
    return next;
  }

  async move(moves: readonly AgencyMove[], epoch: number, before: Topology, after: Topology): Promise<void> {
    await this.inFlight.settledBefore(epoch, 30_000);
    try {
      await this.serial(() => this.moveAll(moves, before, after));
    } finally {
      this.recheckSoon();
    }
  }

  /** Looks again at the inboxes agencies left, RECHECK_AFTER_MOVE_MS from now (once sweeping). */
  private recheckSoon(): void {
    const directory = this.directory;
    if (!directory || !this.timer) return;
    clearTimeout(this.soon);
    this.soon = setTimeout(() => {
      this.soon = undefined;
      void this.recheck(directory).catch((e: unknown) =>
        this.log.warn({ err: (e as Error).message }, 'looking again at inboxes left by a move failed'),
      );
    }, RECHECK_AFTER_MOVE_MS);
    this.soon.unref();
  }

  private async moveAll(moves: readonly AgencyMove[], before: Topology, after: Topology): Promise<void> {
    const hosted = new Set(this.hosted.ids());
    for (const m of moves) {
      if (!hosted.has(m.from)) continue;
      this.watchLeft(m.code, m.from);
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

  /**
   * Sweeps everything `firstMs` after the start (again at the next turn if it fails), then every
   * `everyMs` looks again at the inboxes agencies left (`recheck`). A look that fails is logged; the
   * next one tries again.
   */
  startSweeping(directory: TopologyView, firstMs = FIRST_STRAY_SWEEP_MS, everyMs = STRAY_SWEEP_MS): void {
    this.directory = directory;
    let swept = false;
    const run = (next: number): void => {
      this.timer = setTimeout(() => {
        const look = swept
          ? this.recheck(directory, everyMs)
          : this.sweep(directory).then((n) => {
              swept = true;
              return n;
            });
        void look
          .catch((e: unknown) =>
            this.log.warn(
              { err: (e as Error).message },
              'looking for inbox items left behind failed; will retry',
            ),
          )
          .finally(() => {
            if (this.timer) run(everyMs);
          });
      }, next);
      this.timer.unref();
    };
    run(firstMs);
  }

  private watchLeft(agency: string, from: string): void {
    this.left.set(`${from}/${agency}`, { agency, from, sinceMs: Date.now() });
  }

  /**
   * Looks again at each inbox an agency left here, by its own filter (never the whole stream), and
   * moves what was delivered there since; forgets one found empty `quietMs` after it was left.
   * An inbox consumer that reads the empty inbox of an agency homed elsewhere is removed (its client
   * made it again before it saw the move: it would wait there for ever); the client makes it again
   * at the home node. Returns the items moved.
   */
  recheck(directory: TopologyView, quietMs = STRAY_SWEEP_MS): Promise<number> {
    return this.serial(async () => {
      let moved = 0;
      for (const [key, l] of [...this.left]) {
        if (!directory.hasNode(l.from)) {
          this.left.delete(key);
          continue;
        }
        const from = directory.node(l.from);
        const info = await this.nats.jsm.streams.info(STREAMS.inbox, {
          subjects_filter: inboxFilter(from.level, from.id, l.agency),
        });
        const items = Object.values(info.state.subjects ?? {}).reduce((a, b) => a + b, 0);
        // Undefined while the agency is homed here again.
        const stray = strayOf(directory, l.from, agencyToToken(l.agency), items);
        if (stray && items > 0) {
          moved += await this.moveStray(stray);
          continue;
        }
        if (stray) await this.removeLeftConsumer(stray);
        // Empty: watched until quiet, then forgotten.
        if (items === 0 && Date.now() - l.sinceMs >= quietMs) this.left.delete(key);
      }
      return moved;
    });
  }

  /**
   * Removes the agency's inbox consumer if it reads the (empty) inbox it left at `from`: its client
   * made it again there before it saw the move, and would wait there for ever.
   */
  private async removeLeftConsumer(s: StrayInbox): Promise<void> {
    const durable = inboxDurableOf(s.agency);
    const info = await this.nats.jsm.consumers.info(STREAMS.inbox, durable).catch((e: unknown) => {
      if (isNotFound(e)) return undefined;
      throw e;
    });
    if (info?.config.filter_subject !== inboxFilter(s.from.level, s.from.id, s.agency)) return;
    this.log.warn(
      { agency: s.agency, from: s.from.id, to: s.to.id },
      'the inbox consumer of an agency homed elsewhere reads the inbox it left; removing it (its client makes it again at the home node)',
    );
    await this.nats.jsm.consumers.delete(STREAMS.inbox, durable).catch((e: unknown) => {
      if (!isNotFound(e)) throw e;
    });
  }

  /** Stops the timer and waits (at most `waitMs`) for a sweep or move under way; each is idempotent. */
  async stopSweeping(waitMs = 5_000): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    clearTimeout(this.soon);
    this.timer = undefined;
    this.soon = undefined;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.chain, new Promise((r) => (timer = setTimeout(r, waitMs)))]);
    clearTimeout(timer);
  }

  /**
   * Moves the unread items that a node hosted here holds for agencies the directory homes elsewhere
   * now, as the directory change would have: left by a move that gave up (a full inbox for longer
   * than its retry budget), one that never ran (this process was down when the directory changed),
   * or a delivery that landed after the move. Returns the items moved.
   */
  sweep(directory: TopologyView): Promise<number> {
    return this.serial(async () => {
      let moved = 0;
      for (const s of await this.strays(directory)) moved += await this.moveStray(s);
      return moved;
    });
  }

  /** Moves one stray inbox's items; watched afterwards, so that a failure is tried again. */
  private async moveStray(s: StrayInbox): Promise<number> {
    this.log.warn(
      { agency: s.agency, from: s.from.id, to: s.to.id, toAgency: s.toAgency, items: s.items },
      'inbox items left behind for an agency homed elsewhere; moving them',
    );
    this.watchLeft(s.agency, s.from.id);
    try {
      return await moveInbox(this.nats, s.agency, s.from, s.to, this.log, s.toAgency);
    } catch (e) {
      this.log.warn(
        { agency: s.agency, from: s.from.id, to: s.to.id, err: (e as Error).message },
        'moving inbox items left behind failed; the next look tries again',
      );
      return 0;
    }
  }

  /**
   * The inboxes at nodes hosted here whose agency (or closed code) the directory homes elsewhere
   * now. `moveInbox` copies only what the agency's consumer has not acknowledged when that consumer
   * still reads the old inbox; once it was removed (always after the old inbox was emptied), what is
   * left there arrived after the move and is unread.
   */
  async strays(directory: TopologyView): Promise<StrayInbox[]> {
    const hosted = new Set(this.hosted.ids().filter((id) => directory.hasNode(id)));
    const levels = new Set([...hosted].map((id) => directory.node(id).levelName));
    const found = new Map<string, StrayInbox>();
    const homedHere = new Set<string>();
    for (const level of levels) {
      const filter = `${SUBJECT_PREFIX}.${level}.*.inbox.>`;
      const info = await this.nats.jsm.streams.info(STREAMS.inbox, { subjects_filter: filter });
      for (const [subject, count] of Object.entries(info.state.subjects ?? {})) {
        // lt.v1.<level>.<node>.inbox.<agency token>.<item key>
        const [, , , nodeId, , token] = subject.split('.');
        if (!nodeId || !token || !hosted.has(nodeId)) continue;
        const key = `${nodeId}/${token}`;
        const seen = found.get(key);
        if (seen) found.set(key, { ...seen, items: seen.items + count });
        else if (!homedHere.has(key)) {
          const stray = strayOf(directory, nodeId, token, count);
          if (stray) found.set(key, stray);
          else homedHere.add(key);
        }
      }
    }
    return [...found.values()];
  }
}

/** The stray inbox of `token` at `nodeId`, if the directory homes that agency (or successor) elsewhere. */
function strayOf(
  directory: TopologyView,
  nodeId: string,
  token: string,
  items: number,
): StrayInbox | undefined {
  let agency: string;
  try {
    agency = agencyFromToken(token);
  } catch {
    return undefined;
  }
  const home = directory.agency(agency)?.homeNode;
  if (home === nodeId) return undefined;
  // A closed code's unread items go to its successor (if that is in the directory).
  const successor = home === undefined ? directory.closedCode(agency)?.successor : undefined;
  const toAgency = home === undefined ? successor : agency;
  const to = toAgency === undefined ? undefined : directory.agency(toAgency)?.homeNode;
  if (toAgency === undefined || to === undefined || !directory.hasNode(to) || to === nodeId) return undefined;
  return { agency, from: directory.node(nodeId), to: directory.node(to), toAgency, items };
}
