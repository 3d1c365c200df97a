/**
 * The baseline of scenario 1: a bare nats.js pipeline that does, per document, the same persisted
 * JetStream work lienthong does for a commune → Government Office document with its 01 coming back
 * (3 relays each way), and nothing else: no protobuf, no routing, no tracking rules, no KV reads.
 *
 * Per document lienthong does (packages/node/src/processor.ts, sdk/src/{client,inbox}.ts):
 *
 *  stage  where                                 consumes          persisted publishes
 *  (S)    sender SDK send()                     –                 1 submit
 *  A      commune intake (handleSubmit)         submit            3 KV create, track, relay → district
 *  B      district relay (document up)          relay             1 relay → province
 *  C      province relay (document up)          relay             1 relay → central
 *  D      central: deliverToInbox + DELIVERED   relay             2 inbox item, relay → province
 *  E      province relay (DELIVERED down)       relay             1 relay → district
 *  F      district relay (DELIVERED down)       relay             1 relay → commune
 *  G      commune applyTransport                relay             2 KV update, track
 *  H      recipient SDK inbox ack() → 01        inbox (ackAck)    1 submit
 *  I      central intake of the 01              submit            1 relay → province
 *  J      province relay (01 down)              relay             1 relay → district
 *  K      district relay (01 down)              relay             1 relay → commune
 *  L      commune applyStatus                   relay             2 KV update, track
 *                                                                 ──
 *                                               12 consumed+acked 18 persisted publishes
 *
 * (KV update = compare-and-set on the tracking record; lienthong reads the record from KV only on a
 * cache miss, which the benchmark never causes.) The baseline uses the same stream kinds (work
 * queues for submit and relay, one message per subject for the inbox, limits for track, one per
 * subject for the KV-like stream), the same consumer layout (one pull consumer per stream and
 * level, 64 messages in flight, ack after every publish of the stage has its PubAck), message ids
 * on the same publishes, the same connections (one for the broker, one per sender, one for the
 * recipient, one observer following the senders' track subjects) and the same closed loop.
 */
