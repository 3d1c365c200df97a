/**
 * The operations page on the directory it keeps: the directory read again when its bucket changes,
 * not on every refresh; the consumers serving each node matched again when the consumers change; the
 * search for a node among all of them (`?node=`).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import { connect as natsConnect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/transport-node';
import { AckPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { JetStreamManager } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import { BUCKETS, STREAMS, directoryKeys, parseTopology } from '@lienthong/core';
import { Level, NodeRecord } from '@lienthong/proto';
import { startNatsServer } from '@lienthong/testkit';
import type { NatsServer } from '@lienthong/testkit';
import { publishDirectory } from '../../node/src/directory';
import { registerDashboard } from '../src';

jest.setTimeout(60_000);

const DEPLOY = resolve(__dirname, '../../../deploy');

describe('operations page: the directory it keeps', () => {
  let server: NatsServer;
  let nc: NatsConnection;
  let jsm: JetStreamManager;
  let kvm: Kvm;
  let app: FastifyInstance;
  let url: string;
  /** Scans of the directory bucket started (each a consumer on its stream). */
  let reads = 0;

  beforeAll(async () => {
    server = await startNatsServer();
    nc = await natsConnect({ servers: server.url });
    const js = jetstream(nc);
    jsm = await jetstreamManager(nc);
    kvm = new Kvm(js);
    await publishDirectory(
      kvm,
      parseTopology(JSON.parse(readFileSync(`${DEPLOY}/topology.demo.json`, 'utf8'))),
    );
    await kvm.create(BUCKETS.tracking, { history: 1 });
    const add = jsm.consumers.add.bind(jsm.consumers);
    jsm.consumers.add = (stream, config) => {
      if (stream === `KV_${BUCKETS.directory}`) reads++;
      return add(stream, config);
    };
    app = Fastify();
    await registerDashboard(app, {
      session: { settings: { server: server.url, timeoutMs: 10_000 }, nc, js, jsm, kvm },
      authenticate: () => null,
      noAuth: true,
      directoryRefreshMs: 50,
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  });

  afterAll(async () => {
    await app?.close();
    await nc?.close();
    await server?.stop();
  });

  const ops = async (): Promise<{
    nodesTotal: number;
    nodes: { id: string; consumers: { name: string }[] }[];
  }> =>
    (await fetch(`${url}/dashboard/api/ops`)).json() as Promise<{
      nodesTotal: number;
      nodes: { id: string; consumers: { name: string }[] }[];
    }>;
  const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

  it('does not read an unchanged directory again, and reads it again once it changes', async () => {
    const before = await ops();
    expect(before.nodesTotal).toBe(11);
    const readsBefore = reads;
    await sleep(500); // about ten refreshes
    expect(reads).toBe(readsBefore);

    const kv = await kvm.open(BUCKETS.directory);
    await kv.put(
      directoryKeys.node('h27-new'),
      NodeRecord.encode(
        NodeRecord.create({ id: 'h27-new', parent: 'h27', level: Level.LEVEL_DISTRICT, name: 'Mới' }),
      ).finish(),
    );
    for (let i = 0; i < 100 && (await ops()).nodesTotal === 11; i++) await sleep(50);
    const after = await ops();
    expect(after.nodesTotal).toBe(12);
    expect(after.nodes.map((n) => n.id)).toContain('h27-new');
    expect(reads).toBeGreaterThan(readsBefore);

    await kv.delete(directoryKeys.node('h27-new'));
    for (let i = 0; i < 100 && (await ops()).nodesTotal === 12; i++) await sleep(50);
    expect((await ops()).nodesTotal).toBe(11);
  });

  it('names the consumers serving each node as consumers come and go', async () => {
    await jsm.streams.add({ name: STREAMS.submit, subjects: ['lt.v1.*.*.submit.>'] });
    await jsm.streams.add({ name: STREAMS.relay, subjects: ['lt.v1.*.*.relay.>'] });
    const serving = async (id: string): Promise<string[]> =>
      ((await ops()).nodes.find((n) => n.id === id)?.consumers ?? []).map((c) => c.name).sort();
    expect(await serving('h41')).toEqual([]);
    const pull = (name: string, filter: string) =>
      jsm.consumers.add(STREAMS.submit, {
        durable_name: name,
        ack_policy: AckPolicy.Explicit,
        filter_subject: filter,
      });
    await pull('only-h41', 'lt.v1.province.h41.submit.>');
    expect(await serving('h41')).toEqual(['only-h41']);
    expect(await serving('h27')).toEqual([]);
    await pull('provinces', 'lt.v1.province.*.submit.>');
    expect(await serving('h41')).toEqual(['only-h41', 'provinces']);
    expect(await serving('h27')).toEqual(['provinces']);
    await jsm.consumers.delete(STREAMS.submit, 'only-h41');
    expect(await serving('h41')).toEqual(['provinces']);
  });

  it('finds nodes by id or name, without diacritics, among all of them', async () => {
    const find = async (node: string) =>
      (await fetch(`${url}/dashboard/api/ops?node=${encodeURIComponent(node)}`)).json() as Promise<{
        nodes: { id: string }[];
        nodesTotal: number;
        nodesMatching: number;
      }>;
    const byId = await find('yenthanh');
    expect(byId.nodes.map((n) => n.id)).toEqual(['h41-yenthanh', 'h41-yenthanh-xa1', 'h41-yenthanh-xa2']);
    expect(byId).toMatchObject({ nodesTotal: 11, nodesMatching: 3 });
    const byName = await find('ha tinh');
    expect(byName.nodes.map((n) => n.id)).toEqual(['h27']);
    expect((await find('nowhere')).nodesMatching).toBe(0);
    expect('nodesMatching' in (await ops())).toBe(false);
    expect((await fetch(`${url}/dashboard/api/ops?node=${'x'.repeat(101)}`)).status).toBe(400);
  });
});
