/**
 * A topology change as a plan: what differs between two topologies (nodes, agencies, closed codes,
 * JetStream domains) and, for each change, what happens to the queues, inboxes, tracking records and
 * credentials involved. Pure and deterministic: the same two topologies give the same plan.
 */
import type { Topology } from './topology';
import type { AgencyInfo, NodeInfo } from './topology-types';

/** What a change does to each kind of state. */
export interface ChangeEffects {
  readonly queues: string;
  readonly inboxes: string;
  readonly tracking: string;
  readonly credentials: string;
}

export type TopologyChange =
  | { kind: 'node-added'; node: string; level: string; parent?: string; domain: string }
  | { kind: 'node-removed'; node: string; level: string; drainInto?: string }
  | { kind: 'node-reparented'; node: string; from?: string; to?: string }
  | { kind: 'agency-added'; code: string; homeNode: string }
  | { kind: 'agency-moved'; code: string; from: string; to: string }
  | { kind: 'agency-renamed'; code: string; from: string; to: string }
  | {
      kind: 'agency-closed';
      code: string;
      homeNode?: string;
      successor?: string;
      policy?: string;
      closedAt?: string;
    }
  | { kind: 'domain-merged'; into: string; from: string[] }
  | { kind: 'domain-split'; from: string; into: string[] };

export type PlannedChange = TopologyChange & { readonly effects: ChangeEffects };

export interface TopologyDiff {
  readonly summary: Readonly<Record<TopologyChange['kind'], number>>;
  readonly changes: readonly PlannedChange[];
  /** Things the plan cannot carry out safely on its own (e.g. an agency removed without successor). */
  readonly warnings: readonly string[];
}

const KINDS: readonly TopologyChange['kind'][] = [
  'domain-merged',
  'domain-split',
  'node-added',
  'node-reparented',
  'agency-added',
  'agency-renamed',
  'agency-moved',
  'agency-closed',
  'node-removed',
];

const dom = (d: string): string => (d === '' ? '(default)' : d);

function effectsOf(c: TopologyChange): ChangeEffects {
  switch (c.kind) {
    case 'node-added':
      return {
        queues: `streams and consumers for '${c.node}' created in domain ${dom(c.domain)}`,
        inboxes: 'none until agencies are homed on it',
        tracking: 'none',
        credentials: `node credentials for '${c.node}' issued (creds apply)`,
      };
    case 'node-removed':
      return {
        queues: `relays queued at '${c.node}' drained into '${c.drainInto ?? '?'}', then its streams deleted`,
        inboxes: `unfetched items of its agencies moved to their successors' inboxes`,
        tracking: 'records stay at the senders; statuses still flow back along the new tree',
        credentials: `node credentials for '${c.node}' revoked`,
      };
    case 'node-reparented':
      return {
        queues: `relay consumers towards '${c.from ?? '-'}' replaced by ones towards '${c.to ?? '-'}'; queued relays re-routed`,
        inboxes: 'unchanged',
        tracking: 'unchanged',
        credentials: `node credentials for '${c.node}' re-issued (its upstream changes)`,
      };
    case 'agency-added':
      return {
        queues: 'none',
        inboxes: `inbox created at '${c.homeNode}' on first delivery`,
        tracking: 'none',
        credentials: `agency credentials for ${c.code} issued`,
      };
    case 'agency-moved':
      return {
        queues: `documents in flight for ${c.code} re-routed to '${c.to}'`,
        inboxes: `unfetched items moved from '${c.from}' to '${c.to}' (agency move)`,
        tracking: 'records stay at the senders; statuses from the new home reach them',
        credentials: `agency credentials re-issued for home node '${c.to}'`,
      };
    case 'agency-renamed':
      return {
        queues: 'unchanged',
        inboxes: 'unchanged',
        tracking: 'unchanged (records carry the code, not the name)',
        credentials: 'unchanged',
      };
    case 'agency-closed':
      return closedEffects(c);
    case 'domain-merged':
      return {
        queues: `streams of the nodes from ${c.from.map(dom).join(', ')} re-created in ${dom(c.into)}, content moved`,
        inboxes: 'moved with their nodes',
        tracking: 'moved with their nodes',
        credentials: `leaf connections of ${c.from.map(dom).join(', ')} re-pointed to ${dom(c.into)}`,
      };
    case 'domain-split':
      return {
        queues: `streams of the nodes moving to ${c.into.map(dom).join(', ')} re-created there, content moved`,
        inboxes: 'moved with their nodes',
        tracking: 'moved with their nodes',
        credentials: `new leaf connections for ${c.into.map(dom).join(', ')}`,
      };
  }
}

