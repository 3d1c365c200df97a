import type { KV, KvWatchEntry } from '@nats-io/kv';
import type { Logger } from 'pino';
import { parseDirectoryKey, topologyFromProto } from '@lienthong/core';
import type { AgencyInfo, ClosedCode, NextHop, NodeInfo, Topology } from '@lienthong/core';
import { AgencyRecord, NodeRecord } from '@lienthong/proto';
import type { IAgencyRecord, INodeRecord, IPublicKey, ISubmitLimits } from '@lienthong/proto';

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
}

/** An agency whose home node changed. */
export interface AgencyMove {
  readonly code: string;
  readonly from: string;
  readonly to: string;
}

/**
 * The directory as it is now. It starts from the topology file; once the `lt_directory` bucket is
 * watched, every change there (an agency added, moved to another node, a unit re-parented) takes
 * effect for the next message, without a restart. A change that would make the tree invalid is
 * refused with a log line and the previous directory stays.
 */
export class LiveDirectory implements TopologyView {
  private nodes = new Map<string, INodeRecord>();
  private agencies = new Map<string, IAgencyRecord>();
  private stopWatch: (() => void) | undefined;
  private watching: Promise<void> | undefined;
  private onMove: ((moves: AgencyMove[], before: Topology, after: Topology) => Promise<void>) | undefined;
  /** Goes up by one with every change that takes effect. */
  epoch = 0;

  constructor(
    private current: Topology,
    private readonly log: Logger,
  ) {
    for (const n of current.toProto().nodes ?? []) this.nodes.set(n.id!, n);
    for (const a of current.toProto().agencies ?? []) this.agencies.set(a.code!, a);
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
  /** The agency's registered signing keys, as the directory bucket holds them now. */
  keysOf(agencyCode: string): readonly IPublicKey[] {
    return this.agencies.get(agencyCode)?.keys ?? [];
  }

  /** The agency's submission limits as the directory sets them, if it sets any (Flow control). */
  submitLimits(code: string): ISubmitLimits | undefined {
    const l = this.agencies.get(code)?.submitLimits;
    return l && (l.perSecond || l.bytesPerSecond) ? l : undefined;
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
        await this.rebuild(loaded);
        if (!loaded) {
          loaded = true;
          markLoaded();
        }
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
  }

  private take(e: KvWatchEntry): void {
    const key = parseDirectoryKey(e.key);
    if (!key) return;
    const deleted = e.operation !== 'PUT' || e.value.length === 0;
    if (key.kind === 'node') {
      if (deleted) this.nodes.delete(key.id);
      else this.nodes.set(key.id, NodeRecord.decode(e.value));
    } else if (deleted) {
      this.agencies.delete(key.code);
    } else {
      this.agencies.set(key.code, AgencyRecord.decode(e.value));
    }
  }

  /** `live`: a change made while running (moves are acted on), not the initial load. */
  private async rebuild(live: boolean): Promise<void> {
    let next: Topology;
    try {
      // Closed codes come from the topology file; the bucket does not carry them.
      next = topologyFromProto(
        { nodes: [...this.nodes.values()], agencies: [...this.agencies.values()] },
        this.current.closedCodes(),
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
    if (live && moves.length > 0) {
      this.log.info({ moves }, 'agencies moved');
      await this.onMove?.(moves, before, next).catch((err: unknown) =>
        this.log.error({ err: (err as Error).message }, 'moving inboxes failed'),
      );
    }
  }
}
