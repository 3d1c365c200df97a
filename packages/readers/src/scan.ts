import { AckPolicy, DeliverPolicy } from '@nats-io/jetstream';
import type { ConsumerConfig, JsMsg } from '@nats-io/jetstream';
import type { Session } from './session';

export interface ScanOptions {
  /** Subject filter; the whole stream when absent. */
  readonly filter?: string;
  /** Only the newest message of each subject (KV buckets). */
  readonly lastPerSubject?: boolean;
  /** Only messages stored at or after this time. */
  readonly since?: number;
}

const nanos = (ms: number): number => ms * 1_000_000;

/**
 * Reads what a stream holds now, once, in order: an ephemeral consumer without acks tells up front
 * how many messages match, so the scan ends without waiting for a timeout. Messages stored while it
 * runs are not included. Works on nats-server 2.9 (no batched direct get there).
 */
export async function scanStream(
  s: Session,
  stream: string,
  opts: ScanOptions,
  visit: (m: JsMsg) => void,
): Promise<number> {
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
  const info = await s.jsm.consumers.add(stream, config);
  let seen = 0;
  try {
    let remaining = info.num_pending;
    if (remaining === 0) return 0;
    const consumer = await s.js.consumers.get(stream, info.name);
    while (remaining > 0) {
      const batch = await consumer.fetch({
        max_messages: Math.min(remaining, 512),
        expires: Math.max(1000, s.settings.timeoutMs),
      });
      let got = 0;
      for await (const m of batch) {
        got++;
        seen++;
        remaining = m.info.pending === 0 ? 0 : remaining - 1;
        visit(m);
      }
      if (got === 0) break; // messages were removed while scanning
    }
    return seen;
  } finally {
    await s.jsm.consumers.delete(stream, info.name).catch(() => undefined);
  }
}

/** The current values of a KV bucket under a key filter (`>` for all), deletes left out. */
export async function readBucket(
  s: Session,
  bucket: string,
  keyFilter = '>',
  opts: { since?: number } = {},
): Promise<Map<string, Uint8Array>> {
  const prefix = `$KV.${bucket}.`;
  const out = new Map<string, Uint8Array>();
  await scanStream(
    s,
    `KV_${bucket}`,
    opts.since !== undefined
      ? { filter: `${prefix}${keyFilter}`, since: opts.since }
      : { filter: `${prefix}${keyFilter}`, lastPerSubject: true },
    (m) => {
      const key = m.subject.slice(prefix.length);
      const op = m.headers?.get('KV-Operation');
      if (op === 'DEL' || op === 'PURGE' || m.data.length === 0) out.delete(key);
      else out.set(key, m.data);
    },
  );
  return out;
}

/** Whether a subject filter (with `*` and `>`) matches a subject. */
export function subjectMatches(filter: string, subject: string): boolean {
  if (filter === '' || filter === '>') return true;
  const f = filter.split('.');
  const t = subject.split('.');
  for (let i = 0; i < f.length; i++) {
    const token = f[i]!;
    if (token === '>') return t.length > i;
    if (i >= t.length) return false;
    if (token !== '*' && token !== t[i]) return false;
  }
  return f.length === t.length;
}
