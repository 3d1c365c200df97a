import { InvalidArgumentError } from 'commander';
import type { Command } from 'commander';
import {
  BUCKETS,
  STREAMS,
  agencyToToken,
  assertAgencyCode,
  closedCodeFromProto,
  directoryKeys,
  inboxFilter,
  levelFromName,
  levelName,
  submitSubject,
  topologyFromProto,
  trackSubject,
} from '@lienthong/core';
import { readDirectory } from '@lienthong/readers';
import type { Directory } from '@lienthong/readers';
import { AgencyRecord, SubmitLimits } from '@lienthong/proto';
import { CliError, invalid, isJsNotFound, notFound } from '../errors';
import { consumerState, countBySubject, sum } from '@lienthong/readers';
import type { ConsumerState } from '@lienthong/readers';
import { ago, fields, formatTime, levelLabel, paint, colorEnabled, printJson, table, write } from '../output';
import { withSession } from '../session';
import type { Session } from '../session';
import { agencyQueue, bound, paceText } from '@lienthong/readers';
import { globalsOf, resolveSettings } from '../settings';
import { registerAgencyClose } from './agency-close';

/**
 * `lienthong agency ls|show|add|move|close`. `add` and `move` write KV `lt_directory`; every running node
 * follows it at once: an added agency can send and receive, a moved one is re-routed (documents on
 * their way go on to the new home node, unread inbox items move with it).
 */
export function registerAgency(program: Command): void {
  const agency = program.command('agency').description('agencies (document systems) and their home nodes');
  agencyLs(agency);
  agencyShow(agency);
  agencyAdd(agency);
  agencyLimits(agency);
  agencyMove(agency);
  registerAgencyClose(agency);
}

/** `ls`: list the agencies in the directory, then the codes closed by a reorganisation. */
function agencyLs(agency: Command): void {
  agency
    .command('ls')
    .description('list the agencies in the directory, and the closed codes with their successors')
    .option('--node <id>', "only this node's agencies (closed codes have no node)")
    .option('--closed', 'only the closed codes')
    .option('--json', 'print JSON')
    .action(async (o: { node?: string; closed?: boolean; json?: boolean }, cmd: Command) => {
      const settings = resolveSettings(globalsOf(cmd));
      const dir = await withSession(settings, readDirectory);
      if (o.node !== undefined) dir.node(o.node);
      const rows = o.closed
        ? []
        : [...dir.agencies.values()]
            .filter((a) => o.node === undefined || a.homeNode === o.node)
            .sort((a, b) => a.homeNode.localeCompare(b.homeNode) || a.code.localeCompare(b.code))
            .map((a) => ({
              code: a.code,
              name: a.name,
              status: 'live' as const,
              tier: levelLabel(a.tier),
              homeNode: a.homeNode,
              parentCode: a.parentCode || null,
            }));
      const closed =
        o.node !== undefined
          ? []
          : [...dir.closed.values()]
              .map(closedCodeFromProto)
              .sort((a, b) => a.code.localeCompare(b.code))
              .map((c) => ({
                code: c.code,
                name: c.name,
                status: 'closed' as const,
                closedAt: c.closedAt,
                successor: c.successor,
                policy: c.policy,
              }));
      if (o.json) {
        printJson([...rows, ...closed]);
        return;
      }
      if (rows.length === 0 && closed.length === 0) {
        if (o.closed) write('no closed codes in the directory\n');
        else
          write(o.node ? `no agency has ${o.node} as its home node\n` : 'no agencies in the directory yet\n');
        return;
      }
      if (rows.length > 0)
        write(
          table(rows, [
            { header: 'CODE', value: (r) => r.code },
            { header: 'NAME', value: (r) => r.name, max: 48 },
            { header: 'TIER', value: (r) => r.tier },
            { header: 'HOME NODE', value: (r) => r.homeNode },
            { header: 'PARENT', value: (r) => r.parentCode ?? '-' },
          ]),
        );
      if (closed.length > 0) {
        if (rows.length > 0) write(`\nclosed codes (${closed.length}):\n`);
        write(
          table(closed, [
            { header: 'CODE', value: (r) => r.code },
            { header: 'NAME', value: (r) => r.name, max: 40 },
            { header: 'CLOSED AT', value: (r) => r.closedAt },
            { header: 'SUCCESSOR', value: (r) => r.successor },
            { header: 'POLICY', value: (r) => r.policy },
          ]),
        );
      }
    });
}

