/**
 * Fairness between senders: while one province floods the central node at full speed, another
 * province's documents keep flowing at ≥ 50% of their unloaded rate. Real nats-server, one runtime
 * hosting the demo tree (so both provinces share the level-wide province consumers), SDK senders.
 *
 * The flooding province sends from many concurrent loops with `waitForCapacity`, as fast as its
 * queues take it; the other sends at a steady pace. Delivery times are the inbox messages' own
 * timestamps, read after the fact.
 */
import { STREAMS, documentEnvelopeId, inboxSubject, submitSubject } from '@lienthong/core';
import { BusinessOperation } from '@lienthong/proto';
import type { LienthongClient } from '@lienthong/sdk';
import { A, Harness, demoTopology, docId, documentOf, sleep, waitFor } from './harness';
import type { Inspector } from './harness';

const PACE_MS = 40; // the steady province: 25 documents per second
const PHASE_MS = 4_000;

describe('fairness between provinces', () => {
  const h = new Harness();
  afterAll(() => h.cleanup());

  it("a flooding province does not hold back another province's documents", async () => {
    const topology = demoTopology();
    const server = await h.server();
    await h.node(server, topology);
    const look = await h.inspector(server, topology);
    const flooder = await h.client(server, A.nghean);
    const steady = await h.client(server, A.hatinh);

    const unloaded = await steadyPhase(steady, look, 'UNLOADED');

    let flooding = true;
    let flooded = 0;
    const floodErrors: unknown[] = [];
    const loops = Array.from({ length: 64 }, async () => {
      while (flooding) {
        try {
          await flooder.send(documentOf(docId(A.nghean, 'FLOOD'), A.nghean, [A.government]), {
            waitForCapacity: true,
            timeoutMs: 60_000,
          });
          flooded++;
        } catch (e) {
          floodErrors.push(e);
          await sleep(100);
        }
      }
    });
    let loaded: Awaited<ReturnType<typeof steadyPhase>>;
    try {
      // Measure once the flood runs ahead of the pipeline: its queue at its home node is filling.
      await waitFor(
        'the flood to back up at its home node',
        async () => {
          const queued = await floodQueue(look);
          return queued >= 500 ? queued : false;
        },
        20_000,
      );
      loaded = await steadyPhase(steady, look, 'LOADED');
    } finally {
      flooding = false;
      await Promise.all(loops);
    }

    const backedUp = await floodQueue(look);
    process.stdout.write(
      `fairness: flooding agency's queue at h41 ${backedUp} at the end; steady province unloaded ${unloaded.rate.toFixed(1)} docs/s (p50 ${unloaded.p50} ms), ` +
        `under flood ${loaded.rate.toFixed(1)} docs/s (p50 ${loaded.p50} ms, max ${loaded.max} ms); ` +
        `flooding province sent ${flooded} meanwhile\n`,
    );
    expect(floodErrors.slice(0, 3)).toEqual([]);
    expect(flooded).toBeGreaterThan(loaded.count); // it really flooded
    expect(loaded.rate).toBeGreaterThanOrEqual(0.5 * unloaded.rate);
  }, 120_000);
});

/** Submissions of the flooding agency waiting at its home node (a wildcard filter: see flow-lanes). */
async function floodQueue(look: Inspector): Promise<number> {
  const subjects = await look.countBySubject(STREAMS.submit, 'lt.v1.province.h41.submit.>');
  return subjects.get(submitSubject('province', 'h41', A.nghean)) ?? 0;
}

/**
 * Sends one document every PACE_MS for PHASE_MS and waits until all are in the inbox. The rate is
 * documents over the time from the first send to the last delivery.
 */
async function steadyPhase(
  client: LienthongClient,
  look: Inspector,
  tag: string,
): Promise<{ count: number; rate: number; p50: number; max: number }> {
  // A fixed offered rate: sends are not awaited one by one, so a slow PubAck on a shared
  // nats-server does not slow the sender down (its own server in a real deployment).
  const sent: { id: string; at: number }[] = [];
  const sends: Promise<unknown>[] = [];
  const start = Date.now();
  while (Date.now() - start < PHASE_MS) {
    const id = docId(A.hatinh, tag);
    sent.push({ id, at: Date.now() });
    sends.push(client.send(documentOf(id, A.hatinh, [A.government])));
    await sleep(Math.max(0, start + sent.length * PACE_MS - Date.now()));
  }
  await Promise.all(sends);
  const delivered = await waitFor(
    `${sent.length} documents of Hà Tĩnh in the inbox of the Government Office`,
    async () => {
      const times: number[] = [];
      for (const s of sent) {
        const subject = inboxSubject(
          'central',
          'vn',
          A.government,
          documentEnvelopeId(A.hatinh, s.id, BusinessOperation.BUSINESS_OPERATION_NEW).toLowerCase(),
        );
        const m = await look.jsm.streams
          .getMessage(STREAMS.inbox, { last_by_subj: subject })
          .catch(() => null);
        if (!m) return false;
        times.push(m.time.getTime());
      }
      return times;
    },
    60_000,
    250,
  );
  const latencies = delivered.map((t, i) => t - sent[i]!.at).sort((a, b) => a - b);
  const span = Math.max(...delivered) - sent[0]!.at;
  return {
    count: sent.length,
    rate: (sent.length * 1000) / span,
    p50: latencies[Math.floor(latencies.length / 2)]!,
    max: latencies[latencies.length - 1]!,
  };
}
