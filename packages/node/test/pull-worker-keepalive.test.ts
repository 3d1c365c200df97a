/**
 * A message stays with its handler while the handler runs, however long past the ack wait (one
 * timer of the worker keeps every running handler's message alive), and a handler that runs long is
 * reported, again each time as long again.
 */
import { RetentionPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { startNatsServer, waitFor } from '@lienthong/testkit';
import type { NatsServer } from '@lienthong/testkit';
import { PullWorker } from '../src/pull-worker';
import { capturedLog } from './log-lines';

jest.setTimeout(60_000);

describe('pull worker keep-alive', () => {
  let server: NatsServer;
  beforeEach(async () => {
    server = await startNatsServer();
  });
  afterEach(async () => {
    await server?.cleanup();
  });

  it('keeps slow handlers’ messages past the ack wait, handles each once, and reports long ones', async () => {
    const nc = await connect({ servers: server.url });
    const jsm = await jetstreamManager(nc);
    await jsm.streams.add({ name: 'KA', subjects: ['ka.>'], retention: RetentionPolicy.Workqueue });
    const { log, lines } = capturedLog<{ msg: string; seq?: number; runningMs?: number }>();
    const seen: number[] = [];
    const worker = new PullWorker(
      jetstream(nc),
      jsm,
      { stream: 'KA', durable: 'ka', filter: 'ka.>', concurrency: 4, ackWaitMs: 400, longHandlerMs: 600 },
      async (m) => {
        seen.push(m.seq);
        // Four ack waits long: without keep-alive the server would hand the message out again.
        await new Promise((r) => setTimeout(r, 1_600));
      },
      log,
    );
    await worker.start();
    try {
      await checks();
    } finally {
      await worker.stop();
      await nc.close();
    }
    // Nothing runs any more: nothing more is reported.
    const after = lines.length;
    await new Promise((r) => setTimeout(r, 800));
    expect(lines.length).toBe(after);

    async function checks(): Promise<void> {
      const js = jetstream(nc);
      for (let i = 0; i < 3; i++) await js.publish(`ka.s${i}`, new Uint8Array([i]));
      await waitFor('all handled', () => worker.processed === 3, 20_000);
      expect(seen.sort()).toEqual([1, 2, 3]);
      expect((await jsm.consumers.info('KA', 'ka')).num_redelivered).toBe(0);
      const reports = lines.filter((l) => l.msg === 'handler still running');
      // Each ran 1.6 s: reported after about 0.6 s and again after about 1.2 s.
      for (const seq of [1, 2, 3]) {
        const own = reports.filter((r) => r.seq === seq);
        expect(own.length).toBeGreaterThanOrEqual(1);
        expect(own.length).toBeLessThanOrEqual(3);
        expect(own[0]!.runningMs).toBeGreaterThanOrEqual(600);
      }
    }
  });
});
