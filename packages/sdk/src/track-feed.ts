/**
 * What a tracker and the feed of refusals share: the agency's track subject followed through a
 * LiveFeed, each record decoded and handed on, the move to another feed when the home node moves,
 * the waiters of an iteration, and one stop.
 */
import { trackingRecordOrUndefined } from '@lienthong/core';
import type { TrackingRecord } from '@lienthong/proto';
import type { LiveFeed } from './home-service';

/**
 * A read-back that brings nothing for this long is taken as done: a pushed message lost on the way
 * (a reconnect) must not leave a reader waiting for the rest for ever.
 */
export const READ_BACK_QUIET_MS = 3_000;

export class TrackFeed {
  /** Woken on each record taken and on stop. */
  readonly waiters = new Set<() => void>();
  private messages: { stop(): void } | undefined;
  private pump: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private live: LiveFeed,
    /** Each record that decodes, in the order the feed brings them. */
    private readonly take: (record: TrackingRecord) => void,
    private readonly onStop: () => void,
    /**
     * Called once a feed has handed on every message it was to read back: what follows is new.
     * `atStart` when there was nothing to read back (a feed from now on, or one that does not tell
     * how many), called then before any message. Again after each move.
     */
    private readonly onPresent: (atStart: boolean) => void = () => undefined,
    private readonly quietMs = READ_BACK_QUIET_MS,
  ) {}

  /** Ends the read-back of the feed in hand when it has been quiet for `quietMs`. */
  private quiet: NodeJS.Timeout | undefined;

  get isStopped(): boolean {
    return this.stopped;
  }

  /** Starts following the feed. */
  async follow(): Promise<void> {
    const messages = await this.live.consume();
    this.messages = messages;
    clearTimeout(this.quiet); // a moved feed's read-back is over
    let readBack = this.live.pending ?? 0;
    const done = (): void => {
      clearTimeout(this.quiet);
      readBack = 0;
      this.onPresent(false);
    };
    const wait = (): void => {
      clearTimeout(this.quiet);
      this.quiet = setTimeout(done, this.quietMs);
      this.quiet.unref();
    };
    if (readBack === 0) this.onPresent(true);
    else wait();
    this.pump = (async () => {
      for await (const m of messages) {
        const record = trackingRecordOrUndefined(m.data);
        // A message that is not a tracking record hands nothing on, but counts towards the read-back.
        if (record) this.take(record);
        if (readBack > 0 && --readBack === 0) done();
        else if (readBack > 0) wait();
      }
    })().catch(() => undefined);
  }

  /** Follows `live` from now on, then lets the old feed go. False when stopped meanwhile. */
  async moveTo(live: LiveFeed): Promise<boolean> {
    if (this.stopped) return false;
    const [messages, pump] = [this.messages, this.pump];
    this.live = live;
    await this.follow();
    messages?.stop();
    await pump;
    if (this.stopped) {
      this.messages?.stop();
      return false;
    }
    return true;
  }

  /** Resolves at the next wake (a record taken, or the stop). */
  next(): Promise<void> {
    return new Promise<void>((resolve) => this.waiters.add(resolve));
  }

  wakeAll(): void {
    const waiters = [...this.waiters];
    this.waiters.clear();
    for (const w of waiters) w();
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    clearTimeout(this.quiet);
    this.wakeAll();
    this.messages?.stop();
    await this.pump;
    this.onStop();
  }
}