import {
  AckPolicy,
  DeliverPolicy,
  DiscardPolicy,
  RetentionPolicy,
  StorageType,
  jetstream,
  jetstreamManager,
} from '@nats-io/jetstream';
import type { JetStreamClient, JetStreamManager, JsMsg, PubAck } from '@nats-io/jetstream';
import { connect as natsConnect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/transport-node';
import { cpuMeter, defer, startServer } from '../lib/env';
import type { ThroughputOptions } from './lienthong';
import { deferred, now, round, sleep } from '../lib/util';

export const PERSISTED_PUBLISHES_PER_DOC = 18;
export const CONSUMES_PER_DOC = 12;

/**
 * `direct` is a what-if, not lienthong: the same work with no intermediate relays (commune and
 * central in one JetStream domain address each other's queues directly): stages B, C, E, F, J, K
 * disappear, leaving 12 persisted publishes and 6 consumes per document.
 */
export type BaselineShape = 'tree' | 'direct';
export const WORK_PER_DOC: Record<BaselineShape, { publishes: number; consumes: number }> = {
  tree: { publishes: PERSISTED_PUBLISHES_PER_DOC, consumes: CONSUMES_PER_DOC },
  direct: { publishes: 12, consumes: 6 },
};

const NS = 1_000_000;
const DAY_NS = 24 * 3600 * 1000 * NS;

type Stage = 'A' | 'B' | 'C' | 'D' | 'E' | 'F' | 'G' | 'H' | 'I' | 'J' | 'K' | 'L';
const STAGE_CODE: Record<Stage, number> = {
  A: 1,
  B: 2,
  C: 3,
  D: 4,
  E: 5,
  F: 6,
  G: 7,
  H: 8,
  I: 9,
  J: 10,
  K: 11,
  L: 12,
};

async function connectTo(servers: string, name: string): Promise<NatsConnection> {
  const nc = await natsConnect({ servers, name, noAsyncTraces: true });
  defer(`connection ${name}`, () => nc.drain().catch(() => nc.close()));
  return nc;
}

async function createStreams(jsm: JetStreamManager): Promise<void> {
  const common = { storage: StorageType.File, num_replicas: 1, duplicate_window: 10 * 60 * 1000 * NS };
  await jsm.streams.add({
    ...common,
    name: 'BB_SUBMIT',
    subjects: ['bb.submit.>'],
    retention: RetentionPolicy.Workqueue,
  });
  await jsm.streams.add({
    ...common,
    name: 'BB_RELAY',
    subjects: ['bb.relay.>'],
    retention: RetentionPolicy.Workqueue,
  });
  await jsm.streams.add({
    ...common,
    name: 'BB_INBOX',
    subjects: ['bb.inbox.>'],
    retention: RetentionPolicy.Limits,
    max_msgs_per_subject: 1,
    discard: DiscardPolicy.New,
    discard_new_per_subject: true,
    max_age: 30 * DAY_NS,
  });
  await jsm.streams.add({
    ...common,
    name: 'BB_TRACK',
    subjects: ['bb.track.>'],
    retention: RetentionPolicy.Limits,
    max_age: 30 * DAY_NS,
  });
  await jsm.streams.add({
    name: 'BB_KV',
    subjects: ['bb.kv.>'],
    storage: StorageType.File,
    num_replicas: 1,
    retention: RetentionPolicy.Limits,
    max_msgs_per_subject: 1,
    allow_rollup_hdrs: true,
    deny_delete: true,
    allow_direct: true,
    discard: DiscardPolicy.New,
  });
}

/** A pull consumer with at most `concurrency` messages in flight, acked after `handle` resolves. */
async function worker(
  js: JetStreamClient,
  jsm: JetStreamManager,
  stream: string,
  filter: string,
  handle: (m: JsMsg) => Promise<unknown>,
  concurrency = 64,
): Promise<void> {
  const durable = `bb-${filter.replace(/[.>*]+/g, '-')}`;
  await jsm.consumers.add(stream, {
    durable_name: durable,
    filter_subject: filter,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    ack_wait: 5_000 * NS,
    max_deliver: -1,
    max_ack_pending: Math.max(concurrency * 4, 256),
  });
  const consumer = await js.consumers.get(stream, durable);
  const messages = await consumer.consume({ max_messages: concurrency * 2, expires: 10_000 });
  defer(`baseline consumer ${durable}`, async () => messages.stop());
  let slots = concurrency;
  const waiters: (() => void)[] = [];
  void (async () => {
    for await (const m of messages) {
      if (slots > 0) slots--;
      else await new Promise<void>((r) => waiters.push(r));
      void handle(m)
        .then(
          () => m.ack(),
          () => m.nak(250),
        )
        .finally(() => {
          const next = waiters.shift();
          if (next) next();
          else slots++;
        });
    }
  })().catch(() => undefined);
}

/** Header of every baseline payload: stage, sender index, document sequence number. */
function payload(size: number, stage: Stage, sender: number, seq: number): Uint8Array {
  const b = new Uint8Array(size);
  const v = new DataView(b.buffer);
  v.setUint8(0, STAGE_CODE[stage]);
  v.setUint8(1, sender);
  v.setUint32(2, seq, true);
  return b;
}

function header(m: { data: Uint8Array }): { sender: number; seq: number; stage: number } {
  const v = new DataView(m.data.buffer, m.data.byteOffset, m.data.byteLength);
  return { stage: v.getUint8(0), sender: v.getUint8(1), seq: v.getUint32(2, true) };
}

export async function baseline(
  o: ThroughputOptions & { smallBytes: number; senders: number; shape?: BaselineShape },
): Promise<Record<string, unknown>> {
  const shape = o.shape ?? 'tree';
  const direct = shape === 'direct';
  const server = await startServer('baseline');
  const broker = await connectTo(server.url, 'baseline broker');
  const jsm = await jetstreamManager(broker);
  const js = jetstream(broker);
  await createStreams(jsm);

  const big = o.docBytes;
  const small = o.smallBytes;
  const pub = (c: JetStreamClient, subject: string, data: Uint8Array, msgID?: string): Promise<PubAck> =>
    c.publish(subject, data, msgID ? { msgID } : undefined);
  const id = (h: { sender: number; seq: number }, stage: Stage): string => `${h.sender}.${h.seq}.${stage}`;
  const relay = (
    level: string,
    stage: Stage,
    h: { sender: number; seq: number },
    size: number,
  ): Promise<PubAck> =>
    pub(js, `bb.relay.${level}.${stage}`, payload(size, stage, h.sender, h.seq), id(h, stage));
  const track = (stage: Stage, h: { sender: number; seq: number }): Promise<PubAck> =>
    pub(js, `bb.track.s${h.sender}`, payload(small, stage, h.sender, h.seq), id(h, stage));
  const kv = (stage: Stage, h: { sender: number; seq: number }): Promise<PubAck> =>
    pub(js, `bb.kv.s${h.sender}.d${h.seq}`, payload(small, stage, h.sender, h.seq));

  // The broker's stages, by stream and level as lienthong's consumers are.
  await worker(js, jsm, 'BB_SUBMIT', 'bb.submit.commune.>', (m) => {
    const h = header(m); // A: document intake
    return Promise.all([
      kv('A', h),
      track('A', h),
      direct ? relay('central', 'D', h, big) : relay('district', 'B', h, big),
    ]);
  });
  await worker(js, jsm, 'BB_SUBMIT', 'bb.submit.central.>', (m) =>
    direct ? relay('commune', 'L', header(m), small) : relay('province', 'J', header(m), small),
  ); // I
  await worker(js, jsm, 'BB_RELAY', 'bb.relay.district.>', (m) => {
    const h = header(m);
    if (m.subject.endsWith('.B')) return relay('province', 'C', h, big);
    if (m.subject.endsWith('.F')) return relay('commune', 'G', h, small);
    return relay('commune', 'L', h, small); // K
  });
  await worker(js, jsm, 'BB_RELAY', 'bb.relay.province.>', (m) => {
    const h = header(m);
    if (m.subject.endsWith('.C')) return relay('central', 'D', h, big);
    if (m.subject.endsWith('.E')) return relay('district', 'F', h, small);
    return relay('district', 'K', h, small); // J
  });
  await worker(js, jsm, 'BB_RELAY', 'bb.relay.central.>', (m) => {
    const h = header(m); // D: inbox delivery and the DELIVERED event back
    return Promise.all([
      pub(js, `bb.inbox.s${h.sender}.d${h.seq}`, payload(big, 'H', h.sender, h.seq), id(h, 'H')),
      direct ? relay('commune', 'G', h, small) : relay('province', 'E', h, small),
    ]);
  });
  await worker(js, jsm, 'BB_RELAY', 'bb.relay.commune.>', (m) => {
    const h = header(m);
    const stage: Stage = m.subject.endsWith('.G') ? 'G' : 'L';
    return Promise.all([kv(stage, h), track(stage, h)]);
  });

  // The recipient: reads its inbox, publishes the 01 to the central submit queue, then ackAcks.
  const recipientNc = await connectTo(server.url, 'baseline recipient');
  const rjs = jetstream(recipientNc);
  await jsm.consumers.add('BB_INBOX', {
    durable_name: 'bb-inbox',
    filter_subject: 'bb.inbox.>',
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    ack_wait: 60_000 * NS,
    max_deliver: -1,
    max_ack_pending: 256,
  });
  const inboxMessages = await (
    await rjs.consumers.get('BB_INBOX', 'bb-inbox')
  ).consume({ max_messages: 256 });
  defer('baseline inbox', async () => inboxMessages.stop());
  let inFlight = 0;
  let release: (() => void) | undefined;
  let lastInboxAt = 0;
  void (async () => {
    for await (const m of inboxMessages) {
      while (inFlight >= 256) await new Promise<void>((r) => (release = r));
      inFlight++;
      lastInboxAt = now();
      const h = header(m);
      void pub(rjs, 'bb.submit.central.I', payload(small, 'I', h.sender, h.seq), id(h, 'I'))
        .then(() => m.ackAck())
        .catch(() => undefined)
        .finally(() => {
          inFlight--;
          const r = release;
          release = undefined;
          r?.();
        });
    }
  })().catch(() => undefined);

  // Senders and the observer following their track subjects.
  const senders: JetStreamClient[] = [];
  for (let s = 0; s < o.senders; s++)
    senders.push(jetstream(await connectTo(server.url, `baseline sender ${s}`)));
  const observer = jetstream(await connectTo(server.url, 'baseline observer'));
  const onDone: ((sender: number, seq: number) => void)[] = [];
  for (let s = 0; s < o.senders; s++) {
    const c = await observer.consumers.get('BB_TRACK', {
      filter_subjects: `bb.track.s${s}`,
      deliver_policy: DeliverPolicy.New,
    });
    const messages = await c.consume();
    defer(`baseline track watch ${s}`, async () => messages.stop());
    void (async () => {
      for await (const m of messages) {
        const h = header(m);
        if (h.stage === STAGE_CODE.L) for (const l of onDone) l(h.sender, h.seq);
      }
    })().catch(() => undefined);
  }

  let sendErrors = 0;
  const closedLoop = async (
    docs: number,
    firstSeq: number,
  ): Promise<{ startedAt: number; lastDoneAt: number }> => {
    const k = o.senders;
    const inflight = new Array<number>(k).fill(0);
    const wake: ((() => void) | undefined)[] = new Array<(() => void) | undefined>(k).fill(undefined);
    const all = deferred();
    let done = 0;
    let lastDoneAt = 0;
    const seen = new Set<number>();
    const listener = (s: number, seq: number): void => {
      if (seq < firstSeq || seq >= firstSeq + docs || seen.has(seq)) return;
      seen.add(seq);
      lastDoneAt = now();
      inflight[s]!--;
      const w = wake[s];
      wake[s] = undefined;
      w?.();
      if (++done === docs) all.resolve();
    };
    onDone.push(listener);
    const startedAt = now();
    const deadline = startedAt + o.timeoutMs;
    let next = firstSeq;
    await Promise.all(
      Array.from({ length: k }, async (_, s) => {
        const quota = Math.floor(docs / k) + (s < docs % k ? 1 : 0);
        for (let i = 0; i < quota; i++) {
          while (inflight[s]! >= o.window) {
            const woken = deferred();
            wake[s] = woken.resolve;
            await Promise.race([woken.promise, sleep(1000)]);
            if (now() > deadline) throw new Error(`baseline: timed out, ${done} of ${docs} done`);
          }
          inflight[s]!++;
          const seq = next++;
          const h = { sender: s, seq };
          pub(senders[s]!, 'bb.submit.commune.A', payload(big, 'A', s, seq), id(h, 'A')).catch(
            () => sendErrors++,
          );
        }
      }),
    );
    const left = deadline - now();
    if (left <= 0 || !(await Promise.race([all.promise.then(() => true), sleep(left).then(() => false)]))) {
      throw new Error(`baseline: timed out, ${done} of ${docs} done (send errors ${sendErrors})`);
    }
    onDone.splice(onDone.indexOf(listener), 1);
    return { startedAt, lastDoneAt };
  };

  if (o.warmup > 0) await closedLoop(o.warmup, 0);
  const cpu = cpuMeter(server.pid);
  const r = await closedLoop(o.docs, 1_000_000);
  const used = cpu.stop();
  const elapsedMs = r.lastDoneAt - r.startedAt;
  return {
    docs: o.docs,
    senders: o.senders,
    windowPerSender: o.window,
    docBytes: big,
    smallBytes: small,
    shape,
    persistedPublishesPerDoc: WORK_PER_DOC[shape].publishes,
    consumesPerDoc: WORK_PER_DOC[shape].consumes,
    elapsedMs: round(elapsedMs),
    docsPerSec: round((o.docs * 1000) / elapsedMs, 1),
    deliveredPerSec: round((o.docs * 1000) / (lastInboxAt - r.startedAt), 1),
    publishesPerSec: round((o.docs * WORK_PER_DOC[shape].publishes * 1000) / elapsedMs),
    cpu: {
      processMs: round(used.processMs),
      serverMs: round(used.serverMs),
      processMsPerDoc: round(used.processMs / o.docs, 3),
      serverMsPerDoc: round(used.serverMs / o.docs, 3),
      processUtilisation: round(used.processMs / elapsedMs, 2),
      serverUtilisation: round(used.serverMs / elapsedMs, 2),
    },
    errors: { send: sendErrors },
  };
}
