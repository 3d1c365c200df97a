/**
 * Delivery statistics from tracking records, per node and per level. Pure: the command reads the
 * records and dead letters, this file counts.
 */
import { BusinessStatus } from '@lienthong/proto';
import type { TrackingRecord } from '@lienthong/proto';
import { deliveredAtMs, isDelivered, isFailed } from './documents';

/** The parts of a timeline entry the statistics read. */
export interface TimelinePoint {
  readonly atMs?: number | null;
  readonly transport?: number | null;
  readonly business?: number | null;
}

/** The parts of a tracking record the statistics read; a full TrackingRecord is one. */
export type StatsRecord = Pick<
  TrackingRecord,
  'documentId' | 'sender' | 'recipient' | 'sentAtMs' | 'transport' | 'business' | 'overdue'
> & {
  readonly timeline: readonly TimelinePoint[];
};

export interface Durations {
  readonly count: number;
  readonly p50: number | null;
  readonly p99: number | null;
}

export interface StatsRow {
  readonly level: string;
  /** A node id, or `*` for a level's total. */
  readonly node: string;
  /** Documents sent by agencies homed here. */
  readonly sent: number;
  /** Copies delivered to agencies homed here (in their inbox or fetched). */
  readonly received: number;
  /** Copies for agencies homed here, not delivered yet and not failed. */
  readonly pending: number;
  /** Copies for agencies homed here whose 01 is late. */
  readonly overdue: number;
  /** Copies for agencies homed here that could not be delivered. */
  readonly failed: number;
  /** Copies for agencies homed here that the recipient rejected (02). */
  readonly rejected: number;
  /** Dead letters written by this node. */
  readonly deadLettered: number;
  /** From the sender's home node taking custody to the recipient's inbox, over delivered copies. */
  readonly deliveryMs: Durations;
  /** From the sender's home node taking custody to the recipient's 01 (arrived), over copies that have one. */
  readonly arrivedMs: Durations;
  /** From the sender's home node taking custody to the recipient's 06 (completed). */
  readonly completedMs: Durations;
}

export interface StatsInput {
  readonly records: readonly StatsRecord[];
  readonly deadLetters: readonly { readonly node: string; readonly atMs: number }[];
  /** Only documents sent (and dead letters written) at or after this time. */
  readonly since: number;
  readonly homeNodeOf: (agency: string) => string | undefined;
  readonly levelOf: (node: string) => string | undefined;
  /** Nodes listed even without activity. */
  readonly nodes?: readonly string[];
}

/** Nearest-rank percentile of sorted values; null for none. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil(p * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1]!;
}

interface Acc {
  sentDocs: Set<string>;
  received: number;
  pending: number;
  overdue: number;
  failed: number;
  rejected: number;
  dead: number;
  samples: number[];
  arrived: number[];
  completed: number[];
}

/** When the recipient first reported `code`, from its timeline. */
export function statusAtMs(r: StatsRecord, code: BusinessStatus): number | undefined {
  let at: number | undefined;
  for (const e of r.timeline)
    if (e.business === code && e.atMs && (at === undefined || e.atMs < at)) at = e.atMs;
  return at;
}

const LEVEL_ORDER = ['central', 'province', 'district', 'commune'];

/**
 * The row of agencies that are not in the directory (a document sent to an unknown code fails there,
 * FAILED UNKNOWN_RECIPIENT), and of dead letters that name no node: labelled, not `?`.
 */
export const NOT_IN_DIRECTORY = '(not in directory)';
export const NO_NODE = '(no node)';
export const UNKNOWN_LEVEL = '(unknown)';

export function computeStats(input: StatsInput): { nodes: StatsRow[]; levels: StatsRow[]; total: StatsRow } {
  const byNode = new Map<string, Acc>();
  const acc = (node: string): Acc => {
    let a = byNode.get(node);
    if (!a) {
      a = {
        sentDocs: new Set(),
        received: 0,
        pending: 0,
        overdue: 0,
        failed: 0,
        rejected: 0,
        dead: 0,
        samples: [],
        arrived: [],
        completed: [],
      };
      byNode.set(node, a);
    }
    return a;
  };
  for (const n of input.nodes ?? []) acc(n);
  for (const r of input.records) {
    if (!r.recipient || r.sentAtMs < input.since) continue;
    acc(input.homeNodeOf(r.sender) ?? NOT_IN_DIRECTORY).sentDocs.add(`${r.sender}|${r.documentId}`);
    const delivered = deliveredAtMs(r);
    const to = acc(input.homeNodeOf(r.recipient) ?? NOT_IN_DIRECTORY);
    if (isDelivered(r)) to.received++;
    else if (isFailed(r)) to.failed++;
    else to.pending++;
    if (r.overdue) to.overdue++;
    if (r.business === BusinessStatus.BUSINESS_STATUS_REJECTED) to.rejected++;
    if (delivered !== undefined && delivered >= r.sentAtMs) to.samples.push(delivered - r.sentAtMs);
    const arrived = statusAtMs(r, BusinessStatus.BUSINESS_STATUS_ARRIVED);
    if (arrived !== undefined && arrived >= r.sentAtMs) to.arrived.push(arrived - r.sentAtMs);
    const completed = statusAtMs(r, BusinessStatus.BUSINESS_STATUS_COMPLETED);
    if (completed !== undefined && completed >= r.sentAtMs) to.completed.push(completed - r.sentAtMs);
  }
  for (const d of input.deadLetters) if (d.atMs >= input.since) acc(d.node || NO_NODE).dead++;

  const row = (level: string, node: string, parts: readonly Acc[]): StatsRow => {
    const durations = (f: (a: Acc) => number[]): Durations => {
      const sorted = parts.flatMap(f).sort((a, b) => a - b);
      return { count: sorted.length, p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99) };
    };
    const total = (f: (a: Acc) => number): number => parts.reduce((n, p) => n + f(p), 0);
    return {
      level,
      node,
      sent: total((a) => a.sentDocs.size),
      received: total((a) => a.received),
      pending: total((a) => a.pending),
      overdue: total((a) => a.overdue),
      failed: total((a) => a.failed),
      rejected: total((a) => a.rejected),
      deadLettered: total((a) => a.dead),
      deliveryMs: durations((a) => a.samples),
      arrivedMs: durations((a) => a.arrived),
      completedMs: durations((a) => a.completed),
    };
  };
  const levelOf = (node: string): string => input.levelOf(node) ?? UNKNOWN_LEVEL;
  const rank = (level: string): number => {
    const i = LEVEL_ORDER.indexOf(level);
    return i < 0 ? LEVEL_ORDER.length : i;
  };
  const nodes = [...byNode.entries()]
    .map(([node, a]) => row(levelOf(node), node, [a]))
    .sort((a, b) => rank(a.level) - rank(b.level) || a.node.localeCompare(b.node));
  const levelNames = [...new Set(nodes.map((n) => n.level))].sort((a, b) => rank(a) - rank(b));
  const levels = levelNames.map((level) =>
    row(
      level,
      '*',
      [...byNode.entries()].filter(([node]) => levelOf(node) === level).map(([, a]) => a),
    ),
  );
  return { nodes, levels, total: row('*', '*', [...byNode.values()]) };
}

/** Whether a row shows any activity (to leave idle nodes out of a national listing). */
export function isActive(r: StatsRow): boolean {
  return r.sent + r.received + r.pending + r.failed + r.deadLettered > 0;
}
