import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import { headers as natsHeaders } from '@nats-io/transport-node';
import type { MsgHdrs } from '@nats-io/transport-node';
import {
  STREAMS,
  inboxFilter,
  levelName,
  nodeSubjects,
  parseSubject,
  relaySubject,
  submitSubject,
} from '@lienthong/core';
import type { NodeInfo, Topology } from '@lienthong/core';
import { classifyNatsError } from '@lienthong/infra';
import { subjectMatches, sum } from '@lienthong/readers';
import type { Directory } from '@lienthong/readers';
import type { NodeRecord } from '@lienthong/proto';
import type { Session } from '../session';
import { nodeInternals } from '../lazy';

/** The JetStream API of one domain (the node's streams live there), over the session's connection. */
export interface DomainStreams {
  readonly js: JetStreamClient;
  readonly jsm: JetStreamManager;
}

export async function domainStreams(s: Session, domain: string): Promise<DomainStreams> {
  if (domain === '' || domain === (s.settings.domain ?? '')) return { js: s.js, jsm: s.jsm };
  const timeout = s.settings.timeoutMs;
  return { js: jetstream(s.nc, { domain, timeout }), jsm: await jetstreamManager(s.nc, { domain, timeout }) };
}

export function nodeInfoOf(n: NodeRecord): NodeInfo {
  return {
    id: n.id,
    level: n.level,
    levelName: levelName(n.level),
    name: n.name,
    domain: n.domain,
    ...(n.parent ? { parent: n.parent } : {}),
  };
}

/** What is left at a node being removed: messages in its custody queues and items in its inboxes. */
export interface NodeContents {
  readonly relay: number;
  readonly submit: number;
  /** Inbox items by agency. */
  readonly inbox: ReadonlyMap<string, number>;
}

export async function nodeContents(h: DomainStreams, n: NodeInfo): Promise<NodeContents> {
  const subjects = nodeSubjects(n.level, n.id);
  const count = async (stream: string, filter: string): Promise<Record<string, number>> => {
    try {
      return (await h.jsm.streams.info(stream, { subjects_filter: filter })).state.subjects ?? {};
    } catch (e) {
      if (classifyNatsError(e).kind === 'not-found') return {};
      throw e;
    }
  };
  const inbox = new Map<string, number>();
  for (const [subject, c] of Object.entries(await count(STREAMS.inbox, subjects.inbox))) {
    const p = parseSubject(subject);
    if (p?.kind === 'inbox') inbox.set(p.agency, (inbox.get(p.agency) ?? 0) + c);
  }
  return {
    relay: sum(await count(STREAMS.relay, subjects.relay)),
    submit: sum(await count(STREAMS.submit, subjects.submit)),
    inbox,
  };
}

export function isEmpty(c: NodeContents): boolean {
  return c.relay === 0 && c.submit === 0 && c.inbox.size === 0;
}

/**
 * Whether a running process pulls from a consumer of `stream` that takes the node's messages: then
 * its own service hands them on (with the directory as it is now), and they are not moved from
 * under it.
 */
export async function servedAt(h: DomainStreams, stream: string, n: NodeInfo): Promise<boolean> {
  const sample =
    stream === STREAMS.relay
      ? relaySubject(n.level, n.id, 'normal', n.id)
      : submitSubject(n.level, n.id, '000.00.00.G00');
  for await (const c of h.jsm.consumers.list(stream)) {
    const filters = c.config.filter_subjects?.length
      ? c.config.filter_subjects
      : [c.config.filter_subject ?? '>'];
    if (c.num_waiting > 0 && filters.some((f) => subjectMatches(f, sample))) return true;
  }
  return false;
}

/** The headers of a stored message to publish again: trace context and the like, not JetStream's own. */
export function carriedHeaders(h: MsgHdrs | undefined): MsgHdrs | undefined {
  if (!h) return undefined;
  const out = natsHeaders();
  let any = false;
  for (const [k, values] of h) {
    if (k.toLowerCase().startsWith('nats-')) continue;
    for (const v of values) out.append(k, v);
    any = true;
  }
  return any ? out : undefined;
}

