import type { NatsConnection } from '@nats-io/transport-node';
import type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import type { Kvm } from '@nats-io/kv';
import { connectNats } from '@lienthong/infra';
import { explain } from './errors';
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
  try {
    const nats = await connectNats({
      servers: settings.server,
      name: 'lienthong-cli',
      timeoutMs: settings.timeoutMs,
      apiTimeoutMs: settings.timeoutMs,
      reconnect: opts.follow ? { timeWaitMs: 1000 } : false,
      ...(settings.credentials ? { auth: settings.credentials } : {}),
      ...(settings.tls ? { tls: settings.tls } : {}),
      ...(settings.domain ? { domain: settings.domain } : {}),
    });
    let closing: Promise<void> | undefined;
    return { settings, ...nats, close: () => (closing ??= nats.nc.close().catch(() => undefined)) };
  } catch (e) {
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
