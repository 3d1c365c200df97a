import type { Session as ReaderSession } from '@lienthong/readers';
import { connectNats } from '@lienthong/infra';
import { CliError, explain } from './errors';
import { parseServerUrl, probeNats } from './server-url';
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
  // Fails within the timeout, saying what it waited for, when the port is not a NATS server.
  await probeNats(parseServerUrl(settings.server), settings.timeoutMs);
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
    const err = explain(e, settings);
    // Refused without credentials: the hint is to give some, not to check the ones given.
    if (err.code === 'PermissionDenied' && settings.credentials === undefined) {
      throw new CliError('PermissionDenied', `${err.message} (no credentials were given)`, {
        hint: "pass --creds FILE (or set LT_CREDS): `lienthong up` prints the operator's seed file as creds:",
        cause: e,
      });
    }
    if (err.code !== 'DeadlineExceeded') throw err;
    // The server greeted the probe: what did not answer is its JetStream API.
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
