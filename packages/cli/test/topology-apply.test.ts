/**
 * `lienthong topology apply NEW.json` on a running `lienthong up`: --dry-run changes nothing; apply
 * adds a node and an agency, renames, re-parents and closes; SIGKILLed between steps and run
 * again, it does what is left and ends in the same directory; a third run has nothing to do; plans
 * it cannot carry out (a move into a domain without lienthong streams, an agency dropped without successor) are refused whole.
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { jetstream } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import { connect as natsConnect } from '@nats-io/transport-node';
import type { TopologyJson } from '@lienthong/core';
import { background, cliEnv, json, lienthong, brokerForSuite, tempDir } from './helpers';

jest.setTimeout(120_000);

const DEMO = path.resolve(__dirname, '../../../deploy/topology.demo.json');
const ADDED = '000.03.43.H41';
const RENAMED = '000.02.43.H41';
const REPARENTED = '000.01.43.H41';
const CLOSED = '000.02.44.H41';
const SUCCESSOR = '000.01.44.H41';

function newTopology(): TopologyJson {
  const t = JSON.parse(readFileSync(DEMO, 'utf8')) as TopologyJson;
  t.nodes.push({ id: 'h41-yenthanh-xa3', level: 'commune', name: 'Xã Mới', parent: 'h41-yenthanh' });
  t.agencies.push({
    code: ADDED,
    name: 'Ủy ban nhân dân xã Mới',
    tier: 'commune',
    parentCode: '000.00.43.H41',
    homeNode: 'h41-yenthanh-xa3',
  });
  for (const a of t.agencies) {
    if (a.code === RENAMED) a.name = 'Ủy ban nhân dân xã Công Thành (mới)';
    if (a.code === REPARENTED) a.parentCode = '000.00.00.H41';
  }
  t.agencies = t.agencies.filter((a) => a.code !== CLOSED);
  t.closed = [
    {
      code: CLOSED,
      name: 'Ủy ban nhân dân xã Quỳnh Văn',
      closedAt: '2025-07-01T00:00:00Z',
      successor: SUCCESSOR,
      policy: 'redirect',
    },
  ];
  return t;
}

describe('lienthong topology apply', () => {
  const suite = brokerForSuite();
  const dir = tempDir('lt-apply-');
  const file = path.join(dir, 'new.json');
  writeFileSync(file, JSON.stringify(newTopology()));
  const show = async (code: string) => lienthong(['agency', 'show', code, '--json', ...suite.s]);

  it('--dry-run lists the steps and changes nothing', async () => {
    const r = await lienthong(['topology', 'apply', file, '--dry-run', '--json', ...suite.s]);
    expect(r.code).toBe(0);
    const plan = json<{ steps: string[]; done: number; dryRun: boolean }>(r);
    expect(plan.dryRun).toBe(true);
    expect(plan.steps).toEqual([
      'add node h41-yenthanh-xa3 under h41-yenthanh (served by a running process that hosts every commune node, else start its service)',
      're-parent 000.01.43.H41 under 000.00.00.H41',
      'rename 000.02.43.H41 to Ủy ban nhân dân xã Công Thành (mới)',
      `add agency ${ADDED} at h41-yenthanh-xa3`,
      `close ${CLOSED} (redirect to ${SUCCESSOR}, 2025-07-01T00:00:00Z)`,
    ]);
    expect((await show(CLOSED)).code).toBe(0);
    expect((await show(ADDED)).code).not.toBe(0);
  });

  it('interrupted by SIGKILL between steps and run again: does what is left, same result; then nothing to do', async () => {
    const first = background(
      ['topology', 'apply', file, ...suite.s],
      cliEnv({ LT_APPLY_STEP_DELAY_MS: '2000' }),
    );
    await first.waitFor(/\[2\/5\]/, 30_000, 'stderr');
    await first.stop('SIGKILL');
    // Stopped part-way: the closure (the last step) is not done.
    expect((await show(CLOSED)).code).toBe(0);

    const again = await lienthong(['topology', 'apply', file, '--json', ...suite.s]);
    expect(again.code).toBe(0);
    const r = json<{ steps: string[]; done: number }>(again);
    expect(r.done).toBe(r.steps.length);
    expect(r.steps.length).toBeLessThanOrEqual(3);
    expect(r.steps).toContain(`close ${CLOSED} (redirect to ${SUCCESSOR}, 2025-07-01T00:00:00Z)`);

    expect(json<{ homeNode: { id: string } }>(await show(ADDED)).homeNode.id).toBe('h41-yenthanh-xa3');
    expect(json<{ name: string }>(await show(RENAMED)).name).toBe('Ủy ban nhân dân xã Công Thành (mới)');
    expect(json<{ parentCode: string }>(await show(REPARENTED)).parentCode).toBe('000.00.00.H41');
    const closed = await show(CLOSED);
    expect(closed.stderr).toContain(`its successor is ${SUCCESSOR}`);

    // Progress recorded per target file.
    const nc = await natsConnect({ servers: suite.broker.url });
    try {
      const kv = await new Kvm(jetstream(nc)).open('lt_topology_apply');
      const keys: string[] = [];
      for await (const k of await kv.keys('plan.*')) keys.push(k);
      expect(keys).toHaveLength(1);
      const progress = JSON.parse((await kv.get(keys[0]!))!.string()) as {
        file: string;
        total: number;
        done: number;
      };
      expect(progress).toMatchObject({ file, total: r.steps.length, done: r.steps.length });
    } finally {
      await nc.close();
    }

    const third = await lienthong(['topology', 'apply', file, ...suite.s]);
    expect(third.code).toBe(0);
    expect(third.stdout).toContain('the directory already matches this topology: nothing to do');
  });

  it('refuses a plan it cannot carry out, and changes nothing', async () => {
    const t = newTopology();
    for (const n of t.nodes) if (n.id === 'h27') n.domain = 'h27';
    t.agencies = t.agencies.filter((a) => a.code !== '000.00.11.H41');
    const bad = path.join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify(t));
    const r = await lienthong(['topology', 'apply', bad, ...suite.s]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(
      'node h27 moves from domain (default) to h27, which has no lienthong streams (a split into a new domain)',
    );
    expect(r.stderr).toContain('agency 000.00.11.H41 disappears without a successor');
    expect((await show('000.00.11.H41')).code).toBe(0);
  });
});

describe('lienthong topology apply, the server not answering for a moment', () => {
  const suite = brokerForSuite();

  it('takes a step again until the server answers, and finishes', async () => {
    const file = path.join(tempDir('lt-apply-frozen-'), 'new.json');
    writeFileSync(file, JSON.stringify(newTopology()));
    const pidFile = readdirSync(suite.broker.dataDir).find((f) => /^nats-server_\d+\.ports$/.test(f));
    const natsPid = Number(/_(\d+)\./.exec(pidFile ?? '')?.[1]);
    expect(natsPid).toBeGreaterThan(0);
    const run = background(
      ['topology', 'apply', file, '--timeout', '1000', ...suite.s],
      cliEnv({ LT_APPLY_STEP_DELAY_MS: '1500' }),
    );
    await run.waitFor(/\[1\/5\]/, 30_000, 'stderr');
    // The server stops answering (as while `up` reloads it): the next step's requests time out.
    process.kill(natsPid, 'SIGSTOP');
    try {
      await run.waitFor(/trying again in \d+ ms/, 20_000, 'stderr');
    } finally {
      process.kill(natsPid, 'SIGCONT');
    }
    expect(await run.exited(30_000)).toBe(0);
    expect(run.stderr()).toContain('[5/5]');
    const closed = await lienthong(['agency', 'show', CLOSED, '--json', ...suite.s]);
    expect(closed.stderr).toContain(`its successor is ${SUCCESSOR}`);
  });
});
