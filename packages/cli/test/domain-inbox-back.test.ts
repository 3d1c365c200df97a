/**
 * A node's unread inbox items follow it from one JetStream domain to another (`topology apply`,
 * topology-domain.ts `moveUnreadInbox`), and back, and there again, within the streams' duplicate
 * window: each move stores the item at its new place, none takes it for the copy an earlier move
 * stored there (and then deletes the only copy). Two nats-servers stand for the two domains.
 */
import { jetstream, jetstreamManager, DiscardPolicy } from '@nats-io/jetstream';
import { connect as natsConnect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/transport-node';
import { STREAMS, inboxSubject, nodeSubjects } from '@lienthong/core';
import type { NodeInfo } from '@lienthong/core';
import { startNatsServer } from '@lienthong/testkit';
import type { NatsServer } from '@lienthong/testkit';
import { moveUnreadInbox } from '../src/commands/topology-domain';
import type { DomainStreams } from '../src/commands/topology-drain';

const NODE: NodeInfo = {
  id: 'h27-huongson-xa1',
  level: 4,
  levelName: 'commune',
  name: 'Xã Sơn Tây',
  domain: 'h27',
  parent: 'h27-huongson',
};
const AGENCY = '000.01.41.H27';

describe('inbox items moved between domains and back', () => {
  const servers: NatsServer[] = [];
  const conns: NatsConnection[] = [];
  afterAll(async () => {
    await Promise.allSettled(conns.map((c) => c.close()));
    await Promise.allSettled(servers.map((s) => s.cleanup()));
  });

  const domain = async (): Promise<DomainStreams> => {
    const server = await startNatsServer();
    servers.push(server);
    const nc = await natsConnect({ servers: server.url });
    conns.push(nc);
    const d = { js: jetstream(nc), jsm: await jetstreamManager(nc) };
    // As the node's inbox stream: one message per item subject, a second refused.
    await d.jsm.streams.add({
      name: STREAMS.inbox,
      subjects: [nodeSubjects(NODE.level, NODE.id).inbox],
      max_msgs_per_subject: 1,
      discard: DiscardPolicy.New,
      discard_new_per_subject: true,
      duplicate_window: 2 * 60 * 1_000_000_000, // SHORT_DUPLICATE_WINDOW_MS
    });
    return d;
  };
  const items = async (d: DomainStreams): Promise<string[]> => {
    const info = await d.jsm.streams.info(STREAMS.inbox, {
      subjects_filter: nodeSubjects(NODE.level, NODE.id).inbox,
    });
    return Object.keys(info.state.subjects ?? {})
      .map((s) => s.split('.').pop()!)
      .sort();
  };

  it('away, back and away again within the duplicate window: the items are where the node is, once', async () => {
    const a = await domain();
    const b = await domain();
    for (const key of ['item1', 'item2']) {
      await a.js.publish(inboxSubject(NODE.level, NODE.id, AGENCY, key), new Uint8Array([1, 2, 3]));
    }
    await moveUnreadInbox(a, b, NODE);
    expect([await items(a), await items(b)]).toEqual([[], ['item1', 'item2']]);
    await moveUnreadInbox(b, a, NODE);
    expect([await items(a), await items(b)]).toEqual([['item1', 'item2'], []]);
    await moveUnreadInbox(a, b, NODE);
    expect([await items(a), await items(b)]).toEqual([[], ['item1', 'item2']]);
    // A move run again (an interrupted apply) copies nothing twice.
    await moveUnreadInbox(a, b, NODE);
    expect((await b.jsm.streams.info(STREAMS.inbox)).state.messages).toBe(2);
  });
});
