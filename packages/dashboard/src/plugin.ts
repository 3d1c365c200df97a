/**
 * `registerDashboard(app, deps)`: the dashboard's pages at `/` and its JSON and server-sent-event
 * endpoints under `/dashboard/api/`, on a node's fastify server. Every answer is scoped to the viewer
 * that `deps.authenticate` names: an operator sees everything, an agency its own documents only.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AuditVerification } from '@lienthong/core';
import { FailureReason, TrackingRecord } from '@lienthong/proto';
import {
  allBacklogs,
  custodyConsumers,
  consumerState,
  consumersServing,
  documentRecords,
  listDeadLetters,
  readDirectory,
  readFlow,
  replayDeadLetter,
  CliError,
  isJsNotFound,
} from '@lienthong/readers';
import type { Directory, Session } from '@lienthong/readers';
import { parseSubject } from '@lienthong/core';
import { TrackingIndex } from './store';
import type { Change } from './store';
import { nextLateAt, overdueGroups, receivedDocuments, sees, sentDocuments, statistics } from './views';
import type { DocumentQuery, Viewer } from './views';

export type { Viewer };

/** Who is asking: an operator, an agency (its code), or null when the request carries no valid identity. */
export type Authenticate = (request: FastifyRequest) => Viewer | null | Promise<Viewer | null>;

export interface DashboardDeps {
  /** A NATS connection with JetStream views (the node process's own, or the operator's). */
  readonly session: Session;
  readonly authenticate: Authenticate;
  /** `up --no-auth`: everyone is an operator, and every page says so. */
  readonly noAuth?: boolean;
  /** Where this server serves Prometheus metrics; linked from the operations page. */
  readonly metricsPath?: string;
  /** Whether this process is serving (its `/readyz`). */
  readonly health?: () => { ok: boolean; reason?: string };
  /** Verifies the nodes' audit chains (`lienthong audit verify`). */
  readonly auditCheck?: () => Promise<AuditVerification[]>;
  /** How often the directory is read again; default 30 s. */
  readonly directoryRefreshMs?: number;
  readonly now?: () => number;
}

/** Overdue and statistics answers kept (per viewer and period). */
const MEMO_ENTRIES = 64;
/** Nodes listed on the operations page; a larger tree shows those that need a look first. */
const MAX_OPS_NODES = 300;
/**
 * Statistics count a copy overdue up to this long after its deadline passed when nothing else
 * changed (on the national tree a deadline passes every few seconds; the overdue page is exact).
 */
const STATS_LATE_SLACK_MS = 30_000;

export interface Dashboard {
  readonly index: TrackingIndex;
  /** Resolves when the records stored at start are in memory. */
  readonly ready: Promise<void>;
}

/** The bundled pages: `dist/web` next to the compiled code, or the build's output when run from sources. */
const WEB = [join(__dirname, 'web'), join(__dirname, '..', 'dist', 'web')].find((d) =>
  existsSync(join(d, 'index.html')),
);
const ASSETS: Record<string, string> = {
  'app.js': 'text/javascript; charset=utf-8',
  'app.css': 'text/css; charset=utf-8',
  'favicon.svg': 'image/svg+xml',
};

const CODES: Record<number, string> = {
  400: 'InvalidArgument',
  401: 'Unauthenticated',
  403: 'PermissionDenied',
  404: 'NotFound',
  500: 'Internal',
  501: 'Unimplemented',
  502: 'Unavailable',
};

/** An answer other than 200, as the node's HTTP server words them: `{ code, message }`. */
class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }

  get code(): string {
    return CODES[this.status] ?? 'Internal';
  }
}

function errorBody(status: number, message: string): { code: string; message: string } {
  return { code: CODES[status] ?? 'Internal', message };
}