/** `show`: one agency: home node, subjects, inbox (items kept, not yet fetched). */
function agencyShow(agency: Command): void {
  agency
    .command('show')
    .description('one agency: home node, subjects, inbox (items kept, not yet fetched)')
    .argument('<code>', 'agency code, e.g. 000.00.00.H41')
    .option('--json', 'print JSON')
    .action(async (code: string, o: { json?: boolean }, cmd: Command) => {
      assertAgencyCode(code);
      const settings = resolveSettings(globalsOf(cmd));
      const info = await withSession(settings, (s) => agencyInfo(s, code));
      printAgencyInfo(info, o.json === true);
    });
}

/** What `agency show` tells about one agency. */
async function agencyInfo(s: Session, code: string) {
  const dir = await readDirectory(s);
  const a = dir.agency(code);
  const home = dir.nodes.get(a.homeNode);
  const level = home ? levelName(home.level) : undefined;
  const subjects = level
    ? {
        submit: submitSubject(level, a.homeNode, a.code),
        inbox: inboxFilter(level, a.homeNode, a.code),
        track: trackSubject(level, a.homeNode, a.code),
      }
    : undefined;
  const durable = `lt-inbox-${agencyToToken(a.code)}`;
  const [kept, consumer, queue] = await Promise.all([
    subjects ? countBySubject(s, STREAMS.inbox, subjects.inbox).then(sum) : Promise.resolve(0),
    s.jsm.consumers
      .info(STREAMS.inbox, durable)
      .then(consumerState)
      .catch((e: unknown) => {
        if (isJsNotFound(e)) return undefined;
        throw e;
      }),
    level ? agencyQueue(s, level, a.homeNode, a.code) : Promise.resolve(undefined),
  ]);
  const l = a.submitLimits;
  return {
    code: a.code,
    name: a.name,
    tier: levelLabel(a.tier),
    parentCode: a.parentCode || null,
    homeNode: { id: a.homeNode, name: home?.name ?? null, level: level ?? null },
    children: [...dir.agencies.values()]
      .filter((c) => c.parentCode === a.code)
      .map((c) => c.code)
      .sort(),
    keys: a.keys.length,
    subjects: subjects ?? null,
    inbox: { kept, consumer: durable, state: consumer ?? null },
    flow: {
      limits: {
        perSecond: l?.perSecond ?? 0,
        burst: l?.burst ?? 0,
        bytesPerSecond: l?.bytesPerSecond ?? 0,
      },
      queued: queue ?? null,
    },
  };
}

function printAgencyInfo(info: Awaited<ReturnType<typeof agencyInfo>>, json: boolean): void {
  if (json) {
    printJson(info);
    return;
  }
  const color = colorEnabled();
  const c: ConsumerState | null = info.inbox.state;
  write(`${paint.bold(color)(`agency ${info.code}`)}  ${info.name}\n`);
  write(
    fields([
      ['tier', info.tier],
      ['parent', info.parentCode ?? '-'],
      ['children', info.children.length > 0 ? info.children.join(', ') : '-'],
      [
        'home node',
        `${info.homeNode.id}${info.homeNode.name ? `  ${info.homeNode.name}` : ''}${info.homeNode.level ? ` (${info.homeNode.level})` : '  (not in the directory!)'}`,
      ],
      ['signing keys', info.keys],
      ['submits on', info.subjects?.submit],
      ['inbox', info.subjects?.inbox],
      ['tracking on', info.subjects?.track],
    ]),
  );
  write('\nflow control\n');
  write(
    fields(
      [
        ['submit limits', paceText(info.flow.limits)],
        [
          'waiting at home',
          info.flow.queued
            ? `${info.flow.queued.normal} normal, ${info.flow.queued.urgent} urgent (at most ${bound(info.flow.queued.limit)} per lane)`
            : undefined,
        ],
      ],
      '  ',
    ),
  );
  write('\ninbox\n');
  write(
    fields(
      [
        ['items kept', `${info.inbox.kept}  (LT_INBOX, kept for the de-duplication horizon)`],
        [
          'consumer',
          c
            ? `${info.inbox.consumer}: ${c.pending} not fetched, ${c.inFlight} fetched and not acknowledged, ${c.status === 'serving' ? 'a client is reading' : 'no client reading now'}`
            : `${info.inbox.consumer}: not created yet (the agency's system has never read its inbox)`,
        ],
        [
          'last fetch',
          c?.lastActiveMs ? `${formatTime(c.lastActiveMs)} (${ago(c.lastActiveMs)})` : undefined,
        ],
      ],
      '  ',
    ),
  );
}

