/**
 * `topology apply` merges a JetStream domain into another. Two nats-servers, a hub (domain `hub`:
 * the centre and Nghệ An) and a leaf (domain `h27`: Hà Tĩnh's three nodes); the new topology puts
 * Hà Tĩnh's nodes in `hub`. Before the change, with both domains' services down: documents wait in
 * h27's relay queue for Sơn Tây, Sơn Tây's UBND has one item read and two not, and it submitted a
 * document with an attachment that waits in its node's submit queue (the content only in h27).
 * After the apply and a start of the hub's services with the new topology: each waiting document
 * reaches Sơn Tây once (the read one not again), its submission reaches its recipient with the
 * attachment readable, its tracking record is in the hub, nothing is left in h27's queues and
 * inboxes, and h27 is reported retired. The same again with the apply SIGKILLed after a random
 * stage of the move and run again. And a move into a domain without lienthong streams is refused.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { JetStreamManager } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import type { KV } from '@nats-io/kv';
import { connect as natsConnect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/transport-node';
import { BUCKETS, STREAMS, parseTopology, trackingKey } from '@lienthong/core';
import type { TopologyJson } from '@lienthong/core';
import { createLogger, startNode } from '@lienthong/node';
import type { RunningNode } from '@lienthong/node';
import { connect } from '@lienthong/sdk';
import type { Inbox, InboxItem, LienthongClient } from '@lienthong/sdk';
import { startLeafTree } from '@lienthong/testkit';
import type { LeafTree } from '@lienthong/testkit';
import { background, cliEnv, eventually, json, killAll, lienthong, tempDir } from './helpers';

jest.setTimeout(150_000);

const DEMO = path.resolve(__dirname, '../../../deploy/topology.demo.json');
const SENDER = '000.01.43.H41'; // Bảo Thành, h41-yenthanh-xa1, domain hub
const SON_TAY = '000.01.41.H27'; // Sơn Tây, h27-huongson-xa1, domain h27 → hub
const H27 = ['h27', 'h27-huongson', 'h27-huongson-xa1'];
const PDF = new Uint8Array(Buffer.from('%PDF-1.4 tệp đính kèm của xã Sơn Tây '.repeat(200)));

function before(): TopologyJson {
  const t = JSON.parse(readFileSync(DEMO, 'utf8')) as TopologyJson;
  for (const n of t.nodes) n.domain = H27.includes(n.id) ? 'h27' : 'hub';
  return t;
}

function merged(): TopologyJson {
  const t = before();
  for (const n of t.nodes) n.domain = 'hub';
  return t;
}

let counter = 0;
const doc = (from: string, tag: string): string =>
  `${from},2026/12/03,${Date.now().toString(36)}${++counter}/${tag}`;

/** An agency's inbox read in the background: every item acknowledged, counted, attachments read. */
class Reader {
  readonly seen = new Map<string, number>();
  readonly bytes = new Map<string, Uint8Array>();
  private readonly inbox: Inbox;
  constructor(readonly client: LienthongClient) {
    const inbox = client.inbox();
    this.inbox = inbox;
    void (async () => {
      for await (const item of inbox) await this.take(item);
    })().catch(() => undefined);
  }
  private async take(item: InboxItem): Promise<void> {
    this.seen.set(item.documentId, (this.seen.get(item.documentId) ?? 0) + 1);
    const [a] = item.attachments;
    if (a) this.bytes.set(item.documentId, await a.bytes());
    await eventually(() => item.ack({ timeoutMs: 2_000 }), 20_000, 200);
  }
  stop(): Promise<void> {
    return this.inbox.stop();
  }
}

