/**
 * The rest of the NATS infrastructure on a real server: stream upsert, KV key listing (bounded
 * while records are replaced), seed files, connection set-up, and the retry loop.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { nkeys } from '@nats-io/transport-node';
import { JetStreamApiError, RetentionPolicy } from '@nats-io/jetstream';
import { LienthongError } from '@lienthong/core';
import { connectNats, listKvKeys, readSeedFile, retry, upsertStream } from '@lienthong/infra';
import type { NatsHandles } from '@lienthong/infra';
import { startNatsServer } from '@lienthong/testkit';
import type { NatsServer } from '@lienthong/testkit';

jest.setTimeout(60_000);

describe('with a server', () => {
  let server: NatsServer;
  let h: NatsHandles;

  beforeAll(async () => {
    server = await startNatsServer();
    h = await connectNats({ servers: server.url, name: 'infra-test' });
  });

  afterAll(async () => {
    await h?.nc.close();
    await server?.cleanup();
  });

  it('upsertStream creates, leaves alone an equal configuration, and updates a changed one', async () => {
    const spec = {
      name: 'UP',
      subjects: ['up.>'],
      retention: RetentionPolicy.Limits,
      max_msgs_per_subject: 5,
    };
    expect(await upsertStream(h.jsm, spec)).toBe('created');
    expect(await upsertStream(h.jsm, spec)).toBe('unchanged');
    expect(await upsertStream(h.jsm, { ...spec, max_msgs_per_subject: 7 })).toBe('updated');
    const info = await h.jsm.streams.info('UP');
    expect(info.config.max_msgs_per_subject).toBe(7);
    expect(info.config.subjects).toEqual(['up.>']);
  });

  it('upsertStream keeps the max_consumers a stream was created with, and updates its other bounds', async () => {
    const spec = { name: 'BOUND', subjects: ['bound.>'], max_consumers: 3, max_bytes: 1 << 20 };
    expect(await upsertStream(h.jsm, spec)).toBe('created');
    // nats-server would refuse an update that changes max_consumers: the upsert keeps the one it has.
    expect(await upsertStream(h.jsm, { ...spec, max_consumers: 5, max_bytes: 2 << 20 })).toBe('updated');
    const info = await h.jsm.streams.info('BOUND');
    expect([info.config.max_consumers, info.config.max_bytes]).toEqual([3, 2 << 20]);
    expect(await upsertStream(h.jsm, { ...spec, max_consumers: 5, max_bytes: 2 << 20 })).toBe('unchanged');
  });

  it('upsertStream: two processes creating one stream at once both succeed', async () => {
    const other = await connectNats({ servers: server.url, name: 'infra-test-2' });
    try {
      const spec = { name: 'RACE', subjects: ['race.>'] };
      const results = await Promise.all([upsertStream(h.jsm, spec), upsertStream(other.jsm, spec)]);
      expect(results).toContain('created');
      expect((await h.jsm.streams.info('RACE')).config.subjects).toEqual(['race.>']);
    } finally {
      await other.nc.close();
    }
  });

  it('listKvKeys lists the matching keys once each, by stream info and by consumer', async () => {
    const kv = await h.kvm.create('keys_a');
    for (const k of ['s1.d1.r1', 's1.d1.r2', 's1.d2.r1', 's2.d1.r1']) await kv.put(k, 'v');
    await kv.put('s1.d1.r1', 'v2');
    for (const via of ['stream-info', 'consumer'] as const) {
      expect(
        await listKvKeys(h.js, h.jsm, { bucket: 'keys_a', filter: 's1.>', timeoutMs: 5_000, via }),
      ).toEqual(['s1.d1.r1', 's1.d1.r2', 's1.d2.r1']);
      expect(
        await listKvKeys(h.js, h.jsm, { bucket: 'keys_a', filter: 's9.>', timeoutMs: 5_000, via }),
      ).toEqual([]);
    }
    // The consumer is removed afterwards.
    expect((await h.jsm.consumers.list('KV_keys_a').next()).length).toBe(0);
  });

  it('listKvKeys by consumer never waits for a revision replaced during the listing', async () => {
    const kv = await h.kvm.create('keys_b');
    const keys = Array.from({ length: 40 }, (_, i) => `s.d${String(i).padStart(2, '0')}.r`);
    for (const k of keys) await kv.put(k, 'v0');
    let writing = true;
    const writer = (async () => {
      for (let n = 0; writing; n++) await kv.put(keys[n % keys.length]!, `v${n}`);
    })();
    try {
      for (let round = 0; round < 60; round++) {
        const started = Date.now();
        const listed = await listKvKeys(h.js, h.jsm, {
          bucket: 'keys_b',
          timeoutMs: 10_000,
          via: 'consumer',
        });
        // The work is milliseconds; a wait for a message that never comes would show as a second or more.
        expect(Date.now() - started).toBeLessThan(900);
        expect(listed).toEqual(keys);
      }
    } finally {
      writing = false;
      await writer;
    }
  });

  it('connectNats: one attempt, no reconnect, fails at once when nobody listens', async () => {
    const gone = await startNatsServer({ jetstream: false });
    const url = gone.url;
    await gone.cleanup();
    const started = Date.now();
    await expect(
      connectNats({ servers: url, name: 'x', reconnect: false, timeoutMs: 2_000 }),
    ).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('connectNats with an nkey seed file', async () => {
    const kp = nkeys.createUser();
    const seed = new TextDecoder().decode(kp.getSeed());
    const secured = await startNatsServer({
      extraConfig: `authorization { users: [ { nkey: ${kp.getPublicKey()} } ] }`,
    });
    const dir = mkdtempSync(path.join(tmpdir(), 'infra-'));
    try {
      const file = path.join(dir, 'id.nk');
      writeFileSync(file, `# identity\n${seed}\n`);
      const c = await connectNats({ servers: secured.url, name: 'seeded', auth: { seedFile: file } });
      expect(c.nc.isClosed()).toBe(false);
      await c.nc.close();
      await expect(connectNats({ servers: secured.url, name: 'anon', reconnect: false })).rejects.toThrow();
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await secured.cleanup();
    }
  });
});

describe('readSeedFile', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(path.join(tmpdir(), 'seed-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('finds the user seed line, and refuses a missing file or one without a seed', () => {
    const seed = new TextDecoder().decode(nkeys.createUser().getSeed());
    writeFileSync(path.join(dir, 'ok.nk'), `-----BEGIN-----\n  ${seed}  \n`);
    expect(readSeedFile(path.join(dir, 'ok.nk'))).toBe(seed);
    writeFileSync(path.join(dir, 'bad.nk'), 'nothing here\n');
    expect(() => readSeedFile(path.join(dir, 'bad.nk'))).toThrow(/holds no user nkey seed/);
    try {
      readSeedFile(path.join(dir, 'absent.nk'));
      throw new Error('expected NotFound');
    } catch (e) {
      expect(e).toBeInstanceOf(LienthongError);
      expect((e as LienthongError).code).toBe('NotFound');
    }
    // The credentials directory instead of a file in it: said so.
    expect(() => readSeedFile(dir)).toThrow(`the seed file ${dir} is a directory: name the seed file in it`);
  });
});

describe('retry', () => {
  const transient = (): Error => new JetStreamApiError({ code: 503, err_code: 0, description: 'x' });
  const unreachable = (): Error => Object.assign(new Error('refused'), { code: 'ECONNREFUSED' });

  it('retries transient failures with growing pauses until one succeeds', async () => {
    const pauses: number[] = [];
    let n = 0;
    const out = await retry(
      async ({ attempt }) => {
        n = attempt;
        if (attempt < 4) throw unreachable();
        return 'done';
      },
      { backoff: { initialMs: 5, maxMs: 12 }, onRetry: (_e, _a, ms) => pauses.push(ms) },
    );
    expect(out).toBe('done');
    expect(n).toBe(4);
    expect(pauses).toEqual([5, 10, 12]);
  });

  it('throws at once what retryIf refuses (by default: what is not transient)', async () => {
    let calls = 0;
    const err = transient();
    await expect(
      retry(async () => {
        calls++;
        throw err;
      }),
    ).rejects.toBe(err);
    expect(calls).toBe(1);
  });

  it('stops at the deadline with the last failure, and after the given attempts', async () => {
    const started = Date.now();
    await expect(
      retry(
        async () => {
          throw unreachable();
        },
        { deadline: Date.now() + 120, backoff: { initialMs: 20, maxMs: 20 } },
      ),
    ).rejects.toThrow('refused');
    expect(Date.now() - started).toBeLessThan(500);
    let calls = 0;
    await expect(
      retry(
        async () => {
          calls++;
          throw unreachable();
        },
        { attempts: 3, backoff: { initialMs: 0, maxMs: 0 } },
      ),
    ).rejects.toThrow('refused');
    expect(calls).toBe(3);
  });

  it('an abort ends the pause at once and rejects with its reason', async () => {
    const ac = new AbortController();
    const started = Date.now();
    const running = retry(
      async () => {
        throw unreachable();
      },
      { signal: ac.signal, backoff: { initialMs: 10_000, maxMs: 10_000 } },
    );
    setTimeout(() => ac.abort(new Error('stop now')), 50);
    await expect(running).rejects.toThrow('stop now');
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
