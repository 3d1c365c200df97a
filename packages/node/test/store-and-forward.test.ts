/**
 * Store-and-forward and graceful drain: documents for a node whose runtime is down wait in LT_RELAY
 * and are delivered, once each, when it comes back; documents in flight when the nats-server itself
 * restarts, or when a runtime is stopped mid-flight, all end up delivered exactly once.
 */
import type { Topology } from '@lienthong/core';
import { TransportState } from '@lienthong/proto';
import type { TrackingRecord } from '@lienthong/proto';
import type { LienthongClient } from '@lienthong/sdk';
import { A, Harness, demoTopology, docId, documentOf, sleep, waitFor, within } from './harness';
import type { Inspector } from './harness';

const SENDER = A.baothanh; // h41-yenthanh-xa1
const RECIPIENT = A.sontay; // h27-huongson-xa1: six hops away, through the centre
const RECIPIENT_NODE = 'h27-huongson-xa1';

/** Sends `ids` in parallel batches; each send is retried while the broker is unreachable. */
async function sendAll(client: LienthongClient, ids: readonly string[], deadlineMs = 30_000): Promise<void> {
  const until = Date.now() + deadlineMs;
  const sendOne = async (id: string): Promise<void> => {
    for (;;) {
      try {
        await client.send(documentOf(id, SENDER, [RECIPIENT]), { timeoutMs: 3_000 });
        return;
      } catch (e) {
        if (Date.now() > until) throw e;
        await sleep(200);
      }
    }
  };
  for (let i = 0; i < ids.length; i += 50) await Promise.all(ids.slice(i, i + 50).map(sendOne));
}

/** The sender's records for `ids`, once every one of them satisfies `done`. */
async function waitAll(
  inspect: Inspector,
  ids: readonly string[],
  what: string,
  done: (r: TrackingRecord) => boolean,
  timeoutMs = 30_000,
): Promise<TrackingRecord[]> {
  const wanted = new Set(ids);
  return waitFor(
    what,
    async () => {
      const records = (await inspect.trackingOf(SENDER)).filter((r) => wanted.has(r.documentId));
      return records.length === ids.length && records.every(done) ? records : false;
    },
    timeoutMs,
    250,
  );
}

async function expectInboxOnce(inspect: Inspector, ids: readonly string[]): Promise<void> {
  const counts = await inspect.inboxCounts(RECIPIENT);
  for (const id of ids) expect({ id, n: counts.get(id) }).toEqual({ id, n: 1 });
}

