/**
 * What the sender reads of its documents' tracking: the per-recipient records in KV `lt_tracking`
 * (`snapshot`, `sent`) and live changes from the track stream (`track`).
 */
import type { KV } from '@nats-io/kv';
import {
  BUCKETS,
  LienthongError,
  STREAMS,
  trackSubject,
  trackingDocumentFilter,
  trackingSenderFilter,
} from '@lienthong/core';
import type { TrackingRecord } from '@lienthong/proto';
import { listKvKeys, retry } from '@lienthong/infra';
import { withCall } from './call';
import { readRecords } from './tracking-bulk';
import { followSubjectCounted } from './follow';
import type { HomeService, LiveFeed } from './home-service';
import type { HomeFollower } from './home';
import type { CallContext } from './call';
import type { CallOptions } from './call';
import type { Session } from './session';
import { RefusalFeed } from './refusal-feed';
import type { Refusals } from './refusal-feed';
import { DocumentTracker } from './tracking';
import type { Tracker } from './tracking';
import type { SentDocument, SentQuery } from './types';

/** Pauses between attempts to follow a moved home node's track subject. */
const REFOLLOW_BACKOFF = { initialMs: 200, maxMs: 5_000 } as const;

/** How long recall/update/replace wait for the home node to register a document just sent. */
const REGISTER_WAIT_MS = 2_000;

/** Pauses between looks for the records of a document just sent. */
const REGISTER_BACKOFF = { initialMs: 50, maxMs: 400, factor: 2 } as const;

/** The pause `retry` makes after the attempt numbered `attempt` (from 1) with REGISTER_BACKOFF. */
function pauseAfter(attempt: number): number {
  const { initialMs, maxMs, factor } = REGISTER_BACKOFF;
  return Math.min(initialMs * factor ** (attempt - 1), maxMs);
}

/** What follows the agency's track subject: a document's tracker, or the feed of refusals. */
type Follower = DocumentTracker | RefusalFeed;

export class TrackingReader {
  private readonly trackers = new Set<Follower>();
  /** Each tracker's move to the track subject of a new home node, one after another. */
  private readonly moves = new WeakMap<Follower, Promise<void>>();

  constructor(
    private readonly session: Session,
    private readonly tracking: KV,
    /**
     * Connected as an nkey identity, which may create no consumer: its home node follows its track
     * subject and lists its tracking keys for it.
     */
    private readonly service?: HomeService,
    /** Told when the agency moves to another home node, whose track subject its changes go to then. */
    home?: Pick<HomeFollower, 'onMove'>,
  ) {
    home?.onMove(() => {
      for (const tracker of this.trackers) this.follow(tracker);
    });
  }

  /**
   * The agency's home node moved: the tracker follows the new node's track subject (retried while
   * it runs, unless the home node is out of this client's reach), and takes the records as read then.
   */
  private follow(tracker: Follower): void {
    const move = async (): Promise<void> => {
      await retry(
        async () => {
          if (tracker.isStopped) return;
          const live = await this.liveFeed(this.session.defaultTimeoutMs);
          if (tracker instanceof RefusalFeed) await tracker.moveTo(live);
          else await tracker.moveTo(live, () => this.snapshot(tracker.documentId));
        },
        {
          backoff: REFOLLOW_BACKOFF,
          // Not while the home node is in another JetStream domain (nothing to follow from here).
          retryIf: (e) =>
            !tracker.isStopped && !(e instanceof LienthongError && e.code === 'FailedPrecondition'),
        },
      ).catch(() => undefined);
    };
    const next = (this.moves.get(tracker) ?? Promise.resolve()).then(move);
    this.moves.set(tracker, next);
  }

  /** The agency's track subject at its home node from now on. */
  private async liveFeed(timeoutMs: number, sinceMs?: number): Promise<LiveFeed> {
    const { agency, homeNode, js, jsm } = this.session;
    if (this.service) return this.service.follow(timeoutMs, sinceMs);
    const { consumer, pending } = await followSubjectCounted(
      js,
      jsm,
      STREAMS.track,
      trackSubject(homeNode.level, homeNode.id, agency),
      { sinceMs },
    );
    return { consume: () => consumer.consume(), pending };
  }

