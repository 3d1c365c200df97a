import { Option } from 'commander';
import type { Command } from 'commander';
import { listDeadLetters } from '@lienthong/readers';
import { readDirectory } from '@lienthong/readers';
import { allRecords } from '@lienthong/readers';
import { formatDuration, formatTime, isoTime, printJson, table, write } from '../output';
import type { Column } from '../output';
import { assertLevelOption } from '../errors';
import { parseDuration, parsePositiveInt } from '../program';
import { withSession } from '../session';
import { globalsOf, resolveSettings } from '../settings';
import { computeStats, isActive } from '@lienthong/readers';
import { bound, paceText, readFlow } from '@lienthong/readers';
import type { FlowReport } from '@lienthong/readers';
import type { StatsRow } from '@lienthong/readers';

const STATS_HELP = `
Counts come from the tracking records in KV lt_tracking. A node's "sent" counts documents of the
agencies it hosts; "received", "pending", "overdue", "failed" and the delivery times count copies for
the agencies it hosts; "dead" counts dead letters the node wrote in the window.

"flow control" shows the bound on each sender's queue (an agency's submissions at its home node, a
neighbour's envelopes at a node, per lane), how many messages wait now, the fullest queues, and the
agencies whose submissions the directory paces (lienthong agency limits).`;

export function registerStats(program: Command): void {
  program
    .command('stats')
    .description(
      'per level and node over a window: documents sent, received, pending, overdue, failed, rejected, dead-lettered, median and p99 delivery time',
    )
    .addOption(
      new Option('--window <duration>', 'documents sent within this long (e.g. 15m, 1h, 7d)')
        .argParser(parseDuration)
        .default(3_600_000, '1h'),
    )
    .option('--all-nodes', 'list nodes without activity too')
    .option('--level <level>', 'by node: only the nodes of this level (central|province|district|commune)')
    .option(
      '--top <n>',
      'by node: only the n busiest (sent + received + pending), busiest first',
      parsePositiveInt,
    )
    .option('--json', 'print JSON')
    .addHelpText('after', STATS_HELP)
    .action(async (o: StatsOptions, cmd: Command) => {
      assertLevelOption(o.level);
      const settings = resolveSettings(globalsOf(cmd));
      const now = Date.now();
      const since = now - o.window;
      const { dir, records, dead, flow } = await withSession(settings, async (s) => {
        const [dir, records, dead] = await Promise.all([
          readDirectory(s),
          // History 1: a record changed after `since` is in the stream from `since` on, and a record
          // sent after `since` has changed since then.
          allRecords(s, since),
          listDeadLetters(s, { since }),
        ]);
        return { dir, records, dead, flow: await readFlow(s, dir) };
      });
      const stats = computeStats({
        records,
        deadLetters: dead.map((d) => ({ node: d.letter?.node ?? '', atMs: d.atMs })),
        since,
        homeNodeOf: (agency) => dir.agencies.get(agency)?.homeNode,
        levelOf: (node) => dir.levelOf(node),
        nodes: [...dir.nodes.keys()],
      });
      const nodes = nodeRows(stats.nodes, o);
      if (o.json) {
        printJson({
          window: { ms: o.window, since: isoTime(since), until: isoTime(now) },
          total: stats.total,
          levels: stats.levels,
          nodes,
          flow,
        });
        return;
      }
      write(`window: ${formatDuration(o.window)}, since ${formatTime(since)}\n\nby level\n`);
      write(
        table(
          [...stats.levels, stats.total],
          columns('LEVEL', (r) => (r.level === '*' ? 'all' : r.level)),
        ),
      );
      write(`\nby node${o.top !== undefined ? ` (the ${o.top} busiest)` : ''}\n`);
      if (nodes.length === 0) write('no activity in the window\n');
      else
        write(
          table(
            nodes,
            columns('NODE', (r) => r.node, true),
          ),
        );
      write(`\nflow control\n${flowText(flow)}`);
    });
}

interface StatsOptions {
  window: number;
  allNodes?: boolean;
  level?: string;
  top?: number;
  json?: boolean;
}

/**
 * The "by node" rows: those with activity (all with `--all-nodes`), of one level with `--level`,
 * the `--top` busiest (sent + received + pending) first; in level and node order otherwise.
 */
export function nodeRows(
  all: readonly StatsRow[],
  o: Pick<StatsOptions, 'allNodes' | 'level' | 'top'>,
): StatsRow[] {
  const rows = all.filter(
    (r) => (o.allNodes || isActive(r)) && (o.level === undefined || r.level === o.level),
  );
  if (o.top === undefined) return rows;
  const load = (r: StatsRow): number => r.sent + r.received + r.pending;
  return rows.sort((a, b) => load(b) - load(a) || a.node.localeCompare(b.node)).slice(0, o.top);
}

function flowText(f: FlowReport): string {
  const queue = (name: string, q: FlowReport['submit']): string =>
    `${name}: ${q.queued} waiting, ${q.full} queues full; at most ${bound(q.perSenderLimit)} per sender and lane` +
    (q.maxBytes > 0 ? `, stream ${q.bytes} of ${q.maxBytes} bytes` : '') +
    '\n';
  let out = queue('submit queues (per agency)', f.submit) + queue('relay queues (per neighbour)', f.relay);
  if (f.queues.length > 0) {
    out += `\nfullest queues\n${table(f.queues, [
      { header: 'QUEUE', value: (r) => r.queue },
      { header: 'NODE', value: (r) => r.node },
      { header: 'LANE', value: (r) => r.lane },
      { header: 'SENDER', value: (r) => r.sender },
      { header: 'WAITING', value: (r) => r.queued, align: 'right' },
      { header: 'LIMIT', value: (r) => bound(r.limit), align: 'right' },
    ])}`;
  }
  if (f.paced.length > 0) {
    out += `\npaced agencies\n${table(f.paced, [
      { header: 'AGENCY', value: (r) => r.code },
      { header: 'HOME NODE', value: (r) => r.homeNode },
      { header: 'LIMITS', value: (r) => paceText(r) },
      { header: 'WAITING', value: (r) => r.queued, align: 'right' },
    ])}`;
  }
  return out;
}

function columns(first: string, name: (r: StatsRow) => string, withLevel = false): Column<StatsRow>[] {
  const n = (f: (r: StatsRow) => number): Column<StatsRow>['value'] => f;
  return [
    { header: first, value: name },
    ...(withLevel ? [{ header: 'LEVEL', value: (r: StatsRow) => r.level }] : []),
    { header: 'SENT', value: n((r) => r.sent), align: 'right' },
    { header: 'RECEIVED', value: n((r) => r.received), align: 'right' },
    { header: 'PENDING', value: n((r) => r.pending), align: 'right' },
    { header: 'OVERDUE', value: n((r) => r.overdue), align: 'right' },
    { header: 'FAILED', value: n((r) => r.failed), align: 'right' },
    { header: 'REJECTED', value: n((r) => r.rejected), align: 'right' },
    { header: 'DEAD', value: n((r) => r.deadLettered), align: 'right' },
    {
      header: 'P50',
      value: (r) => (r.deliveryMs.p50 === null ? '-' : formatDuration(r.deliveryMs.p50)),
      align: 'right',
    },
    {
      header: 'P99',
      value: (r) => (r.deliveryMs.p99 === null ? '-' : formatDuration(r.deliveryMs.p99)),
      align: 'right',
    },
  ];
}
