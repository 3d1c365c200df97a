/**
 * The gateway's status list (src/status-queue.ts) against a real JetStream: a tracking change may
 * bring several statuses at once (a node writes a burst of reports to one record as one change),
 * and each of them is listed; the change's message is acknowledged only with the last of them.
 * Without the node's added-entries header (a record republished after a crash), the list falls
 * back to the version of the record it read before.
 */
import { connect, headers } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/transport-node';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import { STREAMS, TRACK_ADDED_HEADER, encodeTrackingRecord, levelName, trackSubject } from '@lienthong/core';
import type { NodeInfo } from '@lienthong/core';
import { BusinessStatus, Level, TrackingRecord, TransportState } from '@lienthong/proto';
import type { ITimelineEntry } from '@lienthong/proto';
import { startNatsServer, waitFor } from '@lienthong/testkit';
import type { NatsServer } from '@lienthong/testkit';
import { StatusQueue } from '../src/status-queue';
import { isStatusId } from '../src/received-queue';

const SENDER = '000.00.00.H41';
const RECIPIENT = '000.00.00.G22';
const HOME: NodeInfo = {
  id: 'h41',
  level: Level.LEVEL_PROVINCE,
  levelName: levelName(Level.LEVEL_PROVINCE),
  name: 'Nghệ An',
  parent: 'vn',
  domain: '',
} as NodeInfo;
const SUBJECT = trackSubject(HOME.level, HOME.id, SENDER);

const accepted: ITimelineEntry = {
  transport: TransportState.TRANSPORT_STATE_ACCEPTED,
  atMs: 1_000,
  node: 'h41',
};
const delivered: ITimelineEntry = {
  transport: TransportState.TRANSPORT_STATE_DELIVERED,
  atMs: 1_100,
  node: 'vn',
};
const status = (code: BusinessStatus, atMs: number): ITimelineEntry => ({ business: code, atMs, node: 'vn' });

function record(documentId: string, timeline: ITimelineEntry[]): TrackingRecord {
  return TrackingRecord.create({ documentId, sender: SENDER, recipient: RECIPIENT, timeline });
}

describe('gateway status list', () => {
  let server: NatsServer;
  let nc: NatsConnection;
  let js: JetStreamClient;
  let jsm: JetStreamManager;

  beforeAll(async () => {
    server = await startNatsServer();
    nc = await connect({ servers: server.url });
    js = jetstream(nc);
    jsm = await jetstreamManager(nc);
    await jsm.streams.add({ name: STREAMS.track, subjects: [`${SUBJECT.split('.track.')[0]}.track.>`] });
  });

  afterAll(async () => {
    await nc?.close();
    await server?.stop();
  });

  async function publish(r: TrackingRecord, added?: string): Promise<void> {
    const h = headers();
    h.set('Lt-Kind', 'tracking');
    if (added !== undefined) h.set(TRACK_ADDED_HEADER, added);
    await js.publish(SUBJECT, encodeTrackingRecord(r), { headers: h });
  }

  async function pendingAcks(q: StatusQueue): Promise<number> {
    return (await jsm.consumers.info(STREAMS.track, q.durable)).num_ack_pending;
  }

  function codes(q: StatusQueue, documentId: string): number[] {
    return q
      .items()
      .filter((i) => i.receipt.documentId === documentId)
      .map((i) => Number(i.receipt.code));
  }

  it('lists every status a change brought, and acknowledges the change with the last of them', async () => {
    const q = new StatusQueue({ js, jsm }, SENDER, HOME, 64);
    await q.start();
    const id = `${SENDER},2026/12/02,1/BURST`;
    await publish(record(id, [accepted]), '0');
    // The 03 and the 06 were reported within a millisecond of each other and written as one change.
    const burst = [
      accepted,
      delivered,
      status(BusinessStatus.BUSINESS_STATUS_ARRIVED, 1_200),
      status(BusinessStatus.BUSINESS_STATUS_ACCEPTED, 1_300),
      status(BusinessStatus.BUSINESS_STATUS_COMPLETED, 1_301),
    ];
    await publish(record(id, burst.slice(0, 3)), '1,2');
    await publish(record(id, burst), '3,4');
    await waitFor('statuses listed', () => codes(q, id).length === 3, 5_000);
    expect(codes(q, id)).toEqual([1, 3, 6]);
    const items = q.items().filter((i) => i.receipt.documentId === id);
    // Every id is a status id the routes accept, and each is distinct.
    expect(items.every((i) => isStatusId(i.id))).toBe(true);
    expect(new Set(items.map((i) => i.id)).size).toBe(3);
    const [, three, six] = items;
    expect(six!.id).toBe(`${three!.id}.1`);

    await q.ack(three!.id);
    expect(q.wasAcked(three!.id)).toBe(true);
    // The 06 of the same change is still held: so is the change's message.
    expect(await pendingAcks(q)).toBe(2);
    await q.ack(items[0]!.id);
    expect(await pendingAcks(q)).toBe(1);
    await q.ack(six!.id);
    expect(await pendingAcks(q)).toBe(0);
    expect(codes(q, id)).toEqual([]);
    await q.stop();
  });

  it('without the header, tells what a change added from the version it read before', async () => {
    const q = new StatusQueue({ js, jsm }, SENDER, HOME, 64);
    await q.start();
    const id = `${SENDER},2026/12/02,2/REPUBLISHED`;
    await publish(record(id, [accepted, delivered, status(BusinessStatus.BUSINESS_STATUS_ARRIVED, 1_200)]));
    await waitFor('statuses listed', () => codes(q, id).length === 1, 5_000);
    // A record never read before: its newest entry.
    expect(codes(q, id)).toEqual([1]);
    await publish(
      record(id, [
        accepted,
        delivered,
        status(BusinessStatus.BUSINESS_STATUS_ARRIVED, 1_200),
        status(BusinessStatus.BUSINESS_STATUS_ACCEPTED, 1_300),
        status(BusinessStatus.BUSINESS_STATUS_COMPLETED, 1_301),
      ]),
    );
    await waitFor('statuses listed', () => codes(q, id).length === 3, 5_000);
    expect(codes(q, id)).toEqual([1, 3, 6]);
    // A header that does not fit the record (a position past its end) is not trusted either.
    const late = `${SENDER},2026/12/02,3/BADHEADER`;
    await publish(record(late, [accepted, status(BusinessStatus.BUSINESS_STATUS_ARRIVED, 1_200)]), '7');
    await waitFor('statuses listed', () => codes(q, late).length === 1, 5_000);
    for (const i of q.items()) await q.ack(i.id);
    expect(await pendingAcks(q)).toBe(0);
    await q.stop();
  });

  it('lists no recall of the sender’s own and nothing for a change that added only transport', async () => {
    const q = new StatusQueue({ js, jsm }, SENDER, HOME, 64);
    await q.start();
    const id = `${SENDER},2026/12/02,4/RECALL`;
    await publish(record(id, [accepted, delivered]), '1');
    await publish(record(id, [accepted, delivered, { business: 13, atMs: 1_400, node: 'h41' }]), '2');
    await publish(
      record(id, [accepted, delivered, { business: 13, atMs: 1_400, node: 'h41' }, status(15, 1_500)]),
      '3',
    );
    await waitFor('statuses listed', () => codes(q, id).length === 1, 5_000);
    expect(codes(q, id)).toEqual([15]);
    await waitFor('only the 15 held', async () => (await pendingAcks(q)) === 1, 5_000);
    await q.stop();
  });
});
