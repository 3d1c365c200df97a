/**
 * The VXP-compatible endpoint: the national axis's client protocol (SDKVXP 2.0.1), served at `/vxp`
 * on the node's HTTP port as a second thin layer over the gateway's service. A system built on that
 * client moves here by changing its endpoint, system id and secret (docs/VXP.md).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { HttpPlugin, HttpPluginContext } from '@lienthong/node';
import { GatewayError, gatewayErrorOf } from '../service';
import type { EdocGateway } from '../service';
import type { HttpTokenStore } from '../tokens';
import { authenticate } from './auth';
import type { Caller } from './auth';
import { readSmall } from './body';
import {
  RenderedJson,
  SIGN_HEADER,
  SYSTEM_HEADER,
  VXP_ERRORS,
  VxpError,
  asciiJson,
  failEnvelope,
} from './protocol';
import { VxpVerbs } from './verbs';

type Logger = HttpPluginContext['log'];

/** Where the endpoint is mounted: the client's configured endpoint is `http://host:port/vxp`. */
export const VXP_PREFIX = '/vxp';

export const VXP_VERBS = [
  'sendEdoc',
  'getReceivedEdocList',
  'getEdoc',
  'downloadEdoc',
  'updateStatus',
  'getSentEdocList',
  'countReceiveEdoc',
  'countReceiveStatus',
  'getAgenciesList',
  'getAgenciesListQD20',
  'getSynchronizeUnit',
  'registerAgency',
  'deleteAgency',
] as const;
export type VxpVerb = (typeof VXP_VERBS)[number];

export interface VxpPluginOptions {
  /** The gateway service (the `/api/v1` plugin's, once mounted). */
  readonly gateway: () => EdocGateway | undefined;
  /**
   * The token store holding the system ids' secrets. Without it (`up --no-auth`) signatures are not
   * checked and `XroadVnpt-from`, else `XroadVnpt-systemid`, names the agency.
   */
  readonly tokens?: HttpTokenStore;
  /** Largest JSON request body read (registerAgency); 1 MiB by default. */
  readonly maxJsonBytes?: number;
}

/**
 * The VXP endpoint plugin, mounted after the gateway's (`httpPlugins: [gw, vxpPlugin({ gateway: ()
 * => gw.gateway, tokens })]`).
 */
export function vxpPlugin(opts: VxpPluginOptions): HttpPlugin {
  return {
    name: 'vxp',
    prefix: VXP_PREFIX,
    register: (app, ctx) => registerVxp(app, opts, ctx.log, ctx.nats?.kvm),
  };
}

function registerVxp(
  app: FastifyInstance,
  opts: VxpPluginOptions,
  log: Logger,
  kvm: ConstructorParameters<typeof VxpVerbs>[2],
): void {
  // Bodies are read by the verbs themselves: sendEdoc streams the package, the others read little.
  // (`application/json` with an empty body is what the client sends for list verbs.)
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_req, payload, done) => done(null, payload));
  const maxJson = opts.maxJsonBytes ?? 1024 * 1024;
  const verbs = new VxpVerbs(opts.gateway, maxJson, kvm);
  const handle = handlerOf(verbs);
  for (const verb of VXP_VERBS) {
    app.route({
      method: verb === 'downloadEdoc' ? ['GET', 'POST'] : 'POST',
      url: `/${verb}`,
      bodyLimit: Number.MAX_SAFE_INTEGER,
      handler: async (req, reply) => {
        if (verb === 'downloadEdoc') {
          return download(req, reply, opts, (c) => verbs.downloadEdoc(reply, c), log);
        }
        let answer: unknown;
        try {
          const caller = authenticate(req, opts.tokens);
          if (verb !== 'sendEdoc' && verb !== 'registerAgency' && verb !== 'deleteAgency') {
            await readSmall(req, maxJson);
          }
          answer = await handle[verb](req, caller);
        } catch (e) {
          if (!req.raw.readableEnded) void reply.header('connection', 'close');
          const v = vxpErrorOf(e);
          // What the answer leaves out goes to the node's log.
          if (v.code === VXP_ERRORS.INTERNAL) log.error({ err: e, verb }, 'vxp: internal error');
          answer = { ...failEnvelope(v), ...(verb === 'sendEdoc' ? { DocId: '' } : {}) };
        }
        // Every JSON answer is 200 (the client ignores the status) and ASCII (sendEdoc reads it so).
        if (answer instanceof RenderedJson && answer.length !== undefined)
          void reply.header('content-length', answer.length);
        return reply
          .code(200)
          .type('application/json; charset=utf-8')
          .send(answer instanceof RenderedJson ? answer.body : asciiJson(answer));
      },
    });
  }
  app.setNotFoundHandler((req, reply) =>
    reply
      .code(404)
      .type('application/json; charset=utf-8')
      .send(
        asciiJson({
          ...failEnvelope(
            new VxpError(
              VXP_ERRORS.BAD_REQUEST,
              `no VXP verb ${req.method} ${req.url.split('?')[0]}; the verbs are ${VXP_VERBS.join(', ')}`,
            ),
          ),
        }),
      ),
  );
}

