/**
 * The HTTP client of the bench's document systems (scenarios 7 and 8). By default `node:http` with
 * a keep-alive agent, the way a Java, .NET or PHP system keeps its connections; with
 * `LT_BENCH_HTTP_CLIENT=fetch`, Node's `fetch` (undici), which the bench used until 2026-12-03 and
 * which costs several times as much CPU per request in the client's process (docs/BENCHMARKS.md,
 * "The HTTP client in the measure"). Either way the client runs in the document systems' process,
 * whose CPU the scenarios report beside the node's.
 */
import { Agent, request } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';

export type HttpClientKind = 'node-http' | 'fetch';

/** A request's body: bytes, text, or a stream sent as it is read. */
type Body = Uint8Array | string | Readable;

/** The client the environment asks for; a wrong value is refused, not ignored. */
export function httpClientKind(
  value = process.env.LT_BENCH_HTTP_CLIENT,
  what = 'LT_BENCH_HTTP_CLIENT',
): HttpClientKind {
  if (value === undefined || value === '' || value === 'node-http') return 'node-http';
  if (value === 'fetch') return 'fetch';
  throw new Error(`${what} is 'node-http' (the default) or 'fetch', not '${value}'`);
}

export interface HttpAnswer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  /** The body, still to be read (read it to its end, or destroy it). */
  readonly body: Readable;
}

export class HttpClient {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 256 });

  constructor(
    private readonly base: string,
    private readonly kind: HttpClientKind = httpClientKind(),
  ) {}

  /** Sends a request; resolves with the answer's head once it comes. */
  async open(
    method: string,
    path: string,
    headers: Record<string, string>,
    body?: Body,
  ): Promise<HttpAnswer> {
    return this.kind === 'fetch'
      ? this.viaFetch(method, path, headers, body)
      : this.viaHttp(method, path, headers, body);
  }

  /** Sends a request and reads the whole answer. */
  async call(
    method: string,
    path: string,
    headers: Record<string, string>,
    body?: Body,
  ): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
    const a = await this.open(method, path, headers, body);
    const chunks: Buffer[] = [];
    for await (const c of a.body) chunks.push(c as Buffer);
    return { status: a.status, headers: a.headers, body: Buffer.concat(chunks) };
  }

  close(): void {
    this.agent.destroy();
  }

  private viaHttp(
    method: string,
    path: string,
    headers: Record<string, string>,
    body?: Body,
  ): Promise<HttpAnswer> {
    return new Promise((resolve, reject) => {
      const sized =
        body === undefined || body instanceof Readable || 'content-length' in headers
          ? headers
          : { ...headers, 'content-length': String(Buffer.byteLength(body)) };
      const req = request(`${this.base}${path}`, { method, agent: this.agent, headers: sized });
      req.once('response', (res: IncomingMessage) =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: res }),
      );
      req.once('error', reject);
      if (body instanceof Readable) {
        body.once('error', (e) => req.destroy(e));
        body.pipe(req);
      } else req.end(body);
    });
  }

  private async viaFetch(
    method: string,
    path: string,
    headers: Record<string, string>,
    body?: Body,
  ): Promise<HttpAnswer> {
    const r = await fetch(`${this.base}${path}`, {
      method,
      headers,
      ...(body === undefined
        ? {}
        : { body: body instanceof Readable ? (Readable.toWeb(body) as ReadableStream) : body }),
      duplex: 'half',
    } as RequestInit);
    const h: IncomingHttpHeaders = {};
    r.headers.forEach((v, k) => (h[k] = v));
    return {
      status: r.status,
      headers: h,
      body: r.body ? Readable.fromWeb(r.body as never) : Readable.from([]),
    };
  }
}
