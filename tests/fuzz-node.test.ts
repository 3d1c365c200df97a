/**
 * Fuzz against a running node: mutated envelopes on a submit subject and on a relay subject. Every
 * one is either handed on or dead-lettered with a reason; none stays stuck, the process never
 * crashes, and a normal document still goes through afterwards. LT_FUZZ_NODE_CASES sets the count.
 */
import fc from 'fast-check';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { decodeDeadLetter, encodeEnvelope, relaySubject, submitSubject } from '@lienthong/core';
import { EnvelopeKind, FailureReason, SCHEMA_VERSION } from '@lienthong/proto';
import { connect } from '@lienthong/sdk';
import { startDemoBroker } from './support';
import type { DemoBroker } from './support';

jest.setTimeout(120_000);

const CASES = Number(process.env.LT_FUZZ_NODE_CASES ?? 400);
const SENDER = '000.01.43.H41';

describe('fuzz against a running node', () => {
  let b: DemoBroker;

  beforeAll(async () => {
    b = await startDemoBroker('fuzz', 'silent');
  });
  afterAll(async () => {
    await b?.stop();
  });

  it(`hands on or dead-letters every one of ${CASES} mutated envelopes, and keeps serving`, async () => {
    const seed = encodeEnvelope({
      schemaVersion: SCHEMA_VERSION,
      envelopeId: 'seed',
      kind: EnvelopeKind.ENVELOPE_KIND_DOCUMENT,
      documentId: `${SENDER},2026/11/22,1/F`,
      originAgency: SENDER,
      originNode: 'h41-yenthanh-xa1',
      recipients: ['000.00.00.G22'],
      createdAtMs: 1,
      hopLimit: 16,
      document: {
        documentId: `${SENDER},2026/11/22,1/F`,
        from: { code: SENDER },
        to: [{ code: '000.00.00.G22' }],
        subject: 'x',
      },
    });
    const mutations = fc.sample(
      fc
        .array(fc.record({ at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }), {
          minLength: 1,
          maxLength: 4,
        })
        .map((edits) => {
          const b = Uint8Array.from(seed);
          for (const e of edits) b[e.at % b.length] = e.value;
          return b;
        }),
      { numRuns: CASES, seed: 42 },
    );
    const js = jetstream(b.nc);
    const subjects = [
      submitSubject('commune', 'h41-yenthanh-xa1', SENDER),
      relaySubject('district', 'h41-yenthanh', 'normal', 'h41-yenthanh-xa1'),
    ];
    for (const [i, b] of mutations.entries()) await js.publish(subjects[i % 2]!, b, { msgID: `fuzz-${i}` });

    const deadline = Date.now() + 90_000;
    const handled = (): number =>
      b.node.runtime.counters.submitted +
      b.node.runtime.counters.relayed +
      b.node.runtime.counters.deadLettered;
    while ((handled() < CASES || (await b.node.runtime.backlog()) > 0) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(await b.node.runtime.backlog()).toBe(0);
    expect(handled()).toBeGreaterThanOrEqual(CASES);

    // Every dead letter names a reason and keeps the original bytes.
    const jsm = await jetstreamManager(b.nc);
    const dead = await jsm.streams.info('LT_DEAD');
    expect(dead.state.messages).toBeGreaterThan(0);
    const first = await jsm.streams.getMessage('LT_DEAD', { seq: dead.state.first_seq });
    const letter = decodeDeadLetter(first!.data);
    expect(letter.reason).not.toBe(FailureReason.FAILURE_REASON_UNSPECIFIED);
    expect(letter.original.length).toBeGreaterThan(0);

    // Still serving.
    const sender = await connect({ servers: b.server.url, agency: SENDER });
    const centre = await connect({ servers: b.server.url, agency: '000.00.00.G22' });
    try {
      await sender.send({
        documentId: `${SENDER},2026/11/22,999/OK`,
        subject: 'sau fuzz',
        to: [{ code: '000.00.00.G22' }],
      });
      const inbox = centre.inbox();
      const timer = setTimeout(() => void inbox.stop(), 20_000);
      let found = false;
      for await (const item of inbox) {
        await item.ack();
        if (item.documentId === `${SENDER},2026/11/22,999/OK`) {
          found = true;
          break;
        }
      }
      clearTimeout(timer);
      await inbox.stop();
      expect(found).toBe(true);
    } finally {
      await sender.close();
      await centre.close();
    }
  });

  it('dead-letters a relayed envelope whose id is not a subject token (found by the fuzz run), instead of retrying it', async () => {
    const before = b.node.runtime.counters.deadLettered;
    const js = jetstream(b.nc);
    await js.publish(
      relaySubject('central', 'vn', 'normal', 'h41'),
      encodeEnvelope({
        schemaVersion: SCHEMA_VERSION,
        envelopeId: '<eed',
        kind: EnvelopeKind.ENVELOPE_KIND_DOCUMENT,
        documentId: `${SENDER},2026/11/22,2/F`,
        originAgency: SENDER,
        originNode: 'h41-yenthanh-xa1',
        recipients: ['000.00.00.G22'],
        createdAtMs: 1,
        hopLimit: 10,
        document: {
          documentId: `${SENDER},2026/11/22,2/F`,
          from: { code: SENDER },
          to: [{ code: '000.00.00.G22' }],
          subject: 'x',
        },
      }),
      { msgID: 'bad-envelope-id' },
    );
    const deadline = Date.now() + 10_000;
    while (b.node.runtime.counters.deadLettered === before && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    expect(b.node.runtime.counters.deadLettered).toBe(before + 1);
    expect(await b.node.runtime.backlog()).toBe(0);
  });
});