/** `add`: add an agency to the directory (running nodes pick it up at once). */
function agencyAdd(agency: Command): void {
  agency
    .command('add')
    .description('add an agency to the directory (running nodes pick it up at once)')
    .argument('<code>', 'agency code, e.g. 000.03.43.H41')
    .requiredOption('--name <name>', 'its name')
    .requiredOption('--node <id>', 'its home node')
    .option('--tier <level>', 'central|province|district|commune (default: the level of its home node)')
    .option('--parent-code <code>', 'the agency it belongs to')
    .option('--per-second <n>', 'submissions per second it may make (default: no limit)', count)
    .option('--burst <n>', 'submissions accepted at once above the rate (default: one second worth)', count)
    .option('--bytes-per-second <n>', 'bytes of submissions per second (default: no limit)', count)
    .option('--json', 'print JSON')
    .action(
      async (
        code: string,
        o: { name: string; node: string; tier?: string; parentCode?: string; json?: boolean } & LimitOptions,
        cmd: Command,
      ) => {
        assertAgencyCode(code);
        if (o.parentCode !== undefined) assertAgencyCode(o.parentCode);
        const settings = resolveSettings(globalsOf(cmd));
        const record = await withSession(settings, async (s) => {
          const dir = await readDirectory(s);
          if (dir.agencies.has(code)) {
            throw new CliError('AlreadyExists', `agency ${code} is already in the directory`, {
              hint: 'use `lienthong agency move` to give it another home node',
            });
          }
          refuseClosed(dir, code, 'its code');
          if (o.parentCode !== undefined) refuseClosed(dir, o.parentCode, 'its parent');
          const home = dir.node(o.node);
          const tier = o.tier === undefined ? home.level : levelFromName(o.tier);
          const next = AgencyRecord.create({
            code,
            name: o.name,
            tier,
            parentCode: o.parentCode ?? '',
            homeNode: home.id,
            ...limitsOf(o),
          });
          checkTree(dir, next);
          const kv = await s.kvm.open(BUCKETS.directory);
          try {
            await kv.create(directoryKeys.agency(code), AgencyRecord.encode(next).finish());
          } catch (e) {
            throw new CliError('AlreadyExists', `agency ${code} was added meanwhile`, { cause: e });
          }
          return next;
        });
        if (o.json)
          printJson({
            code: record.code,
            name: record.name,
            homeNode: record.homeNode,
            tier: levelLabel(record.tier),
          });
        else write(`added ${record.code} (${record.name}) at node ${record.homeNode}\n`);
      },
    );
}

/** `limits`: set how fast an agency may submit (its home node paces it; running nodes follow at once). */
function agencyLimits(agency: Command): void {
  agency
    .command('limits')
    .description('set how fast an agency may submit (its home node paces it; running nodes follow at once)')
    .argument('<code>', 'agency code')
    .option('--per-second <n>', 'submissions per second (0: no limit)', count)
    .option('--burst <n>', 'submissions accepted at once above the rate (0: one second worth)', count)
    .option('--bytes-per-second <n>', 'bytes of submissions per second (0: no limit)', count)
    .option('--clear', 'remove the limits: the node defaults apply')
    .option('--json', 'print JSON')
    .addHelpText(
      'after',
      `
Submissions beyond the pace wait in the agency's queue at its home node (nothing is dropped); once
that queue is full the SDK's send() fails with a BackpressureError (ResourceExhausted) carrying a
suggested wait, or waits when called with waitForCapacity. Urgent documents count but are never
held back.`,
    )
    .action(async (code: string, o: LimitOptions & { clear?: boolean; json?: boolean }, cmd: Command) => {
      assertAgencyCode(code);
      const given = o.perSecond !== undefined || o.burst !== undefined || o.bytesPerSecond !== undefined;
      if (!given && !o.clear) throw invalid('give --per-second, --burst, --bytes-per-second or --clear');
      if (given && o.clear) throw invalid('--clear cannot be combined with limits');
      const settings = resolveSettings(globalsOf(cmd));
      const limits = await withSession(settings, async (s) => {
        const kv = await s.kvm.open(BUCKETS.directory);
        const entry = await kv.get(directoryKeys.agency(code));
        if (!entry || entry.operation !== 'PUT') throw notFound(`agency ${code} is not in the directory`);
        const current = AgencyRecord.decode(entry.value);
        const before = current.submitLimits;
        const next = AgencyRecord.create({
          ...current,
          submitLimits: o.clear
            ? null
            : {
                perSecond: o.perSecond ?? before?.perSecond ?? 0,
                burst: o.burst ?? before?.burst ?? 0,
                bytesPerSecond: o.bytesPerSecond ?? before?.bytesPerSecond ?? 0,
              },
        });
        try {
          await kv.update(directoryKeys.agency(code), AgencyRecord.encode(next).finish(), entry.revision);
        } catch (e) {
          throw new CliError('FailedPrecondition', `agency ${code} changed meanwhile; look again and retry`, {
            cause: e,
          });
        }
        const l = next.submitLimits;
        return { perSecond: l?.perSecond ?? 0, burst: l?.burst ?? 0, bytesPerSecond: l?.bytesPerSecond ?? 0 };
      });
      if (o.json) printJson({ code, limits });
      else write(`${code} submits at ${paceText(limits)}; running nodes follow now\n`);
    });
}

