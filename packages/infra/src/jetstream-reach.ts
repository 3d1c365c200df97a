/**
 * What to say when a connection is up but its JetStream views cannot be opened: nats.js says only
 * "jetstream is not enabled" (nobody answers `$JS[.<domain>].API.INFO`) or "timeout", which sends
 * the reader looking at the wrong server. This names the server, the domain asked for, and, when the
 * server has JetStream of its own, the domain it does serve: a typo in a domain reads as one.
 */
import { LienthongError } from '@lienthong/core';
import type { NatsConnection } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { classifyNatsError } from './errors';

/** How long the server's own JetStream is asked for its domain, after the first failure. */
const OWN_DOMAIN_PROBE_MS = 2_000;

/** The server's own JetStream domain ('' for none set), or undefined when it has none or did not say. */
async function ownDomain(nc: NatsConnection): Promise<string | undefined> {
  try {
    const jsm = await jetstreamManager(nc, { timeout: OWN_DOMAIN_PROBE_MS });
    const info = await jsm.getAccountInfo();
    return info.domain ?? '';
  } catch {
    return undefined;
  }
}

/**
 * The error for a JetStream API that did not answer when the views were opened, with `cause` kept
 * (so `classifyNatsError` still reads it as `jetstream-disabled` or `timeout`). Other failures come
 * back as they are.
 */
export async function jetStreamUnreachable(
  nc: NatsConnection,
  domain: string | undefined,
  timeoutMs: number,
  cause: unknown,
): Promise<unknown> {
  const kind = classifyNatsError(cause).kind;
  if (kind !== 'jetstream-disabled' && kind !== 'timeout') return cause;
  const server = nc.getServer();
  const what = domain ? `JetStream domain '${domain}'` : 'JetStream';
  const failed =
    kind === 'timeout'
      ? `${what} did not answer within ${timeoutMs} ms through the NATS server at ${server}`
      : `${what} does not answer through the NATS server at ${server}`;
  const own = domain ? await ownDomain(nc) : undefined;
  let why: string;
  if (!domain) {
    why =
      kind === 'timeout'
        ? 'the server is up but its JetStream API is slow or stuck: see its log'
        : 'the server has no JetStream of its own: enable it (`jetstream { store_dir: ... }` in its config, or -js), or name the domain of the servers that have it';
  } else if (own === undefined) {
    why = `the server has no JetStream of its own, and no leaf link reaches a server of domain '${domain}'`;
  } else if (own === domain) {
    why = "it is this server's own domain: its JetStream API is slow or stuck: see its log";
  } else {
    why = `this server's own domain is ${own ? `'${own}'` : 'unnamed'}; '${domain}' is served by no server its leaf links reach (a typo in the domain, or a leaf link down?)`;
  }
  return new LienthongError(kind === 'timeout' ? 'DeadlineExceeded' : 'Unavailable', `${failed}: ${why}`, {
    context: { server, domain: domain ?? null, ownDomain: own ?? null },
    cause,
  });
}
