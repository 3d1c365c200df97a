/**
 * The interchange tree and the agency directory, loaded from a topology file (format in
 * packages/core/README.md) or from the `lt_directory` KV bucket, and the routing over that tree.
 *
 * Routing is tree routing: the next hop from node A towards node B is the child of A whose subtree
 * holds B, or else A's parent. Parent index and depth are precomputed, so a next hop costs O(depth).
 */
import type { ITopology } from '@lienthong/proto';
import { Level } from '@lienthong/proto';
import { LienthongError, RoutingError, displayInput } from './errors';
import { validateTopologyJson } from './topology-file';
import { closedCodeFromProto, closedCodeToProto } from './topology-closed';
import type { ClosedCode, ClosedCodeJson } from './topology-closed';
import type {
  AgencyInfo,
  NextHop,
  NodeInfo,
  TopologyAgencyJson,
  TopologyJson,
  TopologyNodeJson,
} from './topology-types';
import { levelName } from './subjects';

export type {
  AgencyInfo,
  NextHop,
  NodeInfo,
  TopologyAgencyJson,
  TopologyJson,
  TopologyNodeJson,
} from './topology-types';

const LOCAL: NextHop = Object.freeze({ kind: 'local' });
export class Topology {
  readonly root: NodeInfo;
  readonly #nodes: readonly NodeInfo[];
  readonly #agencies: readonly AgencyInfo[];
  readonly #index = new Map<string, number>();
  readonly #parent: Int32Array;
  readonly #depth: Int32Array;
  readonly #children: NodeInfo[][];
  readonly #agencyByCode = new Map<string, AgencyInfo>();
  readonly #agenciesOf = new Map<string, AgencyInfo[]>();
  readonly #closed = new Map<string, ClosedCode>();
  #successors: Set<string> | undefined;

