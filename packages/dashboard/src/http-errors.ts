/** The dashboard's answers other than 200 and its query parameters, checked. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CliError } from '@lienthong/readers';
import type { DocumentQuery } from './views';

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
export class HttpError extends Error {
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

export function errorBody(status: number, message: string): { code: string; message: string } {
  return { code: CODES[status] ?? 'Internal', message };
}

/** The status of anything thrown before an answer started. */
export function statusOf(e: unknown): number {
  return e instanceof HttpError ? e.status : 500;
}

/** A JSON route: never cached; what it throws becomes `{ code, message }` with its status. */
export const handle =
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

export function query(req: FastifyRequest): Record<string, unknown> {
  return (req.query ?? {}) as Record<string, unknown>;
}

export function text(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

export function time(v: unknown, name: string): number | undefined {
  const s = text(v);
  if (s === undefined) return undefined;
  const n = /^\d+$/.test(s) ? Number(s) : Date.parse(s);
  if (!Number.isFinite(n)) throw new HttpError(400, `${name} must be a date (ISO 8601) or Unix milliseconds`);
  return n;
}

export function documentQuery(q: Record<string, unknown>): DocumentQuery {
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
