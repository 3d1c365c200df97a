import { TcpProxy } from './proxy';
import { startNatsServer } from './server';
import type { NatsServer } from './server';
import { sleep } from './util';

export interface LeafNodeSpec {
  /** JetStream domain of this server; also the key it is known by in the topology. */
  domain: string;
  /** Domain of the server this one connects to as a leaf; absent for a root. Must be listed earlier. */
  parent?: string;
  /** Config files this server includes (an `authorization` block, say); re-read on `reload()`. */
  include?: readonly string[];
}

export interface LeafTopologyOptions {
  /** Servers in start order: every parent before its children. */
  nodes: LeafNodeSpec[];
  /** Per-server start bound (default 10000 ms). */
  startTimeoutMs?: number;
  /** Bound on waiting for a link to come up or go down (default 10000 ms). */
  linkTimeoutMs?: number;
  /** Echo every server's log to stderr. */
  debug?: boolean;
  /**
   * Link each leaf straight to its parent's leaf port, without the cuttable proxy (which relays
   * every byte through this process): for measuring, where links are never cut. `cutLink` and
   * `restoreLink` then throw.
   */
  direct?: boolean;
}

export interface RestoreLinkOptions {
  /** Wait until the leaf reports the link up again (default true). */
  wait?: boolean;
}

export interface LeafTopology extends AsyncDisposable {
  /** Every server, keyed by domain. */
  readonly servers: Record<string, NatsServer>;
  /** The proxy in front of each child's link to its parent, keyed by the child's domain (none when `direct`). */
  readonly proxies: Record<string, TcpProxy>;
  /** Drops the link from `domain` to its parent and keeps it down; resolves once the leaf sees it down. */
  cutLink(domain: string): Promise<void>;
  /** Lets the link from `domain` to its parent reconnect; by default resolves once it is up. */
  restoreLink(domain: string, opts?: RestoreLinkOptions): Promise<void>;
  /** Whether `domain`'s server currently has its leafnode connection to its parent. */
  isLinkUp(domain: string): Promise<boolean>;
  /** Resolves once `domain`'s link to its parent is up (throws after linkTimeoutMs or the given bound). */
  waitForLink(domain: string, timeoutMs?: number): Promise<void>;
  /** Stops every server (children first), closes the proxies and deletes the temp dirs. Idempotent. */
  stop(): Promise<void>;
}

export interface LeafTree extends LeafTopology {
  readonly hub: NatsServer;
  /** The leaf servers, keyed by domain. */
  readonly leaves: Record<string, NatsServer>;
}

export interface LeafTreeOptions {
  /** JetStream domain of the hub (default 'central'). */
  hubDomain?: string;
  /** Leaf domains, e.g. ['h41', 'h42']; each is a direct leaf of the hub. */
  leaves: string[];
  /** Per leaf domain, config files its server includes (an `authorization` block, say). */
  include?: Readonly<Record<string, readonly string[]>>;
  /**
   * Put this many intermediate servers between the hub and each leaf (default 0), named
   * `<leaf>-up1`, `<leaf>-up2`, ... from the leaf upwards; each is reachable in `servers`.
   */
  chainDepth?: number;
  startTimeoutMs?: number;
  linkTimeoutMs?: number;
  debug?: boolean;
  /** Links without proxies (see `LeafTopologyOptions.direct`). */
  direct?: boolean;
}

export interface LeafChain extends LeafTopology {
  /** Servers in the order given: chain[0] is the root, each next one a leaf of the one before. */
  readonly chain: NatsServer[];
  readonly root: NatsServer;
}

export interface LeafChainOptions {
  startTimeoutMs?: number;
  linkTimeoutMs?: number;
  debug?: boolean;
  /** Links without proxies (see `LeafTopologyOptions.direct`). */
  direct?: boolean;
}

interface LeafzResponse {
  leafs?: { ip?: string; port?: number }[];
}

class Topology implements LeafTopology {
  readonly servers: Record<string, NatsServer> = {};
  readonly proxies: Record<string, TcpProxy> = {};
  /** Each child's parent-side leaf port, where its link arrives when there is no proxy. */
  readonly #parentPort: Record<string, number> = {};
  readonly #order: string[] = [];
  readonly #linkTimeoutMs: number;
  #stopped = false;

