/**
 * A node the directory gains while the broker runs (`lienthong topology apply` adding a province):
 * a runtime that hosts every node of that level serves the level with one wildcard consumer, so the
 * new node's messages come to it. It takes the node on — documents to the new node's agencies are
 * delivered, its agencies' SDK clients get answers — instead of dead-lettering them as addressed to
 * nobody. A runtime that serves the level node by node does not: nothing of the node is taken.
 */
import { Kvm } from '@nats-io/kv';
import { BUCKETS, STREAMS, deadSubject, directoryKeys } from '@lienthong/core';
import type { NodeInfo } from '@lienthong/core';
import { HostedNodes, wholeLevels } from '@lienthong/node/internal';
import { AgencyRecord, BusinessStatus, Level, NodeRecord, TransportState } from '@lienthong/proto';
import { A, Harness, demoTopology, docId, documentOf, waitFor } from './harness';

const NEW_NODE = 'h14';
const NEW_AGENCY = '000.00.00.H14';

describe('a node added to the directory while running', () => {
  const h = new Harness();
  afterAll(() => h.cleanup());

  it('is taken on by the runtime that serves its level whole, and again after a restart: its agency connects and gets documents, no dead letter', async () => {
    const topology = demoTopology();
    const server = await h.server();
    const node = await h.node(server, topology);
    expect(node.runtime.hostsNode(NEW_NODE)).toBe(false);
    const inspect = await h.inspector(server, topology);
    const kv = await new Kvm(inspect.nc).open(BUCKETS.directory);

    // What `topology apply` writes for a new province and its people's committee.
    await kv.put(
      directoryKeys.node(NEW_NODE),
      NodeRecord.encode({
        id: NEW_NODE,
        level: Level.LEVEL_PROVINCE,
        parent: 'vn',
        name: 'Nền tảng liên thông tỉnh Quảng Ninh',
      }).finish(),
    );
    await kv.put(
      directoryKeys.agency(NEW_AGENCY),
      AgencyRecord.encode({
        code: NEW_AGENCY,
        name: 'Ủy ban nhân dân tỉnh Quảng Ninh',
        tier: Level.LEVEL_PROVINCE,
        homeNode: NEW_NODE,
      }).finish(),
    );
    // Taken on when the directory shows it, before any message for it, by the one set of hosted
    // nodes the runtime, its consumers and its inbox mover share.
    await waitFor('the runtime to host the new node', () => node.runtime.hostsNode(NEW_NODE), 10_000);
    const hosted = node.container.resolve(HostedNodes);
    expect(hosted).toBe(node.container.resolve(HostedNodes));
    expect(hosted.has(NEW_NODE)).toBe(true);

    const reader = h.reader(await h.client(server, NEW_AGENCY));
    const sender = await h.client(server, A.government);
    const id = docId(A.government, 'ADOPT');
    await sender.send(documentOf(id, A.government, [NEW_AGENCY, A.nghean]));
    const [item] = await reader.waitForDocuments(1);
    expect(item?.documentId).toBe(id);
    // The item was acknowledged: its 01 comes back from the new node's agency to the sender.
    const record = await waitFor(
      'the recipient’s 01 in the sender’s record',
      async () => {
        const r = await inspect.record(A.government, id, NEW_AGENCY);
        return r?.business === BusinessStatus.BUSINESS_STATUS_ARRIVED ? r : false;
      },
      10_000,
    );
    expect(record.transport).not.toBe(TransportState.TRANSPORT_STATE_FAILED);
    expect(await inspect.deadLetters('vn')).toEqual([]);
    expect(await inspect.count(STREAMS.dead, deadSubject(Level.LEVEL_PROVINCE, NEW_NODE))).toBe(0);

    // Started again from the same topology file (which lacks the node): taken on at start.
    await node.stop();
    const again = await h.node(server, topology);
    expect(again.runtime.hostsNode(NEW_NODE)).toBe(true);
    const second = docId(A.government, 'ADOPT2');
    await sender.send(documentOf(second, A.government, [NEW_AGENCY]));
    const items = await reader.waitForDocuments(2);
    expect(items.map((i) => i.documentId)).toEqual([id, second]);
    expect(await inspect.count(STREAMS.dead, '>')).toBe(0);
  });

  it('only at a level served by one wildcard consumer, in the runtime’s own domain', () => {
    const topology = demoTopology();
    const provinces = topology.nodes().filter((n) => n.levelName === 'province');
    const all = topology.nodes();
    const central = all.filter((n) => n.levelName === 'central');
    // Every node: each level with more than one node is served whole; the single centre node by node.
    expect([...wholeLevels(topology, '', all)].sort()).toEqual(['commune', 'district', 'province']);
    expect(wholeLevels(topology, '', central).size).toBe(0);
    // One province of two: served node by node, so a new province is left for whoever will host it.
    expect(wholeLevels(topology, '', provinces.slice(0, 1)).size).toBe(0);
    // Another domain's nodes are not this runtime's.
    expect(wholeLevels(topology, 'h41', provinces as NodeInfo[]).size).toBe(0);
  });
});
