/**
 * Shutdown is bounded. `stop()` of a national-size runtime once did not return within 80 s: a stop
 * waited on things that need the server (handlers in flight, the overdue sweep, the connection's
 * drain), and with the server slow or gone they wait as long as it is. Here: a handler that never
 * settles, and a large runtime whose server is killed before it is stopped.
 */
import { RetentionPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { generateTopology } from '@lienthong/core';
import { startNatsServer, waitFor } from '@lienthong/testkit';
import type { NatsServer } from '@lienthong/testkit';
import { startNode } from '../src';
import { OverdueIndex } from '../src/overdue';
import { PullWorker } from '../src/pull-worker';
import { drainWithin } from '../src/shutdown';
import type { TrackingStore } from '../src/tracking-store';
import { capturedLog } from './log-lines';

jest.setTimeout(120_000);

describe('bounded shutdown', () => {
  let server: NatsServer;
  beforeEach(async () => {
    server = await startNatsServer();
  });
  afterEach(async () => {
    await server?.cleanup();
  });

  it('a worker whose handler never settles stops within its bound, and the message goes to the next one', async () => {
    const nc = await connect({ servers: server.url });
    const jsm = await jetstreamManager(nc);
    await jsm.streams.add({ name: 'SD', subjects: ['sd.>'], retention: RetentionPolicy.Workqueue });
    const { log, lines } = capturedLog();
    const opts = { stream: 'SD', durable: 'sd', filter: 'sd.>', concurrency: 2, ackWaitMs: 1000 };
    const stuck = new PullWorker(
      jetstream(nc),
      jsm,
      { ...opts, stopTimeoutMs: 500 },
      () => new Promise(() => undefined),
      log,
    );
    await stuck.start();
    await jetstream(nc).publish('sd.x', new Uint8Array([1]));
    await waitFor('taken', async () => (await jsm.consumers.info('SD', 'sd')).num_ack_pending === 1);
    const t0 = Date.now();
    await stuck.stop();
    expect(Date.now() - t0).toBeLessThan(2_000);
    expect(lines).toContainEqual(
      expect.objectContaining({ msg: expect.stringContaining('stopped with handlers still running') }),
    );
    // Its keep-alive ended with the stop: the next worker gets the message after the ack wait.
    let got = 0;
    const next = new PullWorker(jetstream(nc), jsm, opts, async () => void got++, log);
    await next.start();
    await waitFor('handed out again', () => got === 1, 10_000);
    await next.stop();
    await nc.close();
  });

  it('a national-size runtime stops within 30 s though its server is gone', async () => {
    const topology = generateTopology({
      provinces: 63,
      districtsPerProvince: 2,
      communesPerDistrict: 3,
      agenciesPerNode: 2,
    });
    const { log } = capturedLog();
    const node = await startNode({ servers: server.url, topology, name: 'big' }, { logger: log });
    expect(node.runtime.nodes.length).toBeGreaterThan(500);
    await server.kill();
    const t0 = Date.now();
    await node.stop();
    const took = Date.now() - t0;
    process.stderr.write(
      `national-size runtime (${node.runtime.nodes.length} nodes) stopped in ${took} ms with its server gone\n`,
    );
    expect(took).toBeLessThan(30_000);
  });

  it('a long overdue sweep stops after the record it is marking', async () => {
    let marked = 0;
    const slow = {
      markOverdue: async () => {
        marked++;
        await new Promise((r) => setTimeout(r, 20));
        return { outcome: 'changed' };
      },
      onRecord: () => undefined,
    } as unknown as TrackingStore;
    const { log } = capturedLog();
    const index = new OverdueIndex(slow, log, () => 1_000);
    for (let i = 0; i < 10_000; i++) index.add(`k${i}`, 1);
    index.start(10);
    await waitFor('sweeping', () => marked > 0);
    const t0 = Date.now();
    await index.stop();
    expect(Date.now() - t0).toBeLessThan(500);
    expect(marked).toBeLessThan(100); // of 10,000 due: 200 s of marking not waited for
  });

  it('a drain that cannot finish is cut short and the connection closed', async () => {
    const nc = await connect({ servers: server.url, maxReconnectAttempts: -1, reconnectTimeWait: 100 });
    nc.subscribe('x.>');
    await server.kill();
    const t0 = Date.now();
    await drainWithin(nc, 500);
    expect(Date.now() - t0).toBeLessThan(2_000);
    expect(nc.isClosed()).toBe(true);
  });
});
