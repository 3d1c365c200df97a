import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { KV } from '@nats-io/kv';
import { StorageType } from '@nats-io/jetstream';
import { BUCKETS, closedCodeToProto, directoryKeys } from '@lienthong/core';
import type { AgencyInfo, ClosedCode, NodeInfo, Topology } from '@lienthong/core';
import { readDirectory } from '@lienthong/readers';
import type { Directory } from '@lienthong/readers';
import { AgencyRecord, ClosedAgencyRecord, NodeRecord } from '@lienthong/proto';
import { CliError } from '../errors';
import { printJson, write } from '../output';
import { withSession } from '../session';
import type { Session } from '../session';
import { globalsOf, resolveSettings } from '../settings';
import { unreadInbox } from './agency-close';

/** Where `topology apply` records its progress, one key per target file (by content hash). */
const PROGRESS_BUCKET = 'lt_topology_apply';

interface Step {
  readonly id: string;
  readonly text: string;
  readonly run: (kv: KV) => Promise<void>;
}

/** What a plan cannot or does not carry out: the whole plan is refused (`refused`) or the item is left. */
interface Plan {
  readonly steps: Step[];
  readonly refused: string[];
  readonly left: string[];
}

/**
 * `lienthong topology apply NEW.json`: brings the running directory (KV `lt_directory`) to NEW, one
 * idempotent step at a time — nodes added or changed, agencies added, renamed, re-parented or moved
 * (keys and submit limits kept), codes closed with their successor — in that order. Each step is
 * computed against the directory as it is, so a re-run (after an interruption) does what is left,
 * and a completed apply does nothing. Progress is recorded in KV `lt_topology_apply`.
 */
export function registerTopologyApply(topology: Command, readTopologyFile: (file: string) => Topology): void {
  topology
    .command('apply')
    .description(
      'bring the running directory to NEW: add/change nodes and agencies, move agencies, close codes (resumable)',
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
          throw new CliError(
            'FailedPrecondition',
            `topology apply cannot carry out this change:\n  ${plan.refused.join('\n  ')}`,
            {
              hint: 'these need the procedure in docs/OPERATIONS.md §14; nothing was changed',
            },
          );
        }
        if (o.dryRun)
          return {
            plan: planId,
            dryRun: true,
            steps: plan.steps.map((x) => x.text),
            done: 0,
            left: plan.left,
          };
        const done = await carryOut(s, planId, file, plan.steps, o.json !== true);
        return { plan: planId, dryRun: false, steps: plan.steps.map((x) => x.text), done, left: plan.left };
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
      }
    });
}

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
    await step.run(kv);
    done++;
    const record = { file, total: steps.length, done, last: step.id, updatedAtMs: Date.now() };
    await log.put(`plan.${planId}`, JSON.stringify(record));
    if (progress) process.stderr.write(`[${done}/${steps.length}] ${step.text}\n`);
    if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
  }
  return done;
}

async function planOf(s: Session, dir: Directory, target: Topology): Promise<Plan> {
  const plan: Plan = { steps: [], refused: [], left: [] };
  for (const n of target.nodes()) nodeStep(plan, dir, n);
  for (const a of target.agencies()) agencyStep(plan, dir, a);
  for (const c of target.closedCodes()) await closeStep(s, plan, dir, c);
  for (const n of dir.nodes.values()) {
    if (!target.hasNode(n.id))
      plan.left.push(
        `node ${n.id} is not in the new topology: drain it (lienthong check), stop its service, then remove it`,
      );
  }
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
  if (cur && cur.domain !== n.domain) {
    plan.refused.push(
      `node ${n.id} changes JetStream domain (${cur.domain || '(default)'} → ${n.domain || '(default)'}): merge or split domains by hand`,
    );
    return;
  }
  if (cur && cur.level !== next.level) {
    plan.refused.push(`node ${n.id} changes level: add a new node instead`);
    return;
  }
  if (cur && cur.parent === next.parent && cur.name === next.name) return;
  plan.steps.push({
    id: `node:${n.id}`,
    text: cur
      ? `change node ${n.id} (parent ${next.parent || '-'}, ${next.name})`
      : `add node ${n.id} under ${next.parent || '-'} (start its service)`,
    run: async (kv) => void (await kv.put(directoryKeys.node(n.id), NodeRecord.encode(next).finish())),
  });
}

function agencyStep(plan: Plan, dir: Directory, a: AgencyInfo): void {
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
    },
  });
}

async function closeStep(s: Session, plan: Plan, dir: Directory, c: ClosedCode): Promise<void> {
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
  if (live && (await unreadInbox(s, dir, live.homeNode, c.code)) > 0) {
    plan.left.push(
      `${c.code} is not closed yet: its inbox has items not read (have its system read them, then apply again)`,
    );
    return;
  }
  plan.steps.push({
    id: `closed:${c.code}`,
    text: `close ${c.code} (${c.policy} to ${c.successor}, ${c.closedAt})`,
    run: async (kv) => {
      // The closure first: nodes ignore it while the code is live; removing the agency makes it take effect.
      await kv.put(directoryKeys.closed(c.code), ClosedAgencyRecord.encode(record).finish());
      await kv.delete(directoryKeys.agency(c.code));
    },
  });
}