  /** The per-recipient records of a document this agency sent (empty if unknown). */
  snapshot(documentId: string, opts?: CallOptions): Promise<TrackingRecord[]> {
    const { agency, defaultTimeoutMs } = this.session;
    return withCall('snapshot', opts, defaultTimeoutMs, async (ctx) => {
      const filter = trackingDocumentFilter(agency, documentId);
      const keys = await this.keys(filter, ctx);
      return (await this.readRecords(filter, keys, ctx)).filter((r) => r.documentId === documentId);
    });
  }

  /** Follows a sent document's track subject from the stream's end, then reads its snapshot. */
  track(documentId: string, opts?: CallOptions): Promise<Tracker> {
    // Follow the track subject from the stream's current end before reading the snapshot, so that
    // no change falls between the two (a change seen twice is recognised and kept once).
    // A pull consumer created on the agency's own track subject (`followSubject`): no stream info,
    // which agencies may not read, and nothing anyone else points at a subscription reaches it.
    return withCall('track', opts, this.session.defaultTimeoutMs, (ctx) =>
      this.started(
        ctx,
        undefined,
        (live, onStop) => new DocumentTracker(documentId, live, onStop),
        async (tracker) =>
          tracker.setSnapshot(
            await this.snapshot(documentId, { signal: ctx.signal, timeoutMs: ctx.timeoutMs }),
          ),
      ),
    );
  }

  /**
   * Follows the agency's track subject for the notices of refused submissions: from its end, or
   * from `sinceMs` (what the track stream kept since then, 30 days by default, then on).
   */
  refusals(opts: CallOptions & { readonly sinceMs?: number } = {}): Promise<Refusals> {
    return withCall('refusals', opts, this.session.defaultTimeoutMs, (ctx) =>
      this.started(ctx, opts.sinceMs, (live, onStop) => new RefusalFeed(live, onStop)),
    );
  }

  /**
   * A follower of the track subject made with `make`, following (and `then` done) within the call,
   * stopped if that fails; then among those told of moves, and moved at once if the home node moved
   * while it was set up.
   */
  private async started<F extends Follower>(
    ctx: CallContext,
    sinceMs: number | undefined,
    make: (live: LiveFeed, onStop: () => void) => F,
    then?: (follower: F) => Promise<void>,
  ): Promise<F> {
    const at = this.homeId();
    const live = await this.liveFeed(Math.max(ctx.deadline - Date.now(), 1), sinceMs);
    const follower: F = make(live, () => this.trackers.delete(follower));
    try {
      await follower.follow();
      await then?.(follower);
      if (ctx.signal.aborted) throw ctx.signal.reason;
    } catch (e) {
      await follower.stop();
      throw e;
    }
    this.trackers.add(follower);
    if (this.homeId() !== at) this.follow(follower);
    return follower;
  }

  /** The home node's id now; undefined while it is out of this client's reach. */
  private homeId(): string | undefined {
    try {
      return this.session.homeNode.id;
    } catch {
      return undefined;
    }
  }

  /** The documents this agency sent, newest first, each with its recipients' records. */
  sent(query: SentQuery): Promise<SentDocument[]> {
    const { agency, defaultTimeoutMs } = this.session;
    const since =
      query.since === undefined ? 0 : typeof query.since === 'number' ? query.since : query.since.getTime();
    return withCall('sent', query, defaultTimeoutMs, async (ctx) => {
      const filter = trackingSenderFilter(agency);
      const keys = await this.keys(filter, ctx);
      const byDocument = new Map<string, TrackingRecord[]>();
      // A refused document whose recipients could not be read is listed with one record, recipient ''.
      for (const r of await this.readRecords(filter, keys, ctx)) {
        byDocument.set(r.documentId, [...(byDocument.get(r.documentId) ?? []), r]);
      }
      const out: SentDocument[] = [];
      for (const [documentId, records] of byDocument) {
        const doc = sentDocument(documentId, records);
        if (!doc || doc.sentAtMs < since) continue;
        if (query.status !== undefined && !records.some((r) => r.business === query.status)) continue;
        if (query.overdue !== undefined && doc.overdue !== query.overdue) continue;
        out.push(doc);
      }
      return out.sort((a, b) => b.sentAtMs - a.sentAtMs || a.documentId.localeCompare(b.documentId));
    });
  }

