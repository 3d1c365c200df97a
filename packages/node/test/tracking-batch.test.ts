/**
 * Coalesced tracking writes (src/tracking-batch.ts through TrackingStore): a burst of changes to one
 * record (DELIVERED, 01 and a business status arriving together) is one KV write and one track
 * publish holding all of them, placed in report order; a write that fails after the KV update (the
 * process dying before the track publish and the acks) fails every change in it, and applying them
 * again, as their redelivered messages do, loses nothing and doubles nothing.
 */
import { DeliverPolicy, jetstream } from '@nats-io/jetstream';
import type { JetStreamClient } from '@nats-io/jetstream';
import {
  BUCKETS,
  TRACK_ADDED_HEADER,
  decodeTrackingRecord,
  trackSubject,
  trackingKey,
} from '@lienthong/core';
import type { Topology, TrackingEvent } from '@lienthong/core';
import { BusinessStatus, TransportState } from '@lienthong/proto';
import type { TrackingRecord } from '@lienthong/proto';
import type { RunningNode } from '@lienthong/node';
import { TrackingStore } from '../src/tracking-store';
import { documentKeyOf, trackingKeyOf } from '../src/tracking-keys';
import { A, Harness, demoTopology, docId } from './harness';

const SENDER = A.baothanh;
const RECIPIENT = A.government;
const HOME = 'h41-yenthanh-xa1';

const delivered = (atMs: number): TrackingEvent => ({
  type: 'transport',
  state: TransportState.TRANSPORT_STATE_DELIVERED,
  atMs,
  node: 'vn',
});
const business = (code: BusinessStatus, atMs: number): TrackingEvent => ({
  type: 'business',
  code,
  atMs,
  node: 'vn',
});

