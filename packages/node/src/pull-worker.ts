import { AckPolicy, DeliverPolicy } from '@nats-io/jetstream';
import type {
  Consumer,
  ConsumerMessages,
  JetStreamClient,
  JetStreamManager,
  JsMsg,
} from '@nats-io/jetstream';
import type { Logger } from 'pino';
import { DeliveryMark, isBackpressure } from '@lienthong/core';
import { FairQueue } from './fair-queue';
import { findConsumerFault } from './consumer-check';
import { Parking, isLinkFailure } from './parking';
import { RefusedPublishes } from './refused-publishes';
import { LONG_HANDLER_MS, RunningHandlers } from './running-handlers';
import { isNotFound, retireOverlapping } from './retire-overlapping';

export { isLinkFailure } from './parking';

export interface PullWorkerOptions {
  readonly stream: string;
  readonly durable: string;
  readonly filter: string;
  /** Messages processed at once. */
  readonly concurrency: number;
  readonly ackWaitMs?: number;
  /** Longest wait before a failed message is tried again. */
  readonly maxBackoffMs?: number;
  /**
   * Messages taken from the stream and waiting here for a handler, served round-robin by subject
   * (one sender's backlog does not hold back another's next message); default 4 × concurrency.
   * Larger than the per-sender queue bound, it lets every sender's next message be seen.
   */
  readonly window?: number;
  /**
   * Messages handed out and not yet acknowledged, including those given back to wait for their
   * turn (flow control); default: window + 2 × concurrency, at least 256.
   */
  readonly maxAckPending?: number;
  /** How often the consumer is checked for messages it will never deliver (`consumer-check.ts`); 10 s. */
  readonly consumerCheckMs?: number;
  /**
   * The connection: after each reconnect (the server may have restarted and lost writes) the
   * consumer is checked at once and a few times more while the server settles, not only every
   * `consumerCheckMs`.
   */
  readonly connection?: { status(): AsyncIterable<{ type: string }> };
  /**
   * How long `stop()` waits for the handlers in flight; those still running after it are left
   * (their messages are handed out again after the ack wait). 10 s by default.
   */
  readonly stopTimeoutMs?: number;
  /**
   * Failures that only mean "the next hop cannot be reached now" (a leaf link down): such messages
   * are parked here instead of waiting out their back-off, and one of them is tried every
   * `probeMs`; the first that passes releases all the others at once. `isLinkFailure` by default.
   */
  readonly parkWhen?: (e: unknown) => boolean;
  /**
   * How often the server tells a waiting pull that it still holds it; two missed in a row mean it
   * holds none (lost in transit, dropped by a loaded server) and the worker pulls again. 1 s: a
   * stalled pull costs 2-3 s.
   */
  readonly heartbeatMs?: number;
  /** How often a parked message is tried; 1 s. */
  readonly probeMs?: number;
  /** A handler running this long is reported, and again each time as long again; 60 s. */
  readonly longHandlerMs?: number;
  /**
   * Work to give way to: while `pressed()` says so, at most `slots` handlers of this consumer run at
   * once, besides messages that `exempt` lets through (a node's intake gives way to the relays already
   * on their way, but not the statuses coming back: `IntakeYield`).
   */
  readonly yieldTo?: { readonly slots: number; pressed(): boolean; exempt(m: JsMsg): boolean };
}

/** Checks after a reconnect, ms after it: at once, then while the server recovers its streams. */
const CHECKS_AFTER_RECONNECT_MS = [0, 250, 1_000, 2_500, 5_000];

export type MessageHandler = (msg: JsMsg) => Promise<void>;

/**
 * A durable pull consumer with a bounded number of messages in flight. A message is acknowledged
 * only when its handler resolves; a handler that throws gets the message again after a back-off
 * (store-and-forward: the message never leaves the stream until it was handed on). Each pull asks
 * for as many messages as the window has room for, so every message taken is in the worker's hands
 * and kept alive; a pull whose heartbeats stop (lost, or the server restarted) is made again.
 */
