/**
 * The logical nodes a runtime hosts: those its config names at start, and those it takes on later.
 *
 * A runtime that hosts every node of a level in its domain serves the level with one wildcard
 * consumer (consumers.ts), so a node the directory gains at that level (`lienthong topology apply`
 * adding a province to a running broker) reaches this runtime's consumers whether or not anybody
 * hosts it. Such a node is taken on here — when the directory shows it, or at the latest when the
 * first message for it comes — rather than its messages dead-lettered as addressed to nobody. A
 * node of a level this runtime serves node by node is not: its messages wait in the work queue for
 * the process that will host it, and `lienthong check` reports it as not served.
 */
import type { NodeInfo } from '@lienthong/core';
import { levelName } from '@lienthong/core';
import { inject, injectable } from 'tsyringe';
import type { Logger } from 'pino';
import type { ResolvedConfig } from './config';
import { LiveDirectory } from './live-directory';
import { TOKENS } from './tokens';

/** The levels a runtime hosting `hosted` serves with one wildcard consumer (consumers.ts). */
export function wholeLevels(
  topology: { nodes(): NodeInfo[] },
  domain: string,
  hosted: Iterable<NodeInfo>,
): Set<string> {
  const count = new Map<string, number>();
  for (const n of hosted) count.set(n.levelName, (count.get(n.levelName) ?? 0) + 1);
  const whole = new Set<string>();
  for (const [level, n] of count) {
    const all = topology.nodes().filter((x) => levelName(x.level) === level && x.domain === domain);
    if (all.length > 1 && n === all.length) whole.add(level);
  }
  return whole;
}

@injectable()
export class HostedNodes {
  private readonly nodes: Map<string, NodeInfo>;
  /** Levels served by a wildcard consumer: new nodes of these levels are taken on. */
  private readonly wholeLevels: ReadonlySet<string>;
  private readonly domain: string;
  private readonly listeners: ((node: NodeInfo) => void)[] = [];

  constructor(
    @inject(TOKENS.Config) config: ResolvedConfig,
    @inject(LiveDirectory) private readonly directory: LiveDirectory,
    @inject(TOKENS.Logger) private readonly log: Logger,
  ) {
    this.nodes = new Map(config.nodes.map((id) => [id, config.topology.node(id)]));
    this.domain = config.domain ?? '';
    this.wholeLevels = wholeLevels(config.topology, this.domain, this.nodes.values());
  }

  has(id: string): boolean {
    return this.nodes.has(id);
  }

  ids(): string[] {
    return [...this.nodes.keys()];
  }

  list(): NodeInfo[] {
    return [...this.nodes.values()];
  }

  /** Runs `listener` for each node taken on from now on. */
  onAdopted(listener: (node: NodeInfo) => void): void {
    this.listeners.push(listener);
  }

  /**
   * The node `id` if hosted here, after taking it on when the directory has it at a level this
   * runtime serves whole, in its domain; undefined when nobody here answers for it.
   */
  resolve(id: string): NodeInfo | undefined {
    const known = this.nodes.get(id);
    if (known || !this.adoptable(id)) return known;
    return this.adopt(this.directory.node(id));
  }

  /** Takes on every node the directory has now at a level this runtime serves whole. */
  adoptNew(): void {
    if (this.wholeLevels.size === 0) return;
    for (const n of this.directory.topology.nodes()) {
      if (!this.nodes.has(n.id) && this.adoptable(n.id)) this.adopt(n);
    }
  }

  private adoptable(id: string): boolean {
    if (this.wholeLevels.size === 0 || !this.directory.hasNode(id)) return false;
    const n = this.directory.node(id);
    return n.domain === this.domain && this.wholeLevels.has(n.levelName);
  }

  private adopt(node: NodeInfo): NodeInfo {
    this.nodes.set(node.id, node);
    this.log.info({ node: node.id, level: node.levelName }, 'node taken on: the directory added it');
    for (const l of this.listeners) l(node);
    return node;
  }
}
