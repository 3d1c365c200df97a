import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { StorageType } from '@nats-io/jetstream';
import { BUCKETS, agencyFromToken, agencyToToken, closedCodeToProto, directoryKeys } from '@lienthong/core';
import type { AgencyInfo, ClosedCode, NodeInfo, Topology } from '@lienthong/core';
import { retry } from '@lienthong/infra';
import { readDirectory } from '@lienthong/readers';
import type { Directory } from '@lienthong/readers';
import { AgencyRecord, ClosedAgencyRecord, NodeRecord } from '@lienthong/proto';
import { CliError, isJsNotFound } from '../errors';
import { printJson, write } from '../output';
import { withSession } from '../session';
import type { Session } from '../session';
import { globalsOf, resolveSettings } from '../settings';
import {
  domainStreams,
  drainClosedInbox,
  drainNode,
  drainTargetOf,
  inboxCount,
  isEmpty,
  nodeContents,
  nodeInfoOf,
  removeNodeConsumers,
} from './topology-drain';
import { domainMoveSteps, retiredDomains } from './topology-domain';
import type { Plan, Step } from './topology-domain';
import { nodeInternals } from '../lazy';

/** How long a removed node's own running service is given to hand on what is queued there. */
const SERVED_WAIT_MS = 15_000;

/** Where `topology apply` records its progress, one key per target file (by content hash). */
const PROGRESS_BUCKET = 'lt_topology_apply';

/**
 * `lienthong topology apply NEW.json`: brings the running directory (KV `lt_directory`) to NEW, one
 * idempotent step at a time — nodes added or changed, agencies added, renamed, re-parented or moved
 * (keys and submit limits kept, unread inbox items taken along), codes closed with their successor
 * (unread inbox items to the successor), nodes that NEW removes drained into the nodes that stay and
 * removed, and last nodes moved into another JetStream domain (a domain merge: see topology-domain.ts)
 * — in that order. Each step is computed against the directory as it is, so a re-run (after
 * an interruption) does what is left, and a completed apply does nothing. Progress is recorded in KV
 * `lt_topology_apply`.
 */
export function registerTopologyApply(topology: Command, readTopologyFile: (file: string) => Topology): void {
  topology
    .command('apply')
    .description(
      'bring the running directory to NEW: add/change nodes and agencies, move agencies, close codes, drain and remove nodes, merge domains (resumable)',
    )
    .argument('<new>', 'the topology to move to (file)')
    .option('--dry-run', 'print the steps, change nothing')
    .option('--json', 'print JSON')
    .action(async (file: string, o: { dryRun?: boolean; json?: boolean }, cmd: Command) => {
      const target = readTopologyFile(file);
      const planId = createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, 16);
      const settings = resolveSettings(globalsOf(cmd));
      const result = await withSession(settings, async (s) => {
        const dir = await readDirectory(s);
        const plan = await planOf(s, dir, target);
        if (plan.refused.length > 0) {
          throw new CliError('FailedPrecondition', refusedPlanMessage(plan.refused), {
            hint: 'these need the procedure in docs/OPERATIONS.md §14; nothing was changed',
          });
        }
        const retired = retiredDomains(dir, target);
        if (o.dryRun)
          return {
            plan: planId,
            dryRun: true,
            steps: plan.steps.map((x) => x.text),
            done: 0,
            left: plan.left,
            retired,
          };
        const done = await carryOut(s, planId, file, plan.steps, o.json !== true);
        // Steps that could not finish (a queue still served, say) said so as they ran.
        const steps = plan.steps.map((x) => x.text);
        return { plan: planId, dryRun: false, steps, done, left: plan.left, retired };
      });
      if (o.json) printJson(result);
      else {
        if (result.steps.length === 0) write('the directory already matches this topology: nothing to do\n');
        else if (result.dryRun)
          write(
            `would carry out ${result.steps.length} steps:\n${result.steps.map((t) => `  ${t}\n`).join('')}`,
          );
        else write(`carried out ${result.done} steps; running nodes follow now\n`);
        for (const l of result.left) write(`left for the operator: ${l}\n`);
        if (result.retired.length > 0)
          write(`domains left with no node (their streams are kept): ${result.retired.join(', ')}\n`);
      }
    });
}

/** Problems of a refused plan printed before "… and N more". */
const SHOWN_REFUSALS = 20;

