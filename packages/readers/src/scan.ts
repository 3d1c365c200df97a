import type { JsMsg } from '@nats-io/jetstream';
import { scanStream as scanOnce } from '@lienthong/infra';
import type { Session } from './session';

export interface ScanOptions {
  /** Subject filter; the whole stream when absent. */
  readonly filter?: string;
  /** Only the newest message of each subject (KV buckets). */
  readonly lastPerSubject?: boolean;
  /** Only messages stored at or after this time. */
  readonly since?: number;
}

/**
 * Reads what a stream holds now, once, in order (`@lienthong/infra` `scanStream`: an ephemeral
 * consumer without acks); returns how many messages it visited.
 */
export async function scanStream(
  s: Session,
  stream: string,
  opts: ScanOptions,
  visit: (m: JsMsg) => void,
): Promise<number> {
  const r = await scanOnce(s.js, s.jsm, stream, { ...opts, fetchMs: s.settings.timeoutMs }, visit);
  return r.messages;
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