describe.each([
  ['in one run', false],
  ['SIGKILLed at a random stage of the move, then run again', true],
])('topology apply merges a JetStream domain into another (%s)', (_mode, interrupted) => {
  let tree: LeafTree;
  const nodes: RunningNode[] = [];
  const clients: LienthongClient[] = [];
  const readers: Reader[] = [];
  let hubNc: NatsConnection;
  let leafNc: NatsConnection;
  let leafJsm: JetStreamManager;
  let hubTracking: KV;
  let leafTracking: KV;
  let dir = '';
  const s = (): string[] => ['-s', tree.hub.url];
  const log = createLogger({ name: 'domain-test', level: 'warn' });

  const host = async (t: TopologyJson, domain: string, url: string): Promise<RunningNode> => {
    const topology = parseTopology(t);
    const ids = topology
      .nodes()
      .filter((n) => n.domain === domain)
      .map((n) => n.id);
    const n = await startNode(
      { servers: url, topology, nodes: ids, domain, name: `lt-${domain}` },
      { logger: log },
    );
    nodes.push(n);
    return n;
  };
  const client = async (agency: string, url: string, domain: string): Promise<LienthongClient> => {
    const c = await connect({ servers: url, agency, domain, defaultTimeoutMs: 10_000 });
    clients.push(c);
    return c;
  };
  const count = async (jsm: JetStreamManager, stream: string, filter: string): Promise<number> => {
    const subjects = (await jsm.streams.info(stream, { subjects_filter: filter })).state.subjects ?? {};
    return Object.values(subjects).reduce((x, y) => x + y, 0);
  };

  beforeAll(async () => {
    dir = tempDir('lt-domain-');
    tree = await startLeafTree({ hubDomain: 'hub', leaves: ['h27'] });
    await host(before(), 'hub', tree.hub.url);
    await host(before(), 'h27', tree.leaves.h27!.url);
    hubNc = await natsConnect({ servers: tree.hub.url });
    leafNc = await natsConnect({ servers: tree.leaves.h27!.url });
    leafJsm = await jetstreamManager(leafNc, { domain: 'h27' });
    hubTracking = await new Kvm(jetstream(hubNc, { domain: 'hub' })).open(BUCKETS.tracking);
    leafTracking = await new Kvm(jetstream(leafNc, { domain: 'h27' })).open(BUCKETS.tracking);
  });

  afterAll(async () => {
    try {
      await Promise.allSettled(readers.map((r) => r.stop()));
      await Promise.allSettled(clients.map((c) => c.close()));
      await Promise.allSettled(nodes.map((n) => n.stop()));
      await hubNc?.close();
      await leafNc?.close();
      await tree?.stop();
    } finally {
      await killAll();
    }
  });

  it('moves the queues, unread items, attachments and records of the merged domain, each once', async () => {
    const sender = await client(SENDER, tree.hub.url, 'hub');
    const sonTay = await client(SON_TAY, tree.leaves.h27!.url, 'h27');
    const delivered = async (id: string): Promise<void> => {
      await eventually(async () => {
        if (!(await hubTracking.get(trackingKey(SENDER, id, SON_TAY)))) throw new Error(`${id} not yet`);
        if ((await count(leafJsm, STREAMS.inbox, `lt.v1.commune.h27-huongson-xa1.inbox.>`)) === 0)
          throw new Error('not in the inbox yet');
      }, 30_000);
    };
    // One item read (and acknowledged), two not.
    const read = doc(SENDER, 'READ');
    await sender.send({ documentId: read, subject: 'Đã đọc', to: [{ code: SON_TAY }] });
    await delivered(read);
    const first = new Reader(sonTay);
    await eventually(async () => {
      if (first.seen.get(read) !== 1) throw new Error('not read');
    }, 30_000);
    await first.stop();
    const unread = [doc(SENDER, 'UNREAD'), doc(SENDER, 'UNREAD')];
    for (const id of unread)
      await sender.send({ documentId: id, subject: 'Chưa đọc', to: [{ code: SON_TAY }] });
    await eventually(async () => {
      const n = await count(leafJsm, STREAMS.inbox, `lt.v1.commune.h27-huongson-xa1.inbox.>`);
      if (n !== 3) throw new Error(`${n} items`);
    }, 30_000);

    // What Sơn Tây sent before the change: its record is kept in its home domain.
    const sentBefore = doc(SON_TAY, 'SENT');
    await sonTay.send({ documentId: sentBefore, subject: 'Đã gửi', to: [{ code: SENDER }] });
    await eventually(async () => {
      if (!(await leafTracking.get(trackingKey(SON_TAY, sentBefore, SENDER)))) throw new Error('no record');
    }, 30_000);

    // Hà Tĩnh's services go down: what follows waits in its domain (with the transport events and
    // statuses on their way back to Sơn Tây).
    await nodes[1]!.stop();
    const queued = [doc(SENDER, 'QUEUED'), doc(SENDER, 'QUEUED')];
    for (const id of queued) await sender.send({ documentId: id, subject: 'Chờ', to: [{ code: SON_TAY }] });
    const submitted = doc(SON_TAY, 'ATTACHED');
    await sonTay.send(
      { documentId: submitted, subject: 'Có đính kèm', to: [{ code: SENDER }] },
      { attachments: [{ name: 'to-trinh.pdf', data: PDF, mediaType: 'application/pdf' }] },
    );
    await eventually(async () => {
      const relays = await count(leafJsm, STREAMS.relay, 'lt.v1.province.h27.relay.>');
      const submits = await count(leafJsm, STREAMS.submit, 'lt.v1.commune.h27-huongson-xa1.submit.>');
      if (relays < 2 || submits !== 1) throw new Error(`${relays} relays, ${submits} submissions`);
    }, 30_000);
    await sonTay.close();
    // The hub's services go down too: their level-wide consumers would take the moved nodes' messages.
    await nodes[0]!.stop();

    const file = path.join(dir, 'merged.json');
    writeFileSync(file, JSON.stringify(merged()));
    const dry = json<{ steps: string[]; retired: string[] }>(
      await lienthong(['topology', 'apply', file, '--dry-run', '--json', ...s()]),
    );
    expect(dry.steps).toEqual(
      H27.map(
        (id) =>
          `node ${id} moves from domain h27 to hub (queues, unread inbox items, dead letters, attachments, tracking records)`,
      ),
    );
    expect(dry.retired).toEqual(['h27']);

    if (interrupted) {
      const node = H27[Math.floor(Math.random() * H27.length)]!;
      const stage = ['subjects', 'content', 'queues', 'inbox', 'dead', 'tracking', 'consumers'][
        Math.floor(Math.random() * 7)
      ]!;
      const run = background(['topology', 'apply', file, ...s()], cliEnv({ LT_APPLY_STEP_DELAY_MS: '400' }));
      await run.waitFor(new RegExp(`\\[domain ${node}\\] ${stage} done`), 60_000, 'stderr');
      await run.stop('SIGKILL');
      process.stderr.write(`topology apply SIGKILLed after ${node} ${stage}\n`);
    }
    const applied = await lienthong(['topology', 'apply', file, '--json', ...s()]);
    expect(applied.code).toBe(0);
    const result = json<{ steps: string[]; done: number; left: string[]; retired: string[] }>(applied);
    expect(result).toMatchObject({ done: result.steps.length, left: [], retired: ['h27'] });

    // Nothing left in h27's queues and inboxes, nor its per-node consumers.
    for (const stream of [STREAMS.relay, STREAMS.submit, STREAMS.inbox])
      expect(await count(leafJsm, stream, 'lt.v1.*.*.>')).toBe(0);
    const consumers: string[] = [];
    for (const stream of [STREAMS.relay, STREAMS.submit, STREAMS.inbox])
      for await (const c of leafJsm.consumers.list(stream)) consumers.push(c.name);
    expect(consumers).toEqual([]);
    // Sơn Tây's record of what it sent is in the hub now.
    expect(await hubTracking.get(trackingKey(SON_TAY, sentBefore, SENDER))).toBeTruthy();

    // The hub's services start with the new topology: they serve Hà Tĩnh's nodes now.
    await host(merged(), 'hub', tree.hub.url);
    const atHub = new Reader(await client(SON_TAY, tree.hub.url, 'hub'));
    const back = new Reader(sender);
    readers.push(atHub, back);
    await eventually(async () => {
      for (const id of [...unread, ...queued])
        if (atHub.seen.get(id) !== 1) throw new Error(`${id} not read`);
      if (!back.bytes.has(submitted) || back.seen.get(sentBefore) !== 1) throw new Error('not read');
    }, 60_000);
    await new Promise((r) => setTimeout(r, 1500));
    expect([...atHub.seen.entries()].sort()).toEqual([...unread, ...queued].map((id) => [id, 1]).sort());
    expect([...back.seen.entries()].sort()).toEqual(
      [
        [sentBefore, 1],
        [submitted, 1],
      ].sort(),
    );
    expect(Buffer.from(back.bytes.get(submitted)!).equals(Buffer.from(PDF))).toBe(true);

    const again = await lienthong(['topology', 'apply', file, ...s()]);
    expect(again.stdout).toContain('the directory already matches this topology: nothing to do');
    expect(again.stdout).not.toContain('domains left with no node');
  });
});

