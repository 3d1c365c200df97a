/**
 * Backpressure instead of overload: an agency over its limits gets a typed, retryable error with a
 * suggested wait (or waits, when asked), a node whose neighbour's queue is full holds its relays
 * back, and every document eventually sent is delivered exactly once. Real nats-server and runtime.
 */
import { BUCKETS, directoryKeys } from '@lienthong/core';
import { AgencyRecord } from '@lienthong/proto';
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
