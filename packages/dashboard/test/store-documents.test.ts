/**
 * The dashboard's record index keeps its rows grouped by sent document as the records change (a
 * new recipient's record, an update, a deletion), and the sent list read from those groups is the
 * one computed from the rows alone.
 */
import { connect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/transport-node';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import type { KV } from '@nats-io/kv';
import { BUCKETS, trackingKey } from '@lienthong/core';
import { TrackingRecord, TransportState } from '@lienthong/proto';
import type { Session } from '@lienthong/readers';
import { eventually, startNatsServer } from '@lienthong/testkit';
import type { NatsServer } from '@lienthong/testkit';
import { TrackingIndex } from '../src/store';
import { sentDocuments } from '../src/views';

const G22 = '000.00.00.G22';
const H41 = '000.00.00.H41';
const H27 = '000.00.00.H27';
const T0 = 1_796_000_000_000;

let server: NatsServer;
let nc: NatsConnection;
let kv: KV;
let index: TrackingIndex;

async function put(
  documentId: string,
  recipient: string,
  transport: TransportState,
  sentAtMs = T0,
  sender = G22,
): Promise<void> {
  const record = TrackingRecord.create({
    documentId,
    sender,
    recipient,
    subject: `Văn bản ${documentId}`,
    sentAtMs,
    updatedAtMs: sentAtMs,
    transport,
  });
  await kv.put(trackingKey(sender, documentId, recipient), TrackingRecord.encode(record).finish());
}

/** Each document's recipients and their transport state, as the index groups them (by id; other senders' ids prefixed). */
function groups(): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  index.eachDocument((rows) => {
    const { sender, documentId } = rows[0]!;
    const name = sender === G22 ? documentId : `${sender} ${documentId}`;
    expect(out[name]).toBeUndefined();
    out[name] = rows.map((r) => `${r.recipient} ${TransportState[r.transport]}`).sort();
  });
  return out;
}

beforeAll(async () => {
  server = await startNatsServer();
  nc = await connect({ servers: server.url });
  const js = jetstream(nc);
  const kvm = new Kvm(js);
  kv = await kvm.create(BUCKETS.tracking, { history: 1 });
  await put('1/VPCP', H41, TransportState.TRANSPORT_STATE_RELAYED);
  await put('1/VPCP', H27, TransportState.TRANSPORT_STATE_RELAYED);
  const session: Session = {
    settings: { server: server.url, timeoutMs: 5_000 },
    nc,
    js,
    jsm: await jetstreamManager(nc),
    kvm,
  };
  index = new TrackingIndex(session);
  await index.start();
  await index.ready;
});

afterAll(async () => {
  await index?.stop();
  await nc?.close();
  await server?.stop();
});

