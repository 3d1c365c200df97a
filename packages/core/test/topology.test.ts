import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  RoutingError,
  Topology,
  TopologyError,
  generateTopology,
  parseTopology,
  topologyFromProto,
} from '@lienthong/core';
import type { TopologyJson } from '@lienthong/core';
import { Level, Topology as TopologyRecord } from '@lienthong/proto';

const demoPath = join(__dirname, '../../../deploy/topology.demo.json');
const demoJson = (): TopologyJson => JSON.parse(readFileSync(demoPath, 'utf8')) as TopologyJson;

function problemsOf(json: unknown): string[] {
  try {
    parseTopology(json);
  } catch (e) {
    if (e instanceof TopologyError) return [...e.problems];
    throw e;
  }
  throw new Error('topology was accepted');
}

const small = (): TopologyJson => ({
  nodes: [
    { id: 'vn', level: 'central', name: 'Trung ương' },
    { id: 'p1', level: 'province', name: 'Tỉnh 1', parent: 'vn' },
    { id: 'd1', level: 'district', name: 'Huyện 1', parent: 'p1' },
    { id: 'c1', level: 'commune', name: 'Xã 1', parent: 'd1' },
  ],
  agencies: [
    { code: '000.00.00.G22', name: 'Văn phòng Chính phủ', tier: 'central', homeNode: 'vn' },
    { code: '000.00.00.H41', name: 'UBND tỉnh', tier: 'province', homeNode: 'p1' },
  ],
});

