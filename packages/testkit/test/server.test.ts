import { jetstream, jetstreamManager, StorageType } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/transport-node';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

import { findNatsServer, liveServerPids, NATS_SERVER_NOT_FOUND, startNatsServer } from '@lienthong/testkit';
import type { NatsServer } from '@lienthong/testkit';

const servers: NatsServer[] = [];
const connections: NatsConnection[] = [];

async function start(...args: Parameters<typeof startNatsServer>): Promise<NatsServer> {
  const server = await startNatsServer(...args);
  servers.push(server);
  return server;
}

async function open(server: NatsServer): Promise<NatsConnection> {
  // No reconnects: a test that restarts the server opens a fresh connection afterwards.
  const nc = await connect({ servers: server.url, reconnect: false });
  connections.push(nc);
  return nc;
}

async function closeConnections(): Promise<void> {
  await Promise.all(connections.splice(0).map((nc) => nc.close().catch(() => undefined)));
}

afterEach(async () => {
  await closeConnections();
  await Promise.all(servers.splice(0).map((s) => s.cleanup()));
});

function expectGone(pid: number): void {
  let code: unknown;
  try {
    process.kill(pid, 0);
  } catch (err) {
    code = (err as NodeJS.ErrnoException).code;
  }
  expect(code).toBe('ESRCH');
}

async function storedMessages(server: NatsServer, stream: string): Promise<string[]> {
  const nc = await open(server);
  const jsm = await jetstreamManager(nc);
  const info = await jsm.streams.info(stream);
  const out: string[] = [];
  for (let seq = info.state.first_seq; seq <= info.state.last_seq && info.state.messages > 0; seq++) {
    const m = await jsm.streams.getMessage(stream, { seq });
    if (m !== null) out.push(m.string());
  }
  return out;
}

describe('startNatsServer', () => {
  it('starts a JetStream server that keeps its stream across restart() on the same port', async () => {
    const server = await start();
    expect(server.url).toBe(`nats://127.0.0.1:${server.port}`);
    expect(server.isRunning()).toBe(true);
    expect(liveServerPids()).toContain(server.pid);

    const nc = await open(server);
    const jsm = await jetstreamManager(nc);
    await jsm.streams.add({ name: 'DOCS', subjects: ['docs.>'], storage: StorageType.File });
    const ack = await jetstream(nc).publish('docs.in', 'hello');
    expect(ack.seq).toBe(1);
    expect(ack.duplicate).toBe(false);
    await closeConnections();

    const { port, pid: firstPid, storeDir } = server;
    await server.restart();
    expect(server.isRunning()).toBe(true);
    expect(server.pid).not.toBe(firstPid);
    expect(server.port).toBe(port);
    expect(server.storeDir).toBe(storeDir);
    expectGone(firstPid);
    expect(await storedMessages(server, 'DOCS')).toEqual(['hello']);
  });

  it('keeps the data after kill() (SIGKILL) and restart()', async () => {
    const server = await start({ domain: 'h41' });
    const nc = await open(server);
    const jsm = await jetstreamManager(nc, { domain: 'h41' });
    await jsm.streams.add({ name: 'OUT', subjects: ['out.>'], storage: StorageType.File });
    const js = jetstream(nc, { domain: 'h41' });
    expect((await js.publish('out.a', 'one')).seq).toBe(1);
    const second = await js.publish('out.b', 'two');
    expect(second.seq).toBe(2);
    expect(second.domain).toBe('h41');
    await closeConnections();

    const pid = server.pid;
    await server.kill();
    await server.kill(); // idempotent
    expect(server.isRunning()).toBe(false);
    expectGone(pid);

    await server.restart();
    expect(await storedMessages(server, 'OUT')).toEqual(['one', 'two']);
  });

  it('opens a leafnode port and reports it', async () => {
    const server = await start({ leafListen: true, jetstream: false });
    expect(server.leafPort).toEqual(expect.any(Number));
    expect(server.leafUrl).toBe(`nats://127.0.0.1:${server.leafPort}`);
    const leafPort = server.leafPort;
    await server.restart();
    expect(server.leafPort).toBe(leafPort);
  });

  it('fails a bad config with the server output in the error and leaves nothing running', async () => {
    await expect(startNatsServer({ extraConfig: 'no_such_option: 1' })).rejects.toThrow(/no_such_option/);
    expect(liveServerPids()).toEqual([]);
  });

  it('cleanup() deletes the temp dirs and stop()/cleanup() are idempotent', async () => {
    const server = await start();
    await server.stop();
    await server.stop();
    expect(existsSync(server.storeDir)).toBe(true);
    await server.cleanup();
    await server.cleanup();
    expect(existsSync(server.storeDir)).toBe(false);
    expect(existsSync(server.configFile)).toBe(false);
    await expect(server.restart()).rejects.toThrow(/cleaned up/);
  });

  it('gives the clear error when the binary is missing', async () => {
    const saved = process.env['LT_NATS_SERVER'];
    process.env['LT_NATS_SERVER'] = '/nonexistent/lienthong/nats-server';
    try {
      expect(() => findNatsServer()).toThrow(NATS_SERVER_NOT_FOUND);
      await expect(startNatsServer()).rejects.toThrow(
        'nats-server not found: install it with `apt-get install -y nats-server` (scripts/setup.sh does) or set LT_NATS_SERVER',
      );
    } finally {
      if (saved === undefined) delete process.env['LT_NATS_SERVER'];
      else process.env['LT_NATS_SERVER'] = saved;
    }
  });

  it('leaves no live PIDs once every server is stopped, and the processes are really gone', async () => {
    const a = await start();
    const b = await start({ jetstream: false });
    const pids = [a.pid, b.pid];
    await b.restart();
    pids.push(b.pid);
    expect(liveServerPids().sort()).toEqual([a.pid, b.pid].sort());

    await a.stop();
    await b.kill();
    expect(liveServerPids()).toEqual([]);
    for (const pid of pids) expectGone(pid);
  });
});

