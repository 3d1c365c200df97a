/**
 * A code closed while documents for it are on their way: they wait at a relay (the recipient's
 * node is down) when the code closes into its successor. Where they meet the closure, a `redirect`
 * closure carries them (and a recall held with them) to the successor: the successor receives each
 * once, even a document it was sent itself as well; the sender's record for the closed code says
 * so in its timeline and follows the successor's statuses. A `refuse` closure still refuses them.
 */
import { Kvm } from '@nats-io/kv';
import { BUCKETS, directoryKeys } from '@lienthong/core';
import type { Topology } from '@lienthong/core';
import {
  AgencyRecord,
  BusinessStatus,
  ClosedAgencyRecord,
  ClosurePolicy,
  EnvelopeKind,
  FailureReason,
  TransportState,
} from '@lienthong/proto';
import type { TrackingRecord } from '@lienthong/proto';
import type { LienthongClient } from '@lienthong/sdk';
import type { NatsServer } from '@lienthong/testkit';
import { A, Harness, demoTopology, docId, documentOf, waitFor } from './harness';
import type { InboxReader, Inspector } from './harness';

const SENDER = A.baothanh; // h41-yenthanh-xa1
const CLOSING = A.quynhthach; // h41-quynhluu-xa1, whose runtime is down
const CLOSING_NODE = 'h41-quynhluu-xa1';
const REFUSING = '000.02.44.H41'; // Quỳnh Văn, h41-quynhluu-xa2, also down
const REFUSING_NODE = 'h41-quynhluu-xa2';
const SUCCESSOR = A.nghean; // h41
const CLOSED_AT = '2025-07-01T00:00:00Z';

