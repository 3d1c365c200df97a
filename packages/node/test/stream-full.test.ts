/**
 * A full stream loses nothing. The inbox keeps one message per item subject, and a second copy's
 * refusal ("maximum messages per subject exceeded") means the item is already there; the stream's
 * byte bound refuses with the same API code ("maximum bytes exceeded"), and that refusal must leave
 * the document in custody, undelivered and not reported DELIVERED, until there is room. The same
 * holds for an agency's inbox move (unread items stay at the old node until the new inbox takes
 * them), for the audit log (a full log refuses new blocks, and custody waits; it never trims its
 * oldest) and for the tracking bucket.
 */
import 'reflect-metadata';
import { DiscardPolicy } from '@nats-io/jetstream';
import type { JetStreamManager } from '@nats-io/jetstream';
import pino from 'pino';
import { BUCKETS, STREAMS, inboxFilter, inboxSubject } from '@lienthong/core';
import { connectNats } from '@lienthong/infra';
import { AUDIT_STREAM, InFlight, InboxMover } from '@lienthong/node/internal';
import { auditedNodes, verifyNodeAudit } from '@lienthong/node';
import { TransportState } from '@lienthong/proto';
import { A, Harness, demoTopology, docId, documentOf, sleep, waitFor } from './harness';

/** Sets a stream's byte bound; returns the bound it had. */
async function setStreamBytes(
  h: { readonly jsm: JetStreamManager },
  stream: string,
  maxBytes: (stored: number) => number,
): Promise<number> {
  const info = await h.jsm.streams.info(stream);
  await h.jsm.streams.update(stream, { ...info.config, max_bytes: maxBytes(info.state.bytes) });
  return info.config.max_bytes;
}

