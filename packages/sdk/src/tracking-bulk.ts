/**
 * Tracking records read in bulk. A broadcast's `snapshot()` reads thousands of records (3,366 for
 * one document to every province and commune); one KV get each, 32 at a time, took about a second.
 * Many keys are read here through one ordered consumer on the bucket's stream, filtered to the
 * keys' subjects and starting at the last message of each: the server streams them all at once.
 * Whatever the consumer does not hand out (a record replaced while it reads, which nats-server
 * 2.9 may skip) is read with gets, many in flight.
 */
import { DeliverPolicy } from '@nats-io/jetstream';
import type { JetStreamClient } from '@nats-io/jetstream';
import type { KV, KvEntry } from '@nats-io/kv';
import { decodeTrackingRecord } from '@lienthong/core';
import type { TrackingRecord } from '@lienthong/proto';

/** Fewer keys than this are read with gets: a consumer costs the server more than a few requests. */
export const BULK_MIN_KEYS = 64;

/** Gets in flight at once. */
const GETS_IN_FLIGHT = 256;

/** The consumer is given up on when nothing arrives for this long; the rest is read by gets. */
const IDLE_MS = 250;

export interface BulkRead {
  readonly js: JetStreamClient;
  readonly kv: KV;
  readonly bucket: string;
  /** Key filter (`<sender>.<document>.*`) covering every key to read. */
  readonly filter: string;
  readonly keys: readonly string[];
  readonly deadline: number;
  /** Consumers allowed (an nkey identity's permissions may not allow one on the bucket). */
  readonly consumer: boolean;
}

/** The live records of `keys` (deleted or empty ones left out), in key order. */
export async function readRecords(o: BulkRead): Promise<TrackingRecord[]> {
  const found = new Map<string, TrackingRecord | null>();
  if (o.consumer && o.keys.length >= BULK_MIN_KEYS) await viaConsumer(o, found);
  const missing = o.keys.filter((k) => !found.has(k));
  for (let i = 0; i < missing.length; i += GETS_IN_FLIGHT) {
    const slice = missing.slice(i, i + GETS_IN_FLIGHT);
    const entries = await Promise.all(slice.map((k) => o.kv.get(k)));
    slice.forEach((k, j) => found.set(k, recordOf(entries[j])));
  }
  const out: TrackingRecord[] = [];
  for (const k of o.keys) {
    const r = found.get(k);
    if (r) out.push(r);
  }
  return out;
}

function recordOf(e: KvEntry | null | undefined): TrackingRecord | null {
  return e && e.operation === 'PUT' && e.value.length > 0 ? decodeTrackingRecord(e.value) : null;
}

async function viaConsumer(o: BulkRead, found: Map<string, TrackingRecord | null>): Promise<void> {
  const prefix = `$KV.${o.bucket}.`;
  const wanted = new Set(o.keys);
  const consumer = await o.js.consumers.get(`KV_${o.bucket}`, {
    filter_subjects: `${prefix}${o.filter}`,
    deliver_policy: DeliverPolicy.LastPerSubject,
  });
  const messages = await consumer.consume({ max_messages: Math.min(o.keys.length, 10_000) });
  let idle: NodeJS.Timeout | undefined;
  const restart = (): void => {
    clearTimeout(idle);
    idle = setTimeout(() => messages.stop(), Math.min(IDLE_MS, Math.max(o.deadline - Date.now(), 1)));
  };
  restart();
  try {
    for await (const m of messages) {
      restart();
      const key = m.subject.slice(prefix.length);
      if (wanted.has(key)) {
        const op = m.headers?.get('KV-Operation') ?? '';
        found.set(
          key,
          op === 'DEL' || op === 'PURGE' || m.data.length === 0 ? null : decodeTrackingRecord(m.data),
        );
      }
      if (found.size >= wanted.size) break;
    }
  } finally {
    clearTimeout(idle);
    messages.stop();
  }
}