  constructor(linkTimeoutMs: number) {
    this.#linkTimeoutMs = linkTimeoutMs;
  }

  async build(opts: LeafTopologyOptions): Promise<void> {
    const specs = opts.nodes;
    const seen = new Set<string>();
    for (const spec of specs) {
      if (seen.has(spec.domain)) throw new Error(`leaf topology: domain ${spec.domain} listed twice`);
      if (spec.parent !== undefined && !seen.has(spec.parent)) {
        throw new Error(`leaf topology: parent ${spec.parent} of ${spec.domain} must be listed before it`);
      }
      seen.add(spec.domain);
    }
    const hasChildren = new Set(specs.flatMap((s) => (s.parent === undefined ? [] : [s.parent])));
    for (const spec of specs) {
      let remoteUrl: string | undefined;
      if (spec.parent !== undefined) {
        const parent = this.#server(spec.parent);
        if (parent.leafPort === undefined) throw new Error(`leaf topology: ${spec.parent} has no leaf port`);
        if (opts.direct) {
          this.#parentPort[spec.domain] = parent.leafPort;
          remoteUrl = `nats://127.0.0.1:${parent.leafPort}`;
        } else {
          const proxy = await TcpProxy.start({ targetPort: parent.leafPort, rewriteLeafInfo: true });
          this.proxies[spec.domain] = proxy;
          this.#parentPort[spec.domain] = proxy.port;
          remoteUrl = proxy.url;
        }
      }
      const server = await startNatsServer({
        domain: spec.domain,
        leafListen: hasChildren.has(spec.domain),
        leafRemotes: remoteUrl === undefined ? [] : [{ url: remoteUrl }],
        // The link checks read /leafz.
        monitor: true,
        ...(spec.include ? { include: spec.include } : {}),
        ...(opts.startTimeoutMs === undefined ? {} : { startTimeoutMs: opts.startTimeoutMs }),
        ...(opts.debug === undefined ? {} : { debug: opts.debug }),
      });
      this.servers[spec.domain] = server;
      this.#order.push(spec.domain);
    }
    // Only hand the topology out once every link is up, so tests do not race the first connect.
    await Promise.all(Object.keys(this.#parentPort).map((d) => this.waitForLink(d)));
  }

  #server(domain: string): NatsServer {
    const server = this.servers[domain];
    if (server === undefined) throw new Error(`leaf topology: no server with domain ${domain}`);
    return server;
  }

  #proxy(domain: string): TcpProxy {
    const proxy = this.proxies[domain];
    if (proxy !== undefined) return proxy;
    if (this.#parentPort[domain] !== undefined) {
      throw new Error(`leaf topology: ${domain}'s link is direct (no proxy): it cannot be cut`);
    }
    throw new Error(`leaf topology: ${domain} has no link to a parent`);
  }

  async isLinkUp(domain: string): Promise<boolean> {
    const port = this.#parentPort[domain];
    if (port === undefined) throw new Error(`leaf topology: ${domain} has no link to a parent`);
    const server = this.#server(domain);
    if (!server.isRunning() || server.monitorUrl === undefined) return false;
    try {
      const res = await fetch(`${server.monitorUrl}/leafz`, { signal: AbortSignal.timeout(2000) });
      const body = (await res.json()) as LeafzResponse;
      // 2.9.10's /leafz has no remote name; the solicited connection is the one whose peer is our
      // proxy (or, direct, the parent's leaf port).
      return (body.leafs ?? []).some((l) => l.port === port && l.ip === '127.0.0.1');
    } catch {
      return false;
    }
  }

