import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { diffTopologies, parseTopology, renderTopologyDiff } from '@lienthong/core';
import type { TopologyJson, TopologyError } from '@lienthong/core';

const ROOT = join(__dirname, '../../..');

/** Before: three provinces in domains a, b, c; p1 has a district with two communes. */
const OLD: TopologyJson = {
  nodes: [
    { id: 'vn', level: 'central', name: 'Trục' },
    { id: 'p1', level: 'province', name: 'Tỉnh 1', parent: 'vn', domain: 'a' },
    { id: 'p1-d1', level: 'district', name: 'Huyện 1', parent: 'p1', domain: 'a' },
    { id: 'p1-d1-c1', level: 'commune', name: 'Xã 1', parent: 'p1-d1', domain: 'a' },
    { id: 'p1-d1-c2', level: 'commune', name: 'Xã 2', parent: 'p1-d1', domain: 'a' },
    { id: 'p2', level: 'province', name: 'Tỉnh 2', parent: 'vn', domain: 'b' },
    { id: 'p2-c1', level: 'commune', name: 'Xã 3', parent: 'p2', domain: 'b' },
    { id: 'p3', level: 'province', name: 'Tỉnh 3', parent: 'vn', domain: 'c' },
    { id: 'p3-c1', level: 'commune', name: 'Xã 4', parent: 'p3', domain: 'c' },
  ],
  agencies: [
    { code: '000.00.00.G22', name: 'Văn phòng Chính phủ', tier: 'central', homeNode: 'vn' },
    { code: '000.00.00.H01', name: 'UBND tỉnh 1', tier: 'province', homeNode: 'p1' },
    { code: '000.01.00.H01', name: 'Sở Nội vụ', tier: 'province', homeNode: 'p1' },
    { code: '000.02.00.H01', name: 'Sở Tài chính', tier: 'province', homeNode: 'p1' },
    { code: '000.00.01.H01', name: 'UBND huyện 1', tier: 'district', homeNode: 'p1-d1' },
    { code: '001.01.01.H01', name: 'UBND xã 1', tier: 'commune', homeNode: 'p1-d1-c1' },
    { code: '002.01.01.H01', name: 'UBND xã 2', tier: 'commune', homeNode: 'p1-d1-c2' },
    { code: '000.00.00.H02', name: 'UBND tỉnh 2', tier: 'province', homeNode: 'p2' },
    { code: '001.01.00.H02', name: 'UBND xã 3', tier: 'commune', homeNode: 'p2-c1' },
    { code: '000.00.00.H03', name: 'UBND tỉnh 3', tier: 'province', homeNode: 'p3' },
    { code: '001.01.00.H03', name: 'UBND xã 4', tier: 'commune', homeNode: 'p3-c1' },
  ],
};

/**
 * After: the district is abolished (its commune 1 re-parented to p1, commune 2 removed), domains a and
 * b merge into a, domain c splits into c and d, p4 is new; agencies renamed, moved, closed with
 * either policy, and one removed without successor.
 */
const NEW: TopologyJson = {
  nodes: [
    { id: 'vn', level: 'central', name: 'Trục' },
    { id: 'p1', level: 'province', name: 'Tỉnh 1', parent: 'vn', domain: 'a' },
    { id: 'p1-d1-c1', level: 'commune', name: 'Xã 1', parent: 'p1', domain: 'a' },
    { id: 'p2', level: 'province', name: 'Tỉnh 2', parent: 'vn', domain: 'a' },
    { id: 'p2-c1', level: 'commune', name: 'Xã 3', parent: 'p2', domain: 'a' },
    { id: 'p3', level: 'province', name: 'Tỉnh 3', parent: 'vn', domain: 'c' },
    { id: 'p3-c1', level: 'commune', name: 'Xã 4', parent: 'p3', domain: 'd' },
    { id: 'p4', level: 'province', name: 'Tỉnh 4', parent: 'vn', domain: 'e' },
  ],
  agencies: [
    { code: '000.00.00.G22', name: 'Văn phòng Chính phủ', tier: 'central', homeNode: 'vn' },
    { code: '000.00.00.H01', name: 'UBND tỉnh 1', tier: 'province', homeNode: 'p1' },
    { code: '000.01.00.H01', name: 'Sở Nội vụ và Lao động', tier: 'province', homeNode: 'p1' },
    { code: '000.02.00.H01', name: 'Sở Tài chính', tier: 'province', homeNode: 'p2' },
    { code: '001.01.01.H01', name: 'UBND xã 1', tier: 'commune', homeNode: 'p1-d1-c1' },
    { code: '000.00.00.H02', name: 'UBND tỉnh 2', tier: 'province', homeNode: 'p2' },
    { code: '001.01.00.H02', name: 'UBND xã 3', tier: 'commune', homeNode: 'p2-c1' },
    { code: '000.00.00.H03', name: 'UBND tỉnh 3', tier: 'province', homeNode: 'p3' },
    { code: '000.00.00.H04', name: 'UBND tỉnh 4', tier: 'province', homeNode: 'p4' },
  ],
  closed: [
    {
      code: '000.00.01.H01',
      name: 'UBND huyện 1',
      closedAt: '2025-07-01T00:00:00Z',
      successor: '000.00.00.H01',
      policy: 'redirect',
    },
    {
      code: '002.01.01.H01',
      name: 'UBND xã 2',
      closedAt: '2025-07-01T00:00:00Z',
      successor: '001.01.01.H01',
      policy: 'refuse',
    },
  ],
};