describe('TrackingIndex.eachDocument()', () => {
  it('groups the rows stored at start, then follows updates, new records and deletions', async () => {
    expect(groups()).toEqual({
      '1/VPCP': [`${H27} TRANSPORT_STATE_RELAYED`, `${H41} TRANSPORT_STATE_RELAYED`],
    });

    await put('1/VPCP', H41, TransportState.TRANSPORT_STATE_DELIVERED);
    await put('2/VPCP', H41, TransportState.TRANSPORT_STATE_RELAYED, T0 + 1_000);
    await eventually(() =>
      expect(groups()).toEqual({
        '1/VPCP': [`${H27} TRANSPORT_STATE_RELAYED`, `${H41} TRANSPORT_STATE_DELIVERED`],
        '2/VPCP': [`${H41} TRANSPORT_STATE_RELAYED`],
      }),
    );

    await kv.delete(trackingKey(G22, '1/VPCP', H27));
    await kv.delete(trackingKey(G22, '2/VPCP', H41));
    await eventually(() => expect(groups()).toEqual({ '1/VPCP': [`${H41} TRANSPORT_STATE_DELIVERED`] }));
    expect(index.size).toBe(1);
  });

  it('keeps a document with many recipients (positions kept past 64) through updates and deletions', async () => {
    const codes = Array.from({ length: 90 }, (_, i) => `000.${String(10 + i)}.01.H41`);
    for (const c of codes) await put('9/VPCP', c, TransportState.TRANSPORT_STATE_RELAYED, T0 + 3_000);
    const delivered = new Set(codes.filter((_, i) => i % 7 === 0));
    for (const c of delivered) await put('9/VPCP', c, TransportState.TRANSPORT_STATE_DELIVERED, T0 + 3_000);
    const gone = codes.filter((_, i) => i % 11 === 3);
    for (const c of gone) await kv.delete(trackingKey(G22, '9/VPCP', c));
    const expected = codes
      .filter((c) => !gone.includes(c))
      .map((c) => `${c} ${delivered.has(c) ? 'TRANSPORT_STATE_DELIVERED' : 'TRANSPORT_STATE_RELAYED'}`)
      .sort();
    await eventually(() => expect(groups()['9/VPCP']).toEqual(expected));
    // Each recipient once, and the other documents untouched.
    expect(new Set(groups()['9/VPCP']).size).toBe(expected.length);
    expect(groups()['1/VPCP']).toEqual([`${H41} TRANSPORT_STATE_DELIVERED`]);
    // Rows moved into the places of deleted ones are found again.
    const left = codes.filter((c) => !gone.includes(c));
    for (const c of left) await put('9/VPCP', c, TransportState.TRANSPORT_STATE_FETCHED, T0 + 3_000);
    await eventually(() =>
      expect(groups()['9/VPCP']).toEqual(left.map((c) => `${c} TRANSPORT_STATE_FETCHED`).sort()),
    );
    for (const c of codes) await kv.delete(trackingKey(G22, '9/VPCP', c));
    await eventually(() => expect(groups()['9/VPCP']).toBeUndefined());
  });

  it("keeps two senders' documents of the same id apart, also once the first sender's is gone", async () => {
    const id = '5/CHUNG';
    await put(id, H41, TransportState.TRANSPORT_STATE_RELAYED, T0, G22);
    await put(id, H41, TransportState.TRANSPORT_STATE_RELAYED, T0, H27);
    await eventually(() => {
      expect(groups()[id]).toEqual([`${H41} TRANSPORT_STATE_RELAYED`]);
      expect(groups()[`${H27} ${id}`]).toEqual([`${H41} TRANSPORT_STATE_RELAYED`]);
    });
    // Each sender sees its own document of that id only, as the rows alone give it.
    for (const code of [G22, H27]) {
      const agency = { kind: 'agency', code } as const;
      const mine = sentDocuments(index, { q: id }, agency, undefined, T0);
      expect(mine.documents.map((d) => d.sender)).toEqual([code]);
      expect(mine).toEqual(sentDocuments(index.values(), { q: id }, agency, undefined, T0));
    }
    await kv.delete(trackingKey(G22, id, H41));
    await put(id, G22, TransportState.TRANSPORT_STATE_DELIVERED, T0, H27);
    await eventually(() => {
      expect(groups()[id]).toBeUndefined();
      expect(groups()[`${H27} ${id}`]).toEqual([
        `${G22} TRANSPORT_STATE_DELIVERED`,
        `${H41} TRANSPORT_STATE_RELAYED`,
      ]);
    });
    // The id free again: G22's next document of it is one group of its own.
    await put(id, H27, TransportState.TRANSPORT_STATE_RELAYED, T0, G22);
    await eventually(() => expect(groups()[id]).toEqual([`${H27} TRANSPORT_STATE_RELAYED`]));
    for (const [sender, recipient] of [
      [G22, H27],
      [H27, H41],
      [H27, G22],
    ] as const) {
      await kv.delete(trackingKey(sender, id, recipient));
    }
    await eventually(() => expect(Object.keys(groups()).filter((k) => k.includes(id))).toEqual([]));
  });

  it('gives the sent list that the rows alone give', async () => {
    await put('3/VPCP', H27, TransportState.TRANSPORT_STATE_FAILED, T0 + 2_000);
    await put('3/VPCP', H41, TransportState.TRANSPORT_STATE_DELIVERED, T0 + 2_000);
    await eventually(() => expect(index.size).toBe(3));
    const operator = { kind: 'operator' } as const;
    for (const query of [{}, { recipient: 'H27' }, { fromMs: T0 + 1 }, { limit: 1 }]) {
      expect(sentDocuments(index, query, operator, undefined, T0)).toEqual(
        sentDocuments(index.values(), query, operator, undefined, T0),
      );
    }
    expect(sentDocuments(index, {}, operator, undefined, T0).documents.map((d) => d.documentId)).toEqual([
      '3/VPCP',
      '1/VPCP',
    ]);
  });
});
