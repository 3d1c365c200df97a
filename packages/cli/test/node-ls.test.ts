/**
 * `node ls`'s rows on the national tree: the same order, depths and agency counts as the
 * directory's own per-node lookups, and the `--under` and `--level` filters.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseTopology } from '@lienthong/core';
import { Level, NodeRecord } from '@lienthong/proto';
import type { AgencyRecord } from '@lienthong/proto';
import { Directory } from '@lienthong/readers';
import { nodeListing } from '../src/commands/node';
import { levelLabel } from '../src/output';

function national(): Directory {
  const file = resolve(__dirname, '../../../deploy/topology.vn-2025.json');
  const p = parseTopology(JSON.parse(readFileSync(file, 'utf8'))).toProto();
  return new Directory(
    new Map((p.nodes ?? []).map((n) => [n.id!, NodeRecord.create(n)])),
    new Map((p.agencies ?? []).map((a) => [a.code!, a as AgencyRecord])),
  );
}

/** What `node ls` listed before: the directory's tree order, path and agencies per node. */
function byLookups(dir: Directory) {
  return dir.treeOrder().map((n) => ({
    id: n.id,
    level: levelLabel(n.level),
    parent: n.parent || null,
    name: n.name,
    domain: n.domain || null,
    agencies: dir.agenciesOf(n.id).length,
    depth: dir.path(n.id).length,
  }));
}

describe('node ls rows', () => {
  const dir = national();

  it('lists the national tree as the directory lookups do', () => {
    const rows = nodeListing(dir);
    expect(rows).toHaveLength(dir.nodes.size);
    expect(rows).toEqual(byLookups(dir));
  });

  it('keeps an orphan one step in, as its path says', () => {
    const n = (id: string, parent: string, level: Level): [string, NodeRecord] => [
      id,
      NodeRecord.create({ id, parent, level }),
    ];
    const d = new Directory(
      new Map([n('vn', '', Level.LEVEL_CENTRAL), n('h1', 'vn', Level.LEVEL_PROVINCE), n('x', 'gone', 2)]),
      new Map(),
    );
    expect(nodeListing(d)).toEqual(byLookups(d));
  });

  it('lists one subtree with --under, depths from it', () => {
    const province = [...dir.nodes.values()].find((x) => x.level === Level.LEVEL_PROVINCE)!;
    const rows = nodeListing(dir, { under: province.id });
    expect(rows[0]).toMatchObject({ id: province.id, depth: 0 });
    expect(rows.length).toBe(1 + dir.children(province.id).length);
    expect(rows.slice(1).every((r) => r.parent === province.id && r.depth === 1)).toBe(true);
  });

  it('lists one level with --level, in tree order', () => {
    const provinces = nodeListing(dir, { level: 'province' });
    const all = nodeListing(dir).filter((r) => r.level === 'province');
    expect(provinces).toEqual(all);
    expect(provinces.length).toBe(
      [...dir.nodes.values()].filter((x) => x.level === Level.LEVEL_PROVINCE).length,
    );
    expect(nodeListing(dir, { under: 'vn', level: 'central' }).map((r) => r.id)).toEqual(['vn']);
  });
});