describe('diffTopologies on hand-made trees', () => {
  const diff = diffTopologies(parseTopology(OLD), parseTopology(NEW));
  const strip = (): unknown[] => diff.changes.map(({ effects: _e, ...c }) => c);

  it('lists every kind of change, in a fixed order', () => {
    expect(strip()).toEqual([
      { kind: 'domain-merged', into: 'a', from: ['a', 'b'] },
      { kind: 'domain-split', from: 'c', into: ['c', 'd'] },
      { kind: 'node-added', node: 'p4', level: 'province', parent: 'vn', domain: 'e' },
      { kind: 'node-reparented', node: 'p1-d1-c1', from: 'p1-d1', to: 'p1' },
      { kind: 'agency-added', code: '000.00.00.H04', homeNode: 'p4' },
      { kind: 'agency-renamed', code: '000.01.00.H01', from: 'Sở Nội vụ', to: 'Sở Nội vụ và Lao động' },
      { kind: 'agency-moved', code: '000.02.00.H01', from: 'p1', to: 'p2' },
      {
        kind: 'agency-closed',
        code: '000.00.01.H01',
        homeNode: 'p1-d1',
        successor: '000.00.00.H01',
        policy: 'redirect',
        closedAt: '2025-07-01T00:00:00Z',
      },
      { kind: 'agency-closed', code: '001.01.00.H03', homeNode: 'p3-c1' },
      {
        kind: 'agency-closed',
        code: '002.01.01.H01',
        homeNode: 'p1-d1-c2',
        successor: '001.01.01.H01',
        policy: 'refuse',
        closedAt: '2025-07-01T00:00:00Z',
      },
      { kind: 'node-removed', node: 'p1-d1', level: 'district', drainInto: 'p1' },
      { kind: 'node-removed', node: 'p1-d1-c2', level: 'commune', drainInto: 'p1-d1-c1' },
    ]);
    expect(diff.summary).toMatchObject({ 'agency-closed': 3, 'node-removed': 2, 'domain-merged': 1 });
  });

  it('says what happens to queues, inboxes, tracking and credentials', () => {
    const closed = diff.changes.filter((c) => c.kind === 'agency-closed');
    expect(closed[0]?.effects.queues).toBe('documents for 000.00.01.H01 redirected to 000.00.00.H01');
    expect(closed[0]?.effects.tracking).toContain('gain a redirect to 000.00.00.H01');
    expect(closed[2]?.effects.queues).toBe(
      'documents for 002.01.01.H01 refused: FAILED AGENCY_CLOSED (successor 001.01.01.H01)',
    );
    expect(closed[1]?.effects.inboxes).toContain('no successor: left for the operator');
    const moved = diff.changes.find((c) => c.kind === 'agency-moved');
    expect(moved?.effects.inboxes).toBe("unfetched items moved from 'p1' to 'p2' (agency move)");
    const removed = diff.changes.find((c) => c.kind === 'node-removed');
    expect(removed?.effects.queues).toBe(
      "relays queued at 'p1-d1' drained into 'p1', then its streams deleted",
    );
    for (const c of diff.changes) {
      for (const text of Object.values(c.effects)) expect(text).not.toBe('');
    }
  });

  it('warns about an agency that disappears without a successor', () => {
    expect(diff.warnings).toEqual([
      'agency 001.01.00.H03 disappears without a successor: documents for it will fail, and `topology apply` refuses this (close it with a successor, or keep it)',
    ]);
    expect(renderTopologyDiff(diff)).toContain('warning: agency 001.01.00.H03 disappears');
  });

  it('finds nothing between a topology and itself', () => {
    const same = diffTopologies(parseTopology(NEW), parseTopology(NEW));
    expect(same.changes).toEqual([]);
    expect(renderTopologyDiff(same)).toBe('changes: none\n');
  });

  it('renders each change with its four effects', () => {
    const text = renderTopologyDiff(diff);
    expect(text.split('\n')[0]).toBe(
      'changes: domain-merged 1, domain-split 1, node-added 1, node-reparented 1, agency-added 1, ' +
        'agency-renamed 1, agency-moved 1, agency-closed 3, node-removed 2',
    );
    expect(text).toContain(
      '- agency 002.01.01.H01 closed 2025-07-01T00:00:00Z, successor 001.01.01.H01 (refuse)',
    );
    expect(text.match(/ {4}credentials: /g)).toHaveLength(diff.changes.length);
    expect(renderTopologyDiff(diff, { summaryOnly: true }).split('\n')).toHaveLength(3);
  });
});

