/**
 * What the ports of a connection's servers say, for `connectNats`: a port that is not a NATS client
 * port (an HTTP port, say) is named as such instead of a bare timeout, and of several servers the
 * ones that greet as NATS are dialled first, so that a wrong entry in the list (an HTTP port) does
 * not make every other connect wait out the connect timeout.
 */
import { LienthongError } from '@lienthong/core';
import { classifyNatsError } from './errors';
import { hostPortOf, isHttpAnswer, probeGreeting, serverListOf } from './greeting';
import type { Greeting } from './greeting';

/** How long a connect that timed out spends finding out what the port is. */
const GREETING_PROBE_MS = 1_000;

/**
 * How long, once one server has greeted as NATS, the others' greetings are waited for: three times
 * what the first one took (servers of one cluster answer alike), within these bounds.
 */
const GREETING_GRACE_MS = { min: 20, max: 150, times: 3 } as const;

/** Where the right URL is to be found. */
const NATS_URL_HINT =
  '`lienthong up` prints the NATS URL as "nats:"; its HTTP port serves the dashboard, /api/v1 and /vxp';

type Address = { readonly host: string; readonly port: number };

/**
 * A connect that timed out, to a server that accepts connections but is not a NATS client port, is
 * said as such; nats.js gives a bare timeout for it. Of a list of servers, when none greets as NATS,
 * each is named with what it did. Anything else comes back as it is.
 */
export async function notNatsPort(
  servers: string | readonly string[],
  timeoutMs: number,
  e: unknown,
): Promise<unknown> {
  // nats.js times out on a silent port and gives "unexpected response from server" for one that
  // answers something else.
  const suspect = classifyNatsError(e).kind === 'timeout' || /unexpected response/i.test(String(e));
  if (!suspect) return e;
  const list = addressesOf(servers);
  if (list === undefined || list.length === 0) return e;
  if (list.length === 1) {
    const g = await probeGreeting(list[0]!.host, list[0]!.port, GREETING_PROBE_MS);
    return notNatsError(list[0]!, g, timeoutMs, e) ?? e;
  }
  const greetings = await Promise.all(list.map((a) => probeGreeting(a.host, a.port, GREETING_PROBE_MS)));
  return noNatsAmong(list, greetings, GREETING_PROBE_MS, e) ?? e;
}

/**
 * `greetingFirst`: reads what each server's port says before nats.js dials any.
 * - One server: a port that is not NATS, or that accepts no connection within `timeoutMs`, fails
 *   here (refused, no such host: nats.js says those itself).
 * - Several: once one has greeted as NATS (and the others had a moment more), returns the list to
 *   dial in order: those that greeted, shuffled (the load still spreads), then the undecided and
 *   unreachable ones; ports that answered otherwise than NATS are left out. When none greets, fails
 *   if some port is not NATS or accepts no connection.
 * Returns undefined when the servers are to be dialled as given.
 */
export async function greetingOrder(
  servers: string | readonly string[],
  timeoutMs: number,
): Promise<string[] | undefined> {
  const urls = serverListOf(servers).map((s) => s.trim());
  const list = addressesOf(urls);
  if (list === undefined || list.length === 0) return undefined; // nats.js says what is wrong
  const greetings = await firstGreetings(list, timeoutMs);
  if (list.length === 1) {
    const g = greetings[0]!;
    if (g.kind === 'no-connection') throw noConnection(list, timeoutMs);
    const err = notNatsError(list[0]!, g, timeoutMs);
    if (err) throw err;
    return undefined;
  }
  const greeted = urls.filter((_, i) => greetings[i]?.kind === 'nats');
  if (greeted.length === 0) {
    const err = noNatsAmong(list, greetings as Greeting[], timeoutMs);
    if (err) throw err;
    if (greetings.some((g) => g?.kind === 'no-connection')) throw noConnection(list, timeoutMs);
    return undefined;
  }
  const wrong = (g: Greeting | undefined): boolean => g?.kind === 'other' || g?.kind === 'closed';
  const rest = urls.filter((_, i) => greetings[i]?.kind !== 'nats' && !wrong(greetings[i]));
  return [...shuffled(greeted), ...rest];
}

/**
 * Every server's greeting, or, once one has greeted as NATS, those that came within the grace after
 * it (the others undefined, their probes ended).
 */