describe('store-and-forward', () => {
  const h = new Harness();
  afterEach(() => h.cleanup());
  let topology: Topology;

  beforeEach(() => {
    topology = demoTopology();
  });

  it('a stopped recipient node: 200 documents wait in LT_RELAY, then are all delivered once when it is back', async () => {
    const server = await h.server();
    const others = topology
      .nodes()
      .map((n) => n.id)
      .filter((id) => id !== RECIPIENT_NODE);
    await h.node(server, topology, { nodes: others, name: 'runtime-a' });
    const b = await h.node(server, topology, { nodes: [RECIPIENT_NODE], name: 'runtime-b' });
    const inspect = await h.inspector(server, topology);
    const sender = await h.client(server, SENDER);
    const recipient = await h.client(server, RECIPIENT);
    await b.stop();

    const ids = Array.from({ length: 200 }, () => docId(SENDER, 'SAF'));
    await sendAll(sender, ids);
    await waitFor(
      'all 200 parked for the stopped node',
      async () => (await inspect.count('LT_RELAY', `lt.v1.commune.${RECIPIENT_NODE}.relay.>`)) === 200,
      30_000,
      100,
    );
    expect(await inspect.inboxCounts(RECIPIENT)).toEqual(new Map());
    const waiting = await waitAll(inspect, ids, 'records opened', () => true);
    expect(waiting.every((r) => r.transport === TransportState.TRANSPORT_STATE_ACCEPTED)).toBe(true);

    const restarted = Date.now();
    await h.node(server, topology, { nodes: [RECIPIENT_NODE], name: 'runtime-b-again' });
    const delivered = await waitAll(
      inspect,
      ids,
      'all 200 delivered',
      (r) => r.transport === TransportState.TRANSPORT_STATE_DELIVERED,
    );
    const took = Date.now() - restarted;
    expect(
      delivered.every(
        (r) =>
          r.hops.map((x) => x.node).join('>') === topology.path('h41-yenthanh-xa1', RECIPIENT_NODE).join('>'),
      ),
    ).toBe(true);
    // The delivering node acknowledges a relay message after it has sent the DELIVERED event on its
    // way, so the sender's record may show DELIVERED a moment before the last acknowledgement lands.
    await waitFor('LT_RELAY empty', async () => (await inspect.count('LT_RELAY', '>')) === 0, 5_000, 50);
    await expectInboxOnce(inspect, ids);
    expect(took).toBeLessThan(20_000);

    // The recipient's system takes them all, each once.
    const reader = h.reader(recipient);
    await reader.waitForDocuments(200, 20_000);
    await waitFor('the inbox acknowledged and nothing on its way', () => inspect.settled([RECIPIENT]));
    await inspect.expectInboxedOnce(RECIPIENT, ids);
    expect(reader.documents()).toHaveLength(200);
    expect(new Set(reader.documents().map((i) => i.documentId))).toEqual(new Set(ids));
  }, 90_000);

  it('the nats-server restarts with documents in flight: the runtime and the SDK reconnect, all delivered once', async () => {
    const server = await h.server();
    await h.node(server, topology);
    const inspect = await h.inspector(server, topology);
    const sender = await h.client(server, SENDER);
    const reader = h.reader(await h.client(server, RECIPIENT));

    const ids = Array.from({ length: 120 }, () => docId(SENDER, 'RESTART'));
    const first = ids.slice(0, 60);
    const rest = ids.slice(60);
    await sendAll(sender, first);
    // Stop the server while the first 60 are on their way, and bring it back on the same port and store.
    const outage = (async () => {
      await server.stop();
      await sleep(500);
      await server.restart();
    })();
    await sendAll(sender, rest); // these retry through the outage
    await within(20_000, 'the server restart', outage);

    await waitAll(
      inspect,
      ids,
      'all 120 delivered',
      (r) => r.transport >= TransportState.TRANSPORT_STATE_DELIVERED,
      40_000,
    );
    await expectInboxOnce(inspect, ids);
    await reader.waitForDocuments(120, 30_000);
    await waitFor('the inbox acknowledged and nothing on its way', () => inspect.settled([RECIPIENT]));
    await inspect.expectInboxedOnce(RECIPIENT, ids);
    const counts = reader.counts();
    for (const id of ids) expect({ id, n: counts.get(id) }).toEqual({ id, n: 1 });
    expect(reader.documents()).toHaveLength(120);
  }, 90_000);

  it('a runtime stopped right after it started stops promptly, and the next one serves', async () => {
    const server = await h.server();
    const first = await h.node(server, topology, { name: 'runtime-short' });
    await within(5_000, 'stopping a runtime that has just started', first.stop());
    await h.node(server, topology, { name: 'runtime-next' });
    const sender = await h.client(server, SENDER);
    const inspect = await h.inspector(server, topology);
    const id = docId(SENDER);
    await sender.send(documentOf(id, SENDER, [RECIPIENT]));
    await waitAll(
      inspect,
      [id],
      'delivered by the next runtime',
      (r) => r.transport === TransportState.TRANSPORT_STATE_DELIVERED,
    );
  });

  it('graceful drain: stopping a runtime mid-flight loses nothing; the rest go through after a restart', async () => {
    const server = await h.server();
    const first = await h.node(server, topology, { name: 'runtime-1' });
    const inspect = await h.inspector(server, topology);
    const sender = await h.client(server, SENDER);

    const ids = Array.from({ length: 300 }, () => docId(SENDER, 'DRAIN'));
    const before = ids.slice(0, 150);
    const after = ids.slice(150);
    const sending = sendAll(sender, before);
    // Stop once deliveries are under way, with submissions still coming in.
    await waitFor(
      'deliveries under way',
      async () => (await inspect.inboxCounts(RECIPIENT)).size >= 10,
      20_000,
    );
    await first.stop();
    await sending;
    await sendAll(sender, after); // no runtime now: these wait in LT_SUBMIT
    const left = await inspect.custodyBacklog();
    const deliveredBefore = (await inspect.inboxCounts(RECIPIENT)).size;
    expect(deliveredBefore).toBeLessThanOrEqual(150);
    expect(left).toBeGreaterThanOrEqual(150);

    const restarted = Date.now();
    await h.node(server, topology, { name: 'runtime-2' });
    await waitAll(
      inspect,
      ids,
      'all 300 delivered after the restart',
      (r) => r.transport === TransportState.TRANSPORT_STATE_DELIVERED,
    );
    const took = Date.now() - restarted;
    await expectInboxOnce(inspect, ids);
    // The last acknowledgements may land a moment after the DELIVERED events they follow.
    await waitFor('custody empty', async () => (await inspect.custodyBacklog()) === 0, 5_000, 50);
    // Messages the server had sent to the stopped runtime's pulls and that it never started come
    // back after the consumers' 5 s ack wait; nothing takes longer than that.
    expect(took).toBeLessThan(15_000);
  }, 60_000);
});
