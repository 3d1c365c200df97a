/**
 * Checking a topology file's content (format in packages/core/README.md): every problem is
 * collected, with where it is, instead of stopping at the first.
 */
import { Level } from '@lienthong/proto';
import { isAgencyCode } from './agency';
import { TopologyError, displayInput } from './errors';
import { isNodeId } from './ids';
import type { ClosedCode } from './topology-closed';
import { validateClosedCodes } from './topology-closed';
import type { LevelName } from './subjects';
import { isLevelName, levelFromName } from './subjects';
import type { AgencyInfo, NodeInfo } from './topology-types';

const DOMAIN = /^[A-Za-z0-9_-]{1,64}$/;
const NODE_FIELDS = new Set(['id', 'level', 'name', 'parent', 'domain']);
const AGENCY_FIELDS = new Set(['code', 'name', 'tier', 'parentCode', 'homeNode']);

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function quote(v: unknown): string {
  return typeof v === 'string' ? `'${displayInput(v)}'` : (JSON.stringify(v) ?? String(v));
}

/** Checks a topology file's content; throws one TopologyError listing every problem. */
export function validateTopologyJson(json: unknown): {
  nodes: NodeInfo[];
  agencies: AgencyInfo[];
  closed: ClosedCode[];
} {
  const problems: string[] = [];
  if (!isRecord(json)) throw new TopologyError(["a topology must be an object with 'nodes' and 'agencies'"]);
  if (!Array.isArray(json.nodes)) problems.push("'nodes' must be an array");
  if (!Array.isArray(json.agencies)) problems.push("'agencies' must be an array");
  for (const key of Object.keys(json)) {
    if (key !== 'nodes' && key !== 'agencies' && key !== 'closed') problems.push(`unknown field '${key}'`);
  }
  const rawNodes: unknown[] = Array.isArray(json.nodes) ? json.nodes : [];
  const rawAgencies: unknown[] = Array.isArray(json.agencies) ? json.agencies : [];
  const nodeIndex = new Map<string, number>();
  const nodes = rawNodes.flatMap((raw, i) => nodeOf(raw, i, nodeIndex, problems));
  problems.push(...treeProblems(rawNodes, nodes, nodeIndex));
  const agencyIndex = new Map<string, number>();
  const agencies = rawAgencies.flatMap((raw, i) => agencyOf(raw, i, nodeIndex, agencyIndex, problems));
  for (const agency of agencies) {
    if (agency.parentCode !== undefined && !agencyIndex.has(agency.parentCode)) {
      problems.push(`agency '${agency.code}': parentCode '${agency.parentCode}' is not a known agency`);
    }
  }
  const closed = validateClosedCodes(json.closed, new Set(agencyIndex.keys()), problems);
  if (problems.length > 0) throw new TopologyError(problems);
  return { nodes, agencies, closed };
}

/** One entry of `nodes`, or nothing when it has problems (which are added to `problems`). */
function nodeOf(raw: unknown, i: number, nodeIndex: Map<string, number>, problems: string[]): NodeInfo[] {
  const at = `nodes[${i}]`;
  if (!isRecord(raw)) {
    problems.push(`${at}: must be an object`);
    return [];
  }
  const where = typeof raw.id === 'string' ? `${at} (${displayInput(raw.id)})` : at;
  const before = problems.length;
  for (const key of Object.keys(raw)) {
    if (!NODE_FIELDS.has(key)) problems.push(`${where}: unknown field '${key}'`);
  }
  if (!isNodeId(raw.id)) problems.push(`${where}: id ${quote(raw.id)} is not a node id (1-32 of [a-z0-9-])`);
  if (!isLevelName(raw.level)) {
    problems.push(`${where}: level ${quote(raw.level)} is not one of central, province, district, commune`);
  }
  if (typeof raw.name !== 'string' || raw.name.trim() === '')
    problems.push(`${where}: name must be a non-empty string`);
  if (raw.parent !== undefined && !isNodeId(raw.parent)) {
    problems.push(`${where}: parent ${quote(raw.parent)} is not a node id`);
  }
  if (
    raw.domain !== undefined &&
    !(raw.domain === '' || (typeof raw.domain === 'string' && DOMAIN.test(raw.domain)))
  ) {
    problems.push(
      `${where}: domain ${quote(raw.domain)} is not a JetStream domain name ([A-Za-z0-9_-]{1,64})`,
    );
  }
  if (isNodeId(raw.id)) {
    const first = nodeIndex.get(raw.id);
    if (first !== undefined) {
      problems.push(`${where}: duplicate node id (first at nodes[${first}])`);
      return [];
    }
    nodeIndex.set(raw.id, i);
  }
  if (problems.length > before) return [];
  return [
    {
      id: raw.id as string,
      level: levelFromName(raw.level as LevelName),
      levelName: raw.level as LevelName,
      name: raw.name as string,
      ...(raw.parent === undefined ? {} : { parent: raw.parent as string }),
      domain: (raw.domain as string | undefined) ?? '',
    },
  ];
}

