import type { KV, KvWatchEntry } from '@nats-io/kv';
import type { Logger } from 'pino';
import { closedCodeFromProto, parseDirectoryKey, topologyFromProto } from '@lienthong/core';
import type { AgencyInfo, ClosedCode, ClosedCodeJson, NextHop, NodeInfo, Topology } from '@lienthong/core';
import { AgencyRecord, ClosedAgencyRecord, NodeRecord } from '@lienthong/proto';
import type {
  IAgencyRecord,
  IClosedAgencyRecord,
  INodeRecord,
  IPublicKey,
  ISubmitLimits,
} from '@lienthong/proto';

/** The parts of the topology the per-message work reads; backed by the live directory. */
export interface TopologyView {
  agency(code: string): AgencyInfo | undefined;
  hasNode(id: string): boolean;
  node(id: string): NodeInfo;
  nextHop(from: string, to: string): NextHop;
  homeNodeOf(agencyCode: string): NodeInfo;
  agenciesOf(nodeId: string): AgencyInfo[];
  /** The closure of a code that no longer names a live agency (topology `closed`). */
  closedCode(code: string): ClosedCode | undefined;
  /** Whether `code` is the successor of a closed code. */
  succeeds(code: string): boolean;
}

/** An agency whose home node changed. */
export interface AgencyMove {
  readonly code: string;
  readonly from: string;
  readonly to: string;
}

/**
 * Directory changes made while running are built into the tree one by one, up to BUILDS_PER_SECOND
 * a second; beyond that (a reorganisation written one entry at a time), every REBUILD_AFTER_MS with
 * what came meanwhile.
 */
export const BUILDS_PER_SECOND = 20;
export const REBUILD_AFTER_MS = 100;

/**
 * The directory as it is now. It starts from the topology file; once the `lt_directory` bucket is
 * watched, every change there (an agency added, moved to another node, a unit re-parented, a code
 * closed with its successor) takes
 * effect without a restart (see BUILDS_PER_SECOND). A change that would make the tree invalid is
 * refused with a log line and the previous directory stays.
 */
export class LiveDirectory implements TopologyView {
  private nodes = new Map<string, INodeRecord>();
  private agencies = new Map<string, IAgencyRecord>();
  private closed = new Map<string, IClosedAgencyRecord>();
  private stopWatch: (() => void) | undefined;
  private rebuildTimer: NodeJS.Timeout | undefined;
  /** When the builds of the last second started. */
  private readonly builtAt: number[] = [];
  /** The rebuild under way (they run one at a time: each may wait for inbox moves). */
  private rebuilding: Promise<void> = Promise.resolve();
  private watching: Promise<void> | undefined;
  private onMove: ((moves: AgencyMove[], before: Topology, after: Topology) => Promise<void>) | undefined;
  private readonly changeListeners: (() => void)[] = [];
  /** Goes up by one with every change that takes effect. */
  epoch = 0;

  constructor(
    private current: Topology,
    private readonly log: Logger,
  ) {
    for (const n of current.toProto().nodes ?? []) this.nodes.set(n.id!, n);
    for (const a of current.toProto().agencies ?? []) this.agencies.set(a.code!, a);
    for (const c of current.toProto().closed ?? []) this.closed.set(c.code!, c);
  }

  get topology(): Topology {
    return this.current;
  }

  agency(code: string): AgencyInfo | undefined {
    return this.current.agency(code);
  }
  closedCode(code: string): ClosedCode | undefined {
    return this.current.closedCode(code);
  }
  succeeds(code: string): boolean {
    return this.current.succeeds(code);
  }
  hasNode(id: string): boolean {
    return this.current.hasNode(id);
  }
  node(id: string): NodeInfo {
    return this.current.node(id);
  }
  nextHop(from: string, to: string): NextHop {
    return this.current.nextHop(from, to);
  }
  homeNodeOf(agencyCode: string): NodeInfo {
    return this.current.homeNodeOf(agencyCode);
  }
  agenciesOf(nodeId: string): AgencyInfo[] {
    return this.current.agenciesOf(nodeId);
  }
  /**
   * The agency's registered signing keys, as the directory bucket holds them now; for a closed code,
   * the keys it had when it closed (what it signed before stays verifiable).
   */
  keysOf(agencyCode: string): readonly IPublicKey[] {
    return this.agencies.get(agencyCode)?.keys ?? this.closed.get(agencyCode)?.keys ?? [];
  }

  /** The agency's submission limits as the directory sets them, if it sets any (Flow control). */
  submitLimits(code: string): ISubmitLimits | undefined {
    const l = this.agencies.get(code)?.submitLimits;
    return l && (l.perSecond || l.bytesPerSecond) ? l : undefined;
  }

  /** Runs `listener` after each change that takes effect (the bucket's first load included). */
  onChange(listener: () => void): void {
    this.changeListeners.push(listener);
  }

