/**
 * Moving an agency to another node while documents are in flight: the directory in KV changes, the
 * runtime follows it without a restart, documents already on their way are routed on to the new
 * home, unread inbox items move with the agency, and nothing arrives twice.
 */
import { Kvm } from '@nats-io/kv';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect as natsConnect } from '@nats-io/transport-node';
import {
  BUCKETS,
  agencyServiceSubject,
  directoryKeys,
  inboxDurableOf,
  inboxFilter,
  inboxPrefixOf,
} from '@lienthong/core';
import type { AgencyServiceReply } from '@lienthong/core';
import { AgencyRecord } from '@lienthong/proto';
import { connect } from '@lienthong/sdk';
import type { LienthongClient } from '@lienthong/sdk';
import { startDemoBroker } from './support';
import type { DemoBroker } from './support';

jest.setTimeout(60_000);

const SENDER = '000.01.44.H41'; // commune Quỳnh Thạch
const MOVER = '000.02.43.H41'; // commune Công Thành, moving from h41-yenthanh-xa2 to h41-yenthanh-xa1

describe('agency move', () => {
  let b: DemoBroker;
  const clients: LienthongClient[] = [];

  beforeAll(async () => {
    b = await startDemoBroker('move', 'warn');
  });

  afterAll(async () => {
    await Promise.allSettled(clients.map((c) => c.close()));
    await b?.stop();
  });

  it('re-routes documents in flight and moves unread inbox items, each delivered once', async () => {
    const sender = await connect({ servers: b.server.url, agency: SENDER });
    clients.push(sender);
    const ids = Array.from({ length: 200 }, (_, i) => `${SENDER},2026/11/22,${i + 1}/UBND-VP`);
    const kv = await new Kvm(b.nc).open(BUCKETS.directory);
    const entry = await kv.get(directoryKeys.agency(MOVER));
    const record = AgencyRecord.decode(entry!.value);
    expect(record.homeNode).toBe('h41-yenthanh-xa2');

    // 50 documents reach the old inbox and stay unread.
    for (const documentId of ids.slice(0, 50))
      await sender.send({ documentId, subject: 'trước', to: [{ code: MOVER }] });
    const jsm = await jetstreamManager(b.nc);
    const inOld = async (): Promise<number> => {
      const info = await jsm.streams.info('LT_INBOX', {
        subjects_filter: inboxFilter('commune', 'h41-yenthanh-xa2', MOVER),
      });
      return Object.values(info.state.subjects ?? {}).reduce((a, b) => a + b, 0);
    };
    const until = Date.now() + 20_000;
    while ((await inOld()) < 50 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    expect(await inOld()).toBe(50);

    // The other 150 are sent while the agency moves: some are on their way when it does.
    const sending = (async () => {
      for (const [i, documentId] of ids.slice(50).entries()) {
        await sender.send({ documentId, subject: `Văn bản ${i + 51}`, to: [{ code: MOVER }] });
      }
    })();
    while (b.node.runtime.counters.submitted < 100) await new Promise((r) => setTimeout(r, 2));
    await kv.put(
      directoryKeys.agency(MOVER),
      AgencyRecord.encode({ ...record, homeNode: 'h41-yenthanh-xa1' }).finish(),
    );
    await sending;

    const deadline = Date.now() + 30_000;
    while (b.node.runtime.topology.agency(MOVER)?.homeNode !== 'h41-yenthanh-xa1' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(b.node.runtime.topology.agency(MOVER)?.homeNode).toBe('h41-yenthanh-xa1');

    // Its old home node makes it no inbox consumer any more: it answers with its home node now.
    const asker = await natsConnect({
      servers: b.server.url,
      inboxPrefix: inboxPrefixOf({ kind: 'agency', agency: MOVER }),
    });
    try {
      const m = await asker.request(
        agencyServiceSubject('commune', 'h41-yenthanh-xa2', MOVER),
        JSON.stringify({ op: 'inbox', maxAckPending: 100, ackWaitMs: 30_000 }),
        { timeout: 10_000 },
      );
      const reply = JSON.parse(m.string()) as AgencyServiceReply;
      expect(reply).toMatchObject({ ok: false, code: 'FailedPrecondition', homeNode: 'h41-yenthanh-xa1' });
      expect(reply.ok ? '' : reply.message).toContain('h41-yenthanh-xa1');
    } finally {
      await asker.close();
    }
    await expect(jsm.consumers.info('LT_INBOX', inboxDurableOf(MOVER))).rejects.toThrow(/not found/i);

    const mover = await connect({ servers: b.server.url, agency: MOVER });
    clients.push(mover);
    expect(mover.homeNode.id).toBe('h41-yenthanh-xa1');
    const seen = new Map<string, number>();
    const inbox = mover.inbox({ maxInFlight: 32 });
    const timer = setTimeout(() => void inbox.stop(), 25_000);
    for await (const item of inbox) {
      seen.set(item.documentId, (seen.get(item.documentId) ?? 0) + 1);
      await item.ack();
      if (seen.size === ids.length) break;
    }
    clearTimeout(timer);
    await inbox.stop();
    expect([...seen.keys()].sort()).toEqual([...ids].sort());
    expect([...seen.values()].filter((n) => n !== 1)).toEqual([]);
    // The 50 unread items were copied to the new inbox.
    const moved = await jsm.streams.info('LT_INBOX', {
      subjects_filter: inboxFilter('commune', 'h41-yenthanh-xa1', MOVER),
    });
    expect(Object.keys(moved.state.subjects ?? {}).length).toBe(ids.length);
  });
});
