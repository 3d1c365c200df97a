import type { JsMsg } from '@nats-io/jetstream';
import type { Logger } from 'pino';

/** Messages parked at most; more wait out their back-off as other failures do. */
const MAX_PARKED = 1_024;

/**
 * The next hop's JetStream did not answer: no responders (its domain is behind a leaf link that is
 * down) or no reply in time (the link or the server went away meanwhile).
 */
export function isLinkFailure(e: unknown): boolean {
  const name = (e as { name?: unknown } | undefined)?.name;
  return name === 'JetStreamNotEnabled' || name === 'TimeoutError';
}

/**
 * Messages of one worker whose next hop could not be reached (a leaf link down), kept here (alive)
 * instead of waiting out their back-off in the server: one of them is handed back as a probe every
 * `probeMs`, and the first that passes releases all the others at once. Each message's own back-off
 * still bounds its wait.
 */
export class Parking {
  private readonly parked = new Map<number, { m: JsMsg; timer: NodeJS.Timeout }>();
  /** Sequences handed back: one that passes means the way is open again. Value: when. */
  private readonly unparked = new Map<number, number>();
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  /** Released because a probe passed. */
  released = 0;

  constructor(
    private readonly opts: { probeMs: number; ackWaitMs: number; consumer: string },
    private readonly log: Logger,
  ) {}

  get hasRoom(): boolean {
    return this.parked.size < MAX_PARKED;
  }

  start(): void {
    this.timer = setInterval(() => this.tend(), this.opts.probeMs);
    this.timer.unref();
  }

  /** Hands every parked message back, for another process or the next start. */
  stop(): void {
    clearInterval(this.timer);
    this.stopped = true;
    this.unpark([...this.parked.keys()]);
  }

  park(m: JsMsg, delayMs: number): void {
    this.unparked.delete(m.seq);
    const timer = setTimeout(() => this.unpark([m.seq]), delayMs);
    timer.unref();
    this.parked.set(m.seq, { m, timer });
  }

  /** A message was handled: if it came back from the parking, the others go now too. */
  passed(seq: number): void {
    if (!this.unparked.delete(seq) || this.parked.size === 0) return;
    this.released += this.parked.size;
    this.log.info(
      { consumer: this.opts.consumer, released: this.parked.size },
      'next hop reachable again; retrying the messages that waited for it',
    );
    this.unpark([...this.parked.keys()]);
  }

  /** A message failed otherwise: it waits out its back-off in the server. */
  failed(seq: number): void {
    this.unparked.delete(seq);
  }

  /** Keeps parked messages alive, and hands the oldest back as a probe when none is out. */
  private tend(): void {
    if (this.parked.size === 0) return;
    for (const { m } of this.parked.values()) {
      try {
        m.working();
      } catch {
        // disconnected: the server hands it out again after ack_wait
      }
    }
    // One handed back and not seen again for a while went elsewhere (another process): forget it.
    const stale = Date.now() - 2 * this.opts.ackWaitMs - this.opts.probeMs;
    for (const [seq, at] of this.unparked) if (at < stale) this.unparked.delete(seq);
    if (this.unparked.size === 0) this.unpark([this.parked.keys().next().value!]);
  }

  /** Hands parked messages back to the server, to be delivered again now. */
  private unpark(seqs: number[]): void {
    for (const seq of seqs) {
      const p = this.parked.get(seq);
      if (!p) continue;
      this.parked.delete(seq);
      clearTimeout(p.timer);
      if (!this.stopped) this.unparked.set(seq, Date.now());
      try {
        p.m.nak();
      } catch {
        // disconnected: the server hands it out again after ack_wait
      }
    }
  }
}
