/**
 * The domain-local shortcut (docs/ARCHITECTURE.md, "Domain-local shortcut"): nodes that share one
 * JetStream domain share its streams, so handing an envelope from one to the next adds persisted
 * copies, not safety. Within a domain a node publishes straight to the relay queue of the last node
 * of the tree path that is still in its domain: the recipient's home node, or the node that crosses
 * into the next domain (where custody transfer hop by hop keeps a cut link survivable). The nodes
 * passed over are still recorded in the envelope's hops, marked `passedLocally`.
 */
import type { NodeInfo } from '@lienthong/core';
import type { IHop } from '@lienthong/proto';
import type { TopologyView } from './live-directory';

/** Where a copy goes from this node: the node whose queue it is published to, and those passed. */
export interface HopTarget {
  readonly target: NodeInfo;
  /** Nodes of the tree path between this node and `target`, in order (none without the shortcut). */
  readonly passed: readonly NodeInfo[];
}

/**
 * How far a copy bound for `dest` may go from `from` in one publish, given its next tree node
 * `next` and the hops it has left. It never goes past the node where the tree path leaves `from`'s
 * domain, nor past the node where the hop limit runs out (that node then refuses it, as it would
 * have hop by hop), nor past the recipient's home node.
 */
export function shortcutTarget(
  topology: TopologyView,
  from: NodeInfo,
  next: NodeInfo,
  dest: string,
  hopLimit: number,
): HopTarget {
  const passed: NodeInfo[] = [];
  let target = next;
  if (next.domain !== from.domain) return { target, passed };
  // The node at distance d is reachable hop by hop while d <= hopLimit - 1.
  while (target.id !== dest && passed.length + 2 <= hopLimit - 1) {
    const step = topology.nextHop(target.id, dest);
    if (step.kind === 'local' || step.node.domain !== from.domain) break;
    passed.push(target);
    target = step.node;
  }
  return { target, passed };
}

/** The hops recorded for nodes passed over within the domain, at the time this node handed on. */
export function passedHops(passed: readonly NodeInfo[], atMs: number): IHop[] {
  return passed.map((n) => ({ node: n.id, level: n.level, inMs: atMs, outMs: atMs, passedLocally: true }));
}

/**
 * Whether the shortcut is on when the config does not say: on, unless `LT_DOMAIN_SHORTCUT=off` in
 * the process's environment (the test suites run both ways with it).
 */
export function defaultDomainShortcut(env: NodeJS.ProcessEnv = process.env): boolean {
  const v = env['LT_DOMAIN_SHORTCUT']?.trim().toLowerCase();
  if (v === undefined || v === '' || v === 'on' || v === '1' || v === 'true') return true;
  if (v === 'off' || v === '0' || v === 'false') return false;
  throw new Error(`LT_DOMAIN_SHORTCUT must be on or off, not '${v}'`);
}
