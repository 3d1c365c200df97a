/** The operations page's endpoints: every node's health and backlogs, flow, dead letters, audit. */
import type { FastifyInstance } from 'fastify';
import { FailureReason } from '@lienthong/proto';
import { parseSubject } from '@lienthong/core';
import {
  allBacklogs,
  consumerState,
  consumersServing,
  custodyConsumers,
  isJsNotFound,
  listDeadLetters,
  readDirectory,
  readFlow,
  replayDeadLetter,
} from '@lienthong/readers';
import type { DeadLetterEntry, Directory } from '@lienthong/readers';
import type { RouteContext } from './deps';
import { HttpError, handle, query, text } from './http-errors';
import { fold } from './search';

/** Nodes listed on the operations page; a larger tree shows those that need a look first. */
const MAX_OPS_NODES = 300;

type Backlogs = Awaited<ReturnType<typeof allBacklogs>>;
type Consumers = Awaited<ReturnType<typeof custodyConsumers>>;

const SERVING = new WeakMap<Directory, { filters: string; byNode: Map<string, string[]> }>();

const consumerKey = (c: Consumers[number]): string => `${c.stream_name}/${c.name}`;

/**
 * Which consumers serve each node (`consumersServing`, submit then relay), by consumer key: matched
 * once per directory read and set of consumer filters, not on every request (a consumer's filter
 * against every node's subjects: 0.1 s on the national tree).
 */
function servingByNode(d: Directory, consumers: Consumers): Map<string, string[]> {
  const filters = consumers
    .map(
      (c) =>
        `${consumerKey(c)} ${c.config.filter_subject ?? ''} ${(c.config.filter_subjects ?? []).join(',')}`,
    )
    .sort()
    .join('\n');
  const known = SERVING.get(d);
  if (known?.filters === filters) return known.byNode;
  const byNode = new Map<string, string[]>();
  for (const n of d.nodes.values()) {
    const level = d.levelOf(n.id);
    const serving = level ? consumersServing(consumers, level, n.id) : { submit: [], relay: [] };
    byNode.set(n.id, [...serving.submit, ...serving.relay].map(consumerKey));
  }
  SERVING.set(d, { filters, byNode });
  return byNode;
}

function nodeRows(d: Directory, consumers: Consumers, backlogs: Backlogs) {
  const serving = servingByNode(d, consumers);
  const byKey = new Map(consumers.map((c) => [consumerKey(c), c]));
  return d.treeOrder().map((n) => {
    const level = d.levelOf(n.id);
    const states = (serving.get(n.id) ?? []).map((k) => consumerState(byKey.get(k)!));
    const b = backlogs.get(n.id);
    const health =
      states.length === 0 ? 'unknown' : states.every((c) => c.status === 'serving') ? 'serving' : 'no-puller';
    return {
      id: n.id,
      name: n.name,
      level: level ?? '?',
      parent: n.parent,
      health,
      consumers: states,
      lanes: {
        submit: b?.submit ?? { normal: 0, urgent: 0 },
        relay: b?.relay ?? { normal: 0, urgent: 0 },
      },
      toParent: b?.toParent ?? null,
      dead: b?.dead ?? 0,
    };
  });
}

type NodeRow = ReturnType<typeof nodeRows>[number];

/** On a national tree: the nodes that need a look first (not served, then the most waiting). */
function needingALook(rows: NodeRow[]): NodeRow[] {
  if (rows.length <= MAX_OPS_NODES) return rows;
  const waiting = (r: NodeRow): number =>
    r.lanes.submit.normal +
    r.lanes.submit.urgent +
    r.lanes.relay.normal +
    r.lanes.relay.urgent +
    (r.toParent ?? 0) +
    r.dead;
  return [...rows]
    .sort(
      (a, b) => Number(a.health === 'serving') - Number(b.health === 'serving') || waiting(b) - waiting(a),
    )
    .slice(0, MAX_OPS_NODES);
}

function deadLetterView(e: DeadLetterEntry) {
  return {
    seq: e.seq,
    atMs: e.atMs,
    subject: e.subject,
    node: e.letter?.node ?? '',
    reason: e.letter ? (FailureReason[e.letter.reason] ?? String(e.letter.reason)) : 'UNDECODABLE',
    detail: e.letter?.detail ?? e.problem ?? '',
    documentId: e.letter?.documentId ?? '',
    origin: e.letter?.originAgency ?? '',
    replayable: !!e.letter && ['submit', 'relay'].includes(parseSubject(e.letter.subject)?.kind ?? ''),
  };
}

/** The nodes whose id or name holds `wanted` (without diacritics, any case). */
function matching(rows: NodeRow[], wanted: string): NodeRow[] {
  const needle = fold(wanted.trim());
  return rows.filter((r) => fold(r.id).includes(needle) || fold(r.name).includes(needle));
}

async function opsView(ctx: RouteContext, wanted?: string) {
  const s = ctx.session;
  const d = ctx.dir() ?? (await readDirectory(s));
  const [consumers, flow, dead, backlogs] = await Promise.all([
    custodyConsumers(s).catch(() => []),
    readFlow(s, d),
    listDeadLetters(s, { limit: 200 }).catch((e: unknown) => (isJsNotFound(e) ? [] : Promise.reject(e))),
    allBacklogs(s, d),
  ]);
  const rows = nodeRows(d, consumers, backlogs);
  const shown = wanted === undefined ? rows : matching(rows, wanted);
  return {
    process: ctx.deps.health?.() ?? { ok: true },
    metricsPath: ctx.deps.metricsPath ?? '/metrics',
    nodes: needingALook(shown),
    nodesTotal: rows.length,
    ...(wanted === undefined ? {} : { nodesMatching: shown.length }),
    flow,
    deadLetters: dead.reverse().map(deadLetterView),
    auditAvailable: ctx.deps.auditCheck !== undefined,
  };
}

export function registerOpsRoutes(app: FastifyInstance, ctx: RouteContext): void {
  app.get(
    '/dashboard/api/ops',
    handle(async (req) => {
      await ctx.operatorOnly(req);
      const wanted = text(query(req).node);
      if (wanted !== undefined && wanted.length > 100)
        throw new HttpError(400, 'node: at most 100 characters');
      return opsView(ctx, wanted);
    }),
  );
  app.post(
    '/dashboard/api/ops/dead-letters/:seq/replay',
    handle(async (req) => {
      await ctx.operatorOnly(req);
      const seq = (req.params as { seq: string }).seq;
      if (!/^\d{1,15}$/.test(seq)) throw new HttpError(400, 'seq must be a stream sequence number');
      return replayDeadLetter(ctx.session, Number(seq));
    }),
  );
  app.post(
    '/dashboard/api/ops/audit',
    handle(async (req) => {
      await ctx.operatorOnly(req);
      const check = ctx.deps.auditCheck;
      if (!check) throw new HttpError(501, 'this server cannot check audit chains');
      return { results: await check() };
    }),
  );
}
