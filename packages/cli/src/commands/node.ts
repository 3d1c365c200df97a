import { assertLevelOption, invalid } from '../errors';
import path from 'node:path';
import { isLevelName } from '@lienthong/core';
import type { Command } from 'commander';
import { levelName } from '@lienthong/core';
import { readDirectory } from '@lienthong/readers';
import type { Directory } from '@lienthong/readers';
import type { NodeRecord } from '@lienthong/proto';
import { consumerState, consumersServing, custodyConsumers, nodeBacklog } from '@lienthong/readers';
import type { ConsumerState } from '@lienthong/readers';
import { ago, colorEnabled, fields, formatTime, levelLabel, paint, printJson, table, write } from '../output';
import { withSession } from '../session';
import type { Session } from '../session';
import { globalsOf, resolveSettings } from '../settings';

interface ReadOptions {
  json?: boolean;
}

/** `lienthong node ls|info`: the tree as the directory has it, and one node's backlog and consumers. */
export function registerNode(program: Command): void {
  const node = program
    .command('node')
    .description('nodes of the tree: run one service, list them, inspect one');
  nodeStart(node);
  nodeLs(node);
  nodeInfo(node);
}

/** `start`: run one level service from its config file (as packages/<level>/dist/main.js does). */
function nodeStart(node: Command): void {
  node
    .command('start')
    .description('run one level service from its config file (as packages/<level>/dist/main.js does)')
    .requiredOption('--config <file>', 'service config: { servers, topology, nodes?, domain?, http?, … }')
    .option('--level <level>', 'central|province|district|commune (default: the level of the nodes it lists)')
    .action(async (o: { config: string; level?: string }) => {
      // Loaded here only: the read commands stay quick without the runtime.
      const { loadTopologyFile, readServiceConfig, runLevelService } = await import('@lienthong/node');
      const file = readServiceConfig(o.config);
      let level = o.level;
      if (level === undefined && file.nodes && file.nodes.length > 0) {
        const topology = loadTopologyFile(path.resolve(path.dirname(o.config), file.topology));
        level = topology.node(file.nodes[0]!).levelName;
      }
      if (level === undefined || !isLevelName(level)) {
        throw invalid(
          'which service? pass --level central|province|district|commune, or list `nodes` in the config',
        );
      }
      await runLevelService(level, ['--config', o.config]);
      // The service runs until SIGTERM/SIGINT, on which it drains and exits.
      if (process.exitCode) return;
      await new Promise<never>(() => undefined);
    });
}

/** `ls`: list the nodes in the directory (KV lt_directory), in tree order. */
function nodeLs(node: Command): void {
  node
    .command('ls')
    .description('list the nodes in the directory (KV lt_directory), in tree order')
    .option('--under <id>', 'only this node and the nodes below it')
    .option('--level <level>', 'only the nodes of this level: central|province|district|commune')
    .option('--json', 'print JSON')
    .action(async (o: ReadOptions & LsFilter, cmd: Command) => {
      assertLevelOption(o.level);
      const settings = resolveSettings(globalsOf(cmd));
      const dir = await withSession(settings, readDirectory);
      if (o.under !== undefined) dir.node(o.under);
      const rows = nodeListing(dir, o);
      if (o.json) {
        printJson(rows.map(({ depth: _depth, ...r }) => r));
        return;
      }
      if (rows.length === 0) {
        write(
          o.under !== undefined || o.level !== undefined
            ? 'no node matches\n'
            : 'no nodes in the directory yet\n',
        );
        return;
      }
      write(
        table(rows, [
          { header: 'ID', value: (r) => `${'  '.repeat(r.depth)}${r.id}` },
          { header: 'LEVEL', value: (r) => r.level },
          { header: 'PARENT', value: (r) => r.parent ?? '-' },
          { header: 'NAME', value: (r) => r.name, max: 48 },
          { header: 'DOMAIN', value: (r) => r.domain ?? '-' },
          { header: 'AGENCIES', value: (r) => r.agencies, align: 'right' },
        ]),
      );
    });
}

export interface LsFilter {
  /** Only this node and its descendants (depths then count from it). */
  readonly under?: string;
  readonly level?: string;
}

/**
 * `node ls`'s rows: depth-first from the roots as `Directory.treeOrder()`, with each node's depth
 * in the tree (as `Directory.path`) and agency count, from the directory's index of children and
 * agencies.
 */
export function nodeListing(dir: Directory, filter: LsFilter = {}) {
  const out: { node: NodeRecord; depth: number }[] = [];
  const seen = new Set<string>();
  const visit = (n: NodeRecord, depth: number): void => {
    if (seen.has(n.id)) return;
    seen.add(n.id);
    out.push({ node: n, depth });
    for (const c of dir.children(n.id)) visit(c, depth + 1);
  };
  if (filter.under !== undefined) {
    const top = dir.nodes.get(filter.under);
    if (top) visit(top, 0);
  } else {
    // A root whose parent is missing from the directory sits one step in, as its path says.
    for (const r of dir.treeOrder()) {
      if (!r.parent || !dir.nodes.has(r.parent)) visit(r, r.parent ? 1 : 0);
    }
  }
  return out
    .filter(({ node: n }) => filter.level === undefined || levelLabel(n.level) === filter.level)
    .map(({ node: n, depth }) => ({
      id: n.id,
      level: levelLabel(n.level),
      parent: n.parent || null,
      name: n.name,
      domain: n.domain || null,
      agencies: dir.agenciesOf(n.id).length,
      depth,
    }));
}

