/**
 * `lienthong up` ends its nats-server however it is ended: a hang-up (a closed terminal or SSH
 * session) drains and stops like Ctrl-C, and output nobody reads any more (`up | head`) neither ends
 * it half-way nor leaves the server behind. nats-server itself ignores a hang-up (it reloads its
 * config), so a server left behind would keep its port and its store's lock.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { background, cliEnv, eventually, killAll, tempDir } from './helpers';

jest.setTimeout(60_000);

afterAll(killAll);

/** Whether the nats-server started on `data` still runs (its pid file, and its command line). */
function serverRuns(data: string, pid: number): boolean {
  const cmdline = `/proc/${pid}/cmdline`;
  return existsSync(cmdline) && readFileSync(cmdline, 'utf8').includes(path.join(data, 'nats-server.conf'));
}

async function upOn(data: string) {
  const p = background(['up', '--data', data, '--init', '--no-auth'], cliEnv({ LT_LOG_LEVEL: 'info' }));
  await p.waitFor(/Ctrl-C drains and stops/, 30_000);
  const pid = Number(readFileSync(path.join(data, 'nats-server.pid'), 'utf8').trim());
  expect(serverRuns(data, pid)).toBe(true);
  return { p, pid };
}

/** Waits until the server is gone; kills it if it is not (it was started by this test) and fails. */
async function expectGone(data: string, pid: number): Promise<void> {
  const gone = await eventually(async () => {
    if (serverRuns(data, pid)) throw new Error(`nats-server ${pid} still runs`);
    return true;
  }, 8_000).catch(() => false);
  if (!gone && serverRuns(data, pid)) process.kill(pid, 'SIGKILL');
  expect(gone).toBe(true);
}

it('a hang-up drains and stops the broker, and its nats-server ends with it', async () => {
  const data = path.join(tempDir('lt-up-hup-'), 'broker');
  const { p, pid } = await upOn(data);
  try {
    expect(await p.stop('SIGHUP', 20_000)).toBe(0);
    expect(p.stdout()).toContain('draining…\nstopped\n');
  } finally {
    await expectGone(data, pid);
  }
});

it('output nobody reads any more does not keep it from draining and ending its server', async () => {
  const data = path.join(tempDir('lt-up-pipe-'), 'broker');
  const { p, pid } = await upOn(data);
  // The reader goes away (`lienthong up | head -3`): every later write fails with EPIPE.
  p.child.stdout!.destroy();
  p.child.stderr!.destroy();
  try {
    expect(await p.stop('SIGINT', 20_000)).toBe(0);
  } finally {
    await expectGone(data, pid);
  }
});

/** The process group of a process (field 5 of /proc/<pid>/stat). */
function groupOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
}

it('its nats-server runs in a process group of its own: a terminal’s Ctrl-C reaches the broker, which drains first', async () => {
  const data = path.join(tempDir('lt-up-group-'), 'broker');
  const { p, pid } = await upOn(data);
  try {
    expect(groupOf(pid)).toBe(pid);
    expect(groupOf(pid)).not.toBe(groupOf(p.pid));
    expect(await p.stop('SIGINT', 20_000)).toBe(0);
    expect(p.stdout()).toContain('draining…\nstopped\n');
  } finally {
    await expectGone(data, pid);
  }
});

it('its nats-server killed outright: the broker says so, stops and exits 1, leaving no ports file', async () => {
  const data = path.join(tempDir('lt-up-server-killed-'), 'broker');
  const { p, pid } = await upOn(data);
  expect(existsSync(path.join(data, `nats-server_${pid}.ports`))).toBe(true);
  process.kill(pid, 'SIGKILL');
  expect(await p.exited(30_000)).toBe(1);
  expect(p.stderr()).toContain(
    `the nats-server this broker started (pid ${pid}) killed by SIGKILL; stopping`,
  );
  expect(p.stdout()).toContain('stopping: its nats-server ended\nstopped\n');
  expect(existsSync(path.join(data, `nats-server_${pid}.ports`))).toBe(false);
});

it('Ctrl-C while it starts: it stops as soon as it has started, exit 0, its server gone', async () => {
  const data = path.join(tempDir('lt-up-early-'), 'broker');
  // The national tree takes seconds to start after its server is ready: the signal comes in between.
  const national = path.resolve(__dirname, '../../../deploy/topology.vn-2025.json');
  const p = background(
    ['up', '--data', data, '--init', '--no-auth', '--topology', national],
    cliEnv({ LT_LOG_LEVEL: 'info' }),
  );
  await p.waitFor(/nats-server ready; starting the nodes/, 30_000, 'stderr');
  const pid = Number(readFileSync(path.join(data, 'nats-server.pid'), 'utf8').trim());
  process.kill(p.pid, 'SIGINT');
  try {
    expect(await p.exited(60_000)).toBe(0);
    expect(p.stdout()).toContain('stopping as soon as it has started…');
    expect(p.stdout()).toMatch(/stopped\n$/);
    expect(p.stdout()).not.toContain('Ctrl-C drains and stops');
  } finally {
    await expectGone(data, pid);
  }
});