describe('a code closed while documents for it are on their way', () => {
  const h = new Harness();
  let server: NatsServer;
  let topology: Topology;
  let inspect: Inspector;
  let sender: LienthongClient;
  let successor: InboxReader;

  beforeAll(async () => {
    topology = demoTopology();
    server = await h.server();
    const down = [CLOSING_NODE, REFUSING_NODE];
    const others = topology
      .nodes()
      .map((n) => n.id)
      .filter((id) => !down.includes(id));
    await h.node(server, topology, { nodes: others, name: 'runtime-a' });
    inspect = await h.inspector(server, topology);
    sender = await h.client(server, SENDER);
    successor = h.reader(await h.client(server, SUCCESSOR));
  }, 30_000);
  afterAll(() => h.cleanup());

  async function close(code: string, policy: ClosurePolicy): Promise<void> {
    const kv = await new Kvm(inspect.nc).open(BUCKETS.directory);
    const entry = await kv.get(directoryKeys.agency(code));
    const name = AgencyRecord.decode(entry!.value).name;
    const record = { code, name, closedAt: CLOSED_AT, successor: SUCCESSOR, policy };
    await kv.put(directoryKeys.closed(code), ClosedAgencyRecord.encode(record).finish());
    await kv.delete(directoryKeys.agency(code));
  }

  const record = async (id: string, recipient: string): Promise<TrackingRecord | undefined> =>
    inspect.record(SENDER, id, recipient);

  it('redirects what waited at the relay, recall included: each once at the successor, the old record follows it', async () => {
    const alone = docId(SENDER, 'ALONE');
    const both = docId(SENDER, 'BOTH');
    await sender.send(documentOf(alone, SENDER, [CLOSING]));
    await sender.send(documentOf(both, SENDER, [CLOSING, SUCCESSOR]));
    await sender.recall(alone, { reason: 'Ban hành nhầm' });
    const relay = `lt.v1.commune.${CLOSING_NODE}.relay.>`;
    await waitFor('two documents and a recall waiting for the node that is down', async () => {
      return (await inspect.count('LT_RELAY', relay)) === 3;
    });
    // The successor already has the document it was sent itself.
    await successor.waitForDocuments(1);

    await close(CLOSING, ClosurePolicy.CLOSURE_POLICY_REDIRECT);
    await waitFor(
      'the closure taken',
      async () => h.running[0]!.runtime.topology.closedCode(CLOSING) !== undefined,
    );
    await h.node(server, topology, { nodes: [CLOSING_NODE], name: 'runtime-b' });

    await waitFor('the relay queue drained', async () => (await inspect.count('LT_RELAY', relay)) === 0);
    await successor.waitForDocuments(2);
    await waitFor('the recall at the successor', async () => successor.counts('recall').get(alone) === 1);
    await waitFor(
      'the old record linked to the successor',
      async () => (await record(alone, CLOSING))?.redirectedTo === SUCCESSOR,
    );
    await waitFor(
      'the old record of the document sent to both linked too',
      async () => (await record(both, CLOSING))?.redirectedTo === SUCCESSOR,
    );
    await inspect.expectInboxedOnce(SUCCESSOR, [alone, both]);
    expect(successor.counts()).toEqual(
      new Map([
        [alone, 1],
        [both, 1],
      ]),
    );
    expect((await inspect.inboxCounts(SUCCESSOR, EnvelopeKind.ENVELOPE_KIND_STATUS)).get(alone)).toBe(1);

    const old = (await record(alone, CLOSING))!;
    expect(old.timeline.map((e) => e.description)).toContain(
      `redirected to ${SUCCESSOR} (${CLOSING} closed on ${CLOSED_AT}, while the document was on its way)`,
    );
    expect((await record(alone, SUCCESSOR))?.answersFor).toEqual([CLOSING]);

    // The successor's statuses answer for the closed code.
    await successor.client.report(alone, BusinessStatus.BUSINESS_STATUS_COMPLETED);
    await successor.client.report(both, BusinessStatus.BUSINESS_STATUS_COMPLETED);
    for (const id of [alone, both]) {
      const done = await waitFor(`06 mirrored onto ${CLOSING}'s record of ${id}`, async () => {
        const r = await record(id, CLOSING);
        return r?.business === BusinessStatus.BUSINESS_STATUS_COMPLETED ? r : false;
      });
      expect(done.transport).toBe(TransportState.TRANSPORT_STATE_FETCHED);
    }
    expect((await record(alone, CLOSING))?.recallRequested).toBe(true);
    const home = topology.homeNodeOf(SENDER).id;
    expect((await inspect.deadLetters(home)).filter((d) => d.documentId === alone)).toEqual([]);
    expect((await inspect.deadLetters(CLOSING_NODE)).filter((d) => d.documentId === alone)).toEqual([]);
  }, 60_000);

  it('refuses what waited at the relay under a refuse closure, naming the successor', async () => {
    const id = docId(SENDER, 'REFUSED');
    await sender.send(documentOf(id, SENDER, [REFUSING]));
    const relay = `lt.v1.commune.${REFUSING_NODE}.relay.>`;
    await waitFor('the document waiting', async () => (await inspect.count('LT_RELAY', relay)) === 1);
    await close(REFUSING, ClosurePolicy.CLOSURE_POLICY_REFUSE);
    await waitFor(
      'the closure taken',
      async () => h.running[0]!.runtime.topology.closedCode(REFUSING) !== undefined,
    );
    await h.node(server, topology, { nodes: [REFUSING_NODE], name: 'runtime-c' });
    const failed = await waitFor('the refusal at the sender', async () => {
      const r = await record(id, REFUSING);
      return r?.transport === TransportState.TRANSPORT_STATE_FAILED ? r : false;
    });
    expect(failed.failure).toBe(FailureReason.FAILURE_REASON_AGENCY_CLOSED);
    expect(failed.failureDetail).toBe(
      `${REFUSING} closed on ${CLOSED_AT} while the document was on its way; successor ${SUCCESSOR}`,
    );
    expect((await inspect.inboxCounts(SUCCESSOR)).get(id)).toBeUndefined();
  }, 60_000);
});
