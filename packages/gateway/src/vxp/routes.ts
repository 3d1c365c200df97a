/**
 * The VXP-compatible endpoint: the national axis's client protocol (SDKVXP 2.0.1), served at `/vxp`
 * on the node's HTTP port as a second thin layer over the gateway's service. A system built on that
 * client moves here by changing its endpoint, system id and secret (docs/VXP.md).
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isAgencyCode } from '@lienthong/core';
import type { HttpPlugin } from '@lienthong/node';
import type { MessageType } from '../codec';
import { GatewayError, gatewayErrorOf } from '../service';
import type { EdocGateway, SentRecord } from '../service';
import type { HttpTokenStore } from '../tokens';
import {
  HASH_HEADER,
  OK,
  SIGN_HEADER,
  SYSTEM_HEADER,
  VXP_ERRORS,
  VxpError,
  asciiJson,
  compact,
  failEnvelope,
  parseSignHeader,
  sameOnTheWire,
  signatureMatches,
  unpaddedHex,
  vxpTime,
} from './protocol';

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

/** Who a verified request acts for. */
interface Caller {
  readonly systemId: string;
  readonly agency: string;
  /** Signed caller keys, names lowercased without `xroadvnpt-`; a key may carry several spellings. */
  readonly params: ReadonlyMap<string, readonly string[]>;
}

/** What a sent package is, kept so getSentEdocList can answer for the DocId sendEdoc gave. */
interface SentEntry {
  readonly documentId: string;
  readonly messageType: MessageType;
  readonly atMs: number;
}

const MAX_SENT_REMEMBERED = 10_000;
const SENT_LIST_MAX = 100;

/**
 * The VXP endpoint plugin, mounted after the gateway's (`httpPlugins: [gw, vxpPlugin({ gateway: ()
 * => gw.gateway, tokens })]`).
 */
export function vxpPlugin(opts: VxpPluginOptions): HttpPlugin {
  return {
    name: 'vxp',
    prefix: VXP_PREFIX,
    register: (app) => registerVxp(app, opts),
  };
}