export class PullWorker {
  private messages: ConsumerMessages | undefined;
  private stopped = false;
  private readonly inFlight = new Set<Promise<void>>();
  /** The messages whose handlers run, kept alive by one timer (`sweepTimer`). */
  private readonly running: RunningHandlers;
  private sweepTimer: NodeJS.Timeout | undefined;
  private loop: Promise<void> | undefined;
  private checkTimer: NodeJS.Timeout | undefined;
  private readonly afterReconnect = new Set<NodeJS.Timeout>();
  private checking: Promise<void> | undefined;
  /** The last message received: to see the stream give its sequence to another one. */
  private readonly mark = new DeliveryMark();
  /** Handlers left running at stop(): their keep-alives end. */
  private abandoned = false;
  /** Consumers found unable to deliver and re-created. */
  recreated = 0;
  /** Messages whose next hop was unreachable (parking.ts). */
  private readonly parking: Parking;
  private readonly refused: RefusedPublishes;
  processed = 0;
  failed = 0;
  /** Given back to wait: over its agency's pace, or the next hop's queue was full. */
  deferred = 0;
  /** Messages taken from the stream and waiting here for a handler. */
  private queued: FairQueue<JsMsg> | undefined;

  constructor(
    private readonly js: JetStreamClient,
    private readonly jsm: JetStreamManager,
    private readonly opts: PullWorkerOptions,
    private readonly handler: MessageHandler,
    private readonly log: Logger,
  ) {
    this.parking = new Parking(
      { probeMs: opts.probeMs ?? 1_000, ackWaitMs: opts.ackWaitMs ?? 5_000, consumer: opts.durable },
      log,
    );
    this.refused = new RefusedPublishes(log, opts.durable);
    // A handler that never settles holds its message (and a slot) for ever: said once a minute.
    this.running = new RunningHandlers(opts.longHandlerMs ?? LONG_HANDLER_MS, (m, runningMs) =>
      log.warn(
        { consumer: opts.durable, subject: m.subject, seq: m.seq, runningMs },
        'handler still running',
      ),
    );
  }

  /** Messages taken from the stream and not finished: in a handler, or waiting here for one. */
  get holding(): number {
    return this.inFlight.size + (this.queued?.size ?? 0);
  }

  /** Released from the parking because a probe passed. */
  get released(): number {
    return this.parking.released;
  }

  async start(): Promise<void> {
    await this.ensureConsumer();
    this.loop = this.run();
    this.sweepTimer = setInterval(() => {
      if (!this.abandoned) this.running.sweep();
    }, this.keepAliveMs);
    this.checkTimer = setInterval(() => void this.checkConsumer(), this.opts.consumerCheckMs ?? 10_000);
    this.checkTimer.unref();
    if (this.opts.connection) void this.watchConnection(this.opts.connection);
    this.parking.start();
  }

  /**
   * Stops pulling, then waits for the messages in flight (drain), at most `stopTimeoutMs`: a handler
   * still running then is left, and its message handed out again after the ack wait.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.checkTimer);
    for (const t of this.afterReconnect) clearTimeout(t);
    // Parked ones go back now, for another process or the next start.
    this.parking.stop();
    this.messages?.stop();
    const limit = this.opts.stopTimeoutMs ?? 10_000;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), limit)));
    const drained = (async () => {
      await this.loop;
      await Promise.allSettled([...this.inFlight]);
      await this.checking;
    })();
    const outcome = await Promise.race([drained, timeout]);
    clearTimeout(timer);
    // The handlers left running (if any) lose their keep-alive: their messages are handed out again.
    clearInterval(this.sweepTimer);
    if (outcome === 'timeout') {
      this.abandoned = true;
      this.log.warn(
        { consumer: this.opts.durable, inFlight: this.inFlight.size, waitedMs: limit },
        'stopped with handlers still running; their messages are handed out again',
      );
    }
  }

  /** Checks the consumer after every reconnect: a restarted server may have lost writes. */
  private async watchConnection(connection: { status(): AsyncIterable<{ type: string }> }): Promise<void> {
    try {
      for await (const s of connection.status()) {
        if (this.stopped) return;
        if (s.type === 'disconnect') this.mark.disconnected();
        if (s.type !== 'reconnect') continue;
        for (const ms of CHECKS_AFTER_RECONNECT_MS) {
          const t = setTimeout(() => {
            this.afterReconnect.delete(t);
            void this.checkConsumer();
          }, ms);
          t.unref();
          this.afterReconnect.add(t);
        }
      }
    } catch {
      // the connection closed
    }
  }

  get name(): string {
    return this.opts.durable;
  }

  /** Messages not yet handed on: waiting in the stream plus in flight here. */
  async backlog(): Promise<number> {
    const info = await this.jsm.consumers.info(this.opts.stream, this.opts.durable);
    return info.num_pending + info.num_ack_pending;
  }

