/**
 * `topology apply` drains the nodes a reorganisation removes. The demo tree loses the district of
 * Quỳnh Lưu and its commune Quỳnh Văn: the district UBND closes into the province UBND, Quỳnh Văn
 * into Quỳnh Thạch, whose commune node stays, re-parented to the province. Their service is down
 * during the change, with documents queued for both nodes, items their agencies had not read, and a
 * recall on its way. After the apply: each document is in its successor's inbox once, the senders'
 * records follow the successors' statuses, nothing is left in the removed nodes' queues, inboxes or
 * consumers, they are out of the directory, and a second apply has nothing to do. The same again
 * with the apply SIGKILLed right after a step picked at random (while the next one runs) and run
 * again: the same result.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { JetStreamManager } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import type { KV } from '@nats-io/kv';
import { connect as natsConnect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/transport-node';
import { BUCKETS, STREAMS, decodeTrackingRecord, trackingKey } from '@lienthong/core';
import type { TopologyJson } from '@lienthong/core';
import { createLogger, loadTopologyFile, startNode } from '@lienthong/node';
import type { RunningNode } from '@lienthong/node';
import { BusinessStatus, TransportState } from '@lienthong/proto';
import type { TrackingRecord } from '@lienthong/proto';
import { connect } from '@lienthong/sdk';
import type { InboxItem, LienthongClient } from '@lienthong/sdk';
import { startNatsServer } from '@lienthong/testkit';
import type { NatsServer } from '@lienthong/testkit';
import { background, cliEnv, eventually, json, killAll, lienthong, tempDir } from './helpers';

jest.setTimeout(120_000);

const DEMO = path.resolve(__dirname, '../../../deploy/topology.demo.json');
const SENDER = '000.01.43.H41'; // Bảo Thành, h41-yenthanh-xa1
const PROVINCE = '000.00.00.H41'; // h41
const DISTRICT = '000.00.44.H41'; // h41-quynhluu: closes into the province UBND
const MERGED = '000.02.44.H41'; // Quỳnh Văn, h41-quynhluu-xa2: closes into Quỳnh Thạch
const KEPT = '000.01.44.H41'; // Quỳnh Thạch, h41-quynhluu-xa1: stays, under the province
/** An agency at Quỳnh Văn's node that moves to Quỳnh Thạch's: it submits while its node is down. */
const MOVING = '000.05.44.H41';
const REMOVED = ['h41-quynhluu', 'h41-quynhluu-xa2'];
const CLOSED_AT = '2025-07-01T00:00:00Z';

function before(): TopologyJson {
  const t = JSON.parse(readFileSync(DEMO, 'utf8')) as TopologyJson;
  t.agencies.push({
    code: MOVING,
    name: 'Hợp tác xã Quỳnh Văn',
    tier: 'commune',
    parentCode: MERGED,
    homeNode: 'h41-quynhluu-xa2',
  });
  return t;
}

function reformed(): TopologyJson {
  const t = before();
  t.nodes = t.nodes.filter((n) => !REMOVED.includes(n.id));
  for (const n of t.nodes) if (n.id === 'h41-quynhluu-xa1') n.parent = 'h41';
  t.agencies = t.agencies.filter((a) => a.code !== DISTRICT && a.code !== MERGED);
  for (const a of t.agencies) if (a.code === KEPT) a.parentCode = PROVINCE;
  for (const a of t.agencies)
    if (a.code === MOVING) Object.assign(a, { parentCode: KEPT, homeNode: 'h41-quynhluu-xa1' });
  t.closed = [
    {
      code: DISTRICT,
      name: 'UBND huyện Quỳnh Lưu',
      closedAt: CLOSED_AT,
      successor: PROVINCE,
      policy: 'redirect',
    },
    { code: MERGED, name: 'UBND xã Quỳnh Văn', closedAt: CLOSED_AT, successor: KEPT, policy: 'redirect' },
  ];
  return t;
}