function text(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function time(v: unknown, name: string): number | undefined {
  const s = text(v);
  if (s === undefined) return undefined;
  const n = /^\d+$/.test(s) ? Number(s) : Date.parse(s);
  if (!Number.isFinite(n)) throw new HttpError(400, `${name} must be a date (ISO 8601) or Unix milliseconds`);
  return n;
}

function documentQuery(q: Record<string, unknown>): DocumentQuery {
  const limit = text(q.limit);
  if (limit !== undefined && !/^\d{1,5}$/.test(limit)) throw new HttpError(400, 'limit must be a number');
  return {
    q: text(q.q),
    subject: text(q.subject),
    recipient: text(q.recipient),
    sender: text(q.sender),
    fromMs: time(q.from, 'from'),
    toMs: time(q.to, 'to'),
    limit: limit === undefined ? undefined : Math.min(Number(limit), 1000),
  };
}

/** The nodes a copy passes, from the sender's home node up to the common ancestor and down. */
export function plannedRoute(dir: Directory, sender: string, recipient: string): string[] {
  const from = dir.agencies.get(sender)?.homeNode;
  const to = dir.agencies.get(recipient)?.homeNode;
  if (!from || !to) return [];
  const up = [from, ...dir.path(from)];
  const down = [to, ...dir.path(to)];
  const meet = up.find((n) => down.includes(n));
  if (meet === undefined) return [];
  return [...up.slice(0, up.indexOf(meet) + 1), ...down.slice(0, down.indexOf(meet)).reverse()];
}

function recordJson(r: TrackingRecord): Record<string, unknown> {
  return TrackingRecord.toObject(r, {
    enums: Number,
    longs: Number,
    bytes: String,
    defaults: true,
    arrays: true,
  });
}

export async function registerDashboard(app: FastifyInstance, deps: DashboardDeps): Promise<Dashboard> {
  const now = deps.now ?? Date.now;
  const s = deps.session;
  const index = new TrackingIndex(s);
  let dir: Directory | undefined;
  const loadDirectory = async (): Promise<void> => {
    dir = await readDirectory(s).catch(() => dir);
  };
  await loadDirectory();
  const dirTimer = setInterval(() => void loadDirectory(), deps.directoryRefreshMs ?? 30_000);
  dirTimer.unref();
  await index.start();
  app.addHook('onClose', async () => {
    clearInterval(dirTimer);
    await index.stop();
  });

  if (WEB === undefined) {
    throw new Error('the dashboard pages are not built: run `pnpm build` (packages/dashboard/build-web.mjs)');
  }
  const html = readFileSync(join(WEB, 'index.html'), 'utf8');
  const assets = new Map(Object.keys(ASSETS).map((f) => [f, readFileSync(join(WEB, f))]));

  const viewerOf = async (req: FastifyRequest): Promise<Viewer> => {
    if (deps.noAuth) return { kind: 'operator' };
    const v = await deps.authenticate(req);
    if (!v)
      throw new HttpError(401, 'sign in: send an operator or agency token as "Authorization: Bearer …"');
    return v;
  };
  const operatorOnly = async (req: FastifyRequest): Promise<void> => {
    const v = await viewerOf(req);
    if (v.kind !== 'operator') throw new HttpError(403, 'operators only');
  };
  const handle =
    <T>(fn: (req: FastifyRequest, reply: FastifyReply) => Promise<T>) =>
    async (req: FastifyRequest, reply: FastifyReply): Promise<T | { code: string; message: string }> => {
      try {
        reply.header('cache-control', 'no-store');
        return await fn(req, reply);
      } catch (e) {
        if (e instanceof HttpError) {
          reply.code(e.status);
          return errorBody(e.status, e.message);
        }
        if (e instanceof CliError) {
          const status = e.code === 'NotFound' ? 404 : e.code === 'InvalidArgument' ? 400 : 502;
          reply.code(status);
          return { code: e.code, message: e.message };
        }
        req.log.warn({ err: e }, 'dashboard request failed');
        reply.code(500);
        return errorBody(500, (e as Error).message);
      }
    };
  const q = (req: FastifyRequest): Record<string, unknown> => (req.query ?? {}) as Record<string, unknown>;

  app.get('/', async (_req, reply) =>
    reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(html),
  );
  app.get('/dashboard/assets/:file', async (req, reply) => {
    const file = (req.params as { file: string }).file;
    const body = assets.get(file);
    if (!body) return reply.code(404).send(errorBody(404, `no asset ${file}`));
    return reply.type(ASSETS[file]!).header('cache-control', 'no-cache').send(body);
  });

  app.get(
    '/dashboard/api/session',
    handle(async (req) => {
      const viewer = await viewerOf(req);
      const name = viewer.kind === 'agency' ? (dir?.name(viewer.code) ?? '') : '';
      return {
        viewer,
        name,
        noAuth: deps.noAuth === true,
        now: now(),
        metricsPath: deps.metricsPath ?? '/metrics',
      };
    }),
  );
  app.get(
    '/dashboard/api/sent',
    handle(async (req) =>
      sentDocuments(index.values(), documentQuery(q(req)), await viewerOf(req), dir, now()),
    ),
  );
  app.get(
    '/dashboard/api/received',
    handle(async (req) => receivedDocuments(index.values(), documentQuery(q(req)), await viewerOf(req), dir)),
  );
  /**
   * The overdue and statistics pages read every record: their answers are kept while no record
   * has changed and no copy has turned late since (lateness moves with the clock), and the
   * operator's are computed once the records are loaded, so that the first visit finds them ready.
   */
  const memo = new Map<string, { version: number; validUntil: number; value: Promise<unknown> }>();
  const cached = <T>(key: string, compute: () => Promise<T>, lateSlackMs = 0): Promise<T> => {
    const t = now();
    const hit = memo.get(key);
    if (hit && hit.version === index.version && t < hit.validUntil) return hit.value as Promise<T>;
    const value = compute();
    const validUntil = Math.max(nextLateAt(index.values(), t), t + lateSlackMs);
    memo.set(key, { version: index.version, validUntil, value });
    value.catch(() => memo.delete(key));
    if (memo.size > MEMO_ENTRIES) memo.delete(memo.keys().next().value!);
    return value;
  };
  const viewerKey = (v: Viewer): string => (v.kind === 'operator' ? 'operator' : `agency:${v.code}`);
  const overdue = (viewer: Viewer): Promise<ReturnType<typeof overdueGroups>> =>
    cached(`overdue|${viewerKey(viewer)}`, async () => overdueGroups(index.values(), viewer, dir, now()));
  const stats = (
    viewer: Viewer,
    range: { days?: number; fromMs?: number; toMs?: number },
  ): Promise<unknown> =>
    cached(
      `stats|${viewerKey(viewer)}|${range.days ?? ''}|${range.fromMs ?? ''}|${range.toMs ?? ''}`,
      async () => {
        const t = now();
        const toMs = range.toMs ?? t;
        const fromMs = range.fromMs ?? toMs - (range.days ?? 7) * 86_400_000;
        // Dead letters count for operators only; a domain without LT_DEAD (no node started yet) has none.
        const dead =
          viewer.kind === 'operator'
            ? (
                await listDeadLetters(s, { since: fromMs }).catch((e: unknown) =>
                  isJsNotFound(e) ? [] : Promise.reject(e),
                )
              ).map((d) => ({ node: d.letter?.node ?? '', atMs: d.atMs }))
            : [];
        return statistics(index.values(), viewer, dir, { fromMs, toMs }, t, dead);
      },
      STATS_LATE_SLACK_MS,
    );
  void index.ready.then(async () => {
    const operator: Viewer = { kind: 'operator' };
    await Promise.all([overdue(operator), stats(operator, { days: 7 })]).catch(() => undefined);
  });

  app.get(
    '/dashboard/api/overdue',
    handle(async (req) => overdue(await viewerOf(req))),
  );
  app.get(
    '/dashboard/api/stats',
    handle(async (req) => {
      const viewer = await viewerOf(req);
      const days = text(q(req).days);
      if (days !== undefined && !/^([1-9]\d{0,2})$/.test(days))
        throw new HttpError(400, 'days must be from 1 to 999');
      const toMs = time(q(req).to, 'to');
      const fromMs = time(q(req).from, 'from');
      if (fromMs !== undefined && toMs !== undefined && fromMs > toMs) {
        throw new HttpError(400, 'from must not be after to');
      }
      return stats(viewer, {
        ...(days !== undefined ? { days: Number(days) } : {}),
        ...(fromMs !== undefined ? { fromMs } : {}),
        ...(toMs !== undefined ? { toMs } : {}),
      });
    }),
  );

  const documentView = async (
    viewer: Viewer,
    documentId: string,
    sender: string,
  ): Promise<{
    documentId: string;
    sender: string;
    senderName: string;
    recipients: Record<string, unknown>[];
  }> => {
    if (viewer.kind === 'agency' && viewer.code !== sender) {
      // An agency sees a document it did not send only as its recipient, and only its own copy.
      const own = [...index.values()].some(
        (r) => r.sender === sender && r.documentId === documentId && r.recipient === viewer.code,
      );
      if (!own) throw new HttpError(403, 'this document is not yours');
    }
    const records = (await documentRecords(s, sender, documentId)).filter((r) => sees(viewer, r));
    if (records.length === 0) {
      throw viewer.kind === 'operator'
        ? new HttpError(404, `no tracking records of ${documentId} from ${sender}`)
        : new HttpError(403, 'this document is not yours');
    }
    return {
      documentId,
      sender,
      senderName: dir?.name(sender) ?? '',
      recipients: records.map((r) => recordView(r)),
    };
  };
  const recordView = (r: TrackingRecord): Record<string, unknown> => ({
    ...recordJson(r),
    recipientName: dir?.name(r.recipient) ?? '',
    failureName: r.failure ? (FailureReason[r.failure] ?? String(r.failure)) : '',
    plannedRoute: dir ? plannedRoute(dir, r.sender, r.recipient) : [],
    nodeNames: Object.fromEntries(
      (dir ? plannedRoute(dir, r.sender, r.recipient) : []).map((n) => [n, dir?.nodes.get(n)?.name ?? '']),
    ),
  });
  const docParams = (req: FastifyRequest): { id: string; sender: string } => {
    const id = text(q(req).id);
    if (!id) throw new HttpError(400, 'id (the document id) is required');
    const sender = text(q(req).sender) ?? id.split(',')[0] ?? '';
    return { id, sender };
  };
  app.get(
    '/dashboard/api/document',
    handle(async (req) => {
      const { id, sender } = docParams(req);
      return documentView(await viewerOf(req), id, sender);
    }),
  );

  /** Server-sent events: `snapshot` first (document page), then `record` / `change` as they happen. */
  const stream = async (
    req: FastifyRequest,
    reply: FastifyReply,
    filter: (c: Change) => boolean,
    send: (c: Change) => [string, unknown],
    snapshot?: () => Promise<unknown>,
  ): Promise<void> => {
    const queued: Change[] = [];
    let live = false;
    const write = (event: string, data: unknown): void => {
      reply.raw.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    };
    const unsubscribe = index.subscribe((c) => {
      if (!filter(c)) return;
      if (live) write(...send(c));
      else queued.push(c);
    });
    const beat = setInterval(() => reply.raw.write(': keep-alive\n\n'), 15_000);
    const close = (): void => {
      clearInterval(beat);
      unsubscribe();
    };
    req.raw.on('close', close);
    reply.hijack();
    reply.raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    try {
      if (snapshot) write('snapshot', await snapshot());
      else write('ready', { now: now() });
    } catch (e) {
      const status = e instanceof HttpError ? e.status : 500;
      write('failure', { ...errorBody(status, (e as Error).message), status });
      close();
      reply.raw.end();
      return;
    }
    live = true;
    for (const c of queued.splice(0)) write(...send(c));
  };

  app.get('/dashboard/api/document/events', async (req, reply) => {
    let viewer: Viewer;
    let params: { id: string; sender: string };
    try {
      viewer = await viewerOf(req);
      params = docParams(req);
    } catch (e) {
      const status = e instanceof HttpError ? e.status : 500;
      return reply.code(status).send(errorBody(status, (e as Error).message));
    }
    await stream(
      req,
      reply,
      (c) => c.row.sender === params.sender && c.row.documentId === params.id && sees(viewer, c.row),
      (c) => ['record', recordView(c.record)],
      () => documentView(viewer, params.id, params.sender),
    );
  });
  app.get('/dashboard/api/events', async (req, reply) => {
    let viewer: Viewer;
    try {
      viewer = await viewerOf(req);
    } catch (e) {
      const status = e instanceof HttpError ? e.status : 500;
      return reply.code(status).send(errorBody(status, (e as Error).message));
    }
    await stream(
      req,
      reply,
      (c) => sees(viewer, c.row),
      (c) => ['change', { documentId: c.row.documentId, sender: c.row.sender, recipient: c.row.recipient }],
    );
  });

  app.get(
    '/dashboard/api/ops',
    handle(async (req) => {
      await operatorOnly(req);
      const d = dir ?? (await readDirectory(s));
      const [consumers, flow, dead, backlogs] = await Promise.all([
        custodyConsumers(s).catch(() => []),
        readFlow(s, d),
        listDeadLetters(s, { limit: 200 }).catch((e: unknown) => (isJsNotFound(e) ? [] : Promise.reject(e))),
        allBacklogs(s, d),
      ]);
      const rows = d.treeOrder().map((n) => {
        const level = d.levelOf(n.id);
        const serving = level ? consumersServing(consumers, level, n.id) : { submit: [], relay: [] };
        const states = [...serving.submit, ...serving.relay].map(consumerState);
        const b = backlogs.get(n.id);
        const health =
          states.length === 0
            ? 'unknown'
            : states.every((c) => c.status === 'serving')
              ? 'serving'
              : 'no-puller';
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
      // On a national tree: the nodes that need a look first (not served, then the most waiting).
      const waiting = (r: (typeof rows)[number]): number =>
        r.lanes.submit.normal +
        r.lanes.submit.urgent +
        r.lanes.relay.normal +
        r.lanes.relay.urgent +
        (r.toParent ?? 0) +
        r.dead;
      const nodes =
        rows.length <= MAX_OPS_NODES
          ? rows
          : [...rows]
              .sort(
                (a, b) =>
                  Number(a.health === 'serving') - Number(b.health === 'serving') || waiting(b) - waiting(a),
              )
              .slice(0, MAX_OPS_NODES);
      return {
        process: deps.health?.() ?? { ok: true },
        metricsPath: deps.metricsPath ?? '/metrics',
        nodes,
        nodesTotal: rows.length,
        flow,
        deadLetters: dead.reverse().map((e) => ({
          seq: e.seq,
          atMs: e.atMs,
          subject: e.subject,
          node: e.letter?.node ?? '',
          reason: e.letter ? (FailureReason[e.letter.reason] ?? String(e.letter.reason)) : 'UNDECODABLE',
          detail: e.letter?.detail ?? e.problem ?? '',
          documentId: e.letter?.documentId ?? '',
          origin: e.letter?.originAgency ?? '',
          replayable: !!e.letter && ['submit', 'relay'].includes(parseSubject(e.letter.subject)?.kind ?? ''),
        })),
        auditAvailable: deps.auditCheck !== undefined,
      };
    }),
  );
  app.post(
    '/dashboard/api/ops/dead-letters/:seq/replay',
    handle(async (req) => {
      await operatorOnly(req);
      const seq = (req.params as { seq: string }).seq;
      if (!/^\d{1,15}$/.test(seq)) throw new HttpError(400, 'seq must be a stream sequence number');
      return replayDeadLetter(s, Number(seq));
    }),
  );
  app.post(
    '/dashboard/api/ops/audit',
    handle(async (req) => {
      await operatorOnly(req);
      if (!deps.auditCheck) throw new HttpError(501, 'this server cannot check audit chains');
      return { results: await deps.auditCheck() };
    }),
  );

  return { index, ready: index.ready };
}
