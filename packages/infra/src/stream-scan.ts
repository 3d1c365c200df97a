import { AckPolicy, DeliverPolicy } from '@nats-io/jetstream';
import type { ConsumerConfig, JetStreamClient, JetStreamManager, JsMsg } from '@nats-io/jetstream';

export interface StreamScanOptions {
  /** Subject filter; the whole stream when absent. */
  readonly filter?: string;
  /** Only the newest message of each subject (KV buckets). */
  readonly lastPerSubject?: boolean;
  /** Only messages stored at or after this time (Unix ms). */
  readonly since?: number;
  /** How long one fetch may wait; 5 s by default. */
  readonly fetchMs?: number;
}

export interface StreamScan {
  /** Messages handed to the visitor. */
  readonly messages: number;
  /** False when a fetch brought nothing while messages were still due (removed meanwhile, or a slow server). */
  readonly complete: boolean;
}

const nanos = (ms: number): number => ms * 1_000_000;

/**
 * Reads what a stream holds now, once, in order: an ephemeral consumer without acks, in memory,
 * tells up front how many messages match, so the scan ends without waiting for a timeout; it is
 * deleted afterwards. Messages stored while it runs are not included. Works on nats-server 2.9 (no
 * batched direct get there).
 */
export async function scanStream(
  js: JetStreamClient,
  jsm: JetStreamManager,
  stream: string,
  opts: StreamScanOptions,
  visit: (m: JsMsg) => void,
): Promise<StreamScan> {
  const config: Partial<ConsumerConfig> = {
    ack_policy: AckPolicy.None,
    deliver_policy: opts.lastPerSubject
      ? DeliverPolicy.LastPerSubject
      : opts.since !== undefined
        ? DeliverPolicy.StartTime
        : DeliverPolicy.All,
    ...(opts.since !== undefined && !opts.lastPerSubject
      ? { opt_start_time: new Date(opts.since).toISOString() }
      : {}),
    ...(opts.filter ? { filter_subject: opts.filter } : {}),
    inactive_threshold: nanos(30_000),
    mem_storage: true,
  };
  const info = await jsm.consumers.add(stream, config);
  let messages = 0;
  try {
    let remaining = info.num_pending;
    if (remaining === 0) return { messages, complete: true };
    const consumer = await js.consumers.get(stream, info.name);
    while (remaining > 0) {
      const batch = await consumer.fetch({
        max_messages: Math.min(remaining, 512),
        expires: Math.max(1000, opts.fetchMs ?? 5_000),
      });
      let got = 0;
      for await (const m of batch) {
        got++;
        messages++;
        remaining = m.info.pending === 0 ? 0 : remaining - 1;
        visit(m);
      }
      if (got === 0) return { messages, complete: false };
    }
    return { messages, complete: true };
  } finally {
    await jsm.consumers.delete(stream, info.name).catch(() => undefined);
  }
}
