/**
 * `Directory`'s tree views (tree order, children, agencies of a node) come from one index of the
 * directory built on first use: the national tree in tree order, parents before their children,
 * every node once; orphans among the roots, a cycle left out.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseTopology } from '@lienthong/core';
import { AgencyRecord, Level, NodeRecord } from '@lienthong/proto';
import type { ClosedAgencyRecord } from '@lienthong/proto';
import { Directory } from '../src';

const NATIONAL = resolve(__dirname, '../../../deploy/topology.vn-2025.json');

function national(): Directory {
  const p = parseTopology(JSON.parse(readFileSync(NATIONAL, 'utf8'))).toProto();
  return new Directory(
    new Map((p.nodes ?? []).map((n) => [n.id!, NodeRecord.create(n)])),
    new Map((p.agencies ?? []).map((a) => [a.code!, AgencyRecord.create(a)])),
    new Map((p.closed ?? []).map((c) => [c.code!, c as ClosedAgencyRecord])),
  );
}

describe('Directory tree views', () => {
  it('orders the national tree depth-first, parents first, each node once, children by id', () => {
    const d = national();
    const order = d.treeOrder();
    expect(order).toHaveLength(d.nodes.size);
    expect(new Set(order.map((n) => n.id)).size).toBe(d.nodes.size);
    const at = new Map(order.map((n, i) => [n.id, i]));
    for (const n of order) if (n.parent) expect(at.get(n.parent)!).toBeLessThan(at.get(n.id)!);
    expect(order[0]!.id).toBe('vn');
    const kids = d.children('vn').map((n) => n.id);
    expect(kids).toEqual([...kids].sort((a, b) => a.localeCompare(b)));
    expect(kids.length).toBeGreaterThan(30);
    expect(d.treeOrder()).toBe(order); // worked out once
    // Each agency is listed at its home node, sorted by code.
    let listed = 0;
    for (const n of d.nodes.values()) {
      const codes = d.agenciesOf(n.id).map((a) => a.code);
      expect(codes).toEqual([...codes].sort((a, b) => a.localeCompare(b)));
      for (const c of codes) expect(d.agencies.get(c)!.homeNode).toBe(n.id);
      listed += codes.length;
    }
    expect(listed).toBe(d.agencies.size);
  });

  it('puts orphans among the roots and leaves a cycle out', () => {
    const n = (id: string, parent: string, level = Level.LEVEL_DISTRICT): [string, NodeRecord] => [
      id,
      NodeRecord.create({ id, parent, level }),
    ];
    const d = new Directory(
      new Map([
        n('b', 'vn'),
        n('vn', '', Level.LEVEL_CENTRAL),
        n('a', 'vn'),
        n('a2', 'a'),
        n('a1', 'a'),
        n('lost', 'gone'),
        n('x', 'y'),
        n('y', 'x'),
        n('self', 'self'),
      ]),
      new Map(),
    );
    expect(d.treeOrder().map((x) => x.id)).toEqual(['vn', 'a', 'a1', 'a2', 'b', 'lost']);
    expect(d.children('a').map((x) => x.id)).toEqual(['a1', 'a2']);
    expect(d.children('nobody')).toEqual([]);
    expect(d.agenciesOf('vn')).toEqual([]);
  });
});
