import type { KV } from '@nats-io/kv';
import { LienthongError, directoryKeys } from '@lienthong/core';
import { AgencyRecord, NodeRecord } from '@lienthong/proto';
import { closedError, readClosure } from './closure';
import type { Closure } from './closure';
import type { HomeNode } from './session';

/** How often a connected client looks its agency up in the directory, to follow a move. */
export const FOLLOW_HOME_MS = 2_000;

/** The agency's home node as a client sees it (`client.home()`). */
export interface HomeState {
  /** The home node the directory names now (in another domain while `reachable` is false). */
  readonly node: string;
  /** Its JetStream domain ('' for none). */
  readonly domain: string;
  /**
   * False once the home node is in another JetStream domain than this client's connection, or the
   * agency's code was closed.
   */
  readonly reachable: boolean;
  /** Set once the agency's code was closed by a reorganisation (`lienthong agency close`). */
  readonly closed?: Closure;
}

/**
 * A home node in another JetStream domain, which this client's connection cannot reach; or, with
 * `closed`, a code closed by a reorganisation (its node and domain are the last ones it had).
 */
interface Away {
  readonly node: string;
  readonly domain: string;
  readonly closed?: Closure;
}

/**
 * Follows the agency's home node while connected (`lienthong agency move`): the directory is read
 * now and then (direct gets of the agency's record and of its home node's, which an agency may do)
 * and on demand (before the inbox consumer is re-created), and the home node changes in place, so
 * submissions, statuses, tracking and the inbox use the new one from then on. A home node in
 * another JetStream domain (a move there, or its province merged into another's domain) cannot be
 * followed (the connection, content store and credentials belong to the old one): from then on
 * `current()` refuses with FailedPrecondition, saying which domain to connect to, and the listeners
 * of `onAway` hear it, until the home node is in this client's domain again. A code closed by a
 * reorganisation (`agency close`, `topology apply`) is refused the same way, naming its successor.
 */
export class HomeFollower {
  private timer: NodeJS.Timeout | undefined;
  /** Number of the newest read started, and of the newest read whose answer was taken. */
  private started = 0;
  private answered = 0;
  /** Reads under way. */
  private reading = 0;
  /** The newest read (number `started`). */
  private newest: Promise<boolean> = Promise.resolve(false);
  private home: HomeNode;
  private away: Away | undefined;
  private readonly listeners = new Set<(e: LienthongError) => void>();
  private readonly movers = new Set<(home: HomeNode) => void>();

  constructor(
    private readonly session: { readonly agency: string; readonly homeNode: HomeNode },
    private readonly directory: KV,
    private readonly contentDomain: string,
    private readonly everyMs = FOLLOW_HOME_MS,
  ) {
    this.home = session.homeNode;
  }

  /** The last home node in this client's domain, even while the agency's is in another one. */
  get node(): HomeNode {
    return this.home;
  }

  /** Where the directory says the home node is, and whether this client's connection reaches it. */
  get state(): HomeState {
    const { away } = this;
    return away
      ? {
          node: away.node,
          domain: away.domain,
          reachable: false,
          ...(away.closed ? { closed: away.closed } : {}),
        }
      : { node: this.home.id, domain: this.contentDomain, reachable: true };
  }

  /** The home node; FailedPrecondition while it is in another JetStream domain. */
  current(): HomeNode {
    if (this.away) throw this.awayError(this.away);
    return this.home;
  }

  /** Called with the new home node each time it changes within this client's domain; returns the remover. */
  onMove(listener: (home: HomeNode) => void): () => void {
    this.movers.add(listener);
    return () => this.movers.delete(listener);
  }

  /** Called once each time the home node is found in another domain; returns the remover. */
  onAway(listener: (e: LienthongError) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  start(): void {
    if (this.everyMs <= 0 || this.timer) return;
    // The periodic read is skipped while a read is under way: a refresh waits for every read started
    // after its own, so reads slower than the period must not keep starting new ones.
    this.timer = setInterval(() => {
      if (this.reading === 0) void this.refresh().catch(() => undefined);
    }, this.everyMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.listeners.clear();
    this.movers.clear();
  }

  /**
   * Reads the agency's home node from the directory; true when this call's read changed it. Every call starts a read
   * of its own (one already under way may have started before a move the caller knows of), and the
   * newest read's answer wins: an older read that completes later is not taken. A call resolves once
   * the newest read started meanwhile is done too, so that what it says afterwards (`node`,
   * `current()`) is at least as new as the directory when it was called.
   */
  refresh(): Promise<boolean> {
    this.started += 1;
    const n = this.started;
    this.reading += 1;
    this.newest = this.read(n).finally(() => (this.reading -= 1));
    return this.untilNewest(this.newest, n);
  }

  /**
   * Waits for read `n`, then for any read started after it: a newer read that took its answer over
   * read `n`'s may still be reading the home node's record.
   */
  private async untilNewest(read: Promise<boolean>, n: number): Promise<boolean> {
    const changed = await read;
    while (this.started > n) {
      n = this.started;
      await this.newest.catch(() => false);
    }
    return changed;
  }

  /** Takes read `n`'s answer unless a newer read's answer was taken already. */
  private take(n: number): boolean {
    if (n < this.answered) return false;
    this.answered = n;
    return true;
  }

  private async read(n: number): Promise<boolean> {
    const { agency } = this.session;
    const entry = await this.directory.get(directoryKeys.agency(agency));
    if (!this.take(n)) return false;
    if (!entry || entry.operation !== 'PUT') return this.closedOrGone(n);
    const homeNode = AgencyRecord.decode(entry.value).homeNode;
    // The node's record is read even when its id is the same: its domain may have changed (merged).
    const node = await this.directory.get(directoryKeys.node(homeNode));
    if (!this.take(n) || !node || node.operation !== 'PUT') return false;
    const record = NodeRecord.decode(node.value);
    if (record.domain !== this.contentDomain) return this.leave({ node: record.id, domain: record.domain });
    const moved = record.id !== this.home.id;
    const changed = this.away !== undefined || moved;
    this.away = undefined;
    this.home = { id: record.id, level: record.level };
    if (moved) for (const listener of [...this.movers]) listener(this.home);
    return changed;
  }

  /**
   * The agency is not in the directory: closed by a reorganisation when a closure names it (from then
   * on nothing reaches it here), else left as it is (removed, or a province's copy of the directory
   * catching up).
   */
  private async closedOrGone(n: number): Promise<boolean> {
    const closed = await readClosure(this.directory, this.session.agency);
    if (!this.take(n) || !closed) return false;
    const last = this.away ?? { node: this.home.id, domain: this.contentDomain };
    return this.leave({ node: last.node, domain: last.domain, closed });
  }

  /**
   * The home node is now in another domain, or the code was closed: remembered, and its listeners
   * told once.
   */
  private leave(away: Away): boolean {
    const same =
      this.away?.node === away.node &&
      this.away.domain === away.domain &&
      this.away.closed?.successor === away.closed?.successor;
    if (same) return false;
    this.away = away;
    const e = this.awayError(away);
    for (const listener of [...this.listeners]) listener(e);
    return true;
  }

  private awayError({ node, domain, closed }: Away): LienthongError {
    const { agency } = this.session;
    if (closed) return closedError('FailedPrecondition', agency, closed);
    return new LienthongError(
      'FailedPrecondition',
      `agency ${agency} now has its home node ${node} in JetStream domain ${domain}: connect to that domain's servers (connect({ servers: …, domain: '${domain}' }))`,
      { context: { agency, homeNode: node, domain } },
    );
  }
}
