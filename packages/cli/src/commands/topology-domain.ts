/**
 * The domain move of `topology apply`: a node whose JetStream domain NEW changes (a domain merge
 * moves every node of one domain into another) leaves the old domain's streams for the new one's,
 * with what it holds there — queued relays and submissions, dead letters, the inbox items its
 * agencies had not acknowledged, the attachment content those reference, the tracking records of
 * its agencies — and the directory then names its new domain. Carried out last in the plan, in
 * stages recorded in the progress bucket (`domain.<node>`), each idempotent, so an apply
 * interrupted anywhere and run again finishes the move without copying anything twice.
 */
import type { KV } from '@nats-io/kv';
import { Kvm } from '@nats-io/kv';
import { StorageType } from '@nats-io/jetstream';
import type { MsgRequest, StoredMsg, StreamConfig } from '@nats-io/jetstream';
import { ContentStore } from '@lienthong/content';
import {
  AUDIT_STREAM,
  BUCKETS,
  STREAMS,
  SUBJECT_PREFIX,
  agencyToToken,
  auditSubject,
  directoryKeys,
  inboxDurableOf,
  laneSubjects,
  nodeSubjects,
  parseSubject,
} from '@lienthong/core';
import type { NodeInfo, Topology } from '@lienthong/core';
import { classifyNatsError } from '@lienthong/infra';
import { Envelope, NodeRecord } from '@lienthong/proto';
import { readDirectory, subjectMatches } from '@lienthong/readers';
import type { Directory } from '@lienthong/readers';
import type { Session } from '../session';
import {
  carriedHeaders,
  domainStreams,
  nodeInfoOf,
  publishWithRoom,
  removeNodeConsumers,
  servedAt,
} from './topology-drain';
import type { DomainStreams } from './topology-drain';

/** How long the level services that could take a moving node's messages are given to stop. */
const DOMAIN_WAIT_MS = 15_000;

export interface Step {
  readonly id: string;
  readonly text: string;
  readonly run: (kv: KV) => Promise<void>;
}

/** What a plan cannot or does not carry out: the whole plan is refused (`refused`) or the item is left. */
export interface Plan {
  readonly steps: Step[];
  readonly refused: string[];
  readonly left: string[];
}

/** The stages of one node's move, in order; the progress key holds the last one done. */
const STAGES = [
  'subjects',
  'content',
  'queues',
  'inbox',
  'dead',
  'tracking',
  'consumers',
  'directory',
] as const;
type Stage = (typeof STAGES)[number];

const domainName = (d: string): string => d || '(default)';

/** The subjects of one node in each stream of a domain, as `domainSubjects` lists them per node. */
function nodeStreamSubjects(n: NodeInfo): Record<string, string[]> {
  const s = nodeSubjects(n.level, n.id);
  const lanes = laneSubjects(`${SUBJECT_PREFIX}.${n.levelName}.${n.id}`);
  return {
    [STREAMS.submit]: [lanes.submit.normal, lanes.submit.urgent],
    [STREAMS.relay]: [lanes.relay.normal, lanes.relay.urgent],
    [STREAMS.inbox]: [s.inbox],
    [STREAMS.track]: [s.track],
    [STREAMS.dead]: [s.dead],
    [AUDIT_STREAM]: [auditSubject(n.id)],
  };
}

/** Whether the domain has lienthong's streams (its services have started once). */
async function hasStreams(s: Session, domain: string): Promise<boolean> {
  try {
    const h = await domainStreams(s, domain);
    await h.jsm.streams.info(STREAMS.submit);
    return true;
  } catch {
    return false;
  }
}

/** A stream of the old domain that captures the node's subjects with a wildcard (every node's). */
async function wildcardCapture(h: DomainStreams, n: NodeInfo): Promise<string | undefined> {
  for (const [stream, subjects] of Object.entries(nodeStreamSubjects(n))) {
    try {
      const listed = (await h.jsm.streams.info(stream)).config.subjects ?? [];
      if (listed.some((l) => !subjects.includes(l) && subjects.some((x) => subjectMatches(l, x))))
        return stream;
    } catch (e) {
      if (classifyNatsError(e).kind !== 'not-found') throw e;
    }
  }
  return undefined;
}

