/**
 * What the network refused of this agency's submissions, as it happens: a document or a status its
 * home node refused at intake, and a status the home node of the document's sender refused (not sent
 * to this agency, no such document, against the status rules). Each is a notice on the agency's
 * track subject (a tracking record without a recipient, `Lt-Kind: rejection`).
 */
import { decodeTrackingRecord } from '@lienthong/core';
import { FailureReason } from '@lienthong/proto';
import type { BusinessStatus, TrackingRecord } from '@lienthong/proto';
import type { CallOptions } from './call';
import type { LiveFeed } from './home-service';

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
  stop(): Promise<void>;
}

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
  readonly documentId = '';
  private readonly queue: Refusal[] = [];
  private readonly waiters = new Set<() => void>();
  private messages: { stop(): void } | undefined;
  private pump: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private live: LiveFeed,
    private readonly onStop: () => void = () => undefined,
  ) {}

  get isStopped(): boolean {
    return this.stopped;
  }

  /** Starts following the feed. */
  async follow(): Promise<void> {
    const messages = await this.live.consume();
    this.messages = messages;
    this.pump = (async () => {
      for await (const m of messages) {
        let refusal: Refusal | undefined;
        try {
          refusal = refusalOf(decodeTrackingRecord(m.data));
        } catch {
          continue;
        }
        if (refusal === undefined) continue;
        this.queue.push(refusal);
        this.wakeAll();
      }
    })().catch(() => undefined);
  }

  /** Follows the new home node's feed from now on (nothing to read again: notices are not kept in KV). */
  async moveTo(live: LiveFeed): Promise<void> {
    if (this.stopped) return;
    const [messages, pump] = [this.messages, this.pump];
    this.live = live;
    await this.follow();
    messages?.stop();
    await pump;
    if (this.stopped) this.messages?.stop();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<Refusal> {
    while (!this.stopped || this.queue.length > 0) {
      const next = this.queue.shift();
      if (next) {
        yield next;
        continue;
      }
      if (this.stopped) return;
      await new Promise<void>((resolve) => this.waiters.add(resolve));
    }
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.wakeAll();
    this.messages?.stop();
    await this.pump;
    this.onStop();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.stop();
  }

  private wakeAll(): void {
    const waiters = [...this.waiters];
    this.waiters.clear();
    for (const w of waiters) w();
  }
}
