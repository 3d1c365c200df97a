/** Connection set-up: one NATS connection with its JetStream views, from credentials and TLS files. */
import { connect, nkeyAuthenticator } from '@nats-io/transport-node';
import type { NatsConnection, NodeConnectionOptions } from '@nats-io/transport-node';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import { LienthongError } from '@lienthong/core';
import { classifyNatsError } from './errors';
import { hostPortOf, probeGreeting, serverListOf } from './greeting';
import type { Greeting } from './greeting';
import { jetStreamUnreachable } from './jetstream-reach';
import { readSeedFile } from './seed-file';

/**
 * NATS credentials: a user/password pair, a token, or an nkey identity (a seed, or a file holding
 * one, and the inbox prefix its permissions allow; see docs/SECURITY.md).
 */
export interface NatsAuth {
  readonly user?: string;
  readonly pass?: string;
  readonly token?: string;
  readonly nkeySeed?: string;
  readonly seedFile?: string;
  readonly inboxPrefix?: string;
}

/**
 * TLS to the server: the CA to trust, and a client certificate when the server verifies clients,
 * as files or as PEM text.
 */
export interface NatsTls {
  readonly caFile?: string;
  readonly certFile?: string;
  readonly keyFile?: string;
  readonly ca?: string;
  readonly cert?: string;
  readonly key?: string;
}

export interface ConnectNatsOptions {
  readonly servers: string | readonly string[];
  /** The connection's name, as the server's monitoring shows it. */
  readonly name: string;
  readonly auth?: NatsAuth;
  readonly tls?: NatsTls;
  /** JetStream domain of the JetStream views; default the server's own. */
  readonly domain?: string;
  /** Bound on each connect attempt (nats.js default otherwise). */
  readonly timeoutMs?: number;
  /** Bound on each JetStream API request and publish (nats.js default, 5 s, otherwise). */
  readonly apiTimeoutMs?: number;
  /**
   * Default: reconnect forever, every `timeWaitMs` (500 ms). `waitOnFirstConnect` also retries the
   * first connect for ever (a node process, which must come up by itself). `false`: one attempt and
   * no reconnect (a command run by a person should say at once that the server is down).
   */
  readonly reconnect?: false | { readonly timeWaitMs?: number; readonly waitOnFirstConnect?: boolean };
  /** Called every `everyMs` while the first connect has not succeeded yet. */
  readonly stillConnecting?: { readonly everyMs: number; readonly notify: (waitingMs: number) => void };
  /**
   * Before connecting to a single server, read what its port says first (within the connect
   * timeout): a port that is not NATS fails here, and nats.js never dials it. Upstream nats.js (an
   * installed SDK tarball has no workspace patch) leaves the socket of a connect that timed out
   * before the server's INFO open, which keeps a short program alive long after the error.
   */
  readonly greetingFirst?: boolean;
}

/** nats.js's bound on a JetStream API request when none is given. */
const NATS_API_TIMEOUT_MS = 5_000;

/** nats.js's bound on a connect attempt when none is given. */
const NATS_CONNECT_TIMEOUT_MS = 20_000;

/** How long a connect that timed out spends finding out what the port is. */
const GREETING_PROBE_MS = 1_000;

/**
 * A connect that timed out, to a server that accepts connections but is not a NATS client port (an
 * HTTP port, say), is said as such; nats.js gives a bare timeout for it. Anything else comes back
 * as it is.
 */
async function notNatsPort(
  servers: string | readonly string[],
  timeoutMs: number,
  e: unknown,
): Promise<unknown> {
  const first = onlyServer(servers);
  // nats.js times out on a silent port and gives "unexpected response from server" for one that
  // answers something else.
  const suspect = classifyNatsError(e).kind === 'timeout' || /unexpected response/i.test(String(e));
  if (!first || !suspect) return e;
  const g = await probeGreeting(first.host, first.port, GREETING_PROBE_MS);
  return notNatsError(first, g, timeoutMs, e) ?? e;
}

/** The first server, when `servers` names exactly one. */
function onlyServer(servers: string | readonly string[]): { host: string; port: number } | undefined {
  const list = serverListOf(servers);
  return list.length === 1 ? hostPortOf(list[0]!) : undefined;
}