/**
 * One step per node whose domain NEW changes, after every other step. A move into a domain with no
 * lienthong streams (a split into a new domain) is refused: that domain's services create them.
 */
export async function domainMoveSteps(
  s: Session,
  plan: Plan,
  dir: Directory,
  target: Topology,
  progressBucket: string,
): Promise<void> {
  for (const n of target.nodes()) {
    const cur = dir.nodes.get(n.id);
    if (!cur || cur.domain === n.domain) continue;
    const move = `node ${n.id} moves from domain ${domainName(cur.domain)} to ${domainName(n.domain)}`;
    if (!(await hasStreams(s, n.domain))) {
      plan.refused.push(
        `${move}, which has no lienthong streams (a split into a new domain): start that domain's services first`,
      );
      continue;
    }
    const wild = await wildcardCapture(await domainStreams(s, cur.domain), nodeInfoOf(cur));
    if (wild) {
      plan.refused.push(`${move}: ${wild} of ${domainName(cur.domain)} captures every node's subjects`);
      continue;
    }
    plan.steps.push({
      id: `domain:${n.id}`,
      text: `${move} (queues, unread inbox items, dead letters, attachments, tracking records)`,
      run: (kv) => moveNode(s, plan, kv, cur, n, progressBucket),
    });
  }
}

/** The domains the directory has nodes in that NEW leaves with none (their streams are kept). */
export function retiredDomains(dir: Directory, target: Topology): string[] {
  const kept = new Set(target.nodes().map((n) => n.domain));
  return [...new Set([...dir.nodes.values()].map((n) => n.domain))].filter((d) => !kept.has(d)).sort();
}

async function moveNode(
  s: Session,
  plan: Plan,
  kv: KV,
  cur: NodeRecord,
  n: NodeInfo,
  progressBucket: string,
): Promise<void> {
  const progress = await s.kvm.create(progressBucket, { history: 1, storage: StorageType.File });
  const key = `domain.${n.id}`;
  // `<from>><to>:<stage>`: a record of another move (this node moved back later, say) does not count.
  const route = `${cur.domain}>${n.domain}:`;
  const entry = await progress.get(key);
  const recorded = entry?.operation === 'PUT' ? entry.string() : '';
  const last = recorded.startsWith(route) ? STAGES.indexOf(recorded.slice(route.length) as Stage) : -1;
  const from = nodeInfoOf(cur);
  const to: NodeInfo = { ...from, domain: n.domain };
  const old = await domainStreams(s, from.domain);
  const next = await domainStreams(s, to.domain);
  if (last < 0 && !(await unserved(old, next, from))) {
    plan.left.push(
      `${n.id} not moved yet: a running ${from.levelName} service in ${domainName(from.domain)} or ` +
        `${domainName(to.domain)} still takes its messages (stop them, apply again, then start ` +
        `${domainName(to.domain)}'s with the new topology)`,
    );
    return;
  }
  const hexes = new Set<string>();
  const run: Record<Stage, () => Promise<unknown>> = {
    subjects: () => switchSubjects(old, next, from),
    content: () => copyReferencedContent(old, next, from, to, hexes, plan),
    queues: async () => {
      const subjects = nodeSubjects(from.level, from.id);
      await moveSameSubject(old, next, STREAMS.relay, subjects.relay);
      await moveSameSubject(old, next, STREAMS.submit, subjects.submit);
    },
    inbox: () => moveUnreadInbox(old, next, from),
    dead: () => moveSameSubject(old, next, STREAMS.dead, nodeSubjects(from.level, from.id).dead),
    tracking: () => copyTracking(s, from, to),
    consumers: () => removeNodeConsumers(s, from),
    directory: async () => {
      const record = NodeRecord.create({ ...cur, domain: n.domain, parent: n.parent ?? '', name: n.name });
      await kv.put(directoryKeys.node(n.id), NodeRecord.encode(record).finish());
    },
  };
  const delayMs = Number(process.env['LT_APPLY_STEP_DELAY_MS'] ?? 0);
  for (const [i, stage] of STAGES.entries()) {
    if (i <= last) continue;
    await run[stage]();
    await progress.put(key, `${route}${stage}`);
    process.stderr.write(`[domain ${n.id}] ${stage} done\n`);
    if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
  }
}

