/** Connection set-up: one NATS connection with its JetStream views, from credentials and TLS files. */
import { connect, nkeyAuthenticator } from '@nats-io/transport-node';
import type { NatsConnection, NodeConnectionOptions } from '@nats-io/transport-node';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import { greetingOrder, notNatsPort } from './greeting-check';
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
   * Before connecting, read what each server's port says first (within the connect timeout): a
   * single server whose port is not NATS fails here, and nats.js never dials it (upstream nats.js,
   * as an installed SDK tarball has it, leaves the socket of a connect that timed out before the
   * server's INFO open, which keeps a short program alive long after the error). Of several
   * servers, those that greeted as NATS are dialled first, and ports that answered otherwise not at
   * all; when none greets, the error names what each did.
   */
  readonly greetingFirst?: boolean;
}

/** nats.js's bound on a JetStream API request when none is given. */
const NATS_API_TIMEOUT_MS = 5_000;

/** nats.js's bound on a connect attempt when none is given. */
const NATS_CONNECT_TIMEOUT_MS = 20_000;

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
  const ordered = opts.greetingFirst
    ? await greetingOrder(opts.servers, opts.timeoutMs ?? NATS_CONNECT_TIMEOUT_MS)
    : undefined;
  const security = securityOptions(opts.auth, opts.tls);
  const since = Date.now();
  const still = opts.stillConnecting;
  const timer = still ? setInterval(() => still.notify(Date.now() - since), still.everyMs) : undefined;
  const reconnect = opts.reconnect ?? {};
  const nc = await connect({
    // In the order the greetings gave: nats.js would otherwise pick at random, wrong ports too.
    ...(ordered
      ? { servers: ordered, noRandomize: true }
      : { servers: typeof opts.servers === 'string' ? opts.servers : [...opts.servers] }),
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
