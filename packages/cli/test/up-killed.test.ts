/**
 * A `lienthong up` killed outright (SIGKILL, the OOM killer) runs no exit handler, so its nats-server
 * goes on running: it keeps the store and the port, and nothing consumes what clients send to it.
 * The next `up` on the same data directory ends that server and takes its place; the next `up`
 * without `--data` ends it and removes the temporary store it was left on.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { background, cliEnv, eventually, killAll, tempDir } from './helpers';

jest.setTimeout(90_000);

/** Servers the killed brokers left behind: ended here if a test fails before `up` ends them. */
const leftBehind: { dir: string; pid: number }[] = [];

afterAll(async () => {
  for (const { dir, pid } of leftBehind) {
    if (serverRuns(dir, pid)) process.kill(pid, 'SIGKILL');
  }
  await killAll();
});

function serverRuns(dir: string, pid: number): boolean {
  const cmdline = `/proc/${pid}/cmdline`;
  return existsSync(cmdline) && readFileSync(cmdline, 'utf8').includes(path.join(dir, 'nats-server.conf'));
}

function serverPid(dir: string): number {
  return Number(readFileSync(path.join(dir, 'nats-server.pid'), 'utf8').trim());
}

/** `up` with `args`, up and printing its banner; its data directory read from the banner. */
async function up(args: string[], env: NodeJS.ProcessEnv) {
  const p = background(['up', '--no-auth', ...args], env);
  const [, dir] = await p.waitFor(/data: +(\S+)/, 40_000);
  await p.waitFor(/Ctrl-C drains and stops/, 40_000);
  return { p, dir: dir! };
}

/** SIGKILLs the broker process and checks that its server did outlive it (what the fix is for). */
async function killOutright(b: {
  p: { stop(s: NodeJS.Signals): Promise<unknown> };
  dir: string;
}): Promise<number> {
  const pid = serverPid(b.dir);
  leftBehind.push({ dir: b.dir, pid });
  await b.p.stop('SIGKILL');
  await new Promise((r) => setTimeout(r, 300));
  expect(serverRuns(b.dir, pid)).toBe(true);
  return pid;
}

async function expectEnded(dir: string, pid: number): Promise<void> {
  await eventually(async () => {
    if (serverRuns(dir, pid)) throw new Error(`nats-server ${pid} still runs`);
    return true;
  }, 15_000);
}

it('the next up on the same --data ends the server a killed broker left and starts in its place', async () => {
  const data = path.join(tempDir('lt-up-killed-'), 'broker');
  const env = cliEnv({ LT_LOG_LEVEL: 'info' });
  const first = await up(['--data', data, '--init'], env);
  const url = /nats: +(\S+)/.exec(first.p.stdout())![1];
  const orphan = await killOutright(first);

  const second = await up(['--data', data], env);
  try {
    expect(second.p.stderr()).toContain(
      `ended nats-server pid ${orphan}, left running on ${data} by a broker that was killed without stopping`,
    );
    await expectEnded(data, orphan);
    // The same store and the same port: clients reconnecting to the old URL find the new broker.
    expect(second.p.stdout()).toContain(`nats:    ${url}`);
    expect(serverPid(data)).not.toBe(orphan);
    expect(serverRuns(data, serverPid(data))).toBe(true);
  } finally {
    expect(await second.p.stop('SIGINT', 20_000)).toBe(0);
  }
});

it('a broker that still runs is not taken for one that was killed', async () => {
  const data = path.join(tempDir('lt-up-alive-'), 'broker');
  const env = cliEnv();
  const first = await up(['--data', data, '--init'], env);
  try {
    const second = background(['up', '--no-auth', '--data', data], env);
    expect(await second.exited(30_000)).not.toBe(0);
    expect(second.stderr()).toMatch(/a broker already runs on/);
    expect(serverRuns(data, serverPid(data))).toBe(true);
  } finally {
    expect(await first.p.stop('SIGINT', 20_000)).toBe(0);
  }
});

it('the next up without --data ends a killed broker’s server and removes its temporary store', async () => {
  // A temporary directory of its own, so that the sweep sees only this test's brokers.
  const tmp = tempDir('lt-up-tmp-');
  const env = cliEnv({ TMPDIR: tmp, LT_LOG_LEVEL: 'info' });
  // Left alone: a directory with no owner recorded (one being set up right now looks like that) and
  // one whose owner runs (this test process).
  const settingUp = path.join(tmp, 'lienthong-settingup');
  const owned = path.join(tmp, 'lienthong-owned');
  mkdirSync(settingUp);
  mkdirSync(owned);
  writeFileSync(path.join(owned, 'owner.json'), JSON.stringify({ pid: process.pid }));

  const first = await up([], env);
  expect(path.dirname(first.dir)).toBe(tmp);
  const orphan = await killOutright(first);

  const second = await up([], env);
  try {
    await expectEnded(first.dir, orphan);
    expect(existsSync(first.dir)).toBe(false);
    expect(second.p.stderr()).toMatch(/ended the nats-server of a broker that was killed without stopping/);
    expect(readdirSync(tmp).sort()).toEqual(
      [path.basename(second.dir), 'lienthong-owned', 'lienthong-settingup'].sort(),
    );
  } finally {
    expect(await second.p.stop('SIGINT', 20_000)).toBe(0);
  }
  expect(existsSync(second.dir)).toBe(false);
});
