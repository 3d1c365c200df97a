/**
 * Overdue: a recipient that does not confirm arrival (01) by its deadline is raised as overdue in the
 * sender's tracking, and the change is published on the sender's track subject; one that confirms
 * in time is not; a late confirmation clears the flag.
 */
import { Kvm } from '@nats-io/kv';
import { BUCKETS, parseNodeStatus, statusKeys, trackingKey } from '@lienthong/core';
import type { NodeStatusRecord } from '@lienthong/core';
import { connectNats } from '@lienthong/infra';
import { BusinessStatus, TrackingRecord, TransportState } from '@lienthong/proto';
import { SCAN_FROM } from '../src/overdue';
import { A, Harness, demoTopology, docId, documentOf, waitFor } from './harness';

/** What `lt_status` holds for `node` on the server at `url` (what `lienthong check` sums). */
async function statusOf(url: string, node: string): Promise<NodeStatusRecord | undefined> {
  const handles = await connectNats({ name: 'overdue-status-test', servers: url, timeoutMs: 5_000 });
  try {
    const entry = await (await new Kvm(handles.nc).open(BUCKETS.status)).get(statusKeys.node(node));
    return entry?.operation === 'PUT' ? parseNodeStatus(entry.value) : undefined;
  } finally {
    await handles.nc.close();
  }
}