  /**
   * The tracking records of a document this agency sent; NotFound when there are none. The home node
   * opens them shortly after `send()` resolved, so this waits for them up to REGISTER_WAIT_MS.
   */
  sentRecords(what: string, documentId: string, opts: CallOptions): Promise<TrackingRecord[]> {
    const { agency, defaultTimeoutMs } = this.session;
    return withCall(what, opts, defaultTimeoutMs, (ctx) => {
      // Looked for until REGISTER_WAIT_MS, and not again when the next pause would end past the
      // call's deadline: the caller then gets NotFound, not DeadlineExceeded.
      const giveUpAt = Math.min(ctx.deadline, Date.now() + REGISTER_WAIT_MS);
      const look = async (): Promise<TrackingRecord[]> => {
        const records = await this.snapshot(documentId, {
          signal: ctx.signal,
          timeoutMs: Math.max(ctx.deadline - Date.now(), 1),
        });
        if (records.length > 0) return records;
        throw new LienthongError('NotFound', `${what}: no document ${documentId} sent by ${agency}`, {
          context: { what, documentId },
        });
      };
      return retry(look, {
        signal: ctx.signal,
        deadline: giveUpAt,
        backoff: REGISTER_BACKOFF,
        retryIf: (e, attempt) =>
          e instanceof LienthongError &&
          e.code === 'NotFound' &&
          Date.now() + pauseAfter(attempt) <= giveUpAt,
      });
    });
  }

  /** Recipients of documents this agency sent, by document; NotFound for one it did not send. */
  async sentRecipients(
    what: string,
    documentIds: readonly string[],
    opts: CallOptions,
  ): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    for (const id of documentIds) {
      out.set(
        id,
        (await this.sentRecords(what, id, opts)).map((r) => r.recipient).filter((r) => r !== ''),
      );
    }
    return out;
  }

  /** Stops every tracker this reader handed out. */
  async stopAll(): Promise<void> {
    await Promise.allSettled([...this.trackers].map((t) => t.stop()));
  }

  /**
   * Keys of `lt_tracking` matching a filter, sorted. As an nkey identity, listed by its home node,
   * which keeps it to the agency's own keys; otherwise from the bucket stream's subject counts
   * (`listKvKeys`).
   */
  private keys(filter: string, ctx: CallContext): Promise<string[]> {
    const { js, jsm } = this.session;
    const timeoutMs = Math.max(ctx.deadline - Date.now(), 1);
    if (this.service) return this.service.keys(filter, timeoutMs);
    return listKvKeys(js, jsm, { bucket: BUCKETS.tracking, filter, timeoutMs, signal: ctx.signal });
  }

  /** The records of `keys` (all matching `filter`), read in bulk (tracking-bulk.ts). */
  private readRecords(filter: string, keys: readonly string[], ctx: CallContext): Promise<TrackingRecord[]> {
    return readRecords({
      js: this.session.js,
      kv: this.tracking,
      bucket: BUCKETS.tracking,
      filter,
      keys,
      deadline: ctx.deadline,
      // An nkey identity may create no consumer: it reads with gets.
      consumer: !this.service,
    });
  }
}

/** One sent document from its recipients' records (sorted here by recipient); undefined if none. */
function sentDocument(documentId: string, records: TrackingRecord[]): SentDocument | undefined {
  records.sort((a, b) => a.recipient.localeCompare(b.recipient));
  const [first] = records;
  if (!first) return undefined;
  return {
    documentId,
    subject: first.subject,
    priority: first.priority,
    sentAtMs: Math.min(...records.map((r) => r.sentAtMs)),
    updatedAtMs: Math.max(...records.map((r) => r.updatedAtMs)),
    overdue: records.some((r) => r.overdue),
    recipients: records,
  };
}