/** `move`: give an agency another home node, while documents are in flight. */
function agencyMove(agency: Command): void {
  agency
    .command('move')
    .description('give an agency another home node, while documents are in flight')
    .argument('<code>', 'agency code')
    .requiredOption('--to <node>', 'its new home node')
    .option('--json', 'print JSON')
    .action(async (code: string, o: { to: string; json?: boolean }, cmd: Command) => {
      assertAgencyCode(code);
      const settings = resolveSettings(globalsOf(cmd));
      const result = await withSession(settings, async (s) => {
        const dir = await readDirectory(s);
        const current = dir.agency(code);
        const to = dir.node(o.to);
        if (current.homeNode === to.id) return { code, from: current.homeNode, to: to.id, changed: false };
        const next = AgencyRecord.create({ ...current, homeNode: to.id });
        checkTree(dir, next);
        const kv = await s.kvm.open(BUCKETS.directory);
        const entry = await kv.get(directoryKeys.agency(code));
        if (!entry) throw notFound(`agency ${code} is not in the directory`);
        try {
          // Compare-and-set: two operators moving the same agency at once cannot both win.
          await kv.update(directoryKeys.agency(code), AgencyRecord.encode(next).finish(), entry.revision);
        } catch (e) {
          throw new CliError('FailedPrecondition', `agency ${code} changed meanwhile; look again and retry`, {
            cause: e,
          });
        }
        return { code, from: current.homeNode, to: to.id, changed: true };
      });
      if (o.json) printJson(result);
      else if (!result.changed) write(`${code} already has ${result.to} as its home node\n`);
      else write(`moved ${code} from ${result.from} to ${result.to}; running nodes follow now\n`);
    });
}

interface LimitOptions {
  perSecond?: number;
  burst?: number;
  bytesPerSecond?: number;
}

/** A non-negative whole number for a limit option. */
function count(v: string): number {
  const n = Number(v);
  if (!/^\d+$/.test(v.trim()) || !Number.isSafeInteger(n) || n > 0xffffffff) {
    throw new InvalidArgumentError('expected a whole number ≥ 0.');
  }
  return n;
}

function limitsOf(o: LimitOptions): Pick<AgencyRecord, 'submitLimits'> | Record<string, never> {
  if (o.perSecond === undefined && o.burst === undefined && o.bytesPerSecond === undefined) return {};
  return {
    submitLimits: SubmitLimits.create({
      perSecond: o.perSecond ?? 0,
      burst: o.burst ?? 0,
      bytesPerSecond: o.bytesPerSecond ?? 0,
    }),
  };
}

/**
 * A code closed by a reorganisation is not given out again: what is sent to it, and the unread items
 * it had, went to its successor, and would reach both. Nor is a new agency put under a closed one.
 */
function refuseClosed(dir: Directory, code: string, what: string): void {
  const closed = dir.closed.get(code);
  if (!closed) return;
  const c = closedCodeFromProto(closed);
  throw new CliError(
    'FailedPrecondition',
    `${what}, ${code}, was closed on ${c.closedAt}; its successor is ${c.successor}`,
    {
      hint:
        what === 'its code'
          ? 'a closed code is not given again (what is sent to it goes to its successor): add the agency under a new code'
          : `put the agency under the successor: --parent-code ${c.successor}`,
    },
  );
}

/** Refuses a change that would leave the directory an invalid tree, with the problems found. */
function checkTree(dir: Directory, changed: AgencyRecord): void {
  const agencies = new Map(dir.agencies);
  agencies.set(changed.code, changed);
  try {
    topologyFromProto({
      nodes: [...dir.nodes.values()],
      agencies: [...agencies.values()],
      closed: [...dir.closed.values()],
    });
  } catch (e) {
    throw invalid(`the directory would be invalid: ${(e as Error).message}`);
  }
}
