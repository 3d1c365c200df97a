/**
 * Tracking records read in bulk (src/tracking-bulk.ts), as `snapshot()` and `sent()` of a broadcast
 * do: through one ordered consumer when there are many, with gets for whatever it does not hand
 * out, and the same answer as one get per key.
 */
import { connect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/transport-node';
import { jetstream } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import type { KV } from '@nats-io/kv';
import { encodeTrackingRecord, newTrackingRecord } from '@lienthong/core';
import { startNatsServer } from '@lienthong/testkit';
import type { NatsServer } from '@lienthong/testkit';
import { BULK_MIN_KEYS, readRecords } from '../src/tracking-bulk';

const BUCKET = 'lt_tracking';
const SENDER = '000.00.00.G01';
const recipient = (i: number): string =>
  `${String((i % 98) + 1).padStart(3, '0')}.01.01.H${String(Math.floor(i / 98) + 1).padStart(2, '0')}`;
const keyOf = (i: number): string => `S.DOC.r${String(i).padStart(4, '0')}`;

describe('tracking records read in bulk', () => {
  let server: NatsServer;
  let nc: NatsConnection;
  let kv: KV;
  const N = 300;

  beforeAll(async () => {
    server = await startNatsServer();
    nc = await connect({ servers: server.url });
    kv = await new Kvm(nc).create(BUCKET, { history: 1 });
    for (let i = 0; i < N; i++) {
      const record = newTrackingRecord({
        documentId: 'D',
        sender: SENDER,
        recipient: recipient(i),
        sentAtMs: 1_000 + i,
        confirmByMs: 2_000,
      });
      await kv.put(keyOf(i), encodeTrackingRecord(record));
    }
    await kv.delete(keyOf(7)); // a deleted record is not live
    await kv.put(
      keyOf(8),
      encodeTrackingRecord(
        newTrackingRecord({
          documentId: 'D',
          sender: SENDER,
          recipient: recipient(8),
          sentAtMs: 9_999,
          confirmByMs: 2_000,
        }),
      ),
    ); // replaced: its latest revision counts
  }, 30_000);
  afterAll(async () => {
    await nc?.close();
    await server?.stop();
  });

  const keys = Array.from({ length: N }, (_, i) => keyOf(i));
  const read = (over: Partial<Parameters<typeof readRecords>[0]> = {}) =>
    readRecords({
      js: jetstream(nc),
      kv,
      bucket: BUCKET,
      filter: 'S.DOC.*',
      keys,
      deadline: Date.now() + 10_000,
      consumer: true,
      ...over,
    });

  it('reads many records through one consumer, the same as one get each', async () => {
    expect(N).toBeGreaterThanOrEqual(BULK_MIN_KEYS);
    // Every key is handed out by the consumer: no get is needed.
    const noGets = Object.create(kv) as KV;
    noGets.get = () => Promise.reject(new Error('read by a get'));
    const bulk = await read({ kv: noGets });
    const byGets = await read({ consumer: false });
    expect(bulk).toHaveLength(N - 1);
    expect(bulk.map((r) => r.recipient)).toEqual(byGets.map((r) => r.recipient));
    expect(bulk.find((r) => r.recipient === recipient(7))).toBeUndefined();
    expect(bulk.find((r) => r.recipient === recipient(8))?.sentAtMs).toBe(9_999);
    expect(bulk.map((r) => r.sentAtMs)).toEqual(byGets.map((r) => r.sentAtMs));
  });

  it('reads by gets what the consumer does not hand out', async () => {
    // A key outside the consumer's filter stands for a record the server skipped.
    const other = 'S.OTHER.x';
    await kv.put(
      other,
      encodeTrackingRecord(
        newTrackingRecord({
          documentId: 'D',
          sender: SENDER,
          recipient: recipient(N),
          sentAtMs: 42,
          confirmByMs: 2_000,
        }),
      ),
    );
    const t0 = Date.now();
    const records = await read({ keys: [...keys, other] });
    expect(records).toHaveLength(N);
    expect(records.at(-1)?.sentAtMs).toBe(42);
    expect(Date.now() - t0).toBeLessThan(5_000);
  });
});