/** One root, central; every parent known, above its children; no cycle. */
function treeProblems(
  rawNodes: readonly unknown[],
  nodes: readonly NodeInfo[],
  nodeIndex: Map<string, number>,
): string[] {
  const problems: string[] = [];
  const byId = new Map(nodes.map((n) => [n.id, n]));
  // Counted over the raw entries, so a root with another problem still counts as a root.
  const rawRoots = rawNodes.filter((n) => isRecord(n) && n.parent === undefined) as Record<string, unknown>[];
  if (rawRoots.length === 0) problems.push('no root: exactly one node must have no parent');
  if (rawRoots.length > 1)
    problems.push(`more than one root: ${rawRoots.map((r) => quote(r.id)).join(', ')}`);
  for (const root of nodes.filter((n) => n.parent === undefined)) {
    if (root.level !== Level.LEVEL_CENTRAL)
      problems.push(`root '${root.id}' must be central, is ${root.levelName}`);
  }
  for (const node of nodes) {
    if (node.parent === undefined) continue;
    const parent = byId.get(node.parent);
    if (parent === undefined) {
      if (nodeIndex.has(node.parent)) continue; // the parent itself is invalid and already reported
      problems.push(`node '${node.id}': parent '${node.parent}' is not a known node`);
    } else if (parent.level === Level.LEVEL_COMMUNE) {
      problems.push(`node '${node.id}': parent '${parent.id}' is a commune, and communes have no children`);
    } else if (node.level <= parent.level) {
      problems.push(
        `node '${node.id}': a ${node.levelName} cannot be under a ${parent.levelName} ('${parent.id}'); ` +
          'a child must be at a deeper level than its parent',
      );
    }
  }
  problems.push(...findCycles(nodes, byId));
  return problems;
}

/** One entry of `agencies`, or nothing when it has problems (which are added to `problems`). */
function agencyOf(
  raw: unknown,
  i: number,
  nodeIndex: ReadonlyMap<string, number>,
  agencyIndex: Map<string, number>,
  problems: string[],
): AgencyInfo[] {
  const at = `agencies[${i}]`;
  if (!isRecord(raw)) {
    problems.push(`${at}: must be an object`);
    return [];
  }
  const where = typeof raw.code === 'string' ? `${at} (${displayInput(raw.code)})` : at;
  const before = problems.length;
  for (const key of Object.keys(raw)) {
    if (!AGENCY_FIELDS.has(key)) problems.push(`${where}: unknown field '${key}'`);
  }
  if (!isAgencyCode(raw.code))
    problems.push(`${where}: code ${quote(raw.code)} is not an agency code AAA.BB.CC.Xnn`);
  if (typeof raw.name !== 'string' || raw.name.trim() === '')
    problems.push(`${where}: name must be a non-empty string`);
  if (!isLevelName(raw.tier)) {
    problems.push(`${where}: tier ${quote(raw.tier)} is not one of central, province, district, commune`);
  }
  if (typeof raw.homeNode !== 'string' || !nodeIndex.has(raw.homeNode)) {
    problems.push(`${where}: homeNode ${quote(raw.homeNode)} is not a known node`);
  }
  if (raw.parentCode !== undefined) {
    if (!isAgencyCode(raw.parentCode)) {
      problems.push(`${where}: parentCode ${quote(raw.parentCode)} is not an agency code`);
    } else if (raw.parentCode === raw.code) {
      problems.push(`${where}: an agency cannot be its own parent`);
    }
  }
  if (isAgencyCode(raw.code)) {
    const first = agencyIndex.get(raw.code);
    if (first !== undefined) {
      problems.push(`${where}: duplicate agency code (first at agencies[${first}])`);
      return [];
    }
    agencyIndex.set(raw.code, i);
  }
  if (problems.length > before) return [];
  return [
    {
      code: raw.code as string,
      name: raw.name as string,
      tier: levelFromName(raw.tier as LevelName),
      ...(raw.parentCode === undefined ? {} : { parentCode: raw.parentCode as string }),
      homeNode: raw.homeNode as string,
    },
  ];
}

/** Every parent cycle, once each, as "cycle: a -> b -> a". */
function findCycles(nodes: readonly NodeInfo[], byId: ReadonlyMap<string, NodeInfo>): string[] {
  const problems: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  for (const start of nodes) {
    const trail: string[] = [];
    let current: NodeInfo | undefined = start;
    while (current !== undefined && state.get(current.id) === undefined) {
      state.set(current.id, 'visiting');
      trail.push(current.id);
      current = current.parent === undefined ? undefined : byId.get(current.parent);
    }
    if (current !== undefined && state.get(current.id) === 'visiting') {
      const loop = trail.slice(trail.indexOf(current.id));
      problems.push(`cycle: ${[...loop, current.id].join(' -> ')}`);
    }
    for (const id of trail) state.set(id, 'done');
  }
  return problems;
}
