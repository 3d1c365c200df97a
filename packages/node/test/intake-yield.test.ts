/**
 * A node's intake gives way to the relays already on their way through it (`IntakeYield`,
 * docs/ARCHITECTURE.md, "Flow control"). A sender that keeps many `send()`s in flight, each done at
 * custody, must not fill the queue that carries its 01s and DELIVERED events home: the node sending
 * them back would be refused, give its messages back and handle them again. Real nats-server and
 * runtime; the sender's home node is made slow at applying what comes back, and at taking new
 * submissions in proportion, so that the path back is what limits the rate.
 */
import 'reflect-metadata';
import { injectable } from 'tsyringe';
import { encodeEnvelope } from '@lienthong/core';
import { EnvelopeKind, SCHEMA_VERSION, TransportState } from '@lienthong/proto';
import { IntakeYield, TrackingApply, envelopeKindOf } from '@lienthong/node/internal';
import { A, Harness, demoTopology, docId, documentOf, waitFor } from './harness';

const SENDER = A.government; // node vn
const RECIPIENT = A.noivu; // node h41
const DOCS = 240;
const IN_FLIGHT = 24;
/** Each record opened at intake, and each status or event applied at the sender's home, takes this. */
const SLOW_MS = 12;

const pause = (): Promise<void> => new Promise((r) => setTimeout(r, SLOW_MS));

@injectable()
class SlowTrackingApply extends TrackingApply {
  override async open(...args: Parameters<TrackingApply['open']>): Promise<string[]> {
    await pause();
    return super.open(...args);
  }

  override async status(...args: Parameters<TrackingApply['status']>): ReturnType<TrackingApply['status']> {
    await pause();
    return super.status(...args);
  }

  override async transport(...args: Parameters<TrackingApply['transport']>): Promise<void> {
    await pause();
    return super.transport(...args);
  }
}

describe('the intake gives way to relays', () => {
  const h = new Harness();
  afterAll(() => h.cleanup());

  it('gives way only while it holds more relays than the threshold', () => {
    const relays = [{ holding: 0 }, { holding: 0 }];
    const y = new IntakeYield(2, 8);
    for (const r of relays) y.watch(r);
    expect(y.pressed()).toBe(false);
    relays[0]!.holding = 5;
    relays[1]!.holding = 3;
    expect(y.pressed()).toBe(false); // 8 waiting: not more than the threshold
    relays[1]!.holding = 4;
    expect(y.yielding()).toBe(true);
    expect(y.pressed()).toBe(true);
    expect(y.held).toBe(1); // only a submission actually held back counts
    relays[0]!.holding = 0;
    expect(y.pressed()).toBe(false);
    expect(y.held).toBe(1);
  });

  it('never holds back a status report; reads the kind without decoding, and bad bytes as no kind', () => {
    const y = new IntakeYield(2, 8);
    const env = (kind: EnvelopeKind): { data: Uint8Array } => ({
      data: encodeEnvelope({
        schemaVersion: SCHEMA_VERSION,
        envelopeId: 'e'.repeat(43),
        kind,
        documentId: docId(SENDER, 'KIND'),
        originAgency: SENDER,
        originNode: 'vn',
        recipients: [RECIPIENT],
        createdAtMs: Date.now(),
      }),
    });
    expect(y.exempt(env(EnvelopeKind.ENVELOPE_KIND_STATUS))).toBe(true);
    expect(y.exempt(env(EnvelopeKind.ENVELOPE_KIND_DOCUMENT))).toBe(false);
    expect(envelopeKindOf(env(EnvelopeKind.ENVELOPE_KIND_TRANSPORT).data)).toBe(3);
    expect(envelopeKindOf(new Uint8Array([0xff, 0xff, 0xff]))).toBe(0);
    expect(envelopeKindOf(new TextEncoder().encode('<edXML/>'))).toBe(0);
    expect(y.exempt({ data: new Uint8Array() })).toBe(false);
  });

  it('a sender faster than the path back waits in its own queue; nothing is handed back between nodes', async () => {
    const topology = demoTopology();
    const server = await h.server();
    // 24 handlers per consumer: the intake gives way to 6 while more than 24 relays are held.
    const node = await h.node(
      server,
      topology,
      {
        concurrency: 24,
        flow: { maxQueuedPerNeighbour: 100, maxQueuedPerAgency: 100 },
        http: { port: 0, host: '127.0.0.1' },
      },
      { configure: (c) => c.register(TrackingApply, { useClass: SlowTrackingApply }) },
    );
    const sender = await h.client(server, SENDER);
    const reader = h.reader(await h.client(server, RECIPIENT));
    const ids = Array.from({ length: DOCS }, (_, i) => docId(SENDER, `YIELD${i}`));
    // The gauge as an operator scrapes it, while the documents go.
    const gauge: string[] = [];
    let sending = true;
    const scraping = (async () => {
      while (sending) {
        const text = await (await fetch(`${node.runtime.httpUrl}/metrics`)).text();
        gauge.push(/^lienthong_flow_intake_yielding (\d)$/m.exec(text)?.[1] ?? '?');
        // Often: on a loaded machine the intake may give way for moments only (one full run of
        // 2026-12-04 saw none of its scrapes, 20 ms apart, fall in one, though the intake held).
        await new Promise((r) => setTimeout(r, 5));
      }
    })();
    let next = 0;
    // Each send() is done at custody; the next one follows at once.
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, async () => {
        while (next < ids.length) {
          const id = ids[next++]!;
          await sender.send(documentOf(id, SENDER, [RECIPIENT]), {
            waitForCapacity: true,
            timeoutMs: 60_000,
          });
        }
      }),
    );
    await reader.waitForDocuments(DOCS, 60_000);
    sending = false;
    await scraping;
    for (const id of [ids[0]!, ids[DOCS - 1]!]) {
      await waitFor(
        `${id} delivered and confirmed (01) in the sender's tracking`,
        async () => {
          const [r] = await sender.snapshot(id);
          return r?.transport === TransportState.TRANSPORT_STATE_FETCHED && r.business === 1;
        },
        20_000,
      );
    }
    const flow = await node.runtime.flowUsage();
    // The intake did give way, and no message was given back between nodes. Without it (measured
    // on this test): 78–86 relays given back to h41's stream after the queue back to vn stayed full,
    // 240 publishes that found it full.
    expect(flow.intake.held).toBeGreaterThan(0);
    expect(flow.room.gaveUp).toBe(0);
    expect(reader.errors).toEqual([]);
    // Operators see it as a gauge: 1 in scrapes during the flood (4 runs: 10–13 of 17–19 scrapes),
    // 0 again once the relays have caught up.
    expect(gauge).toContain('1');
    const metrics = await (await fetch(`${node.runtime.httpUrl}/metrics`)).text();
    expect(metrics).toMatch(/^lienthong_flow_intake_yielding 0$/m);
    expect(reader.counts().size).toBe(DOCS);
    expect([...reader.counts().values()].every((n) => n === 1)).toBe(true);
  }, 120_000);
});