describe('the demo topology', () => {
  const t = parseTopology(demoJson());

  it('has the hub, two provinces, their districts and communes', () => {
    expect(t.root.id).toBe('vn');
    expect(t.root.level).toBe(Level.LEVEL_CENTRAL);
    expect(t.children('vn').map((n) => n.id)).toEqual(['h41', 'h40']);
    expect(t.children('h41').map((n) => n.id)).toEqual(['h41-yenthanh', 'h41-quynhluu']);
    expect(t.children('h41-yenthanh').map((n) => n.id)).toEqual(['h41-yenthanh-xa1', 'h41-yenthanh-xa2']);
    expect(t.nodes()).toHaveLength(11);
    expect(t.node('h41-quynhluu-xa2')).toMatchObject({
      level: Level.LEVEL_COMMUNE,
      levelName: 'commune',
      parent: 'h41-quynhluu',
      domain: '',
    });
  });

  it('hosts each agency on its home node', () => {
    expect(t.homeNodeOf('000.00.00.G22').id).toBe('vn');
    expect(t.homeNodeOf('000.00.00.H41').id).toBe('h41');
    expect(t.agenciesOf('h41').map((a) => a.code)).toEqual([
      '000.00.00.H41',
      '000.00.01.H41',
      '000.00.11.H41',
    ]);
    expect(t.agency('000.00.11.H41')).toEqual({
      code: '000.00.11.H41',
      name: 'Sở Tài chính tỉnh Nghệ An',
      tier: Level.LEVEL_PROVINCE,
      parentCode: '000.00.00.H41',
      homeNode: 'h41',
    });
    expect(t.agency('000.00.00.H99')).toBeUndefined();
    for (const node of t.nodes()) expect(t.agenciesOf(node.id).length).toBeGreaterThan(0);
  });

  it('routes a commune-to-commune document across provinces through the hub', () => {
    expect(t.path('h41-yenthanh-xa1', 'h40-huongson-xa1')).toEqual([
      'h41-yenthanh-xa1',
      'h41-yenthanh',
      'h41',
      'vn',
      'h40',
      'h40-huongson',
      'h40-huongson-xa1',
    ]);
    expect(t.nextHop('h41-yenthanh-xa1', 'h40-huongson-xa1')).toEqual({
      kind: 'up',
      node: t.node('h41-yenthanh'),
    });
    expect(t.nextHop('vn', 'h40-huongson-xa1')).toEqual({ kind: 'down', node: t.node('h40') });
    expect(t.nextHop('h40', 'h40-huongson-xa1')).toEqual({ kind: 'down', node: t.node('h40-huongson') });
    expect(t.nextHop('h40-huongson-xa1', 'h40-huongson-xa1')).toEqual({ kind: 'local' });
  });

  it('routes between siblings through their parent only', () => {
    expect(t.path('h41-yenthanh-xa1', 'h41-yenthanh-xa2')).toEqual([
      'h41-yenthanh-xa1',
      'h41-yenthanh',
      'h41-yenthanh-xa2',
    ]);
    expect(t.nextHop('h41-yenthanh', 'h41-quynhluu-xa1')).toEqual({ kind: 'up', node: t.node('h41') });
    expect(t.nextHop('h41', 'vn')).toEqual({ kind: 'up', node: t.root });
  });

  it('knows parents and depths', () => {
    expect(t.parent('vn')).toBeUndefined();
    expect(t.parent('h41-yenthanh')?.id).toBe('h41');
    expect(t.depth('vn')).toBe(0);
    expect(t.depth('h41')).toBe(1);
    expect(t.depth('h41-yenthanh-xa1')).toBe(3);
    expect(t.hasNode('h41')).toBe(true);
    expect(t.hasNode('h99')).toBe(false);
  });

  it('throws RoutingError (NotFound) for unknown nodes and agencies', () => {
    const calls: (() => unknown)[] = [
      () => t.node('h99'),
      () => t.nextHop('h99', 'vn'),
      () => t.nextHop('vn', 'h99'),
      () => t.path('vn', 'h99'),
      () => t.children('h99'),
      () => t.parent('h99'),
      () => t.depth('h99'),
      () => t.agenciesOf('h99'),
      () => t.homeNodeOf('000.00.00.H99'),
    ];
    for (const call of calls) {
      expect(call).toThrow(RoutingError);
      try {
        call();
      } catch (e) {
        expect((e as RoutingError).code).toBe('NotFound');
      }
    }
    try {
      t.nextHop('vn', 'h99');
    } catch (e) {
      expect((e as RoutingError).context).toEqual({ to: 'h99' });
    }
  });

  it('round-trips through toJSON and through the protobuf directory records', () => {
    expect(parseTopology(t.toJSON()).toJSON()).toEqual(t.toJSON());
    expect(t.toJSON()).toEqual(demoJson());
    expect(topologyFromProto(t.toProto()).toJSON()).toEqual(t.toJSON());
    expect(JSON.parse(JSON.stringify(t))).toEqual(demoJson());
  });

  it('round-trips closed codes through the protobuf records, and names a bad policy', () => {
    const closed = {
      code: '000.00.45.H41',
      name: 'UBND huyện cũ',
      closedAt: '2025-07-01T00:00:00Z',
      successor: '000.00.00.H41',
      policy: 'refuse' as const,
    };
    const withClosed = parseTopology({ ...demoJson(), closed: [closed] });
    const proto = withClosed.toProto();
    expect(proto.closed).toHaveLength(1);
    expect(TopologyRecord.encode(proto).finish().length).toBeGreaterThan(
      TopologyRecord.encode(t.toProto()).finish().length,
    );
    expect(topologyFromProto(proto).closedCode(closed.code)).toEqual(closed);
    const bad = { ...proto, closed: [{ ...proto.closed![0], policy: 0 }] };
    expect(() => topologyFromProto(bad)).toThrow(/policy 0 is not 'redirect' or 'refuse'/);
  });

  it('cannot be changed from outside', () => {
    const nodes = t.nodes();
    nodes.pop();
    expect(t.nodes()).toHaveLength(11);
    expect(Object.isFrozen(t.node('h41'))).toBe(true);
    expect(() => {
      (t.node('h41') as { name: string }).name = 'x';
    }).toThrow(TypeError);
    t.children('vn').pop();
    expect(t.children('vn')).toHaveLength(2);
  });
});

