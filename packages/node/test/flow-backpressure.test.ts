/**
 * Backpressure instead of overload: an agency over its limits gets a typed, retryable error with a
 * suggested wait (or waits, when asked), a node whose neighbour's queue is full holds its relays
 * back, and every document eventually sent is delivered exactly once. Real nats-server and runtime.
 */
import { BUCKETS, directoryKeys } from '@lienthong/core';
import { AgencyRecord, Priority } from '@lienthong/proto';
import { BackpressureError, LienthongError, isRetryable } from '@lienthong/sdk';
import type { LienthongClient } from '@lienthong/sdk';
import { Kvm } from '@nats-io/kv';
import { A, Harness, demoTopology, docId, documentOf, waitFor } from './harness';
import type { Inspector } from './harness';

describe('backpressure', () => {
  const h = new Harness();
  afterAll(() => h.cleanup());

  it('an agency over its limit gets a retryable error with a suggested wait; every document it then sends is delivered once', async () => {
    const topology = demoTopology();
    const server = await h.server();
    // A small queue per agency so that the limit is reached quickly.
    const node = await h.node(server, topology, { flow: { maxQueuedPerAgency: 10 } });
    const look = await h.inspector(server, topology);
    await setSubmitLimits(look, A.noivu, { perSecond: 30, burst: 5 });
    await waitFor(
      'the runtime to apply the limits',
      () => node.runtime.submitLimits(A.noivu)?.perSecond === 30,
    );
    const sender = await h.client(server, A.noivu);

    // 60 documents at once, no waiting: the queue takes 10, the rest are refused.
    const ids = Array.from({ length: 60 }, () => docId(A.noivu, 'LIMIT'));
    const first = await Promise.allSettled(
      ids.map((id) => sender.send(documentOf(id, A.noivu, [A.hatinh]), { timeoutMs: 5_000 })),
    );
    const refused = first.flatMap((r, i) => (r.status === 'rejected' ? [{ id: ids[i]!, e: r.reason }] : []));
    expect(refused.length).toBeGreaterThan(0);
    for (const { e } of refused) {
      expect(e).toBeInstanceOf(BackpressureError);
      expect(e).toBeInstanceOf(LienthongError);
      const err = e as BackpressureError;
      expect(err.code).toBe('ResourceExhausted');
      expect(isRetryable(err)).toBe(true);
      expect(err.scope).toBe('agency-queue');
      // The suggestion follows the agency's pace (30/s): a place frees up every ~33 ms.
      expect(err.retryAfterMs).toBeGreaterThanOrEqual(33);
      expect(err.retryAfterMs).toBeLessThanOrEqual(1_000);
    }

    // The caller retries each refused one after the suggested wait, as the error says.
    let retries = 0;
    await Promise.all(
      refused.map(async ({ id, e }) => {
        let wait = (e as BackpressureError).retryAfterMs;
        for (;;) {
          await new Promise((r) => setTimeout(r, wait * (1 + Math.random())));
          try {
            await sender.send(documentOf(id, A.noivu, [A.hatinh]), { timeoutMs: 5_000 });
            return;
          } catch (err) {
            if (!(err instanceof BackpressureError)) throw err;
            retries++;
            wait = err.retryAfterMs;
          }
        }
      }),
    );

    // With waitForCapacity the SDK does the same by itself.
    const waited = Array.from({ length: 30 }, () => docId(A.noivu, 'WAIT'));
    await Promise.all(
      waited.map((id) =>
        sender.send(documentOf(id, A.noivu, [A.hatinh]), { waitForCapacity: true, timeoutMs: 20_000 }),
      ),
    );

    const all = [...ids, ...waited];
    const times = await deliveredOnce(look, sender, all);
    // Paced at 30/s with a burst of 5: 90 documents need about 3 s at the recipient's inbox.
    const span = Math.max(...times) - Math.min(...times);
    process.stdout.write(
      `backpressure: ${refused.length} of 60 refused at first, ${retries} refused again; ${all.length} delivered once over ${span} ms\n`,
    );
    expect(span).toBeGreaterThan(((all.length - 5) / 30) * 1000 * 0.7);
    const usage = await node.runtime.flowUsage();
    expect(usage.pacer.deferred).toBeGreaterThan(0);
  }, 60_000);

  it('a full neighbour queue holds relays back at the node before it, and each document arrives once', async () => {
    const topology = demoTopology();
    const server = await h.server();
    // Five envelopes per neighbour and lane: a commune → central path is full at every hop.
    const node = await h.node(server, topology, { flow: { maxQueuedPerNeighbour: 5 }, http: { port: 0 } });
    const look = await h.inspector(server, topology);
    const sender = await h.client(server, A.baothanh);
    const ids = Array.from({ length: 150 }, () => docId(A.baothanh, 'FULL'));
    await Promise.all(ids.map((id) => sender.send(documentOf(id, A.baothanh, [A.government]))));
    await deliveredOnce(look, sender, ids, A.government);
    const usage = await node.runtime.flowUsage();
    process.stdout.write(
      `neighbour queues of 5: ${usage.room.waited} relays waited for a place, ${usage.room.gaveUp} given back to their stream\n`,
    );
    expect(usage.room.waited).toBeGreaterThan(0);
    expect(usage.relay.limit).toBe(5);
    // The same in the metrics an operator scrapes.
    const metrics = await (await fetch(`${node.runtime.httpUrl}/metrics`)).text();
    expect(metrics).toMatch(/lienthong_flow_queue_limit_messages\{queue="neighbour"\} 5\b/);
    expect(metrics).toMatch(/lienthong_flow_queue_limit_messages\{queue="agency"\} 1000\b/);
    expect(metrics).toMatch(/lienthong_flow_queued_messages\{queue="neighbour"\} \d+/);
  }, 60_000);

  it('a full agency queue refuses new submissions and keeps every accepted one; they are all delivered once when the node serves again', async () => {
    const topology = demoTopology();
    const server = await h.server();
    const flow = { maxQueuedPerAgency: 5 };
    // Every node but h41 is served: Nghệ An's submissions wait in its queue there.
    const others = topology
      .nodes()
      .map((n) => n.id)
      .filter((id) => id !== 'h41');
    await h.node(server, topology, { nodes: others, flow });
    const look = await h.inspector(server, topology);
    const sender = await h.client(server, A.nghean);
    const ids = Array.from({ length: 8 }, () => docId(A.nghean, 'QUEUE'));
    const outcomes: string[] = [];
    for (const id of ids) {
      try {
        await sender.send(documentOf(id, A.nghean, [A.hatinh]), { timeoutMs: 3_000 });
        outcomes.push('accepted');
      } catch (e) {
        expect(e).toBeInstanceOf(BackpressureError);
        expect((e as BackpressureError).scope).toBe('agency-queue');
        outcomes.push('refused');
      }
    }
    expect(outcomes).toEqual([...Array(5).fill('accepted'), ...Array(3).fill('refused')]);
    // The urgent lane is a queue of its own: an urgent document is still taken.
    const urgentId = docId(A.nghean, 'HOATOC');
    await sender.send(documentOf(urgentId, A.nghean, [A.hatinh]), {
      priority: Priority.PRIORITY_FLASH,
      timeoutMs: 3_000,
    });
    // Waiting for capacity while nobody serves the queue ends at the call's deadline, with the cause.
    const waited = await sender
      .send(documentOf(ids[5]!, A.nghean, [A.hatinh]), { waitForCapacity: true, timeoutMs: 1_000 })
      .catch((e: unknown) => e);
    expect(waited).toBeInstanceOf(LienthongError);
    expect((waited as LienthongError).code).toBe('DeadlineExceeded');
    expect((waited as LienthongError).cause).toBeInstanceOf(BackpressureError);

    // The province's node comes up: the queue drains, the refused ones go through when sent again.
    await h.node(server, topology, { nodes: ['h41'], flow, name: 'lt-test-h41' });
    await Promise.all(
      ids
        .slice(5)
        .map((id) =>
          sender.send(documentOf(id, A.nghean, [A.hatinh]), { waitForCapacity: true, timeoutMs: 20_000 }),
        ),
    );
    await deliveredOnce(look, sender, [...ids, urgentId]);
  }, 60_000);

  it('a stream at its byte bound refuses with its own scope', async () => {
    const topology = demoTopology();
    const server = await h.server();
    await h.node(server, topology, {
      nodes: topology
        .nodes()
        .map((n) => n.id)
        .filter((id) => id !== 'h41'),
      flow: { maxQueuedBytes: 3_000 },
    });
    const sender = await h.client(server, A.nghean);
    const big = { contentSummary: 'x'.repeat(1_200) };
    await sender.send(documentOf(docId(A.nghean, 'BYTES'), A.nghean, [A.hatinh], big));
    const e = await sender
      .send(documentOf(docId(A.nghean, 'BYTES'), A.nghean, [A.hatinh], big))
      .then(() => sender.send(documentOf(docId(A.nghean, 'BYTES'), A.nghean, [A.hatinh], big)))
      .catch((err: unknown) => err);
    expect(e).toBeInstanceOf(BackpressureError);
    expect((e as BackpressureError).scope).toBe('stream-bytes');
    expect((e as BackpressureError).retryAfterMs).toBeGreaterThan(0);
  }, 30_000);
});

