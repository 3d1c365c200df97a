/**
 * Unread inbox items left at a node for an agency that the directory homes elsewhere now are found
 * and moved (inbox-move.ts, `InboxMover.sweep`): the move runs once per directory change, so a node
 * process that was down when the agency moved, or a move that gave up, would otherwise leave them
 * where nobody reads them. Only what the agency had not read moves; a closed code's items go to its
 * successor; each item arrives once, also when an agency moves away and back within the duplicate
 * window; after the first full sweep, only the inboxes agencies left are looked at again.
 */
import 'reflect-metadata';
import { Kvm } from '@nats-io/kv';
import { AckPolicy } from '@nats-io/jetstream';
import { BUCKETS, STREAMS, directoryKeys, inboxFilter, inboxSubject } from '@lienthong/core';
import { connectNats } from '@lienthong/infra';
import type { NatsHandles } from '@lienthong/infra';
import type { RunningNode } from '@lienthong/node';
import { RECHECK_AFTER_MOVE_MS, inboxConsumerName } from '@lienthong/node/internal';
import { AgencyRecord, ClosedAgencyRecord, ClosurePolicy } from '@lienthong/proto';
import { A, Harness, demoTopology, waitFor } from './harness';

const AGENCY = A.baothanh;
const FROM = 'h41-yenthanh-xa1';
const TO = 'h41-yenthanh-xa2';