/**
 * Why a plan is refused: its problems, a whole tree's worth (every commune of a reorganisation)
 * summed up after the first ones rather than printed.
 */
export function refusedPlanMessage(refused: readonly string[]): string {
  const shown = refused.slice(0, SHOWN_REFUSALS);
  const more = refused.length - shown.length;
  const count = refused.length === 1 ? '1 problem' : `${refused.length} problems`;
  return (
    `topology apply cannot carry out this change (${count}):\n  ${shown.join('\n  ')}` +
    (more > 0 ? `\n  … and ${more} more` : '')
  );
}

/** How long a step is tried again while the server does not answer. */
const STEP_RETRY_MS = 60_000;

async function carryOut(
  s: Session,
  planId: string,
  file: string,
  steps: Step[],
  progress: boolean,
): Promise<number> {
  const kv = await s.kvm.open(BUCKETS.directory);
  const log = await s.kvm.create(PROGRESS_BUCKET, { history: 1, storage: StorageType.File });
  const delayMs = Number(process.env['LT_APPLY_STEP_DELAY_MS'] ?? 0);
  let done = 0;
  for (const step of steps) {
    const record = { file, total: steps.length, done: done + 1, last: step.id, updatedAtMs: Date.now() };
    // Steps are idempotent: one the server did not answer for a moment (a `lienthong up` reloading
    // it after a closure, a leader election) is taken again, for up to a minute.
    await retry(
      async () => {
        await step.run(kv);
        await log.put(`plan.${planId}`, JSON.stringify(record));
      },
      {
        deadline: Date.now() + STEP_RETRY_MS,
        onRetry: (e, _n, waitMs) =>
          process.stderr.write(
            `  ${step.text}: the server did not answer (${e instanceof Error ? e.message : String(e)}); trying again in ${Math.round(waitMs)} ms\n`,
          ),
      },
    );
    done++;
    if (progress) process.stderr.write(`[${done}/${steps.length}] ${step.text}\n`);
    if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
  }
  return done;
}

async function planOf(s: Session, dir: Directory, target: Topology): Promise<Plan> {
  const plan: Plan = { steps: [], refused: [], left: [] };
  for (const n of target.nodes()) nodeStep(plan, dir, n);
  for (const a of target.agencies()) agencyStep(s, plan, dir, a);
  // Units before the units they were under: a code is never closed while one under it is live.
  const depth = (code: string): number => {
    let d = 0;
    for (let p = dir.agencies.get(code)?.parentCode; p && d < 16; p = dir.agencies.get(p)?.parentCode) d++;
    return d;
  };
  const closing = [...target.closedCodes()].sort((x, y) => depth(y.code) - depth(x.code));
  for (const c of closing) closeStep(s, plan, dir, c);
  const lastHomes = await lastHomesOf(s);
  // The directory once the agencies have moved and the codes closed, read once by the first step
  // that needs it: the steps after that change only node records, which they do not look up.
  let settled: Promise<Directory> | undefined;
  const after = (): Promise<Directory> => (settled ??= readDirectory(s));
  for (const c of target.closedCodes()) await closedInboxStep(s, plan, dir, c, lastHomes, after);
  await removedNodeSteps(s, plan, dir, target, after);
  await domainMoveSteps(s, plan, dir, target, PROGRESS_BUCKET);
  for (const code of dir.agencies.keys()) {
    if (!target.agency(code) && !target.closedCode(code))
      plan.refused.push(`agency ${code} disappears without a successor: close it (closed: [...]) or keep it`);
  }
  return plan;
}

function nodeStep(plan: Plan, dir: Directory, n: NodeInfo): void {
  const cur = dir.nodes.get(n.id);
  const next = NodeRecord.create({
    id: n.id,
    level: n.level,
    parent: n.parent ?? '',
    name: n.name,
    domain: n.domain,
  });
  // A new domain is the domain move's, the plan's last step: until then the record keeps the old one.
  if (cur && cur.domain !== n.domain) next.domain = cur.domain;
  if (cur && cur.level !== next.level) {
    plan.refused.push(`node ${n.id} changes level: add a new node instead`);
    return;
  }
  if (cur && cur.parent === next.parent && cur.name === next.name) return;
  plan.steps.push({
    id: `node:${n.id}`,
    text: cur
      ? `change node ${n.id} (parent ${next.parent || '-'}, ${next.name})`
      : `add node ${n.id} under ${next.parent || '-'} (served by a running process that hosts every ${n.levelName} node, else start its service)`,
    run: async (kv) => void (await kv.put(directoryKeys.node(n.id), NodeRecord.encode(next).finish())),
  });
}