  async #waitLink(domain: string, up: boolean, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while ((await this.isLinkUp(domain)) !== up) {
      if (Date.now() >= deadline) {
        throw new Error(`leaf link ${domain} -> parent still ${up ? 'down' : 'up'} after ${timeoutMs} ms`);
      }
      await sleep(50);
    }
  }

  waitForLink(domain: string, timeoutMs = this.#linkTimeoutMs): Promise<void> {
    return this.#waitLink(domain, true, timeoutMs);
  }

  async cutLink(domain: string): Promise<void> {
    await this.#proxy(domain).cut();
    await this.#waitLink(domain, false, this.#linkTimeoutMs);
  }

  async restoreLink(domain: string, opts: RestoreLinkOptions = {}): Promise<void> {
    await this.#proxy(domain).restore();
    if (opts.wait ?? true) await this.waitForLink(domain);
  }

  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    // Children first, so no leaf is left retrying a parent that is already gone.
    const errors: unknown[] = [];
    for (const domain of [...this.#order].reverse()) {
      try {
        await this.servers[domain]?.cleanup();
      } catch (err) {
        errors.push(err);
      }
    }
    await Promise.all(Object.values(this.proxies).map((p) => p.close()));
    if (errors.length > 0) throw new AggregateError(errors, 'leaf topology: some servers failed to stop');
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.stop();
  }
}

function topologyOptions(opts: LeafChainOptions): Omit<LeafTopologyOptions, 'nodes'> {
  const out: Omit<LeafTopologyOptions, 'nodes'> = {};
  if (opts.startTimeoutMs !== undefined) out.startTimeoutMs = opts.startTimeoutMs;
  if (opts.linkTimeoutMs !== undefined) out.linkTimeoutMs = opts.linkTimeoutMs;
  if (opts.debug !== undefined) out.debug = opts.debug;
  if (opts.direct !== undefined) out.direct = opts.direct;
  return out;
}

/** Starts servers linked as leafnodes through cuttable proxies; each server has its own JetStream domain. */
export async function startLeafTopology(opts: LeafTopologyOptions): Promise<LeafTopology> {
  const topology = new Topology(opts.linkTimeoutMs ?? 10_000);
  try {
    await topology.build(opts);
  } catch (err) {
    await topology.stop().catch(() => undefined);
    throw err;
  }
  return topology;
}

/** A hub (listening for leafnodes) with one leaf server per domain, each linked through a TcpProxy. */
export async function startLeafTree(opts: LeafTreeOptions): Promise<LeafTree> {
  const hubDomain = opts.hubDomain ?? 'central';
  const depth = opts.chainDepth ?? 0;
  const nodes: LeafNodeSpec[] = [{ domain: hubDomain }];
  for (const leaf of opts.leaves) {
    let parent = hubDomain;
    for (let level = depth; level >= 1; level--) {
      const domain = `${leaf}-up${level}`;
      nodes.push({ domain, parent });
      parent = domain;
    }
    const include = opts.include?.[leaf];
    nodes.push({ domain: leaf, parent, ...(include ? { include } : {}) });
  }
  const topology = await startLeafTopology({ ...topologyOptions(opts), nodes });
  const pick = (d: string): NatsServer => {
    const s = topology.servers[d];
    if (s === undefined) throw new Error(`leaf tree: missing ${d}`);
    return s;
  };
  const leaves: Record<string, NatsServer> = {};
  for (const leaf of opts.leaves) leaves[leaf] = pick(leaf);
  return Object.assign(topology, { hub: pick(hubDomain), leaves });
}

/**
 * A chain such as ['central', 'province', 'district', 'commune']: each server is a leaf of the one
 * before it. cutLink('district') cuts district -> province.
 */
export async function startLeafChain(domains: string[], opts: LeafChainOptions = {}): Promise<LeafChain> {
  if (domains.length === 0) throw new Error('startLeafChain: no domains');
  const nodes = domains.map((domain, i): LeafNodeSpec => {
    const parent = i > 0 ? domains[i - 1] : undefined;
    return parent === undefined ? { domain } : { domain, parent };
  });
  const topology = await startLeafTopology({ ...topologyOptions(opts), nodes });
  const chain = domains.map((d) => {
    const s = topology.servers[d];
    if (s === undefined) throw new Error(`leaf chain: missing ${d}`);
    return s;
  });
  const root = chain[0];
  if (root === undefined) throw new Error('startLeafChain: no root');
  return Object.assign(topology, { chain, root });
}
