/**
 * Overdue: a recipient that does not confirm arrival (01) by its deadline is raised as overdue in the
 * sender's tracking, and the change is published on the sender's track subject; one that confirms
 * in time is not; a late confirmation clears the flag.
 */
import { TransportState } from '@lienthong/proto';
import type { TrackingRecord } from '@lienthong/proto';
import { A, Harness, demoTopology, docId, documentOf, waitFor } from './harness';

describe('overdue', () => {
  const h = new Harness();
  afterEach(() => h.cleanup());

  it('a recipient that never acks becomes overdue (and the sender hears of it); one that acks does not', async () => {
    const topology = demoTopology();
    const server = await h.server();
    await h.node(server, topology, { overdue: { fixedMs: 300, sweepIntervalMs: 100 } });
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

    // The late one finally reads its inbox: 01 clears the flag.
    h.reader(silent);
    const cleared = await waitFor('the overdue flag cleared by a late 01', async () => {
      const r = await inspect.record(A.nghean, id, A.hatinh);
      return r && !r.overdue && r.business === 1 ? r : false;
    });
    expect(cleared.transport).toBe(TransportState.TRANSPORT_STATE_FETCHED);
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
});
