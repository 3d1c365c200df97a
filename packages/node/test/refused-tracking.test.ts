/**
 * A submission the home node refuses is tracked like any other failure: a FAILED record per
 * recipient (one without a recipient when none could be read), with the refusal in its timeline,
 * which the sender's listings (`sent()`, `snapshot()`) show. The same document sent again once the
 * cause is gone reopens the records (ACCEPTED again) and is delivered exactly once; the SDK does
 * not take the refused records for a document already sent.
 */
import { encodeEnvelope } from '@lienthong/core';
import type { Topology } from '@lienthong/core';
import { EnvelopeKind, FailureReason, SCHEMA_VERSION, TransportState } from '@lienthong/proto';
import type { TrackingRecord } from '@lienthong/proto';
import type { LienthongClient } from '@lienthong/sdk';
import type { NatsServer } from '@lienthong/testkit';
import type { RunningNode } from '../src';
import { A, Harness, demoTopology, docId, documentOf, sleep, waitFor } from './harness';
import type { InboxReader, Inspector } from './harness';

jest.setTimeout(90_000);

const SENDER = A.baothanh;
const TO = [A.government, A.noivu];
const T = TransportState;

describe('refused submissions in the sender’s tracking', () => {
  const h = new Harness();
  let topology: Topology;
  let server: NatsServer;
  let inspect: Inspector;
  let sender: LienthongClient;
  let strict: RunningNode;

  beforeAll(async () => {
    topology = demoTopology();
    server = await h.server();
    // This node refuses unsigned documents: the sender's client does not sign.
    strict = await h.node(server, topology, { security: { requireSignatures: true } });
    inspect = await h.inspector(server, topology);
    sender = await h.client(server, SENDER);
  }, 30_000);
  afterAll(() => h.cleanup());

  /** The records of `id` for `recipients`, once each satisfies `ok`. */
  async function recordsOf(
    id: string,
    recipients: readonly string[],
    ok: (r: TrackingRecord) => boolean,
  ): Promise<TrackingRecord[]> {
    return waitFor(`records of ${id}`, async () => {
      const rs = await inspect.records(SENDER, id, recipients);
      return rs.length === recipients.length && rs.every(ok) ? rs : false;
    });
  }

  it('writes a FAILED record per recipient that every listing shows; a resend once fixed reopens it and delivers once', async () => {
    const id = docId(SENDER, 'REFUSED');
    await sender.send(documentOf(id, SENDER, TO));
    const refused = await recordsOf(id, TO, (r) => r.transport === T.TRANSPORT_STATE_FAILED);
    for (const r of refused) {
      expect(r.failure).toBe(FailureReason.FAILURE_REASON_MISSING_SIGNATURE);
      expect(r.failureDetail).toMatch(/requires signed documents/);
      expect(r.subject).toBe(`Kiểm thử ${id}`);
      expect(r.timeline).toHaveLength(1);
      expect(r.timeline[0]!.transport).toBe(T.TRANSPORT_STATE_FAILED);
      expect(r.timeline[0]!.description).toMatch(/^refused at intake \(MISSING_SIGNATURE\): /);
    }
    // Dead letter and notice as before.
    await waitFor('the dead letter', async () =>
      (await inspect.deadLetters('h41-yenthanh-xa1')).some((d) => d.documentId === id),
    );
    const listed = (await sender.sent()).find((d) => d.documentId === id);
    expect(listed?.recipients.map((r) => [r.recipient, r.transport]).sort()).toEqual(
      TO.map((c) => [c, T.TRANSPORT_STATE_FAILED]).sort(),
    );
    expect((await sender.snapshot(id)).map((r) => r.failure)).toEqual([
      FailureReason.FAILURE_REASON_MISSING_SIGNATURE,
      FailureReason.FAILURE_REASON_MISSING_SIGNATURE,
    ]);

    // The node now takes unsigned documents; the same document is sent again (same message id,
    // within the submit stream's duplicate window: the refused records must not pass for custody).
    await strict.stop();
    await h.node(server, topology);
    const readers: InboxReader[] = [];
    for (const c of TO) readers.push(h.reader(await h.client(server, c)));
    const receipt = await sender.send(documentOf(id, SENDER, TO));
    expect(receipt.duplicate).toBe(false);
    await Promise.all(
      readers.map((r) => waitFor(`${id} in ${r.client.agency}'s inbox`, () => r.counts().get(id) === 1)),
    );
    const reopened = await recordsOf(id, TO, (r) => r.transport === T.TRANSPORT_STATE_FETCHED);
    for (const r of reopened) {
      expect(r.failure).toBe(FailureReason.FAILURE_REASON_UNSPECIFIED);
      expect(r.timeline[0]!.transport).toBe(T.TRANSPORT_STATE_FAILED);
      expect(r.timeline[1]!.transport).toBe(T.TRANSPORT_STATE_ACCEPTED);
    }
    // Sent a third time: a duplicate now, delivered no more.
    expect((await sender.send(documentOf(id, SENDER, TO))).duplicate).toBe(true);
    await sleep(500);
    for (const r of readers) expect(r.counts().get(id)).toBe(1);
    for (const c of TO) expect((await inspect.inboxCounts(c)).get(id)).toBe(1);
  });

  it('keeps one record without a recipient when none could be read, and a repeated refusal once', async () => {
    const id = docId(SENDER, 'NOBODY');
    const env = {
      schemaVersion: SCHEMA_VERSION,
      envelopeId: `raw-nobody-${Date.now()}`,
      kind: EnvelopeKind.ENVELOPE_KIND_DOCUMENT,
      documentId: id,
      originAgency: SENDER,
      originNode: 'h41-yenthanh-xa1',
      recipients: [],
      createdAtMs: Date.now(),
      document: documentOf(id, SENDER, []),
    };
    await inspect.submitRaw(SENDER, encodeEnvelope(env), `nobody-1-${id}`);
    await inspect.submitRaw(SENDER, encodeEnvelope(env), `nobody-2-${id}`);
    await waitFor('both refusals', async () =>
      (await inspect.deadLetters('h41-yenthanh-xa1')).filter((d) => d.documentId === id).length === 2
        ? true
        : false,
    );
    const [r] = await recordsOf(id, [''], (x) => x.transport === T.TRANSPORT_STATE_FAILED);
    expect(r!.recipient).toBe('');
    expect(r!.failure).toBe(FailureReason.FAILURE_REASON_MALFORMED);
    expect(r!.timeline).toHaveLength(1);
    expect(r!.timeline[0]!.description).toMatch(/refused at intake \(MALFORMED\): .*at least one recipient/);
    const listed = (await sender.sent()).find((d) => d.documentId === id);
    expect(listed?.recipients.map((x) => x.recipient)).toEqual(['']);
  });
});
