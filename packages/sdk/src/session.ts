/**
 * The connection of a client and what it finds at connect time: its NATS handles, its agency's
 * directory record and its home node. `openSession` is the only place that connects.
 */
import type { NatsConnection } from '@nats-io/transport-node';
import type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import type { KV } from '@nats-io/kv';
import { BUCKETS, LienthongError, agencyToToken, directoryKeys } from '@lienthong/core';
import {
  classifyNatsError,
  connectNats,
  parseNatsServerUrl,
  serverListOf,
  serversShown,
} from '@lienthong/infra';
import { AgencyRecord, NodeRecord } from '@lienthong/proto';
import { closedError, readClosure } from './closure';
import type { Level } from '@lienthong/proto';
import { normalize } from './call';
import type { CallContext } from './call';
import { natsAuthOf } from './security';
import type { ConnectOptions } from './types';

export interface HomeNode {
  readonly id: string;
  readonly level: Level;
}

/** What every part of a client shares: who it is, its home node, the NATS handles, its deadline. */
export interface Session {
  readonly agency: string;
  readonly homeNode: HomeNode;
  readonly nc: NatsConnection;
  readonly js: JetStreamClient;
  readonly jsm: JetStreamManager;
  readonly defaultTimeoutMs: number;
}

/** A session and the buckets and records the parts of a client are built from. */
export interface OpenedSession extends Session {
  readonly record: AgencyRecord;
  /** The home node's JetStream domain, where its content stream is. */
  readonly contentDomain: NodeRecord['domain'];
  readonly directory: KV;
  readonly tracking: KV;
}

/**
 * KV reads by direct get, which names the key in the subject: permissions then keep an agency to its
 * own tracking keys (the buckets are created with direct gets allowed).
 */
const DIRECT_READS = { allow_direct: true } as const;

/**
 * Connects to the home node's servers and reads the agency and its home node from the directory:
 * NotFound for an agency the directory does not know, Unavailable when its home node is not running.
 * The connection reconnects forever.
 */
export async function openSession(
  agency: string,
  opts: ConnectOptions,
  defaultTimeoutMs: number,
  ctx: CallContext,
): Promise<OpenedSession> {
  const auth = natsAuthOf(agency, opts.credentials ?? opts.auth);
  const { nc, js, jsm, kvm } = await connectNats({
    servers: opts.servers,
    name: opts.name ?? `lienthong-sdk ${agency}`,
    ...(auth ? { auth } : {}),
    ...(opts.tls ? { tls: opts.tls } : {}),
    ...(opts.domain ? { domain: opts.domain } : {}),
    // Leaves the call time to say what a port that timed out is (connectNats asks it for up to 1 s).
    timeoutMs: Math.min(Math.max(ctx.timeoutMs - 1_500, ctx.timeoutMs / 2), 20_000),
    // A port that is not NATS is found before nats.js dials it: an installed SDK runs upstream
    // nats.js, which would keep such a socket (and the program) open after the error.
    greetingFirst: true,
  }).catch((e: unknown) => {
    throw auth ? notOwnIdentity(agency, e) : noCredentials(agency, e);
  });
  try {
    const directory = await kvm.open(BUCKETS.directory, DIRECT_READS);
    // A NATS server without lienthong on it answers no directory read: nats.js waits out its request
    // timeout. Whether the directory's stream is there is asked alongside, and says so at once.
    const record = await Promise.race([
      agencyRecord(directory, agency, opts.domain),
      noDirectory(jsm, opts.servers, opts.domain),
    ]);
    const node = await homeNodeRecord(directory, agency, record.homeNode);
    const tracking = await kvm.open(BUCKETS.tracking, DIRECT_READS);
    if (ctx.signal.aborted) throw ctx.signal.reason;
    const homeNode: HomeNode = { id: node.id, level: node.level };
    return {
      agency,
      homeNode,
      nc,
      js,
      jsm,
      defaultTimeoutMs,
      record,
      contentDomain: node.domain,
      directory,
      tracking,
    };
  } catch (e) {
    await nc.close().catch(() => undefined);
    throw notOwnIdentity(agency, e);
  }
}

/**
 * Fails when the servers hold no lienthong directory (no broker runs there, or another JetStream
 * domain is meant); never settles otherwise, nor when the question itself fails.
 */
function noDirectory(
  jsm: JetStreamManager,
  servers: string | readonly string[],
  domain: string | undefined,
): Promise<never> {
  return jsm.streams.info(`KV_${BUCKETS.directory}`).then(
    () => new Promise<never>(() => undefined),
    (e: unknown) => {
      if (classifyNatsError(e).kind !== 'not-found') return new Promise<never>(() => undefined);
      const where = domain
        ? `JetStream domain '${domain}' of ${serversShown(servers)}`
        : serversShown(servers);
      throw new LienthongError(
        'Unavailable',
        `no lienthong broker on ${where}: the NATS server answers, but holds no lienthong directory (stream KV_${BUCKETS.directory}); start the broker there (\`lienthong up\`, or the level services), or check the servers${domain ? ' and the domain' : ''}`,
        { context: { servers: serversShown(servers), ...(domain ? { domain } : {}) } },
      );
    },
  );
}