function closedEffects(c: Extract<TopologyChange, { kind: 'agency-closed' }>): ChangeEffects {
  if (c.successor === undefined) {
    return {
      queues: `documents in flight for ${c.code} fail: no successor`,
      inboxes: `unfetched items of ${c.code} have no successor: left for the operator`,
      tracking: 'records kept',
      credentials: `agency credentials for ${c.code} revoked`,
    };
  }
  const redirect = c.policy === 'redirect';
  return {
    queues: redirect
      ? `documents for ${c.code} redirected to ${c.successor}`
      : `documents for ${c.code} refused: FAILED AGENCY_CLOSED (successor ${c.successor})`,
    inboxes: `unfetched items of ${c.code} moved to ${c.successor}'s inbox`,
    tracking: redirect
      ? `records for ${c.code} keep their timeline and gain a redirect to ${c.successor}`
      : 'records kept; new sends end FAILED AGENCY_CLOSED',
    credentials: `agency credentials for ${c.code} revoked`,
  };
}

/** The plan that turns `before` into `after`. */
export function diffTopologies(before: Topology, after: Topology): TopologyDiff {
  const changes: TopologyChange[] = [
    ...domainChanges(before, after),
    ...nodeChanges(before, after),
    ...agencyChanges(before, after),
  ];
  const order = new Map(KINDS.map((k, i) => [k, i]));
  const keyOf = (c: TopologyChange): string => {
    if ('node' in c) return c.node;
    if ('code' in c) return c.code;
    return c.kind === 'domain-merged' ? c.into : c.from;
  };
  changes.sort(
    (a, b) =>
      (order.get(a.kind) ?? 0) - (order.get(b.kind) ?? 0) ||
      (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0),
  );
  const summary = Object.fromEntries(KINDS.map((k) => [k, 0])) as Record<TopologyChange['kind'], number>;
  for (const c of changes) summary[c.kind]++;
  const warnings = changes.flatMap((c) =>
    c.kind === 'agency-closed' && c.successor === undefined
      ? [
          `agency ${c.code} disappears without a successor: documents for it will fail, and \`topology apply\` refuses this (close it with a successor, or keep it)`,
        ]
      : [],
  );
  return { summary, changes: changes.map((c) => ({ ...c, effects: effectsOf(c) })), warnings };
}

function nodeChanges(before: Topology, after: Topology): TopologyChange[] {
  const out: TopologyChange[] = [];
  for (const n of after.nodes()) {
    if (!before.hasNode(n.id)) {
      out.push({
        kind: 'node-added',
        node: n.id,
        level: n.levelName,
        ...(n.parent === undefined ? {} : { parent: n.parent }),
        domain: n.domain,
      });
    } else if (before.node(n.id).parent !== n.parent) {
      const from = before.node(n.id).parent;
      out.push({
        kind: 'node-reparented',
        node: n.id,
        ...(from === undefined ? {} : { from }),
        ...(n.parent === undefined ? {} : { to: n.parent }),
      });
    }
  }
  for (const n of before.nodes()) {
    if (after.hasNode(n.id)) continue;
    const drainInto = drainTarget(n, before, after);
    out.push({ kind: 'node-removed', node: n.id, level: n.levelName, ...(drainInto ? { drainInto } : {}) });
  }
  return out;
}

/** Where a removed node's queued relays go: its agencies' successor's home, else its nearest surviving ancestor. */
function drainTarget(n: NodeInfo, before: Topology, after: Topology): string | undefined {
  for (const a of before.agenciesOf(n.id)) {
    const live = after.agency(a.code) ?? successorAgency(a.code, after);
    if (live !== undefined) return live.homeNode;
  }
  let p = before.parent(n.id);
  while (p !== undefined && !after.hasNode(p.id)) p = before.parent(p.id);
  return p?.id;
}

function successorAgency(code: string, after: Topology): AgencyInfo | undefined {
  const closed = after.closedCode(code);
  return closed === undefined ? undefined : after.agency(closed.successor);
}

