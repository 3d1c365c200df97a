/**
 * The production files in deploy/ are checked, not just kept: every nats-server config parses with
 * the server at hand (deploy/check.sh, with throw-away certificates), and a province server started
 * from deploy/nats/province-h41.conf serves the province, district and commune services started from
 * deploy/services/*-h41.json over TLS, as lienthong@.service runs them (NODE_EXTRA_CA_CERTS).
 */
import { execFileSync, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TopologyJson } from '@lienthong/core';
import { findNatsServer, startService, waitFor } from '@lienthong/testkit';
import type { ServiceLevel, ServiceProcess } from '@lienthong/testkit';

jest.setTimeout(90_000);

const DEPLOY = path.resolve(__dirname, '../deploy');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

describe('deploy/', () => {
  let dir: string;
  let server: ChildProcess | undefined;
  let serverLog = '';
  const services: ServiceProcess[] = [];

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'lt-deploy-'));
  });

  afterAll(async () => {
    await Promise.allSettled(services.map((s) => s.stop(3000)));
    if (server && server.exitCode === null) {
      const exited = new Promise((r) => server!.once('exit', r));
      server.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('every nats-server config parses (options newer than this server are listed, not hidden)', () => {
    const out = execFileSync('bash', [path.join(DEPLOY, 'check.sh'), '--keep', dir], {
      encoding: 'utf8',
      env: { ...process.env, LT_NATS_SERVER: findNatsServer() },
    });
    const lines = out.trim().split('\n');
    expect(lines.map((l) => l.split(/\s+/)[1]).sort()).toEqual([
      'central-1',
      'central-2',
      'central-3',
      'province-h41',
    ]);
    for (const l of lines) expect(l).toMatch(/^ok /);
    // Left out of the check: sync_interval on a server older than 2.10 (production needs it), and
    // included files that are written at install time (auth.conf), checked empty.
    for (const l of lines.filter((x) => x.includes('not checked'))) {
      const items = /\(not checked here: (.*)\)$/.exec(l)?.[1]?.split(', ') ?? [];
      for (const item of items) expect(item).toMatch(/^sync_interval |^include \S+ \(empty here\)$/);
    }
  });

  it('the province services connect to the province server over TLS and serve its domain', async () => {
    // The copy check.sh kept, on loopback ports; the leaf link to the centre stays down (no centre here).
    const port = await freePort();
    const conf = path.join(dir, 'province-h41.conf');
    writeFileSync(
      conf,
      readFileSync(conf, 'utf8')
        .replace('listen: 0.0.0.0:4222', `listen: 127.0.0.1:${port}`)
        .replace(/^http: .*$/m, ''),
    );
    server = spawn(findNatsServer(), ['-c', conf], { stdio: ['ignore', 'pipe', 'pipe'] });
    server.stderr!.on('data', (b: Buffer) => (serverLog += b.toString()));
    await waitFor('the province server listening', () => serverLog.includes('Server is ready'), 15_000);

    const topology = JSON.parse(
      readFileSync(path.join(DEPLOY, 'topology.demo.json'), 'utf8'),
    ) as TopologyJson;
    for (const n of topology.nodes) n.domain = n.id === 'vn' ? 'central' : n.id.split('-')[0];
    writeFileSync(path.join(dir, 'topology.json'), JSON.stringify(topology));
    const hosted: string[] = [];
    for (const level of ['province', 'district', 'commune'] as ServiceLevel[]) {
      const file = JSON.parse(readFileSync(path.join(DEPLOY, 'services', `${level}-h41.json`), 'utf8')) as {
        servers: string;
        domain: string;
        http?: unknown;
      };
      expect(file.servers).toMatch(/^tls:\/\//);
      expect(file.domain).toBe('h41');
      const config = path.join(dir, `${level}-h41.json`);
      writeFileSync(
        config,
        JSON.stringify({
          ...file,
          servers: `tls://127.0.0.1:${port}`,
          topology: './topology.json',
          http: { port: 0 },
        }),
      );
      const s = await startService(level, config, {
        env: { NODE_EXTRA_CA_CERTS: path.join(dir, 'tls', 'ca.crt') },
        readyTimeoutMs: 30_000,
      });
      services.push(s);
      hosted.push(...s.nodes);
    }
    expect(hosted.sort()).toEqual(
      topology.nodes
        .filter((n) => n.domain === 'h41')
        .map((n) => n.id)
        .sort(),
    );
    expect(serverLog).not.toMatch(/TLS handshake error/);
  });

  it('the systemd unit gives the services the private CA', () => {
    const unit = readFileSync(path.join(DEPLOY, 'systemd', 'lienthong@.service'), 'utf8');
    expect(unit).toMatch(/^Environment=NODE_EXTRA_CA_CERTS=\/etc\/nats\/tls\/ca\.crt$/m);
  });
});
