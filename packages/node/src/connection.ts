import { connect, nkeyAuthenticator } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/transport-node';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import type { Logger } from 'pino';
import type { ResolvedConfig } from './config';
import { readSeedFile } from './credentials';

/** One NATS connection of a node process and the JetStream views on it. */
export interface NatsHandles {
  readonly nc: NatsConnection;
  readonly js: JetStreamClient;
  readonly jsm: JetStreamManager;
  readonly kvm: Kvm;
}

/** How often a node that has not reached NATS yet says so. */
export const STILL_CONNECTING_EVERY_MS = 5000;

export async function openNats(config: ResolvedConfig, log: Logger): Promise<NatsHandles> {
  // Read first: a missing or bad seed file is an error now, not a silent retry loop.
  const identity = identityOptions(config);
  // The first connect retries silently for ever (waitOnFirstConnect); without this a service whose
  // server is down, or refuses its TLS or credentials, would sit there saying nothing.
  const since = Date.now();
  const stillConnecting = setInterval(() => {
    log.warn(
      { servers: config.servers, waitingMs: Date.now() - since },
      'cannot reach NATS yet; still trying (see the server log for TLS or authorization errors)',
    );
  }, STILL_CONNECTING_EVERY_MS);
  const nc = await connect({
    servers: config.servers,
    name: config.name,
    // Never give up: a node keeps its custody queues and must come back by itself.
    maxReconnectAttempts: -1,
    reconnectTimeWait: 500,
    waitOnFirstConnect: true,
    // Capturing a stack trace for every request costs a fifth of the CPU on the hot path.
    noAsyncTraces: true,
    ...(config.auth?.user !== undefined ? { user: config.auth.user, pass: config.auth.pass } : {}),
    ...(config.auth?.token !== undefined ? { token: config.auth.token } : {}),
    ...identity,
  }).finally(() => clearInterval(stillConnecting));
  void (async () => {
    for await (const s of nc.status()) {
      if (s.type === 'ping') continue;
      log.info({ nats: s.type, server: nc.getServer() }, `nats ${s.type}`);
    }
  })().catch(() => undefined);
  const jsOpts = config.domain ? { domain: config.domain } : {};
  const jsm = await jetstreamManager(nc, jsOpts);
  const js = jetstream(nc, jsOpts);
  return { nc, js, jsm, kvm: new Kvm(js) };
}

/** Connection options of an nkey identity and TLS: the authenticator, its inbox prefix, the files. */
function identityOptions(config: ResolvedConfig): Parameters<typeof connect>[0] {
  const a = config.auth;
  const seed = a?.nkeySeed ?? (a?.seedFile !== undefined ? readSeedFile(a.seedFile) : undefined);
  return {
    ...(seed !== undefined ? { authenticator: nkeyAuthenticator(new TextEncoder().encode(seed)) } : {}),
    ...(a?.inboxPrefix !== undefined ? { inboxPrefix: a.inboxPrefix } : {}),
    ...(config.tls ? { tls: { ...config.tls } } : {}),
  };
}
