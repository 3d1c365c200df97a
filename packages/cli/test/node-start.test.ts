/**
 * `lienthong node start --config FILE` runs one level service: it serves its nodes, shows up as
 * serving in `node info`, and drains and exits 0 on SIGTERM.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { startNatsServer } from '@lienthong/testkit';
import type { NatsServer } from '@lienthong/testkit';
import { background, cliEnv, json, killAll, lienthong, tempDir } from './helpers';

jest.setTimeout(40_000);

const TOPOLOGY = path.resolve(__dirname, '../../../deploy/topology.demo.json');

describe('lienthong node start', () => {
  let server: NatsServer;

  beforeAll(async () => {
    server = await startNatsServer();
  });
  afterAll(async () => {
    try {
      await server?.cleanup();
    } finally {
      await killAll();
    }
  });

  it('runs the province service for h27 until SIGTERM', async () => {
    const config = path.join(tempDir('lt-node-start-'), 'province.json');
    writeFileSync(config, JSON.stringify({ servers: server.url, topology: TOPOLOGY, nodes: ['h27'] }));
    const svc = background(['node', 'start', '--config', config], cliEnv({ LT_LOG_LEVEL: 'info' }));
    await svc.waitFor(/service ready/, 20_000);
    const info = json<{ process: string; level: string }>(
      await lienthong(['node', 'info', 'h27', '--json', '-s', server.url]),
    );
    expect(info.process).toBe('serving');
    expect(await svc.stop('SIGTERM')).toBe(0);
  });

  it('says which service when it cannot tell', async () => {
    const config = path.join(tempDir('lt-node-start-'), 'any.json');
    writeFileSync(config, JSON.stringify({ servers: server.url, topology: TOPOLOGY }));
    const run = await lienthong(['node', 'start', '--config', config]);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/pass --level/);
  });
});