  /**
   * Loads the bucket's current content, then follows its changes. `onMove` runs, in order, for
   * agencies whose home node changed.
   */
  async watch(
    kv: KV,
    onMove: (moves: AgencyMove[], before: Topology, after: Topology) => Promise<void>,
  ): Promise<void> {
    this.onMove = onMove;
    const iter = await kv.watch({ key: '>' });
    this.stopWatch = () => iter.stop();
    let loaded = false;
    let markLoaded: () => void = () => undefined;
    const ready = new Promise<void>((resolve) => (markLoaded = resolve));
    this.watching = (async () => {
      for await (const e of iter) {
        this.take(e);
        // `delta` counts the entries still to come: rebuild once per burst, not per entry.
        if (e.delta !== 0) continue;
        if (loaded) {
          // As they come, one after another; a writer putting thousands of entries one at a time
          // is caught up with in batches instead (rebuildSoon).
          if (this.recentBuilds() < BUILDS_PER_SECOND) {
            this.builtAt.push(Date.now());
            await this.rebuilding;
            await this.rebuild(true);
          } else this.rebuildSoon();
          continue;
        }
        await this.rebuild(false);
        loaded = true;
        markLoaded();
      }
    })().catch((err: unknown) => this.log.error({ err }, 'directory watch ended'));
    // An empty bucket sends nothing to wait for.
    const timer = setTimeout(markLoaded, 2000);
    await ready;
    clearTimeout(timer);
  }

  async stop(): Promise<void> {
    this.stopWatch?.();
    await this.watching;
    clearTimeout(this.rebuildTimer);
    this.rebuildTimer = undefined;
    await this.rebuilding;
  }

  /**
   * Past BUILDS_PER_SECOND, changes take effect within REBUILD_AFTER_MS, together with those that
   * follow them meanwhile: a writer putting entries one at a time (`topology apply` of a whole
   * reorganisation: 28,000 entries in a minute) would otherwise have the whole tree validated and
   * built again for each one, and the runtime do nothing else for minutes.
   */
  private rebuildSoon(): void {
    if (this.rebuildTimer) return;
    this.rebuildTimer = setTimeout(() => {
      this.rebuildTimer = undefined;
      this.builtAt.push(Date.now());
      this.rebuilding = this.rebuilding
        .then(() => this.rebuild(true))
        .catch((err: unknown) => this.log.error({ err }, 'directory change not taken'));
    }, REBUILD_AFTER_MS);
  }

  /** Builds started in the last second. */
  private recentBuilds(): number {
    const since = Date.now() - 1000;
    while (this.builtAt.length > 0 && this.builtAt[0]! < since) this.builtAt.shift();
    return this.builtAt.length;
  }

  private take(e: KvWatchEntry): void {
    const key = parseDirectoryKey(e.key);
    if (!key) return;
    const deleted = e.operation !== 'PUT' || e.value.length === 0;
    if (key.kind === 'node') {
      if (deleted) this.nodes.delete(key.id);
      else this.nodes.set(key.id, NodeRecord.decode(e.value));
    } else if (key.kind === 'closed') {
      if (deleted) this.closed.delete(key.code);
      else this.closed.set(key.code, ClosedAgencyRecord.decode(e.value));
    } else if (deleted) {
      this.agencies.delete(key.code);
    } else {
      this.agencies.set(key.code, AgencyRecord.decode(e.value));
    }
  }

  /**
   * The closures that can take effect with the live agencies as they are: a code that is live again
   * (an agency added back under it) is not closed, and a closure whose successor is not live waits
   * (logged) until it is, so that one such entry never blocks every other directory change.
   */
  private closures(): ClosedCodeJson[] {
    const out: ClosedCodeJson[] = [];
    for (const r of this.closed.values()) {
      const c = closedCodeFromProto(r);
      if (this.agencies.has(c.code)) continue;
      if (!this.agencies.has(c.successor)) {
        this.log.warn(
          { code: c.code, successor: c.successor },
          'closed code ignored: its successor is not live',
        );
        continue;
      }
      out.push(c);
    }
    return out;
  }

  /** `live`: a change made while running (moves are acted on), not the initial load. */
  private async rebuild(live: boolean): Promise<void> {
    let next: Topology;
    try {
      next = topologyFromProto(
        { nodes: [...this.nodes.values()], agencies: [...this.agencies.values()] },
        this.closures(),
      );
    } catch (err) {
      this.log.error({ err: (err as Error).message }, 'directory change refused: the tree would be invalid');
      return;
    }
    const before = this.current;
    const moves: AgencyMove[] = [];
    for (const a of next.agencies()) {
      const old = before.agency(a.code);
      if (old && old.homeNode !== a.homeNode)
        moves.push({ code: a.code, from: old.homeNode, to: a.homeNode });
    }
    this.current = next;
    this.epoch++;
    for (const l of this.changeListeners) {
      try {
        l();
      } catch (err) {
        this.log.error({ err: (err as Error).message }, 'a directory change listener failed');
      }
    }
    if (live && moves.length > 0) {
      this.log.info({ moves }, 'agencies moved');
      await this.onMove?.(moves, before, next).catch((err: unknown) =>
        this.log.error({ err: (err as Error).message }, 'moving inboxes failed'),
      );
    }
  }
}
