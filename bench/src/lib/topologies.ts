/** The topologies the benchmark runs on, and which agencies send and receive in each. */
import { resolve } from 'node:path';
import { generateTopology, parseTopology } from '@lienthong/core';
import type { Topology, TopologyJson } from '@lienthong/core';
import { loadTopologyFile } from '@lienthong/node';

export const DEMO_TOPOLOGY_FILE = resolve(__dirname, '../../../deploy/topology.demo.json');

export interface Cast {
  readonly topology: Topology;
  /** Commune agencies that send (one SDK client each). */
  readonly senders: string[];
  /** Another commune agency, for probes that must not disturb the senders' track subjects. */
  readonly probe: string;
  /** The central agency that receives. */
  readonly recipient: string;
}

/** deploy/topology.demo.json: 11 nodes; four communes in three districts of two provinces send. */
export function demoCast(): Cast {
  return {
    topology: loadTopologyFile(DEMO_TOPOLOGY_FILE),
    senders: ['000.01.43.H41', '000.02.43.H41', '000.01.44.H41', '000.01.41.H27'],
    probe: '000.02.44.H41',
    recipient: '000.00.00.G22',
  };
}

export interface NationalShape {
  readonly provinces: number;
  readonly districts: number;
  readonly communes: number;
  /** Agencies in all, roughly. */
  readonly agencies: number;
}

/** Vietnam before 2025: 63 provinces, 705 districts, 10,599 communes, ≈30,000 agencies. */
export const NATIONAL: NationalShape = { provinces: 63, districts: 705, communes: 10_599, agencies: 30_000 };
/** A small stand-in for --quick. */
export const NATIONAL_QUICK: NationalShape = {
  provinces: 63,
  districts: 126,
  communes: 378,
  agencies: 1_500,
};

/**
 * A national-size tree from generateTopology: 3 agencies per node are generated, then districts and
 * communes are dropped so that the counts are exactly the shape's (the first provinces and districts
 * keep one more child, as in reality where sizes differ), and the third agency of some communes is
 * dropped to land near the agency count.
 */
export function nationalTopology(shape: NationalShape): Topology {
  const dPer = Math.floor(shape.districts / shape.provinces);
  const dExtra = shape.districts % shape.provinces;
  const cPer = Math.floor(shape.communes / shape.districts);
  const cExtra = shape.communes % shape.districts;
  const json: TopologyJson = generateTopology({
    provinces: shape.provinces,
    districtsPerProvince: dPer + (dExtra > 0 ? 1 : 0),
    communesPerDistrict: cPer + (cExtra > 0 ? 1 : 0),
    agenciesPerNode: 3,
  }).toJSON();
  const keep = new Set<string>();
  let districtIndex = 0;
  for (const n of json.nodes) {
    const m = /^p(\d+)(?:-d(\d+))?(?:-c(\d+))?$/.exec(n.id);
    if (n.level === 'central' || n.level === 'province') keep.add(n.id);
    else if (n.level === 'district' && m) {
      const p = Number(m[1]);
      const d = Number(m[2]);
      if (d <= dPer || p <= dExtra) keep.add(n.id);
    }
  }
  const communeCount = new Map<string, number>();
  for (const n of json.nodes) {
    if (n.level !== 'district' || !keep.has(n.id)) continue;
    communeCount.set(n.id, cPer + (districtIndex++ < cExtra ? 1 : 0));
  }
  for (const n of json.nodes) {
    const m = /^(p\d+-d\d+)-c(\d+)$/.exec(n.id);
    if (n.level === 'commune' && m && Number(m[2]) <= (communeCount.get(m[1]!) ?? 0)) keep.add(n.id);
  }
  const nodes = json.nodes.filter((n) => keep.has(n.id));
  const kept = json.agencies.filter((a) => keep.has(a.homeNode));
  const communeNodes = nodes.filter((n) => n.level === 'commune').map((n) => n.id);
  const excess = kept.length - shape.agencies;
  const drop = new Set<string>();
  if (excess > 0) {
    const every = Math.max(1, Math.floor(communeNodes.length / excess));
    for (let i = 0; i < communeNodes.length && drop.size < excess; i += every) drop.add(communeNodes[i]!);
  }
  const seen = new Map<string, number>();
  const agencies = kept.filter((a) => {
    const k = (seen.get(a.homeNode) ?? 0) + 1;
    seen.set(a.homeNode, k);
    return !(k === 3 && drop.has(a.homeNode));
  });
  return parseTopology({ nodes, agencies });
}

/** Four communes in four provinces send to a ministry at the centre, as in the demo cast. */
export function nationalCast(shape: NationalShape): Cast {
  const topology = nationalTopology(shape);
  const communeAgency = (id: string): string => {
    const a = topology.agenciesOf(id)[0];
    if (!a) throw new Error(`no agency at ${id}`);
    return a.code;
  };
  // Four communes spread over the tree (first, a third, two thirds, last province).
  const communes = topology
    .nodes()
    .filter((n) => n.levelName === 'commune')
    .map((n) => n.id);
  const n = communes.length;
  const senders = [0, Math.floor(n / 3) + 1, Math.floor((2 * n) / 3) + 2, n - 2].map((i) => communes[i]!);
  return {
    topology,
    senders: senders.map(communeAgency),
    probe: communeAgency(communes[1]!),
    recipient: topology.agenciesOf('vn')[0]!.code,
  };
}
