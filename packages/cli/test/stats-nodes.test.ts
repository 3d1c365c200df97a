/** `stats`'s "by node" rows: active nodes, `--all-nodes`, `--level` and `--top`. */
import type { StatsRow } from '@lienthong/readers';
import { nodeRows } from '../src/commands/stats';

const none = { count: 0, p50: null, p99: null };

function row(node: string, level: string, sent: number, received = 0, pending = 0): StatsRow {
  return {
    level,
    node,
    sent,
    received,
    pending,
    overdue: 0,
    failed: 0,
    rejected: 0,
    deadLettered: 0,
    deliveryMs: none,
    arrivedMs: none,
    completedMs: none,
  } as unknown as StatsRow;
}

describe('stats by node', () => {
  const rows = [
    row('vn', 'central', 5),
    row('h14', 'province', 1, 1),
    row('h15', 'province', 0),
    row('h14-c001', 'commune', 2, 3, 4),
    row('h14-c002', 'commune', 0, 9),
    row('h15-c001', 'commune', 9),
  ];

  it('lists the active nodes in their order, all with --all-nodes', () => {
    expect(nodeRows(rows, {}).map((r) => r.node)).toEqual(['vn', 'h14', 'h14-c001', 'h14-c002', 'h15-c001']);
    expect(nodeRows(rows, { allNodes: true })).toHaveLength(6);
  });

  it('keeps one level with --level', () => {
    expect(nodeRows(rows, { level: 'province' }).map((r) => r.node)).toEqual(['h14']);
    expect(nodeRows(rows, { level: 'province', allNodes: true }).map((r) => r.node)).toEqual(['h14', 'h15']);
  });

  it('keeps the busiest with --top, busiest first, ties by node id', () => {
    expect(nodeRows(rows, { top: 3 }).map((r) => r.node)).toEqual(['h14-c001', 'h14-c002', 'h15-c001']);
    expect(nodeRows(rows, { top: 2, level: 'commune' }).map((r) => r.node)).toEqual(['h14-c001', 'h14-c002']);
    expect(nodeRows(rows, { top: 100 })).toHaveLength(5);
  });
});
