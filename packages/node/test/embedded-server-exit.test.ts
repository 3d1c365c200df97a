/**
 * The embedded default's nats-server does not outlive the process that started it when that process
 * ends without stopping it: an uncaught exception, or `process.exit`. (nats-server ignores a
 * hang-up, and nothing else would end it: it would keep its port and its store's lock.) Each case
 * runs in a child process of its own, on the built package.
 */
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startEmbeddedServer } from '../src/embedded-server';

jest.setTimeout(30_000);

const NODE_PACKAGE = path.resolve(__dirname, '..');

/** Starts two servers in a child, then ends it as `how` says; resolves with the servers' pids. */
function runChild(dataDirs: string[], how: string): Promise<{ code: number | null; pids: number[] }> {
  const script = `
    const { startEmbeddedServer } = require(${JSON.stringify(NODE_PACKAGE)});
    (async () => {
      const servers = [];
      for (const dataDir of ${JSON.stringify(dataDirs)}) servers.push(await startEmbeddedServer({ dataDir }));
      process.stdout.write(JSON.stringify(servers.map((s) => s.pid)) + '\\n');
      setTimeout(() => { ${how} }, 50);
    })();
  `;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.once('error', reject);
    child.once('close', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('['));
      if (!line) return reject(new Error(`the child printed no pids: ${out}`));
      resolve({ code, pids: JSON.parse(line) as number[] });
    });
  });
}

function runs(dataDir: string, pid: number): boolean {
  const cmdline = `/proc/${pid}/cmdline`;
  return (
    existsSync(cmdline) && readFileSync(cmdline, 'utf8').includes(path.join(dataDir, 'nats-server.conf'))
  );
}

async function goneWithin(dataDir: string, pid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (runs(dataDir, pid)) {
    if (Date.now() > deadline) {
      process.kill(pid, 'SIGKILL'); // started by this test
      return false;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return true;
}

describe('the embedded nats-server ends with its process', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
  const dataDirs = (): string[] => {
    const ds = [
      mkdtempSync(path.join(tmpdir(), 'lt-emb-exit-')),
      mkdtempSync(path.join(tmpdir(), 'lt-emb-exit-')),
    ];
    dirs.push(...ds);
    return ds;
  };

  it.each([
    ['an uncaught exception', "throw new Error('crash');", 1],
    ['process.exit', 'process.exit(3);', 3],
  ])('after %s', async (_what, how, expectedCode) => {
    const ds = dataDirs();
    const { code, pids } = await runChild(ds, how);
    expect(code).toBe(expectedCode);
    expect(pids).toHaveLength(2);
    const gone = await Promise.all(pids.map((pid, i) => goneWithin(ds[i]!, pid, 5_000)));
    expect(gone).toEqual([true, true]);
  });
});

describe('a nats-server that ends before it is ready', () => {
  it('killed by a signal: said at once, not after the ready wait', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lt-killed-early-'));
    const fake = path.join(dir, 'nats-server');
    // A "server" that is killed as it starts, as by an OOM killer or an operator's kill -9.
    writeFileSync(fake, '#!/bin/sh\nkill -9 $$\n');
    chmodSync(fake, 0o755);
    const before = process.env.LT_NATS_SERVER;
    process.env.LT_NATS_SERVER = fake;
    const started = Date.now();
    try {
      await expect(
        startEmbeddedServer({ dataDir: path.join(dir, 'data'), startTimeoutMs: 20_000 }),
      ).rejects.toThrow('nats-server did not start: killed by SIGKILL');
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      if (before === undefined) delete process.env.LT_NATS_SERVER;
      else process.env.LT_NATS_SERVER = before;
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
