/**
 * A pull the server never got (or forgot) leaves the consumer without heartbeats: the worker notices
 * within a few heartbeats and pulls again, so a waiting message is handled in seconds, not after the
 * pull's expiry. (The server here is real; the connection loses the worker's pull requests for a
 * while, the way a pull lost in transit or dropped by the server would be missed.) And a worker
 * whose handlers are busy takes no more than its window: nothing waits in the client past the ack
 * wait to be handed out again.
 */
import { RetentionPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/transport-node';
import { startNatsServer, waitFor } from '@lienthong/testkit';
import type { NatsServer } from '@lienthong/testkit';
import { PullWorker } from '../src/pull-worker';
import { capturedLog } from './log-lines';

jest.setTimeout(60_000);

/** `nc` with its pull requests (`$JS.API.CONSUMER.MSG.NEXT.…`) dropped while `lose.on`. */
function losingPulls(nc: NatsConnection): { on: boolean; lost: number } {
  const lose = { on: true, lost: 0 };
  const publish = nc.publish.bind(nc);
  nc.publish = (subject, ...rest) => {
    if (lose.on && subject.includes('.CONSUMER.MSG.NEXT.')) {
      lose.lost++;
      return;
    }
    publish(subject, ...rest);
  };
  return lose;
}

describe('pull worker stall', () => {
  let server: NatsServer;
  beforeEach(async () => {
    server = await startNatsServer();
  });
  afterEach(async () => {
    await server?.cleanup();
  });

  /** A worker on a connection that loses its pulls; `handled` holds when each message was handled. */
  async function losingWorker(): Promise<{
    worker: PullWorker;
    lose: { on: boolean; lost: number };
    handled: number[];
    lines: { msg: string; status?: string }[];
    nc: NatsConnection;
  }> {
    const nc = await connect({ servers: server.url });
    const jsm = await jetstreamManager(nc);
    await jsm.streams.add({ name: 'ST', subjects: ['st.>'], retention: RetentionPolicy.Workqueue });
    const { log, lines } = capturedLog<{ msg: string; status?: string }>();
    const lose = losingPulls(nc);
    const handled: number[] = [];
    const worker = new PullWorker(
      jetstream(nc),
      jsm,
      { stream: 'ST', durable: 'st', filter: 'st.>', concurrency: 2 },
      async () => {
        handled.push(Date.now());
      },
      log,
    );
    await worker.start();
    return { worker, lose, handled, lines, nc };
  }

  it('pulls again within seconds when the server holds no pull of it', async () => {
    const { worker, lose, handled, lines, nc } = await losingWorker();
    try {
      await waitFor('the first pull lost', () => lose.lost > 0, 5_000);
      lose.on = false;
      const t0 = Date.now();
      await jetstream(nc).publish('st.a', new Uint8Array([1]));
      await waitFor('handled', () => handled.length === 1, 20_000);
      const ms = handled[0]! - t0;
      process.stdout.write(`stalled pull: message handled after ${ms} ms\n`);
      // The pull expires after 10 s: well before that, the missing heartbeats were noticed.
      expect(ms).toBeLessThan(7_000);
      expect(lines.map((l) => l.msg)).toContain('no heartbeat from the server; pulling again');
    } finally {
      await worker.stop();
      await nc.close();
    }
  });

  it('keeps pulling again while its pulls are lost', async () => {
    const { worker, lose, handled, lines, nc } = await losingWorker();
    try {
      const t0 = Date.now();
      await jetstream(nc).publish('st.a', new Uint8Array([1]));
      // Every pull is lost for 4.5 s: the pulls made again after two missed heartbeats are lost too.
      await new Promise((r) => setTimeout(r, 4_500));
      expect(handled).toEqual([]);
      lose.on = false;
      await waitFor('handled', () => handled.length === 1, 20_000);
      process.stdout.write(`pulls lost for 4.5 s: message handled after ${handled[0]! - t0} ms\n`);
      expect(handled[0]! - t0).toBeLessThan(12_000);
      expect(lose.lost).toBeGreaterThanOrEqual(2);
      // Pulled again after each two missed heartbeats, until a pull got through.
      expect(
        lines.filter((l) => l.msg === 'no heartbeat from the server; pulling again').length,
      ).toBeGreaterThanOrEqual(2);
    } finally {
      await worker.stop();
      await nc.close();
    }
  });

  it('takes no more than its window while its handlers are busy: nothing handled twice, no stall seen', async () => {
    const nc = await connect({ servers: server.url });
    const jsm = await jetstreamManager(nc);
    await jsm.streams.add({ name: 'HB', subjects: ['hb.>'], retention: RetentionPolicy.Workqueue });
    const { log, lines } = capturedLog<{ msg: string }>();
    let release!: () => void;
    const busy = new Promise<void>((r) => (release = r));
    let handled = 0;
    const worker = new PullWorker(
      jetstream(nc),
      jsm,
      { stream: 'HB', durable: 'hb', filter: 'hb.>', concurrency: 2, window: 4 },
      async () => {
        await busy;
        handled++;
      },
      log,
    );
    await worker.start();
    try {
      const js = jetstream(nc);
      for (let i = 0; i < 40; i++) await js.publish(`hb.s${i % 5}`, new Uint8Array([i]));
      await waitFor('the window full', () => worker.holding >= 4, 5_000);
      // Longer than the ack wait (5 s) with the window full: no pull goes out, none is missing.
      await new Promise((r) => setTimeout(r, 6_000));
      release();
      await waitFor('all handled', () => handled === 40, 20_000);
      // Nothing was taken beyond the window to wait unseen past the ack wait: none handled twice.
      await new Promise((r) => setTimeout(r, 500));
      expect(handled).toBe(40);
      expect((await jsm.consumers.info('HB', 'hb')).num_redelivered).toBe(0);
      expect(lines.map((l) => l.msg).filter((m) => /heartbeat|stalled/.test(m))).toEqual([]);
    } finally {
      await worker.stop();
      await nc.close();
    }
  });
});
