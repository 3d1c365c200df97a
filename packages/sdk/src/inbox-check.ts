import { DeliverPolicy } from '@nats-io/jetstream';
import type { Consumer, ConsumerConfig, ConsumerMessages, JetStreamManager, JsMsg } from '@nats-io/jetstream';
import { DeliveryMark, findConsumerFault, jetStreamView, restartSequence } from '@lienthong/core';
import type { ConsumerFault } from '@lienthong/core';

/** What the inbox's consumer check needs from its client. */
export interface InboxCheckDeps {
  readonly jsm: JetStreamManager;
  /** Connection status: after a reconnect the server may have restarted and lost writes. */
  readonly connection: { status(): AsyncIterable<{ type: string }> };
  /** Told of every fault found and repaired. */
  readonly onFault?: (fault: ConsumerFault, restartSeq: number) => void;
}

/** Checks after a reconnect, ms after it: at once, then while the server recovers its streams. */
const CHECKS_AFTER_RECONNECT_MS = [0, 250, 1_000, 2_500, 5_000];
/** And every so often regardless. */
const CHECK_EVERY_MS = 30_000;

/**
 * The protection the node's consumers have (`@lienthong/core`, consumer-fault.ts), for an agency's
 * inbox consumer: after a nats-server restart that lost its last writes, the durable consumer can
 * be past the stream's end, and then skip the items that take those sequences again. The inbox
 * stream keeps acknowledged items, so the consumer is re-created from where nothing is missed: after
 * its acknowledgement floor, and no later than the first item stored after the last one this reader
 * received. Items received twice that way carry the same document id (process idempotently).
 *
 * `watchInboxConsumer` wraps the consumer the inbox reads from: it notes every message received,
 * and checks after each reconnect and every 30 s until the inbox stops.
 */
export function watchInboxConsumer(
  inbox: { readonly isStopped: boolean },
  deps: { readonly check?: InboxCheckDeps },
  consumer: Consumer,
): Consumer {
  if (!deps.check) return consumer;
  let watcher = watchers.get(inbox);
  if (!watcher) {
    watcher = new InboxWatcher(inbox, deps.check, consumer);
    watchers.set(inbox, watcher);
  }
  return watcher.wrap(consumer);
}

const watchers = new WeakMap<object, InboxWatcher>();

export class InboxWatcher {
  readonly mark = new DeliveryMark();
  private checking: Promise<void> | undefined;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly every: NodeJS.Timeout;
  /** Consumers re-created. */
  repaired = 0;

  constructor(
    private readonly inbox: { readonly isStopped: boolean },
    private readonly deps: InboxCheckDeps,
    private consumer: Consumer,
  ) {
    this.every = setInterval(() => void this.check(), CHECK_EVERY_MS);
    this.every.unref();
    void this.watchConnection();
  }

  /** The consumer, with every message its pulls deliver noted. */
  wrap(consumer: Consumer): Consumer {
    this.consumer = consumer;
    const note = (m: JsMsg): void =>
      this.mark.note({ seq: m.seq, subject: m.subject, storedAtNanos: m.info.timestampNanos });
    return new Proxy(consumer, {
      get(target, prop, receiver) {
        if (prop === 'fetch') {
          return async (...args: Parameters<Consumer['fetch']>) => noting(await target.fetch(...args), note);
        }
        const v = Reflect.get(target, prop, receiver) as unknown;
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
    });
  }

  /** Looks for a fault and repairs it; one check at a time. */
  check(): Promise<void> {
    if (this.done()) return Promise.resolve();
    this.checking ??= this.findAndRepair().finally(() => (this.checking = undefined));
    return this.checking;
  }

  private done(): boolean {
    if (!this.inbox.isStopped) return false;
    clearInterval(this.every);
    for (const t of this.timers) clearTimeout(t);
    return true;
  }

  private async findAndRepair(): Promise<void> {
    try {
      const info = await this.consumer.info(true);
      const { stream_name: stream, name: durable } = info;
      const filter = info.config.filter_subject ?? '>';
      const view = jetStreamView(this.deps.jsm, stream, durable, filter, false);
      const fault = await findConsumerFault(view, this.mark.marks);
      if (!fault || this.inbox.isStopped) return;
      const start = await restartSequence(
        view,
        await view.consumer(),
        await view.stream(),
        this.mark.earliest,
      );
      await this.deps.jsm.consumers.delete(stream, durable).catch(() => undefined);
      await this.deps.jsm.consumers.add(stream, restartConfig(info.config, start));
      this.mark.reset();
      this.repaired++;
      this.deps.onFault?.(fault, start);
    } catch {
      // Disconnected, or the server is still recovering: the next check tries again.
    }
  }

  private async watchConnection(): Promise<void> {
    try {
      for await (const s of this.deps.connection.status()) {
        if (this.done()) return;
        if (s.type === 'disconnect') this.mark.disconnected();
        if (s.type !== 'reconnect') continue;
        for (const ms of CHECKS_AFTER_RECONNECT_MS) {
          const t = setTimeout(() => {
            this.timers.delete(t);
            void this.check();
          }, ms);
          t.unref();
          this.timers.add(t);
        }
      }
    } catch {
      // the connection closed
    }
  }
}

/** The consumer's settings, starting at `seq` (the fields the server fills in left out). */
function restartConfig(
  config: ConsumerConfig,
  seq: number,
): Partial<ConsumerConfig> & { durable_name: string } {
  const {
    deliver_policy: _policy,
    opt_start_seq: _seq,
    opt_start_time: _time,
    ...rest
  } = config as ConsumerConfig & { opt_start_time?: string };
  return {
    ...rest,
    durable_name: config.durable_name ?? config.name ?? '',
    deliver_policy: DeliverPolicy.StartSequence,
    opt_start_seq: seq,
  };
}

/** The pull's messages, each noted as the iteration reaches it. */
function noting(batch: ConsumerMessages, note: (m: JsMsg) => void): ConsumerMessages {
  return new Proxy(batch, {
    get(target, prop, receiver) {
      if (prop !== Symbol.asyncIterator) {
        const v = Reflect.get(target, prop, receiver) as unknown;
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      }
      return async function* () {
        for await (const m of target) {
          note(m);
          yield m;
        }
      };
    },
  });
}
