/** Every node's backlog per lane from one listing per stream, as `nodeBacklog` counts one node's. */
import { connect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/transport-node';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import { AgencyRecord, Level, NodeRecord } from '@lienthong/proto';
import { startNatsServer } from '@lienthong/testkit';
import type { NatsServer } from '@lienthong/testkit';
import { Directory, allBacklogs, nodeBacklog } from '../src';
import type { Session } from '../src';

describe('allBacklogs', () => {
  let server: NatsServer;
  let nc: NatsConnection;
  let s: Session;
  const dir = new Directory(
    new Map([
      ['vn', NodeRecord.create({ id: 'vn', level: Level.LEVEL_CENTRAL })],
      ['h41', NodeRecord.create({ id: 'h41', level: Level.LEVEL_PROVINCE, parent: 'vn' })],
      ['h41-d1', NodeRecord.create({ id: 'h41-d1', level: Level.LEVEL_DISTRICT, parent: 'h41' })],
    ]),
    new Map([['000.00.00.H41', AgencyRecord.create({ code: '000.00.00.H41', homeNode: 'h41' })]]),
  );

  beforeAll(async () => {
    server = await startNatsServer();
    nc = await connect({ servers: server.url });
    const js = jetstream(nc);
    const jsm = await jetstreamManager(nc);
    s = { settings: { server: server.url, timeoutMs: 5_000 }, nc, js, jsm, kvm: new Kvm(js) };
    await jsm.streams.add({ name: 'LT_SUBMIT', subjects: ['lt.v1.*.*.submit.>'] });
    await jsm.streams.add({ name: 'LT_RELAY', subjects: ['lt.v1.*.*.relay.>'] });
    const put = (subject: string, n: number): Promise<unknown[]> =>
      Promise.all(Array.from({ length: n }, () => js.publish(subject, new Uint8Array([1]))));
    await put('lt.v1.province.h41.submit.000_00_00_H41', 3);
    await put('lt.v1.province.h41.submit.000_00_00_H41.urgent', 1);
    await put('lt.v1.central.vn.relay.normal.h41', 2); // h41 → its parent
    await put('lt.v1.province.h41.relay.urgent.h41-d1', 4); // h41-d1 → its parent
    await put('lt.v1.province.h41.relay.normal.vn', 5); // from the parent: not h41-d1's nor vn's "toParent"
  });

  afterAll(async () => {
    await nc?.close();
    await server?.stop();
  });

  it('counts per node and lane, and what waits at each parent; no LT_DEAD counts none', async () => {
    const all = await allBacklogs(s, dir);
    expect(all.get('h41')).toEqual({
      submit: { normal: 3, urgent: 1 },
      relay: { normal: 5, urgent: 4 },
      toParent: 2,
      dead: 0,
    });
    expect(all.get('h41-d1')).toEqual({
      submit: { normal: 0, urgent: 0 },
      relay: { normal: 0, urgent: 0 },
      toParent: 4,
      dead: 0,
    });
    expect(all.get('vn')!.toParent).toBeUndefined();
    expect(all.get('vn')!.relay).toEqual({ normal: 2, urgent: 0 });
  });

  it('agrees with nodeBacklog node by node', async () => {
    await s.jsm.streams.add({ name: 'LT_DEAD', subjects: ['lt.v1.*.*.dead'] });
    await s.js.publish('lt.v1.province.h41.dead', new Uint8Array([1]));
    const all = await allBacklogs(s, dir);
    for (const id of ['vn', 'h41', 'h41-d1']) {
      const one = await nodeBacklog(s, dir, id);
      const b = all.get(id)!;
      expect([
        b.submit.normal + b.submit.urgent,
        b.relay.normal + b.relay.urgent,
        b.toParent,
        b.dead,
      ]).toEqual([one.submit, one.relay, one.toParent, one.dead]);
    }
  });
});
