import type { JsMsg } from '@nats-io/jetstream';

/** A handler running this long is reported (and again each time as long again). */
export const LONG_HANDLER_MS = 60_000;

/** A message whose handler runs: since when, and when it is next reported as running long. */
interface Running {
  readonly startedMs: number;
  reportAtMs: number;
}

/**
 * The messages whose handlers run at one consumer. One timer of the consumer calls `sweep`, which
 * keeps all of them alive at the server and reports those running long; two timers per message
 * (made and cleared for every message handled) cost more than the handlers' own bookkeeping.
 */
export class RunningHandlers {
  private readonly running = new Map<JsMsg, Running>();

  constructor(
    private readonly reportEveryMs: number,
    private readonly report: (m: JsMsg, runningMs: number) => void,
  ) {}

  get size(): number {
    return this.running.size;
  }

  add(m: JsMsg, nowMs = Date.now()): void {
    this.running.set(m, { startedMs: nowMs, reportAtMs: nowMs + this.reportEveryMs });
  }

  delete(m: JsMsg): void {
    this.running.delete(m);
  }

  /** Tells the server each running handler's message is still being worked on; reports long ones. */
  sweep(nowMs = Date.now()): void {
    for (const [m, r] of this.running) {
      try {
        m.working();
      } catch {
        // disconnected: the server hands it out again after ack_wait
      }
      if (nowMs >= r.reportAtMs) {
        r.reportAtMs = nowMs + this.reportEveryMs;
        this.report(m, nowMs - r.startedMs);
      }
    }
  }
}
