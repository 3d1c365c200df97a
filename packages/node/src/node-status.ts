/**
 * What the runtime tells of each node it hosts in `lt_status` (`@lienthong/core` node-status.ts):
 * how many recipients of the node's agencies' documents are overdue now. `lienthong check` sums
 * these instead of reading every tracking record. Written for every hosted node at start, then for
 * a node whose count changed, each time the counts are looked at (the overdue sweep's interval).
 */
import type { KV } from '@nats-io/kv';
import type { Logger } from 'pino';
import { agencyFromToken, encodeNodeStatus, statusKeys } from '@lienthong/core';
import type { TopologyView } from './live-directory';
import type { OverdueIndex } from './overdue';

/** KV puts in flight at once. */
const WRITES_AT_ONCE = 256;

export class NodeStatusBoard {
  /** What was last written per node. */
  private readonly written = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> | undefined;

  constructor(
    private readonly kv: KV,
    private readonly overdue: OverdueIndex,
    private readonly directory: TopologyView,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  /** The overdue recipients of each of `nodes`, by the home node of the document's sender now. */
  counts(nodes: readonly string[]): Map<string, number> {
    const out = new Map<string, number>(nodes.map((n) => [n, 0]));
    const homeOf = new Map<string, string | undefined>();
    for (const key of this.overdue.lateKeys()) {
      const token = key.slice(0, key.indexOf('.'));
      let home = homeOf.get(token);
      if (!homeOf.has(token)) {
        home = homeOfToken(this.directory, token);
        homeOf.set(token, home);
      }
      const n = home === undefined ? undefined : out.get(home);
      if (n !== undefined) out.set(home!, n + 1);
    }
    return out;
  }

  /** Writes the count of each of `nodes` that changed since it was last written (all with `force`). */
  async write(nodes: readonly string[], force = false): Promise<number> {
    const atMs = this.now();
    const changed = [...this.counts(nodes)].filter(([node, n]) => force || this.written.get(node) !== n);
    // A runtime hosting the national tree writes 3,356 entries at start: some at a time.
    for (let i = 0; i < changed.length; i += WRITES_AT_ONCE) {
      await Promise.all(
        changed.slice(i, i + WRITES_AT_ONCE).map(async ([node, overdue]) => {
          await this.kv.put(statusKeys.node(node), encodeNodeStatus({ node, overdue, atMs }));
          this.written.set(node, overdue);
        }),
      );
    }
    return changed.length;
  }

  /**
   * Writes every node's count now, then the changed ones every `intervalMs`; `nodes` tells which
   * nodes are hosted at each write (a node taken on while running: hosted-nodes.ts).
   */
  async start(nodes: () => readonly string[], intervalMs: number): Promise<void> {
    await this.write(nodes(), true).catch((err: unknown) =>
      this.log.warn({ err }, 'node status not written; will retry'),
    );
    this.timer = setInterval(() => {
      this.writing ??= this.write(nodes())
        .then(() => undefined)
        .catch((err: unknown) => this.log.warn({ err }, 'node status not written; will retry'))
        .finally(() => (this.writing = undefined));
    }, intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.writing;
  }
}

function homeOfToken(directory: TopologyView, token: string): string | undefined {
  try {
    return directory.agency(agencyFromToken(token))?.homeNode;
  } catch {
    return undefined;
  }
}
