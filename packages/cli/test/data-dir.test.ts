/**
 * A broker's data directory, as a first user meets it: `creds issue --data DIR` finds the broker
 * running on DIR; DIR keeps its port across restarts (and says so) unless --port moves it; a
 * mistyped --data is refused instead of starting an empty store; a port clash says its cause first,
 * in one line; the banner is not mixed with log lines and names a count of nodes and a few.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { connect } from '@lienthong/sdk';
import { startNatsServer } from '@lienthong/testkit';
import { background, cliEnv, freePort, killAll, lienthong, tempDir } from './helpers';

jest.setTimeout(90_000);

afterAll(killAll);

interface Up {
  /** Ctrl-C; resolves with the exit code and what the process printed on stderr. */
  stop(): Promise<{ code: number | null; stderr: string }>;
  url: string;
  out: () => string;
  err: () => string;
  waitForLog: (re: RegExp) => Promise<RegExpMatchArray>;
}

async function up(args: readonly string[]): Promise<Up> {
  const p = background(['up', ...args], cliEnv({ LT_LOG_LEVEL: 'info' }));
  const [, url] = await p.waitFor(/nats:\s+(nats:\/\/\S+)/, 30_000);
  await p.waitFor(/Ctrl-C drains and stops/, 5000);
  return {
    stop: async () => ({ code: await p.stop('SIGINT', 20_000), stderr: p.stderr() }),
    url: url!,
    out: p.stdout,
    err: p.stderr,
    waitForLog: (re) => p.waitFor(re, 10_000, 'stderr'),
  };
}

const CLEAN = { code: 0, stderr: expect.any(String) as string };

