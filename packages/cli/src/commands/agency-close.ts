import type { Command } from 'commander';
import {
  BUCKETS,
  STREAMS,
  agencyToToken,
  assertAgencyCode,
  closedCodeFromProto,
  directoryKeys,
  inboxFilter,
  levelName,
  topologyFromProto,
} from '@lienthong/core';
import type { ClosurePolicy } from '@lienthong/core';
import { consumerState, countBySubject, readDirectory, sum } from '@lienthong/readers';
import type { Directory } from '@lienthong/readers';
import { ClosedAgencyRecord, ClosurePolicy as ClosurePolicyProto } from '@lienthong/proto';
import { CliError, invalid, isJsNotFound } from '../errors';
import { printJson, write } from '../output';
import { withSession } from '../session';
import type { Session } from '../session';
import { globalsOf, resolveSettings } from '../settings';

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

interface CloseOptions {
  successor: string;
  policy: string;
  at?: string;
  json?: boolean;
}

interface CloseResult {
  code: string;
  successor: string;
  policy: ClosurePolicy;
  closedAt: string;
  /** Earlier closures that named this code as successor, now pointing at the new successor. */
  repointed: string[];
}

/**
 * `agency close`: closes a live agency's code (an administrative reorganisation): `closed.<code>`
 * is written with its successor and policy, then `agency.<code>` is removed. Running nodes follow at
 * once: documents still addressed to the code are redirected to the successor or refused with
 * FAILED AGENCY_CLOSED. Refused while the agency has units under it or unread inbox items.
 */
export function registerAgencyClose(agency: Command): void {
  agency
    .command('close')
    .description("close an agency's code: documents still addressed to it go to its successor or are refused")
    .argument('<code>', 'the live agency code to close')
    .requiredOption('--successor <code>', 'the live agency that succeeds it')
    .requiredOption('--policy <policy>', 'redirect (carry its documents to the successor) or refuse')
    .option('--at <date-time>', 'when it closed, ISO 8601 (default: now)')
    .option('--json', 'print JSON')
    .action(async (code: string, o: CloseOptions, cmd: Command) => {
      assertAgencyCode(code);
      assertAgencyCode(o.successor);
      if (o.policy !== 'redirect' && o.policy !== 'refuse')
        throw invalid(`--policy '${o.policy}' is not 'redirect' or 'refuse'`);
      const closedAt = o.at ?? new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
      if (!ISO.test(closedAt) || isNaN(Date.parse(closedAt)))
        throw invalid(`--at '${closedAt}' is not an ISO 8601 date-time such as 2025-07-01T00:00:00Z`);
      if (o.successor === code) throw invalid('an agency cannot succeed itself');
      const settings = resolveSettings(globalsOf(cmd));
      const result = await withSession(settings, (s) =>
        closeAgency(s, { code, successor: o.successor, policy: o.policy as ClosurePolicy, closedAt }),
      );
      if (o.json) printJson(result);
      else {
        write(`closed ${code} (${result.policy} to ${result.successor}); running nodes follow now\n`);
        for (const r of result.repointed)
          write(`  ${r}, closed earlier, now also has ${result.successor} as successor\n`);
      }
    });
}

async function closeAgency(
  s: Session,
  c: { code: string; successor: string; policy: ClosurePolicy; closedAt: string },
): Promise<CloseResult> {
  const dir = await readDirectory(s);
  const current = dir.agency(c.code);
  dir.agency(c.successor);
  const children = [...dir.agencies.values()].filter((a) => a.parentCode === c.code).map((a) => a.code);
  if (children.length > 0) {
    throw new CliError(
      'FailedPrecondition',
      `agency ${c.code} still has units under it: ${children.sort().join(', ')}`,
      {
        hint: 'close them first, or give them another parent',
      },
    );
  }
  const unread = await unreadInbox(s, dir, current.homeNode, c.code);
  if (unread > 0) {
    throw new CliError('FailedPrecondition', `agency ${c.code} has ${unread} inbox items not yet read`, {
      hint: 'let its system read its inbox first (`lienthong agency show` counts them)',
    });
  }
  const record = ClosedAgencyRecord.create({
    code: c.code,
    name: current.name,
    closedAt: c.closedAt,
    successor: c.successor,
    policy:
      c.policy === 'redirect'
        ? ClosurePolicyProto.CLOSURE_POLICY_REDIRECT
        : ClosurePolicyProto.CLOSURE_POLICY_REFUSE,
    // What it signed under this code stays verifiable.
    keys: current.keys ?? [],
  });
  const repointed = [...dir.closed.values()].filter((r) => r.successor === c.code);
  checkClosedTree(dir, c.code, [
    record,
    ...repointed.map((r) => ClosedAgencyRecord.create({ ...r, successor: c.successor })),
  ]);
  const kv = await s.kvm.open(BUCKETS.directory);
  const entry = await kv.get(directoryKeys.agency(c.code));
  if (!entry || entry.operation !== 'PUT')
    throw new CliError('NotFound', `agency ${c.code} was removed meanwhile`);
  // Closure first: while the code is still live, nodes ignore it; removing the agency makes it take effect.
  await kv.put(directoryKeys.closed(c.code), ClosedAgencyRecord.encode(record).finish());
  for (const r of repointed) {
    const next = ClosedAgencyRecord.create({ ...r, successor: c.successor });
    await kv.put(directoryKeys.closed(r.code), ClosedAgencyRecord.encode(next).finish());
  }
  try {
    await kv.delete(directoryKeys.agency(c.code), { previousSeq: entry.revision });
  } catch (e) {
    throw new CliError('FailedPrecondition', `agency ${c.code} changed meanwhile; look again and retry`, {
      cause: e,
    });
  }
  return { ...c, repointed: repointed.map((r) => r.code).sort() };
}

/** Inbox items of the agency not yet read: pending and in flight at its consumer, or all kept if it never read. */
export async function unreadInbox(
  s: Session,
  dir: Directory,
  homeNode: string,
  code: string,
): Promise<number> {
  const node = dir.nodes.get(homeNode);
  if (!node) return 0;
  try {
    const c = consumerState(await s.jsm.consumers.info(STREAMS.inbox, `lt-inbox-${agencyToToken(code)}`));
    return c.pending + c.inFlight;
  } catch (e) {
    if (!isJsNotFound(e)) throw e;
    return sum(await countBySubject(s, STREAMS.inbox, inboxFilter(levelName(node.level), homeNode, code)));
  }
}

/** Refuses a closure that would leave the directory invalid, with the problems found. */
function checkClosedTree(dir: Directory, code: string, changed: ClosedAgencyRecord[]): void {
  const agencies = [...dir.agencies.values()].filter((a) => a.code !== code);
  const closed = new Map(dir.closed);
  for (const r of changed) closed.set(r.code, r);
  try {
    topologyFromProto(
      { nodes: [...dir.nodes.values()], agencies },
      [...closed.values()].map(closedCodeFromProto),
    );
  } catch (e) {
    throw invalid(`the directory would be invalid: ${(e as Error).message}`);
  }
}