/** Waits (a while) until no running consumer in either domain takes the node's submissions or relays. */
async function unserved(old: DomainStreams, next: DomainStreams, n: NodeInfo): Promise<boolean> {
  const served = async (): Promise<boolean> => {
    for (const h of [old, next])
      for (const stream of [STREAMS.submit, STREAMS.relay]) if (await servedAt(h, stream, n)) return true;
    return false;
  };
  const until = Date.now() + DOMAIN_WAIT_MS;
  let busy = await served();
  while (busy && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 250));
    busy = await served();
  }
  return !busy;
}

/**
 * The node's subjects out of the old domain's streams, then into the new domain's: in between its
 * subjects have no stream (a publish fails and is retried), never two streams capturing one message.
 */
async function switchSubjects(old: DomainStreams, next: DomainStreams, n: NodeInfo): Promise<void> {
  const own = nodeStreamSubjects(n);
  for (const [stream, subjects] of Object.entries(own)) {
    const config = await configOf(old, stream);
    if (!config) continue;
    const kept = (config.subjects ?? []).filter((x) => !subjects.includes(x));
    // A stream needs a subject: one no publisher uses, when the domain's last node leaves.
    const left = kept.length > 0 ? kept : [`${SUBJECT_PREFIX}.retired.${stream.toLowerCase()}`];
    if (left.length !== config.subjects?.length || kept.length === 0)
      await old.jsm.streams.update(stream, { ...config, subjects: left });
  }
  for (const [stream, subjects] of Object.entries(own)) {
    // A stream the new domain lacks is created with the node's subjects by its services' start.
    const config = await configOf(next, stream);
    if (!config) continue;
    const listed = (config.subjects ?? []).filter((x) => !x.startsWith(`${SUBJECT_PREFIX}.retired.`));
    const added = subjects.filter((x) => !listed.some((l) => subjectMatches(l, x)));
    if (added.length > 0 || listed.length !== config.subjects?.length)
      await next.jsm.streams.update(stream, { ...config, subjects: [...listed, ...added] });
  }
}

async function configOf(h: DomainStreams, stream: string): Promise<StreamConfig | undefined> {
  try {
    return (await h.jsm.streams.info(stream)).config;
  } catch (e) {
    if (classifyNatsError(e).kind === 'not-found') return undefined;
    throw e;
  }
}

/** The next message at or after `seq` on `filter`, read by subject (no consumer), or null. */
async function nextOn(
  h: DomainStreams,
  stream: string,
  filter: string,
  seq: number,
): Promise<StoredMsg | null> {
  try {
    return await h.jsm.streams.getMessage(stream, { seq, next_by_subj: filter } as unknown as MsgRequest);
  } catch (e) {
    if (classifyNatsError(e).kind === 'not-found') return null;
    throw e;
  }
}

/**
 * Moves the old domain's messages on `filter` to the same subjects, now captured by the new
 * domain's stream: each published there under an id made of its own (a re-run's copy is a
 * duplicate the new stream drops), then deleted here.
 */
async function moveSameSubject(
  old: DomainStreams,
  next: DomainStreams,
  stream: string,
  filter: string,
): Promise<number> {
  let moved = 0;
  for (let m = await nextOn(old, stream, filter, 1); m; m = await nextOn(old, stream, filter, m.seq + 1)) {
    const id = m.header?.get('Nats-Msg-Id') || `${stream}:${m.seq}`;
    await publishWithRoom(next.js, m.subject, m.data, `domain:${id}`, carriedHeaders(m.header));
    await old.jsm.streams.deleteMessage(stream, m.seq, false);
    moved++;
  }
  return moved;
}

/**
 * The inbox items of the node's agencies that were not acknowledged (past their inbox consumer's
 * ack floor) go to the same inbox subjects in the new domain (one message per item subject there:
 * a second copy is refused); the old items and inbox consumers go. An agency's SDK re-creates its
 * consumer where its inbox now is.
 */