describe('inbox items left behind for an agency homed elsewhere', () => {
  const h = new Harness();
  let handles: NatsHandles | undefined;
  let node: RunningNode;
  afterAll(async () => {
    await handles?.nc.close();
    await h.cleanup();
  });

  const items = async (node: string, agency: string): Promise<string[]> => {
    const n = demoTopology().node(node);
    const info = await handles!.jsm.streams.info(STREAMS.inbox, {
      subjects_filter: inboxFilter(n.level, n.id, agency),
    });
    return Object.keys(info.state.subjects ?? {})
      .map((s) => s.split('.').pop()!)
      .sort();
  };
  const put = async (node: string, agency: string, keys: readonly string[]): Promise<void> => {
    const n = demoTopology().node(node);
    for (const key of keys)
      await handles!.js.publish(inboxSubject(n.level, n.id, agency, key), new Uint8Array([1]));
  };

  it('moves them when the node starts again after the agency moved while it was down', async () => {
    const topology = demoTopology();
    const server = await h.server();
    const first = await h.node(server, topology); // makes the streams and the directory
    handles = await connectNats({ name: 'inbox-sweep-test', servers: server.url, timeoutMs: 5_000 });
    await put(FROM, AGENCY, ['item1', 'item2']);
    await first.stop();

    // The agency moves while no process hosts its old node: no move runs.
    const kv = await new Kvm(handles.nc).open(BUCKETS.directory);
    const record = AgencyRecord.decode((await kv.get(directoryKeys.agency(AGENCY)))!.value);
    expect(record.homeNode).toBe(FROM);
    await kv.put(directoryKeys.agency(AGENCY), AgencyRecord.encode({ ...record, homeNode: TO }).finish());

    node = await h.node(server, topology);
    // The first sweep runs 30 s after a start (the directory settles first): asked for here.
    expect(await node.runtime.sweepInboxes()).toBe(2);
    expect(await items(TO, AGENCY)).toEqual(['item1', 'item2']);
    expect(await items(FROM, AGENCY)).toEqual([]);
    // Nothing is left to move, and a second sweep copies nothing twice.
    expect(await node.runtime.sweepInboxes()).toBe(0);
    expect(await items(TO, AGENCY)).toEqual(['item1', 'item2']);
  });

  it('moves only what the agency had not read, when its consumer still reads the old inbox', async () => {
    // Its system read item3 at the old node, not item4; then the agency moved and no move ran.
    await put(FROM, AGENCY, ['item3', 'item4']);
    const from = demoTopology().node(FROM);
    await handles!.jsm.consumers.add(STREAMS.inbox, {
      durable_name: inboxConsumerName(AGENCY),
      filter_subject: inboxFilter(from.level, from.id, AGENCY),
      ack_policy: AckPolicy.Explicit,
    });
    const consumer = await handles!.js.consumers.get(STREAMS.inbox, inboxConsumerName(AGENCY));
    const first = await consumer.next({ expires: 5_000 });
    expect(first?.subject.endsWith('.item3')).toBe(true);
    await first!.ackAck();

    expect(await node.runtime.sweepInboxes()).toBe(1);
    expect(await items(FROM, AGENCY)).toEqual([]);
    expect(await items(TO, AGENCY)).toEqual(['item1', 'item2', 'item4']);
    // The consumer that read the old inbox is gone: the agency's SDK makes it again at its new home.
    await expect(handles!.jsm.consumers.info(STREAMS.inbox, inboxConsumerName(AGENCY))).rejects.toThrow(
      /not found/i,
    );
  });

  it('gives a closed code’s unread items to its successor', async () => {
    const closed = '000.00.47.H41';
    await put(FROM, closed, ['item4', 'item5']);
    // Not closed yet: an unknown code's items stay where they are.
    expect(await node.runtime.sweepInboxes()).toBe(0);
    const kv = await new Kvm(handles!.nc).open(BUCKETS.directory);
    await kv.create(
      directoryKeys.closed(closed),
      ClosedAgencyRecord.encode({
        code: closed,
        name: 'UBND huyện cũ',
        closedAt: '2025-07-01T00:00:00Z',
        successor: A.nghean,
        policy: ClosurePolicy.CLOSURE_POLICY_REDIRECT,
      }).finish(),
    );
    await waitFor('the closure taken', async () => node.runtime.topology.closedCode(closed) !== undefined);
    expect(await node.runtime.sweepInboxes()).toBe(2);
    const successorHome = node.runtime.topology.homeNodeOf(A.nghean).id;
    expect(await items(successorHome, A.nghean)).toEqual(expect.arrayContaining(['item4', 'item5']));
    expect(await items(FROM, closed)).toEqual([]);
  });

  it('an agency moved away and back within the duplicate window keeps its unread items', async () => {
    // At TO since the first case (items copied there from FROM minutes ago at most), the agency
    // moves back to FROM while this node runs: the same items go back to the inbox they came from.
    const kv = await new Kvm(handles!.nc).open(BUCKETS.directory);
    const record = AgencyRecord.decode((await kv.get(directoryKeys.agency(AGENCY)))!.value);
    await kv.put(directoryKeys.agency(AGENCY), AgencyRecord.encode({ ...record, homeNode: FROM }).finish());
    await waitFor('the move back done', async () => (await items(TO, AGENCY)).length === 0, 15_000);
    expect(await items(FROM, AGENCY)).toEqual(['item1', 'item2', 'item4']);
  });

  it('looks again at an inbox an agency left, by its own filter: a late delivery there moves, others wait for the full sweep', async () => {
    // A delivery that reached the old inbox after the move, and an item at FROM for an agency that
    // was never homed there (no move of this process left it: only the full sweep looks for it).
    await put(TO, AGENCY, ['late1']);
    const other = A.quynhthach;
    await put(FROM, other, ['other1']);
    expect(await node.runtime.recheckLeftInboxes()).toBe(1);
    expect(await items(FROM, AGENCY)).toEqual(['item1', 'item2', 'item4', 'late1']);
    expect(await items(TO, AGENCY)).toEqual([]);
    expect(await items(FROM, other)).toEqual(['other1']);
    // Found empty again, and quiet long enough (0 here): forgotten, nothing moves twice.
    expect(await node.runtime.recheckLeftInboxes(0)).toBe(0);
    await put(TO, AGENCY, ['late2']);
    expect(await node.runtime.recheckLeftInboxes()).toBe(0);
    expect(await items(TO, AGENCY)).toEqual(['late2']);
    // The full sweep finds both.
    expect(await node.runtime.sweepInboxes()).toBe(2);
    expect(await items(FROM, other)).toEqual([]);
    const otherHome = node.runtime.topology.homeNodeOf(other).id;
    expect(await items(otherHome, other)).toEqual(['other1']);
    expect(await items(FROM, AGENCY)).toEqual(['item1', 'item2', 'item4', 'late1', 'late2']);
  });

  const consumerOn = async (node: string): Promise<void> => {
    const n = demoTopology().node(node);
    await handles!.jsm.consumers.add(STREAMS.inbox, {
      durable_name: inboxConsumerName(AGENCY),
      filter_subject: inboxFilter(n.level, n.id, AGENCY),
      ack_policy: AckPolicy.Explicit,
    });
  };
  const consumerFilter = (): Promise<string | undefined> =>
    handles!.jsm.consumers
      .info(STREAMS.inbox, inboxConsumerName(AGENCY))
      .then((i) => i.config.filter_subject)
      .catch(() => undefined);

  it('removes an inbox consumer made again on the empty inbox the agency left, and only that one', async () => {
    // Homed at FROM since the move back; TO is an inbox it left. A client that had not seen the
    // move made its consumer again there after the move removed it: it would wait there for ever.
    expect(await items(TO, AGENCY)).toEqual([]);
    await consumerOn(TO);
    expect(await node.runtime.recheckLeftInboxes()).toBe(0);
    expect(await consumerFilter()).toBeUndefined();
    // The consumer on the inbox at its home node stays.
    await consumerOn(FROM);
    expect(await node.runtime.recheckLeftInboxes()).toBe(0);
    expect(await consumerFilter()).toBe(inboxFilter(demoTopology().node(FROM).level, FROM, AGENCY));
    await handles!.jsm.consumers.delete(STREAMS.inbox, inboxConsumerName(AGENCY));
  });

  it('looks at an inbox left by a move again seconds after the move, not minutes', async () => {
    const kv = await new Kvm(handles!.nc).open(BUCKETS.directory);
    const record = AgencyRecord.decode((await kv.get(directoryKeys.agency(AGENCY)))!.value);
    await kv.put(directoryKeys.agency(AGENCY), AgencyRecord.encode({ ...record, homeNode: TO }).finish());
    await waitFor('the move done', async () => (await items(FROM, AGENCY)).length === 0, 15_000);
    // After the move: a consumer made again on the old inbox, and a delivery that landed there late.
    await consumerOn(FROM);
    await put(FROM, AGENCY, ['late3']);
    await waitFor(
      'the late delivery moved and the consumer removed',
      async () => (await consumerFilter()) === undefined && (await items(TO, AGENCY)).includes('late3'),
      RECHECK_AFTER_MOVE_MS + 10_000,
    );
    expect(await items(FROM, AGENCY)).toEqual([]);
  }, 60_000);
});
