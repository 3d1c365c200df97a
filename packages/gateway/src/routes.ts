import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TSchema } from '@sinclair/typebox';
import type { Topology } from '@lienthong/core';
import { HttpError } from '@lienthong/node';
import type { HttpPlugin } from '@lienthong/node';
import type { MessageType } from './codec';
import { EdocGateway, GatewayError, gatewayErrorOf } from './service';
import type { GatewayHost, GatewayOptions } from './service';
import { openApiDocument } from './openapi';
import { SIGNATURE_HEADER } from './edxml-signature';
import { API_PREFIX, ROUTES } from './route-table';
import type { RouteSpec } from './route-table';
import { inline } from './schemas';
import type { HttpTokenStore } from './tokens';

export { API_PREFIX, ROUTES } from './route-table';
export type { RouteSpec } from './route-table';

/** How callers prove who they are. */
export type GatewayAuth =
  | { readonly mode: 'token'; readonly tokens: HttpTokenStore }
  /** `up --no-auth`: the caller names its agency in `X-Lienthong-Agency`. */
  | { readonly mode: 'none' };

export interface GatewayPluginOptions extends GatewayOptions {
  readonly auth: GatewayAuth;
}

/** The gateway plugin, and its service once mounted (for tests and other transports). */
export interface GatewayPlugin extends HttpPlugin {
  readonly gateway: EdocGateway | undefined;
}

/**
 * The gateway's routes, mounted at `/api/v1` on the node's HTTP port (`startNode(config,
 * { httpPlugins: [gatewayPlugin(opts)] })`); the service is built on the node runtime it mounts on.
 */
export function gatewayPlugin(opts: GatewayPluginOptions): GatewayPlugin {
  let gateway: EdocGateway | undefined;
  return {
    name: 'edxml-gateway',
    prefix: API_PREFIX,
    get gateway() {
      return gateway;
    },
    register: (app, ctx) => {
      gateway = new EdocGateway(ctx.host as GatewayHost, {
        ...(ctx.nats ? { jetstream: { js: ctx.nats.js, jsm: ctx.nats.jsm } } : {}),
        // An item an agency's client cannot read stays in its inbox, unlisted: the operator is told.
        onUnreadable: (item) =>
          ctx.log.warn(
            {
              agency: item.agency,
              sequence: item.sequence,
              subject: item.subject,
              deliveryCount: item.deliveryCount,
            },
            `an inbox item of ${item.agency} cannot be read here and is not listed: ${item.reason}`,
          ),
        ...opts,
      });
      registerRoutes(app, gateway, opts.auth, openApiDocument());
    },
    close: async () => {
      await gateway?.close();
    },
  };
}

type Handler = (req: FastifyRequest, reply: FastifyReply, agency: string) => Promise<unknown>;

function registerRoutes(
  app: FastifyInstance,
  gateway: EdocGateway,
  auth: GatewayAuth,
  openapi: object,
): void {
  // The package is streamed to the gateway as it arrives (bounded memory, limit enforced there).
  app.addContentTypeParser(XML_TYPES, (_req, payload, done) => done(null, payload));
  // A body of a media type no parser takes is refused before any handler runs: say what the route takes.
  app.setErrorHandler((err: FastifyError, req) => {
    if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') throw httpErrorOf(wrongMediaType(req));
    throw err;
  });
  const handlers = handlersOf(gateway, openapi);
  for (const r of ROUTES) {
    const handle = handlers[r.operationId]!;
    app.route({
      method: r.method,
      url: r.url,
      schema: {
        ...(r.params ? { params: inline(r.params) } : {}),
        ...(r.query ? { querystring: inline(r.query) } : {}),
        ...(r.body && r.body !== 'xml' ? { body: inline(r.body) } : {}),
        // JSON answers are serialised through their schema (fast-json-stringify): nothing else leaks.
        ...(r.success.schema ? { response: { [r.success.status]: strip(r.success.schema) } } : {}),
      },
      // Streamed bodies are limited by the gateway itself; JSON bodies are small.
      ...(r.body === 'xml' ? { bodyLimit: Number.MAX_SAFE_INTEGER } : {}),
      config: { body: r.body },
      // A JSON route given text (Fastify parses text/plain too) is told so, not "body must be object".
      ...(r.body && r.body !== 'xml'
        ? {
            preValidation: (req: FastifyRequest, _reply: FastifyReply, done: (e?: Error) => void) =>
              done(isJson(req.headers['content-type']) ? undefined : httpErrorOf(wrongMediaType(req))),
          }
        : {}),
      handler: (req, reply) => answer(r, handle, auth, req, reply),
    });
  }
}