async function agencyRecord(directory: KV, agency: string, domain?: string): Promise<AgencyRecord> {
  const entry = await directory.get(directoryKeys.agency(agency));
  if (!entry || entry.operation !== 'PUT') {
    const closure = await readClosure(directory, agency).catch(() => undefined);
    if (closure) throw closedError('NotFound', agency, closure);
    // A province domain's directory is a copy of the centre's: right after the centre starts (or
    // while a province started first waits for it) the copy may not hold the agency yet.
    const hint = domain
      ? ` of domain ${domain} (a domain's directory follows the centre's: if the centre has only just started, connect again in a moment)`
      : '';
    throw new LienthongError('NotFound', `agency ${agency} is not in the directory${hint}`, {
      context: { agency, ...(domain ? { domain } : {}) },
    });
  }
  return AgencyRecord.decode(entry.value);
}

async function homeNodeRecord(directory: KV, agency: string, id: string): Promise<NodeRecord> {
  const entry = await directory.get(directoryKeys.node(id));
  if (!entry || entry.operation !== 'PUT') {
    throw new LienthongError('Unavailable', `home node ${id} of ${agency} is not running`, {
      context: { agency, node: id },
    });
  }
  return NodeRecord.decode(entry.value);
}

/**
 * A connection whose replies cannot reach it (its inbox prefix `_INBOX_a_<agency>` is not allowed)
 * holds another identity's credentials, usually because the code is mistyped: say both, instead of
 * naming the subject only.
 */
function notOwnIdentity(agency: string, e: unknown): unknown {
  const err = normalize('connect', e);
  if (err.code === 'PermissionDenied' && err.message.includes(`_INBOX_a_${agencyToToken(agency)}`)) {
    return new LienthongError(
      'PermissionDenied',
      // The broker refuses the replies before the directory can be read, so the SDK cannot tell a
      // code the directory does not know (a typo, the usual case) from another agency's key.
      `connect: agency ${agency} is not in the directory, or these credentials are not those of agency ${agency}: the broker refused its replies (${err.message})`,
      { context: { what: 'connect', agency }, cause: e },
    );
  }
  // The server refused the identity itself, before anything could be read: say what that can be.
  if (err.code === 'PermissionDenied' && /authorization violation/i.test(err.message)) {
    return new LienthongError(
      'PermissionDenied',
      `${err.message}: the broker does not take these credentials for agency ${agency}: the identity was revoked (its seed reissued, or its code closed by a reorganisation: then connect as the successor, \`lienthong agency show ${agency}\` names it), or the seed is another broker's`,
      { context: { what: 'connect', agency }, cause: e },
    );
  }
  return e;
}

/** A server that wants credentials, asked without any: say what to pass, and where it comes from. */
function noCredentials(agency: string, e: unknown): unknown {
  const err = normalize('connect', e);
  if (err.code !== 'PermissionDenied') return e;
  return new LienthongError(
    'PermissionDenied',
    `connect: the broker requires credentials and none were given (${err.message.replace(/^connect: /, '')}): pass credentials: { seedFile } with agency ${agency}'s seed file (\`lienthong creds issue agency ${agency} --data DIR\` writes it)`,
    { context: { what: 'connect', agency }, cause: e },
  );
}

/**
 * The `servers` of `connect()`, checked before anything connects: each a NATS URL (`nats://`,
 * `tls://`, or `HOST:PORT`). An HTTP address (the dashboard and gateway port of a node) or an empty
 * list would otherwise be reported as an unreachable broker.
 */
export function checkServers(servers: unknown): void {
  // Not typed by a caller in plain JavaScript: anything but a string or an array is no list.
  const list: unknown[] =
    typeof servers === 'string' || Array.isArray(servers) ? serverListOf(servers as string | string[]) : [];
  if (list.length === 0 || list.some((s) => typeof s !== 'string' || s.trim() === '')) {
    throw new LienthongError(
      'InvalidArgument',
      `connect: servers must name the NATS servers of the home node (nats://HOST:PORT), got ${JSON.stringify(servers)}`,
    );
  }
  for (const s of list as string[]) {
    const a = parseNatsServerUrl(s);
    if (!('problem' in a)) continue;
    const hint = a.http
      ? ': that is an HTTP address (a node\'s dashboard, /api/v1 and /vxp); the SDK takes the NATS URL (`lienthong up` prints it as "nats:")'
      : '';
    throw new LienthongError('InvalidArgument', `connect: ${a.problem}${hint}`, { context: { server: s } });
  }
}
