/**
 * A relay that failed only because its next hop was unreachable (a leaf link down) is retried soon
 * after the way is open again, not at its back-off's next tick (up to 30 s): such messages are parked
 * by the worker, one is tried every probe interval, and the first that passes releases the others.
 */
import pino from 'pino';
import { RetentionPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/transport-node';
import { sleep, startNatsServer, waitFor } from '@lienthong/testkit';
import type { NatsServer } from '@lienthong/testkit';
import { PullWorker, isLinkFailure } from '../src/pull-worker';

jest.setTimeout(60_000);

/** What nats.js throws when a JetStream publish finds no responders (the other domain is cut off). */
class JetStreamNotEnabled extends Error {
  constructor() {
    super('jetstream is not enabled');
    this.name = 'JetStreamNotEnabled';
  }
}

describe('parking on an unreachable next hop', () => {
  let server: NatsServer;
  let nc: NatsConnection;
  beforeAll(async () => {
    server = await startNatsServer();
    nc = await connect({ servers: server.url });
    await (
      await jetstreamManager(nc)
    ).streams.add({ name: 'LP', subjects: ['lp.>'], retention: RetentionPolicy.Workqueue });
  });
  afterAll(async () => {
    await nc?.close();
    await server?.cleanup();
  });

  it('link failures are told apart from other errors', () => {
    expect(isLinkFailure(new JetStreamNotEnabled())).toBe(true);
    expect(isLinkFailure(Object.assign(new Error('timeout'), { name: 'TimeoutError' }))).toBe(true);
    expect(isLinkFailure(new Error('malformed'))).toBe(false);
  });

  it('messages that waited out a long outage all go within the probe interval once it ends', async () => {
    let down = true;
    let attempts = 0;
    const done = new Map<number, number>();
    const jsm = await jetstreamManager(nc);
    const w = new PullWorker(
      jetstream(nc),
      jsm,
      { stream: 'LP', durable: 'lp', filter: 'lp.>', concurrency: 4, probeMs: 500 },
      async (m) => {
        attempts++;
        if (down) throw new JetStreamNotEnabled();
        done.set(m.seq, Date.now());
      },
      pino({ level: 'silent' }),
    );
    await w.start();
    const js = jetstream(nc);
    for (let i = 0; i < 20; i++) await js.publish(`lp.n${i % 4}`, new Uint8Array([i]));
    // Ten seconds down: their back-offs have grown to several seconds each.
    await sleep(10_000);
    const triedWhileDown = attempts;
    down = false;
    const upAt = Date.now();
    await waitFor('all twenty handed on', () => done.size === 20, 10_000);
    const recoveredMs = Math.max(...done.values()) - upAt;
    process.stderr.write(`parked relays: all 20 handed on ${recoveredMs} ms after the way opened\n`);
    expect(recoveredMs).toBeLessThan(2_000);
    // While down, no more tries than the back-offs (250 ms doubling: 6 each in 10 s) and the probes.
    expect(triedWhileDown).toBeLessThanOrEqual(20 * 7 + 10_000 / 500);
    expect(w.released).toBeGreaterThan(0);
    await w.stop();
    expect((await jsm.consumers.info('LP', 'lp')).num_ack_pending).toBe(0);
  });
});
