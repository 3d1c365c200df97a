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

  it('an HTTP port (silent until asked): said as such within the timeout, and the program ends', async () => {
    const web = http.createServer((_req, res) => res.end('dashboard'));
    servers.push(web);
    const port = await listening(web);
    const r = await connectFromAProgram(`nats://127.0.0.1:${port}`);
    expect(r.code).toBe(0); // ended by itself, not killed
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
  });
});
