/**
 * Output a person or a pipe can live with: `| head` without an EPIPE stack trace, times with their
 * zone (default Asia/Ho_Chi_Minh, `--tz`/`LT_TZ` to change), topology JSON errors with line and
 * column, a subcommand's own options before the global ones, and Ctrl-C on `pnpm lienthong up`
 * without `ELIFECYCLE`.
 */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { formatTime, setTimeZone } from '../src/output';
import { humanLogLine } from '../src/human-log';
import { cliEnv, killAll, MAIN, tempDir } from './helpers';
import { lienthong } from './helpers';

jest.setTimeout(60_000);
afterAll(killAll);

const ROOT = path.resolve(__dirname, '../../..');

describe('times', () => {
  afterEach(() => setTimeZone('Asia/Ho_Chi_Minh'));

  it('are shown with their zone, Asia/Ho_Chi_Minh by default', () => {
    const t = Date.UTC(2026, 11, 2, 18, 0, 0); // 01:00 on the 3rd in Hà Nội
    setTimeZone(process.env.LT_TZ ?? 'Asia/Ho_Chi_Minh');
    expect(formatTime(t)).toBe('2026-12-03 01:00:00 +07');
    setTimeZone('UTC');
    expect(formatTime(t)).toBe('2026-12-02 18:00:00 +00');
    setTimeZone('Asia/Kolkata');
    expect(formatTime(t)).toBe('2026-12-02 23:30:00 +05:30');
    expect(() => setTimeZone('Mars/Olympus')).toThrow("unknown time zone 'Mars/Olympus'");
  });

  it('--tz and LT_TZ choose the zone of a command; a wrong zone is a usage error', async () => {
    const data = tempDir('lt-tz-');
    // creds ls prints issue times and needs no server
    const { CredentialStore } = await import('@lienthong/node');
    CredentialStore.open(path.join(data, 'credentials')).issue({ kind: 'ops', name: 'x' });
    const vn = await lienthong(['creds', 'ls', '--data', data], { env: cliEnv({ TZ: 'UTC' }) });
    expect(vn.stdout).toMatch(/ \d{4}-\d\d-\d\d \d\d:\d\d:\d\d \+07 /);
    const utc = await lienthong(['creds', 'ls', '--data', data, '--tz', 'UTC']);
    expect(utc.stdout).toMatch(/ \d{4}-\d\d-\d\d \d\d:\d\d:\d\d \+00 /);
    const env = await lienthong(['creds', 'ls', '--data', data], { env: cliEnv({ LT_TZ: 'Asia/Tokyo' }) });
    expect(env.stdout).toMatch(/ \d{4}-\d\d-\d\d \d\d:\d\d:\d\d \+09 /);
    const bad = await lienthong(['creds', 'ls', '--data', data, '--tz', 'Nowhere/City']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("[InvalidArgument] unknown time zone 'Nowhere/City'");
  });

  it('log lines of up are readable, with the zone, and long lists shortened', () => {
    const line = humanLogLine(
      JSON.stringify({
        level: 30,
        time: '2026-12-02T18:00:00.000Z',
        pid: 1,
        name: 'lienthong-up',
        nodes: Array.from({ length: 3367 }, (_, i) => `n${i}`),
        consumers: 16,
        msg: 'node runtime started',
      }),
    );
    expect(line).toBe(
      '2026-12-03 01:00:00 +07 INFO  node runtime started  nodes=3367 (n0, n1, n2, n3, n4, … 3362 more) consumers=16\n',
    );
  });
});

describe('pipes and signals', () => {
  it('`| head` ends quietly: no EPIPE stack trace', async () => {
    // `--help` of the root prints more than a pipe reader that leaves at once takes
    const result = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(
        'bash',
        ['-c', `node ${MAIN} --help | head -1 >/dev/null; echo "\${PIPESTATUS[0]}"`],
        {
          env: cliEnv(),
        },
      );
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
      child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
      child.on('close', () => resolve({ code: Number(stdout.trim()), stderr }));
    });
    expect(result.stderr).not.toContain('EPIPE');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it('Ctrl-C on `pnpm lienthong up` drains, stops and ends without ELIFECYCLE', async () => {
    // A terminal's Ctrl-C signals the whole foreground process group: pnpm, lienthong and the nats-server.
    const child = spawn('pnpm', ['lienthong', 'up', '--no-auth'], {
      cwd: ROOT,
      env: cliEnv(),
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.on('data', (b: Buffer) => (out += b.toString()));
    const closed = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    const deadline = Date.now() + 40_000;
    while (!out.includes('Ctrl-C drains and stops') && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    expect(out).toContain('Ctrl-C drains and stops');
    process.kill(-child.pid!, 'SIGINT');
    const code = await closed;
    expect(out).toContain('stopped');
    expect(out).not.toContain('ELIFECYCLE');
    expect(code).toBe(0);
  });
});

describe('paths', () => {
  /** `pnpm <args>` in `cwd`; its exit code and output. */
  function pnpm(args: string[], cwd: string): Promise<{ code: number | null; out: string }> {
    return new Promise((resolve) => {
      const child = spawn('pnpm', args, { cwd, env: cliEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      child.stdout.on('data', (b: Buffer) => (out += b.toString()));
      child.stderr.on('data', (b: Buffer) => (out += b.toString()));
      child.on('close', (code) => resolve({ code, out }));
    });
  }

  it('a relative path given to `pnpm lienthong` is from where it was typed, not the repository root', async () => {
    const elsewhere = tempDir('lt-cwd-');
    const demo = path.join(ROOT, 'deploy/topology.demo.json');
    const tree = JSON.parse(readFileSync(demo, 'utf8')) as { agencies: { name: string }[] };
    tree.agencies[0]!.name = 'Tên mới';
    writeFileSync(path.join(elsewhere, 'old.json'), readFileSync(demo));
    writeFileSync(path.join(elsewhere, 'new.json'), JSON.stringify(tree));
    const fromOutside = await pnpm(
      ['-C', ROOT, '-s', 'lienthong', 'topology', 'diff', 'old.json', 'new.json'],
      elsewhere,
    );
    expect(fromOutside.out).toContain('Tên mới');
    expect(fromOutside.code).toBe(0);
    const fromBelow = await pnpm(
      [
        '-s',
        'lienthong',
        'topology',
        'diff',
        '../deploy/topology.demo.json',
        path.join(elsewhere, 'new.json'),
      ],
      path.join(ROOT, 'docs'),
    );
    expect(fromBelow.out).toContain('Tên mới');
    expect(fromBelow.code).toBe(0);
  });
});

describe('errors and help', () => {
  it('a topology file that is not JSON is reported with line and column', async () => {
    const file = path.join(tempDir('lt-topo-'), 'topology.json');
    writeFileSync(file, '{\n  "nodes": [\n    { "id": "vn" "level": 1 }\n  ]\n}\n');
    const run = await lienthong(['up', '--topology', file, '--no-auth']);
    expect(run.code).toBe(2);
    const lines = run.stderr.split('\n');
    expect(lines[0]).toBe(
      `lienthong: [InvalidArgument] topology file ${file} is not JSON: line 3, column 18: Expected ',' or '}' after property value in JSON`.replace(
        ' in JSON',
        '',
      ),
    );
    expect(lines[1]).toBe('      { "id": "vn" "level": 1 }');
    expect(run.stderr).not.toContain('position');
  });

  it('doc send: a document file that is not JSON is reported with line and column, a missing one in plain words', async () => {
    const dir = tempDir('lt-doc-');
    const file = path.join(dir, 'doc.json');
    writeFileSync(
      file,
      '{\n  "documentId": "000.01.43.H41,2026/11/22,15/UBND-VP",\n  "subject": "x" "to": []\n}\n',
    );
    const bad = await lienthong(['doc', 'send', file]);
    expect(bad.code).toBe(2);
    const lines = bad.stderr.split('\n');
    expect(lines[0]).toBe(
      `lienthong: [InvalidArgument] ${file} is not JSON: line 3, column 18: Expected ',' or '}' after property value`,
    );
    expect(lines[1]).toBe('    "subject": "x" "to": []');
    expect(bad.stderr).not.toContain('position');
    const missing = await lienthong(['doc', 'send', path.join(dir, 'none.json')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr.split('\n')[0]).toBe(
      `lienthong: [NotFound] cannot read ${path.join(dir, 'none.json')}: no such file`,
    );
    expect(missing.stderr).toContain('hint: pass the path of a JSON Document');
  });

  it("a subcommand's help shows its own options and subcommands first, the global ones in a short block after", async () => {
    for (const args of [
      ['doc', '--help'],
      ['doc', 'track', '--help'],
      ['up', '--help'],
    ]) {
      const help = (await lienthong(args)).stdout;
      const own = help.indexOf('Options:');
      const global = help.indexOf('Global options');
      expect(own).toBeGreaterThan(0);
      expect(global).toBeGreaterThan(own);
      if (args.length === 2 && args[0] === 'doc') expect(help.indexOf('Commands:')).toBeLessThan(global);
      // the global options take three lines, not thirteen entries before the command's own
      expect(help.slice(global).trim().split('\n')).toHaveLength(3);
      expect(help.slice(0, global)).not.toContain('--tls-ca');
    }
    const root = (await lienthong(['--help'])).stdout;
    expect(root).toContain('--tls-ca <file>');
    // a group's line in the root help names what its subcommands do, send and get included
    expect(root.replace(/\s+/g, ' ')).toMatch(/edxml edXML \(QCVN 102:2016\) packages: [^\n]*send and fetch/);
    // --http-port names everything the port serves, as `up` prints it.
    for (const args of [
      ['up', '--help'],
      ['demo', '--help'],
    ]) {
      const help = (await lienthong(args)).stdout.replace(/\s+/g, ' ');
      for (const route of ['/api/v1', '/vxp', '/metrics']) expect(help).toContain(route);
    }
    expect(root).not.toContain('Global options (before or after');
  });
});
