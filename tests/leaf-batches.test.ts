/**
 * Transport events across a domain border travel together (node/src/transport-batches.ts): a
 * broadcast's DELIVERED events cross from a province's leaf domain into the centre's in batches, and
 * each is applied once. The centre handles each entry of a batch as if it had come alone: a batch
 * that does not decode, or an entry that is not a transport event, is a dead letter with its reason;
 * a batch sent twice changes nothing the second time. With the switch off every event goes alone.
 */
import { headers as natsHeaders } from '@nats-io/transport-node';
import { connect as natsConnect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/transport-node';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { JetStreamManager } from '@nats-io/jetstream';
import {
  decodeDeadLetter,
  encodeEnvelope,
  envelopeIdFor,
  generateTopology,
  parseTopology,
  relaySubject,
} from '@lienthong/core';
import type { Topology } from '@lienthong/core';
import { createLogger, readAuditChain, startNode, verifyNodeAudit } from '@lienthong/node';
import type { RunningNode } from '@lienthong/node';
import { NodeMetrics } from '@lienthong/node/internal';
import { EnvelopeBatch, EnvelopeKind, FailureReason, SCHEMA_VERSION } from '@lienthong/proto';
import type { DeadLetter, IEnvelope } from '@lienthong/proto';
import { TransportState, connect } from '@lienthong/sdk';
import type { LienthongClient } from '@lienthong/sdk';
import { startLeafTree, waitFor } from '@lienthong/testkit';
import type { LeafTree } from '@lienthong/testkit';

jest.setTimeout(120_000);

const COMMUNES = 60;

/** One province of 60 communes in its own domain (`p1`), the centre in `central`. */
function provinceTopology(): Topology {
  const json = generateTopology({
    provinces: 1,
    districtsPerProvince: 1,
    communesPerDistrict: COMMUNES,
    agenciesPerNode: 1,
    withDistricts: false,
  }).toJSON();
  return parseTopology({
    ...json,
    nodes: json.nodes.map((n) => ({ ...n, domain: n.id === 'vn' ? 'central' : 'p1' })),
  });
}

/** Transport events a runtime sent into another domain: alone, in batches, and the batches. */
async function crossed(node: RunningNode): Promise<{ alone: number; batched: number; batches: number }> {
  const out = { alone: 0, batched: 0, batches: 0 };
  for (const m of await node.container.resolve(NodeMetrics).registry.getMetricsAsJSON()) {
    for (const v of m.values) {
      if (m.name === 'lienthong_cross_domain_transport_events_total') {
        if (v.labels.sent === 'alone') out.alone += v.value;
        else out.batched += v.value;
      } else if (m.name === 'lienthong_cross_domain_batches_total') out.batches += v.value;
    }
  }
  return out;
}

/** Relay messages a runtime took and handled (handed on or dead-lettered), retries not counted. */
async function relaysTaken(node: RunningNode): Promise<number> {
  let n = 0;
  for (const m of await node.container.resolve(NodeMetrics).registry.getMetricsAsJSON()) {
    if (m.name !== 'lienthong_messages_total') continue;
    for (const v of m.values) {
      if (
        v.labels.kind === 'relay' &&
        (v.labels.outcome === 'forwarded' || v.labels.outcome === 'dead_lettered')
      )
        n += v.value;
    }
  }
  return n;
}

describe('transport events across a domain border', () => {
  const topology = provinceTopology();
  const log = createLogger({ name: 'leaf-batches-test', level: 'warn' });
  const ministry = topology.agenciesOf('vn')[0]!.code;
  const recipients = topology
    .agencies()
    .map((a) => a.code)
    .filter((c) => c !== ministry);
  let tree: LeafTree;
  let centre: RunningNode;
  let province: RunningNode | undefined;
  let client: LienthongClient;
  let observer: NatsConnection;
  let jsm: JetStreamManager;

  const nodesIn = (domain: string): string[] =>
    topology
      .nodes()
      .filter((n) => n.domain === domain)
      .map((n) => n.id);
  const startProvince = async (crossDomainBatches: boolean): Promise<RunningNode> =>
    startNode(
      {
        servers: tree.leaves.p1!.url,
        topology,
        nodes: nodesIn('p1'),
        domain: 'p1',
        name: 'lt-p1',
        crossDomainBatches,
      },
      { logger: log },
    );

  /** Sends one document to every recipient; resolves with the records once all are DELIVERED. */
  const broadcast = async (tag: string): Promise<string> => {
    const documentId = `${ministry},2026/12/04,${tag}/VPCP`;
    await client.send({ documentId, subject: `Công điện ${tag}`, to: recipients.map((code) => ({ code })) });
    await waitFor(
      `${tag}: every recipient DELIVERED`,
      async () => {
        const records = await client.snapshot(documentId);
        return (
          records.length === recipients.length &&
          records.every((r) => r.transport === TransportState.TRANSPORT_STATE_DELIVERED)
        );
      },
      60_000,
      200,
    );
    return documentId;
  };

  const deadLetters = async (): Promise<DeadLetter[]> => {
    const info = await jsm.streams.info('LT_DEAD');
    const out: DeadLetter[] = [];
    for (let seq = info.state.first_seq; seq <= info.state.last_seq && info.state.messages > 0; seq++) {
      const m = await jsm.streams.getMessage('LT_DEAD', { seq }).catch(() => undefined);
      if (m) out.push(decodeDeadLetter(m.data));
    }
    return out;
  };

  /** Publishes `data` to the centre's relay queue for p1, as p1 would, marked as a batch. */
  const publishBatch = async (data: Uint8Array, id: string): Promise<void> => {
    const h = natsHeaders();
    h.set('Lt-Batch', '2');
    const subject = relaySubject(topology.node('vn').level, 'vn', 'normal', 'p1');
    await jetstream(observer).publish(subject, data, { msgID: id, headers: h });
  };

  beforeAll(async () => {
    tree = await startLeafTree({ hubDomain: 'central', leaves: ['p1'] });
    centre = await startNode(
      { servers: tree.hub.url, topology, nodes: nodesIn('central'), domain: 'central', name: 'lt-central' },
      { logger: log },
    );
    province = await startProvince(true);
    client = await connect({ servers: tree.hub.url, agency: ministry, domain: 'central' });
    observer = await natsConnect({ servers: tree.hub.url, name: 'leaf-batches observer' });
    jsm = await jetstreamManager(observer);
  });

  afterAll(async () => {
    await client?.close();
    await observer?.close();
    await province?.stop();
    await centre?.stop();
    await tree?.stop();
  });

  it('carries a broadcast’s DELIVERED events back in batches, each applied once', async () => {
    const before = await relaysTaken(centre);
    const documentId = await broadcast('901');
    const sent = await crossed(province!);
    // The centre took one message per batch or lone event, not one per event.
    // (Counted as each handler ends, a moment after the record it wrote.)
    await waitFor(
      'the centre counted its relays',
      async () => (await relaysTaken(centre)) === before + sent.alone + sent.batches,
    );
    // Every recipient's DELIVERED crossed once: alone or in a batch, and most of them together.
    expect(sent.alone + sent.batched).toBe(recipients.length);
    expect(sent.batches).toBeGreaterThanOrEqual(1);
    expect(sent.batched).toBeGreaterThan(sent.alone);
    // Each batch is one custody transfer in the centre's audit chain, which stays intact.
    const blocks = await readAuditChain(centre.nats.js, centre.nats.jsm, 'vn');
    const entries = blocks.flatMap(
      (b) => (JSON.parse(Buffer.from(b.data).toString('utf8')) as { entries: { what?: string }[] }).entries,
    );
    const batchEntries = entries.filter((e) => e.what?.startsWith('TRANSPORT BATCH of '));
    expect(batchEntries.length).toBeGreaterThanOrEqual(sent.batches);
    expect((await verifyNodeAudit(centre.nats.js, centre.nats.jsm, 'vn')).broken).toBeUndefined();
    const records = await client.snapshot(documentId);
    for (const r of records) {
      const delivered = r.timeline.filter((e) => e.transport === TransportState.TRANSPORT_STATE_DELIVERED);
      expect({ recipient: r.recipient, delivered: delivered.length }).toEqual({
        recipient: r.recipient,
        delivered: 1,
      });
      // The path back and forth is recorded as without batches: the centre, the province, the commune.
      expect(r.hops.map((h) => h.node)[0]).toBe('vn');
    }
  });

  it('applies each entry of a batch as if alone: a second copy changes nothing, a wrong entry is a dead letter', async () => {
    const documentId = await broadcast('902');
    const commune = recipients.find((c) => topology.agency(c)!.homeNode !== 'p1')!;
    const home = topology.node(topology.agency(commune)!.homeNode);
    const fetched: IEnvelope = {
      schemaVersion: SCHEMA_VERSION,
      envelopeId: envelopeIdFor(['transport', documentId, commune, 'test-fetched']),
      kind: EnvelopeKind.ENVELOPE_KIND_TRANSPORT,
      documentId,
      originAgency: commune,
      originNode: home.id,
      recipients: [ministry],
      createdAtMs: Date.now(),
      hops: [{ node: home.id, level: home.level, inMs: Date.now(), outMs: Date.now() }],
      hopLimit: 10,
      transport: {
        state: TransportState.TRANSPORT_STATE_FETCHED,
        documentId,
        documentSender: ministry,
        recipient: commune,
        node: home.id,
        atMs: Date.now(),
      },
    };
    const notTransport: IEnvelope = {
      ...fetched,
      envelopeId: envelopeIdFor(['not-a-transport-event', documentId]),
      kind: EnvelopeKind.ENVELOPE_KIND_STATUS,
      transport: null,
      status: { documentId, code: 3, responder: commune, documentSender: ministry, timestampMs: Date.now() },
    };
    const batch = EnvelopeBatch.encode({
      envelopes: [encodeEnvelope(notTransport), encodeEnvelope(fetched)],
    }).finish();
    const deadBefore = (await deadLetters()).length;
    await publishBatch(batch, 'test-batch-1');
    const fetchedEntries = async (): Promise<number> => {
      const r = (await client.snapshot(documentId)).find((x) => x.recipient === commune)!;
      return r.timeline.filter((e) => e.transport === TransportState.TRANSPORT_STATE_FETCHED).length;
    };
    await waitFor('the FETCHED entry applied', async () => (await fetchedEntries()) === 1, 20_000);
    const refused = await waitFor(
      'the status entry dead-lettered',
      async () =>
        (await deadLetters())
          .slice(deadBefore)
          .find((d) => d.detail.includes('a batch carries only transport events')) ?? false,
      20_000,
    );
    expect(refused.reason).toBe(FailureReason.FAILURE_REASON_MALFORMED);
    expect(refused.detail).toContain('ENVELOPE_KIND_STATUS');

    // The same batch again, under another message id (grouped anew after a retry): nothing changes.
    await publishBatch(batch, 'test-batch-2');
    await waitFor(
      'the second copy handled',
      async () =>
        (await deadLetters()).slice(deadBefore).filter((d) => d.detail.includes('only transport events'))
          .length === 2,
      20_000,
    );
    expect(await fetchedEntries()).toBe(1);
  });

  it('refuses a batch that does not decode, with the reason, and keeps serving', async () => {
    const deadBefore = (await deadLetters()).length;
    await publishBatch(Uint8Array.from([0x0a, 0xff, 0xff, 0xff, 0x0f, 0x01]), 'test-batch-garbage');
    const refused = await waitFor(
      'the batch dead-lettered',
      async () =>
        (await deadLetters()).slice(deadBefore).find((d) => d.detail.includes('does not decode')) ?? false,
      20_000,
    );
    expect(refused.reason).toBe(FailureReason.FAILURE_REASON_MALFORMED);
    expect(refused.detail).toContain('Lt-Batch');
    await broadcast('903');
  });

  it('sends every event alone with the switch off', async () => {
    await province!.stop();
    province = undefined;
    province = await startProvince(false);
    const before = await relaysTaken(centre);
    await broadcast('904');
    expect(await crossed(province)).toEqual({ alone: 0, batched: 0, batches: 0 });
    await waitFor(
      'the centre counted its relays',
      async () => (await relaysTaken(centre)) === before + recipients.length,
    );
  });
});