describe('topology apply and a domain without lienthong streams', () => {
  let tree: LeafTree;
  let node: RunningNode | undefined;

  afterAll(async () => {
    try {
      await node?.stop();
      await tree?.stop();
    } finally {
      await killAll();
    }
  });

  it('refuses to split a node into a new domain, and changes nothing', async () => {
    tree = await startLeafTree({ hubDomain: 'hub', leaves: ['h27'] });
    const t = before();
    for (const n of t.nodes) n.domain = 'hub';
    node = await startNode(
      { servers: tree.hub.url, topology: parseTopology(t), domain: 'hub', name: 'lt-hub' },
      { logger: createLogger({ name: 'domain-test', level: 'warn' }) },
    );
    const split = structuredClone(t);
    for (const n of split.nodes) if (H27.includes(n.id)) n.domain = 'h27';
    const file = path.join(tempDir('lt-split-'), 'split.json');
    writeFileSync(file, JSON.stringify(split));
    const r = await lienthong(['topology', 'apply', file, '-s', tree.hub.url]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(
      "node h27-huongson-xa1 moves from domain hub to h27, which has no lienthong streams (a split into a new domain): start that domain's services first",
    );
    expect(r.stderr).toContain('nothing was changed');
    const info = await lienthong(['node', 'info', 'h27', '--json', '-s', tree.hub.url]);
    expect(info.stdout).toContain('"domain": "hub"');
  });
});
