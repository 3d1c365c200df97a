/** The list pages' endpoints: who is signed in, sent and received documents, overdue copies, statistics. */
import type { FastifyInstance } from 'fastify';
import { isJsNotFound, listDeadLetters } from '@lienthong/readers';
import type { RouteContext } from './deps';
import { AnswerMemo } from './memo';
import { HttpError, documentQuery, handle, query, text, time } from './http-errors';
import { nextLateAt, overdueGroups, receivedDocuments, sentDocuments, statistics } from './views';
import type { Viewer } from './views';

interface StatsRange {
  days?: number;
  fromMs?: number;
  toMs?: number;
}

/**
 * The overdue and statistics pages read every record: their answers are kept while no record
 * has changed and no copy has turned late since (lateness moves with the clock), and the
 * operator's are computed once the records are loaded, so that the first visit finds them ready.
 * Statistics may lag behind changed records, and behind copies turning late, for 20 times what
 * computing them took (0.4-0.6 s on 100,000 records: up to 12 s; at most 30 s): on a national tree
 * records change every second and a deadline passes every few seconds. On a small tree that is a
 * few milliseconds, so the statistics agree with the overdue page, which is exact.
 */
function memoised(ctx: RouteContext) {
  const { index } = ctx;
  const memo = new AnswerMemo(() => index.version, ctx.now);
  const viewerKey = (v: Viewer): string => (v.kind === 'operator' ? 'operator' : `agency:${v.code}`);
  const overdue = (viewer: Viewer): Promise<ReturnType<typeof overdueGroups>> =>
    memo.get(
      `overdue|${viewerKey(viewer)}`,
      async () => overdueGroups(index.values(), viewer, ctx.dir(), ctx.now()),
      (t) => nextLateAt(index.values(), t),
    );
  const stats = (viewer: Viewer, range: StatsRange): Promise<unknown> =>
    memo.get(
      `stats|${viewerKey(viewer)}|${range.days ?? ''}|${range.fromMs ?? ''}|${range.toMs ?? ''}`,
      (took) => computeStats(ctx, viewer, range, took),
      (t) => nextLateAt(index.values(), t),
      true,
    );
  return { overdue, stats };
}

/** The statistics; `took` is told the CPU they cost here (not the wait for the dead letters). */
async function computeStats(
  ctx: RouteContext,
  viewer: Viewer,
  range: StatsRange,
  took: (costMs: number) => void,
): Promise<unknown> {
  const t = ctx.now();
  const toMs = range.toMs ?? t;
  const fromMs = range.fromMs ?? toMs - (range.days ?? 7) * 86_400_000;
  // Dead letters count for operators only; a domain without LT_DEAD (no node started yet) has none.
  const dead =
    viewer.kind === 'operator'
      ? (
          await listDeadLetters(ctx.session, { since: fromMs }).catch((e: unknown) =>
            isJsNotFound(e) ? [] : Promise.reject(e),
          )
        ).map((d) => ({ node: d.letter?.node ?? '', atMs: d.atMs }))
      : [];
  const started = performance.now();
  const answer = statistics(ctx.index.values(), viewer, ctx.dir(), { fromMs, toMs }, t, dead);
  took(performance.now() - started);
  return answer;
}

/** The statistics period a request asks for: `days`, or `from`/`to`. */
function statsRange(q: Record<string, unknown>): StatsRange {
  const days = text(q.days);
  if (days !== undefined && !/^([1-9]\d{0,2})$/.test(days))
    throw new HttpError(400, 'days must be from 1 to 999');
  const toMs = time(q.to, 'to');
  const fromMs = time(q.from, 'from');
  if (fromMs !== undefined && toMs !== undefined && fromMs > toMs) {
    throw new HttpError(400, 'from must not be after to');
  }
  return {
    ...(days !== undefined ? { days: Number(days) } : {}),
    ...(fromMs !== undefined ? { fromMs } : {}),
    ...(toMs !== undefined ? { toMs } : {}),
  };
}

export function registerListRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const { deps, index } = ctx;
  app.get(
    '/dashboard/api/session',
    handle(async (req) => {
      const viewer = await ctx.viewerOf(req);
      const name = viewer.kind === 'agency' ? (ctx.dir()?.name(viewer.code) ?? '') : '';
      return {
        viewer,
        name,
        noAuth: deps.noAuth === true,
        now: ctx.now(),
        metricsPath: deps.metricsPath ?? '/metrics',
      };
    }),
  );
  app.get(
    '/dashboard/api/sent',
    handle(async (req) =>
      sentDocuments(index, documentQuery(query(req)), await ctx.viewerOf(req), ctx.dir(), ctx.now()),
    ),
  );
  app.get(
    '/dashboard/api/received',
    handle(async (req) =>
      receivedDocuments(index.values(), documentQuery(query(req)), await ctx.viewerOf(req), ctx.dir()),
    ),
  );
  const { overdue, stats } = memoised(ctx);
  void index.ready.then(async () => {
    const operator: Viewer = { kind: 'operator' };
    await Promise.all([overdue(operator), stats(operator, { days: 7 })]).catch(() => undefined);
  });
  app.get(
    '/dashboard/api/overdue',
    handle(async (req) => overdue(await ctx.viewerOf(req))),
  );
  app.get(
    '/dashboard/api/stats',
    handle(async (req) => {
      const viewer = await ctx.viewerOf(req);
      return stats(viewer, statsRange(query(req)));
    }),
  );
}
