import Fastify from 'fastify';
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { NatsHandles } from '@lienthong/infra';
import type { NodeMetrics } from './metrics';
import { TOKENS } from './tokens';

export interface HealthSource {
  /** False while draining or disconnected from NATS. */
  ready(): { ok: boolean; reason?: string };
  /** Refreshes gauges that are read on demand (backlogs). */
  refresh?(): Promise<void>;
}

/**
 * The body of every error answer of the node's HTTP server and of its plugins: a stable code (the
 * SDK's error codes where one applies), a message for people, and optional structured details.
 * Never a stack trace.
 */
export interface HttpErrorBody {
  readonly code: string;
  readonly message: string;
  readonly details?: Record<string, unknown>;
}

/** An error a plugin throws to answer with a given HTTP status and body. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
    /** Extra response headers, e.g. `Retry-After`. */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** What a plugin is given when it is mounted. `host` is the node runtime (typed by the plugin). */
export interface HttpPluginContext {
  readonly log: Logger;
  readonly health: HealthSource;
  readonly metrics: NodeMetrics;
  /** The node runtime that serves this port; plugins narrow it to what they need. */
  readonly host: unknown;
  /** The node process's NATS connection (its node identity), when it has one. */
  readonly nats?: NatsHandles;
}

/**
 * Something mounted on the node's HTTP port beside `/metrics`, `/healthz` and `/readyz`: the edXML
 * gateway (`/api/v1`), a VXP endpoint (`/vxp`), the dashboard (`/`). Register plugins with
 * `startNode(config, { httpPlugins })` (container token {@link HTTP_PLUGINS}).
 */
export interface HttpPlugin {
  readonly name: string;
  /** Mount point, e.g. `/api/v1`; routes the plugin registers are under it. */
  readonly prefix?: string;
  register(app: FastifyInstance, ctx: HttpPluginContext): Promise<void> | void;
  /** Called when the server closes, after it stopped taking requests. */
  close?(): Promise<void>;
}

/** Container token of the list of {@link HttpPlugin}s a node process serves (`TOKENS.HttpPlugins`). */
export const HTTP_PLUGINS: typeof TOKENS.HttpPlugins = TOKENS.HttpPlugins;

/** How many routes a 404 under a mount point names. */
const MAX_ROUTES_NAMED = 16;

/** Largest body the server reads into memory for routes that do not stream their body. */
const DEFAULT_BODY_LIMIT = 1024 * 1024;

/**
 * A node process's HTTP server (fastify): `/metrics`, `/healthz` (alive), `/readyz` (serving), and
 * the routes of its plugins on the same port. Errors are JSON `{ code, message, details? }`.
 */
export class HealthServer {
  private app: FastifyInstance | undefined;

  constructor(
    private readonly metrics: NodeMetrics,
    private readonly health: HealthSource,
    private readonly plugins: readonly HttpPlugin[] = [],
    private readonly log?: Logger,
    private readonly host?: unknown,
    private readonly nats?: NatsHandles,
  ) {}

  /** Listens on `port` (0 picks a free one); resolves with the bound address. */
  async listen(port: number, host = '127.0.0.1'): Promise<{ host: string; port: number; url: string }> {
    const app = await this.build();
    this.app = app;
    await app.listen({ port, host });
    const addr = app.server.address() as AddressInfo;
    return { host: addr.address, port: addr.port, url: `http://${addr.address}:${addr.port}` };
  }

  /** What this port serves, for the answer to an unknown route: the health routes, then each plugin's mount point. */
  private mountPoints(): string {
    const points = [
      ...new Set(['/metrics', '/healthz', '/readyz', ...this.plugins.map((p) => p.prefix ?? '/')]),
    ];
    return `${points.slice(0, -1).join(', ')} or ${points.at(-1)!}`;
  }

  /**
   * For a path under a plugin's mount point (`/api/v1/…`, not the dashboard's `/`): the routes there,
   * and the document describing them when the plugin serves one (`openapi.json`).
   */
  private routesNear(path: string, routes: readonly { method: string; url: string }[]): string | undefined {
    const prefix = this.plugins
      .map((p) => p.prefix)
      .filter((p): p is string => p !== undefined && p !== '/' && (path === p || path.startsWith(`${p}/`)))
      .sort((a, b) => b.length - a.length)[0];
    if (prefix === undefined) return undefined;
    const here = routes.filter((r) => r.url.startsWith(`${prefix}/`) || r.url === prefix);
    if (here.length === 0) return undefined;
    const shown = here.slice(0, MAX_ROUTES_NAMED).map((r) => `${r.method} ${r.url}`);
    if (here.length > MAX_ROUTES_NAMED) shown.push(`… ${here.length - MAX_ROUTES_NAMED} more`);
    const described = here.find((r) => r.method === 'GET' && r.url.endsWith('/openapi.json'));
    return `the routes under ${prefix} are ${shown.join(', ')}${described ? ` (${described.url} describes them)` : ''}`;
  }