function agencyStep(s: Session, plan: Plan, dir: Directory, a: AgencyInfo): void {
  const cur = dir.agencies.get(a.code);
  const parentCode = a.parentCode ?? '';
  if (
    cur &&
    cur.name === a.name &&
    cur.tier === a.tier &&
    cur.parentCode === parentCode &&
    cur.homeNode === a.homeNode
  )
    return;
  const what = !cur
    ? `add agency ${a.code} at ${a.homeNode}`
    : [
        cur.name !== a.name ? `rename ${a.code} to ${a.name}` : '',
        cur.homeNode !== a.homeNode ? `move ${a.code} from ${cur.homeNode} to ${a.homeNode}` : '',
        cur.parentCode !== parentCode || cur.tier !== a.tier
          ? `re-parent ${a.code} under ${parentCode || '-'}`
          : '',
      ]
        .filter(Boolean)
        .join(', ');
  plan.steps.push({
    id: `agency:${a.code}`,
    text: what,
    run: async (kv) => {
      // From the record as it is now: signing keys and submit limits stay.
      const entry = await kv.get(directoryKeys.agency(a.code));
      const now =
        entry?.operation === 'PUT' ? AgencyRecord.decode(entry.value) : AgencyRecord.create({ code: a.code });
      const next = AgencyRecord.create({
        ...now,
        name: a.name,
        tier: a.tier,
        parentCode,
        homeNode: a.homeNode,
      });
      await kv.put(directoryKeys.agency(a.code), AgencyRecord.encode(next).finish());
      // Its unread inbox items go along now, also when the service of the node it left is not
      // running (that service does the same when it is: either copy keeps one item per document).
      const from = now.homeNode ? dir.nodes.get(now.homeNode) : undefined;
      const to = dir.nodes.get(a.homeNode);
      if (from && to && from.id !== to.id) {
        const h = await domainStreams(s, from.domain);
        await (
          await nodeInternals()
        ).moveInbox(h, a.code, nodeInfoOf(from), nodeInfoOf(to), { info: () => undefined });
      }
    },
  });
}

/** Where each code closed by `apply` last had its home (`home.<agency token>` in the progress bucket). */
async function lastHomesOf(s: Session): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const prefix = `$KV.${PROGRESS_BUCKET}.home.`;
  let subjects: Record<string, number>;
  try {
    // The keys from the bucket stream's subject list (kv.keys() against 2.9.10 can stall).
    const info = await s.jsm.streams.info(`KV_${PROGRESS_BUCKET}`, { subjects_filter: `${prefix}*` });
    subjects = info.state.subjects ?? {};
  } catch (e) {
    if (isJsNotFound(e)) return out;
    throw e;
  }
  if (Object.keys(subjects).length === 0) return out;
  const kv = await s.kvm.open(PROGRESS_BUCKET);
  for (const subject of Object.keys(subjects)) {
    const token = subject.slice(prefix.length);
    const e = await kv.get(`home.${token}`);
    if (e?.operation === 'PUT') out.set(agencyFromToken(token), e.string());
  }
  return out;
}

function closeStep(s: Session, plan: Plan, dir: Directory, c: ClosedCode): void {
  const cur = dir.closed.get(c.code);
  const live = dir.agencies.get(c.code);
  // The keys it signed with under this code stay with the closure (kept from an earlier run too).
  const record = ClosedAgencyRecord.create({
    ...closedCodeToProto(c),
    keys: live?.keys?.length ? live.keys : (cur?.keys ?? []),
  });
  if (
    !live &&
    cur &&
    Buffer.from(ClosedAgencyRecord.encode(cur).finish()).equals(
      Buffer.from(ClosedAgencyRecord.encode(record).finish()),
    )
  )
    return;
  plan.steps.push({
    id: `closed:${c.code}`,
    text: `close ${c.code} (${c.policy} to ${c.successor}, ${c.closedAt})`,
    run: async (kv) => {
      // Where its inbox is, for a re-run that finds the agency gone (its unread items go on next).
      if (live) {
        const progress = await s.kvm.create(PROGRESS_BUCKET, { history: 1, storage: StorageType.File });
        await progress.put(`home.${agencyToToken(c.code)}`, live.homeNode);
      }
      // The closure first: nodes ignore it while the code is live; removing the agency makes it take effect.
      await kv.put(directoryKeys.closed(c.code), ClosedAgencyRecord.encode(record).finish());
      await kv.delete(directoryKeys.agency(c.code));
    },
  });
}

