/**
 * A consumer the server left unable to deliver some of its stream's messages is found and
 * re-created. The chaos suite found it: after a SIGKILL of a province's nats-server (2.9.10), its
 * empty LT_RELAY came back starting again at sequence 1 while the consumers had delivered up to
 * ~20,000, so every later relay into the province waited for ever. Here the two shapes are made
 * directly: a consumer past the stream's end ("ahead"), and one past messages it never
 * delivered ("stranded"), by removing a stream's files while the server is down. A message waiting
 * out a retry back-off is not mistaken for either.
 */
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AckPolicy, DeliverPolicy, RetentionPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { JetStreamManager, JsMsg } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/transport-node';
import { sleep, startNatsServer, waitFor } from '@lienthong/testkit';
import type { NatsServer } from '@lienthong/testkit';
import { findConsumerFault } from '../src/consumer-check';
import { PullWorker } from '../src/pull-worker';
import { capturedLog } from './log-lines';

jest.setTimeout(30_000);

describe('consumer check', () => {
  let server: NatsServer;
  let nc: NatsConnection;
  let jsm: JetStreamManager;
  const workers: PullWorker[] = [];
  const { log, lines: warnings } = capturedLog<{ msg: string; consumer?: string; kind?: string }>();

  beforeAll(async () => {
    // The faults below need the consumers' state as a clean shutdown writes it (SIGKILL loses it).
    server = await startNatsServer({ stopGraceMs: 30_000 });
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
    const last = await publish(subject, n);
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
    // The consumer kept its state over the restart (the server's clean shutdown wrote it): it is
    // now past the stream's end, which is the fault each case starts from.
    const delivered = (await jsm.consumers.info('WQ', durable)).delivered.stream_seq;
    expect(delivered).toBe(last);
    return delivered;
  }

  function worker(
    durable: string,
    filter: string,
    handler: (m: JsMsg) => Promise<void>,
    opts: { stream?: string; consumerCheckMs?: number; connection?: NatsConnection } = {},
  ): PullWorker {
    const w = new PullWorker(
      jetstream(nc),
      jsm,
      {
        stream: opts.stream ?? 'WQ',
        durable,
        filter,
        concurrency: 4,
        consumerCheckMs: opts.consumerCheckMs ?? 300,
        maxBackoffMs: 4000,
        ...(opts.connection ? { connection: opts.connection } : {}),
      },
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

  /** The message files of a stream, to put back an earlier state while the server is down. */
  function msgsDir(stream: string): string {
    return path.join(server.storeDir, 'jetstream', '$G', 'streams', stream, 'msgs');
  }

  async function backupWhileDown(stream: string): Promise<string> {
    await server.stop();
    const dir = mkdtempSync(path.join(tmpdir(), 'lt-msgs-'));
    cpSync(msgsDir(stream), dir, { recursive: true });
    await restartAndWait(stream);
    return dir;
  }

  /** What an unclean stop does to a stream: its files as they were earlier, its consumers' kept. */
  async function restoreWhileDown(stream: string, backup: string): Promise<void> {
    await server.stop();
    const msgs = msgsDir(stream);
    for (const f of readdirSync(msgs)) rmSync(path.join(msgs, f), { force: true, recursive: true });
    cpSync(backup, msgs, { recursive: true });
    rmSync(backup, { recursive: true, force: true });
    await restartAndWait(stream);
  }

  async function restartAndWait(stream: string): Promise<void> {
    await server.restart();
    await waitFor('JetStream back', async () => {
      try {
        await jsm.streams.info(stream);
        return true;
      } catch {
        return false;
      }
    });
  }

  async function fetchN(stream: string, durable: string, n: number): Promise<JsMsg[]> {
    const c = await jetstream(nc).consumers.get(stream, durable);
    const got: JsMsg[] = [];
    while (got.length < n) {
      for await (const m of await c.fetch({ max_messages: n - got.length, expires: 2000 })) got.push(m);
    }
    return got;
  }

  /**
   * The chaos run's "ackPending=1, pending=0, the stream holds 93 messages", made on purpose: the
   * stream loses its last writes while the consumer keeps its state (delivered 5, message 5 not yet
   * acknowledged); new messages then take sequences 4 and 5 — 4 for this consumer (it believes it has
   * passed it, at its acknowledgement floor) and 5 for another consumer (a pending entry that is not
   * its message). While any message is unacknowledged — here one whose next hop is slow — the check
   * that only looked at idle consumers never saw the skipped one, which would wait for ever.
   */
  it('reused sequences: a message skipped while the consumer is busy with another is delivered', async () => {
    await jsm.streams.add({ name: 'RS', subjects: ['rs.>'], retention: RetentionPolicy.Workqueue });
    for (const durable of ['ra', 'rb']) {
      await jsm.consumers.add('RS', {
        durable_name: durable,
        filter_subject: `rs.${durable.slice(1)}.>`,
        ack_policy: AckPolicy.Explicit,
        deliver_policy: DeliverPolicy.All,
        ack_wait: 1_000_000_000,
      });
    }
    const js = jetstream(nc);
    for (let i = 0; i < 3; i++) await js.publish('rs.a.x', new Uint8Array([i]));
    for (const m of await fetchN('RS', 'ra', 3)) await m.ackAck();
    const backup = await backupWhileDown('RS'); // empty, last sequence 3
    await js.publish('rs.a.x', new Uint8Array([4]));
    await js.publish('rs.a.x', new Uint8Array([5]));
    const [four] = await fetchN('RS', 'ra', 2); // 5 stays delivered and unacknowledged
    await four!.ackAck();
    await restoreWhileDown('RS', backup);
    const lastSeq = (await jsm.streams.info('RS')).state.last_seq;
    expect(lastSeq).toBeLessThanOrEqual(3);
    // The consumer kept its state over the restarts: delivered 5, with 5 not acknowledged.
    expect((await jsm.consumers.info('RS', 'ra')).delivered.stream_seq).toBe(5);
    // New messages up to sequence 6: the one at 5 is rb's, the others ra's.
    const mine: number[] = [];
    for (let seq = lastSeq + 1; seq <= 6; seq++) {
      const ack = await js.publish(seq === 5 ? 'rs.b.x' : 'rs.a.x', new Uint8Array([seq]));
      if (seq !== 5) mine.push(ack.seq);
    }
    // The newest one takes long (its next hop is slow): the consumer is never idle meanwhile.
    const newest = mine[mine.length - 1]!;
    let release!: () => void;
    const slow = new Promise<void>((r) => (release = r));
    const seen = new Set<number>();
    await worker(
      'ra',
      'rs.a.>',
      async (m) => {
        seen.add(m.seq);
        if (m.seq === newest) await slow;
      },
      { stream: 'RS' },
    ).start();
    try {
      await waitFor('every message of ra handed out', () => mine.every((s) => seen.has(s)), 10_000);
    } finally {
      release();
    }
    await waitFor(
      'nothing left unacknowledged',
      async () => (await jsm.consumers.info('RS', 'ra')).num_ack_pending === 0,
      10_000,
    );
    expect(warnings).toContainEqual(expect.objectContaining({ consumer: 'ra', kind: 'stranded' }));
  });

  /**
   * A reconnect is when the server may have lost writes: the worker checks at once, while the lost
   * tail still shows (its delivered sequence past the stream's end), not at its next periodic check
   * (an hour here). Messages published after the restart are then all delivered; without the check
   * the first of them take sequences the consumer has passed and are skipped.
   */
  it('after a reconnect the consumer is checked at once, before new messages hide the lost tail', async () => {
    await jsm.streams.add({ name: 'RC', subjects: ['rc.>'], retention: RetentionPolicy.Workqueue });
    const js = jetstream(nc);
    const seen = new Set<number>();
    const w = worker('rc', 'rc.>', async (m) => void seen.add(m.seq), {
      stream: 'RC',
      consumerCheckMs: 3_600_000,
      connection: nc,
    });
    await w.start();
    await js.publish('rc.x', new Uint8Array([1]));
    await waitFor('the first handled', () => seen.size === 1);
    const backup = await backupWhileDown('RC'); // the worker reconnects here too: nothing wrong yet
    for (let i = 0; i < 5; i++) await js.publish('rc.x', new Uint8Array([i]));
    await waitFor('five more handled', () => seen.size === 6);
    await sleep(100);
    await restoreWhileDown('RC', backup); // the five are gone from the stream, not from the consumer
    await waitFor(
      'the consumer re-created after the reconnect',
      () => warnings.some((x) => x.consumer === 'rc' && x.kind === 'ahead'),
      10_000,
    );
    seen.clear();
    const sent: number[] = [];
    for (let i = 0; i < 8; i++) sent.push((await js.publish('rc.x', new Uint8Array([i]))).seq);
    await waitFor('every new message handled', () => sent.every((s) => seen.has(s)), 10_000);
    expect(w.recreated).toBe(1);
  });
});
