/**
 * Routing matrix: documents between every pair of levels, both ways and between peers, on the 4-level
 * demo tree and on a 3-level tree without districts. Each must land in the right inbox exactly once
 * (seen through the SDK and in LT_INBOX), and its hop trace must be the tree path between the two
 * home nodes, both on the delivered envelope and in the sender's tracking record.
 */
import { parseTopology } from '@lienthong/core';
import type { Topology } from '@lienthong/core';
import { BusinessStatus, TransportState } from '@lienthong/proto';
import type { TrackingRecord } from '@lienthong/proto';
import type { LienthongClient } from '@lienthong/sdk';
import type { NatsServer } from '@lienthong/testkit';
import { A, Harness, demoTopology, docId, documentOf, waitFor } from './harness';
import type { InboxReader } from './harness';

interface Sent {
  readonly documentId: string;
  readonly from: string;
  readonly to: readonly string[];
}

/**
 * Runs the matrix on one topology: each agency sends one document to each other agency, and one
 * document to all of them at once (split by next hop on the way).
 */
async function runMatrix(h: Harness, server: NatsServer, topology: Topology, agencies: readonly string[]) {
  const inspect = await h.inspector(server, topology);
  const clients = new Map<string, LienthongClient>();
  for (const a of agencies) clients.set(a, await h.client(server, a));
  const readers = new Map<string, InboxReader>();
  for (const [a, c] of clients) readers.set(a, h.reader(c));

  const sent: Sent[] = [];
  for (const from of agencies) {
    const client = clients.get(from)!;
    const others = agencies.filter((a) => a !== from);
    for (const to of others) {
      const id = docId(from, 'PAIR');
      await client.send(documentOf(id, from, [to]));
      sent.push({ documentId: id, from, to: [to] });
    }
    const id = docId(from, 'FANOUT');
    await client.send(documentOf(id, from, others));
    sent.push({ documentId: id, from, to: others });
  }
  const expected = new Map<string, number>(agencies.map((a) => [a, 0]));
  for (const s of sent) for (const r of s.to) expected.set(r, (expected.get(r) ?? 0) + 1);

  // Every recipient's SDK inbox yields each of its documents once, and acknowledges it (01).
  for (const [a, reader] of readers) await reader.waitForDocuments(expected.get(a)!, 20_000);

  // The sender sees every copy delivered with its route, and confirmed (01) by the recipient.
  await waitFor(
    'every copy routed and confirmed in the senders’ tracking',
    async () => {
      for (const s of sent) {
        const records = await inspect.records(s.from, s.documentId, s.to);
        if (records.length !== s.to.length) return false;
        const done = (r: TrackingRecord): boolean =>
          r.transport === TransportState.TRANSPORT_STATE_FETCHED &&
          r.business === BusinessStatus.BUSINESS_STATUS_ARRIVED &&
          r.hops.length > 0;
        if (!records.every(done)) return false;
      }
      return true;
    },
    20_000,
  );

  return { inspect, clients, readers, sent, expected };
}

async function checkMatrix(topology: Topology, ctx: Awaited<ReturnType<typeof runMatrix>>): Promise<void> {
  const { inspect, readers, sent, expected } = ctx;
  const path = (from: string, to: string): string[] =>
    topology.path(topology.homeNodeOf(from).id, topology.homeNodeOf(to).id);

  for (const [agency, reader] of readers) {
    // Exactly once through the SDK: no document twice, nothing that was not sent to this agency.
    const docs = reader.documents();
    const counts = reader.counts();
    expect({ agency, items: docs.length }).toEqual({ agency, items: expected.get(agency) });
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    // Exactly once in LT_INBOX too, whatever the SDK does.
    const stored = await inspect.inboxCounts(agency);
    expect({ agency, stored: stored.size }).toEqual({ agency, stored: expected.get(agency) });
    expect([...stored.values()].every((n) => n === 1)).toBe(true);
    for (const item of docs) {
      const s = sent.find((x) => x.documentId === item.documentId);
      expect(s).toBeDefined();
      expect(s!.to).toContain(agency);
      expect(item.sender).toBe(s!.from);
      expect(item.envelope.recipients).toEqual([agency]);
      // The envelope's hop trace is the tree path from the sender's home to the recipient's.
      expect({ doc: item.documentId, hops: item.envelope.hops.map((hop) => hop.node) }).toEqual({
        doc: item.documentId,
        hops: path(s!.from, agency),
      });
    }
  }

  for (const s of sent) {
    const records = await inspect.records(s.from, s.documentId, s.to);
    expect(records.map((r) => r.recipient).sort()).toEqual([...s.to].sort());
    for (const r of records) {
      expect(r.sender).toBe(s.from);
      // Fetched by the recipient's system, which confirmed arrival (01) once.
      expect(r.transport).toBe(TransportState.TRANSPORT_STATE_FETCHED);
      expect(r.business).toBe(BusinessStatus.BUSINESS_STATUS_ARRIVED);
      expect(r.timeline.filter((e) => e.business === BusinessStatus.BUSINESS_STATUS_ARRIVED)).toHaveLength(1);
      expect(r.failure).toBe(0);
      expect({ doc: s.documentId, to: r.recipient, hops: r.hops.map((hop) => hop.node) }).toEqual({
        doc: s.documentId,
        to: r.recipient,
        hops: path(s.from, r.recipient),
      });
      // One DELIVERED on the timeline: the copy was delivered once.
      const delivered = r.timeline.filter((e) => e.transport === TransportState.TRANSPORT_STATE_DELIVERED);
      expect(delivered).toHaveLength(1);
    }
  }
}