  private async ensureConsumer(): Promise<void> {
    const ackWait = this.ackWaitMs * 1_000_000;
    const config = {
      durable_name: this.opts.durable,
      filter_subject: this.opts.filter,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      ack_wait: ackWait,
      max_deliver: -1,
      max_ack_pending: this.maxAckPending,
    };
    try {
      const info = await this.jsm.consumers.info(this.opts.stream, this.opts.durable);
      if (info.config.filter_subject !== this.opts.filter) {
        // Made by an earlier version (one relay consumer for both lanes): replace it when nobody
        // pulls from it. Its messages stay in the stream for the new consumers.
        if (info.num_waiting > 0) {
          throw new Error(
            `consumer ${this.opts.durable} on ${this.opts.stream} filters ${info.config.filter_subject}, expected ${this.opts.filter}`,
          );
        }
        this.log.warn(
          { consumer: this.opts.durable, filter: info.config.filter_subject, now: this.opts.filter },
          'replacing a consumer with another filter',
        );
        await this.jsm.consumers.delete(this.opts.stream, this.opts.durable).catch((err: unknown) => {
          if (!isNotFound(err)) throw err;
        });
        await this.jsm.consumers.add(this.opts.stream, config);
      } else if (info.config.max_ack_pending !== config.max_ack_pending) {
        await this.jsm.consumers.update(this.opts.stream, this.opts.durable, {
          max_ack_pending: config.max_ack_pending,
        });
      }
    } catch (e) {
      if (!isNotFound(e)) throw e;
      try {
        await this.jsm.consumers.add(this.opts.stream, config);
      } catch (err) {
        if (!/not unique/i.test(String((err as Error)?.message))) throw err;
        await retireOverlapping(this.jsm, this.opts, this.log);
        await this.jsm.consumers.add(this.opts.stream, config);
      }
    }
  }

  private get window(): number {
    return this.opts.window ?? this.opts.concurrency * 4;
  }

  private get maxAckPending(): number {
    return this.opts.maxAckPending ?? Math.max(this.window + this.opts.concurrency * 2, 256);
  }

  /**
   * Takes messages into a FairQueue (up to `window`), and runs up to `concurrency` handlers, each on
   * the next message of the next sender in turn. Messages waiting here are kept alive.
   */
  private async run(): Promise<void> {
    const waiting = new FairQueue<JsMsg>((m) => m.subject);
    this.queued = waiting;
    const { pump, room } = this.dispatch(waiting);
    const keepAlive = this.keepAlive(waiting);
    let consumer: Consumer | undefined;
    try {
      while (!this.stopped) {
        try {
          // A pull for as many messages as there is room for, once a quarter of the window is free:
          // every message taken is then here, kept alive, and none waits unseen in the client.
          await room(Math.max(1, Math.floor(this.window / 4)));
          if (this.stopped) break;
          consumer ??= await this.js.consumers.get(this.opts.stream, this.opts.durable);
          const messages = await consumer.fetch({
            max_messages: this.window - waiting.size,
            expires: 10_000,
            idle_heartbeat: this.heartbeatMs,
          });
          this.messages = messages;
          // stop() may have run while the pull was being set up, before there was anything to stop:
          // without this the loop would wait for a message that may never come, and so would stop().
          if (this.stopped) messages.stop();
          for await (const m of messages) {
            this.mark.note({ seq: m.seq, subject: m.subject, storedAtNanos: m.info.timestampNanos });
            waiting.push(m);
            pump();
          }
        } catch (e) {
          consumer = undefined;
          if (this.stopped) break;
          if (isHeartbeatsMissed(e)) {
            // The server holds no pull of ours (lost in transit, dropped under load): pull again.
            this.log.warn({ consumer: this.opts.durable }, 'no heartbeat from the server; pulling again');
            continue;
          }
          this.log.warn({ err: e, consumer: this.opts.durable }, 'consumer failed; re-creating');
          try {
            await this.ensureConsumer();
          } catch (err) {
            this.log.warn({ err, consumer: this.opts.durable }, 'cannot re-create consumer yet');
          }
          await sleep(1000);
        }
      }
    } finally {
      clearInterval(keepAlive);
      // Not started here: hand them back at once for another process (or the next start).
      for (const m of waiting.drain()) {
        try {
          m.nak();
        } catch {
          // disconnected: the server hands it out again after ack_wait
        }
      }
    }
  }

