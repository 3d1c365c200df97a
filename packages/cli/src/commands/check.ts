import { readFileSync } from 'node:fs';
import { CommanderError, Option } from 'commander';
import type { Command } from 'commander';
import { STREAMS, isLevelName, levelName, parseJsonText, parseTopology } from '@lienthong/core';
import { CHECK_CODES, checkJson, evaluate, formatNagios, formatPrometheus } from '../check';
import type { CheckFacts, CheckStatus, LevelCoverage } from '../check';
import { readDirectory } from '@lienthong/readers';
import { allRecords, readNodeStatuses } from '@lienthong/readers';
import { explain, invalid, isJsNotFound } from '../errors';
import { consumerState, consumersServing, custodyConsumers } from '@lienthong/readers';
import { printJson, write } from '../output';
import { parseCount } from '../program';
import { openSession } from '../session';
import type { Session } from '../session';
import { globalsOf, resolveSettings } from '../settings';
import type { Settings } from '../settings';

interface CheckOptions {
  format: 'nagios' | 'json' | 'prometheus';
  json?: boolean;
  maxBacklog: number;
  warnBacklog?: number;
  maxDead?: number;
  warnDead: number;
  maxOverdue: number;
  topology?: string;
}

/** A node the check expects to be served. */
interface Expected {
  readonly id: string;
  readonly level: string;
}

export function registerCheck(program: Command): void {
  const check = program
    .command('check')
    .description(
      'health for monitoring systems, with Nagios exit codes (0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN)',
    )
    .addOption(
      new Option('--format <format>', 'output format')
        .choices(['nagios', 'json', 'prometheus'])
        .default('nagios'),
    )
    .option('--json', 'same as --format json')
    .option('--max-backlog <n>', 'CRITICAL when more messages wait in LT_SUBMIT + LT_RELAY', parseCount, 1000)
    .option('--warn-backlog <n>', 'WARNING when more messages wait', parseCount)
    .option('--max-dead <n>', 'CRITICAL when LT_DEAD holds more dead letters (default: never)', parseCount)
    .option('--warn-dead <n>', 'WARNING when LT_DEAD holds more dead letters', parseCount, 0)
    .option('--max-overdue <n>', 'WARNING when more recipients are overdue', parseCount, 0)
    .option(
      '--topology <file>',
      'expect every node of this topology to be served (default: the nodes in the directory, i.e. those some service has started)',
    )
    .addHelpText(
      'after',
      `
Checks: NATS reachable; streams ${Object.values(STREAMS).join(', ')} present; every node in the
directory (and of --topology) has a submit and a relay consumer with a process pulling; backlog, dead letters and overdue
recipients against the thresholds. The exit code is the Nagios status in every format.`,
    );
  // A monitoring system reads a wrong command line as UNKNOWN (3), not as a failed check.
  check.exitOverride((err) => {
    throw err.exitCode === 0 ? err : new CommanderError(CHECK_CODES.UNKNOWN, err.code, err.message);
  });
  check.configureOutput({
    outputError: (text) => process.stdout.write(`LIENTHONG UNKNOWN - ${text.replace(/^error: /, '')}`),
  });
  check.action(async (o: CheckOptions, cmd: Command) => {
    const format = o.json ? 'json' : o.format;
    let settings: Settings | undefined;
    let facts: CheckFacts;
    try {
      settings = resolveSettings(globalsOf(cmd));
      facts = await gather(settings, o.topology === undefined ? [] : topologyNodes(o.topology));
    } catch (e) {
      const err = explain(e, settings ?? {});
      const status: CheckStatus =
        err.code === 'Unavailable' || err.code === 'DeadlineExceeded' ? 'CRITICAL' : 'UNKNOWN';
      facts = {
        server: settings?.server ?? '?',
        failure: { status, message: err.message },
        streams: [],
        levels: [],
        backlog: 0,
        deadLetters: 0,
        overdue: 0,
      };
    }
    const result = evaluate(facts, {
      maxBacklog: o.maxBacklog,
      ...(o.warnBacklog !== undefined ? { warnBacklog: o.warnBacklog } : {}),
      ...(o.maxDead !== undefined ? { maxDead: o.maxDead } : {}),
      warnDead: o.warnDead,
      maxOverdue: o.maxOverdue,
    });
    if (format === 'json') printJson(checkJson(result));
    else if (format === 'prometheus') write(formatPrometheus(result));
    else write(formatNagios(result));
    process.exitCode = result.code;
  });
}