/**
 * downloadEdoc answers the raw bytes; the client saves ANY non-empty body as the document and calls
 * it a success, so an error is an empty body (the client reports FAIL / 100) with the code and
 * description in `XroadVnpt-ErrorCode` / `XroadVnpt-ErrorDesc`.
 */
async function download(
  req: FastifyRequest,
  reply: FastifyReply,
  opts: VxpPluginOptions,
  handle: (c: Caller) => Promise<unknown>,
  log: Logger,
): Promise<unknown> {
  try {
    if (req.headers[SYSTEM_HEADER] === undefined && req.headers[SIGN_HEADER] === undefined) {
      throw new VxpError(
        VXP_ERRORS.NOT_SIGNED,
        'downloadEdoc without XroadVnpt headers (downloadEdoc2) names no document: use downloadEdoc',
      );
    }
    const caller = authenticate(req, opts.tokens);
    await readSmall(req, 1024 * 1024);
    return await handle(caller);
  } catch (e) {
    const v = vxpErrorOf(e);
    if (v.code === VXP_ERRORS.INTERNAL) log.error({ err: e, verb: 'downloadEdoc' }, 'vxp: internal error');
    return reply
      .code(
        v.code === VXP_ERRORS.NOT_FOUND ? 404 : Number(v.code) <= Number(VXP_ERRORS.NO_SECRET) ? 401 : 400,
      )
      .header('xroadvnpt-errorcode', v.code)
      .header('xroadvnpt-errordesc', asciiHeader(v.message))
      .header('content-length', 0)
      .send();
  }
}

function asciiHeader(s: string): string {
  return s.normalize('NFD').replace(/[^\x20-\x7e]/g, '');
}

/** Gateway and SDK errors as VXP error codes. */
export function vxpErrorOf(e: unknown): VxpError {
  if (e instanceof VxpError) return e;
  const g = e instanceof GatewayError ? e : gatewayErrorOf(e);
  switch (g.status) {
    case 400:
      return new VxpError(
        g.details?.['codecCode'] ? VXP_ERRORS.BAD_PACKAGE : VXP_ERRORS.BAD_REQUEST,
        g.message,
      );
    case 401:
      return new VxpError(VXP_ERRORS.FROM_NOT_ALLOWED, g.message);
    case 403:
      return new VxpError(VXP_ERRORS.FORBIDDEN, g.message);
    case 404:
      return new VxpError(VXP_ERRORS.NOT_FOUND, g.message);
    case 409:
      return new VxpError(VXP_ERRORS.CONFLICT, g.message);
    case 413:
      return new VxpError(VXP_ERRORS.TOO_LARGE, g.message);
    case 429:
      return new VxpError(
        VXP_ERRORS.BUSY,
        `${g.message}; try again in ${Math.max(1, Math.ceil((g.retryAfterMs ?? 1000) / 1000))} s`,
      );
    case 503:
      return new VxpError(VXP_ERRORS.UNAVAILABLE, g.message);
    case 500:
      // Content gone from the store: which attachment, and its hash, is no internal detail.
      if (g.code === 'DataLoss') return new VxpError(VXP_ERRORS.INTERNAL, g.message);
      return new VxpError(VXP_ERRORS.INTERNAL, 'internal error');
    default:
      return new VxpError(VXP_ERRORS.INTERNAL, 'internal error');
  }
}

/** Each verb's handler over the verbs' implementation. */
function handlerOf(
  v: VxpVerbs,
): Record<Exclude<VxpVerb, 'downloadEdoc'>, (req: FastifyRequest, c: Caller) => Promise<unknown>> {
  return {
    sendEdoc: (req, c) => v.sendEdoc(req, c),
    getReceivedEdocList: (_req, c) => v.getReceivedEdocList(c),
    getEdoc: (_req, c) => v.getEdoc(c),
    updateStatus: (_req, c) => v.updateStatus(c),
    getSentEdocList: (_req, c) => v.getSentEdocList(c),
    countReceiveEdoc: (_req, c) => v.countReceived(c, 'edoc'),
    countReceiveStatus: (_req, c) => v.countReceived(c, 'status'),
    getAgenciesList: (_req, c) => Promise.resolve(v.getAgenciesList(c)),
    getAgenciesListQD20: (_req, c) => Promise.resolve(v.getAgenciesListQD20(c)),
    getSynchronizeUnit: (_req, c) => Promise.resolve(v.getSynchronizeUnit(c)),
    registerAgency: (req, c) => v.registerAgency(req, c),
    deleteAgency: (req, c) => v.deleteAgency(req, c),
  };
}
