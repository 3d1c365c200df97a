/** What the nodes tell of themselves in `lt_status` (`@lienthong/core` node-status.ts). */
import { BUCKETS, parseNodeStatus, statusKeys } from '@lienthong/core';
import type { NodeStatusRecord } from '@lienthong/core';
import { isJsNotFound } from './errors';
import { readBucket } from './scan';
import type { Session } from './session';

/**
 * Every node's status in this domain, one entry per node; undefined when the domain has no
 * `lt_status` (its nodes run a version from before it). A value outside the contract is left out.
 */
export async function readNodeStatuses(s: Session): Promise<NodeStatusRecord[] | undefined> {
  let entries: Map<string, Uint8Array>;
  try {
    entries = await readBucket(s, BUCKETS.status, statusKeys.allNodes);
  } catch (e) {
    if (isJsNotFound(e)) return undefined;
    throw e;
  }
  const out: NodeStatusRecord[] = [];
  for (const [key, value] of entries) {
    const status = parseNodeStatus(value);
    if (status && statusKeys.node(status.node) === key) out.push(status);
  }
  return out;
}