describe('topology validation', () => {
  it('accepts a tree without districts (province -> commune)', () => {
    const t = parseTopology({
      nodes: [
        { id: 'vn', level: 'central', name: 'Trung ương' },
        { id: 'p1', level: 'province', name: 'Tỉnh', parent: 'vn' },
        { id: 'c1', level: 'commune', name: 'Xã', parent: 'p1' },
      ],
      agencies: [],
    });
    expect(t.depth('c1')).toBe(2);
    expect(t.path('c1', 'vn')).toEqual(['c1', 'p1', 'vn']);
  });

  it('accepts nodes listed before their parents', () => {
    const json = small();
    json.nodes.reverse();
    expect(parseTopology(json).path('c1', 'vn')).toEqual(['c1', 'd1', 'p1', 'vn']);
  });

  it('rejects input that is not a topology object', () => {
    expect(problemsOf(null)).toEqual(["a topology must be an object with 'nodes' and 'agencies'"]);
    expect(problemsOf([])).toEqual(["a topology must be an object with 'nodes' and 'agencies'"]);
    expect(problemsOf({ nodes: {}, agencies: 'x', extra: 1 })).toEqual(
      expect.arrayContaining([
        "'nodes' must be an array",
        "'agencies' must be an array",
        "unknown field 'extra'",
      ]),
    );
  });

  it('requires exactly one root, and it must be central', () => {
    expect(problemsOf({ nodes: [], agencies: [] })).toContain(
      'no root: exactly one node must have no parent',
    );
    const two = small();
    two.nodes.push({ id: 'vn2', level: 'central', name: 'Trung ương 2' });
    expect(problemsOf(two)).toContain("more than one root: 'vn', 'vn2'");
    const provinceRoot = {
      nodes: [
        { id: 'p1', level: 'province', name: 'Tỉnh' },
        { id: 'c1', level: 'commune', name: 'Xã', parent: 'p1' },
      ],
      agencies: [],
    };
    expect(problemsOf(provinceRoot)).toEqual(["root 'p1' must be central, is province"]);
  });

  it('lists every problem at once', () => {
    const json = {
      nodes: [
        { id: 'vn', level: 'central', name: 'Trung ương' },
        { id: 'p1', level: 'province', name: 'Tỉnh', parent: 'vn' },
        { id: 'p1', level: 'province', name: 'Tỉnh trùng', parent: 'vn' },
        { id: 'P2', level: 'province', name: 'Tỉnh', parent: 'vn' },
        { id: 'p3', level: 'state', name: 'Tỉnh', parent: 'vn' },
        { id: 'p4', level: 'province', name: '', parent: 'vn', domain: 'has.dot' },
        { id: 'p5', level: 'province', name: 'Tỉnh', parent: 'nowhere' },
        { id: 'p6', level: 'province', name: 'Tỉnh', parnet: 'vn', parent: 'vn' },
        { id: 'c1', level: 'commune', name: 'Xã', parent: 'p1' },
        { id: 'c2', level: 'commune', name: 'Xã dưới xã', parent: 'c1' },
        { id: 'd1', level: 'district', name: 'Huyện dưới huyện', parent: 'd2' },
        { id: 'd2', level: 'district', name: 'Huyện', parent: 'p1' },
        { id: 'd3', level: 'province', name: 'Tỉnh dưới huyện', parent: 'd2' },
        'not an object',
      ],
      agencies: [
        { code: '000.00.00.G22', name: 'VPCP', tier: 'central', homeNode: 'vn' },
        { code: '000.00.00.G22', name: 'VPCP trùng', tier: 'central', homeNode: 'vn' },
        { code: '000.00.00.H4*', name: 'Xấu', tier: 'province', homeNode: 'p1' },
        { code: '000.00.00.H41', name: 'UBND', tier: 'province', homeNode: 'h99' },
        { code: '000.00.01.H41', name: 'Sở', tier: 'province', homeNode: 'p1', parentCode: '000.00.00.H42' },
        { code: '000.00.02.H41', name: 'Sở', tier: 'ward', homeNode: 'p1', parentCode: 'bad' },
        { code: '000.00.03.H41', name: 'Sở', tier: 'province', homeNode: 'p1', parentCode: '000.00.03.H41' },
      ],
    };
    expect(problemsOf(json)).toEqual([
      'nodes[2] (p1): duplicate node id (first at nodes[1])',
      "nodes[3] (P2): id 'P2' is not a node id (1-32 of [a-z0-9-])",
      "nodes[4] (p3): level 'state' is not one of central, province, district, commune",
      'nodes[5] (p4): name must be a non-empty string',
      "nodes[5] (p4): domain 'has.dot' is not a JetStream domain name ([A-Za-z0-9_-]{1,64})",
      "nodes[7] (p6): unknown field 'parnet'",
      'nodes[13]: must be an object',
      "node 'p5': parent 'nowhere' is not a known node",
      "node 'c2': parent 'c1' is a commune, and communes have no children",
      "node 'd1': a district cannot be under a district ('d2'); a child must be at a deeper level than its parent",
      "node 'd3': a province cannot be under a district ('d2'); a child must be at a deeper level than its parent",
      'agencies[1] (000.00.00.G22): duplicate agency code (first at agencies[0])',
      "agencies[2] (000.00.00.H4*): code '000.00.00.H4*' is not an agency code AAA.BB.CC.Xnn",
      "agencies[3] (000.00.00.H41): homeNode 'h99' is not a known node",
      "agencies[5] (000.00.02.H41): tier 'ward' is not one of central, province, district, commune",
      "agencies[5] (000.00.02.H41): parentCode 'bad' is not an agency code",
      'agencies[6] (000.00.03.H41): an agency cannot be its own parent',
      "agency '000.00.01.H41': parentCode '000.00.00.H42' is not a known agency",
    ]);
  });

  it('finds parent cycles', () => {
    const json = {
      nodes: [
        { id: 'vn', level: 'central', name: 'Trung ương' },
        { id: 'a', level: 'province', name: 'A', parent: 'b' },
        { id: 'b', level: 'district', name: 'B', parent: 'a' },
        { id: 's', level: 'province', name: 'S', parent: 's' },
      ],
      agencies: [],
    };
    const problems = problemsOf(json);
    expect(problems).toContain('cycle: a -> b -> a');
    expect(problems).toContain('cycle: s -> s');
  });

  it('puts the problems in the error message', () => {
    expect(() => parseTopology({ nodes: [], agencies: [] })).toThrow(
      /invalid topology \(1 problems\):\n {2}- no root/,
    );
  });
});