function topologyNodes(file: string): Expected[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw invalid(`cannot read the topology file ${file}: ${(e as Error).message}`);
  }
  let json: unknown;
  try {
    json = parseJsonText(text, `the topology file ${file} is not JSON`);
  } catch (e) {
    throw invalid((e as Error).message);
  }
  return parseTopology(json)
    .nodes()
    .map((n) => ({ id: n.id, level: n.levelName }));
}

async function gather(settings: Settings, expected: readonly Expected[]): Promise<CheckFacts> {
  const s = await openSession(settings);
  try {
    const streams = await Promise.all(
      Object.values(STREAMS).map(async (name) => {
        try {
          const info = await s.jsm.streams.info(name);
          return { name, present: true, messages: info.state.messages };
        } catch (e) {
          if (isJsNotFound(e)) return { name, present: false, messages: 0 };
          throw e;
        }
      }),
    );
    const count = (name: string): number => streams.find((x) => x.name === name)?.messages ?? 0;
    const present = (name: string): boolean => streams.find((x) => x.name === name)?.present === true;
    const dir = present(STREAMS.submit) && present(STREAMS.relay) ? await readDirectory(s) : undefined;
    const nodes = new Map<string, Expected>(expected.map((n) => [n.id, n]));
    for (const n of dir?.nodes.values() ?? []) nodes.set(n.id, { id: n.id, level: levelName(n.level) });
    const levels = dir ? await coverage(s, [...nodes.values()], new Set(dir.nodes.keys())) : [];
    const overdue = await overdueNow(s, dir ? new Set(dir.nodes.keys()) : undefined);
    return {
      server: settings.server,
      streams: streams.map(({ name, present: p }) => ({ name, present: p })),
      levels,
      backlog: count(STREAMS.submit) + count(STREAMS.relay),
      deadLetters: count(STREAMS.dead),
      overdue,
    };
  } finally {
    await s.close();
  }
}

/**
 * The recipients overdue now in this domain: the sum of what its nodes tell in `lt_status`, one
 * small entry per node (of the nodes in the directory, when there is one). Nodes from before
 * `lt_status` tell nothing: then every tracking record is read, as it was (slow on many records).
 */
async function overdueNow(s: Session, nodes: ReadonlySet<string> | undefined): Promise<number> {
  const statuses = await readNodeStatuses(s);
  if (statuses !== undefined && statuses.length > 0) {
    return statuses.filter((t) => !nodes || nodes.has(t.node)).reduce((sum, t) => sum + t.overdue, 0);
  }
  // No tracking bucket (a server no lienthong node has set up): nothing is overdue, and the
  // missing streams are what the check reports.
  const records = await allRecords(s).catch((e: unknown) => {
    if (isJsNotFound(e)) return [];
    throw e;
  });
  return records.filter((r) => r.recipient && r.overdue).length;
}

/**
 * Per level, the nodes without a live consumer. A pull request can be between renewals for a
 * moment, so a node that looks unserved is looked at again once before it counts.
 */
async function coverage(
  s: Session,
  nodes: readonly Expected[],
  inDirectory: ReadonlySet<string>,
): Promise<LevelCoverage[]> {
  const unservedNow = async (): Promise<Set<string>> => {
    const consumers = await custodyConsumers(s);
    const out = new Set<string>();
    for (const n of nodes) {
      if (!isLevelName(n.level)) continue;
      // A node of the topology file the directory does not have is served by nobody, whatever
      // consumer covers its subjects: a runtime dead-letters what comes for it as unroutable.
      if (!inDirectory.has(n.id)) {
        out.add(n.id);
        continue;
      }
      const serving = consumersServing(consumers, n.level, n.id);
      const live = (cs: typeof serving.submit): boolean =>
        cs.map(consumerState).some((c) => c.status === 'serving');
      if (!live(serving.submit) || !live(serving.relay)) out.add(n.id);
    }
    return out;
  };
  let unserved = await unservedNow();
  if (unserved.size > 0) {
    await new Promise((r) => setTimeout(r, 500));
    const again = await unservedNow();
    unserved = new Set([...unserved].filter((id) => again.has(id)));
  }
  const order = ['central', 'province', 'district', 'commune'];
  return order
    .map((level) => {
      const ofLevel = nodes.filter((n) => n.level === level);
      return {
        level,
        nodes: ofLevel.length,
        unserved: ofLevel
          .filter((n) => unserved.has(n.id))
          .map((n) => n.id)
          .sort(),
      };
    })
    .filter((l) => l.nodes > 0);
}
