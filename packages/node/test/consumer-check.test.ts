/**
 * A consumer the server left unable to deliver some of its stream's messages is found and
 * re-created. The chaos suite found it: after a SIGKILL of a province's nats-server (2.9.10), its
 * empty LT_RELAY came back starting again at sequence 1 while the consumers had delivered up to
 * ~20,000, so every later relay into the province waited for ever. Here the two shapes are made
 * directly: a consumer past the stream's end ("ahead"), and one past messages it never
 * delivered ("stranded"), by removing a stream's files while the server is down. A message waiting
 * out a retry back-off is not mistaken for either.
 */
import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { AckPolicy, DeliverPolicy, RetentionPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { JetStreamManager, JsMsg } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/transport-node';
import { startNatsServer, waitFor } from '@lienthong/testkit';
import type { NatsServer } from '@lienthong/testkit';
import { findConsumerFault } from '../src/consumer-check';
import { PullWorker } from '../src/pull-worker';

jest.setTimeout(30_000);

describe('consumer check', () => {
  let server: NatsServer;
  let nc: NatsConnection;
  let jsm: JetStreamManager;
  const workers: PullWorker[] = [];
  const warnings: { msg: string; consumer?: string; kind?: string }[] = [];
  const log = pino(
    { level: 'warn' },
    new Writable({
      write(chunk: Buffer, _enc, done) {
        for (const l of chunk.toString().split('\n').filter(Boolean)) {
          warnings.push(JSON.parse(l) as { msg: string; consumer?: string; kind?: string });
        }
        done();
      },
    }),
  );

  beforeAll(async () => {
    server = await startNatsServer();
    nc = await connect({ servers: server.url, maxReconnectAttempts: -1, reconnectTimeWait: 100 });
    jsm = await jetstreamManager(nc);
    await jsm.streams.add({ name: 'WQ', subjects: ['wq.>'], retention: RetentionPolicy.Workqueue });
  });
  afterAll(async () => {
    await Promise.allSettled(workers.map((w) => w.stop()));
    await nc?.close();
    await server?.cleanup();
  });

  async function publish(subject: string, n: number): Promise<number> {
    const js = jetstream(nc);
    let last = 0;
    for (let i = 0; i < n; i++) last = (await js.publish(subject, new Uint8Array([i]))).seq;
    return last;
  }

  /**
   * What the server left behind in the chaos run, made on purpose: the worker's durable has handed
   * out and acknowledged `n` messages, then the stream's files are lost while the consumer's state is
   * kept, so the stream starts again at sequence 1 behind a consumer at `n`.
   */
  async function resetBehind(durable: string, filter: string, subject: string, n: number): Promise<number> {
    await jsm.consumers.add('WQ', {
      durable_name: durable,
      filter_subject: filter,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
    });
    await publish(subject, n);
    const c = await jetstream(nc).consumers.get('WQ', durable);
    let got = 0;
    while (got < n) {
      for await (const m of await c.fetch({ max_messages: n - got, expires: 2000 })) {
        await m.ackAck();
        got++;
      }
    }
    await server.stop();
    const msgs = path.join(server.storeDir, 'jetstream', '$G', 'streams', 'WQ', 'msgs');
    for (const f of readdirSync(msgs)) rmSync(path.join(msgs, f), { force: true });
    await server.restart();
    await waitFor('JetStream back', async () => {
      try {
        return (await jsm.streams.info('WQ')).state.last_seq === 0;
      } catch {
        return false;
      }
    });
    return (await jsm.consumers.info('WQ', durable)).delivered.stream_seq;
  }

  function worker(durable: string, filter: string, handler: (m: JsMsg) => Promise<void>): PullWorker {
    const w = new PullWorker(
      jetstream(nc),
      jsm,
      { stream: 'WQ', durable, filter, concurrency: 4, consumerCheckMs: 300, maxBackoffMs: 4000 },
      handler,
      log,
    );
    workers.push(w);
    return w;
  }

  it('ahead: a consumer past the end of its stream is re-created and delivers what came after', async () => {
    expect(await resetBehind('a', 'wq.a.>', 'wq.a.x', 20)).toBe(20);
    await publish('wq.a.x', 5); // sequences 1–5: the consumer believes it has passed them
    expect(await findConsumerFault(jsm, 'WQ', 'a', 'wq.a.>')).toEqual({
      kind: 'ahead',
      delivered: 20,
      lastSeq: 5,
    });
    const seen = new Set<number>();
    await worker('a', 'wq.a.>', async (m) => {
      seen.add(m.seq);
    }).start();
    await waitFor('the five new messages handled', () => seen.size === 5, 10_000);
    expect(warnings).toContainEqual(
      expect.objectContaining({
        msg: 'consumer cannot deliver some messages; re-creating it',
        consumer: 'a',
      }),
    );
    await waitFor('the stream emptied', async () => (await jsm.streams.info('WQ')).state.messages === 0);
    expect(await findConsumerFault(jsm, 'WQ', 'a', 'wq.a.>')).toBeUndefined();
  });

  it('stranded: messages behind an idle consumer are delivered after all', async () => {
    const delivered = await resetBehind('b', 'wq.b.>', 'wq.b.x', 4);
    // Sequences from 1 to delivered + 2: the consumer hands out the last two and has skipped the rest.
    await publish('wq.b.x', delivered + 2);
    const seen = new Set<number>();
    await worker('b', 'wq.b.>', async (m) => {
      seen.add(m.seq);
    }).start();
    await waitFor('every one handled', () => seen.size === delivered + 2, 10_000);
    expect(warnings).toContainEqual(expect.objectContaining({ consumer: 'b', kind: 'stranded' }));
  });

  it('a message waiting out its retry back-offs is left alone', async () => {
    let attempts = 0;
    await worker('c', 'wq.c.>', async () => {
      attempts++;
      if (attempts <= 3) throw new Error('next hop down');
    }).start();
    await publish('wq.c.x', 1);
    // Back-offs of 250, 500 and 1000 ms: a few checks run while it waits; none re-creates the consumer.
    await waitFor('handled on the fourth attempt', () => attempts === 4, 15_000);
    expect(warnings.filter((w) => w.consumer === 'c')).toEqual([
      expect.objectContaining({ msg: 'message not handed on; will retry' }),
      expect.objectContaining({ msg: 'message not handed on; will retry' }),
    ]);
  });
});
