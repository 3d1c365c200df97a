import { connect, nkeyAuthenticator } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/transport-node';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import type { Session as ReaderSession } from '@lienthong/readers';
import { explain } from './errors';
import type { Settings } from './settings';

/** One NATS connection of a CLI command, with the JetStream views every command needs. */
export interface Session extends ReaderSession {
  readonly settings: Settings;
  close(): Promise<void>;
}

/**
 * Connects once, without retrying: a command run by a person or a monitoring system should say at
 * once that the server is down. `follow` keeps reconnecting (for `doc watch`).
 */
export async function openSession(settings: Settings, opts: { follow?: boolean } = {}): Promise<Session> {
  let nc: NatsConnection;
  try {
    nc = await connect({
      servers: settings.server,
      name: 'lienthong-cli',
      timeout: settings.timeoutMs,
      ...(opts.follow ? { maxReconnectAttempts: -1, reconnectTimeWait: 1000 } : { reconnect: false }),
      ...connectionSecurity(settings),
    });
  } catch (e) {
    throw explain(e, settings);
  }
  const jsOpts = { timeout: settings.timeoutMs, ...(settings.domain ? { domain: settings.domain } : {}) };
  try {
    const jsm = await jetstreamManager(nc, jsOpts);
    const js = jetstream(nc, jsOpts);
    let closing: Promise<void> | undefined;
    return {
      settings,
      nc,
      js,
      jsm,
      kvm: new Kvm(js),
      close: () => (closing ??= nc.close().catch(() => undefined)),
    };
  } catch (e) {
    await nc.close().catch(() => undefined);
    throw explain(e, settings);
  }
}

/** Runs `fn` on a fresh session and closes it, whatever happens. */
export async function withSession<T>(settings: Settings, fn: (s: Session) => Promise<T>): Promise<T> {
  const s = await openSession(settings);
  try {
    return await fn(s);
  } finally {
    await s.close();
  }
}

/** Credentials and TLS of the settings as nats.js connection options. */
export function connectionSecurity(settings: Settings): Parameters<typeof connect>[0] {
  const c = settings.credentials;
  return {
    ...(c && 'nkeySeed' in c
      ? { authenticator: nkeyAuthenticator(new TextEncoder().encode(c.nkeySeed)) }
      : (c ?? {})),
    ...(settings.tls ? { tls: { ...settings.tls } } : {}),
  };
}
