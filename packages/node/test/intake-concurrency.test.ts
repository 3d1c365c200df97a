/**
 * A node takes at most `intakeConcurrency` new submissions at once (a quarter of `concurrency` by
 * default), fewer than the relays' handlers: it finishes what is on its way before it takes more
 * from its agencies, so a sender faster than the path waits in its own queue instead of filling the
 * queues between nodes (docs/ARCHITECTURE.md, "Flow control"). Relays keep `concurrency`.
 */
import 'reflect-metadata';
import { injectable } from 'tsyringe';
import type { NodeInfo } from '@lienthong/core';
import { resolveConfig } from '@lienthong/node';
import { TrackingApply } from '@lienthong/node/internal';
import type { AcceptedDocument, InboundMessage } from '@lienthong/node/internal';
import { A, Harness, demoTopology, docId, documentOf } from './harness';

const SENDER = A.government;
const RECIPIENT = A.nghean;

/** Counts the submissions between intake's checks and their records opening, each held 30 ms. */
@injectable()
class CountingTrackingApply extends TrackingApply {
  static running = 0;
  static most = 0;

  override async open(
    node: NodeInfo,
    msg: InboundMessage,
    env: AcceptedDocument,
    recipients: readonly string[],
    now: number,
    trackPublishes: Promise<unknown>[],
  ): Promise<string[]> {
    CountingTrackingApply.running++;
    CountingTrackingApply.most = Math.max(CountingTrackingApply.most, CountingTrackingApply.running);
    try {
      await new Promise((r) => setTimeout(r, 30));
      return await super.open(node, msg, env, recipients, now, trackPublishes);
    } finally {
      CountingTrackingApply.running--;
    }
  }
}

describe('intake concurrency', () => {
  const h = new Harness();
  afterAll(() => h.cleanup());

  it('defaults to a quarter of concurrency, and refuses a count that would take nothing', () => {
    const topology = demoTopology();
    const base = { servers: 'nats://127.0.0.1:4222', topology };
    expect(resolveConfig(base).intakeConcurrency).toBe(16);
    expect(resolveConfig({ ...base, concurrency: 6 }).intakeConcurrency).toBe(2);
    expect(resolveConfig({ ...base, intakeConcurrency: 5 }).intakeConcurrency).toBe(5);
    expect(() => resolveConfig({ ...base, intakeConcurrency: 0 })).toThrow(
      'intakeConcurrency must be a positive integer, not 0',
    );
    expect(() => resolveConfig({ ...base, concurrency: 2.5 })).toThrow(
      'concurrency must be a positive integer, not 2.5',
    );
  });

  it('takes at most intakeConcurrency submissions at once, and every document gets through', async () => {
    const topology = demoTopology();
    const server = await h.server();
    await h.node(
      server,
      topology,
      { intakeConcurrency: 3 },
      { configure: (c) => c.register(TrackingApply, { useClass: CountingTrackingApply }) },
    );
    const sender = await h.client(server, SENDER);
    const reader = h.reader(await h.client(server, RECIPIENT));
    const ids = Array.from({ length: 24 }, (_, i) => docId(SENDER, `INTAKE${i}`));
    // All queued at once: the node has 24 submissions waiting and 64 handlers for relays.
    await Promise.all(ids.map((id) => sender.send(documentOf(id, SENDER, [RECIPIENT]))));
    await reader.waitForDocuments(ids.length);
    expect(CountingTrackingApply.most).toBe(3);
    expect([...reader.counts().values()].every((n) => n === 1)).toBe(true);
    expect(reader.counts().size).toBe(ids.length);
  });
});