/** The error for a port that greeted otherwise than NATS does, or undefined when it is not one. */
function notNatsError(
  server: { host: string; port: number },
  g: Greeting,
  timeoutMs: number,
  cause?: unknown,
): LienthongError | undefined {
  const at = `${server.host}:${server.port}`;
  const what =
    g.kind === 'silent'
      ? `accepts connections but sent no NATS greeting (INFO) within ${timeoutMs} ms`
      : g.kind === 'other'
        ? `answered, but not as a NATS server (it sent ${JSON.stringify(g.first)})`
        : g.kind === 'closed'
          ? 'accepted the connection and closed it without a NATS greeting'
          : undefined;
  if (!what) return undefined;
  return new LienthongError(
    'Unavailable',
    `${at} ${what}: it is not a NATS client port (\`lienthong up\` prints the NATS URL as "nats:"; its HTTP port serves the dashboard, /api/v1 and /vxp)`,
    { context: { server: at, greeting: g.kind }, ...(cause === undefined ? {} : { cause }) },
  );
}

/** `greetingFirst`: fails on a single server whose port is not NATS, before nats.js dials it. */
async function expectGreeting(servers: string | readonly string[], timeoutMs: number): Promise<void> {
  const only = onlyServer(servers);
  if (!only) return;
  const g = await probeGreeting(only.host, only.port, timeoutMs);
  if (g.kind === 'no-connection') {
    throw new LienthongError(
      'Unavailable',
      `no TCP connection to ${only.host}:${only.port} within ${timeoutMs} ms (waiting for the server to accept)`,
      { context: { server: `${only.host}:${only.port}`, greeting: g.kind } },
    );
  }
  // Refused, no such host: nats.js says those itself, as before.
  const err = notNatsError(only, g, timeoutMs);
  if (err) throw err;
}

/** One NATS connection and the JetStream views on it. */
export interface NatsHandles {
  readonly nc: NatsConnection;
  readonly js: JetStreamClient;
  readonly jsm: JetStreamManager;
  readonly kvm: Kvm;
}

/**
 * Connection options of credentials and TLS: the authenticator of an nkey identity (a seed file is
 * read now: a missing or bad file is an error at once, not a silent retry loop), its inbox prefix,
 * user/password or token, the TLS files.
 */
export function securityOptions(auth: NatsAuth | undefined, tls: NatsTls | undefined): NodeConnectionOptions {
  const seed = auth?.nkeySeed ?? (auth?.seedFile !== undefined ? readSeedFile(auth.seedFile) : undefined);
  return {
    ...(seed !== undefined ? { authenticator: nkeyAuthenticator(new TextEncoder().encode(seed)) } : {}),
    ...(auth?.inboxPrefix !== undefined ? { inboxPrefix: auth.inboxPrefix } : {}),
    ...(auth?.user !== undefined ? { user: auth.user, pass: auth.pass } : {}),
    ...(auth?.token !== undefined ? { token: auth.token } : {}),
    ...(tls ? { tls: { ...tls } } : {}),
  };
}

/** Connects and opens the JetStream views; a failure after connecting closes the connection. */
export async function connectNats(opts: ConnectNatsOptions): Promise<NatsHandles> {
  if (opts.greetingFirst) await expectGreeting(opts.servers, opts.timeoutMs ?? NATS_CONNECT_TIMEOUT_MS);
  const security = securityOptions(opts.auth, opts.tls);
  const since = Date.now();
  const still = opts.stillConnecting;
  const timer = still ? setInterval(() => still.notify(Date.now() - since), still.everyMs) : undefined;
  const reconnect = opts.reconnect ?? {};
  const nc = await connect({
    servers: typeof opts.servers === 'string' ? opts.servers : [...opts.servers],
    name: opts.name,
    ...(reconnect === false
      ? { reconnect: false }
      : {
          maxReconnectAttempts: -1,
          reconnectTimeWait: reconnect.timeWaitMs ?? 500,
          ...(reconnect.waitOnFirstConnect ? { waitOnFirstConnect: true } : {}),
        }),
    // Capturing a stack trace for every request costs a fifth of the CPU on the hot path.
    noAsyncTraces: true,
    ...(opts.timeoutMs !== undefined ? { timeout: opts.timeoutMs } : {}),
    ...security,
  })
    .catch(async (e: unknown) => {
      throw await notNatsPort(opts.servers, opts.timeoutMs ?? NATS_CONNECT_TIMEOUT_MS, e);
    })
    .finally(() => clearInterval(timer));
  try {
    const jsOpts = {
      ...(opts.domain ? { domain: opts.domain } : {}),
      ...(opts.apiTimeoutMs !== undefined ? { timeout: opts.apiTimeoutMs } : {}),
    };
    const jsm = await jetstreamManager(nc, jsOpts).catch(async (e: unknown) => {
      throw await jetStreamUnreachable(nc, opts.domain, opts.apiTimeoutMs ?? NATS_API_TIMEOUT_MS, e);
    });
    const js = jetstream(nc, jsOpts);
    return { nc, js, jsm, kvm: new Kvm(js) };
  } catch (e) {
    await nc.close().catch(() => undefined);
    throw e;
  }
}
