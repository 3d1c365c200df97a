/**
 * A tracker follows its agency's move to another home node, whose track subject the changes go to
 * then, also when the move is noticed while `track()` is still setting the tracker up (between
 * opening its feed and its first read of the records).
 */
import { connect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/transport-node';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import { BUCKETS, STREAMS, STREAM_SUBJECTS, trackSubject, trackingKey } from '@lienthong/core';
import { Level, TrackingRecord, TransportState } from '@lienthong/proto';
import { startNatsServer } from '@lienthong/testkit';
import type { NatsServer } from '@lienthong/testkit';
import type { HomeNode } from '../src/session';
import type { Session } from '../src/session';
import { TrackingReader } from '../src/tracking-reader';

jest.setTimeout(30_000);

const AGENCY = '000.02.43.H41';
const RECIPIENT = '000.00.00.H41';
const FROM: HomeNode = { id: 'h41-yenthanh-xa2', level: Level.LEVEL_COMMUNE };
const TO: HomeNode = { id: 'h41-yenthanh-xa1', level: Level.LEVEL_COMMUNE };

describe('a tracker across a move of its agency', () => {
  let server: NatsServer;
  let nc: NatsConnection;

  beforeAll(async () => {
    server = await startNatsServer();
    nc = await connect({ servers: server.url });
    const jsm = await jetstreamManager(nc);
    await jsm.streams.add({ name: STREAMS.track, subjects: [STREAM_SUBJECTS.track] });
    await new Kvm(nc).create(BUCKETS.tracking, { history: 1 });
  });

  afterAll(async () => {
    await nc?.close();
    await server?.cleanup();
  });

  /** A reader whose agency moves from FROM to TO when `moveSoon()` was called and the loop turns. */
  async function reader(): Promise<{ reader: TrackingReader; moveNow(): void; moveSoon(): void }> {
    let home = FROM;
    let listener: ((h: HomeNode) => void) | undefined;
    const js = jetstream(nc);
    const session = {
      agency: AGENCY,
      nc,
      js,
      jsm: await jetstreamManager(nc),
      defaultTimeoutMs: 5_000,
      get homeNode(): HomeNode {
        return home;
      },
    } as unknown as Session;
    const kv = await new Kvm(nc).open(BUCKETS.tracking);
    const moveNow = (): void => {
      home = TO;
      listener?.(TO);
    };
    return {
      reader: new TrackingReader(session, kv, undefined, {
        onMove: (l) => {
          listener = l;
          return () => undefined;
        },
      }),
      moveNow,
      moveSoon: () => void setImmediate(moveNow),
    };
  }

  /**
   * A change of the document's record as its home node makes it: written to the tracking bucket,
   * then published at `node`'s track subject.
   */
  async function change(node: HomeNode, documentId: string, transport: TransportState): Promise<void> {
    const bytes = TrackingRecord.encode({
      documentId,
      sender: AGENCY,
      recipient: RECIPIENT,
      transport,
      updatedAtMs: Date.now(),
      timeline: [{ atMs: Date.now(), transport }],
    }).finish();
    const kv = await new Kvm(nc).open(BUCKETS.tracking);
    await kv.put(trackingKey(AGENCY, documentId, RECIPIENT), bytes);
    await jetstream(nc).publish(trackSubject(node.level, node.id, AGENCY), bytes);
  }

  it('hears the changes published at the new home node after a move', async () => {
    const r = await reader();
    const documentId = `${AGENCY},2026/12/05,1/UBND-VP`;
    const tracker = await r.reader.track(documentId);
    await change(FROM, documentId, TransportState.TRANSPORT_STATE_ACCEPTED);
    await tracker.until((rs) => rs.length === 1, { timeoutMs: 5_000 });
    r.moveNow();
    await change(TO, documentId, TransportState.TRANSPORT_STATE_DELIVERED);
    const [record] = await tracker.until(
      (rs) => rs[0]?.transport === TransportState.TRANSPORT_STATE_DELIVERED,
      { timeoutMs: 5_000 },
    );
    expect(record!.recipient).toBe(RECIPIENT);
    await tracker.stop();
  });

  it('follows a move noticed while track() was still setting the tracker up', async () => {
    const r = await reader();
    const documentId = `${AGENCY},2026/12/05,2/UBND-VP`;
    // The move is noticed right after the tracker's feed was asked for at the old node.
    const tracking = r.reader.track(documentId);
    r.moveSoon();
    const tracker = await tracking;
    await change(TO, documentId, TransportState.TRANSPORT_STATE_DELIVERED);
    await expect(
      tracker.until((rs) => rs[0]?.transport === TransportState.TRANSPORT_STATE_DELIVERED, {
        timeoutMs: 5_000,
      }),
    ).resolves.toHaveLength(1);
    await tracker.stop();
  });
});