/** Publishes, waiting (up to `waitMs`) while the next queue is full (flow control refuses it). */
export async function publishWithRoom(
  js: JetStreamClient,
  subject: string,
  data: Uint8Array,
  msgID: string,
  headers: MsgHdrs | undefined,
  waitMs = 60_000,
): Promise<void> {
  const until = Date.now() + waitMs;
  for (;;) {
    try {
      await js.publish(subject, data, { msgID, ...(headers ? { headers } : {}) });
      return;
    } catch (e) {
      if (classifyNatsError(e).kind !== 'store-refused' || Date.now() > until) throw e;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

/**
 * Moves the messages waiting in `stream` on `filter` to the subjects `target` names (undefined:
 * left where they are), oldest first: each is published there, then deleted here. The message id
 * published is made of the stored message's own, so a move interrupted between the two and run
 * again is de-duplicated by the next queue (and past its window, by the recipient's inbox, which
 * keeps one item per document). Reads the stream by sequence from its oldest message, with no
 * consumer (a work-queue stream allows one per subject).
 */
export async function moveQueued(
  from: DomainStreams,
  to: JetStreamClient,
  stream: string,
  filter: string,
  target: (subject: string) => string | undefined,
): Promise<{ moved: number; left: number }> {
  const info = await from.jsm.streams.info(stream, { subjects_filter: filter });
  let remaining = sum(info.state.subjects ?? {});
  let moved = 0;
  let left = 0;
  for (let seq = info.state.first_seq; remaining > 0 && seq <= info.state.last_seq; seq++) {
    const m = await from.jsm.streams.getMessage(stream, { seq }).catch((e: unknown) => {
      if (classifyNatsError(e).kind === 'not-found') return null;
      throw e;
    });
    if (!m || !subjectMatches(filter, m.subject)) continue;
    remaining--;
    const subject = target(m.subject);
    if (subject === undefined) {
      left++;
      continue;
    }
    const id = m.header?.get('Nats-Msg-Id') || `${stream}:${seq}`;
    await publishWithRoom(to, subject, m.data, `drain:${id}`, carriedHeaders(m.header));
    await from.jsm.streams.deleteMessage(stream, seq, false);
    moved++;
  }
  return { moved, left };
}

/**
 * Where a removed node's queued relays go, as `topology diff` says: the new home of one of its
 * agencies, or of a closed one's successor (they are mostly for them), else its nearest ancestor
 * that stays.
 */
export function drainTargetOf(dir: Directory, id: string, target: Topology): NodeRecord | undefined {
  for (const a of dir.agenciesOf(id)) {
    const successor = target.closedCode(a.code)?.successor;
    const live = target.agency(a.code) ?? (successor === undefined ? undefined : target.agency(successor));
    const home = live ? dir.nodes.get(live.homeNode) : undefined;
    if (home && target.hasNode(home.id)) return home;
  }
  let p = dir.nodes.get(id)?.parent;
  while (p && !target.hasNode(p)) p = dir.nodes.get(p)?.parent;
  return p ? dir.nodes.get(p) : undefined;
}

/** What draining one removed node did, and what it could not do. */
export interface DrainResult {
  readonly relays: number;
  readonly submissions: number;
  readonly inboxItems: number;
  readonly left: string[];
}

/**
 * Drains node `n`, which the new topology removes, once its agencies have moved or closed: queued
 * relays go to `into` (which routes them with the directory as it is now: to agencies' new homes,
 * closed codes to their successors), queued submissions to their agency's new home, and the inbox
 * items its agencies had not read to their new inboxes, a closed code's to its successor's. Queues
 * that a running process still serves are left to it (reported). Idempotent.
 */
export async function drainNode(
  s: Session,
  dir: Directory,
  n: NodeInfo,
  into: NodeInfo,
  closedSuccessor: (code: string) => string | undefined,
): Promise<DrainResult> {
  const h = await domainStreams(s, n.domain);
  const subjects = nodeSubjects(n.level, n.id);
  const left: string[] = [];
  let relays = 0;
  let submissions = 0;
  let inboxItems = 0;
  const before = await nodeContents(h, n);
  if (before.relay > 0) {
    if (await servedAt(h, STREAMS.relay, n)) {
      left.push(`${before.relay} relays queued at ${n.id} are being handed on by its running service`);
    } else {
      const r = await moveQueued(h, s.js, STREAMS.relay, subjects.relay, (subject) => {
        const p = parseSubject(subject);
        return p?.kind === 'relay' ? relaySubject(into.level, into.id, p.lane, n.id) : undefined;
      });
      relays = r.moved;
      if (r.left > 0) left.push(`${r.left} messages at ${n.id} on subjects outside the relay map`);
    }
  }
  if (before.submit > 0) {
    if (await servedAt(h, STREAMS.submit, n)) {
      left.push(`${before.submit} submissions queued at ${n.id} are being taken by its running service`);
    } else {
      const r = await moveQueued(h, s.js, STREAMS.submit, subjects.submit, (subject) => {
        const p = parseSubject(subject);
        const a = p?.kind === 'submit' ? dir.agencies.get(p.agency) : undefined;
        const home = a ? dir.nodes.get(a.homeNode) : undefined;
        if (!p || p.kind !== 'submit' || !home || home.id === n.id) return undefined;
        return submitSubject(home.level, home.id, p.agency, p.lane);
      });
      submissions = r.moved;
      if (r.left > 0)
        left.push(`${r.left} submissions at ${n.id} of agencies that are closed or still there (dlq ls)`);
    }
  }
  for (const agency of before.inbox.keys()) {
    const live = dir.agencies.get(agency);
    const successor = live ? undefined : closedSuccessor(agency);
    const owner = live ? agency : successor;
    const home = owner ? dir.nodes.get(dir.agencies.get(owner)?.homeNode ?? '') : undefined;
    if (!owner || !home || home.id === n.id) {
      left.push(`inbox items of ${agency} at ${n.id}: no live agency or successor elsewhere to take them`);
      continue;
    }
    inboxItems += await (
      await nodeInternals()
    ).moveInbox(h, agency, n, nodeInfoOf(home), { info: () => undefined }, owner);
  }
  return { relays, submissions, inboxItems, left };
}

/** Items in a code's inbox at one node (read or not). */
export async function inboxCount(s: Session, at: NodeInfo, code: string): Promise<number> {
  const h = await domainStreams(s, at.domain);
  try {
    const filter = inboxFilter(at.level, at.id, code);
    return sum((await h.jsm.streams.info(STREAMS.inbox, { subjects_filter: filter })).state.subjects ?? {});
  } catch (e) {
    if (classifyNatsError(e).kind === 'not-found') return 0;
    throw e;
  }
}

/**
 * After a closure: the items still in the closed code's inbox at `at` (its last home) go to its
 * successor's inbox (those it had read are removed). Idempotent.
 */
export async function drainClosedInbox(
  s: Session,
  dir: Directory,
  code: string,
  at: NodeInfo,
  successor: string,
): Promise<number> {
  const home = dir.nodes.get(dir.agencies.get(successor)?.homeNode ?? '');
  if (!home) return 0;
  const h = await domainStreams(s, at.domain);
  return (await nodeInternals()).moveInbox(
    h,
    code,
    at,
    nodeInfoOf(home),
    { info: () => undefined },
    successor,
  );
}

/** The per-node consumers of a removed node (a level-wide one serves others too and stays). */
export async function removeNodeConsumers(s: Session, n: NodeInfo): Promise<string[]> {
  const h = await domainStreams(s, n.domain);
  const names = ['lt-submit-', 'lt-urgent-submit-', 'lt-relay-', 'lt-urgent-relay-'].map(
    (p) => `${p}${n.id}`,
  );
  const removed: string[] = [];
  for (const [stream, name] of names.map((x) => [x.includes('submit') ? STREAMS.submit : STREAMS.relay, x])) {
    try {
      const info = await h.jsm.consumers.info(stream!, name!);
      if (info.num_waiting > 0) continue;
      await h.jsm.consumers.delete(stream!, name!);
      removed.push(name!);
    } catch (e) {
      if (classifyNatsError(e).kind !== 'not-found') throw e;
    }
  }
  return removed;
}
