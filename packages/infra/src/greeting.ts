/**
 * What a TCP port says first. Every NATS server sends its `INFO` line as soon as a client connects;
 * a port that accepts and stays silent (an HTTP port waits for a request) or answers with something
 * else is not a NATS client port. nats.js only reports a timeout for both, after its connect timeout.
 */
import net from 'node:net';

export type Greeting =
  /** The server's `INFO`: a NATS client port. */
  | { readonly kind: 'nats' }
  /** Connected, nothing said within the bound. */
  | { readonly kind: 'silent' }
  /** Connected, and the first line was not `INFO` (quoted, at most 60 characters). */
  | { readonly kind: 'other'; readonly first: string }
  /** Connected, then closed without a word. */
  | { readonly kind: 'closed' }
  /** No TCP connection within the bound. */
  | { readonly kind: 'no-connection' }
  /** The connection failed (refused, no such host, …). */
  | { readonly kind: 'error'; readonly error: Error };

/**
 * After this long connected without a word, the probe sends a NATS `PING`: to an HTTP server (the
 * node's dashboard and API port, a proxy) it is a request line it cannot read, answered at once with
 * `HTTP/1.1 400`, and the port is named as such instead of waited out (an empty line alone is ignored
 * by HTTP servers). A NATS server has sent its `INFO` long before, and sends it first whatever it is
 * sent.
 */
const NUDGE_AFTER_MS = 500;

/** Whether a port answered as an HTTP server (to the probe's `PING`). */
export function isHttpAnswer(g: Greeting): boolean {
  return g.kind === 'other' && g.first.startsWith('HTTP/');
}

/**
 * Connects to `host:port` and reads what it says first, for at most `timeoutMs`; `signal` ends the
 * probe early (its answer is then what it saw so far).
 */
export function probeGreeting(
  host: string,
  port: number,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<Greeting> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    let received = '';
    let connected = false;
    let nudge: NodeJS.Timeout | undefined;
    const finish = (g: Greeting): void => {
      clearTimeout(timer);
      clearTimeout(nudge);
      socket.removeAllListeners();
      socket.on('error', () => undefined);
      socket.destroy();
      signal?.removeEventListener('abort', early);
      resolve(g);
    };
    const early = (): void => finish({ kind: connected ? 'silent' : 'no-connection' });
    const timer = setTimeout(early, timeoutMs);
    if (signal?.aborted) early();
    else signal?.addEventListener('abort', early, { once: true });
    socket.once('connect', () => {
      connected = true;
      nudge = setTimeout(() => {
        if (received === '') socket.write('PING\r\n\r\n');
      }, NUDGE_AFTER_MS);
    });
    socket.on('data', (b: Buffer) => {
      received += b.toString('latin1');
      if (received.length < 5 && !received.includes('\n')) return;
      if (received.startsWith('INFO')) return finish({ kind: 'nats' });
      finish({ kind: 'other', first: received.split(/\r?\n/)[0]!.slice(0, 60) });
    });
    socket.once('error', (error) => finish({ kind: 'error', error }));
    socket.once('close', () => {
      if (received.startsWith('INFO')) return finish({ kind: 'nats' });
      finish({ kind: connected ? 'closed' : 'no-connection' });
    });
  });
}

/** The schemes a NATS client port speaks. */
const NATS_SCHEMES = new Set(['nats:', 'tls:']);

/** A NATS server address: `nats://HOST:PORT`, `tls://HOST:PORT`, `HOST:PORT` or `HOST` (port 4222). */
export interface NatsServerAddress {
  readonly url: string;
  readonly host: string;
  readonly port: number;
}

/** Why a text is not a NATS server address; `http` when it is an HTTP one (a dashboard, /metrics). */
export interface NatsServerUrlProblem {
  readonly problem: string;
  readonly http: boolean;
}

/** Parses one NATS server address, or says why it is none. */
export function parseNatsServerUrl(text: string): NatsServerAddress | NatsServerUrlProblem {
  const raw = text.trim();
  const invalid = { problem: `'${text}' is not a valid NATS server URL`, http: false };
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `nats://${raw}`;
  let u: URL;
  try {
    u = new URL(withScheme);
  } catch {
    return invalid;
  }
  if (!NATS_SCHEMES.has(u.protocol)) {
    return {
      problem: `'${text}' is not a NATS server URL: the scheme ${u.protocol.slice(0, -1)}:// is not NATS (use nats:// or tls://)`,
      http: u.protocol === 'http:' || u.protocol === 'https:',
    };
  }
  if (u.hostname === '' || (u.pathname !== '' && u.pathname !== '/') || u.search !== '' || u.hash !== '') {
    return invalid;
  }
  const port = u.port === '' ? 4222 : Number(u.port);
  return { url: raw, host: u.hostname.replace(/^\[(.*)\]$/, '$1'), port };
}

/** The servers of a connection, one per entry: a string may list several, separated by commas. */
export function serverListOf(servers: string | readonly string[]): string[] {
  return typeof servers === 'string' ? servers.split(',') : [...servers];
}

/** The servers as an error names them: comma-separated, without any user or password in a URL. */
export function serversShown(servers: string | readonly string[]): string {
  return serverListOf(servers)
    .map((s) => s.replace(/\/\/[^@/]*@/, '//'))
    .join(',');
}

/** Host and port of a server URL as nats.js takes it, if it is one. */
export function hostPortOf(server: string): { host: string; port: number } | undefined {
  const a = parseNatsServerUrl(server);
  return 'problem' in a ? undefined : { host: a.host, port: a.port };
}
