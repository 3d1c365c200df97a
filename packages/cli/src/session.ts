import { connect, nkeyAuthenticator } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/transport-node';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import { CliError, explain } from './errors';
import { parseServerUrl, probeNats } from './server-url';
import type { Settings } from './settings';

/** One NATS connection of a CLI command, with the JetStream views every command needs. */
export interface Session {
  readonly settings: Settings;
  readonly nc: NatsConnection;
  readonly js: JetStreamClient;
  readonly jsm: JetStreamManager;
  readonly kvm: Kvm;
  close(): Promise<void>;
}

/**
 * Connects once, without retrying: a command run by a person or a monitoring system should say at
 * once that the server is down. `follow` keeps reconnecting (for `doc watch`).
 */
export async function openSession(settings: Settings, opts: { follow?: boolean } = {}): Promise<Session> {
  let nc: NatsConnection;
  // Fails within the timeout, saying what it waited for, when the port is not a NATS server.
  await probeNats(parseServerUrl(settings.server), settings.timeoutMs);
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
    const err = explain(e, settings);
    if (err.code !== 'DeadlineExceeded') throw err;
    throw new CliError(
      'DeadlineExceeded',
      `NATS at ${settings.server} is up, but its JetStream API ($JS.API.INFO${settings.domain ? ` in domain ${settings.domain}` : ''}) did not answer within ${settings.timeoutMs} ms`,
      {
        hint: 'is JetStream enabled on this server? a province with its own domain needs --domain; raise --timeout for a slow server',
        cause: e,
      },
    );
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
