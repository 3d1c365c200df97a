/**
 * `connect()` given a port that is not a NATS client port, as a person first does (the HTTP port
 * `lienthong up` prints next to the NATS one, another service): a specific error within the call's
 * timeout, and nothing left open that keeps the program running after it. Each connect runs in a
 * program of its own, so that "the program ends" is what is checked.
 */
import { spawn } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { connect } from '@lienthong/sdk';
import { startNatsServer } from '@lienthong/testkit';
import type { NatsServer } from '@lienthong/testkit';

jest.setTimeout(30_000);

const SDK = path.resolve(__dirname, '..');

/** Runs a program that connects to `servers` and prints the error; resolves with its output and run time. */
function connectFromAProgram(servers: string): Promise<{ out: string; code: number | null; ms: number }> {
  const script = `
    const { connect } = require(${JSON.stringify(SDK)});
    connect({ servers: ${JSON.stringify(servers)}, agency: '000.00.00.G22', timeoutMs: 3000 }).then(
      () => console.log('connected'),
      (e) => console.log(JSON.stringify({ code: e.code, message: e.message })),
    );
  `;
  const t0 = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    // The program must end by itself soon after the error; past this it is kept alive by something.
    const timer = setTimeout(() => child.kill('SIGKILL'), 12_000);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ out, code, ms: Date.now() - t0 });
    });
  });
}

async function listening(server: net.Server): Promise<number> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return (server.address() as net.AddressInfo).port;
}

describe('connect() to a port that is not NATS', () => {
  const servers: net.Server[] = [];
  afterAll(async () => {
    for (const s of servers) {
      (s as http.Server).closeAllConnections?.();
      await new Promise((r) => s.close(r));
    }
  });

  it('an HTTP port (silent until asked): named as one within a second, and the program ends', async () => {
    const web = http.createServer((_req, res) => res.end('dashboard'));
    servers.push(web);
    const port = await listening(web);
    const r = await connectFromAProgram(`nats://127.0.0.1:${port}`);
    expect(r.code).toBe(0); // ended by itself, not killed
    const err = JSON.parse(r.out) as { code: string; message: string };
    expect(err.code).toBe('Unavailable');
    expect(err.message).toContain(
      `127.0.0.1:${port} is an HTTP port, not a NATS client port (it answered "HTTP/1.1 400 Bad Request")`,
    );
    // The program's start included: the probe itself asks after half a second.
    expect(r.ms).toBeLessThan(4_000);
  });

  it('a port that accepts and never says anything: waited out, said as such, and the program ends', async () => {
    const held: net.Socket[] = [];
    const mute = net.createServer((s) => {
      held.push(s);
      s.on('error', () => undefined);
    });
    const port = await listening(mute);
    const r = await connectFromAProgram(`nats://127.0.0.1:${port}`);
    for (const s of held) s.destroy();
    await new Promise((res) => mute.close(res));
    expect(r.code).toBe(0);
    const err = JSON.parse(r.out) as { code: string; message: string };
    expect(err.code).toBe('Unavailable');
    expect(err.message).toContain(`127.0.0.1:${port} accepts connections but sent no NATS greeting (INFO)`);
    expect(err.message).toContain('it is not a NATS client port');
    expect(r.ms).toBeLessThan(10_000);
  });

  it('a port that answers something else: quoted', async () => {
    const other = net.createServer((socket) => socket.end('SSH-2.0-OpenSSH_9.2\r\n'));
    servers.push(other);
    const port = await listening(other);
    const r = await connectFromAProgram(`nats://127.0.0.1:${port}`);
    expect(r.code).toBe(0);
    const err = JSON.parse(r.out) as { code: string; message: string };
    expect(err.code).toBe('Unavailable');
    expect(err.message).toContain(`answered, but not as a NATS server (it sent "SSH-2.0-OpenSSH_9.2")`);
  });
});

