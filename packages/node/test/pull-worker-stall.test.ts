/**
 * A pull the server never got (or forgot) leaves the consumer without heartbeats: the worker notices
 * within a few heartbeats and pulls again, so a waiting message is handled in seconds, not after the
 * pull's expiry. (The server here is real; the connection loses the worker's pull requests for a
 * while, the way a pull lost in transit or dropped by the server would be missed.)
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
      expect(lines.map((l) => l.msg)).not.toContain('consumer stalled; restarting pull');
    } finally {
      await worker.stop();
      await nc.close();
    }
  });

  it('sets the pull up again when pulling again does not help', async () => {
    const { worker, lose, handled, lines, nc } = await losingWorker();
    try {
      const t0 = Date.now();
      await jetstream(nc).publish('st.a', new Uint8Array([1]));
      // Every pull is lost for 4.5 s: the client's own pulls again (after 2 and 3 missed) are lost too.
      await new Promise((r) => setTimeout(r, 4_500));
      expect(handled).toEqual([]);
      lose.on = false;
      await waitFor('handled', () => handled.length === 1, 20_000);
      process.stdout.write(`pulls lost for 4.5 s: message handled after ${handled[0]! - t0} ms\n`);
      expect(handled[0]! - t0).toBeLessThan(12_000);
      expect(lose.lost).toBeGreaterThanOrEqual(3);
      expect(
        lines.some((l) => l.msg === 'consumer stalled; restarting pull' && l.status === 'heartbeats_missed'),
      ).toBe(true);
    } finally {
      await worker.stop();
      await nc.close();
    }
  });
});