describe('coalesced tracking writes', () => {
  const h = new Harness();
  let topology: Topology;
  let node: RunningNode;

  beforeAll(async () => {
    topology = demoTopology();
    const server = await h.server();
    node = await h.node(server, topology);
  }, 30_000);
  afterAll(() => h.cleanup());

  async function storeWith(
    js: JetStreamClient = node.nats.js,
    deliveredLingerMs?: number,
  ): Promise<TrackingStore> {
    const kv = await node.nats.kvm.open(BUCKETS.tracking);
    return new TrackingStore(kv, js, node.nats.jsm, topology, undefined, deliveredLingerMs);
  }

  /** Messages stored in the tracking bucket so far (one per KV write). */
  async function bucketWrites(): Promise<number> {
    return (await node.nats.jsm.streams.info(`KV_${BUCKETS.tracking}`)).state.last_seq;
  }

  /** Every record published on the sender's track subject for one document. */
  async function published(documentId: string): Promise<TrackingRecord[]> {
    return (await publishedWithAdded(documentId)).map((p) => p.record);
  }

  /** The same, with the timeline positions each message says it added (its Lt-Added header). */
  async function publishedWithAdded(
    documentId: string,
  ): Promise<{ record: TrackingRecord; added: string | undefined }[]> {
    const consumer = await jetstream(node.nats.nc).consumers.get('LT_TRACK', {
      filter_subjects: trackSubject('commune', HOME, SENDER),
      deliver_policy: DeliverPolicy.All,
    });
    const out: { record: TrackingRecord; added: string | undefined }[] = [];
    const info = await consumer.info();
    let left = info.num_pending;
    if (left === 0) return out;
    const messages = await consumer.consume();
    for await (const m of messages) {
      const r = decodeTrackingRecord(m.data);
      const added = m.headers?.has(TRACK_ADDED_HEADER) ? m.headers.get(TRACK_ADDED_HEADER) : undefined;
      if (r.documentId === documentId) out.push({ record: r, added });
      if (--left === 0) break;
    }
    await messages.close();
    return out;
  }

  /** The record of `documentId` from SENDER to RECIPIENT, as intake opens it. */
  const recordOf = (documentId: string): Parameters<TrackingStore['create']>[0] => ({
    documentId,
    sender: SENDER,
    recipient: RECIPIENT,
    sentAtMs: 1_000,
    confirmByMs: 10_000_000_000_000,
    node: HOME,
  });

  async function open(store: TrackingStore, documentId: string): Promise<void> {
    await store.create(recordOf(documentId));
  }

  /** The node's JetStream client, except that its first track publish fails (the process dying there). */
  function failingFirstTrackPublish(): JetStreamClient {
    let failPublishes = 1;
    const real = node.nats.js;
    const flaky = Object.create(real) as JetStreamClient;
    flaky.publish = (...args: Parameters<JetStreamClient['publish']>) => {
      if (args[0].includes('.track.') && failPublishes-- > 0) {
        return Promise.reject(new Error('connection closed'));
      }
      return real.publish(...args);
    };
    return flaky;
  }

  it('derives the same keys as core, hashing a document id once', () => {
    const id = docId(SENDER, 'KEYS');
    expect(trackingKeyOf(SENDER, id, RECIPIENT)).toBe(trackingKey(SENDER, id, RECIPIENT));
    expect(documentKeyOf(id)).toBe(trackingKey(SENDER, id, RECIPIENT).split('.')[1]);
    expect(TrackingStore.key(SENDER, id, RECIPIENT)).toBe(trackingKey(SENDER, id, RECIPIENT));
  });

  it('writes a burst of DELIVERED, 01 and 03 once, with every change, in report order', async () => {
    const store = await storeWith();
    const id = docId(SENDER, 'BURST');
    await open(store, id);
    const before = await bucketWrites();
    const writesBefore = store.batchStats.writes;
    // Arriving in the order the network happened to bring them: the 03 before the 01 it follows.
    const results = await Promise.all([
      store.apply(SENDER, id, RECIPIENT, delivered(2_000)),
      store.apply(SENDER, id, RECIPIENT, business(BusinessStatus.BUSINESS_STATUS_ACCEPTED, 2_002)),
      store.apply(SENDER, id, RECIPIENT, business(BusinessStatus.BUSINESS_STATUS_ARRIVED, 2_001)),
    ]);
    expect(results.map((r) => r.outcome)).toEqual(['changed', 'changed', 'changed']);
    expect(await bucketWrites()).toBe(before + 1);
    expect(store.batchStats.writes).toBe(writesBefore + 1);
    const record = (await store.get(SENDER, id, RECIPIENT))!;
    expect(record.transport).toBe(TransportState.TRANSPORT_STATE_FETCHED); // 01 implies it
    expect(record.business).toBe(BusinessStatus.BUSINESS_STATUS_ACCEPTED);
    const statuses = record.timeline.filter((e) => e.business);
    expect(statuses.map((e) => [e.business, e.ignored])).toEqual([
      [BusinessStatus.BUSINESS_STATUS_ARRIVED, false],
      [BusinessStatus.BUSINESS_STATUS_ACCEPTED, false],
    ]);
    // One track publish for the burst (after the one of the record's creation), holding it all,
    // and saying which entries it added: a reader listing statuses gets the 01 and the 03.
    const withAdded = await publishedWithAdded(id);
    const seen = withAdded.map((p) => p.record);
    expect(seen).toHaveLength(2);
    expect(seen[1]!.business).toBe(BusinessStatus.BUSINESS_STATUS_ACCEPTED);
    expect(seen[1]!.transport).toBe(TransportState.TRANSPORT_STATE_FETCHED);
    expect(withAdded[0]!.added).toBe('0');
    const added = withAdded[1]!.added!.split(',').map(Number);
    expect(added.map((i) => seen[1]!.timeline[i]!.business ?? 0).filter(Boolean)).toEqual([
      BusinessStatus.BUSINESS_STATUS_ARRIVED,
      BusinessStatus.BUSINESS_STATUS_ACCEPTED,
    ]);
    expect(added).toHaveLength(seen[1]!.timeline.length - seen[0]!.timeline.length);
  });

  it('a DELIVERED waits for the 01 that follows it: one write for both', async () => {
    const store = await storeWith(node.nats.js, 2_000);
    const id = docId(SENDER, 'LINGER');
    await open(store, id);
    const before = await bucketWrites();
    const t0 = Date.now();
    const first = store.apply(SENDER, id, RECIPIENT, delivered(2_000));
    await new Promise((r) => setTimeout(r, 30)); // the recipient read its inbox a little later
    const second = store.apply(
      SENDER,
      id,
      RECIPIENT,
      business(BusinessStatus.BUSINESS_STATUS_ARRIVED, 2_001),
    );
    expect((await Promise.all([first, second])).map((r) => r.outcome)).toEqual(['changed', 'changed']);
    // The 01 ended the wait: both were written at once, long before the 2 s linger was over.
    expect(Date.now() - t0).toBeLessThan(1_500);
    expect(await bucketWrites()).toBe(before + 1);
    const record = (await store.get(SENDER, id, RECIPIENT))!;
    expect(record.business).toBe(BusinessStatus.BUSINESS_STATUS_ARRIVED);
    expect(record.timeline.some((e) => e.transport === TransportState.TRANSPORT_STATE_DELIVERED)).toBe(true);
  });

  it('a DELIVERED with no 01 after it is written when its linger is over', async () => {
    const store = await storeWith(node.nats.js, 300);
    const id = docId(SENDER, 'ALONE');
    await open(store, id);
    const before = await bucketWrites();
    const t0 = Date.now();
    expect((await store.apply(SENDER, id, RECIPIENT, delivered(2_000))).outcome).toBe('changed');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(250);
    expect(await bucketWrites()).toBe(before + 1);
    expect((await store.get(SENDER, id, RECIPIENT))!.transport).toBe(
      TransportState.TRANSPORT_STATE_DELIVERED,
    );
  });

  it('a change arriving during a write goes into the next one, after it', async () => {
    const store = await storeWith(node.nats.js, 0);
    const id = docId(SENDER, 'NEXT');
    await open(store, id);
    const first = store.apply(SENDER, id, RECIPIENT, delivered(2_000));
    await new Promise((r) => setImmediate(r)); // the first write has started
    const second = store.apply(
      SENDER,
      id,
      RECIPIENT,
      business(BusinessStatus.BUSINESS_STATUS_ARRIVED, 2_001),
    );
    const repeat = store.apply(SENDER, id, RECIPIENT, delivered(2_000));
    const outcomes = await Promise.all([first, second, repeat]);
    expect(outcomes.map((r) => r.outcome)).toEqual(['changed', 'changed', 'unchanged']);
    const record = (await store.get(SENDER, id, RECIPIENT))!;
    expect(record.business).toBe(BusinessStatus.BUSINESS_STATUS_ARRIVED);
    expect(
      record.timeline.filter((e) => e.transport === TransportState.TRANSPORT_STATE_DELIVERED),
    ).toHaveLength(1);
  });

  it("a new record's track publish can be left to the caller; a lost one comes with the redelivery", async () => {
    const id = docId(SENDER, 'DEFERRED');
    const init = recordOf(id);
    // Intake hands the document on meanwhile, then awaits the publish before its acknowledgement.
    const trackPublishes: Promise<unknown>[] = [];
    const first = await (await storeWith(failingFirstTrackPublish())).create(init, { trackPublishes });
    expect(first.created).toBe(true);
    expect(trackPublishes).toHaveLength(1);
    await expect(Promise.all(trackPublishes)).rejects.toThrow('connection closed');
    expect(await published(id)).toHaveLength(0);
    // The submission was not acknowledged: its redelivery finds the record and publishes it.
    const again = await (await storeWith()).create(init);
    expect(again.created).toBe(false);
    expect((await published(id)).map((r) => r.documentId)).toEqual([id]);
  });

  it('a failure after the KV write fails the whole burst; applying it again loses and doubles nothing', async () => {
    const id = docId(SENDER, 'CRASH');
    await open(await storeWith(), id);
    // The track publish after the burst's KV write fails once, as if the process died there: no
    // change in the burst is confirmed, so none of their messages would be acknowledged.
    const store = await storeWith(failingFirstTrackPublish());
    const burst = (): TrackingEvent[] => [
      delivered(2_000),
      business(BusinessStatus.BUSINESS_STATUS_ARRIVED, 2_001),
      business(BusinessStatus.BUSINESS_STATUS_ACCEPTED, 2_002),
    ];
    const settled = await Promise.allSettled(burst().map((e) => store.apply(SENDER, id, RECIPIENT, e)));
    expect(settled.map((s) => s.status)).toEqual(['rejected', 'rejected', 'rejected']);
    // The KV write itself went through before the failure.
    expect((await store.get(SENDER, id, RECIPIENT))!.business).toBe(BusinessStatus.BUSINESS_STATUS_ACCEPTED);
    // Redelivered, in another order this time: applied again by a fresh process (empty cache).
    const again = await storeWith();
    const outcomes = await Promise.all(
      burst()
        .reverse()
        .map((e) => again.apply(SENDER, id, RECIPIENT, e)),
    );
    expect(outcomes.map((r) => r.outcome)).toEqual(['unchanged', 'unchanged', 'unchanged']);
    const record = (await again.get(SENDER, id, RECIPIENT))!;
    expect(record.timeline.filter((e) => e.business).map((e) => e.business)).toEqual([
      BusinessStatus.BUSINESS_STATUS_ARRIVED,
      BusinessStatus.BUSINESS_STATUS_ACCEPTED,
    ]);
    expect(
      record.timeline.filter((e) => e.transport === TransportState.TRANSPORT_STATE_DELIVERED),
    ).toHaveLength(1);
    // The record the failed publish did not show is on the track subject now.
    const seen = await published(id);
    // Republished unchanged, it cannot say what its lost first publish added: readers fall back.
    expect((await publishedWithAdded(id)).at(-1)!.added).toBeUndefined();
    expect(seen.at(-1)!.business).toBe(BusinessStatus.BUSINESS_STATUS_ACCEPTED);
  });
});
