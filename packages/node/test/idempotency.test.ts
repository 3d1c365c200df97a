/**
 * Idempotency: a document sent again (by the SDK, or as a raw submission that JetStream's duplicate
 * window does not catch, or across a restart of the node runtime, or after the duplicate window has
 * passed) is delivered exactly once.
 */
import { encodeEnvelope } from '@lienthong/core';
import type { Topology } from '@lienthong/core';
import { EnvelopeKind, SCHEMA_VERSION, TransportState } from '@lienthong/proto';
import type { IEnvelope } from '@lienthong/proto';
import type { LienthongClient } from '@lienthong/sdk';
import type { NatsServer } from '@lienthong/testkit';
import { A, Harness, demoTopology, docId, documentOf, sleep, waitFor } from './harness';
import type { InboxReader, Inspector } from './harness';

const SENDER = A.nghean;
const RECIPIENT = A.sontay; // another province's commune: six hops, three of them relays

/** The submission the SDK would make, as raw bytes the test can publish under any message id. */
function submission(topology: Topology, id: string): Uint8Array {
  const doc = documentOf(id, SENDER, [RECIPIENT]);
  const env: IEnvelope = {
    schemaVersion: SCHEMA_VERSION,
    envelopeId: 'raw-resend',
    kind: EnvelopeKind.ENVELOPE_KIND_DOCUMENT,
    documentId: id,
    originAgency: SENDER,
    originNode: topology.homeNodeOf(SENDER).id,
    recipients: [RECIPIENT],
    createdAtMs: Date.now(),
    document: doc,
  };
  return encodeEnvelope(env);
}

describe('idempotency', () => {
  const h = new Harness();
  afterEach(() => h.cleanup());

  let topology: Topology;
  let server: NatsServer;
  let inspect: Inspector;
  let sender: LienthongClient;
  let reader: InboxReader;

  async function setUp(retention?: { duplicateWindowMs: number }): Promise<void> {
    topology = demoTopology();
    server = await h.server();
    await h.node(server, topology, retention ? { retention } : {});
    inspect = await h.inspector(server, topology);
    sender = await h.client(server, SENDER);
    reader = h.reader(await h.client(server, RECIPIENT));
  }

  async function waitFetched(id: string): Promise<void> {
    await waitFor(`${id} fetched by the recipient`, async () => {
      const r = await inspect.record(SENDER, id, RECIPIENT);
      return r?.transport === TransportState.TRANSPORT_STATE_FETCHED;
    });
  }

  /**
   * Waits until every resend was processed to the end: the recipient's inbox handed out and
   * acknowledged in full, the custody queues empty (`Inspector.settled`).
   */
  async function waitQuiet(): Promise<void> {
    await waitFor('inbox acknowledged and custody queues empty', () => inspect.settled([RECIPIENT]));
  }

  async function expectDeliveredOnce(id: string): Promise<void> {
    // One message per inbox subject, and nothing left for the consumer to hand out: no late copy.
    await inspect.expectInboxedOnce(RECIPIENT, [id]);
    expect(reader.counts().get(id)).toBe(1);
    // What the sender's system reads (the SDK snapshot), once everything has settled.
    const records = await sender.snapshot(id);
    expect(records).toHaveLength(1);
    const r = records[0]!;
    expect(r.transport).toBe(TransportState.TRANSPORT_STATE_FETCHED);
    expect(r.timeline.filter((e) => e.business === 1)).toHaveLength(1);
  }

  it('the SDK sending the same document twice: the second is a duplicate, delivered once', async () => {
    await setUp();
    const id = docId(SENDER);
    const first = await sender.send(documentOf(id, SENDER, [RECIPIENT]));
    // A duplicate is reported once the sender's tracking holds the document (the home node writes the
    // record just after taking custody); a resend before that is handed over again, still delivered once.
    await waitFor(`${id} in the sender's tracking`, async () => (await sender.snapshot(id)).length > 0);
    const second = await sender.send(documentOf(id, SENDER, [RECIPIENT]));
    expect(first.duplicate).toBe(false);
    expect(second.duplicate).toBe(true);
    await waitFetched(id);
    await waitQuiet();
    await expectDeliveredOnce(id);
  });

  it('the same submission published twice under different message ids (JetStream dedup bypassed): delivered once', async () => {
    await setUp();
    const id = docId(SENDER);
    const bytes = submission(topology, id);
    await inspect.submitRaw(SENDER, bytes, `${id}#1`);
    await inspect.submitRaw(SENDER, bytes, `${id}#2`);
    await waitFetched(id);
    await inspect.submitRaw(SENDER, bytes, `${id}#3`); // once more after it was fetched
    await waitQuiet();
    await expectDeliveredOnce(id);
    // The node did take each of the three submissions: none was refused as a dead letter.
    expect(
      (await inspect.deadLetters(topology.homeNodeOf(SENDER).id)).filter((d) => d.documentId === id),
    ).toEqual([]);
  });

  it('resends around a restart of the node runtime on the same server: delivered once', async () => {
    await setUp();
    const id = docId(SENDER);
    const bytes = submission(topology, id);
    await sender.send(documentOf(id, SENDER, [RECIPIENT]));
    await waitFetched(id);
    await inspect.submitRaw(SENDER, bytes, `${id}#before-restart`);
    await waitQuiet();
    const [running] = h.running;
    await running!.stop();
    const again = await h.node(server, topology);
    await inspect.submitRaw(SENDER, bytes, `${id}#after-restart`);
    await waitFor('the restarted runtime took the resend', () => again.runtime.counters.submitted >= 1);
    await waitQuiet();
    await expectDeliveredOnce(id);
  });

  it('a resend after the JetStream duplicate window has passed is still delivered once (the inbox keeps one per item)', async () => {
    await setUp({ duplicateWindowMs: 200 });
    const id = docId(SENDER);
    await sender.send(documentOf(id, SENDER, [RECIPIENT]));
    await waitFetched(id);
    await sleep(500); // every duplicate window (submit, relay, inbox) has passed
    const resend = await sender.send(documentOf(id, SENDER, [RECIPIENT]));
    expect(resend.duplicate).toBe(false); // JetStream did not catch it: the node must
    await waitQuiet();
    await expectDeliveredOnce(id);
  });
});