async function firstGreetings(
  list: readonly Address[],
  timeoutMs: number,
): Promise<(Greeting | undefined)[]> {
  const greetings: (Greeting | undefined)[] = list.map(() => undefined);
  const abort = new AbortController();
  const started = Date.now();
  await new Promise<void>((resolve) => {
    let pending = list.length;
    let grace: NodeJS.Timeout | undefined;
    const done = (): void => {
      clearTimeout(grace);
      abort.abort();
      resolve();
    };
    list.forEach((a, i) => {
      void probeGreeting(a.host, a.port, timeoutMs, abort.signal).then((g) => {
        if (abort.signal.aborted) return;
        greetings[i] = g;
        if (--pending === 0) done();
        else if (g.kind === 'nats' && grace === undefined) {
          const { min, max, times } = GREETING_GRACE_MS;
          grace = setTimeout(done, Math.min(max, Math.max(min, times * (Date.now() - started))));
        }
      });
    });
  });
  return greetings;
}

/** Host and port of every server, or undefined when one of them is not a server URL. */
function addressesOf(servers: string | readonly string[]): Address[] | undefined {
  const list = serverListOf(servers).map((s) => hostPortOf(s.trim()));
  return list.every((a) => a !== undefined) ? (list as Address[]) : undefined;
}

function shuffled<T>(items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** What a port that greeted otherwise than NATS does did, or undefined when it is not one. */
export function notNatsWhat(g: Greeting, timeoutMs: number): string | undefined {
  switch (g.kind) {
    case 'silent':
      return `accepts connections but sent no NATS greeting (INFO) within ${timeoutMs} ms`;
    case 'other':
      return isHttpAnswer(g)
        ? `is an HTTP port, not a NATS client port (it answered ${JSON.stringify(g.first)})`
        : `answered, but not as a NATS server (it sent ${JSON.stringify(g.first)})`;
    case 'closed':
      return 'accepted the connection and closed it without a NATS greeting';
    default:
      return undefined;
  }
}

/** What a server that could not be reached did. */
function unreachableWhat(g: Greeting, timeoutMs: number): string {
  return g.kind === 'error'
    ? `could not be reached (${g.error.message})`
    : `accepted no connection within ${timeoutMs} ms`;
}

/** The error for a port that greeted otherwise than NATS does, or undefined when it is not one. */
function notNatsError(
  server: Address,
  g: Greeting,
  timeoutMs: number,
  cause?: unknown,
): LienthongError | undefined {
  const at = `${server.host}:${server.port}`;
  const what = notNatsWhat(g, timeoutMs);
  if (!what) return undefined;
  return new LienthongError('Unavailable', `${at} ${what}: it is not a NATS client port (${NATS_URL_HINT})`, {
    context: { server: at, greeting: g.kind },
    ...(cause === undefined ? {} : { cause }),
  });
}

/** Of servers none of which greeted as NATS, the error naming each, if some port is not NATS. */
function noNatsAmong(
  list: readonly Address[],
  greetings: readonly Greeting[],
  timeoutMs: number,
  cause?: unknown,
): LienthongError | undefined {
  const said = greetings.map((g) => notNatsWhat(g, timeoutMs));
  if (said.every((w) => w === undefined)) return undefined;
  const each = list.map(
    (a, i) => `${a.host}:${a.port} ${said[i] ?? unreachableWhat(greetings[i]!, timeoutMs)}`,
  );
  return new LienthongError(
    'Unavailable',
    `none of the ${list.length} servers is a NATS client port: ${each.join('; ')} (${NATS_URL_HINT})`,
    {
      context: { servers: list.map((a) => `${a.host}:${a.port}`), greetings: greetings.map((g) => g.kind) },
      ...(cause === undefined ? {} : { cause }),
    },
  );
}

function noConnection(list: readonly Address[], timeoutMs: number): LienthongError {
  const names = list.map((a) => `${a.host}:${a.port}`);
  return new LienthongError(
    'Unavailable',
    list.length === 1
      ? `no TCP connection to ${names[0]} within ${timeoutMs} ms (waiting for the server to accept)`
      : `no NATS server among ${names.join(', ')} within ${timeoutMs} ms (none accepted a connection and greeted)`,
    { context: list.length === 1 ? { server: names[0], greeting: 'no-connection' } : { servers: names } },
  );
}