function registerVxp(app: FastifyInstance, opts: VxpPluginOptions): void {
  // Bodies are read by the verbs themselves: sendEdoc streams the package, the others read little.
  // (`application/json` with an empty body is what the client sends for list verbs.)
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_req, payload, done) => done(null, payload));
  const sent = new Map<string, Map<string, SentEntry>>();
  const maxJson = opts.maxJsonBytes ?? 1024 * 1024;

  const gatewayOf = (): EdocGateway => {
    const g = opts.gateway();
    if (!g) throw new VxpError(VXP_ERRORS.UNAVAILABLE, 'the gateway is not mounted on this node');
    return g;
  };

  const remember = (agency: string, id: string, e: SentEntry): void => {
    let m = sent.get(agency);
    if (!m) sent.set(agency, (m = new Map()));
    m.delete(id);
    m.set(id, e);
    if (m.size > MAX_SENT_REMEMBERED) m.delete(m.keys().next().value!);
  };

  const handlers: Record<VxpVerb, (req: FastifyRequest, reply: FastifyReply, c: Caller) => Promise<unknown>> =
    {
      sendEdoc: async (req, _reply, c) => {
        const g = gatewayOf();
        const body = req.body as AsyncIterable<Uint8Array> | undefined;
        if (!body || typeof body[Symbol.asyncIterator] !== 'function') {
          throw new VxpError(VXP_ERRORS.BAD_REQUEST, 'post the edXML package as the body');
        }
        const hashFile = one(c, 'hash-file');
        const length = req.headers['content-length'];
        const r = await g.sendPackage(
          c.agency,
          withoutClientCrlf(body, hashFile),
          length !== undefined ? Number(length) - 2 : undefined,
        );
        remember(c.agency, r.id, { documentId: r.documentId, messageType: r.messageType, atMs: Date.now() });
        return { ...OK, DocId: r.id };
      },

      getReceivedEdocList: async (_req, _reply, c) => {
        const items = await gatewayOf().listReceived(c.agency, messageTypeOf(c));
        return {
          ...OK,
          data: items.map((i) =>
            compact({
              docId: i.id,
              serviceType: 'eDoc',
              messageType: i.messageType,
              created_time: vxpTime(Date.parse(i.receivedAt)),
              updated_time: vxpTime(Date.parse(i.receivedAt)),
              from: i.from,
              to: c.agency,
              status: 'initial',
              status_desc: 'Chưa nhận',
              // Not read by the client; for people reading the answer.
              documentId: i.documentId,
              statusCode: i.statusCode,
            }),
          ),
        };
      },

      getEdoc: async (_req, _reply, c) => {
        const p = await gatewayOf().getPackage(c.agency, docIdOf(c));
        const bytes = p.body instanceof Uint8Array ? Buffer.from(p.body) : await collect(p.body);
        return { ...OK, data: bytes.toString('base64') };
      },

      downloadEdoc: async (_req, reply, c) => {
        const p = await gatewayOf().getPackage(c.agency, docIdOf(c));
        void reply.type('application/octet-stream');
        if (p.size !== undefined) void reply.header('content-length', p.size);
        return reply.send(
          p.body instanceof Uint8Array
            ? Buffer.from(p.body.buffer, p.body.byteOffset, p.body.byteLength)
            : p.body,
        );
      },

      updateStatus: async (_req, _reply, c) => {
        const g = gatewayOf();
        const id = docIdOf(c);
        const status = (one(c, 'status') ?? '').toLowerCase();
        if (status === 'done') await g.ack(c.agency, id);
        else if (status === 'fail') {
          await g.fail(c.agency, id, one(c, 'status_desc') ?? one(c, 'description') ?? 'fail');
        } else {
          throw new VxpError(
            VXP_ERRORS.BAD_REQUEST,
            status === ''
              ? 'updateStatus needs status done or fail'
              : `status '${status}' is not done or fail`,
          );
        }
        return { ...OK };
      },

      getSentEdocList: async (_req, _reply, c) => {
        const g = gatewayOf();
        const mine = sent.get(c.agency) ?? new Map<string, SentEntry>();
        const asked = one(c, 'docid');
        const targets: { vxpId: string; documentId: string; atMs?: number }[] = [];
        if (asked !== undefined && asked !== '') {
          const e = mine.get(asked);
          targets.push({ vxpId: asked, documentId: e?.documentId ?? asked, ...(e ? { atMs: e.atMs } : {}) });
        } else {
          const seen = new Set<string>();
          for (const [id, e] of [...mine.entries()].reverse()) {
            if (e.messageType !== 'edoc' || seen.has(e.documentId)) continue;
            seen.add(e.documentId);
            targets.push({ vxpId: id, documentId: e.documentId, atMs: e.atMs });
            if (targets.length >= SENT_LIST_MAX) break;
          }
          targets.reverse();
        }
        const data: Record<string, unknown>[] = [];
        for (const t of targets) {
          let records: SentRecord[];
          try {
            records = await g.sent(c.agency, t.documentId);
          } catch (e) {
            // A DocId asked for and unknown is an error; one remembered and gone is left out.
            if (asked !== undefined && asked !== '') throw e;
            continue;
          }
          for (const r of records) data.push(sentItem(c.agency, t.vxpId, t.documentId, r));
        }
        return { ...OK, data };
      },

      countReceiveEdoc: async (_req, _reply, c) => ({
        ...OK,
        count: (await gatewayOf().listReceived(c.agency, 'edoc')).length,
      }),

      countReceiveStatus: async (_req, _reply, c) => ({
        ...OK,
        count: (await gatewayOf().listReceived(c.agency, 'status')).length,
      }),

      getAgenciesList: (_req, _reply, c) => {
        const list = directory(gatewayOf(), c.agency);
        return Promise.resolve({
          ...OK,
          data: list.map((a) =>
            compact({ id: a.code, pid: a.parentCode || '-1', code: a.code, name: a.name }),
          ),
        });
      },

      getAgenciesListQD20: (_req, _reply, c) => {
        const list = directory(gatewayOf(), c.agency);
        return Promise.resolve({
          ...OK,
          data: list.map((a) => ({ id: a.code, code: a.code, name: a.name, code102: a.code })),
        });
      },

      getSynchronizeUnit: (_req, _reply, c) => {
        const list = directory(gatewayOf(), c.agency);
        const parent = new Map(list.map((a) => [a.code, a.parentCode]));
        const root = (code: string): string => {
          let cur = code;
          for (let i = 0; i < 16; i++) {
            const p = parent.get(cur);
            if (!p || !parent.has(p)) return cur;
            cur = p;
          }
          return cur;
        };
        return Promise.resolve({
          ...OK,
          data: list.map((a) => ({
            id: a.code,
            pid: a.parentCode || '-1',
            code: a.code,
            name: a.name,
            centerCode: root(a.code),
            version: 1,
            deleted: false,
            isAgency: true,
          })),
        });
      },

      registerAgency: async (req) => {
        // The body is read (and dropped) so the connection stays usable.
        await readSmall(req, maxJson);
        throw new VxpError(
          VXP_ERRORS.DIRECTORY_READ_ONLY,
          'directory changes go through the operator (lienthong directory / the topology file), not over VXP',
        );
      },

      deleteAgency: async (req) => {
        await readSmall(req, maxJson);
        throw new VxpError(
          VXP_ERRORS.DIRECTORY_READ_ONLY,
          'directory changes go through the operator (lienthong directory / the topology file), not over VXP',
        );
      },
    };

  for (const verb of VXP_VERBS) {
    app.route({
      method: verb === 'downloadEdoc' ? ['GET', 'POST'] : 'POST',
      url: `/${verb}`,
      bodyLimit: Number.MAX_SAFE_INTEGER,
      handler: async (req, reply) => {
        if (verb === 'downloadEdoc') return download(req, reply, opts, handlers.downloadEdoc);
        let answer: unknown;
        try {
          const caller = authenticate(req, opts.tokens);
          if (verb !== 'sendEdoc' && verb !== 'registerAgency' && verb !== 'deleteAgency') {
            await readSmall(req, maxJson);
          }
          answer = await handlers[verb](req, reply, caller);
        } catch (e) {
          if (!req.raw.readableEnded) void reply.header('connection', 'close');
          answer = { ...failEnvelope(vxpErrorOf(e)), ...(verb === 'sendEdoc' ? { DocId: '' } : {}) };
        }
        // Every JSON answer is 200 (the client ignores the status) and ASCII (sendEdoc reads it so).
        return reply.code(200).type('application/json; charset=utf-8').send(asciiJson(answer));
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
  handle: (req: FastifyRequest, reply: FastifyReply, c: Caller) => Promise<unknown>,
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
    return await handle(req, reply, caller);
  } catch (e) {
    const v = vxpErrorOf(e);
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

/** Checks the signature and works out the agency a request acts for. */
function authenticate(req: FastifyRequest, tokens: HttpTokenStore | undefined): Caller {
  const h = (name: string): string | undefined => {
    const v = req.headers[name];
    return Array.isArray(v) ? v.join(', ') : v;
  };
  const systemId = h(SYSTEM_HEADER);
  if (!tokens) {
    // `up --no-auth`: no signature; every XroadVnpt header is taken as sent.
    const params = new Map<string, string[]>();
    for (const [k, v] of Object.entries(req.headers)) {
      if (k.startsWith('xroadvnpt-') && typeof v === 'string') addParam(params, k.slice(10), v);
    }
    const from = params.get('from')?.[0];
    const agency = from ?? systemId ?? '';
    if (!isAgencyCode(agency)) {
      throw new VxpError(VXP_ERRORS.NOT_SIGNED, 'name the agency in XroadVnpt-systemid or XroadVnpt-from');
    }
    return { systemId: systemId ?? agency, agency, params };
  }
  const signHeader = h(SIGN_HEADER);
  const hashHeader = h(HASH_HEADER);
  if (systemId === undefined || signHeader === undefined || hashHeader === undefined) {
    const missing = [
      systemId === undefined ? 'XroadVnpt-systemid' : '',
      signHeader === undefined ? 'XroadVnpt-sign-header' : '',
      hashHeader === undefined ? 'XroadVnpt-hash-header' : '',
    ].filter(Boolean);
    throw new VxpError(VXP_ERRORS.NOT_SIGNED, `the request is not signed: no ${missing.join(', ')}`);
  }
  const system = tokens.vxpSystem(systemId);
  if (!system) {
    throw new VxpError(
      VXP_ERRORS.UNKNOWN_SYSTEM,
      `unknown system id ${systemId}: nothing is issued for it, or it is revoked`,
    );
  }
  if (system.secrets.length === 0) {
    throw new VxpError(
      VXP_ERRORS.NO_SECRET,
      `system id ${systemId} has only tokens issued before the VXP endpoint: issue a new one (creds issue … --http-token)`,
    );
  }
  if (!signatureMatches(signHeader, hashHeader, system.secrets)) {
    throw new VxpError(
      VXP_ERRORS.BAD_SIGNATURE,
      `the signature (XroadVnpt-hash-header) does not match: wrong secret for system id ${systemId}`,
    );
  }
  const signed = parseSignHeader(signHeader);
  const params = new Map<string, string[]>();
  for (const [name, value] of signed) {
    const actual = h(name);
    if (actual === undefined) {
      throw new VxpError(VXP_ERRORS.HEADER_MISMATCH, `signed header ${name} is not in the request`);
    }
    if (!sameOnTheWire(actual, value)) {
      throw new VxpError(VXP_ERRORS.HEADER_MISMATCH, `header ${name} differs from its signed value`);
    }
    if (name.startsWith('xroadvnpt-')) addParam(params, name.slice(10), value);
  }
  if (signed.get(SYSTEM_HEADER) !== systemId) {
    throw new VxpError(VXP_ERRORS.HEADER_MISMATCH, 'XroadVnpt-systemid is not among the signed headers');
  }
  const froms = params.get('from') ?? [];
  if (froms.length > 1) {
    throw new VxpError(VXP_ERRORS.BAD_REQUEST, `several from values are signed: ${froms.join(', ')}`);
  }
  const from = froms[0];
  let agency: string;
  if (from !== undefined && from !== '') {
    if (!system.agencies.includes(from)) {
      throw new VxpError(
        VXP_ERRORS.FROM_NOT_ALLOWED,
        `system ${systemId} may not act for ${from}: it acts for ${system.agencies.join(', ')}`,
      );
    }
    agency = from;
  } else if (system.agencies.length === 1) {
    agency = system.agencies[0]!;
  } else {
    throw new VxpError(
      VXP_ERRORS.FROM_NOT_ALLOWED,
      `system ${systemId} acts for several agencies: name one in from (${system.agencies.join(', ')})`,
    );
  }
  return { systemId, agency, params };
}

function addParam(params: Map<string, string[]>, name: string, value: string): void {
  const k = name.toLowerCase();
  const list = params.get(k) ?? [];
  if (!list.includes(value)) list.push(value);
  params.set(k, list);
}

/** A caller key (any spelling); refused when its spellings carry different values. */
function one(c: Caller, key: string): string | undefined {
  const v = c.params.get(key);
  if (!v || v.length === 0) return undefined;
  if (v.length > 1) {
    throw new VxpError(
      VXP_ERRORS.BAD_REQUEST,
      `${key} is signed with several values (${v.join(', ')}): send one spelling of the key`,
    );
  }
  return v[0];
}

function docIdOf(c: Caller): string {
  const id = one(c, 'docid');
  if (id === undefined || id === '') throw new VxpError(VXP_ERRORS.BAD_REQUEST, 'name the item in docId');
  return id;
}

function messageTypeOf(c: Caller): MessageType | undefined {
  const t = one(c, 'messagetype');
  if (t === undefined || t === '') return undefined;
  const l = t.toLowerCase();
  if (l !== 'edoc' && l !== 'status') {
    throw new VxpError(VXP_ERRORS.BAD_REQUEST, `messagetype '${t}' is not edoc or status`);
  }
  return l;
}

function directory(g: EdocGateway, agency: string): ReturnType<EdocGateway['agencies']> {
  g.assertServes(agency);
  return g.agencies();
}

const TRANSPORT_DESC: Record<string, [string, string]> = {
  ACCEPTED: ['pending', 'Đang gửi'],
  RELAYED: ['pending', 'Đang gửi'],
  DELIVERED: ['done', 'Đã gửi'],
  FETCHED: ['done', 'Đã gửi'],
  FAILED: ['fail', 'Gửi lỗi'],
};

function sentItem(agency: string, vxpId: string, documentId: string, r: SentRecord): Record<string, unknown> {
  const [sendStatus, sendStatusDesc] = TRANSPORT_DESC[r.transport] ?? ['pending', 'Đang gửi'];
  const arrived = r.timeline.find((t) => t.statusCode !== undefined || t.transport === 'FETCHED');
  const received = r.transport === 'FETCHED' || r.statusCode !== undefined;
  return compact({
    serviceType: 'eDoc',
    messageType: 'edoc',
    senderDocId: vxpId,
    fromCode: agency,
    toCode: r.recipient,
    sentTime: vxpTime(Date.parse(r.sentAt)),
    receivedTime: received && arrived ? vxpTime(Date.parse(arrived.at)) : undefined,
    sendStatus,
    sendStatusDesc,
    receiveStatus: received ? 'done' : 'initial',
    receiveStatusDesc: received ? 'Đã nhận' : 'Chưa nhận',
    // Not read by the client; for people reading the answer.
    documentId,
    statusCode: r.statusCode,
  });
}

/**
 * The client's body is the file plus an added CRLF; `hash-file` is the file's SHA-256 (unpadded
 * hex). The last two bytes are held back and dropped when the hash of what comes before them
 * matches; kept when the hash of the whole body does; and the package is refused when neither does.
 * Without `hash-file` the body is taken whole.
 */
async function* withoutClientCrlf(
  body: AsyncIterable<Uint8Array>,
  hashFile: string | undefined,
): AsyncGenerator<Uint8Array> {
  const hash = createHash('sha256');
  let held = Buffer.alloc(0);
  for await (const chunk of body) {
    const all = held.length ? Buffer.concat([held, chunk]) : Buffer.from(chunk);
    if (all.length <= 2) {
      held = all;
      continue;
    }
    const out = all.subarray(0, all.length - 2);
    held = Buffer.from(all.subarray(all.length - 2));
    hash.update(out);
    yield out;
  }
  if (hashFile === undefined) {
    if (held.length) yield held;
    return;
  }
  const want = hashFile.toLowerCase();
  const short = unpaddedHex(hash.copy().digest());
  if (held.length === 2 && held[0] === 0x0d && held[1] === 0x0a && short === want) return;
  const full = unpaddedHex(hash.update(held).digest());
  if (full === want) {
    if (held.length) yield held;
    return;
  }
  throw new VxpError(
    VXP_ERRORS.HASH_MISMATCH,
    'XroadVnpt-hash-file matches neither the body nor the body without its final CRLF: the package was changed on the way',
  );
}

async function collect(s: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of s) parts.push(Buffer.from(c));
  return Buffer.concat(parts);
}

/** Reads (and drops) a small request body: `{}`, or nothing. */
async function readSmall(req: FastifyRequest, max: number): Promise<Buffer> {
  const body = req.body as AsyncIterable<Uint8Array> | undefined;
  if (!body || typeof body[Symbol.asyncIterator] !== 'function') return Buffer.alloc(0);
  const parts: Buffer[] = [];
  let n = 0;
  for await (const c of body) {
    n += c.length;
    if (n > max) throw new VxpError(VXP_ERRORS.TOO_LARGE, `the request body is over ${max} bytes`);
    parts.push(Buffer.from(c));
  }
  return Buffer.concat(parts);
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
    default:
      return new VxpError(VXP_ERRORS.INTERNAL, 'internal error');
  }
}