describe('overdue', () => {
  const h = new Harness();
  afterEach(() => h.cleanup());

  it('a recipient that never acks becomes overdue (and the sender hears of it); one that acks does not', async () => {
    const topology = demoTopology();
    const server = await h.server();
    await h.node(server, topology, { overdue: { fixedMs: 300, sweepIntervalMs: 100 } });
    const home = topology.agency(A.nghean)!.homeNode;
    // Written for every hosted node at start, nothing overdue yet.
    expect(await statusOf(server.url, home)).toMatchObject({ node: home, overdue: 0 });
    const inspect = await h.inspector(server, topology);
    const sender = await h.client(server, A.nghean);
    const silent = await h.client(server, A.hatinh); // connected, but its inbox is not read
    const prompt = await h.client(server, A.yenthanh);
    h.reader(prompt); // reads and acknowledges (01) at once

    const id = docId(A.nghean);
    const sentAt = Date.now();
    await sender.send(documentOf(id, A.nghean, [A.hatinh, A.yenthanh]));

    const late = await waitFor(
      'the silent recipient raised as overdue',
      async () => {
        const r = await inspect.record(A.nghean, id, A.hatinh);
        return r?.overdue ? r : false;
      },
      10_000,
    );
    expect(Date.now() - sentAt).toBeGreaterThanOrEqual(300);
    expect(late.transport).toBe(TransportState.TRANSPORT_STATE_DELIVERED);
    expect(late.business).toBe(0);
    expect(late.confirmByMs).toBeGreaterThan(0);
    expect(late.confirmByMs - late.sentAtMs).toBe(300);

    // Published on the sender's track subject, where its systems follow changes.
    const published = (await inspect.trackMessages(A.nghean)).filter((r) => r.documentId === id);
    const flagged = (who: string): TrackingRecord[] =>
      published.filter((r) => r.recipient === who && r.overdue);
    expect(flagged(A.hatinh).length).toBeGreaterThanOrEqual(1);

    // The one that acknowledged in time was never raised.
    const ok = (await inspect.record(A.nghean, id, A.yenthanh))!;
    expect(ok.overdue).toBe(false);
    expect(ok.business).toBe(1);
    expect(ok.transport).toBe(TransportState.TRANSPORT_STATE_FETCHED);
    expect(flagged(A.yenthanh)).toEqual([]);
    // The sender's home node tells of one overdue recipient.
    await waitFor('lt_status: 1 overdue', async () => (await statusOf(server.url, home))?.overdue === 1);

    // The late one finally reads its inbox: 01 clears the flag.
    h.reader(silent);
    const cleared = await waitFor('the overdue flag cleared by a late 01', async () => {
      const r = await inspect.record(A.nghean, id, A.hatinh);
      return r && !r.overdue && r.business === 1 ? r : false;
    });
    expect(cleared.transport).toBe(TransportState.TRANSPORT_STATE_FETCHED);
    await waitFor('lt_status: 0 overdue', async () => (await statusOf(server.url, home))?.overdue === 0);
  });

  it('a runtime restarted before the deadline still raises the recipient overdue (the index is rebuilt)', async () => {
    const topology = demoTopology();
    const server = await h.server();
    const first = await h.node(server, topology, { overdue: { fixedMs: 1500, sweepIntervalMs: 100 } });
    const inspect = await h.inspector(server, topology);
    const sender = await h.client(server, A.nghean);
    const id = docId(A.nghean);
    await sender.send(documentOf(id, A.nghean, [A.hatinh]));
    await waitFor('delivered', async () => {
      const r = await inspect.record(A.nghean, id, A.hatinh);
      return r?.transport === TransportState.TRANSPORT_STATE_DELIVERED ? r : false;
    });
    await first.stop();
    expect((await inspect.record(A.nghean, id, A.hatinh))!.overdue).toBe(false);

    await h.node(server, topology, { overdue: { fixedMs: 1500, sweepIntervalMs: 100 } });
    const late = await waitFor(
      'raised overdue by the restarted runtime',
      async () => {
        const r = await inspect.record(A.nghean, id, A.hatinh);
        return r?.overdue ? r : false;
      },
      10_000,
    );
    expect(Date.now()).toBeGreaterThanOrEqual(late.confirmByMs);
  });

  it.each([
    ['in one pass', 1],
    // Each record written three times: more gaps than records, so a get each.
    ['a get each, its records rewritten (gaps)', 3],
  ])(
    'a restart over many records reads them (%s) and raises exactly the unconfirmed late ones',
    async (_, writes) => {
      const topology = demoTopology();
      const server = await h.server();
      const first = await h.node(server, topology);
      await first.stop();
      const handles = await connectNats({ name: 'overdue-load-test', servers: server.url, timeoutMs: 5_000 });
      try {
        const kv = await new Kvm(handles.nc).open(BUCKETS.tracking);
        const past = Date.now() - 60_000;
        // More than SCAN_FROM records of hosted senders: late and unconfirmed, confirmed (01 or later),
        // fetched, failed, already overdue, and late ones deleted since.
        const kinds = ['late', 'confirmed', 'fetched', 'failed', 'overdue', 'deleted'] as const;
        const per = Math.ceil(SCAN_FROM / 4);
        const late: string[] = [];
        for (const [k, kind] of kinds.entries()) {
          for (let i = 0; i < per; i++) {
            const documentId = `${A.nghean},2026/12/04,${k * 1000 + i}/LOAD`;
            const key = trackingKey(A.nghean, documentId, A.hatinh);
            const r = TrackingRecord.create({
              documentId,
              sender: A.nghean,
              recipient: A.hatinh,
              sentAtMs: past,
              updatedAtMs: past,
              confirmByMs: past + 1_000,
              transport:
                kind === 'fetched'
                  ? TransportState.TRANSPORT_STATE_FETCHED
                  : kind === 'failed'
                    ? TransportState.TRANSPORT_STATE_FAILED
                    : TransportState.TRANSPORT_STATE_DELIVERED,
              business: kind === 'confirmed' ? BusinessStatus.BUSINESS_STATUS_ACCEPTED : 0,
              overdue: kind === 'overdue',
            });
            for (let w = 0; w < writes; w++) await kv.put(key, TrackingRecord.encode(r).finish());
            if (kind === 'deleted') await kv.delete(key);
            if (kind === 'late') late.push(key);
          }
        }
        expect(per * kinds.length).toBeGreaterThanOrEqual(SCAN_FROM);
        const { state } = await handles.jsm.streams.info(`KV_${BUCKETS.tracking}`);
        expect((state.num_deleted ?? 0) > state.messages).toBe(writes > 1);
        const again = await h.node(server, topology, { overdue: { sweepIntervalMs: 3_600_000 } });
        // Counted from the records read at start: those already overdue (and not the deleted ones).
        const home = topology.agency(A.nghean)!.homeNode;
        expect((await statusOf(server.url, home))?.overdue).toBe(per);
        expect(await again.runtime.sweepOverdue()).toBe(late.length);
        expect((await statusOf(server.url, home))?.overdue).toBe(per + late.length);
        for (const key of late) {
          const r = TrackingRecord.decode((await kv.get(key))!.value);
          expect(r.overdue).toBe(true);
        }
        expect(await again.runtime.sweepOverdue()).toBe(0);
        // The pass left no consumer behind on the bucket.
        const consumers = await handles.jsm.consumers.list(`KV_${BUCKETS.tracking}`).next();
        expect(consumers.filter((c) => c.config.deliver_policy === 'last_per_subject')).toEqual([]);
      } finally {
        await handles.nc.close();
      }
    },
  );
});
