import fc from 'fast-check';
import { TopologyError, parseTopology } from '@lienthong/core';
import type { LevelName, TopologyNodeJson } from '@lienthong/core';

const LEVELS: LevelName[] = ['central', 'province', 'district', 'commune'];

interface RandomTree {
  nodes: TopologyNodeJson[];
  parentOf: Map<string, string | undefined>;
}

/**
 * Random valid trees: node i picks a non-commune parent among nodes 0..i-1 and a level strictly
 * deeper than that parent's (so districts are sometimes skipped); the file lists nodes shuffled.
 */
const randomTree: fc.Arbitrary<RandomTree> = fc
  .array(fc.tuple(fc.nat(), fc.nat()), { minLength: 0, maxLength: 80 })
  .chain((picks) =>
    fc.shuffledSubarray([...Array(picks.length + 1).keys()], { minLength: picks.length + 1 }).map((order) => {
      const level = [0];
      const parent: (number | undefined)[] = [undefined];
      for (const [parentPick, levelPick] of picks) {
        const candidates = level.flatMap((l, i) => (l < 3 ? [i] : []));
        const p = candidates[parentPick % candidates.length] as number;
        const pl = level[p] as number;
        parent.push(p);
        level.push(pl + 1 + (levelPick % (3 - pl)));
      }
      const nodes = order.map((i) => ({
        id: `n${i}`,
        level: LEVELS[level[i] as number] as LevelName,
        name: `Node ${i}`,
        ...(parent[i] === undefined ? {} : { parent: `n${parent[i]}` }),
      }));
      const parentOf = new Map(nodes.map((n) => [n.id, n.parent]));
      return { nodes, parentOf };
    }),
  );

/** A node and its ancestors up to the root, from the parent map. */
function ancestors(parentOf: Map<string, string | undefined>, id: string): string[] {
  const chain = [id];
  for (let p = parentOf.get(id); p !== undefined; p = parentOf.get(p)) chain.push(p);
  return chain;
}

/** Reference path computed naively from the parent map, independent of Topology. */
function referencePath(parentOf: Map<string, string | undefined>, from: string, to: string): string[] {
  const up = ancestors(parentOf, from);
  const down = ancestors(parentOf, to);
  const lca = up.find((id) => down.includes(id)) as string;
  return [...up.slice(0, up.indexOf(lca) + 1), ...down.slice(0, down.indexOf(lca)).reverse()];
}

const treeAndPair = randomTree.chain((tree) =>
  fc.tuple(
    fc.constant(tree),
    fc.constantFrom(...tree.nodes.map((n) => n.id)),
    fc.constantFrom(...tree.nodes.map((n) => n.id)),
  ),
);

describe('routing on random trees', () => {
  it('following nextHop from A reaches B along exactly the tree path, without loops', () => {
    fc.assert(
      fc.property(treeAndPair, ([tree, from, to]) => {
        const t = parseTopology({ nodes: tree.nodes, agencies: [] });
        const expected = referencePath(tree.parentOf, from, to);
        expect(t.path(from, to)).toEqual(expected);
        const walked = [from];
        let at = from;
        for (;;) {
          const hop = t.nextHop(at, to);
          if (hop.kind === 'local') break;
          // Up goes to my parent; down goes to one of my children.
          if (hop.kind === 'up') expect(hop.node.id).toBe(tree.parentOf.get(at));
          else expect(tree.parentOf.get(hop.node.id)).toBe(at);
          at = hop.node.id;
          expect(walked).not.toContain(at);
          walked.push(at);
          expect(walked.length).toBeLessThanOrEqual(tree.nodes.length);
        }
        expect(at).toBe(to);
        expect(walked).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('the path is symmetric and its length is given by the depths', () => {
    fc.assert(
      fc.property(treeAndPair, ([tree, a, b]) => {
        const t = parseTopology({ nodes: tree.nodes, agencies: [] });
        const path = t.path(a, b);
        expect(t.path(b, a)).toEqual([...path].reverse());
        const lcaDepth = Math.min(...path.map((id) => t.depth(id)));
        expect(path).toHaveLength(t.depth(a) + t.depth(b) - 2 * lcaDepth + 1);
      }),
      { numRuns: 200 },
    );
  });

  it('a parent cycle anywhere is reported as a cycle', () => {
    fc.assert(
      fc.property(
        randomTree.filter((tree) => tree.nodes.length >= 3),
        fc.nat(),
        (tree, pick) => {
          // Point a non-root node's parent at one of its own descendants (or itself).
          const nonRoot = tree.nodes.filter((n) => n.parent !== undefined);
          const victim = nonRoot[pick % nonRoot.length] as TopologyNodeJson;
          const descendants = tree.nodes.filter((n) => ancestors(tree.parentOf, n.id).includes(victim.id));
          const target = descendants[pick % descendants.length] as TopologyNodeJson;
          const nodes = tree.nodes.map((n) => (n.id === victim.id ? { ...n, parent: target.id } : n));
          try {
            parseTopology({ nodes, agencies: [] });
            throw new Error('accepted a cycle');
          } catch (e) {
            expect(e).toBeInstanceOf(TopologyError);
            expect(
              (e as TopologyError).problems.some((p) => p.startsWith('cycle: ') && p.includes(victim.id)),
            ).toBe(true);
          }
        },
      ),
      { numRuns: 100 },
    );
  });
});