/** The handler of each route, by its operation id: thin calls into the service. */
function handlersOf(gateway: EdocGateway, openapi: object): Record<string, Handler> {
  // The directory's answer, serialised once per directory version (the national one is 600 KB: 16 ms).
  const directoryJson = new WeakMap<Topology, Buffer>();
  return {
    sendEdoc: async (req, reply, agency) => {
      if (!req.body || typeof (req.body as AsyncIterable<Uint8Array>)[Symbol.asyncIterator] !== 'function') {
        throw wrongMediaType(req);
      }
      const length = req.headers['content-length'];
      const r = await gateway.sendPackage(
        agency,
        req.body as AsyncIterable<Uint8Array>,
        length !== undefined ? Number(length) : undefined,
      );
      return reply.code(202).send(r);
    },
    getReceivedEdocList: (req, _reply, agency) =>
      gateway.listReceived(agency, (req.query as { messageType?: MessageType }).messageType),
    getSentEdocList: (req, _reply, agency) =>
      gateway.sent(agency, (req.query as { documentId: string }).documentId),
    getEdoc: async (req, reply, agency) => {
      const p = await gateway.getPackage(agency, (req.params as { id: string }).id);
      void reply.type('application/xml');
      if (p.edxmlSignature) void reply.header(SIGNATURE_HEADER, p.edxmlSignature);
      if (p.size !== undefined) void reply.header('content-length', p.size);
      return reply.send(
        p.body instanceof Uint8Array
          ? Buffer.from(p.body.buffer, p.body.byteOffset, p.body.byteLength)
          : p.body,
      );
    },
    getEdocSignature: (req, _reply, agency) => gateway.signature(agency, (req.params as { id: string }).id),
    updateStatusDone: (req, _reply, agency) => gateway.ack(agency, (req.params as { id: string }).id),
    updateStatusFail: (req, _reply, agency) =>
      gateway.fail(agency, (req.params as { id: string }).id, (req.body as { reason: string }).reason),
    getRefusals: (req, _reply, agency) => gateway.refusals(agency, sinceOf(req.query as { since?: string })),
    getAgenciesList: (_req, reply, agency) => {
      gateway.assertServes(agency);
      const t = gateway.topology;
      let body = directoryJson.get(t);
      if (!body) directoryJson.set(t, (body = Buffer.from(reply.serialize(gateway.agencies()) as string)));
      return Promise.resolve(reply.type('application/json; charset=utf-8').send(body));
    },
    openapi: () => Promise.resolve(openapi),
  };
}

const XML_TYPES = ['application/xml', 'text/xml', 'application/edxml+xml'];

function isJson(contentType: string | undefined): boolean {
  return /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(contentType ?? '');
}

/** 415 naming what the route takes and what the request said it sent. */
function wrongMediaType(req: FastifyRequest): GatewayError {
  const xml = (req.routeOptions.config as { body?: unknown } | undefined)?.body === 'xml';
  const takes = xml ? `one edXML package as ${XML_TYPES.join(', ')}` : 'a JSON object as application/json';
  const type = req.headers['content-type'];
  const got = type ? `Content-Type '${type.slice(0, 80)}'` : 'no Content-Type';
  return new GatewayError(415, 'UnsupportedMediaType', `post ${takes}; the request had ${got}`);
}

/** Runs a route's handler for its caller; a failure becomes the JSON error answer of its code. */
async function answer(
  r: RouteSpec,
  handle: Handler,
  auth: GatewayAuth,
  req: FastifyRequest,
  reply: FastifyReply,
): Promise<unknown> {
  try {
    const agency = r.auth ? callerOf(req, auth) : '';
    const out = await handle(req, reply, agency);
    if (!reply.sent && out !== reply) return out;
    return reply;
  } catch (e) {
    // A body refused before its end is not read further: the connection cannot be reused.
    if (!req.raw.readableEnded) void reply.header('connection', 'close');
    throw httpErrorOf(gatewayErrorOf(e));
  }
}

/** The HTTP answer of a gateway error (a wait in `Retry-After`, whole seconds). */
function httpErrorOf(g: GatewayError): HttpError {
  return new HttpError(
    g.status,
    g.code,
    g.message,
    g.details,
    g.retryAfterMs !== undefined
      ? { 'retry-after': String(Math.max(1, Math.ceil(g.retryAfterMs / 1000))) }
      : undefined,
  );
}

/** A schema without any `$id` (fastify would register them as shared schemas). */
function strip(s: TSchema): TSchema {
  return JSON.parse(JSON.stringify(s, (k, v: unknown) => (k === '$id' ? undefined : v))) as TSchema;
}

/** The agency a request acts for: from its bearer token, or (without auth) its header. */
function callerOf(req: FastifyRequest, auth: GatewayAuth): string {
  if (auth.mode === 'none') {
    const h = req.headers['x-lienthong-agency'];
    if (typeof h !== 'string' || h === '') {
      throw new GatewayError(401, 'Unauthenticated', 'name your agency in the X-Lienthong-Agency header');
    }
    return h;
  }
  const a = req.headers.authorization;
  const m = typeof a === 'string' ? /^Bearer\s+(\S+)$/i.exec(a) : null;
  if (!m) throw new GatewayError(401, 'Unauthenticated', 'send Authorization: Bearer <token>');
  const agency = auth.tokens.agencyOf(m[1]!);
  if (!agency) throw new GatewayError(401, 'Unauthenticated', 'the token is not valid (unknown or revoked)');
  const named = req.headers['x-lienthong-agency'];
  if (typeof named === 'string' && named !== '' && named !== agency) {
    throw new GatewayError(403, 'PermissionDenied', `the token is ${agency}'s, not ${named}'s`);
  }
  return agency;
}

/** `since` as Unix milliseconds (0 without it); 400 when it is not a date. */
function sinceOf(query: { since?: string }): number {
  if (query.since === undefined) return 0;
  const ms = Date.parse(query.since);
  if (Number.isNaN(ms)) {
    throw new GatewayError(
      400,
      'InvalidArgument',
      `since: '${query.since}' is not a date (ISO 8601, e.g. 2026-12-06T00:00:00Z)`,
    );
  }
  return ms;
}