/** `info`: a node's place in the tree, agencies, backlog, consumers and dead letters. */
function nodeInfo(node: Command): void {
  node
    .command('info')
    .alias('show')
    .description("a node's place in the tree, agencies, backlog, consumers and dead letters")
    .argument('<id>', 'node id, e.g. h41')
    .option('--json', 'print JSON')
    .action(async (id: string, o: ReadOptions, cmd: Command) => {
      const settings = resolveSettings(globalsOf(cmd));
      const info = await withSession(settings, (s) => nodeDetails(s, id));
      printNodeDetails(info, o.json === true);
    });
}

/** What `node info` tells about one node. */
async function nodeDetails(s: Session, id: string) {
  const dir = await readDirectory(s);
  const n = dir.node(id);
  const level = levelName(n.level);
  const [backlog, consumers] = await Promise.all([nodeBacklog(s, dir, id), custodyConsumers(s)]);
  const serving = consumersServing(consumers, level, id);
  return {
    id: n.id,
    name: n.name,
    level,
    parent: n.parent || null,
    domain: n.domain || null,
    path: dir.path(id),
    children: dir.children(id).map((c) => c.id),
    agencies: dir.agenciesOf(id).map((a) => ({ code: a.code, name: a.name })),
    backlog,
    consumers: {
      submit: serving.submit.map(consumerState),
      relay: serving.relay.map(consumerState),
    },
  };
}

type NodeDetails = Awaited<ReturnType<typeof nodeDetails>>;

function printNodeDetails(info: NodeDetails, json: boolean): void {
  const all = [...info.consumers.submit, ...info.consumers.relay];
  const processState = processStatus(info.consumers.submit, info.consumers.relay);
  // The consumers' last delivery: the node's own when it has its own consumers, else its level's.
  const latest = [...all].sort((a, b) => (b.lastActiveMs ?? 0) - (a.lastActiveMs ?? 0))[0];
  const lastActive = latest?.lastActiveMs ?? undefined;
  if (json) {
    printJson({ ...info, process: processState, lastActiveMs: lastActive ?? null });
    return;
  }
  const color = colorEnabled();
  const stateColor =
    processState === 'serving'
      ? paint.green(color)
      : processState === 'missing'
        ? paint.red(color)
        : paint.yellow(color);
  write(`${paint.bold(color)(`node ${info.id}`)}  ${info.name}\n`);
  write(
    fields([
      ['level', info.level],
      ['parent', info.parent ?? '- (root)'],
      ['path to root', info.path.length > 0 ? info.path.join(' → ') : '-'],
      ['children', info.children.length > 0 ? info.children.join(', ') : '-'],
      ['domain', info.domain ?? '(default)'],
      [
        'agencies',
        `${info.agencies.length}${info.agencies.length > 0 ? `: ${info.agencies.map((a) => a.code).join(', ')}` : ''}`,
      ],
      ['process', stateColor(describeProcess(processState))],
      [
        'last activity',
        lastActive && latest
          ? `${formatTime(lastActive)} (${ago(lastActive)}, last delivery by ${latest.name})`
          : '- (no delivery since its consumers were created)',
      ],
    ]),
  );
  write('\nbacklog (messages waiting for this node)\n');
  write(
    fields(
      [
        ['submit', `${info.backlog.submit}  (LT_SUBMIT: its agencies' submissions)`],
        ['relay', `${info.backlog.relay}  (LT_RELAY: handed over by neighbours)`],
        [
          'to parent',
          info.backlog.toParent === undefined
            ? undefined
            : `${info.backlog.toParent}  (LT_RELAY: handed to ${info.parent}, not yet passed on)`,
        ],
      ],
      '  ',
    ),
  );
  printNodeConsumers(info, all);
}

function printNodeConsumers(info: NodeDetails, all: readonly ConsumerState[]): void {
  write('\nconsumers serving it\n');
  if (all.length === 0) {
    write('  none: no process has ever served this node on this server\n');
  } else {
    write(
      indent(
        table(all, [
          { header: 'STREAM', value: (c) => c.stream },
          { header: 'CONSUMER', value: (c) => c.name },
          {
            header: 'STATE',
            value: (c) => c.status,
            color: (c) => (c.status === 'serving' ? paint.green(true) : paint.yellow(true)),
          },
          { header: 'PULLS', value: (c) => c.waitingPulls, align: 'right' },
          { header: 'PENDING', value: (c) => c.pending, align: 'right' },
          { header: 'IN FLIGHT', value: (c) => c.inFlight, align: 'right' },
          { header: 'REDELIVERED', value: (c) => c.redelivered, align: 'right' },
          { header: 'LAST ACTIVE', value: (c) => formatTime(c.lastActiveMs) },
        ]),
      ),
    );
  }
  write(
    `\ndead letters: ${info.backlog.dead}${info.backlog.dead > 0 ? `  (lienthong dlq ls --node ${info.id})` : ''}\n`,
  );
}

export type ProcessStatus = 'serving' | 'no-puller' | 'missing';

/** Served when both custody streams have a consumer with a process pulling from it. */
export function processStatus(
  submit: readonly ConsumerState[],
  relay: readonly ConsumerState[],
): ProcessStatus {
  if (submit.length === 0 || relay.length === 0) return 'missing';
  const live = (cs: readonly ConsumerState[]): boolean => cs.some((c) => c.status === 'serving');
  return live(submit) && live(relay) ? 'serving' : 'no-puller';
}

function describeProcess(s: ProcessStatus): string {
  switch (s) {
    case 'serving':
      return 'serving (a process is pulling its submit and relay consumers)';
    case 'no-puller':
      return 'NOT SERVING: its consumers exist but no process is pulling (is its service running?)';
    case 'missing':
      return 'NOT SERVING: no consumer for its subjects (has its service ever started here?)';
  }
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => (l === '' ? l : `  ${l}`))
    .join('\n');
}