describe('restart() while the old port is briefly taken', () => {
  it('retries until the port is free and binds the same one', async () => {
    const server = await start({ jetstream: false });
    const port = server.port;
    await server.stop();
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(port, '127.0.0.1', r));
    const released = new Promise<void>((r) => setTimeout(() => blocker.close(() => r()), 700));
    try {
      await server.restart();
    } finally {
      await released;
    }
    expect(server.port).toBe(port);
    expect(server.isRunning()).toBe(true);
  });
});

describe('process exit hook', () => {
  /** Dead, or a zombie waiting for an init that does not reap orphans (common in containers). */
  function isDead(pid: number): boolean {
    try {
      process.kill(pid, 0);
    } catch (err) {
      return (err as NodeJS.ErrnoException).code === 'ESRCH';
    }
    try {
      return /^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
    } catch {
      return true;
    }
  }

  it('puts one exit listener on the process, however many copies of the kit have something to clean up', () => {
    // Jest loads the kit afresh for every test file of a worker; each copy used to add a listener of
    // its own to the one real process, and Node warned past ten ("MaxListenersExceededWarning").
    const HostFunction = readFileSync.constructor as FunctionConstructor;
    const host = new HostFunction('return process')() as NodeJS.Process;
    const before = host.listenerCount('exit');
    const copies: { registerTempDir(d: string): void; unregisterTempDir(d: string): void }[] = [];
    for (let i = 0; i < 12; i++) {
      jest.isolateModules(() => {
        copies.push(jest.requireActual<(typeof copies)[number]>('../src/registry'));
      });
    }
    expect(new Set(copies).size).toBe(12);
    const dir = path.join(os.tmpdir(), 'lt-registry-copies-never-made');
    copies.forEach((c) => c.registerTempDir(dir));
    expect(host.listenerCount('exit') - before).toBeLessThanOrEqual(1);
    copies.forEach((c) => c.unregisterTempDir(dir));
    expect(host.listenerCount('exit') - before).toBeLessThanOrEqual(1);
  });

  it('kills servers a process forgot to stop when it exits, and removes their temp dirs', async () => {
    // A plain Node child loads the kit from source, starts a server, and just ends.
    const script = `
      const ts = require(${JSON.stringify(require.resolve('typescript'))});
      const fs = require('node:fs');
      require.extensions['.ts'] = (m, file) => m._compile(ts.transpileModule(fs.readFileSync(file, 'utf8'), {
        compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 }, fileName: file,
      }).outputText, file);
      const tk = require(${JSON.stringify(path.join(__dirname, '../src/index.ts'))});
      tk.startNatsServer().then((s) => console.log(JSON.stringify({ pid: s.pid, storeDir: s.storeDir })));
    `;
    const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
    const code = await new Promise<number | null>((r) => child.once('close', r));
    expect(code).toBe(0);
    const { pid, storeDir } = JSON.parse(out) as { pid: number; storeDir: string };
    expect(pid).toBeGreaterThan(0);
    const deadline = Date.now() + 2000;
    while (!isDead(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(isDead(pid)).toBe(true);
    expect(existsSync(storeDir)).toBe(false);
  });
});
