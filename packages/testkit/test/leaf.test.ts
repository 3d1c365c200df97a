import { jetstream, jetstreamManager, StorageType } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/transport-node';

import { eventually, liveServerPids, startLeafChain, startLeafTree } from '@lienthong/testkit';
import type { LeafTopology, NatsServer } from '@lienthong/testkit';

const topologies: LeafTopology[] = [];
const connections: NatsConnection[] = [];

async function open(server: NatsServer): Promise<NatsConnection> {
  const nc = await connect({ servers: server.url });
  connections.push(nc);
  return nc;
}

afterEach(async () => {
  await Promise.all(connections.splice(0).map((nc) => nc.close().catch(() => undefined)));
  await Promise.all(topologies.splice(0).map((t) => t.stop()));
});

/** Creates a file stream that exists only in `server`'s JetStream domain. */
async function addStream(server: NatsServer, name: string, subjects: string[]): Promise<void> {
  const nc = await open(server);
  const jsm = await jetstreamManager(nc, { domain: server.domain });
  await jsm.streams.add({ name, subjects, storage: StorageType.File });
}

async function messageCount(server: NatsServer, stream: string): Promise<number> {
  const nc = await open(server);
  const jsm = await jetstreamManager(nc, { domain: server.domain });
  return (await jsm.streams.info(stream)).state.messages;
}

describe('startLeafTree', () => {
  it('lets a leaf client publish into a stream that exists only in the hub domain', async () => {
    const tree = await startLeafTree({ hubDomain: 'central', leaves: ['h41', 'h42'] });
    topologies.push(tree);
    expect(Object.keys(tree.leaves).sort()).toEqual(['h41', 'h42']);
    expect(tree.hub.domain).toBe('central');
    expect(await tree.isLinkUp('h41')).toBe(true);
    expect(await tree.isLinkUp('h42')).toBe(true);

    await addStream(tree.hub, 'CENTRAL_IN', ['central.in.>']);
    const leafA = tree.leaves['h41'];
    if (leafA === undefined) throw new Error('no h41');
    const js = jetstream(await open(leafA));
    // The hub's new stream interest reaches the leaf asynchronously; give it a moment.
    const ack = await eventually(() => js.publish('central.in.h41', 'from h41', { timeout: 2000 }), {
      timeoutMs: 5000,
    });
    expect(ack).toMatchObject({ stream: 'CENTRAL_IN', domain: 'central', seq: 1, duplicate: false });
    expect(await messageCount(tree.hub, 'CENTRAL_IN')).toBe(1);

    // The stream is not in the leaf's own domain.
    const leafJsm = await jetstreamManager(await open(leafA), { domain: 'h41' });
    await expect(leafJsm.streams.info('CENTRAL_IN')).rejects.toThrow(/stream not found/i);
  });

  it('direct: links without a proxy carry publishes to the hub, and cannot be cut', async () => {
    const tree = await startLeafTree({ leaves: ['h41'], direct: true });
    topologies.push(tree);
    expect(tree.proxies).toEqual({});
    expect(await tree.isLinkUp('h41')).toBe(true);
    await addStream(tree.hub, 'CENTRAL_IN', ['central.in.>']);
    const js = jetstream(await open(tree.leaves['h41']!));
    const ack = await eventually(() => js.publish('central.in.h41', 'direct', { timeout: 2000 }), {
      timeoutMs: 5000,
    });
    expect(ack).toMatchObject({ stream: 'CENTRAL_IN', domain: 'central', seq: 1 });
    await expect(tree.cutLink('h41')).rejects.toThrow(/direct \(no proxy\): it cannot be cut/);
    expect(await tree.isLinkUp('h41')).toBe(true);
  });

  it('cutLink stops publishes from the leaf to the hub; restoreLink brings them back', async () => {
    const tree = await startLeafTree({ leaves: ['h41', 'h42'] });
    topologies.push(tree);
    await addStream(tree.hub, 'CENTRAL_IN', ['central.in.>']);
    const leafA = tree.leaves['h41'];
    if (leafA === undefined) throw new Error('no h41');
    const js = jetstream(await open(leafA));
    await eventually(() => js.publish('central.in.x', 'before', { timeout: 2000 }), { timeoutMs: 5000 });

    await tree.cutLink('h41');
    expect(await tree.isLinkUp('h41')).toBe(false);
    expect(await tree.isLinkUp('h42')).toBe(true);
    const started = Date.now();
    await expect(js.publish('central.in.x', 'during', { timeout: 2000 })).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(3000);
    // Still cut after the leaf's reconnect interval (1 s) has passed.
    await new Promise((r) => setTimeout(r, 1200));
    expect(await tree.isLinkUp('h41')).toBe(false);

    const restoredAt = Date.now();
    await tree.restoreLink('h41');
    const ack = await eventually(() => js.publish('central.in.x', 'after', { timeout: 2000 }), {
      timeoutMs: 10_000,
    });
    expect(Date.now() - restoredAt).toBeLessThan(10_000);
    expect(ack.seq).toBe(2);
    expect(await messageCount(tree.hub, 'CENTRAL_IN')).toBe(2);
  });

  it('stop() ends every server it started', async () => {
    const tree = await startLeafTree({ leaves: ['h41', 'h42'] });
    topologies.push(tree);
    const pids = [tree.hub.pid, ...Object.values(tree.leaves).map((s) => s.pid)];
    expect(liveServerPids().sort()).toEqual([...pids].sort());
    await tree.stop();
    expect(liveServerPids()).toEqual([]);
    for (const pid of pids)
      expect(() => process.kill(pid, 0)).toThrow(expect.objectContaining({ code: 'ESRCH' }));
  });
});