  /** Validates `json` (a parsed topology file) and throws one TopologyError listing every problem. */
  constructor(json: unknown) {
    const { nodes, agencies, closed } = validateTopologyJson(json);
    for (const c of closed) this.#closed.set(c.code, Object.freeze(c));
    this.#nodes = Object.freeze(nodes.map((n) => Object.freeze(n)));
    this.#agencies = Object.freeze(agencies.map((a) => Object.freeze(a)));
    this.#parent = new Int32Array(nodes.length).fill(-1);
    this.#depth = new Int32Array(nodes.length);
    this.#children = nodes.map(() => []);
    this.#nodes.forEach((n, i) => this.#index.set(n.id, i));
    this.#nodes.forEach((n, i) => {
      if (n.parent === undefined) return;
      const p = this.#index.get(n.parent) ?? -1;
      this.#parent[i] = p;
      this.#children[p]?.push(n);
    });
    let rootIndex = -1;
    // Breadth-first from the root so each depth is its parent's plus one.
    const queue: number[] = [];
    this.#parent.forEach((p, i) => {
      if (p === -1) rootIndex = i;
    });
    queue.push(rootIndex);
    for (let q = 0; q < queue.length; q++) {
      const i = queue[q] as number;
      for (const child of this.#children[i] ?? []) {
        const c = this.#index.get(child.id) as number;
        this.#depth[c] = (this.#depth[i] ?? 0) + 1;
        queue.push(c);
      }
    }
    this.root = this.#nodes[rootIndex] as NodeInfo;
    for (const a of this.#agencies) {
      this.#agencyByCode.set(a.code, a);
      const list = this.#agenciesOf.get(a.homeNode);
      if (list === undefined) this.#agenciesOf.set(a.homeNode, [a]);
      else list.push(a);
    }
  }

  #indexOf(id: string, role: 'from' | 'to' | 'node'): number {
    const i = this.#index.get(id);
    if (i === undefined) {
      throw new RoutingError(
        `unknown node '${displayInput(id)}'`,
        role === 'node' ? { node: id } : { [role]: id },
      );
    }
    return i;
  }

  #at(i: number): NodeInfo {
    return this.#nodes[i] as NodeInfo;
  }

  nodes(): NodeInfo[] {
    return [...this.#nodes];
  }

  node(id: string): NodeInfo {
    return this.#at(this.#indexOf(id, 'node'));
  }

  hasNode(id: string): boolean {
    return this.#index.has(id);
  }

  agency(code: string): AgencyInfo | undefined {
    return this.#agencyByCode.get(code);
  }

  agencies(): AgencyInfo[] {
    return [...this.#agencies];
  }

  /** The closure of a code that no longer names a live agency, if the topology records one. */
  closedCode(code: string): ClosedCode | undefined {
    return this.#closed.get(code);
  }

  closedCodes(): ClosedCode[] {
    return [...this.#closed.values()];
  }

  /** Whether `code` is the successor of a closed code (its statuses may answer for that code's records). */
  succeeds(code: string): boolean {
    this.#successors ??= new Set([...this.#closed.values()].map((c) => c.successor));
    return this.#successors.has(code);
  }

  agenciesOf(nodeId: string): AgencyInfo[] {
    this.#indexOf(nodeId, 'node');
    return [...(this.#agenciesOf.get(nodeId) ?? [])];
  }

  children(id: string): NodeInfo[] {
    return [...(this.#children[this.#indexOf(id, 'node')] ?? [])];
  }

  parent(id: string): NodeInfo | undefined {
    const p = this.#parent[this.#indexOf(id, 'node')] ?? -1;
    return p === -1 ? undefined : this.#at(p);
  }

  /** Distance from the root (the root is 0). Not the level: a tree without districts skips one. */
  depth(id: string): number {
    return this.#depth[this.#indexOf(id, 'node')] ?? 0;
  }

  homeNodeOf(agencyCode: string): NodeInfo {
    const agency = this.#agencyByCode.get(agencyCode);
    if (agency === undefined) {
      throw new RoutingError(`unknown agency '${displayInput(agencyCode)}'`, { agency: agencyCode });
    }
    return this.node(agency.homeNode);
  }

  /** The next node on the tree path from `from` to `to`: down into my subtree, else up. */
  nextHop(from: string, to: string): NextHop {
    const f = this.#indexOf(from, 'from');
    let x = this.#indexOf(to, 'to');
    if (f === x) return LOCAL;
    const below = (this.#depth[f] ?? 0) + 1;
    let dx = this.#depth[x] ?? 0;
    if (dx >= below) {
      while (dx > below) {
        x = this.#parent[x] ?? -1;
        dx--;
      }
      if (this.#parent[x] === f) return { kind: 'down', node: this.#at(x) };
    }
    // Not in my subtree, so I am not the root: my parent exists.
    return { kind: 'up', node: this.#at(this.#parent[f] ?? -1) };
  }

  /** Node ids on the tree path from `from` to `to`, both included. */
  path(from: string, to: string): string[] {
    let a = this.#indexOf(from, 'from');
    let b = this.#indexOf(to, 'to');
    const up: number[] = [];
    const down: number[] = [];
    const depth = (i: number): number => this.#depth[i] ?? 0;
    const parent = (i: number): number => this.#parent[i] ?? -1;
    while (depth(a) > depth(b)) {
      up.push(a);
      a = parent(a);
    }
    while (depth(b) > depth(a)) {
      down.push(b);
      b = parent(b);
    }
    while (a !== b) {
      up.push(a);
      down.push(b);
      a = parent(a);
      b = parent(b);
    }
    return [...up, a, ...down.reverse()].map((i) => this.#at(i).id);
  }

  /** The topology file content; `parseTopology(t.toJSON())` gives an equal topology. */
  toJSON(): TopologyJson {
    return {
      nodes: this.#nodes.map((n) => ({
        id: n.id,
        level: n.levelName,
        name: n.name,
        ...(n.parent === undefined ? {} : { parent: n.parent }),
        ...(n.domain === '' ? {} : { domain: n.domain }),
      })),
      agencies: this.#agencies.map((a) => ({
        code: a.code,
        name: a.name,
        tier: levelName(a.tier),
        ...(a.parentCode === undefined ? {} : { parentCode: a.parentCode }),
        homeNode: a.homeNode,
      })),
      ...(this.#closed.size === 0 ? {} : { closed: this.closedCodes().map((c) => ({ ...c })) }),
    };
  }

  /** The directory as protobuf records (lienthong.v1.Topology), as kept in the `lt_directory` bucket. */
  toProto(): ITopology {
    return {
      nodes: this.#nodes.map((n) => ({
        id: n.id,
        level: n.level,
        parent: n.parent ?? '',
        name: n.name,
        domain: n.domain,
      })),
      agencies: this.#agencies.map((a) => ({
        code: a.code,
        name: a.name,
        tier: a.tier,
        parentCode: a.parentCode ?? '',
        homeNode: a.homeNode,
      })),
      closed: this.closedCodes().map(closedCodeToProto),
    };
  }
}

export function parseTopology(json: unknown): Topology {
  return new Topology(json);
}

/** Builds a topology from protobuf directory records, where empty strings mean "none". */
export function topologyFromProto(
  proto: ITopology,
  closed: readonly ClosedCodeJson[] = (proto.closed ?? []).map(closedCodeFromProto),
): Topology {
  const levelText = (l: Level | null | undefined): unknown => {
    try {
      return levelName(l ?? Level.LEVEL_UNSPECIFIED);
    } catch {
      return l;
    }
  };
  return new Topology({
    nodes: (proto.nodes ?? []).map((n) => ({
      id: n.id ?? '',
      level: levelText(n.level),
      name: n.name ?? '',
      ...(n.parent ? { parent: n.parent } : {}),
      ...(n.domain ? { domain: n.domain } : {}),
    })),
    agencies: (proto.agencies ?? []).map((a) => ({
      code: a.code ?? '',
      name: a.name ?? '',
      tier: levelText(a.tier),
      ...(a.parentCode ? { parentCode: a.parentCode } : {}),
      homeNode: a.homeNode ?? '',
    })),
    ...(closed.length === 0 ? {} : { closed: closed.map((c) => ({ ...c })) }),
  });
}

