/**
 * The scale-out layout: the centre on its own server (JetStream domain `central`), each province on
 * a leaf-node server with its own domain. Documents cross domains hop by hop, statuses come back,
 * and a cut leaf link only delays: the province keeps documents in its own streams until the link
 * returns (store-and-forward).
 */
import { auditedNodes, createLogger, startNode, verifyNodeAudit } from '@lienthong/node';
import type { RunningNode } from '@lienthong/node';
import { BusinessStatus, TransportState, connect } from '@lienthong/sdk';
import type { LienthongClient, Tracker } from '@lienthong/sdk';
import { startLeafTree } from '@lienthong/testkit';
import type { LeafTree } from '@lienthong/testkit';
import { demoDomainTopology, nodesInDomain } from './support';

jest.setTimeout(90_000);

const SENDER = '000.01.43.H41'; // commune of Yên Thành, in domain h41
const CENTRE = '000.00.00.G22'; // Government Office, domain central
const HATINH = '000.01.41.H27'; // commune of Hương Sơn, domain h27

describe('provinces as leaf nodes with their own JetStream domains', () => {
  let tree: LeafTree;
  const nodes: RunningNode[] = [];
  const clients: LienthongClient[] = [];
  const trackers: Tracker[] = [];
  const topology = demoDomainTopology();
  const log = createLogger({ name: 'leaf-test', level: 'warn' });

  const host = async (domain: string, url: string): Promise<void> => {
    nodes.push(
      await startNode(
        { servers: url, topology, nodes: nodesInDomain(topology, domain), domain, name: `lt-${domain}` },
        { logger: log },
      ),
    );
  };
  const client = async (agency: string, url: string, domain: string): Promise<LienthongClient> => {
    const c = await connect({ servers: url, agency, domain });
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    tree = await startLeafTree({ hubDomain: 'central', leaves: ['h41', 'h27'] });
    await host('central', tree.hub.url);
    await host('h41', tree.leaves.h41!.url);
    await host('h27', tree.leaves.h27!.url);
  });

  afterAll(async () => {
    await Promise.allSettled(trackers.map((t) => t.stop()));
    await Promise.allSettled(clients.map((c) => c.close()));
    await Promise.allSettled(nodes.map((n) => n.stop()));
    await tree?.stop();
  });

  it('carries a document across three domains and the statuses back', async () => {
    const sender = await client(SENDER, tree.leaves.h41!.url, 'h41');
    const centre = await client(CENTRE, tree.hub.url, 'central');
    const hatinh = await client(HATINH, tree.leaves.h27!.url, 'h27');
    const documentId = `${SENDER},2026/11/22,101/UBND-VP`;
    const tracker = await sender.track(documentId);
    trackers.push(tracker);
    await sender.send({
      documentId,
      subject: 'Liên thông giữa các miền',
      to: [{ code: CENTRE }, { code: HATINH }],
    });

    for (const [recipient, code] of [
      [centre, BusinessStatus.BUSINESS_STATUS_COMPLETED],
      [hatinh, BusinessStatus.BUSINESS_STATUS_ACCEPTED],
    ] as const) {
      const inbox = recipient.inbox();
      for await (const item of inbox) {
        expect(item.documentId).toBe(documentId);
        await item.ack();
        await recipient.report(item.documentId, code, { description: 'ok' });
        break;
      }
      await inbox.stop();
    }
    const records = await tracker.until(
      (rs) => rs.length === 2 && rs.every((r) => r.business >= BusinessStatus.BUSINESS_STATUS_ACCEPTED),
      { signal: AbortSignal.timeout(20_000) },
    );
    const byRecipient = new Map(records.map((r) => [r.recipient, r]));
    expect(byRecipient.get(CENTRE)!.business).toBe(BusinessStatus.BUSINESS_STATUS_COMPLETED);
    expect(byRecipient.get(CENTRE)!.hops.map((h) => h.node)).toEqual([
      'h41-yenthanh-xa1',
      'h41-yenthanh',
      'h41',
      'vn',
    ]);
    expect(byRecipient.get(HATINH)!.hops.map((h) => h.node)).toEqual(
      topology.path('h41-yenthanh-xa1', 'h27-huongson-xa1'),
    );
    expect(byRecipient.get(HATINH)!.transport).toBe(TransportState.TRANSPORT_STATE_FETCHED);
    // With the domain-local shortcut (the default) each domain's part of the path is one publish: the
    // nodes passed within a domain are marked; across domains every node takes custody.
    const shortcut = nodes[0]!.config.domainShortcut;
    const passed = (r: {
      hops: readonly { node?: string | null; passedLocally?: boolean | null }[];
    }): unknown[] => r.hops.filter((h) => h.passedLocally).map((h) => h.node);
    expect(passed(byRecipient.get(CENTRE)!)).toEqual(shortcut ? ['h41-yenthanh'] : []);
    expect(passed(byRecipient.get(HATINH)!)).toEqual(shortcut ? ['h41-yenthanh', 'h27-huongson'] : []);
    // Each domain keeps the audit chains of its own nodes only, each one intact.
    for (const n of nodes) {
      const own = n.runtime.nodes.map((i) => i.id);
      expect(own).toEqual(expect.arrayContaining(await auditedNodes(n.nats.jsm)));
      for (const id of own) expect((await verifyNodeAudit(n.nats.js, n.nats.jsm, id)).broken).toBeUndefined();
    }
    const hub = nodes[0]!;
    expect(await auditedNodes(hub.nats.jsm)).toEqual(['vn']);
    expect((await verifyNodeAudit(hub.nats.js, hub.nats.jsm, 'vn')).entries).toBeGreaterThan(0);
  });

  it('keeps documents in the province while its leaf link is cut, then delivers them once', async () => {
    const sender =
      clients.find((c) => c.agency === SENDER) ?? (await client(SENDER, tree.leaves.h41!.url, 'h41'));
    const centre =
      clients.find((c) => c.agency === CENTRE) ?? (await client(CENTRE, tree.hub.url, 'central'));
    await tree.cutLink('h41');
    const ids: string[] = [];
    for (let i = 0; i < 50; i++) {
      const documentId = `${SENDER},2026/11/22,${200 + i}/UBND-VP`;
      ids.push(documentId);
      // The home node is on the province's own server: it takes custody while the centre is unreachable.
      await sender.send({ documentId, subject: `Văn bản ${i}`, to: [{ code: CENTRE }] });
    }
    await new Promise((r) => setTimeout(r, 1500));
    const early = centre.inbox();
    const got = new Map<string, number>();
    const drain = (async () => {
      for await (const item of early) {
        got.set(item.documentId, (got.get(item.documentId) ?? 0) + 1);
        await item.ack();
        if (got.size === ids.length) break;
      }
    })();
    await new Promise((r) => setTimeout(r, 1000));
    expect(got.size).toBe(0); // nothing crossed while the link was down
    await tree.restoreLink('h41');
    await Promise.race([
      drain,
      new Promise((_, reject) => setTimeout(() => reject(new Error('not delivered in time')), 40_000)),
    ]);
    await early.stop();
    expect([...got.keys()].sort()).toEqual([...ids].sort());
    expect([...got.values()].every((n) => n === 1)).toBe(true);
  });
  it('tells a reporter in another domain that the sender’s home node refused its status', async () => {
    const sender =
      clients.find((c) => c.agency === SENDER) ?? (await client(SENDER, tree.leaves.h41!.url, 'h41'));
    const hatinh =
      clients.find((c) => c.agency === HATINH) ?? (await client(HATINH, tree.leaves.h27!.url, 'h27'));
    const documentId = `${SENDER},2026/11/22,103/UBND-VP`;
    await sender.send({ documentId, subject: 'Chỉ gửi Văn phòng Chính phủ', to: [{ code: CENTRE }] });
    const refusals = await hatinh.refusals();
    try {
      // Not sent to Hà Tĩnh: refused at h41-yenthanh-xa1 (domain h41), told in domain h27.
      await hatinh.report(documentId, BusinessStatus.BUSINESS_STATUS_ACCEPTED, { description: 'nhầm số' });
      const it = refusals[Symbol.asyncIterator]();
      const next = await Promise.race([
        it.next(),
        new Promise<never>((_, reject) =>
          setTimeout(() => reject(new Error('no refusal within 20 s')), 20_000).unref(),
        ),
      ]);
      expect(next.done).toBe(false);
      expect(next.value).toMatchObject({
        documentId,
        kind: 'status',
        code: BusinessStatus.BUSINESS_STATUS_ACCEPTED,
        reasonName: 'NOT_A_RECIPIENT',
        node: 'h41-yenthanh-xa1',
      });
      expect((await sender.snapshot(documentId)).map((r) => r.recipient)).toEqual([CENTRE]);
    } finally {
      await refusals.stop();
    }
  });
});