/**
 * A code closed (now, or by an earlier run) whose inbox still holds items: those its system had not
 * read go to the successor's inbox (whose statuses then answer for it at the sender), after the
 * closure, so that nothing new arrives behind them.
 */
async function closedInboxStep(
  s: Session,
  plan: Plan,
  dir: Directory,
  c: ClosedCode,
  lastHomes: ReadonlyMap<string, string>,
  after: () => Promise<Directory>,
): Promise<void> {
  const homeId = dir.agencies.get(c.code)?.homeNode ?? lastHomes.get(c.code);
  const home = homeId === undefined ? undefined : dir.nodes.get(homeId);
  if (!home || (await inboxCount(s, nodeInfoOf(home), c.code)) === 0) return;
  plan.steps.push({
    id: `closed-inbox:${c.code}`,
    text: `move the unread inbox items of ${c.code} to ${c.successor}`,
    run: async () => {
      await drainClosedInbox(s, await after(), c.code, nodeInfoOf(home), c.successor);
    },
  });
}

/**
 * Nodes that NEW no longer has, deepest first (a district after its communes): each drained into
 * its nearest ancestor that stays, then removed from the directory. A node whose queues a running
 * service still serves is removed once they are empty (a re-run); its service is then stopped by
 * the operator.
 */
async function removedNodeSteps(
  s: Session,
  plan: Plan,
  dir: Directory,
  target: Topology,
  after: () => Promise<Directory>,
): Promise<void> {
  const depth = (id: string): number => {
    let d = 0;
    for (let p = dir.nodes.get(id)?.parent; p; p = dir.nodes.get(p)?.parent) d++;
    return d;
  };
  const removed = [...dir.nodes.values()]
    .filter((n) => !target.hasNode(n.id))
    .sort((a, b) => depth(b.id) - depth(a.id) || a.id.localeCompare(b.id));
  for (const n of removed) {
    const into = drainTargetOf(dir, n.id, target);
    if (!into) {
      plan.refused.push(`node ${n.id} is removed and no node above it stays to take its queues`);
      continue;
    }
    const contents = await nodeContents(await domainStreams(s, n.domain), nodeInfoOf(n));
    const what = isEmpty(contents)
      ? `remove node ${n.id} (nothing queued there)`
      : `drain node ${n.id} into ${into.id} (${contents.relay} relays, ${contents.submit} submissions, ` +
        `${[...contents.inbox.values()].reduce((x, y) => x + y, 0)} inbox items), then remove it`;
    plan.steps.push({
      id: `node-removed:${n.id}`,
      text: what,
      run: async (kv) => {
        const now = await after();
        const node = nodeInfoOf(n);
        const stillThere = now.agenciesOf(n.id).map((a) => a.code);
        if (stillThere.length > 0) {
          plan.left.push(`node ${n.id} not removed: agencies ${stillThere.join(', ')} are still there`);
          return;
        }
        const closedSuccessor = (code: string): string | undefined =>
          target.closedCode(code)?.successor ?? now.closed.get(code)?.successor;
        const result = await drainNode(s, now, node, nodeInfoOf(into), closedSuccessor);
        // What a running service still hands on: given a little time to leave.
        const h = await domainStreams(s, n.domain);
        const until = Date.now() + SERVED_WAIT_MS;
        while (!isEmpty(await nodeContents(h, node)) && Date.now() < until)
          await new Promise((r) => setTimeout(r, 250));
        if (!isEmpty(await nodeContents(h, node))) {
          plan.left.push(...result.left);
          plan.left.push(`node ${n.id} not removed yet: something is still queued there (apply again)`);
          return;
        }
        await removeNodeConsumers(s, node);
        await kv.delete(directoryKeys.node(n.id));
      },
    });
  }
}