describe('a full stream', () => {
  const h = new Harness();
  afterAll(() => h.cleanup());

  it('keeps the document in custody, not DELIVERED, and delivers it once when there is room', async () => {
    const topology = demoTopology();
    const server = await h.server();
    await h.node(server, topology);
    const inspect = await h.inspector(server, topology);
    const sender = await h.client(server, A.nghean);

    // Room for what is stored and a few bytes more: the next item does not fit.
    const bound = await setStreamBytes(inspect, STREAMS.inbox, (stored) => stored + 16);
    const id = docId(A.nghean, 'FULL');
    await sender.send(documentOf(id, A.nghean, [A.noivu]));
    await sleep(2_500); // several delivery attempts, each refused for want of room

    expect((await inspect.inboxCounts(A.noivu)).get(id)).toBeUndefined();
    const [held] = await inspect.records(A.nghean, id, [A.noivu]);
    expect(held).toBeDefined();
    expect(held!.transport).not.toBe(TransportState.TRANSPORT_STATE_DELIVERED);
    expect(held!.transport).not.toBe(TransportState.TRANSPORT_STATE_FETCHED);

    await setStreamBytes(inspect, STREAMS.inbox, () => bound);
    await waitFor(
      'the document delivered once the inbox has room, and DELIVERED at the sender',
      async () => {
        const [r] = await inspect.records(A.nghean, id, [A.noivu]);
        return r?.transport === TransportState.TRANSPORT_STATE_DELIVERED;
      },
      20_000,
    );
    expect((await inspect.inboxCounts(A.noivu)).get(id)).toBe(1);
  }, 60_000);

  it('holds an inbox move: the unread items stay at the old node until the new inbox takes them', async () => {
    const topology = demoTopology();
    const server = await h.server();
    const node = await h.node(server, topology); // makes the streams
    await node.stop();
    const nats = await connectNats({ name: 'inbox-move-full-test', servers: server.url, timeoutMs: 5_000 });
    const from = topology.node('h41-yenthanh-xa1');
    const to = topology.node('h41-yenthanh-xa2');
    try {
      for (const key of ['item1', 'item2']) {
        await nats.js.publish(inboxSubject(from.level, from.id, A.baothanh, key), new Uint8Array(64));
      }
      const bound = await setStreamBytes(nats, STREAMS.inbox, (stored) => stored + 16);
      const warnings: string[] = [];
      const log = pino({ level: 'warn' }, { write: (line: string) => warnings.push(line) });
      const mover = new InboxMover(nats, new InFlight(), { ids: () => [from.id] }, log);
      const moving = mover.move([{ code: A.baothanh, from: from.id, to: to.id }], 0, topology, topology);

      const count = async (filter: string): Promise<number> =>
        Object.keys(
          (await nats.jsm.streams.info(STREAMS.inbox, { subjects_filter: filter })).state.subjects ?? {},
        ).length;
      await waitFor('the move refused for want of room', async () => warnings.length > 0, 10_000);
      expect(warnings.some((l) => l.includes('moving an inbox failed; will retry'))).toBe(true);
      expect(await count(inboxFilter(from.level, from.id, A.baothanh))).toBe(2);
      expect(await count(inboxFilter(to.level, to.id, A.baothanh))).toBe(0);

      await setStreamBytes(nats, STREAMS.inbox, () => bound);
      await moving;
      expect(await count(inboxFilter(to.level, to.id, A.baothanh))).toBe(2);
      expect(await count(inboxFilter(from.level, from.id, A.baothanh))).toBe(0);
    } finally {
      await nats.nc.close();
    }
  }, 60_000);

  // The other streams a document's handling writes to: while one is full, the message that needs
  // it stays in custody and is retried; once there is room the document arrives once, its sender's
  // tracking says so, and no node gave it up as a dead letter.
  it.each([
    ['the audit log', AUDIT_STREAM],
    ['the tracking bucket', `KV_${BUCKETS.tracking}`],
  ])(
    '%s full: the document waits in custody and arrives once when there is room',
    async (_what, stream) => {
      const topology = demoTopology();
      const server = await h.server();
      await h.node(server, topology);
      const inspect = await h.inspector(server, topology);
      const sender = await h.client(server, A.nghean);
      const bound = await setStreamBytes(inspect, stream, (stored) => stored + 16);
      const id = docId(A.nghean, 'FULL');
      await sender.send(documentOf(id, A.nghean, [A.baothanh]));
      await sleep(2_500);
      // Still in custody: the submission (or a relay made from it) is not acknowledged.
      const held = async (): Promise<number> =>
        (await inspect.jsm.streams.info(STREAMS.submit)).state.messages +
        (await inspect.jsm.streams.info(STREAMS.relay)).state.messages;
      expect(await held()).toBeGreaterThan(0);
      await setStreamBytes(inspect, stream, () => bound);
      await waitFor(
        'the document in its inbox, and DELIVERED in its sender’s tracking',
        async () => {
          const [r] = await inspect.records(A.nghean, id, [A.baothanh]);
          return (
            r?.transport === TransportState.TRANSPORT_STATE_DELIVERED &&
            (await inspect.inboxCounts(A.baothanh)).get(id) === 1
          );
        },
        30_000,
      );
      await waitFor('every custody queue empty', async () => (await held()) === 0, 10_000);
      // Every node's audit chain whole from its first block: a full log refuses, never trims.
      for (const n of await auditedNodes(inspect.jsm)) {
        expect([n, (await verifyNodeAudit(inspect.js, inspect.jsm, n)).broken]).toEqual([n, undefined]);
      }
      for (const n of topology.nodes()) expect([n.id, await inspect.deadLetters(n.id)]).toEqual([n.id, []]);
    },
    60_000,
  );

  it('an audit log made by an earlier version (trimming its oldest blocks when full) is set to refuse', async () => {
    const topology = demoTopology();
    const server = await h.server();
    const first = await h.node(server, topology);
    await first.stop();
    const { jsm } = await h.inspector(server, topology);
    const before = (await jsm.streams.info(AUDIT_STREAM)).config;
    await jsm.streams.update(AUDIT_STREAM, { ...before, discard: DiscardPolicy.Old });
    await h.node(server, topology);
    expect((await jsm.streams.info(AUDIT_STREAM)).config.discard).toBe(DiscardPolicy.New);
  }, 60_000);
});
