/**
 * The container is the composition root of a node process: every collaborator is built from it,
 * so a test replaces one by registering another before the runtime is built.
 */
import 'reflect-metadata';
import { injectable } from 'tsyringe';
import type { NodeInfo } from '@lienthong/core';
import { TOKENS } from '@lienthong/node';
import { Delivery } from '@lienthong/node/internal';
import type {
  AcceptedDocument,
  AcceptedStatus,
  AcceptedTransportEvent,
  InboundMessage,
} from '@lienthong/node/internal';
import { TransportState } from '@lienthong/proto';
import { A, Harness, demoTopology, docId, documentOf, waitFor } from './harness';

const SENDER = A.baothanh;
const RECIPIENT = A.quynhthach;

/** A Delivery that notes every inbox delivery before making it. */
@injectable()
class NotingDelivery extends Delivery {
  static readonly seen: string[] = [];

  override toInbox(
    node: NodeInfo,
    env: AcceptedDocument | AcceptedStatus,
    recipient: string,
    msg: InboundMessage | undefined,
  ): Promise<AcceptedTransportEvent | undefined> {
    NotingDelivery.seen.push(`${node.id}:${recipient}:${env.documentId}`);
    return super.toInbox(node, env, recipient, msg);
  }
}

describe('the node container', () => {
  const h = new Harness();
  afterEach(() => h.cleanup());

  it('builds the stages with the clock it holds: a fixed clock dates the tracking record', async () => {
    const topology = demoTopology();
    const server = await h.server();
    const fixed = Date.UTC(2026, 4, 19, 2, 30);
    await h.node(
      server,
      topology,
      {},
      { configure: (c) => c.register(TOKENS.Clock, { useValue: () => fixed }) },
    );
    const inspect = await h.inspector(server, topology);
    const sender = await h.client(server, SENDER);
    const id = docId(SENDER);
    await sender.send(documentOf(id, SENDER, [RECIPIENT]));
    const record = await waitFor(
      'the record opened',
      async () => (await inspect.record(SENDER, id, RECIPIENT)) ?? false,
    );
    expect(record.sentAtMs).toBe(fixed);
  });

  it('routes through a Delivery registered in its place', async () => {
    const topology = demoTopology();
    const server = await h.server();
    await h.node(
      server,
      topology,
      {},
      { configure: (c) => c.register(Delivery, { useClass: NotingDelivery }) },
    );
    const inspect = await h.inspector(server, topology);
    const sender = await h.client(server, SENDER);
    const id = docId(SENDER);
    await sender.send(documentOf(id, SENDER, [RECIPIENT]));
    await waitFor('delivered', async () => {
      const r = await inspect.record(SENDER, id, RECIPIENT);
      return r?.transport === TransportState.TRANSPORT_STATE_DELIVERED;
    });
    expect(NotingDelivery.seen).toEqual([`${topology.homeNodeOf(RECIPIENT).id}:${RECIPIENT}:${id}`]);
  });
});
