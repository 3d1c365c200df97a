/**
 * The state of nodes as JetStream shows it: messages waiting in the custody streams for a node's
 * subjects, and whether a process is pulling from the consumer that serves them.
 */
import type { ConsumerInfo } from '@nats-io/jetstream';
import {
  STREAMS,
  deadSubject,
  nodeSubjects,
  parseSubject,
  relaySubject,
  submitSubject,
} from '@lienthong/core';
import type { LevelName } from '@lienthong/core';
import type { Directory } from './directory';
import { isJsNotFound } from './errors';
import { subjectMatches } from './scan';
import type { Session } from './session';

export type ConsumerStatus = 'serving' | 'no-puller';

export interface ConsumerState {
  readonly stream: string;
  readonly name: string;
  readonly filter: string;
  /** `serving`: a process has pull requests waiting; `no-puller`: the consumer exists, nobody pulls. */
  readonly status: ConsumerStatus;
  readonly waitingPulls: number;
  /** Messages the consumer has not handed out yet. */
  readonly pending: number;
  /** Handed out and not yet acknowledged: being processed (or held by a dead process until ack_wait). */
  readonly inFlight: number;
  readonly redelivered: number;
  /** Last delivery to a process, when the server reports it. */
  readonly lastActiveMs: number | null;
}

function filtersOf(c: ConsumerInfo): string[] {
  const many = c.config.filter_subjects ?? [];
  if (many.length > 0) return many;
  return [c.config.filter_subject ?? ''];
}

function timeOf(v: unknown): number | undefined {
  if (typeof v === 'string') {
    const t = Date.parse(v);
    return Number.isFinite(t) && t > 0 ? t : undefined;
  }
  return undefined;
}

export function consumerState(c: ConsumerInfo): ConsumerState {
  const last = Math.max(timeOf(c.delivered?.last_active) ?? 0, timeOf(c.ack_floor?.last_active) ?? 0);
  return {
    stream: c.stream_name,
    name: c.name,
    filter: filtersOf(c).join(','),
    status: c.num_waiting > 0 ? 'serving' : 'no-puller',
    waitingPulls: c.num_waiting,
    pending: c.num_pending,
    inFlight: c.num_ack_pending,
    redelivered: c.num_redelivered,
    lastActiveMs: last > 0 ? last : null,
  };
}

/** Every consumer of the submit and relay streams (a handful: one per level, or per hosted node). */
export async function custodyConsumers(s: Session): Promise<ConsumerInfo[]> {
  const out: ConsumerInfo[] = [];
  for (const stream of [STREAMS.submit, STREAMS.relay]) {
    for await (const c of s.jsm.consumers.list(stream)) out.push(c);
  }
  return out;
}

/** The consumers whose filter covers this node's submit or relay subjects. */
export function consumersServing(
  all: readonly ConsumerInfo[],
  level: LevelName,
  node: string,
): { submit: ConsumerInfo[]; relay: ConsumerInfo[] } {
  const sample = {
    submit: submitSubject(level, node, '000.00.00.A00'),
    relay: relaySubject(level, node, 'normal', node),
  };
  const pick = (stream: string, subject: string): ConsumerInfo[] =>
    all.filter((c) => c.stream_name === stream && filtersOf(c).some((f) => subjectMatches(f, subject)));
  return { submit: pick(STREAMS.submit, sample.submit), relay: pick(STREAMS.relay, sample.relay) };
}

/** Messages stored per subject matching `filter` (stream info with `subjects_filter`). */
export async function countBySubject(
  s: Session,
  stream: string,
  filter: string,
): Promise<Record<string, number>> {
  const info = await s.jsm.streams.info(stream, { subjects_filter: filter });
  return info.state.subjects ?? {};
}

export function sum(counts: Record<string, number>): number {
  return Object.values(counts).reduce((a, b) => a + b, 0);
}

export interface NodeBacklog {
  /** Submissions of the node's agencies not yet taken on. */
  readonly submit: number;
  /** Envelopes handed over by neighbours, not yet passed on. */
  readonly relay: number;
  /** Envelopes this node handed to its parent that the parent has not passed on yet. */
  readonly toParent: number | undefined;
  readonly dead: number;
  readonly subjects: Record<string, number>;
}

export async function nodeBacklog(s: Session, dir: Directory, id: string): Promise<NodeBacklog> {
  const level = dir.levelOf(id);
  const subjects = level ? nodeSubjects(level, id) : undefined;
  const node = dir.nodes.get(id);
  const parentLevel = node?.parent ? dir.levelOf(node.parent) : undefined;
  const [submit, relay, dead, up] = await Promise.all([
    countBySubject(s, STREAMS.submit, subjects?.submit ?? `lt.v1.*.${id}.submit.*`),
    countBySubject(s, STREAMS.relay, subjects?.relay ?? `lt.v1.*.${id}.relay.>`),
    countBySubject(s, STREAMS.dead, level ? deadSubject(level, id) : `lt.v1.*.${id}.dead`),
    node?.parent && parentLevel
      ? countBySubject(s, STREAMS.relay, `lt.v1.${parentLevel}.${node.parent}.relay.*.${id}`)
      : Promise.resolve(undefined),
  ]);
  return {
    submit: sum(submit),
    relay: sum(relay),
    toParent: up === undefined ? undefined : sum(up),
    dead: sum(dead),
    subjects: { ...submit, ...relay },
  };
}

export interface LaneCounts {
  normal: number;
  urgent: number;
}

export interface LaneBacklog {
  /** Submissions of the node's agencies not yet taken on, per lane. */
  readonly submit: LaneCounts;
  /** Envelopes handed over by neighbours, not yet passed on, per lane. */
  readonly relay: LaneCounts;
  /** What this node handed to its parent that the parent has not passed on yet (undefined at a root). */
  toParent: number | undefined;
  dead: number;
}

/**
 * {@link nodeBacklog}'s numbers for every node of the directory at once, per lane, from one
 * per-subject listing of each stream (a national tree has 11,000 nodes: one request per node and
 * stream would take minutes).
 */
export async function allBacklogs(s: Session, dir: Directory): Promise<Map<string, LaneBacklog>> {
  const out = new Map<string, LaneBacklog>();
  for (const n of dir.nodes.values()) {
    out.set(n.id, {
      submit: { normal: 0, urgent: 0 },
      relay: { normal: 0, urgent: 0 },
      toParent: n.parent && dir.nodes.has(n.parent) ? 0 : undefined,
      dead: 0,
    });
  }
  const listing = (stream: string, filter: string): Promise<Record<string, number>> =>
    countBySubject(s, stream, filter).catch((e: unknown) => (isJsNotFound(e) ? {} : Promise.reject(e)));
  const [submit, relay, dead] = await Promise.all([
    listing(STREAMS.submit, 'lt.v1.*.*.submit.>'),
    listing(STREAMS.relay, 'lt.v1.*.*.relay.>'),
    listing(STREAMS.dead, 'lt.v1.*.*.dead'),
  ]);
  for (const [subject, count] of Object.entries({ ...submit, ...relay, ...dead })) {
    const p = parseSubject(subject);
    const b = p ? out.get(p.node) : undefined;
    if (!p || !b) continue;
    if (p.kind === 'submit') b.submit[p.lane] += count;
    else if (p.kind === 'relay') {
      b.relay[p.lane] += count;
      const from = out.get(p.from);
      if (from && dir.nodes.get(p.from)?.parent === p.node) from.toParent = (from.toParent ?? 0) + count;
    } else if (p.kind === 'dead') b.dead += count;
  }
  return out;
}
