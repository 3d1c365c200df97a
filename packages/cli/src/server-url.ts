import { probeGreeting } from '@lienthong/infra';
import { CliError, invalid, unreachable } from './errors';

/** The schemes a NATS client port speaks; anything else given to `-s` is a mistake. */
const NATS_SCHEMES = new Set(['nats:', 'tls:']);

/** A NATS server address, as `-s` accepts it: `nats://HOST:PORT`, `tls://HOST:PORT`, `HOST:PORT` or `HOST`. */
export interface ServerAddress {
  readonly url: string;
  readonly host: string;
  readonly port: number;
}

/**
 * Parses `-s`, `LT_SERVER` or a context's server. An HTTP URL (the metrics port of `lienthong up`) or
 * any other scheme is refused at once with an `InvalidArgument` that says so, rather than reported
 * later as an unreachable server.
 */
export function parseServerUrl(text: string): ServerAddress {
  const raw = text.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `nats://${raw}`;
  let u: URL;
  try {
    u = new URL(withScheme);
  } catch {
    throw invalid(
      `'${text}' is not a valid NATS server URL`,
      'write nats://HOST:PORT, tls://HOST:PORT or HOST:PORT',
    );
  }
  if (!NATS_SCHEMES.has(u.protocol)) {
    const http = u.protocol === 'http:' || u.protocol === 'https:';
    throw invalid(
      `'${text}' is not a NATS server URL: the scheme ${u.protocol.slice(0, -1)}:// is not NATS (use nats:// or tls://)`,
      http
        ? 'an http:// address is an HTTP port (such as /metrics of `lienthong up`); -s takes the NATS URL that `lienthong up` prints as "nats:"'
        : 'write nats://HOST:PORT, tls://HOST:PORT or HOST:PORT',
    );
  }
  if (u.hostname === '' || (u.pathname !== '' && u.pathname !== '/') || u.search !== '' || u.hash !== '') {
    throw invalid(
      `'${text}' is not a valid NATS server URL`,
      'write nats://HOST:PORT, tls://HOST:PORT or HOST:PORT',
    );
  }
  const port = u.port === '' ? 4222 : Number(u.port);
  const host = u.hostname.replace(/^\[(.*)\]$/, '$1');
  return { url: raw, host, port };
}

/**
 * Opens a TCP connection and waits for the server's `INFO` greeting, which every NATS server sends
 * first, for at most `timeoutMs`. A port that accepts connections but is not NATS (an HTTP port, a
 * proxy with nothing behind it) is reported as such within the timeout: without this, the client
 * library's socket stays open after its own timeout and keeps the command alive for minutes.
 */
export async function probeNats(address: ServerAddress, timeoutMs: number): Promise<void> {
  const { host, port, url } = address;
  const g = await probeGreeting(host, port, timeoutMs);
  switch (g.kind) {
    case 'nats':
      return;
    case 'silent':
      throw new CliError(
        'DeadlineExceeded',
        `${url} accepts connections but sent no NATS greeting (INFO) within ${timeoutMs} ms: it does not look like a NATS client port`,
        {
          hint: 'check the port: `lienthong up` prints the NATS URL as "nats:" (its HTTP port, "web:", serves the dashboard, /api/v1, /vxp and /metrics); raise --timeout for a slow server',
        },
      );
    case 'no-connection':
      throw new CliError(
        'DeadlineExceeded',
        `no TCP connection to ${url} within ${timeoutMs} ms (waiting for the server to accept)`,
        { hint: 'check the host, the port and any firewall; raise --timeout for a slow network' },
      );
    case 'other':
      throw new CliError(
        'Unavailable',
        `${url} answered, but not as a NATS server (it sent ${JSON.stringify(g.first)})`,
        { hint: '-s takes the NATS URL that `lienthong up` prints as "nats:"' },
      );
    case 'closed':
      throw new CliError(
        'Unavailable',
        `${url} accepted the connection and closed it without a NATS greeting`,
        {
          hint: 'is it a NATS client port?',
        },
      );
    case 'error':
      throw unreachable(url, g.error);
  }
}
