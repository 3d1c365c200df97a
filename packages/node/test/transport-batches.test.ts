/**
 * The batching of transport events for another domain (transport-batches.ts), against a real
 * nats-server: events that wait for a publish in flight go together, each exactly once; a batch
 * keeps to its byte bound; an event too large to share a message goes alone; a failed publish fails
 * every event in it and sends none of them.
 */
import 'reflect-metadata';
import { RetentionPolicy } from '@nats-io/jetstream';
import { connectNats } from '@lienthong/infra';
import type { NatsHandles } from '@lienthong/infra';
import {
  BATCH_HEADER,
  BATCH_MAX_BYTES,
  EnvelopePublisher,
  NeighbourRoom,
  NodeMetrics,
  TransportBatches,
  readBatch,
} from '@lienthong/node/internal';
import { Harness } from './harness';

const STREAM = 'LT_TEST_BATCHES';

/** `n` distinct entries of `size` bytes, each starting with its number. */
function entries(n: number, size: number, tag: number): Uint8Array[] {
  return Array.from({ length: n }, (_, i) => {
    const b = new Uint8Array(size).fill(tag);
    b[0] = i & 0xff;
    b[1] = i >> 8;
    return b;
  });
}

const key = (b: Uint8Array): string => `${b[0]}:${b[1]}:${b[2]}:${b.length}`;

describe('transport events batched for another domain', () => {
  const h = new Harness();
  let nats: NatsHandles;
  let batches: TransportBatches;

  beforeAll(async () => {
    const server = await h.server();
    nats = await connectNats({ name: 'transport-batches-test', servers: server.url, timeoutMs: 5_000 });
    await nats.jsm.streams.add({ name: STREAM, subjects: ['bt.>'], retention: RetentionPolicy.Limits });
    batches = new TransportBatches(
      new NeighbourRoom(),
      new EnvelopePublisher(nats),
      new NodeMetrics({ defaultMetrics: false }),
    );
  });
  afterAll(async () => {
    await nats?.nc.close();
    await h.cleanup();
  });

  /** What the stream holds on `subject`: every message, and the entries in them (unpacked). */
  const stored = async (subject: string): Promise<{ messages: number; batched: number; all: string[] }> => {
    const info = await nats.jsm.streams.info(STREAM, { subjects_filter: subject });
    const out = { messages: 0, batched: 0, all: [] as string[] };
    for (let seq = info.state.first_seq; seq <= info.state.last_seq; seq++) {
      const m = await nats.jsm.streams.getMessage(STREAM, { seq }).catch(() => undefined);
      if (!m || m.subject !== subject) continue;
      out.messages++;
      if (m.header?.has(BATCH_HEADER)) {
        const inner = readBatch(m.data);
        if (!Array.isArray(inner)) throw new Error(`stored batch does not read: ${inner.detail}`);
        expect(m.header.get(BATCH_HEADER)).toBe(String(inner.length));
        expect(inner.reduce((n, e) => n + e.length, 0)).toBeLessThanOrEqual(BATCH_MAX_BYTES);
        out.batched++;
        out.all.push(...inner.map(key));
      } else out.all.push(key(m.data));
    }
    return out;
  };

  const sendAll = (subject: string, list: Uint8Array[]): Promise<void>[] =>
    list.map((data, i) => batches.send(subject, data, `${subject}-${i}-${data.length}`, undefined, 1));

  it('sends the events that wait for a publish in flight together, each once', async () => {
    const list = entries(200, 300, 1);
    await Promise.all(sendAll('bt.many', list));
    const got = await stored('bt.many');
    expect(got.all.sort()).toEqual(list.map(key).sort());
    expect(got.batched).toBeGreaterThanOrEqual(1);
    expect(got.messages).toBeLessThan(10);
  });

  it('keeps a batch to its byte bound, and sends an event too large to share a message alone', async () => {
    const medium = entries(40, 30 * 1024, 2); // 1.2 MB in all: at least 5 messages
    const large = entries(5, BATCH_MAX_BYTES / 2, 3);
    await Promise.all([...sendAll('bt.medium', medium), ...sendAll('bt.large', large)]);
    const m = await stored('bt.medium');
    expect(m.all.sort()).toEqual(medium.map(key).sort());
    expect(m.messages).toBeGreaterThanOrEqual(5);
    const l = await stored('bt.large');
    expect(l).toEqual({ messages: 5, batched: 0, all: expect.arrayContaining(large.map(key)) as unknown });
  });

  it('fails every event of a publish that fails, and stores none of them', async () => {
    // No stream captures `nobody.>`: the server answers every publish with "no responders".
    const list = entries(50, 100, 4);
    const results = await Promise.allSettled(sendAll('nobody.here', list));
    expect(results.every((r) => r.status === 'rejected')).toBe(true);
    // The same events, once the subject is captured, go through.
    await nats.jsm.streams.update(STREAM, { subjects: ['bt.>', 'nobody.>'] });
    await Promise.all(sendAll('nobody.here', list));
    const got = await stored('nobody.here');
    expect(got.all.sort()).toEqual(list.map(key).sort());
  });
});
