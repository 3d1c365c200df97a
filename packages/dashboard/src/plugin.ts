/**
 * `registerDashboard(app, deps)`: the dashboard's pages at `/` and its JSON and server-sent-event
 * endpoints under `/dashboard/api/`, on a node's fastify server. Every answer is scoped to the viewer
 * that `deps.authenticate` names: an operator sees everything, an agency its own documents only.
 * The routes are in `routes-lists.ts`, `routes-document.ts` and `routes-ops.ts`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { BUCKETS } from '@lienthong/core';
import { readDirectory } from '@lienthong/readers';
import type { Directory } from '@lienthong/readers';
import type { DashboardDeps, RouteContext } from './deps';
import { HttpError, errorBody } from './http-errors';
import { registerDocumentRoutes } from './routes-document';
import { registerListRoutes } from './routes-lists';
import { registerOpsRoutes } from './routes-ops';
import { TrackingIndex } from './store';
import type { Viewer } from './views';

export type { Authenticate, DashboardDeps } from './deps';
export { plannedRoute } from './routes-document';
export type { Viewer };

export interface Dashboard {
  readonly index: TrackingIndex;
  /** Resolves when the records stored at start are in memory. */
  readonly ready: Promise<void>;
}

/** The bundled pages: `dist/web` next to the compiled code, or the build's output when run from sources. */
const WEB = [join(__dirname, 'web'), join(__dirname, '..', 'dist', 'web')].find((d) =>
  existsSync(join(d, 'index.html')),
);
const DIRECTORY_STREAM = `KV_${BUCKETS.directory}`;
const ASSETS: Record<string, string> = {
  'app.js': 'text/javascript; charset=utf-8',
  'app.css': 'text/css; charset=utf-8',
  'favicon.svg': 'image/svg+xml',
};

/** The page and its assets, read once. */
function registerPages(app: FastifyInstance): void {
  if (WEB === undefined) {
    throw new Error('the dashboard pages are not built: run `pnpm build` (packages/dashboard/build-web.mjs)');
  }
  const html = readFileSync(join(WEB, 'index.html'), 'utf8');
  const assets = new Map(Object.keys(ASSETS).map((f) => [f, readFileSync(join(WEB, f))]));
  app.get('/', async (_req, reply) =>
    reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(html),
  );
  app.get('/dashboard/assets/:file', async (req, reply) => {
    const file = (req.params as { file: string }).file;
    const body = assets.get(file);
    if (!body) return reply.code(404).send(errorBody(404, `no asset ${file}`));
    return reply.type(ASSETS[file]!).header('cache-control', 'no-cache').send(body);
  });
}

export async function registerDashboard(app: FastifyInstance, deps: DashboardDeps): Promise<Dashboard> {
  const s = deps.session;
  const index = new TrackingIndex(s);
  let dir: Directory | undefined;
  let dirSeq: number | undefined;
  // The directory is read again only when its bucket has changed (its stream's last sequence): a
  // national directory is 7,400 entries, about 0.2 s of this process's CPU to read.
  const loadDirectory = async (): Promise<void> => {
    const seq = await s.jsm.streams
      .info(DIRECTORY_STREAM)
      .then((i) => i.state.last_seq)
      .catch(() => undefined);
    if (dir !== undefined && seq !== undefined && seq === dirSeq) return;
    const read = await readDirectory(s).catch(() => undefined);
    if (read === undefined) return;
    dir = read;
    dirSeq = seq;
  };
  await loadDirectory();
  const dirTimer = setInterval(() => void loadDirectory(), deps.directoryRefreshMs ?? 30_000);
  dirTimer.unref();
  await index.start();
  app.addHook('onClose', async () => {
    clearInterval(dirTimer);
    await index.stop();
  });
  registerPages(app);

  const viewerOf = async (req: FastifyRequest): Promise<Viewer> => {
    if (deps.noAuth) return { kind: 'operator' };
    const v = await deps.authenticate(req);
    if (!v)
      throw new HttpError(401, 'sign in: send an operator or agency token as "Authorization: Bearer …"');
    return v;
  };
  const ctx: RouteContext = {
    deps,
    session: s,
    index,
    dir: () => dir,
    now: deps.now ?? Date.now,
    viewerOf,
    operatorOnly: async (req) => {
      const v = await viewerOf(req);
      if (v.kind !== 'operator') throw new HttpError(403, 'operators only');
    },
  };
  registerListRoutes(app, ctx);
  registerDocumentRoutes(app, ctx);
  registerOpsRoutes(app, ctx);
  return { index, ready: index.ready };
}
