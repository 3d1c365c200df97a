/** `lienthong topology diff` on files, and `lienthong up` on the post-2025 national tree. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { background, cliEnv, json, killAll, lienthong, tempDir } from './helpers';

const ROOT = path.resolve(__dirname, '../../..');

afterAll(killAll);

const before = {
  nodes: [
    { id: 'vn', level: 'central', name: 'Trục' },
    { id: 'p1', level: 'province', name: 'Tỉnh 1', parent: 'vn' },
    { id: 'p1-d1', level: 'district', name: 'Huyện 1', parent: 'p1' },
    { id: 'p1-d1-c1', level: 'commune', name: 'Xã 1', parent: 'p1-d1' },
  ],
  agencies: [
    { code: '000.00.00.H01', name: 'UBND tỉnh 1', tier: 'province', homeNode: 'p1' },
    { code: '000.00.01.H01', name: 'UBND huyện 1', tier: 'district', homeNode: 'p1-d1' },
    { code: '001.01.01.H01', name: 'UBND xã 1', tier: 'commune', homeNode: 'p1-d1-c1' },
  ],
};
const after = {
  nodes: [
    { id: 'vn', level: 'central', name: 'Trục' },
    { id: 'p1', level: 'province', name: 'Tỉnh 1', parent: 'vn' },
    { id: 'p1-d1-c1', level: 'commune', name: 'Xã 1', parent: 'p1' },
  ],
  agencies: [
    { code: '000.00.00.H01', name: 'UBND tỉnh 1', tier: 'province', homeNode: 'p1' },
    { code: '001.01.01.H01', name: 'UBND xã 1', tier: 'commune', homeNode: 'p1-d1-c1' },
  ],
  closed: [
    {
      code: '000.00.01.H01',
      name: 'UBND huyện 1',
      closedAt: '2025-07-01T00:00:00Z',
      successor: '000.00.00.H01',
      policy: 'redirect',
    },
  ],
};

describe('lienthong topology diff', () => {
  const dir = tempDir('lt-topology-diff-');
  const file = (name: string, content: unknown): string => {
    const p = path.join(dir, name);
    writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content));
    return p;
  };
  const oldFile = file('old.json', before);
  const newFile = file('new.json', after);

  it('prints the plan', async () => {
    const run = await lienthong(['topology', 'diff', oldFile, newFile], { env: cliEnv() });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('changes: node-reparented 1, agency-closed 1, node-removed 1');
    expect(run.stdout).toContain('~ node p1-d1-c1: parent p1-d1 -> p1');
    expect(run.stdout).toContain(
      '- agency 000.00.01.H01 closed 2025-07-01T00:00:00Z, successor 000.00.00.H01 (redirect)',
    );
    expect(run.stdout).toContain(
      "    queues: relays queued at 'p1-d1' drained into 'p1', then its streams deleted",
    );
  });

  it('prints it as JSON with --json, and only the counts with --summary', async () => {
    const run = await lienthong(['topology', 'diff', oldFile, newFile, '--json'], { env: cliEnv() });
    const plan = json<{ changes: { kind: string; effects: Record<string, string> }[]; warnings: string[] }>(
      run,
    );
    expect(plan.changes.map((c) => c.kind)).toEqual(['node-reparented', 'agency-closed', 'node-removed']);
    expect(plan.changes[1]?.effects.credentials).toBe('agency credentials for 000.00.01.H01 revoked');
    expect(plan.warnings).toEqual([]);
    const summary = await lienthong(['topology', 'diff', oldFile, newFile, '--summary'], { env: cliEnv() });
    expect(summary.stdout).toBe('changes: node-reparented 1, agency-closed 1, node-removed 1\n');
  });

  it('names the file and the problem when a file is missing, not JSON or not a topology', async () => {
    const missing = await lienthong(['topology', 'diff', path.join(dir, 'none.json'), newFile], {
      env: cliEnv(),
    });
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain(`cannot read topology file ${path.join(dir, 'none.json')}`);
    const notJson = await lienthong(['topology', 'diff', oldFile, file('bad.json', '{ nodes')], {
      env: cliEnv(),
    });
    expect(notJson.code).not.toBe(0);
    expect(notJson.stderr).toContain(
      `topology file ${path.join(dir, 'bad.json')} is not JSON: line 1, column 3:`,
    );
    expect(notJson.stderr).not.toContain('position');
    const bad = { ...after, closed: [{ ...after.closed[0], successor: '000.00.09.H01' }] };
    const invalid = await lienthong(['topology', 'diff', oldFile, file('invalid.json', bad)], {
      env: cliEnv(),
    });
    expect(invalid.code).not.toBe(0);
    expect(invalid.stderr).toContain("successor '000.00.09.H01' is not a live agency");
  });
});

describe('lienthong up --topology deploy/topology.vn-2025.json', () => {
  it('starts the post-reform national tree: 3,356 nodes, then drains and stops', async () => {
    const t0 = Date.now();
    const up = background(
      ['up', '--topology', path.join(ROOT, 'deploy/topology.vn-2025.json'), '--data', tempDir('lt-vn-2025-')],
      cliEnv(),
    );
    await up.waitFor(/Ctrl-C drains and stops/, 110_000);
    const startedMs = Date.now() - t0;
    expect(up.stdout()).toMatch(/nodes: {3}3356 \(vn, h26, h26-c001, .*… 3344 more\)/);
    const code = await up.stop('SIGINT', 30_000);
    if (code !== 0) process.stderr.write(`${up.stdout().slice(-3000)}\n${up.stderr().slice(-3000)}\n`);
    expect(code).toBe(0);
    expect(up.stdout()).toContain('stopped');
    process.stderr.write(
      `vn-2025 tree: up in ${startedMs} ms, stopped ${Date.now() - t0 - startedMs} ms later\n`,
    );
  }, 150_000);
});