export interface GenerateTopologyOptions {
  provinces: number;
  districtsPerProvince: number;
  communesPerDistrict: number;
  agenciesPerNode: number;
  /** False gives the post-2025 3-level tree: each province holds districtsPerProvince × communesPerDistrict communes. */
  withDistricts?: boolean;
}

// Level-1 letters for provinces: 'H' as in the real codes, then more letters past 99 provinces.
const PROVINCE_LETTERS = 'HJKLMNPQRSTUVWXYZ';

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function checkCount(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new LienthongError('InvalidArgument', `${name} must be an integer from ${min} to ${max}`, {
      context: { [name]: value },
    });
  }
}

/**
 * A deterministic synthetic topology for tests and benchmarks. Codes are plausible and unique:
 * province p uses level-1 group `Hpp`; its own agencies `000.kk.00.Hpp`, district d's `kkk.00.dd.Hpp`,
 * and commune c's `ccc.kk.dd.Hpp` (kk >= 01), so the groups never collide.
 */
export function generateTopology(options: GenerateTopologyOptions): Topology {
  const { provinces, districtsPerProvince, communesPerDistrict, agenciesPerNode } = options;
  const withDistricts = options.withDistricts ?? true;
  checkCount('provinces', provinces, 0, PROVINCE_LETTERS.length * 99);
  checkCount('districtsPerProvince', districtsPerProvince, 0, 99);
  checkCount('communesPerDistrict', communesPerDistrict, 0, 999);
  checkCount('agenciesPerNode', agenciesPerNode, 0, 98);
  const nodes: TopologyNodeJson[] = [{ id: 'vn', level: 'central', name: 'Trục liên thông quốc gia' }];
  const agencies: TopologyAgencyJson[] = [];
  for (let k = 0; k < agenciesPerNode; k++) {
    agencies.push({
      code: `000.00.00.G${pad(k + 1, 2)}`,
      name: `Bộ, ngành số ${k + 1}`,
      tier: 'central',
      homeNode: 'vn',
    });
  }
  for (let p = 1; p <= provinces; p++) {
    const l1 = `${PROVINCE_LETTERS[Math.floor((p - 1) / 99)]}${pad(((p - 1) % 99) + 1, 2)}`;
    const pid = `p${p}`;
    const ubndTinh = `000.00.00.${l1}`;
    nodes.push({ id: pid, level: 'province', name: `Tỉnh số ${p}`, parent: 'vn' });
    for (let k = 0; k < agenciesPerNode; k++) {
      agencies.push({
        code: `000.${pad(k, 2)}.00.${l1}`,
        name: k === 0 ? `Ủy ban nhân dân tỉnh số ${p}` : `Sở số ${k} tỉnh số ${p}`,
        tier: 'province',
        ...(k === 0 ? {} : { parentCode: ubndTinh }),
        homeNode: pid,
      });
    }
    for (let d = 1; d <= districtsPerProvince; d++) {
      const did = `${pid}-d${d}`;
      if (withDistricts) {
        nodes.push({ id: did, level: 'district', name: `Huyện số ${d} tỉnh số ${p}`, parent: pid });
        for (let k = 0; k < agenciesPerNode; k++) {
          agencies.push({
            code: `${pad(k, 3)}.00.${pad(d, 2)}.${l1}`,
            name: k === 0 ? `Ủy ban nhân dân huyện số ${d}` : `Phòng số ${k} huyện số ${d}`,
            tier: 'district',
            parentCode: k === 0 ? ubndTinh : `000.00.${pad(d, 2)}.${l1}`,
            homeNode: did,
          });
        }
      }
      for (let c = 1; c <= communesPerDistrict; c++) {
        // Without districts the commune keeps the codes it would have had, under its province.
        const cid = withDistricts ? `${did}-c${c}` : `${pid}-c${(d - 1) * communesPerDistrict + c}`;
        const where = withDistricts ? `huyện số ${d}` : `tỉnh số ${p}`;
        nodes.push({
          id: cid,
          level: 'commune',
          name: `Xã ${cid} ${where}`,
          parent: withDistricts ? did : pid,
        });
        const ubndXa = `${pad(c, 3)}.01.${pad(d, 2)}.${l1}`;
        for (let k = 0; k < agenciesPerNode; k++) {
          agencies.push({
            code: `${pad(c, 3)}.${pad(k + 1, 2)}.${pad(d, 2)}.${l1}`,
            name: k === 0 ? `Ủy ban nhân dân xã ${cid}` : `Bộ phận số ${k} xã ${cid}`,
            tier: 'commune',
            parentCode: k === 0 ? (withDistricts ? `000.00.${pad(d, 2)}.${l1}` : ubndTinh) : ubndXa,
            homeNode: cid,
          });
        }
      }
    }
  }
  return new Topology({ nodes, agencies });
}