let counter = 0;
const doc = (tag: string): string => `${SENDER},2026/12/02,${Date.now().toString(36)}${++counter}/${tag}`;

/** An agency's inbox read in the background: every item acknowledged (01 to its sender), counted. */
class Reader {
  readonly seen = new Map<string, number>();
  readonly recalls = new Map<string, number>();
  private readonly done: Promise<void>;
  constructor(readonly client: LienthongClient) {
    const inbox = client.inbox();
    this.done = (async () => {
      for await (const item of inbox) await this.take(item);
    })().catch(() => undefined);
  }
  private async take(item: InboxItem): Promise<void> {
    const into = item.kind === 'recall' ? this.recalls : this.seen;
    into.set(item.documentId, (into.get(item.documentId) ?? 0) + 1);
    await eventually(() => item.ack({ timeoutMs: 2_000 }), 20_000, 200);
  }
}

describe.each([
  ['in one run', false],
  ['SIGKILLed at a random step, then run again', true],
])('topology apply drains the nodes it removes (%s)', (_mode, interrupted) => {
  let server: NatsServer;
  let a: RunningNode | undefined;
  let b: RunningNode | undefined;
  let nc: NatsConnection;
  let jsm: JetStreamManager;
  let tracking: KV;
  const clients: LienthongClient[] = [];
  const s = (): string[] => ['-s', server.url];
  let file = '';

  beforeAll(async () => {
    // Written here: the temporary directories of a suite go when it ends (killAll).
    const dir = tempDir('lt-drain-');
    file = path.join(dir, 'reformed.json');
    writeFileSync(file, JSON.stringify(reformed()));
    writeFileSync(path.join(dir, 'before.json'), JSON.stringify(before()));
    server = await startNatsServer();
    const topology = loadTopologyFile(path.join(dir, 'before.json'));
    const start = (nodes: string[], name: string): Promise<RunningNode> =>
      startNode(
        { servers: server.url, topology, nodes, name },
        { logger: createLogger({ name, level: 'warn' }) },
      );
    const others = topology
      .nodes()
      .map((n) => n.id)
      .filter((id) => !REMOVED.includes(id));
    a = await start(others, 'drain-test-a');
    b = await start(REMOVED, 'drain-test-b');
    nc = await natsConnect({ servers: server.url });
    jsm = await jetstreamManager(nc);
    tracking = await new Kvm(jetstream(nc)).open(BUCKETS.tracking);
  });

  afterAll(async () => {
    try {
      await Promise.all(clients.map((c) => c.close().catch(() => undefined)));
      await b?.stop();
      await a?.stop();
      await nc?.close();
      await server?.cleanup();
    } finally {
      await killAll();
    }
  });

  const client = async (agency: string): Promise<LienthongClient> => {
    const c = await connect({ servers: server.url, agency, defaultTimeoutMs: 10_000 });
    clients.push(c);
    return c;
  };
  const record = async (id: string, recipient: string): Promise<TrackingRecord | undefined> => {
    const e = await tracking.get(trackingKey(SENDER, id, recipient));
    return e?.operation === 'PUT' ? decodeTrackingRecord(e.value) : undefined;
  };
  const count = async (stream: string, filter: string): Promise<number> => {
    const subjects = (await jsm.streams.info(stream, { subjects_filter: filter })).state.subjects ?? {};
    return Object.values(subjects).reduce((x, y) => x + y, 0);
  };
  const delivered = async (id: string, recipient: string): Promise<boolean> =>
    (await record(id, recipient))?.transport === TransportState.TRANSPORT_STATE_DELIVERED;

  it('moves queued documents, unread items and a recall to the successors, each once, and removes the nodes', async () => {
    const sender = await client(SENDER);
    // Delivered before the change and not read: in the closing agencies' inboxes.
    const unreadDistrict = doc('UNREAD-D');
    const unreadMerged = doc('UNREAD-M');
    await sender.send({ documentId: unreadDistrict, subject: 'Chưa đọc (huyện)', to: [{ code: DISTRICT }] });
    await sender.send({ documentId: unreadMerged, subject: 'Chưa đọc (xã)', to: [{ code: MERGED }] });
    await eventually(async () => {
      if (!(await delivered(unreadDistrict, DISTRICT)) || !(await delivered(unreadMerged, MERGED)))
        throw new Error('not delivered yet');
    });

    // The service of the district and of Quỳnh Văn goes down: what follows waits in their queues.
    await b!.stop();
    b = undefined;
    const queuedDistrict = doc('QUEUED-D');
    const queuedMerged = doc('QUEUED-M');
    const alsoToKept = doc('QUEUED-BOTH');
    await sender.send({ documentId: queuedDistrict, subject: 'Chờ (huyện)', to: [{ code: DISTRICT }] });
    await sender.send({ documentId: queuedMerged, subject: 'Chờ (xã)', to: [{ code: MERGED }] });
    await sender.send({
      documentId: alsoToKept,
      subject: 'Chờ (hai nơi)',
      to: [{ code: MERGED }, { code: KEPT }],
    });
    await sender.recall(unreadMerged, { reason: 'Ban hành nhầm' });
    // Submitted at a node that is down: it waits in that node's submit queue.
    const submitted = `${MOVING},2026/12/02,${Date.now().toString(36)}/SUBMITTED`;
    await (
      await client(MOVING)
    ).send({ documentId: submitted, subject: 'Gửi khi nút nghỉ', to: [{ code: PROVINCE }] });
    await eventually(async () => {
      if ((await count(STREAMS.submit, 'lt.v1.commune.h41-quynhluu-xa2.submit.>')) !== 1)
        throw new Error('not queued');
    });
    await eventually(async () => {
      const n =
        (await count(STREAMS.relay, 'lt.v1.district.h41-quynhluu.relay.>')) +
        (await count(STREAMS.relay, 'lt.v1.commune.h41-quynhluu-xa2.relay.>'));
      if (n !== 4) throw new Error(`${n} queued at the removed nodes`);
    }, 20_000);

    const dry = json<{ steps: string[] }>(
      await lienthong(['topology', 'apply', file, '--dry-run', '--json', ...s()]),
    );
    expect(dry.steps).toEqual([
      'change node h41-quynhluu-xa1 (parent h41, Xã Quỳnh Thạch)',
      `re-parent ${KEPT} under ${PROVINCE}`,
      `move ${MOVING} from h41-quynhluu-xa2 to h41-quynhluu-xa1, re-parent ${MOVING} under ${KEPT}`,
      `close ${MERGED} (redirect to ${KEPT}, ${CLOSED_AT})`,
      `close ${DISTRICT} (redirect to ${PROVINCE}, ${CLOSED_AT})`,
      `move the unread inbox items of ${DISTRICT} to ${PROVINCE}`,
      `move the unread inbox items of ${MERGED} to ${KEPT}`,
      'drain node h41-quynhluu-xa2 into h41-quynhluu-xa1 (3 relays, 1 submissions, 1 inbox items), then remove it',
      'drain node h41-quynhluu into h41 (1 relays, 0 submissions, 1 inbox items), then remove it',
    ]);

    if (interrupted) {
      const step = 1 + Math.floor(Math.random() * (dry.steps.length - 1));
      const first = background(['topology', 'apply', file, ...s()], cliEnv());
      await first.waitFor(new RegExp(`\\[${step}/${dry.steps.length}\\]`), 30_000, 'stderr');
      await first.stop('SIGKILL');
      process.stderr.write(`topology apply SIGKILLed after step ${step}/${dry.steps.length}\n`);
    }
    // A drain copies queues and inboxes message by message: on a loaded machine it takes longer than
    // the helper's default 15 s.
    const applied = await lienthong(['topology', 'apply', file, '--json', ...s()], { timeoutMs: 60_000 });
    expect([applied.code, applied.stderr.split('\n').filter((l) => !l.startsWith('['))]).toEqual([0, ['']]);
    const result = json<{ steps: string[]; done: number; left: string[] }>(applied);
    expect(result).toMatchObject({ done: result.steps.length, left: [] });
    if (!interrupted) expect(result.done).toBe(9);

    // The successors read their inboxes: each document once, the recall with it.
    const province = new Reader(await client(PROVINCE));
    const kept = new Reader(await client(KEPT));
    await eventually(async () => {
      const want = [
        [province, unreadDistrict],
        [province, queuedDistrict],
        [province, submitted],
        [kept, unreadMerged],
        [kept, queuedMerged],
        [kept, alsoToKept],
      ] as const;
      for (const [r, id] of want) if (r.seen.get(id) !== 1) throw new Error(`${id} not read`);
      if (kept.recalls.get(unreadMerged) !== 1) throw new Error('recall not read');
    }, 30_000);
    expect([...province.seen.values()].every((n) => n === 1)).toBe(true);
    expect([...kept.seen.values()].every((n) => n === 1)).toBe(true);
    expect(kept.seen.size).toBe(3);
    expect(province.seen.size).toBe(3);
    // The moved agency's submission left from its new home, which keeps its record.
    await eventually(async () => {
      const e = await tracking.get(trackingKey(MOVING, submitted, PROVINCE));
      const r = e?.operation === 'PUT' ? decodeTrackingRecord(e.value) : undefined;
      if (r?.business !== BusinessStatus.BUSINESS_STATUS_ARRIVED) throw new Error('no 01 at its sender');
      expect(r.timeline[0]?.node).toBe('h41-quynhluu-xa1');
    }, 20_000);

    // The senders' records of the closed codes follow the successors (their 01 answers for them).
    for (const [id, closed, successor] of [
      [unreadDistrict, DISTRICT, PROVINCE],
      [queuedDistrict, DISTRICT, PROVINCE],
      [unreadMerged, MERGED, KEPT],
      [queuedMerged, MERGED, KEPT],
      [alsoToKept, MERGED, KEPT],
    ] as const) {
      await eventually(async () => {
        const r = await record(id, closed);
        if (r?.redirectedTo !== successor) throw new Error(`${id}: ${closed} not linked to ${successor}`);
        if (id !== alsoToKept && r.business !== BusinessStatus.BUSINESS_STATUS_ARRIVED)
          throw new Error(`${id}: 01 not mirrored onto ${closed}`);
      }, 20_000);
    }

    // Nothing left where the removed nodes were, and they are out of the directory.
    for (const id of REMOVED) {
      const level = id.includes('-xa') ? 'commune' : 'district';
      expect(await count(STREAMS.relay, `lt.v1.${level}.${id}.relay.>`)).toBe(0);
      expect(await count(STREAMS.submit, `lt.v1.${level}.${id}.submit.>`)).toBe(0);
      expect(await count(STREAMS.inbox, `lt.v1.${level}.${id}.inbox.>`)).toBe(0);
      const consumers: string[] = [];
      for await (const c of jsm.consumers.list(STREAMS.relay)) consumers.push(c.name);
      expect(consumers.filter((n) => n.endsWith(id))).toEqual([]);
      expect((await lienthong(['node', 'info', id, ...s()])).stderr).toContain(
        `node ${id} is not in the directory`,
      );
    }
    expect(await count(STREAMS.relay, '>')).toBe(0);
    // Every transport event and status found its record at the sender's home node.
    expect(await count(STREAMS.dead, 'lt.v1.commune.h41-yenthanh-xa1.dead')).toBe(0);

    const again = await lienthong(['topology', 'apply', file, ...s()], { timeoutMs: 60_000 });
    expect(again.stdout).toContain('the directory already matches this topology: nothing to do');
  });
});
