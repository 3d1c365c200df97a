/**
 * Nodes nobody serves: a runtime that hosts Nghệ An but not Hà Tĩnh, then no runtime at all. `check`
 * must find both, and `node info` must tell "a consumer nobody pulls" from "serving".
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLogger, loadTopologyFile, startNode } from '@lienthong/node';
import type { RunningNode } from '@lienthong/node';
import { startNatsServer } from '@lienthong/testkit';
import type { NatsServer } from '@lienthong/testkit';
import { json, killAll, lienthong } from './helpers';

jest.setTimeout(30_000);

const TOPOLOGY = path.resolve(__dirname, '../../../deploy/topology.demo.json');

describe('unserved nodes', () => {
  let server: NatsServer;
  let running: RunningNode | undefined;
  let s: string[];

  beforeAll(async () => {
    server = await startNatsServer();
    s = ['-s', server.url];
    const topology = loadTopologyFile(TOPOLOGY);
    running = await startNode(
      {
        servers: server.url,
        topology,
        nodes: topology
          .nodes()
          .map((n) => n.id)
          .filter((id) => !id.startsWith('h27')),
        name: 'cli-test-runtime',
      },
      { logger: createLogger({ name: 'cli-test-runtime', level: 'warn' }) },
    );
  });

  afterAll(async () => {
    try {
      await running?.stop();
      await server?.cleanup();
    } finally {
      await killAll();
    }
  });

  it('check finds the nodes no service hosts; node info tells no-puller from serving', async () => {
    // The directory holds the whole tree (the first service seeds it), so `check` alone sees the
    // nodes nobody hosts, and so does `check --topology` against the file.
    const expected =
      /^LIENTHONG CRITICAL - province: 1\/2 nodes not served \(h27\); district: 1\/3 nodes not served \(h27-huongson\); commune: 1\/5 nodes not served \(h27-huongson-xa1\) \| .*unserved_nodes=3;;0;0;/;
    for (const args of [['check'], ['check', '--topology', TOPOLOGY]]) {
      const check = await lienthong([...args, ...s]);
      expect(check.stdout).toMatch(expected);
      expect(check.code).toBe(2);
    }
    expect(json<{ process: string }>(await lienthong(['node', 'info', 'h41', '--json', ...s])).process).toBe(
      'serving',
    );

    // the service stops: its consumers stay, nobody pulls
    await running!.stop();
    running = undefined;
    const h41 = json<{ process: string; consumers: { relay: { name: string; status: string }[] } }>(
      await lienthong(['node', 'info', 'h41', '--json', ...s]),
    );
    expect(h41.process).toBe('no-puller');
    expect(h41.consumers.relay).toEqual([
      expect.objectContaining({ name: 'lt-relay-h41', status: 'no-puller' }),
    ]);
    const text = await lienthong(['node', 'info', 'h41', ...s]);
    expect(text.stdout).toMatch(/process\s+NOT SERVING: its consumers exist but no process is pulling/);
    const prom = await lienthong(['check', '--format', 'prometheus', ...s]);
    expect(prom.code).toBe(2);
    expect(prom.stdout).toMatch(/^lienthong_check_unserved_nodes\{level="commune"\} 5$/m);
  });
});

describe('a node of the topology file that the directory does not have', () => {
  let server: NatsServer;
  let running: RunningNode | undefined;

  afterAll(async () => {
    try {
      await running?.stop();
      await server?.cleanup();
    } finally {
      await killAll();
    }
  });

  it('is not served, though a runtime serving its whole level covers its subjects', async () => {
    server = await startNatsServer();
    const topology = loadTopologyFile(TOPOLOGY);
    // Every node hosted: each level is served by one consumer whose filter covers any node of it.
    running = await startNode(
      { servers: server.url, topology, name: 'cli-test-whole' },
      { logger: createLogger({ name: 'cli-test-whole', level: 'warn' }) },
    );
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'lt-unserved-')), 'more.json');
    const more = topology.toJSON();
    more.nodes.push({ id: 'h14', level: 'province', name: 'Cao Bằng', parent: 'vn' });
    more.agencies.push({
      code: '000.00.00.H14',
      name: 'UBND tỉnh Cao Bằng',
      tier: 'province',
      homeNode: 'h14',
    });
    writeFileSync(file, JSON.stringify(more));
    const check = await lienthong(['check', '--topology', file, '-s', server.url]);
    expect(check.stdout).toMatch(/^LIENTHONG CRITICAL - province: 1\/3 nodes not served \(h14\) \|/);
    expect(check.code).toBe(2);
    // Without the file, the directory's own nodes: all served.
    expect((await lienthong(['check', '-s', server.url])).stdout).toMatch(
      /^LIENTHONG OK - 11\/11 nodes served/,
    );
  });
});
