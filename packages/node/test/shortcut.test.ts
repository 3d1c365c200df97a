/**
 * The domain-local shortcut (docs/ARCHITECTURE.md): on one JetStream domain a document is published
 * straight to its recipient's home node, and its DELIVERED event and 01 straight back; the hops still
 * record the whole tree path, the nodes passed over marked `passedLocally`. With the switch off, every
 * node of the path takes custody in turn. The hop limit gives out at the same node either way.
 */
import { encodeEnvelope, relaySubject } from '@lienthong/core';
import {
  BusinessStatus,
  EnvelopeKind,
  FailureReason,
  SCHEMA_VERSION,
  TransportState,
} from '@lienthong/proto';
import type { IHop } from '@lienthong/proto';
import { A, Harness, demoTopology, docId, documentOf, waitFor } from './harness';

const SENDER = A.baothanh; // h41-yenthanh-xa1
const RECIPIENT = A.sontay; // h40-huongson-xa1: six hops away, through the centre

const topology = demoTopology();
const PATH = topology.path('h41-yenthanh-xa1', 'h40-huongson-xa1');

const view = (hops: readonly IHop[]): string[] =>
  hops.map((h) => `${h.node}${h.passedLocally ? ' (passed)' : ''}`);

describe.each([
  ['on', true],
  ['off', false],
])('domain-local shortcut %s', (_name, shortcut) => {
  const h = new Harness();
  afterAll(() => h.cleanup());

  it('records the whole path, and hands over only where the work is done', async () => {
    const server = await h.server();
    const node = await h.node(server, topology, { domainShortcut: shortcut });
    const inspect = await h.inspector(server, topology);
    const sender = await h.client(server, SENDER);
    const recipient = await h.client(server, RECIPIENT);
    const reader = h.reader(recipient);
    const id = docId(SENDER, 'SHORTCUT');
    await sender.send(documentOf(id, SENDER, [RECIPIENT]));
    await reader.waitForDocuments(1, 20_000);
    const record = await waitFor('delivered and confirmed at the sender', async () => {
      const r = await inspect.record(SENDER, id, RECIPIENT);
      return r?.business === BusinessStatus.BUSINESS_STATUS_ARRIVED &&
        r.transport === TransportState.TRANSPORT_STATE_FETCHED
        ? r
        : false;
    });
    const item = reader.documents()[0]!;
    const expected = PATH.map((n, i) => (shortcut && i > 0 && i < PATH.length - 1 ? `${n} (passed)` : n));
    expect(view(item.envelope.hops)).toEqual(expected);
    expect(view(record.hops)).toEqual(expected);
    // Relays handled: the document, its DELIVERED event and its 01 cross 6 hops each node by node;
    // with the shortcut each is one publish into the queue of the node that does the work.
    await waitFor('counters settled', async () => node.runtime.counters.relayed === (shortcut ? 3 : 18));
    expect(node.runtime.counters.deadLettered).toBe(0);
  });

  it('refuses an envelope whose hop limit runs out at the node it would hop by hop', async () => {
    const server = await h.server();
    await h.node(server, topology, { domainShortcut: shortcut });
    const inspect = await h.inspector(server, topology);
    const id = docId(SENDER, 'HOPS');
    // Handed to the district with 3 hops left: h41 (distance 1) may relay once more, to vn.
    const env = {
      schemaVersion: SCHEMA_VERSION,
      envelopeId: `raw-hops-${_name}`,
      kind: EnvelopeKind.ENVELOPE_KIND_DOCUMENT,
      documentId: id,
      originAgency: SENDER,
      originNode: 'h41-yenthanh-xa1',
      recipients: [RECIPIENT],
      createdAtMs: Date.now(),
      document: documentOf(id, SENDER, [RECIPIENT]),
      hopLimit: 3,
      hops: [{ node: 'h41-yenthanh-xa1', level: 4, inMs: Date.now(), outMs: Date.now() }],
    };
    await inspect.js.publish(
      relaySubject('district', 'h41-yenthanh', 'normal', 'h41-yenthanh-xa1'),
      encodeEnvelope(env),
      { msgID: `hops-${_name}-${Date.now()}` },
    );
    const [dead] = await waitFor('the dead letter at the node where the hops run out', async () => {
      const all = await inspect.deadLetters('vn');
      return all.length > 0 ? all : false;
    });
    expect(dead!.reason).toBe(FailureReason.FAILURE_REASON_HOP_LIMIT_EXCEEDED);
    expect(dead!.detail).toBe(`hop limit reached at vn after 4 hops: ${RECIPIENT}`);
  });
});
