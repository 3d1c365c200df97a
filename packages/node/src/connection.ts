import type { Logger } from 'pino';
import { connectNats } from '@lienthong/infra';
import type { NatsHandles } from '@lienthong/infra';
import type { ResolvedConfig } from './config';

/** How often a node that has not reached NATS yet says so. */
export const STILL_CONNECTING_EVERY_MS = 5000;

/**
 * The connection of a node process: it never gives up (a node keeps its custody queues and must come
 * back by itself), including the first connect, and says in its log while it cannot reach NATS.
 */
export async function openNats(config: ResolvedConfig, log: Logger): Promise<NatsHandles> {
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
        log.warn(
          { servers: config.servers, waitingMs },
          'cannot reach NATS yet; still trying (see the server log for TLS or authorization errors)',
        ),
    },
  });
  void (async () => {
    for await (const s of nats.nc.status()) {
      if (s.type === 'ping') continue;
      log.info({ nats: s.type, server: nats.nc.getServer() }, `nats ${s.type}`);
    }
  })().catch(() => undefined);
  return nats;
}
