import type { Logger } from 'pino';
import { connectNats, hostPortOf, probeGreeting, serverListOf } from '@lienthong/infra';
import type { NatsHandles } from '@lienthong/infra';
import type { ResolvedConfig } from './config';

/** How often a node that has not reached NATS yet says so. */
export const STILL_CONNECTING_EVERY_MS = 5000;

/**
 * The connection of a node process: it never gives up (a node keeps its custody queues and must come
 * back by itself), including the first connect, and says in its log while it cannot reach NATS.
 */
export async function openNats(config: ResolvedConfig, log: Logger): Promise<NatsHandles> {
  let connected = false;
  const nats = await connectNats({
    servers: config.servers,
    name: config.name,
    ...(config.auth ? { auth: config.auth } : {}),
    ...(config.tls ? { tls: config.tls } : {}),
    ...(config.domain ? { domain: config.domain } : {}),
    reconnect: { timeWaitMs: 500, waitOnFirstConnect: true },
    // Without this a service whose server is down, or refuses its TLS or credentials, would sit
    // there saying nothing.
    stillConnecting: {
      everyMs: STILL_CONNECTING_EVERY_MS,
      notify: (waitingMs) =>
        void whyUnreached(config.servers).then((why) => {
          // The look takes up to a second: the connection may have come up meanwhile.
          if (connected) return;
          log.warn(
            { servers: config.servers, waitingMs, ...(why ? { why } : {}) },
            `cannot reach NATS yet${why ? ` (${why})` : ''}; still trying (see the server log for TLS or authorization errors)`,
          );
        }),
    },
  });
  connected = true;
  void (async () => {
    for await (const s of nats.nc.status()) {
      if (s.type === 'ping') continue;
      log.info({ nats: s.type, server: nats.nc.getServer() }, `nats ${s.type}`);
    }
  })().catch(() => undefined);
  return nats;
}

/** How long the warning's look at the first server may take. */
const WHY_PROBE_MS = 1_000;

/**
 * What the first server's port says, for the warning: refused, silent, not NATS. A server that greets
 * as NATS says nothing here (TLS or credentials: its own log says which).
 */
async function whyUnreached(servers: string | readonly string[]): Promise<string | undefined> {
  const first = hostPortOf(serverListOf(servers)[0] ?? '');
  if (!first) return undefined;
  const at = `${first.host}:${first.port}`;
  const g = await probeGreeting(first.host, first.port, WHY_PROBE_MS);
  switch (g.kind) {
    case 'error':
      return `${at}: ${(g.error as NodeJS.ErrnoException).code === 'ECONNREFUSED' ? 'connection refused, nothing listens there' : g.error.message}`;
    case 'no-connection':
      return `${at}: no TCP connection within ${WHY_PROBE_MS} ms`;
    case 'silent':
      return `${at} accepts connections but sends no NATS greeting: not a NATS client port`;
    case 'other':
      return `${at} answers ${JSON.stringify(g.first)}: not a NATS client port`;
    case 'closed':
      return `${at} closes connections without a NATS greeting`;
    case 'nats':
      return undefined;
  }
}
