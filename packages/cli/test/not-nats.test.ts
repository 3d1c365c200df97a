/**
 * A port that accepts TCP but is not NATS (the HTTP port of `lienthong up`, a silent proxy): every
 * command answers within its --timeout, saying what it waited for; URLs that are not NATS URLs are
 * refused as such, at once.
 */
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { cliEnv, killAll, lienthong, tempDir } from './helpers';

jest.setTimeout(120_000);

/**
 * The bound on a command given `--timeout 1500`: the timeout plus a node process's start, which takes
 * seconds on a loaded machine. Without the fix these commands took 75-90 s.
 */
const WITHIN = 1500 + 6000;

/** Commands that connect to NATS, one per group. */
const COMMANDS: readonly (readonly string[])[] = [
  ['node', 'ls'],
  ['node', 'info', 'h41'],
  ['agency', 'ls'],
  ['agency', 'show', '000.00.00.H41'],
  ['doc', 'track', '000.01.43.H41,2026/11/22,15/UBND-VP'],
  ['doc', 'show', '000.01.43.H41,2026/11/22,15/UBND-VP'],
  ['dlq', 'ls'],
  ['stats'],
  ['check'],
  ['audit', 'verify'],
];

describe('a port that is not NATS', () => {
  let httpServer: http.Server;
  let silent: net.Server;
  const sockets = new Set<net.Socket>();
  let httpPort: number;
  let silentPort: number;

  beforeAll(async () => {
    httpServer = http.createServer((_req, res) => res.end('ok'));
    silent = net.createServer((s) => {
      sockets.add(s); // accepts, says nothing, never closes
      s.on('error', () => undefined);
    });
    await new Promise<void>((r) => httpServer.listen(0, '127.0.0.1', r));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    httpPort = (httpServer.address() as AddressInfo).port;
    silentPort = (silent.address() as AddressInfo).port;
  });

  afterAll(async () => {
    for (const s of sockets) s.destroy();
    httpServer.closeAllConnections();
    await new Promise((r) => httpServer.close(r));
    await new Promise((r) => silent.close(r));
    await killAll();
  });

  it.each(COMMANDS.map((c) => [c.join(' '), c]))(
    '%s gives up within --timeout on a port that accepts TCP but sends no NATS greeting, and names an HTTP port at once',
    async (_name, args) => {
      for (const port of [httpPort, silentPort]) {
        const run = await lienthong([...args, '-s', `nats://127.0.0.1:${port}`, '--timeout', '1500'], {
          timeoutMs: 20_000,
        });
        expect(run.ms).toBeLessThan(WITHIN);
        const out = run.stdout + run.stderr;
        const http = port === httpPort;
        expect(out).toContain(
          http
            ? `nats://127.0.0.1:${port} is an HTTP port, not a NATS client port (it answered "HTTP/1.1 400 Bad Request")`
            : `nats://127.0.0.1:${port} accepts connections but sent no NATS greeting (INFO) within 1500 ms`,
        );
        if (args[0] === 'check') {
          expect(run.code).toBe(2); // Nagios CRITICAL
          expect(run.stdout).toMatch(/^LIENTHONG CRITICAL - /);
        } else {
          expect(run.code).toBe(1);
          expect(run.stderr).toMatch(
            http ? /^lienthong: \[Unavailable\] / : /^lienthong: \[DeadlineExceeded\] /,
          );
        }
      }
    },
  );

  it('creds issue --data gives up within --timeout too', async () => {
    const data = tempDir('lt-notnats-data-');
    const run = await lienthong(
      [
        'creds',
        'issue',
        'agency',
        '000.00.00.H41',
        '--data',
        data,
        '--init',
        '-s',
        `nats://127.0.0.1:${silentPort}`,
        '--timeout',
        '1500',
      ],
      { timeoutMs: 20_000 },
    );
    expect(run.ms).toBeLessThan(WITHIN);
    expect(run.stderr).toContain('sent no NATS greeting (INFO) within 1500 ms');
  });

  it('a NATS server whose JetStream never answers: the command says so within --timeout', async () => {
    // speaks the NATS protocol (INFO, PONG) but answers no request, like a server without JetStream
    // behind a proxy that drops no-responder replies
    const mute = net.createServer((s) => {
      sockets.add(s);
      s.on('error', () => undefined);
      s.write(
        'INFO {"server_id":"mute","version":"2.9.10","proto":1,"max_payload":1048576,"headers":true}\r\n',
      );
      s.on('data', (b: Buffer) => {
        for (const line of b.toString().split('\r\n')) if (line === 'PING') s.write('PONG\r\n');
      });
    });
    await new Promise<void>((r) => mute.listen(0, '127.0.0.1', r));
    const port = (mute.address() as AddressInfo).port;
    try {
      for (const args of [['node', 'ls'], ['check']]) {
        const run = await lienthong([...args, '-s', `nats://127.0.0.1:${port}`, '--timeout', '1500'], {
          timeoutMs: 20_000,
        });
        expect(run.ms).toBeLessThan(WITHIN);
        expect(run.stdout + run.stderr).toContain(
          `NATS at nats://127.0.0.1:${port} is up, but its JetStream API ($JS.API.INFO) did not answer within 1500 ms`,
        );
      }
    } finally {
      await new Promise((r) => mute.close(r));
    }
  });

  it('an http:// URL is refused at once as not a NATS URL, pointing at the NATS URL `up` prints', async () => {
    const run = await lienthong(['node', 'ls', '-s', `http://127.0.0.1:${httpPort}`, '--timeout', '2000']);
    expect(run.code).toBe(2);
    expect(run.ms).toBeLessThan(WITHIN - 1500); // no wait at all: refused before connecting
    expect(run.stderr.split('\n')[0]).toBe(
      `lienthong: [InvalidArgument] 'http://127.0.0.1:${httpPort}' is not a NATS server URL: the scheme http:// is not NATS (use nats:// or tls://)`,
    );
    expect(run.stderr).toContain('prints as "nats:"');
  });

  it.each([['garbage://x'], ['nats://'], ['nats://host:port'], ['nats://127.0.0.1:4222/path']])(
    '-s %s is said to be an invalid URL, not an unreachable server',
    async (url) => {
      const run = await lienthong(['node', 'ls', '-s', url], { env: cliEnv() });
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/^lienthong: \[InvalidArgument\] '.*' is not a (valid )?NATS server URL/);
      expect(run.stderr).not.toContain('cannot reach');
    },
  );

  it('check refuses an invalid URL as UNKNOWN, at once', async () => {
    const run = await lienthong(['check', '-s', 'garbage://x']);
    expect(run.code).toBe(3);
    expect(run.stdout).toMatch(/^LIENTHONG UNKNOWN - 'garbage:\/\/x' is not a NATS server URL/);
  });
});