export async function moveUnreadInbox(old: DomainStreams, next: DomainStreams, n: NodeInfo): Promise<void> {
  const filter = nodeSubjects(n.level, n.id).inbox;
  const floors = new Map<string, number>();
  const floorOf = async (agency: string): Promise<number> => {
    let floor = floors.get(agency);
    if (floor === undefined) {
      try {
        floor = (await old.jsm.consumers.info(STREAMS.inbox, inboxDurableOf(agency))).ack_floor.stream_seq;
      } catch (e) {
        if (classifyNatsError(e).kind !== 'not-found') throw e;
        floor = 0;
      }
      floors.set(agency, floor);
    }
    return floor;
  };
  for (let m = await nextOn(old, STREAMS.inbox, filter, 1); m;) {
    const p = parseSubject(m.subject);
    if (p?.kind === 'inbox' && m.seq > (await floorOf(p.agency))) {
      // The inbox keeps one message per item subject: a refusal is a copy already there.
      const headers = carriedHeaders(m.header);
      try {
        // The id names this stored copy (its sequence): a re-run sends the same id, while an item
        // that comes back (the node moved away and back within the duplicate window) is a new copy
        // that must be stored, not taken for the earlier one and lost when its source is deleted.
        await next.js.publish(m.subject, m.data, {
          msgID: `domain:${m.subject}:${m.seq}`,
          ...(headers ? { headers } : {}),
        });
      } catch (e) {
        if (classifyNatsError(e).kind !== 'store-refused') throw e;
      }
    }
    await old.jsm.streams.deleteMessage(STREAMS.inbox, m.seq, false);
    m = await nextOn(old, STREAMS.inbox, filter, m.seq + 1);
  }
  for (const agency of floors.keys()) {
    await old.jsm.consumers.delete(STREAMS.inbox, inboxDurableOf(agency)).catch((e: unknown) => {
      if (classifyNatsError(e).kind !== 'not-found') throw e;
    });
  }
}

/** The stored attachment contents a message's envelope references (none if it is not an envelope). */
function referencedContent(data: Uint8Array): string[] {
  try {
    const env = Envelope.decode(data);
    return (env.document?.attachments ?? []).flatMap((a) => (a.ref?.sha256Hex ? [a.ref.sha256Hex] : []));
  } catch {
    return [];
  }
}

/** Makes complete in the new domain every content the node's waiting messages reference. */
async function copyReferencedContent(
  old: DomainStreams,
  next: DomainStreams,
  from: NodeInfo,
  to: NodeInfo,
  hexes: Set<string>,
  plan: Plan,
): Promise<void> {
  const subjects = nodeSubjects(from.level, from.id);
  for (const [stream, filter] of [
    [STREAMS.relay, subjects.relay],
    [STREAMS.submit, subjects.submit],
    [STREAMS.inbox, subjects.inbox],
  ] as const) {
    for (let m = await nextOn(old, stream, filter, 1); m; m = await nextOn(old, stream, filter, m.seq + 1))
      for (const hex of referencedContent(m.data)) hexes.add(hex);
  }
  if (hexes.size === 0) return;
  const source = new ContentStore(old.js, old.jsm, from.domain);
  const target = new ContentStore(next.js, next.jsm, to.domain);
  for (const hex of hexes) {
    try {
      await source.copyTo(target, hex);
    } catch (e) {
      plan.left.push(`attachment content ${hex} of ${from.id} not copied: ${(e as Error).message}`);
    }
  }
}

/** The tracking records of the node's agencies as senders, copied into the new domain's bucket. */
async function copyTracking(s: Session, from: NodeInfo, to: NodeInfo): Promise<number> {
  const dir = await readDirectory(s);
  const old = await domainStreams(s, from.domain);
  const next = await domainStreams(s, to.domain);
  const oldKv = await new Kvm(old.js).open(BUCKETS.tracking);
  const newKv = await new Kvm(next.js).open(BUCKETS.tracking);
  let copied = 0;
  for (const a of dir.agenciesOf(from.id)) {
    const prefix = `$KV.${BUCKETS.tracking}.${agencyToToken(a.code)}.`;
    const info = await old.jsm.streams.info(`KV_${BUCKETS.tracking}`, { subjects_filter: `${prefix}>` });
    for (const subject of Object.keys(info.state.subjects ?? {})) {
      const k = subject.slice(`$KV.${BUCKETS.tracking}.`.length);
      const e = await oldKv.get(k);
      if (e?.operation !== 'PUT') continue;
      try {
        await newKv.create(k, e.value);
        copied++;
      } catch {
        // Already there: written by the new domain's node since, or by an earlier run.
      }
    }
  }
  return copied;
}