  /** The fastify instance with every route, not listening (for `inject()` in tests). */
  async build(): Promise<FastifyInstance> {
    const app = Fastify({
      logger: false,
      bodyLimit: DEFAULT_BODY_LIMIT,
      forceCloseConnections: true,
    });
    app.setErrorHandler((err: FastifyError | HttpError, _req, reply) => this.sendError(err, reply));
    const served = this.mountPoints();
    // Every route as registered, for naming those under a plugin's mount point in a 404.
    const routes: { method: string; url: string }[] = [];
    app.addHook('onRoute', (r) => {
      for (const method of [r.method].flat()) if (method !== 'HEAD') routes.push({ method, url: r.url });
    });
    app.setNotFoundHandler((req, reply) => {
      const path = req.url.split('?')[0]!;
      return reply.code(404).send({
        code: 'NotFound',
        message: `no route ${req.method} ${path}; ${this.routesNear(path, routes) ?? `try ${served}`}`,
      } satisfies HttpErrorBody);
    });
    app.get('/healthz', (_req, reply) => reply.type('text/plain').send('ok\n'));
    app.get('/readyz', (_req, reply) => {
      const r = this.health.ready();
      return reply
        .code(r.ok ? 200 : 503)
        .type('text/plain')
        .send(r.ok ? 'ready\n' : `not ready: ${r.reason}\n`);
    });
    app.get('/metrics', async (_req, reply) => {
      await this.health.refresh?.().catch(() => undefined);
      return reply.type(this.metrics.registry.contentType).send(await this.metrics.registry.metrics());
    });
    const ctx: HttpPluginContext = {
      log: this.log ?? silentLogger(),
      health: this.health,
      metrics: this.metrics,
      host: this.host,
      ...(this.nats ? { nats: this.nats } : {}),
    };
    for (const p of this.plugins) {
      await app.register(
        async (scope) => {
          await p.register(scope, ctx);
        },
        p.prefix ? { prefix: p.prefix } : {},
      );
    }
    await app.ready();
    return app;
  }

  async close(): Promise<void> {
    const app = this.app;
    if (!app) return;
    this.app = undefined;
    await app.close();
    for (const p of this.plugins) await p.close?.().catch(() => undefined);
  }

  private sendError(err: FastifyError | HttpError, reply: FastifyReply): FastifyReply {
    if (err instanceof HttpError) {
      if (err.headers) void reply.headers(err.headers);
      return reply.code(err.statusCode).send({
        code: err.code,
        message: err.message,
        ...(err.details ? { details: err.details } : {}),
      } satisfies HttpErrorBody);
    }
    const status = typeof err.statusCode === 'number' && err.statusCode >= 400 ? err.statusCode : 500;
    if (status === 500) this.log?.error({ err }, 'HTTP handler failed');
    return reply.code(status).send({
      code: codeOfStatus(status, err),
      message: status === 500 ? 'internal error' : err.validation ? validationMessage(err) : err.message,
    } satisfies HttpErrorBody);
  }
}

interface ValidationProblem {
  readonly instancePath?: string;
  readonly keyword?: string;
  readonly message?: string;
  readonly params?: Record<string, unknown>;
}

/**
 * One readable sentence per field from a schema validation failure: a choice between constants
 * (`edoc | status`) reads "must be one of edoc, status" instead of one line per alternative.
 */
export function validationMessage(err: { validation?: unknown; validationContext?: string }): string {
  const problems = (Array.isArray(err.validation) ? err.validation : []) as ValidationProblem[];
  const byPath = new Map<string, ValidationProblem[]>();
  for (const p of problems) {
    const at = p.instancePath ?? '';
    byPath.set(at, [...(byPath.get(at) ?? []), p]);
  }
  const context = err.validationContext ?? 'request';
  const parts = [...byPath].map(([at, ps]) => {
    const where = `${context}${at}`;
    const allowed = ps.filter((p) => p.keyword === 'const').map((p) => String(p.params?.['allowedValue']));
    if (allowed.length > 0) return `${where} must be one of ${allowed.join(', ')}`;
    return `${where} ${[...new Set(ps.map((p) => p.message ?? 'is not valid'))].join(', ')}`;
  });
  return parts.length > 0 ? parts.join('; ') : 'the request does not match its schema';
}

/** An error code for a framework error (validation, body too large, bad content type). */
function codeOfStatus(status: number, err: FastifyError): string {
  if (err.validation) return 'InvalidArgument';
  switch (status) {
    case 400:
      return 'InvalidArgument';
    case 401:
      return 'Unauthenticated';
    case 403:
      return 'PermissionDenied';
    case 404:
      return 'NotFound';
    case 413:
      return 'TooLarge';
    case 415:
      return 'UnsupportedMediaType';
    case 429:
      return 'ResourceExhausted';
    case 503:
      return 'Unavailable';
    default:
      return status >= 500 ? 'Internal' : 'InvalidArgument';
  }
}

function silentLogger(): Logger {
  const noop = (): void => undefined;
  const l = {
    info: noop,
    warn: noop,
    error: noop,
    debug: noop,
    trace: noop,
    fatal: noop,
  } as unknown as Logger;
  (l as unknown as { child: () => Logger }).child = () => l;
  return l;
}
