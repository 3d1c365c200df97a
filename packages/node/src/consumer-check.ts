import { JetStreamApiError, RetentionPolicy } from '@nats-io/jetstream';
import type { JetStreamManager, StoredMsg } from '@nats-io/jetstream';
import { findConsumerFault as findFault } from '@lienthong/core';
import type { ConsumerFault, ConsumerView, StoredMessage } from '@lienthong/core';

export type { ConsumerFault } from '@lienthong/core';

/** `no message found` from the stream message API. */
const NO_MESSAGE = 10037;

/**
 * The JetStream side of `ConsumerView` (`@lienthong/core`, consumer-fault.ts): one durable consumer
 * and its stream. Used by the node's custody consumers and the SDK's inbox consumer alike.
 */
export function consumerView(
  jsm: JetStreamManager,
  stream: string,
  durable: string,
  filter: string,
  workQueue: boolean,
): ConsumerView {
  const get = async (q: { seq: number } | { seq: number; next_by_subj: string }) => {
    try {
      const m = await jsm.streams.getMessage(stream, q);
      return m ? storedMessage(m) : undefined;
    } catch (e) {
      if (e instanceof JetStreamApiError && e.code === NO_MESSAGE) return undefined;
      if (/no message found/i.test(String((e as Error)?.message))) return undefined;
      throw e;
    }
  };
  return {
    workQueue,
    consumer: async () => {
      const c = await jsm.consumers.info(stream, durable);
      return {
        delivered: c.delivered.stream_seq,
        ackFloor: c.ack_floor.stream_seq,
        pending: c.num_pending,
        ackPending: c.num_ack_pending,
      };
    },
    stream: async () => {
      const { state } = await jsm.streams.info(stream);
      return { firstSeq: state.first_seq, lastSeq: state.last_seq, messages: state.messages };
    },
    message: (seq) => get({ seq }),
    nextOfFilter: (seq) => get({ seq, next_by_subj: filter }),
    countOfFilter: async () => {
      const { state } = await jsm.streams.info(stream, { subjects_filter: filter });
      return Object.values(state.subjects ?? {}).reduce((a, b) => a + b, 0);
    },
  };
}

/** Looks for a consumer that will not deliver some messages of its stream (see `@lienthong/core`). */
export async function findConsumerFault(
  jsm: JetStreamManager,
  stream: string,
  durable: string,
  filter: string,
  mark?: StoredMessage,
): Promise<ConsumerFault | undefined> {
  const info = await jsm.streams.info(stream);
  const workQueue = info.config.retention === RetentionPolicy.Workqueue;
  return findFault(consumerView(jsm, stream, durable, filter, workQueue), mark);
}

function storedMessage(m: StoredMsg): StoredMessage {
  return { seq: m.seq, subject: m.subject, storedAtNanos: rfc3339Nanos(m.timestamp) };
}

/** `2026-12-02T09:15:23.930123456Z` as ns since the epoch (as precise as a double holds it). */
export function rfc3339Nanos(ts: string): number {
  const m = /^(.*?)(?:\.(\d+))?(Z|[+-]\d\d:\d\d)$/.exec(ts);
  if (!m) return Date.parse(ts) * 1e6;
  const seconds = Date.parse(`${m[1]}${m[3]}`);
  const fraction = Number(((m[2] ?? '') + '000000000').slice(0, 9));
  return seconds * 1e6 + fraction;
}
