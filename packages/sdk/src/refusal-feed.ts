/**
 * What the network refused of this agency's submissions, as it happens: a document or a status its
 * home node refused at intake, and a status the home node of the document's sender refused (not sent
 * to this agency, no such document, against the status rules). Each is a notice on the agency's
 * track subject (a tracking record without a recipient, `Lt-Kind: rejection`).
 */
import { FailureReason } from '@lienthong/proto';
import type { BusinessStatus, TrackingRecord } from '@lienthong/proto';
import type { CallOptions } from './call';
import type { LiveFeed } from './home-service';
import { TrackFeed } from './track-feed';

/** One refusal of something this agency submitted. */
export interface Refusal {
  /** The document the refused submission was, or was about. */
  readonly documentId: string;
  /** `document`: a document this agency sent; `status`: a status it reported (or a recall, 13). */
  readonly kind: 'document' | 'status';
  /** For a status: its code. */
  readonly code?: BusinessStatus;
  readonly reason: FailureReason;
  /** The reason's name without its prefix, e.g. `NOT_A_RECIPIENT`. */
  readonly reasonName: string;
  /** The node's own words: what was refused and why. */
  readonly detail: string;
  /** The node that refused it. */
  readonly node: string;
  readonly atMs: number;
  /** The notice as the node published it. */
  readonly record: TrackingRecord;
}

/**
 * A refusal as JSON, as the edXML gateway's `GET /api/v1/refusals` and `lienthong doc refusals
 * --json` show it: the reason by name, a status's code with two digits, the time in ISO 8601.
 */
export interface RefusalJson {
  readonly documentId: string;
  readonly kind: 'document' | 'status';
  /** For a status: its edXML code, two digits. */
  readonly statusCode?: string;
  readonly reason: string;
  readonly detail: string;
  readonly node: string;
  readonly at: string;
}

export function refusalJson(r: Refusal): RefusalJson {
  return {
    documentId: r.documentId,
    kind: r.kind,
    ...(r.code !== undefined ? { statusCode: String(r.code).padStart(2, '0') } : {}),
    reason: r.reasonName,
    detail: r.detail,
    node: r.node,
    at: new Date(r.atMs).toISOString(),
  };
}

/** Where a feed of refusals starts. */
export interface RefusalsOptions extends CallOptions {
  /**
   * Start with the refusals since this time (a Date, or Unix milliseconds) — as far back as the
   * track stream keeps them (30 days by default) — then go on live. Without it: from now on.
   */
  readonly since?: Date | number;
}

/** A live feed of refusals: iterate it; `stop()` ends the iteration. */
export interface Refusals extends AsyncIterable<Refusal>, AsyncDisposable {
  readonly isStopped: boolean;
  /**
   * Resolves once the iteration has handed out every refusal the track stream kept since `since`
   * (what comes after is new), or the feed stopped; at once without `since`. A read-back that
   * brings nothing for 3 s is taken as done (a message lost on the way must not hold it for ever).
   * It waits for the iteration: a feed nobody iterates is never caught up. A home node of an older
   * version (whose `follow` reply has no `pending`) does not tell how much there is to read back:
   * then at once.
   */
  caughtUp(): Promise<void>;
  stop(): Promise<void>;
}

/** In the queue after the last refusal read back: the iteration that reaches it is at the present. */
const PRESENT = Symbol('present');

/** The refusal a notice on the track subject tells of; undefined for any other tracking record. */
export function refusalOf(record: TrackingRecord): Refusal | undefined {
  if (record.recipient !== '') return undefined;
  const first = record.timeline[0];
  const code = first?.business ?? 0;
  return {
    documentId: record.documentId,
    kind: code !== 0 ? 'status' : 'document',
    ...(code !== 0 ? { code } : {}),
    reason: record.failure,
    reasonName: (FailureReason[record.failure] ?? String(record.failure)).replace('FAILURE_REASON_', ''),
    detail: record.failureDetail,
    node: first?.node ?? '',
    atMs: Number(first?.atMs ?? record.updatedAtMs),
    record,
  };
}

/** Refusals from a feed of the agency's track subject, moved to another feed when its home node moves. */
export class RefusalFeed implements Refusals {
  private readonly queue: (Refusal | typeof PRESENT)[] = [];
  private readonly feed: TrackFeed;
  private present = false;
  private readonly reached: Promise<void>;
  private reach!: () => void;

  constructor(live: LiveFeed, onStop: () => void = () => undefined) {
    this.reached = new Promise<void>((resolve) => (this.reach = resolve));
    this.feed = new TrackFeed(
      live,
      (record) => {
        const refusal = refusalOf(record);
        if (refusal === undefined) return;
        this.queue.push(refusal);
        this.feed.wakeAll();
      },
      () => {
        this.reach();
        onStop();
      },
      (atStart) => {
        if (this.present) return;
        this.present = true;
        // Nothing read back and nothing waiting to be handed out: at the present now. Otherwise
        // when the iteration reaches the mark, after the last refusal read back.
        if (atStart && this.queue.length === 0) return this.reach();
        this.queue.push(PRESENT);
        this.feed.wakeAll();
      },
    );
  }

  caughtUp(): Promise<void> {
    return this.reached;
  }

  get isStopped(): boolean {
    return this.feed.isStopped;
  }

  /** Starts following the feed. */
  follow(): Promise<void> {
    return this.feed.follow();
  }

  /** Follows the new home node's feed from now on (nothing to read again: notices are not kept in KV). */
  async moveTo(live: LiveFeed): Promise<void> {
    await this.feed.moveTo(live);
  }

  /** The refusals as they come; what came before `stop()` is still handed out, then it ends. */
  async *[Symbol.asyncIterator](): AsyncIterator<Refusal> {
    for (;;) {
      const next = this.queue.shift();
      if (next === PRESENT) {
        this.reach();
        continue;
      }
      if (next) {
        yield next;
        continue;
      }
      if (this.feed.isStopped) return;
      await this.feed.next();
    }
  }

  stop(): Promise<void> {
    return this.feed.stop();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.stop();
  }
}