  /**
   * Runs handlers on `waiting`'s messages: `pump()` starts as many as there are free slots (giving
   * way, at most `yieldTo.slots` run, and exempt messages; each handler that ends pumps again);
   * `room(least)` waits until the window has room for `least` more.
   */
  private dispatch(waiting: FairQueue<JsMsg>): { pump(): void; room(least: number): Promise<void> } {
    const { concurrency, yieldTo } = this.opts;
    let slots = concurrency;
    let roomFreed: (() => void) | undefined;
    const givesWay = (): boolean =>
      yieldTo !== undefined && concurrency - slots >= yieldTo.slots && yieldTo.pressed();
    const exempt = (m: JsMsg): boolean => yieldTo!.exempt(m);
    const pump = (): void => {
      while (slots > 0 && waiting.size > 0) {
        const m = givesWay() ? waiting.shiftFirst(exempt) : waiting.shift();
        if (!m) break;
        slots--;
        const p = this.handle(m).finally(() => {
          this.inFlight.delete(p);
          slots++;
          pump();
          roomFreed?.();
        });
        this.inFlight.add(p);
      }
    };
    const room = async (least: number): Promise<void> => {
      while (this.window - waiting.size < least && !this.stopped) {
        await new Promise<void>((resolve) => (roomFreed = resolve));
        roomFreed = undefined;
      }
    };
    return { pump, room };
  }

  /** Keeps the messages waiting here for a handler alive (the handlers' own are kept by `running`). */
  private keepAlive(waiting: FairQueue<JsMsg>): NodeJS.Timeout {
    return setInterval(() => {
      for (const m of waiting.items()) {
        try {
          m.working();
        } catch {
          // disconnected: the server hands it out again after ack_wait
        }
      }
    }, this.keepAliveMs);
  }

  /**
   * After an unclean stop the server can leave the consumer unable to deliver some messages
   * (`consumer-check.ts`): re-create it from the stream's first message and pull again.
   */
  checkConsumer(): Promise<void> {
    if (this.checking || this.stopped) return this.checking ?? Promise.resolve();
    this.checking = this.findAndRecreate().finally(() => (this.checking = undefined));
    return this.checking;
  }

  private async findAndRecreate(): Promise<void> {
    try {
      const { stream, durable, filter } = this.opts;
      const fault = await findConsumerFault(this.jsm, stream, durable, filter, this.mark.marks);
      if (!fault || this.stopped) return;
      this.log.warn(
        { consumer: durable, stream, ...fault },
        'consumer cannot deliver some messages; re-creating it',
      );
      await this.jsm.consumers.delete(stream, durable).catch((e: unknown) => {
        if (!isNotFound(e)) throw e;
      });
      this.mark.reset();
      await this.ensureConsumer();
      this.recreated++;
      this.messages?.stop();
    } catch (e) {
      // Disconnected or the server is still recovering: the next check tries again.
      this.log.debug({ err: e, consumer: this.opts.durable }, 'consumer check failed');
    }
  }

  /**
   * Short, so that messages a crashed process held come back within seconds; a handler that runs
   * longer keeps its message by telling the server it is still working on it.
   */
  private get ackWaitMs(): number {
    return this.opts.ackWaitMs ?? 5_000;
  }

  private get heartbeatMs(): number {
    return this.opts.heartbeatMs ?? 1_000;
  }

  /** How often the messages held here are kept alive: twice per ack wait. */
  private get keepAliveMs(): number {
    return Math.max(100, this.ackWaitMs / 2);
  }

  private async handle(m: JsMsg): Promise<void> {
    this.running.add(m);
    try {
      await this.handler(m);
      m.ack();
      this.processed++;
      this.parking.passed(m.seq);
    } catch (e) {
      if (isBackpressure(e)) {
        // Not a failure: the message waits for its turn (flow control) and is taken again then.
        this.deferred++;
        m.nak(e.retryAfterMs);
        return;
      }
      this.failed++;
      this.refused.note(e);
      const delay = Math.min(
        250 * 2 ** Math.min(m.info.deliveryCount - 1, 10),
        this.opts.maxBackoffMs ?? 30_000,
      );
      const parks = !this.stopped && (this.opts.parkWhen ?? isLinkFailure)(e) && this.parking.hasRoom;
      // Store-and-forward retries can go on for hours: log the 1st, 2nd, 4th, 8th… attempt only.
      const attempt = m.info.deliveryCount;
      if ((attempt & (attempt - 1)) === 0) {
        this.log.warn(
          {
            error: e instanceof Error ? e.message : String(e),
            consumer: this.opts.durable,
            subject: m.subject,
            seq: m.seq,
            attempt,
            retryInMs: delay,
          },
          'message not handed on; will retry',
        );
      }
      if (parks) this.parking.park(m, delay);
      else {
        this.parking.failed(m.seq);
        m.nak(delay);
      }
    } finally {
      this.running.delete(m);
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** A pull's iterator that ended because the server sent it no heartbeat (nats.js `fetch`). */
function isHeartbeatsMissed(e: unknown): boolean {
  return e instanceof Error && e.message === 'heartbeats missed';
}