describe('generateTopology', () => {
  it('builds a national-size tree that validates', () => {
    const t = generateTopology({
      provinces: 63,
      districtsPerProvince: 11,
      communesPerDistrict: 15,
      agenciesPerNode: 2,
    });
    expect(t.nodes()).toHaveLength(1 + 63 + 63 * 11 + 63 * 11 * 15);
    expect(t.agencies()).toHaveLength(2 * t.nodes().length);
    expect(t.path('p1-d1-c1', 'p63-d11-c15')).toHaveLength(7);
    expect(t.homeNodeOf('000.00.00.H41').id).toBe('p41');
  });

  it('is deterministic', () => {
    const a = generateTopology({
      provinces: 3,
      districtsPerProvince: 2,
      communesPerDistrict: 2,
      agenciesPerNode: 3,
    });
    const b = generateTopology({
      provinces: 3,
      districtsPerProvince: 2,
      communesPerDistrict: 2,
      agenciesPerNode: 3,
    });
    expect(a.toJSON()).toEqual(b.toJSON());
  });

  it('builds a tree without districts', () => {
    const t = generateTopology({
      provinces: 2,
      districtsPerProvince: 3,
      communesPerDistrict: 4,
      agenciesPerNode: 1,
      withDistricts: false,
    });
    expect(t.children('p1')).toHaveLength(12);
    expect(t.nodes().some((n) => n.level === Level.LEVEL_DISTRICT)).toBe(false);
    expect(t.depth('p2-c12')).toBe(2);
  });

  it('refuses sizes its code scheme cannot number', () => {
    expect(() =>
      generateTopology({
        provinces: 1,
        districtsPerProvince: 100,
        communesPerDistrict: 1,
        agenciesPerNode: 1,
      }),
    ).toThrow('districtsPerProvince must be an integer from 0 to 99');
    expect(() =>
      generateTopology({
        provinces: 1.5,
        districtsPerProvince: 1,
        communesPerDistrict: 1,
        agenciesPerNode: 1,
      }),
    ).toThrow('provinces must be an integer');
  });

  it('is a Topology instance with working routing', () => {
    const t = generateTopology({
      provinces: 2,
      districtsPerProvince: 1,
      communesPerDistrict: 1,
      agenciesPerNode: 0,
    });
    expect(t).toBeInstanceOf(Topology);
    expect(t.nextHop('p1-d1-c1', 'p2-d1-c1')).toEqual({ kind: 'up', node: t.node('p1-d1') });
  });
});
