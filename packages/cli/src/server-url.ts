import { isHttpAnswer, notNatsWhat, parseNatsServerUrl, probeGreeting } from '@lienthong/infra';
import type { NatsServerAddress } from '@lienthong/infra';
import { CliError, invalid, unreachable } from './errors';

/** A NATS server address, as `-s` accepts it: `nats://HOST:PORT`, `tls://HOST:PORT`, `HOST:PORT` or `HOST`. */
export type ServerAddress = NatsServerAddress;

/**
 * Parses `-s`, `LT_SERVER` or a context's server. An HTTP URL (the metrics port of `lienthong up`) or
 * any other scheme is refused at once with an `InvalidArgument` that says so, rather than reported
 * later as an unreachable server.
 */
export function parseServerUrl(text: string): ServerAddress {
  const a = parseNatsServerUrl(text);
  if (!('problem' in a)) return a;
  throw invalid(
    a.problem,
    a.http
      ? 'an http:// address is an HTTP port (such as /metrics of `lienthong up`); -s takes the NATS URL that `lienthong up` prints as "nats:"'
      : 'write nats://HOST:PORT, tls://HOST:PORT or HOST:PORT',
  );
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
  if (g.kind === 'nats') return;
  if (g.kind === 'error') throw unreachable(url, g.error);
  if (g.kind === 'no-connection') {
    throw new CliError(
      'DeadlineExceeded',
      `no TCP connection to ${url} within ${timeoutMs} ms (waiting for the server to accept)`,
      { hint: 'check the host, the port and any firewall; raise --timeout for a slow network' },
    );
  }
  // What the port did, said as the SDK says it (`@lienthong/infra` greeting-check.ts).
  const what = `${url} ${notNatsWhat(g, timeoutMs)!}`;
  if (g.kind === 'silent') {
    throw new CliError('DeadlineExceeded', `${what}: it does not look like a NATS client port`, {
      hint: 'check the port: `lienthong up` prints the NATS URL as "nats:" (its HTTP port, "web:", serves the dashboard, /api/v1, /vxp and /metrics); raise --timeout for a slow server',
    });
  }
  throw new CliError('Unavailable', what, {
    hint:
      g.kind === 'closed'
        ? 'is it a NATS client port?'
        : isHttpAnswer(g)
          ? '-s takes the NATS URL that `lienthong up` prints as "nats:"; its HTTP port serves the dashboard, /api/v1, /vxp and /metrics'
          : '-s takes the NATS URL that `lienthong up` prints as "nats:"',
  });
}