describe('connect() refuses at once what is not a NATS address', () => {
  const refusal = (p: Promise<unknown>): Promise<{ code?: string; message?: string }> =>
    p.then(
      () => ({}),
      (e: { code?: string; message?: string }) => ({ code: e.code, message: e.message }),
    );

  it('an http:// address, an empty list, a missing agency', async () => {
    const http = await refusal(connect({ servers: 'http://127.0.0.1:9464', agency: '000.00.00.G22' }));
    expect(http.code).toBe('InvalidArgument');
    expect(http.message).toContain(
      "'http://127.0.0.1:9464' is not a NATS server URL: the scheme http:// is not NATS",
    );
    expect(http.message).toContain('that is an HTTP address');
    const listed = await refusal(
      connect({ servers: ['nats://127.0.0.1:4222', 'https://node.example/'], agency: '000.00.00.G22' }),
    );
    expect(listed.message).toContain("'https://node.example/' is not a NATS server URL");
    const empty = await refusal(connect({ servers: '', agency: '000.00.00.G22' }));
    expect(empty).toEqual({
      code: 'InvalidArgument',
      message: 'connect: servers must name the NATS servers of the home node (nats://HOST:PORT), got ""',
    });
    const none = await refusal(connect({ servers: 'nats://127.0.0.1:4222' } as never));
    expect(none.code).toBe('InvalidArgument');
    expect(none.message).toContain('connect: agency is required');
    // From plain JavaScript: no options at all, credentials given as a path.
    const nothing = await refusal((connect as (o?: unknown) => Promise<unknown>)());
    expect(nothing).toEqual({
      code: 'InvalidArgument',
      message: "connect: options are required: { servers: 'nats://HOST:PORT', agency: 'AAA.BB.CC.Xnn' }",
    });
    const path = await refusal(
      connect({
        servers: 'nats://127.0.0.1:4222',
        agency: '000.00.00.G22',
        credentials: '/etc/g22.nk',
      } as never),
    );
    expect(path).toEqual({
      code: 'InvalidArgument',
      message:
        "connect: credentials must be an object, such as { seedFile: '…' } (or { nkeySeed }, { user, pass }, { token }); got the string '/etc/g22.nk'",
    });
  });
});

describe('connect() given several servers, some of them wrong', () => {
  const servers: net.Server[] = [];
  let nats: NatsServer;
  beforeAll(async () => {
    nats = await startNatsServer();
  });
  afterAll(async () => {
    for (const s of servers) {
      (s as http.Server).closeAllConnections?.();
      await new Promise((r) => s.close(r));
    }
    await nats?.cleanup();
  });

  const web = async (): Promise<number> => {
    const s = http.createServer((_req, res) => res.end('dashboard'));
    servers.push(s);
    return listening(s);
  };

  it('dials the server that greets as NATS first: a wrong port in the list costs no connect timeout', async () => {
    // nats.js picks among the servers at random, and waited out its whole connect timeout on the
    // HTTP port whenever it picked that one first (half the connects).
    const list = [`nats://127.0.0.1:${await web()}`, nats.url];
    for (let i = 0; i < 8; i++) {
      const t0 = Date.now();
      const sdk = connect({ servers: list, agency: '000.00.00.G22', timeoutMs: 6000 });
      // No lienthong broker runs on this server: what counts is that the connection got there.
      const err = await sdk.then(
        () => undefined,
        (e: { code?: string; message?: string }) => e,
      );
      expect(err?.message).toContain(`no lienthong broker on ${list.join(',')}`);
      expect(Date.now() - t0).toBeLessThan(2_500);
    }
  });

  it('a NATS server without lienthong on it: said at once, not after the request timeout', async () => {
    const t0 = Date.now();
    const err = await connect({ servers: nats.url, agency: '000.00.00.G22', timeoutMs: 8000 }).then(
      () => undefined,
      (e: { code?: string; message?: string }) => e,
    );
    expect(err?.code).toBe('Unavailable');
    expect(err?.message).toBe(
      `no lienthong broker on ${nats.url}: the NATS server answers, but holds no lienthong directory (stream KV_lt_directory); start the broker there (\`lienthong up\`, or the level services), or check the servers`,
    );
    expect(Date.now() - t0).toBeLessThan(2_000);
  });

  it('none of them NATS: the error names what each one did, and comes within the timeout', async () => {
    const a = await web();
    const closed = net.createServer();
    const b = await listening(closed); // taken, then freed: nothing listens there
    await new Promise((r) => closed.close(r));
    const t0 = Date.now();
    const r = await connectFromAProgram(`nats://127.0.0.1:${a},nats://127.0.0.1:${b}`);
    expect(r.code).toBe(0);
    const err = JSON.parse(r.out) as { code: string; message: string };
    expect(err.code).toBe('Unavailable');
    expect(err.message).toContain('none of the 2 servers is a NATS client port');
    expect(err.message).toContain(`127.0.0.1:${a} is an HTTP port, not a NATS client port`);
    expect(err.message).toMatch(new RegExp(`127\\.0\\.0\\.1:${b} could not be reached \\(.*ECONNREFUSED`));
    expect(Date.now() - t0).toBeLessThan(10_000);
  });
});
