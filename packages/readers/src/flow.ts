/**
 * Flow control as the streams show it: the bound on each sender's queue (per agency at its home
 * node, per neighbour at a node, per lane), how full the queues are now, and the agencies whose
 * submissions the directory paces. `readFlow` reads, `flowRows` and friends shape it for printing.
 */
import { STREAMS, agencyToToken, parseSubject } from '@lienthong/core';
import type { Lane } from '@lienthong/core';
import type { Directory } from './directory';
import type { Session } from './session';

export interface QueueRow {
  /** `agency` (a submit queue) or `neighbour` (a relay queue). */
  readonly queue: 'agency' | 'neighbour';
  readonly node: string;
  readonly lane: Lane;
  /** The agency code, or the neighbour node the envelopes come from. */
  readonly sender: string;
  readonly queued: number;
  readonly limit: number;
}

export interface QueueSummary {
  /** Most messages one sender may have waiting in one lane; -1: unbounded. */
  readonly perSenderLimit: number;
  /** Bytes the stream may hold; -1: unbounded. */
  readonly maxBytes: number;
  readonly bytes: number;
  readonly queued: number;
  /** Queues at their bound: their sender is refused until one message is taken off. */
  readonly full: number;
}

export interface PacedAgency {
  readonly code: string;
  readonly homeNode: string;
  readonly perSecond: number;
  readonly burst: number;
  readonly bytesPerSecond: number;
  /** Submissions of the agency waiting at its home node, both lanes. */
  readonly queued: number;
}

export interface FlowReport {
  readonly submit: QueueSummary;
  readonly relay: QueueSummary;
  /** The fullest queues, fullest first. */
  readonly queues: readonly QueueRow[];
  readonly paced: readonly PacedAgency[];
}

/** Reads the bounds and the usage of every submit and relay queue, and the paced agencies. */
export async function readFlow(s: Session, dir: Directory, top = 10): Promise<FlowReport> {
  const [submit, relay] = await Promise.all(
    [STREAMS.submit, STREAMS.relay].map((name) =>
      s.jsm.streams.info(name, { subjects_filter: 'lt.v1.>' }).catch(() => undefined),
    ),
  );
  const rows: QueueRow[] = [];
  const summary = (info: typeof submit, queue: 'agency' | 'neighbour'): QueueSummary => {
    const limit = info?.config.max_msgs_per_subject ?? -1;
    let queued = 0;
    let full = 0;
    for (const [subject, n] of Object.entries(info?.state.subjects ?? {})) {
      const p = parseSubject(subject);
      if (!p || (p.kind !== 'submit' && p.kind !== 'relay')) continue;
      queued += n;
      if (limit > 0 && n >= limit) full++;
      const sender = p.kind === 'submit' ? p.agency : p.from;
      rows.push({ queue, node: p.node, lane: p.lane, sender, queued: n, limit });
    }
    return {
      perSenderLimit: limit,
      maxBytes: info?.config.max_bytes ?? -1,
      bytes: info?.state.bytes ?? 0,
      queued,
      full,
    };
  };
  const report = {
    submit: summary(submit, 'agency'),
    relay: summary(relay, 'neighbour'),
  };
  const queuedOf = new Map<string, number>();
  for (const r of rows) {
    if (r.queue === 'agency') queuedOf.set(r.sender, (queuedOf.get(r.sender) ?? 0) + r.queued);
  }
  const paced: PacedAgency[] = [];
  for (const a of dir.agencies.values()) {
    const l = a.submitLimits;
    if (!l || (!l.perSecond && !l.bytesPerSecond)) continue;
    paced.push({
      code: a.code,
      homeNode: a.homeNode,
      perSecond: l.perSecond ?? 0,
      burst: l.burst ?? 0,
      bytesPerSecond: l.bytesPerSecond ?? 0,
      queued: queuedOf.get(a.code) ?? 0,
    });
  }
  paced.sort((a, b) => b.queued - a.queued || a.code.localeCompare(b.code));
  rows.sort(
    (a, b) => b.queued - a.queued || a.node.localeCompare(b.node) || a.sender.localeCompare(b.sender),
  );
  return { ...report, queues: rows.slice(0, top), paced };
}

/** Submissions an agency has waiting at its home node, per lane. */
export async function agencyQueue(
  s: Session,
  level: string,
  node: string,
  code: string,
): Promise<{ normal: number; urgent: number; limit: number }> {
  // A wildcard filter: nats-server 2.9 does not always list the subject for an exact filter.
  const base = `lt.v1.${level}.${node}.submit.${agencyToToken(code)}`;
  const info = await s.jsm.streams
    .info(STREAMS.submit, { subjects_filter: `lt.v1.${level}.${node}.submit.>` })
    .catch(() => undefined);
  return {
    normal: info?.state.subjects?.[base] ?? 0,
    urgent: info?.state.subjects?.[`${base}.urgent`] ?? 0,
    limit: info?.config.max_msgs_per_subject ?? -1,
  };
}

/** `1000` or `unbounded`. */
export function bound(n: number): string {
  return n > 0 ? String(n) : 'unbounded';
}

/** `30/s, burst 5, 1 MB/s` or `unlimited`. */
export function paceText(l: { perSecond: number; burst: number; bytesPerSecond: number }): string {
  const parts: string[] = [];
  if (l.perSecond > 0) parts.push(`${l.perSecond}/s`, `burst ${l.burst > 0 ? l.burst : 'one second'}`);
  if (l.bytesPerSecond > 0) parts.push(`${l.bytesPerSecond} bytes/s`);
  return parts.length > 0 ? parts.join(', ') : 'unlimited';
}
