/**
 * Fuzz against a running node: mutated, truncated, extended and random envelopes on a submit subject
 * and on a relay subject. Every one is either handed on or dead-lettered with a reason and a detail;
 * every refused submission is answered on the sender's track subject; none stays stuck, the process
 * never crashes, and a normal document still goes through afterwards. LT_FUZZ_NODE_CASES sets the
 * count (the long run: 100000), LT_FUZZ_SEED the seed.
 */
import fc from 'fast-check';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import {
  BUCKETS,
  STREAMS,
  decodeDeadLetter,
  decodeTrackingRecord,
  encodeEnvelope,
  relaySubject,
  submitSubject,
  trackSubject,
  trackingKey,
} from '@lienthong/core';
import { refusedBy } from '@lienthong/infra';
import { EnvelopeKind, FailureReason, SCHEMA_VERSION, TransportState } from '@lienthong/proto';
import { connect } from '@lienthong/sdk';
import { startDemoBroker } from './support';
import type { DemoBroker } from './support';

const CASES = Number(process.env.LT_FUZZ_NODE_CASES ?? 400);
const SEED = Number(process.env.LT_FUZZ_SEED ?? 42);

jest.setTimeout(120_000 + CASES * 20);
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
    const bytes = fc.integer({ min: 0, max: 255 });
    const mutated = fc
      .array(fc.record({ at: fc.nat(), value: bytes }), { minLength: 1, maxLength: 4 })
      .map((edits) => {
        const b = Uint8Array.from(seed);
        for (const e of edits) b[e.at % b.length] = e.value;
        return b;
      });
    const truncated = fc.nat({ max: seed.length - 1 }).map((n) => seed.subarray(0, n));
    const extended = fc
      .uint8Array({ minLength: 1, maxLength: 64 })
      .map((tail) => Uint8Array.from([...seed, ...tail]));
    const random = fc.uint8Array({ minLength: 0, maxLength: 512 });
    const cases = fc.sample(
      fc.oneof(
        { arbitrary: mutated, weight: 6 },
        { arbitrary: truncated, weight: 2 },
        { arbitrary: extended, weight: 1 },
        { arbitrary: random, weight: 1 },
      ),
      { numRuns: CASES, seed: SEED },
    );
    const js = jetstream(b.nc);
    const subjects = [
      submitSubject('commune', 'h41-yenthanh-xa1', SENDER),
      relaySubject('district', 'h41-yenthanh', 'normal', 'h41-yenthanh-xa1'),
    ];
    // A few hundred publishes in flight at a time: the long run is 100,000 cases. The node's queues
    // are bounded per sender (flow control): a full one refuses the publish, and the fuzzer does what a
    // real sender does, waits and sends the same message again. Refusals are counted apart; any other
    // publish error fails the run.
    const refusals = { subject: 0, bytes: 0 };
    const publish = async (subject: string, data: Uint8Array, msgID: string): Promise<void> => {
      for (let pause = 20; ; pause = Math.min(pause * 2, 1_000)) {
        try {
          await js.publish(subject, data, { msgID });
          return;
        } catch (e) {
          const full = refusedBy(e);
          if (!full) throw e;
          refusals[full]++;
          await new Promise((r) => setTimeout(r, pause));
        }
      }
    };
    for (let i = 0; i < cases.length; i += 256) {
      await Promise.all(
        cases
          .slice(i, i + 256)
          .map((data, j) => publish(subjects[(i + j) % 2]!, data, `fuzz-${SEED}-${i + j}`)),
      );
    }

    const deadline = Date.now() + 90_000 + CASES * 10;
    const handled = (): number =>
      b.node.runtime.counters.submitted +
      b.node.runtime.counters.relayed +
      b.node.runtime.counters.deadLettered;
    // A case retried for ever (an error a retry cannot cure, taken for a transient one) shows as a
    // backlog that stops moving: stop waiting after 15 s without progress and name what is stuck.
    let last = -1;
    let lastChange = Date.now();
    while ((handled() < CASES || (await b.node.runtime.backlog()) > 0) && Date.now() < deadline) {
      if (handled() !== last) [last, lastChange] = [handled(), Date.now()];
      if (Date.now() - lastChange > 15_000) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const jsm = await jetstreamManager(b.nc);
    const stuck: string[] = [];
    for (const stream of [STREAMS.submit, STREAMS.relay]) {
      const info = await jsm.streams.info(stream);
      for (let seq = info.state.first_seq; seq <= info.state.last_seq && stuck.length < 5; seq++) {
        const m = await jsm.streams.getMessage(stream, { seq }).catch(() => null);
        if (m) stuck.push(`${m.subject} ${Buffer.from(m.data).toString('base64')}`);
      }
    }
    expect(stuck).toEqual([]);
    expect(await b.node.runtime.backlog()).toBe(0);
    expect(handled()).toBeGreaterThanOrEqual(CASES);

    // Every dead letter names a reason and a detail, and keeps the original bytes.
    const dead = await jsm.streams.info(STREAMS.dead);
    expect(dead.state.messages).toBeGreaterThan(0);
    const refused = new Map<string, number>();
    // An unknown recipient is answered on that recipient's tracking record (FAILED), not by a notice.
    const unknownRecipients: [string, string][] = [];
    const submitDead = await readAll(js, STREAMS.dead, (data, subject) => {
      const letter = decodeDeadLetter(data);
      expect(letter.reason).not.toBe(FailureReason.FAILURE_REASON_UNSPECIFIED);
      expect(letter.detail).not.toBe('');
      expect(subject).toMatch(/\.dead$/);
      if (letter.subject !== subjects[0]) return false;
      if (letter.reason === FailureReason.FAILURE_REASON_UNKNOWN_RECIPIENT) {
        unknownRecipients.push([letter.documentId, letter.detail.replace(/^.*: /, '')]);
        return false;
      }
      const key = `${FailureReason[letter.reason]}: ${letter.detail}`;
      refused.set(key, (refused.get(key) ?? 0) + 1);
      return true;
    });
    expect(submitDead.total).toBe(dead.state.messages);
    // Every refused submission is answered on the sender's track subject, with the same reason.
    const notices = await readAll(js, STREAMS.track, (data, subject, kind) => {
      if (subject !== trackSubject('commune', 'h41-yenthanh-xa1', SENDER) || kind !== 'rejection')
        return false;
      const r = decodeTrackingRecord(data);
      const key = `${FailureReason[r.failure]}: ${r.failureDetail}`;
      refused.set(key, (refused.get(key) ?? 0) - 1);
      return true;
    });
    const unanswered = [...refused].filter(([, n]) => n !== 0).slice(0, 5);
    expect(unanswered).toEqual([]);
    expect(notices.matching).toBe(submitDead.matching);
    const tracking = await new Kvm(b.nc).open(BUCKETS.tracking);
    for (const [documentId, recipient] of unknownRecipients) {
      const e = await tracking.get(trackingKey(SENDER, documentId, recipient));
      const r = e ? decodeTrackingRecord(e.value) : undefined;
      expect([r?.transport, r?.failure]).toEqual([
        TransportState.TRANSPORT_STATE_FAILED,
        FailureReason.FAILURE_REASON_UNKNOWN_RECIPIENT,
      ]);
    }
    process.stderr.write(
      `fuzz-node: ${CASES} cases (seed ${SEED}): ${dead.state.messages} dead letters, ${notices.matching} refused submissions answered by a notice, ${unknownRecipients.length} unknown recipients failed on their records; publishes refused by a full queue and sent again: ${refusals.subject} (per sender), ${refusals.bytes} (stream bytes)\n`,
    );

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
    // Not retried: the backlog empties (statuses of the previous test's last document may still be
    // on their way when this starts, so it is waited for rather than read once).
    const settled = Date.now() + 10_000;
    while ((await b.node.runtime.backlog()) > 0 && Date.now() < settled) {
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(await b.node.runtime.backlog()).toBe(0);
  });
});

/** Reads a whole stream with an ordered consumer; counts the messages and those `match` picks. */
async function readAll(
  js: ReturnType<typeof jetstream>,
  stream: string,
  match: (data: Uint8Array, subject: string, kind: string | undefined) => boolean,
): Promise<{ total: number; matching: number }> {
  const c = await js.consumers.get(stream);
  const last = (await c.info()).num_pending;
  let total = 0;
  let matching = 0;
  if (last === 0) return { total, matching };
  const messages = await c.consume();
  for await (const m of messages) {
    total++;
    if (match(m.data, m.subject, m.headers?.get('Lt-Kind'))) matching++;
    if (m.info.pending === 0) break;
  }
  await messages.close();
  return { total, matching };
}
