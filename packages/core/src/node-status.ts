/**
 * What each node tells of itself in `lt_status` (one key per node, `node.<node id>`, JSON), so that
 * a monitoring check reads one small entry per node instead of every tracking record: the number of
 * recipients of its agencies' documents that are overdue now (marked overdue, not yet confirmed).
 * Written by the runtime that hosts the node when the number changes, and when it starts.
 */
import { assertNodeId, isNodeId } from './ids';

export interface NodeStatusRecord {
  readonly node: string;
  /** Recipients overdue now, of documents sent by the node's agencies. */
  readonly overdue: number;
  /** When the runtime hosting the node counted it, Unix ms. */
  readonly atMs: number;
}

export const statusKeys = Object.freeze({
  node: (id: string): string => `node.${assertNodeId(id)}`,
  allNodes: 'node.*',
});

export function encodeNodeStatus(s: NodeStatusRecord): Uint8Array {
  return new TextEncoder().encode(JSON.stringify({ node: s.node, overdue: s.overdue, atMs: s.atMs }));
}

/** The status an `lt_status` value holds, or undefined for one outside the contract. Never throws. */
export function parseNodeStatus(value: Uint8Array): NodeStatusRecord | undefined {
  let v: unknown;
  try {
    v = JSON.parse(new TextDecoder().decode(value));
  } catch {
    return undefined;
  }
  if (typeof v !== 'object' || v === null) return undefined;
  const { node, overdue, atMs } = v as Record<string, unknown>;
  if (typeof node !== 'string' || !isNodeId(node)) return undefined;
  if (!Number.isSafeInteger(overdue) || (overdue as number) < 0) return undefined;
  if (!Number.isSafeInteger(atMs) || (atMs as number) < 0) return undefined;
  return { node, overdue: overdue as number, atMs: atMs as number };
}