describe('startLeafChain', () => {
  it('carries a publish from the bottom of a 4-level chain to a stream at the top', async () => {
    const chain = await startLeafChain(['central', 'province', 'district', 'commune']);
    topologies.push(chain);
    expect(chain.chain.map((s) => s.domain)).toEqual(['central', 'province', 'district', 'commune']);
    await addStream(chain.root, 'CENTRAL_IN', ['central.in.>']);
    const commune = chain.servers['commune'];
    if (commune === undefined) throw new Error('no commune');
    const js = jetstream(await open(commune));
    const ack = await eventually(() => js.publish('central.in.c1', 'from commune', { timeout: 2000 }), {
      timeoutMs: 5000,
    });
    expect(ack).toMatchObject({ domain: 'central', seq: 1 });

    // A cut in the middle of the chain isolates everything below it.
    await chain.cutLink('district');
    await expect(js.publish('central.in.c1', 'cut', { timeout: 2000 })).rejects.toThrow();
    await chain.restoreLink('district');
    const after = await eventually(() => js.publish('central.in.c1', 'again', { timeout: 2000 }), {
      timeoutMs: 10_000,
    });
    expect(after.seq).toBe(2);
  });
});

describe('startLeafTree with chainDepth', () => {
  it('puts intermediate servers between the hub and each leaf', async () => {
    const tree = await startLeafTree({ leaves: ['h41'], chainDepth: 1 });
    topologies.push(tree);
    expect(Object.keys(tree.servers).sort()).toEqual(['central', 'h41', 'h41-up1']);
    expect(await tree.isLinkUp('h41-up1')).toBe(true);
    await addStream(tree.hub, 'CENTRAL_IN', ['central.in.>']);
    const leaf = tree.leaves['h41'];
    if (leaf === undefined) throw new Error('no h41');
    const js = jetstream(await open(leaf));
    const ack = await eventually(() => js.publish('central.in.deep', 'two hops', { timeout: 2000 }), {
      timeoutMs: 5000,
    });
    expect(ack).toMatchObject({ domain: 'central', seq: 1 });
  });
});