describe('closed codes in a topology file', () => {
  const closedAt = '2025-07-01T00:00:00Z';
  const problemsOf = (closed: unknown): string[] => {
    try {
      parseTopology({ ...OLD, closed });
    } catch (e) {
      return [...(e as TopologyError).problems];
    }
    return [];
  };

  it('keeps them, with their successor and policy', () => {
    const t = parseTopology(NEW);
    expect(t.closedCode('000.00.01.H01')).toEqual(NEW.closed?.[0]);
    expect(t.closedCode('000.00.00.H01')).toBeUndefined();
    expect(parseTopology(t.toJSON()).closedCodes()).toEqual(t.closedCodes());
  });

  it('refuses a closure that is not one', () => {
    const ok = {
      code: '009.01.01.H01',
      name: 'Xã cũ',
      closedAt,
      successor: '000.00.00.H01',
      policy: 'refuse',
    };
    expect(problemsOf([ok])).toEqual([]);
    expect(problemsOf({})).toEqual(["'closed' must be an array"]);
    expect(problemsOf([{ ...ok, code: '000.00.00.H02' }])).toEqual([
      'closed[0] (000.00.00.H02): code is also a live agency; a code is either live or closed',
    ]);
    expect(problemsOf([ok, ok])).toEqual([
      'closed[1] (009.01.01.H01): duplicate closed code (first at closed[0])',
    ]);
    expect(problemsOf([{ ...ok, successor: '000.00.00.H09' }])).toEqual([
      "closed[0] (009.01.01.H01): successor '000.00.00.H09' is not a live agency",
    ]);
    expect(problemsOf([{ ...ok, policy: 'forward' }])).toEqual([
      "closed[0] (009.01.01.H01): policy 'forward' is not 'redirect' or 'refuse'",
    ]);
    expect(problemsOf([{ ...ok, closedAt: '1/7/2025' }])).toEqual([
      "closed[0] (009.01.01.H01): closedAt '1/7/2025' is not an ISO 8601 date-time",
    ]);
    expect(problemsOf([{ ...ok, extra: 1 }])).toEqual(["closed[0] (009.01.01.H01): unknown field 'extra'"]);
    expect(problemsOf([{ ...ok, code: '000.00.00.H*1' }])[0]).toContain('is not an agency code');
  });
});

describe('the national trees (scripts/gen-vn-topology.mjs)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'lt-vn-'));
    execFileSync(process.execPath, [join(ROOT, 'scripts/gen-vn-topology.mjs'), '--out', dir]);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const load = (year: number): TopologyJson =>
    JSON.parse(readFileSync(join(dir, `topology.vn-${year}.json`), 'utf8')) as TopologyJson;

  it('have the real counts and the sourced codes', () => {
    const count = (json: TopologyJson, level: string): number =>
      json.nodes.filter((n) => n.level === level).length;
    const [before, after] = [load(2024), load(2025)];
    expect([1, 63, 705, 10_035].join()).toBe(
      ['central', 'province', 'district', 'commune'].map((l) => count(before, l)).join(),
    );
    expect([1, 34, 0, 3_321].join()).toBe(
      ['central', 'province', 'district', 'commune'].map((l) => count(after, l)).join(),
    );
    const t = parseTopology(after);
    expect(t.agency('000.00.00.H27')?.name).toBe('Ủy ban nhân dân tỉnh Hà Tĩnh');
    expect(t.agency('000.00.00.H40')).toBeUndefined();
    expect(t.agency('000.00.00.G22')?.name).toBe('Văn phòng Chính phủ');
    // Quảng Trị keeps H50; Quảng Bình's generated code closes into it.
    expect(t.agency('000.00.00.H50')?.name).toBe('Ủy ban nhân dân tỉnh Quảng Trị');
    expect(
      t.closedCodes().filter((c) => c.successor === '000.00.00.H50' && c.code.startsWith('000.00.00.')),
    ).toHaveLength(1);
    // The deploy/ copy is what the generator writes.
    expect(readFileSync(join(ROOT, 'deploy/topology.vn-2025.json'), 'utf8')).toBe(
      readFileSync(join(dir, 'topology.vn-2025.json'), 'utf8'),
    );
  });

  it('diff in well under 10 s, with the same plan every time', () => {
    const t0 = Date.now();
    const plan = (): string =>
      JSON.stringify(diffTopologies(parseTopology(load(2024)), parseTopology(load(2025))));
    const first = plan();
    const ms = Date.now() - t0;
    expect(ms).toBeLessThan(10_000);
    expect(plan()).toBe(first);
    const diff = JSON.parse(first) as { summary: Record<string, number> };
    expect(diff.summary).toMatchObject({
      'node-added': 3_321,
      'node-removed': 705 + 10_035 + 29,
      'agency-closed': 705 + 10_035 + 29,
    });
  });
});