describe('routing matrix', () => {
  const h = new Harness();
  afterEach(() => h.cleanup());

  it('4-level demo tree: every level to every level, both ways, and peers, exactly once on the tree path', async () => {
    const topology = demoTopology();
    const server = await h.server();
    await h.node(server, topology);
    // One or two agencies per level, so that every ordered pair of levels appears, plus the peers
    // province→province, district→district, commune→commune in another district and in another
    // province, and two agencies on one node (h41).
    const agencies = [
      A.government,
      A.nghean,
      A.noivu,
      A.hatinh,
      A.yenthanh,
      A.quynhluu,
      A.baothanh,
      A.congthanh,
      A.quynhthach,
      A.sontay,
    ];
    const ctx = await runMatrix(h, server, topology, agencies);
    await checkMatrix(topology, ctx);
    // A spot check that the matrix covers long paths: commune → commune in another province.
    expect(topology.path('h41-yenthanh-xa1', 'h27-huongson-xa1')).toEqual([
      'h41-yenthanh-xa1',
      'h41-yenthanh',
      'h41',
      'vn',
      'h27',
      'h27-huongson',
      'h27-huongson-xa1',
    ]);
  }, 60_000);

  it('3-level tree without districts (province → commune): every pair, exactly once on the tree path', async () => {
    const topology = parseTopology({
      nodes: [
        { id: 'vn', level: 'central', name: 'Trục quốc gia' },
        { id: 'p1', level: 'province', name: 'Tỉnh 1', parent: 'vn' },
        { id: 'p1-c1', level: 'commune', name: 'Xã 1 tỉnh 1', parent: 'p1' },
        { id: 'p1-c2', level: 'commune', name: 'Xã 2 tỉnh 1', parent: 'p1' },
        { id: 'p2', level: 'province', name: 'Tỉnh 2', parent: 'vn' },
        { id: 'p2-c1', level: 'commune', name: 'Xã 1 tỉnh 2', parent: 'p2' },
      ],
      agencies: [
        { code: '000.00.00.G01', name: 'Bộ 1', tier: 'central', homeNode: 'vn' },
        { code: '000.00.00.H01', name: 'UBND tỉnh 1', tier: 'province', homeNode: 'p1' },
        { code: '000.00.00.H02', name: 'UBND tỉnh 2', tier: 'province', homeNode: 'p2' },
        {
          code: '001.01.00.H01',
          name: 'UBND xã 1 tỉnh 1',
          tier: 'commune',
          parentCode: '000.00.00.H01',
          homeNode: 'p1-c1',
        },
        {
          code: '002.01.00.H01',
          name: 'UBND xã 2 tỉnh 1',
          tier: 'commune',
          parentCode: '000.00.00.H01',
          homeNode: 'p1-c2',
        },
        {
          code: '001.01.00.H02',
          name: 'UBND xã 1 tỉnh 2',
          tier: 'commune',
          parentCode: '000.00.00.H02',
          homeNode: 'p2-c1',
        },
      ],
    });
    const server = await h.server();
    await h.node(server, topology);
    const agencies = topology.agencies().map((a) => a.code);
    const ctx = await runMatrix(h, server, topology, agencies);
    await checkMatrix(topology, ctx);
    expect(topology.path('p1-c1', 'p1-c2')).toEqual(['p1-c1', 'p1', 'p1-c2']);
    expect(topology.path('p1-c1', 'p2-c1')).toEqual(['p1-c1', 'p1', 'vn', 'p2', 'p2-c1']);
  }, 60_000);
});
