/**
 * One directory across JetStream domains: the centre's `lt_directory` is the source of truth and each
 * province domain's is a mirror of it. A change made at the centre reaches every province's nodes; a
 * province cut off keeps routing with the last directory it saw (also after a restart), and catches
 * up when the link returns.
 */
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import { connect as natsConnect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/transport-node';
import { BUCKETS, directoryKeys } from '@lienthong/core';
import { createLogger, startNode } from '@lienthong/node';
import type { RunningNode } from '@lienthong/node';
import { AgencyRecord, Level } from '@lienthong/proto';
import { connect } from '@lienthong/sdk';
import type { LienthongClient } from '@lienthong/sdk';
import { startLeafTree, startNatsServer } from '@lienthong/testkit';
import type { LeafTree } from '@lienthong/testkit';
import { demoDomainTopology, nodesInDomain } from './support';

jest.setTimeout(120_000);

const SENDER = '000.01.43.H41'; // commune of Yên Thành, domain h41
const NEIGHBOUR = '000.02.43.H41'; // commune of Yên Thành, domain h41
const ADDED = '000.02.41.H27'; // added at the centre, at commune node h27-huongson-xa1 (domain h27)
const LATER = '000.03.41.H27'; // added at the centre while h41 is cut off

async function until(
  what: string,
  check: () => boolean | Promise<boolean>,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The id of the first item in `client`'s inbox (acknowledged), or undefined after `timeoutMs`. */
async function firstInboxItem(client: LienthongClient, timeoutMs = 30_000): Promise<string | undefined> {
  const inbox = client.inbox();
  const timer = setTimeout(() => void inbox.stop(), timeoutMs);
  try {
    for await (const item of inbox) {
      await item.ack();
      return item.documentId;
    }
    return undefined;
  } finally {
    clearTimeout(timer);
    await inbox.stop();
  }
}

describe('one directory across domains: provinces mirror the centre’s', () => {
  let tree: LeafTree;
  const nodes = new Map<string, RunningNode>();
  const clients: LienthongClient[] = [];
  const conns: NatsConnection[] = [];
  const topology = demoDomainTopology();
  const log = createLogger({ name: 'leaf-directory-test', level: 'warn' });

  const host = async (domain: string, url: string): Promise<RunningNode> => {
    const n = await startNode(
      { servers: url, topology, nodes: nodesInDomain(topology, domain), domain, name: `lt-${domain}` },
      { logger: log },
    );
    nodes.set(domain, n);
    return n;
  };
  const client = async (agency: string, url: string, domain: string): Promise<LienthongClient> => {
    const c = await connect({ servers: url, agency, domain });
    clients.push(c);
    return c;
  };
  const centreDirectory = async () => {
    const nc = await natsConnect({ servers: tree.hub.url });
    conns.push(nc);
    return new Kvm(jetstream(nc, { domain: 'central' })).open(BUCKETS.directory);
  };
  const addAtCentre = async (code: string, name: string): Promise<void> => {
    const kv = await centreDirectory();
    const record = AgencyRecord.create({
      code,
      name,
      tier: Level.LEVEL_COMMUNE,
      parentCode: '000.00.41.H27',
      homeNode: 'h27-huongson-xa1',
    });
    await kv.create(directoryKeys.agency(code), AgencyRecord.encode(record).finish());
  };

  beforeAll(async () => {
    tree = await startLeafTree({ hubDomain: 'central', leaves: ['h41', 'h27'] });
    await host('central', tree.hub.url);
    await host('h41', tree.leaves.h41!.url);
    await host('h27', tree.leaves.h27!.url);
  });

  afterAll(async () => {
    await Promise.allSettled(clients.map((c) => c.close()));
    await Promise.allSettled([...nodes.values()].map((n) => n.stop()));
    await Promise.allSettled(conns.map((c) => c.close()));
    await tree?.stop();
  });

  it('a province domain’s lt_directory is a mirror of the centre’s, with the same entries', async () => {
    const nc = await natsConnect({ servers: tree.leaves.h41!.url });
    conns.push(nc);
    const jsm = await jetstreamManager(nc, { domain: 'h41' });
    const info = await jsm.streams.info(`KV_${BUCKETS.directory}`);
    expect(info.config.mirror).toMatchObject({
      name: `KV_${BUCKETS.directory}`,
      external: { api: '$JS.central.API' },
    });
    const centre = await (await centreDirectory()).status();
    await until(
      'the mirror caught up',
      async () => (await jsm.streams.info(`KV_${BUCKETS.directory}`)).state.messages === centre.values,
    );
    expect(centre.values).toBe(topology.nodes().length + topology.agencies().length);
  });

  it('an agency added at the centre is routed to from a province at once, no restart', async () => {
    await addAtCentre(ADDED, 'Xã mới (thêm ở trung tâm)');
    for (const d of ['central', 'h41', 'h27']) {
      await until(`${d} to know ${ADDED}`, () => nodes.get(d)!.runtime.topology.agency(ADDED) !== undefined);
    }
    const sender = await client(SENDER, tree.leaves.h41!.url, 'h41');
    const added = await client(ADDED, tree.leaves.h27!.url, 'h27');
    const documentId = `${SENDER},2026/12/02,301/UBND-VP`;
    await sender.send({ documentId, subject: 'Gửi cơ quan mới thêm', to: [{ code: ADDED }] });
    expect(await firstInboxItem(added)).toBe(documentId);
  });

  it('cut off, a province keeps the last directory it saw (also across a restart) and catches up after', async () => {
    await tree.cutLink('h41');
    await addAtCentre(LATER, 'Xã mới (thêm khi h41 bị cắt)');
    await until('h27 to know it', () => nodes.get('h27')!.runtime.topology.agency(LATER) !== undefined);
    // Restart h41's node while cut off, from the topology file that knows neither added agency.
    await nodes.get('h41')!.stop();
    const h41 = await host('h41', tree.leaves.h41!.url);
    expect(topology.agency(ADDED)).toBeUndefined();
    expect(h41.runtime.topology.agency(ADDED)?.homeNode).toBe('h27-huongson-xa1');
    expect(h41.runtime.topology.agency(LATER)).toBeUndefined();
    // Routing inside the province goes on.
    const sender = await client(SENDER, tree.leaves.h41!.url, 'h41');
    const neighbour = await client(NEIGHBOUR, tree.leaves.h41!.url, 'h41');
    const documentId = `${SENDER},2026/12/02,302/UBND-VP`;
    await sender.send({ documentId, subject: 'Trong tỉnh khi bị cắt', to: [{ code: NEIGHBOUR }] });
    expect(await firstInboxItem(neighbour)).toBe(documentId);
    await tree.restoreLink('h41');
    await until('h41 to catch up', () => h41.runtime.topology.agency(LATER) !== undefined, 60_000);
  });
});

describe('a province domain whose lt_directory predates following the centre', () => {
  it('keeps using its own bucket and says how to make it follow', async () => {
    const server = await startNatsServer({ domain: 'h41' });
    const lines: string[] = [];
    const topology = demoDomainTopology();
    const nc = await natsConnect({ servers: server.url });
    try {
      await new Kvm(jetstream(nc, { domain: 'h41' })).create(BUCKETS.directory, { history: 1 });
      const ids = nodesInDomain(topology, 'h41');
      const logger = createLogger({
        name: 'own-bucket',
        level: 'warn',
        destination: { write: (l) => lines.push(l) },
      });
      const node = await startNode({ servers: server.url, topology, nodes: ids, domain: 'h41' }, { logger });
      await node.stop();
      const jsm = await jetstreamManager(nc, { domain: 'h41' });
      const info = await jsm.streams.info(`KV_${BUCKETS.directory}`);
      expect(info.config.mirror).toBeUndefined();
      // Seeded from the file as before.
      expect(info.state.messages).toBe(topology.nodes().length + topology.agencies().length);
      expect(lines.join('\n')).toContain(
        `lt_directory here is a bucket of its own, not a mirror of domain central's: it does not follow the centre`,
      );
    } finally {
      await nc.close();
      await server.stop();
    }
  });
});

describe('a province domain started before the centre', () => {
  it('its nodes start, and its agencies can connect and send once the centre is up', async () => {
    const tree = await startLeafTree({ hubDomain: 'central', leaves: ['h41'] });
    const topology = demoDomainTopology();
    const log = createLogger({ name: 'leaf-first', level: 'error' });
    const started: RunningNode[] = [];
    const clients: LienthongClient[] = [];
    const start = async (domain: string, url: string): Promise<void> => {
      started.push(
        await startNode(
          { servers: url, topology, nodes: nodesInDomain(topology, domain), domain },
          { logger: log },
        ),
      );
    };
    try {
      // The province first: its directory mirror has no source yet; the node goes on after its wait.
      await start('h41', tree.leaves.h41!.url);
      await expect(connect({ servers: tree.leaves.h41!.url, agency: SENDER, domain: 'h41' })).rejects.toThrow(
        /agency 000\.01\.43\.H41 is not in the directory of domain h41 \(a domain's directory follows the centre's: if the centre has only just started, connect again/,
      );
      await start('central', tree.hub.url);
      const t0 = Date.now();
      // The mirror picks the centre's directory up without a restart of the province's node.
      let sender: LienthongClient | undefined;
      await until(
        'the province domain to know its agencies',
        async () => {
          sender = await connect({ servers: tree.leaves.h41!.url, agency: SENDER, domain: 'h41' }).catch(
            () => undefined,
          );
          return sender !== undefined;
        },
        60_000,
      );
      clients.push(sender!);
      const caughtUpMs = Date.now() - t0;
      const neighbour = await connect({ servers: tree.leaves.h41!.url, agency: NEIGHBOUR, domain: 'h41' });
      clients.push(neighbour);
      const documentId = `${SENDER},2026/12/02,303/UBND-VP`;
      await sender!.send({
        documentId,
        subject: 'Tỉnh khởi động trước trung tâm',
        to: [{ code: NEIGHBOUR }],
      });
      expect(await firstInboxItem(neighbour)).toBe(documentId);
      // Bounded: the centre's directory reaches a province started before it within seconds.
      expect(caughtUpMs).toBeLessThan(20_000);
    } finally {
      await Promise.allSettled(clients.map((c) => c.close()));
      await Promise.allSettled(started.map((n) => n.stop()));
      await tree.stop();
    }
  });
});