function agencyChanges(before: Topology, after: Topology): TopologyChange[] {
  const out: TopologyChange[] = [];
  for (const a of after.agencies()) {
    const old = before.agency(a.code);
    if (old === undefined) {
      out.push({ kind: 'agency-added', code: a.code, homeNode: a.homeNode });
      continue;
    }
    if (old.name !== a.name) out.push({ kind: 'agency-renamed', code: a.code, from: old.name, to: a.name });
    if (old.homeNode !== a.homeNode)
      out.push({ kind: 'agency-moved', code: a.code, from: old.homeNode, to: a.homeNode });
  }
  for (const a of before.agencies()) {
    if (after.agency(a.code) !== undefined) continue;
    const closed = after.closedCode(a.code);
    out.push({
      kind: 'agency-closed',
      code: a.code,
      homeNode: a.homeNode,
      ...(closed ? { successor: closed.successor, policy: closed.policy, closedAt: closed.closedAt } : {}),
    });
  }
  return out;
}

function domainChanges(before: Topology, after: Topology): TopologyChange[] {
  const targets = new Map<string, Set<string>>();
  const sources = new Map<string, Set<string>>();
  for (const n of after.nodes()) {
    if (!before.hasNode(n.id)) continue;
    const was = before.node(n.id).domain;
    if (!targets.has(was)) targets.set(was, new Set());
    targets.get(was)?.add(n.domain);
    if (!sources.has(n.domain)) sources.set(n.domain, new Set());
    sources.get(n.domain)?.add(was);
  }
  const out: TopologyChange[] = [];
  for (const [into, from] of sources) {
    if (from.size > 1) out.push({ kind: 'domain-merged', into, from: [...from].sort() });
  }
  for (const [from, into] of targets) {
    if (into.size > 1) out.push({ kind: 'domain-split', from, into: [...into].sort() });
  }
  return out;
}

function describe(c: TopologyChange): string {
  switch (c.kind) {
    case 'node-added':
      return `+ node ${c.node} (${c.level}) under ${c.parent ?? '-'} in domain ${dom(c.domain)}`;
    case 'node-removed':
      return `- node ${c.node} (${c.level}), drained into ${c.drainInto ?? '(nowhere)'}`;
    case 'node-reparented':
      return `~ node ${c.node}: parent ${c.from ?? '-'} -> ${c.to ?? '-'}`;
    case 'agency-added':
      return `+ agency ${c.code} at ${c.homeNode}`;
    case 'agency-moved':
      return `~ agency ${c.code}: ${c.from} -> ${c.to}`;
    case 'agency-renamed':
      return `~ agency ${c.code}: renamed '${c.from}' -> '${c.to}'`;
    case 'agency-closed':
      return c.successor === undefined
        ? `- agency ${c.code} closed, NO successor`
        : `- agency ${c.code} closed ${c.closedAt ?? ''}, successor ${c.successor} (${c.policy ?? '?'})`;
    case 'domain-merged':
      return `= domains ${c.from.map(dom).join(' + ')} merged into ${dom(c.into)}`;
    case 'domain-split':
      return `= domain ${dom(c.from)} split into ${c.into.map(dom).join(', ')}`;
  }
}

const SHOWN_WARNINGS = 10;

/** The plan as text: the counts, the warnings (the first ten), then each change with its effects. */
export function renderTopologyDiff(diff: TopologyDiff, opts: { summaryOnly?: boolean } = {}): string {
  const counts = KINDS.filter((k) => diff.summary[k] > 0).map((k) => `${k} ${diff.summary[k]}`);
  const lines = [`changes: ${counts.length === 0 ? 'none' : counts.join(', ')}`];
  for (const w of diff.warnings.slice(0, SHOWN_WARNINGS)) lines.push(`warning: ${w}`);
  if (diff.warnings.length > SHOWN_WARNINGS)
    lines.push(`warning: ... and ${diff.warnings.length - SHOWN_WARNINGS} more (all of them with --json)`);
  if (opts.summaryOnly === true) return `${lines.join('\n')}\n`;
  for (const c of diff.changes) {
    lines.push(describe(c));
    const e = c.effects;
    lines.push(`    queues: ${e.queues}`, `    inboxes: ${e.inboxes}`);
    lines.push(`    tracking: ${e.tracking}`, `    credentials: ${e.credentials}`);
  }
  return `${lines.join('\n')}\n`;
}