async function setSubmitLimits(
  look: Inspector,
  agency: string,
  limits: { perSecond?: number; burst?: number; bytesPerSecond?: number },
): Promise<void> {
  const kv = await new Kvm(look.js).open(BUCKETS.directory);
  const entry = await kv.get(directoryKeys.agency(agency));
  const record = AgencyRecord.decode(entry!.value);
  record.submitLimits = limits as AgencyRecord['submitLimits'];
  await kv.put(directoryKeys.agency(agency), AgencyRecord.encode(record).finish());
}

/** Waits until each document is in the recipient's inbox, and checks none is there twice; delivery times. */
async function deliveredOnce(
  look: Inspector,
  sender: LienthongClient,
  ids: readonly string[],
  recipient: string = A.hatinh,
): Promise<number[]> {
  const counts = await waitFor(
    `${ids.length} documents of ${sender.agency} in the inbox of ${recipient}`,
    async () => {
      const c = await look.inboxCounts(recipient);
      return ids.every((id) => c.has(id)) ? c : false;
    },
    30_000,
    250,
  );
  for (const id of ids) expect(counts.get(id)).toBe(1);
  expect([...counts.keys()].filter((id) => id.startsWith(sender.agency)).length).toBe(ids.length);
  const items = await look.inbox(recipient);
  return items
    .filter((e) => ids.includes(e.documentId))
    .map((e) => e.hops[e.hops.length - 1]!.outMs as number);
}
