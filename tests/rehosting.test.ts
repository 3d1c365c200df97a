/**
 * The nodes of one server split differently across processes over time: one process hosted every
 * node, now others host subsets. The old durable consumers nobody pulls from are retired; a
 * consumer that would take over nodes a running process serves is refused.
 */
import path from 'node:path';
import { createLogger, loadTopologyFile, startNode } from '@lienthong/node';
import type { RunningNode } from '@lienthong/node';
import { subjectsOverlap } from '@lienthong/node/internal';
import { connect } from '@lienthong/sdk';
import { startNatsServer } from '@lienthong/testkit';
import type { NatsServer } from '@lienthong/testkit';

jest.setTimeout(60_000);

const topology = loadTopologyFile(path.resolve(__dirname, '../deploy/topology.demo.json'));
const logger = createLogger({ name: 'rehost', level: 'error' });

describe('re-hosting nodes on one server', () => {
  let server: NatsServer;
  const running: RunningNode[] = [];

  beforeAll(async () => {
    server = await startNatsServer();
  });
  afterAll(async () => {
    await Promise.allSettled(running.map((r) => r.stop()));
    await server?.cleanup();
  });

  it('retires idle consumers of an earlier split and refuses to take over served nodes', async () => {
    const all = await startNode({ servers: server.url, topology }, { logger });
    await all.stop();

    // Now the communes are split across two processes; the old level-wide consumers are idle.
    const communes = topology
      .nodes()
      .filter((n) => n.levelName === 'commune')
      .map((n) => n.id);
    const others = topology
      .nodes()
      .filter((n) => n.levelName !== 'commune')
      .map((n) => n.id);
    const a = await startNode(
      { servers: server.url, topology, nodes: [...others, ...communes.slice(0, 2)] },
      { logger },
    );
    running.push(a);
    const b = await startNode({ servers: server.url, topology, nodes: communes.slice(2) }, { logger });
    running.push(b);

    // Documents still flow to a commune of each process.
    const sender = await connect({ servers: server.url, agency: '000.00.00.H41' });
    const recipient = topology.agenciesOf(communes[3]!)[0]!.code;
    const reader = await connect({ servers: server.url, agency: recipient });
    try {
      await sender.send({
        documentId: '000.00.00.H41,2026/11/22,1/UBND',
        subject: 'x',
        to: [{ code: recipient }],
      });
      const inbox = reader.inbox();
      const timer = setTimeout(() => void inbox.stop(), 15_000);
      let got = '';
      for await (const item of inbox) {
        got = item.documentId;
        await item.ack();
        break;
      }
      clearTimeout(timer);
      await inbox.stop();
      expect(got).toBe('000.00.00.H41,2026/11/22,1/UBND');
    } finally {
      await sender.close();
      await reader.close();
    }

    // A third process may share a node's durable consumer (the work is split between them), but a
    // level-wide consumer over communes that running processes serve is refused.
    await expect(startNode({ servers: server.url, topology, nodes: communes }, { logger })).rejects.toThrow(
      /cannot be hosted twice/,
    );
  });

  it('tells overlapping subject filters apart', () => {
    expect(subjectsOverlap('lt.v1.commune.*.relay.>', 'lt.v1.commune.xa1.relay.>')).toBe(true);
    expect(subjectsOverlap('lt.v1.commune.xa1.relay.>', 'lt.v1.commune.xa2.relay.>')).toBe(false);
    expect(subjectsOverlap('lt.v1.commune.*.submit.*', 'lt.v1.district.*.submit.*')).toBe(false);
    expect(subjectsOverlap('a.>', 'a')).toBe(false);
    expect(subjectsOverlap('a.*', 'a.b')).toBe(true);
  });
});
