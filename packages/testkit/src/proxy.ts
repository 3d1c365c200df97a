import net from 'node:net';

const CRLF = Buffer.from('\r\n');

export interface TcpProxyOptions {
  /** Upstream host (default 127.0.0.1). */
  targetHost?: string;
  targetPort: number;
  /** Local port to listen on (default: random). Always binds 127.0.0.1. */
  port?: number;
  /**
   * The upstream is a NATS leafnode listener: rewrite the INFO lines it sends before the first message
   * so `leafnode_urls` names only this proxy. nats-server 2.9.10 always advertises its own leafnode
   * URL there (even with `no_advertise`), on accept and again after CONNECT, and a leaf adds it to its
   * reconnect list, so after a cut it would reconnect straight to the hub, around the proxy.
   */
  rewriteLeafInfo?: boolean;
}

/**
 * An in-process TCP relay on 127.0.0.1 used to cut and restore a link (e.g. a leafnode connection)
 * without touching either server. A cut drops every relayed connection and stops listening, so new
 * attempts are refused as they would be by an unreachable peer; restore listens on the same port again.
 */
export class TcpProxy {
  readonly targetHost: string;
  readonly targetPort: number;
  readonly #rewriteLeafInfo: boolean;
  readonly #server: net.Server;
  readonly #sockets = new Set<net.Socket>();
  #port = 0;
  #cut = false;
  #closed = false;

  private constructor(opts: TcpProxyOptions) {
    this.targetHost = opts.targetHost ?? '127.0.0.1';
    this.targetPort = opts.targetPort;
    this.#rewriteLeafInfo = opts.rewriteLeafInfo ?? false;
    this.#server = net.createServer((client) => this.#onConnection(client));
  }

  /** Starts listening; resolves once the port is bound. */
  static async start(opts: TcpProxyOptions): Promise<TcpProxy> {
    const proxy = new TcpProxy(opts);
    await proxy.#listen(opts.port ?? 0);
    const address = proxy.#server.address();
    if (address === null || typeof address === 'string') throw new Error('TcpProxy: no TCP address');
    proxy.#port = address.port;
    return proxy;
  }

  get port(): number {
    return this.#port;
  }

  /** `nats://127.0.0.1:PORT`, handy as a leaf remote URL. */
  get url(): string {
    return `nats://127.0.0.1:${this.#port}`;
  }

  isCut(): boolean {
    return this.#cut;
  }

  /** Number of relayed sockets (both sides) currently open. */
  get socketCount(): number {
    return this.#sockets.size;
  }

  /** Drops every relayed connection and stops accepting until restore(). Idempotent. */
  async cut(): Promise<void> {
    if (this.#cut) return;
    this.#cut = true;
    await this.#stopListening();
  }

  /** Accepts and relays again, on the same port. Idempotent. */
  async restore(): Promise<void> {
    if (this.#closed) throw new Error('TcpProxy: closed');
    if (!this.#cut) return;
    // The listening socket itself leaves no TIME_WAIT behind, but retry briefly in case the kernel lags.
    const deadline = Date.now() + 3000;
    for (;;) {
      try {
        await this.#listen(this.#port);
        break;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE' || Date.now() >= deadline) throw err;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    this.#cut = false;
  }

  /** Stops listening and drops every connection. Idempotent. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#cut) return;
    this.#cut = true;
    await this.#stopListening();
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  #listen(port: number): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen({ host: '127.0.0.1', port }, () => {
        this.#server.off('error', reject);
        resolve();
      });
    });
  }

  async #stopListening(): Promise<void> {
    // close() only stops accepting; the open relays must be torn down by hand.
    const closed = new Promise<void>((resolve) => this.#server.close(() => resolve()));
    for (const s of this.#sockets) s.destroy();
    this.#sockets.clear();
    await closed;
  }

  #onConnection(client: net.Socket): void {
    client.on('error', () => undefined);
    const upstream = net.connect({ host: this.targetHost, port: this.targetPort });
    upstream.on('error', () => undefined);
    this.#sockets.add(client);
    this.#sockets.add(upstream);
    // Either side ending tears down both, so the peer sees the link drop as it would on a real cut.
    const teardown = (): void => {
      client.destroy();
      upstream.destroy();
      this.#sockets.delete(client);
      this.#sockets.delete(upstream);
    };
    client.once('close', teardown);
    upstream.once('close', teardown);
    client.pipe(upstream);
    if (this.#rewriteLeafInfo) this.#relayRewritingInfo(upstream, client);
    else upstream.pipe(client);
  }

  /**
   * Relays upstream -> client, rewriting INFO lines until the first message op. Before any message the
   * stream is plain CRLF-terminated protocol lines (INFO, LS+, PING, ...), so it can be split safely;
   * the server sends INFO with leafnode_urls both on accept and again after CONNECT.
   */
  #relayRewritingInfo(upstream: net.Socket, client: net.Socket): void {
    let pending = Buffer.alloc(0);
    const onData = (chunk: Buffer): void => {
      pending = Buffer.concat([pending, chunk]);
      const out: Buffer[] = [];
      let raw = false;
      for (;;) {
        const eol = pending.indexOf('\r\n');
        if (eol < 0) {
          // A partial line this long is no handshake any more; stop interpreting.
          raw = pending.length > 64 * 1024;
          break;
        }
        const line = pending.subarray(0, eol);
        const op = /^[A-Z+-]+/i.exec(line.subarray(0, 8).toString('latin1'))?.[0].toUpperCase() ?? '';
        if (op.endsWith('MSG')) {
          raw = true;
          break;
        }
        out.push(op === 'INFO' ? this.#rewriteInfoLine(line) : line, CRLF);
        pending = pending.subarray(eol + 2);
      }
      if (raw) {
        out.push(pending);
        pending = Buffer.alloc(0);
      }
      if (out.length > 0) client.write(Buffer.concat(out));
      if (raw) {
        upstream.off('data', onData);
        upstream.pipe(client);
      }
    };
    upstream.on('data', onData);
  }

  #rewriteInfoLine(line: Buffer): Buffer {
    const text = line.toString('utf8');
    if (!text.startsWith('INFO ')) return line;
    try {
      const info = JSON.parse(text.slice(5)) as Record<string, unknown>;
      if (!Array.isArray(info['leafnode_urls'])) return line;
      // Must stay non-empty: a leaf treats an INFO without leafnode_urls as "wrong port".
      info['leafnode_urls'] = [`127.0.0.1:${this.#port}`];
      return Buffer.from(`INFO ${JSON.stringify(info)}`, 'utf8');
    } catch {
      return line;
    }
  }
}