describe('a data directory', () => {
  it('keeps its port across restarts and says so; --port moves it, and the move is kept', async () => {
    const data = path.join(tempDir('lt-dd-'), 'broker');
    const first = await up(['--data', data, '--init', '--no-auth']);
    const port = Number(new URL(first.url).port);
    expect(first.out()).toContain(`(a free port; ${data} keeps it across restarts)`);
    expect(JSON.parse(readFileSync(path.join(data, 'lienthong.json'), 'utf8'))).toEqual({ version: 1, port });
    // an SDK client that reconnects forever, across the restart
    const client = await connect({ servers: first.url, agency: '000.01.43.H41' });
    const reconnected = new Promise<string | undefined>((resolve) =>
      client.onConnection((e) => {
        if (e.type === 'reconnect') resolve(e.server);
      }),
    );
    try {
      expect(await first.stop()).toEqual(CLEAN);

      const second = await up(['--data', data, '--no-auth']);
      expect(second.url).toBe(`nats://127.0.0.1:${port}`);
      expect(second.out()).toContain(`(the port ${data} keeps across restarts; --port changes it)`);
      // it comes back by itself, to the same address, and its documents go through
      expect(await reconnected).toBe(`127.0.0.1:${port}`);
      const receipt = await client.send(
        {
          documentId: `000.01.43.H41,2026/11/22,${Date.now()}/UBND-VP`,
          subject: 'sau khi khởi động lại',
          to: [{ code: '000.00.00.G22' }],
        },
        { timeoutMs: 20_000 },
      );
      expect(receipt.duplicate).toBe(false);
      expect(await second.stop()).toEqual(CLEAN);
    } finally {
      await client.close();
    }

    const other = await freePort();
    const third = await up(['--data', data, '--port', String(other), '--no-auth']);
    expect(third.url).toBe(`nats://127.0.0.1:${other}`);
    expect(third.out()).toContain(`(--port; ${data} keeps it from now on)`);
    expect(await third.stop()).toEqual(CLEAN);
    const fourth = await up(['--data', data, '--no-auth']);
    expect(fourth.url).toBe(`nats://127.0.0.1:${other}`);
    expect(await fourth.stop()).toEqual(CLEAN);
  });

  it('creds issue --data finds the running broker of that directory, on whatever port it took', async () => {
    const data = tempDir('lt-dd-creds-');
    const broker = await up(['--data', data]);
    try {
      // no -s, no LT_SERVER: the broker is not on 4222
      const issued = await lienthong(['creds', 'issue', 'agency', '000.00.00.H41', '--data', data, '--json']);
      expect(issued.stderr).toBe('');
      expect(issued.code).toBe(0);
      expect(JSON.parse(issued.stdout)).toMatchObject({ id: 'agency:000.00.00.H41', reloaded: true });
      const revoked = await lienthong(['creds', 'revoke', 'agency:000.00.00.H41', '--data', data]);
      expect(revoked.code).toBe(0);
      const applied = await lienthong(['creds', 'apply', '--data', data]);
      expect(applied.code).toBe(0);
      // and a second `up` on the same directory is refused, naming the running one
      const again = await lienthong(['up', '--data', data]);
      expect(again.code).toBe(1);
      expect(again.stderr.split('\n')[0]).toMatch(
        new RegExp(
          `^lienthong: \\[AlreadyExists\\] a broker already runs on ${data} \\(nats-server pid \\d+, ${broker.url}\\)$`,
        ),
      );
      // the hint's command runs as printed: with the operator's seed, as the broker requires credentials
      const hint = /hint: use it: (lienthong .*)$/m.exec(again.stderr)![1]!;
      expect(hint).toBe(
        `lienthong node ls -s ${broker.url} --creds ${path.join(data, 'credentials', 'ops_admin.nk')}`,
      );
      const used = await lienthong(hint.split(' ').slice(1));
      expect([used.code, used.stderr]).toEqual([0, '']);
    } finally {
      expect(await broker.stop()).toEqual(CLEAN);
    }
    // stopped: the directory's broker is gone, and the command says so instead of trying 4222 blindly
    const none = await lienthong(['creds', 'issue', 'agency', '000.00.00.G22', '--data', data]);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain(`no broker runs on ${data} (no live nats-server there)`);
    expect(none.stderr).toContain(`start it: lienthong up --data ${data}`);

    // ... also when the selected context reaches another broker: its credentials are not this
    // directory's, so nothing is read from or issued against it
    const other = await startNatsServer();
    try {
      const env = cliEnv();
      const contexts = path.join(env.XDG_CONFIG_HOME!, 'lienthong', 'contexts.json');
      mkdirSync(path.dirname(contexts), { recursive: true });
      writeFileSync(contexts, JSON.stringify({ current: 'prod', contexts: { prod: { server: other.url } } }));
      const elsewhere = await lienthong(['creds', 'issue', 'agency', '000.00.00.G22', '--data', data], {
        env,
      });
      expect(elsewhere.code).toBe(1);
      expect(elsewhere.stderr).toContain(`no broker runs on ${data} (no live nats-server there)`);
    } finally {
      await other.cleanup();
    }
  });

  it('a missing --data is refused unless --init asks for it, by up, demo and creds', async () => {
    const typo = path.join(tempDir('lt-dd-typo-'), 'lienthogn');
    for (const args of [
      ['up', '--data', typo],
      ['demo', '--data', typo],
      ['creds', 'issue', 'agency', '000.00.00.H41', '--data', typo],
      ['creds', 'ls', '--data', typo],
      ['creds', 'revoke', 'agency:000.00.00.H41', '--data', typo],
      ['creds', 'apply', '--data', typo],
    ]) {
      const run = await lienthong(args);
      expect([args.join(' '), run.code]).toEqual([args.join(' '), 1]);
      expect(run.stderr).toContain(`lienthong: [NotFound] the data directory ${typo} does not exist`);
      expect(run.stderr).toContain('pass --init to create it');
      expect(existsSync(typo)).toBe(false);
    }
    // a directory holding something else is not taken for a broker's either
    const foreign = tempDir('lt-dd-foreign-');
    writeFileSync(path.join(foreign, 'notes.txt'), 'x');
    const run = await lienthong(['creds', 'ls', '--data', foreign]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${foreign} is not a lienthong data directory`);
    expect(existsSync(path.join(foreign, 'credentials'))).toBe(false);
  });
});

describe('port clashes', () => {
  let holder: net.Server;
  let used: number;

  beforeAll(async () => {
    holder = net.createServer();
    await new Promise<void>((r) => holder.listen(0, '127.0.0.1', r));
    used = (holder.address() as net.AddressInfo).port;
  });
  afterAll(() => new Promise((r) => holder.close(r)));

  it('up --port <used> says the cause first, in one line', async () => {
    const run = await lienthong(['up', '--port', String(used), '--no-auth']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr.split('\n')[0]).toBe(
      `lienthong: [FailedPrecondition] cannot listen on 127.0.0.1:${used} (--port): address already in use (another program listens there)`,
    );
    expect(run.stderr.trim().split('\n')).toHaveLength(2); // and a hint
  });

  it('up --http-port <used> says the cause first, in one line, before any log line', async () => {
    const run = await lienthong(['up', '--http-port', String(used), '--no-auth']);
    expect(run.code).toBe(1);
    expect(run.stderr.split('\n')[0]).toBe(
      `lienthong: [FailedPrecondition] cannot listen on 127.0.0.1:${used} (--http-port): address already in use (another program listens there)`,
    );
    expect(run.stderr).not.toContain('{"level"');
  });

  it("a data directory's kept port, taken by another program, is named as such", async () => {
    const data = tempDir('lt-dd-kept-');
    writeFileSync(path.join(data, 'lienthong.json'), JSON.stringify({ version: 1, port: used }));
    mkdirSync(path.join(data, 'jetstream'));
    const run = await lienthong(['up', '--data', data, '--no-auth']);
    expect(run.code).toBe(1);
    expect(run.stderr.split('\n')[0]).toBe(
      `lienthong: [FailedPrecondition] cannot listen on 127.0.0.1:${used} (the port kept by ${data}): address already in use (another program listens there)`,
    );
    expect(run.stderr).toContain('move the broker with --port');
  });
});

describe('the banner of up', () => {
  it('is not mixed with log lines, shows the nodes as a count and a few, and logs readable lines with a zone on stderr', async () => {
    const broker = await up(['--no-auth']);
    try {
      expect(broker.out()).not.toContain('{"level"');
      expect(broker.out()).toMatch(
        // Up to 12 ids are named: the demo tree's 11 all are (topology.test.ts covers "… N more").
        /^ {2}nodes: {3}11 \(vn, h41, h41-yenthanh, h41-yenthanh-xa1, h41-yenthanh-xa2, h41-quynhluu, .*, h27-huongson-xa1\)$/m,
      );
      const [line] = await broker.waitForLog(/^.*node runtime started.*$/m);
      expect(line).toMatch(
        /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \+07 INFO {2}node runtime started {2}nodes=11 \(vn, h41, .*… 6 more\)/,
      );
    } finally {
      expect(await broker.stop()).toEqual(CLEAN);
    }
  });
});
