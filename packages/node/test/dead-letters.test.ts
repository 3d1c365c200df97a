/**
 * Dead letters: each failure reason provoked through the node's public subjects, and checked where an
 * operator looks (the node's dead subject in LT_DEAD, a decodable DeadLetter with the reason and a
 * precise detail) and where the sender looks (its tracking record for that recipient, and for a
 * refused submission the notice on its track subject, and for a refused document its records). After each, the node still carries documents.
 */
import { encodeEnvelope, relaySubject, submitSubject } from '@lienthong/core';
import type { Topology } from '@lienthong/core';
import {
  BusinessStatus,
  EnvelopeKind,
  FailureReason,
  SCHEMA_VERSION,
  TransportState,
} from '@lienthong/proto';
import type { DeadLetter, IEnvelope, TrackingRecord } from '@lienthong/proto';
import type { LienthongClient } from '@lienthong/sdk';
import type { NatsServer } from '@lienthong/testkit';
import type { RunningNode } from '@lienthong/node';
import { A, Harness, demoTopology, docId, documentOf, waitFor } from './harness';
import type { InboxReader, Inspector } from './harness';

const R = FailureReason;
const SENDER = A.baothanh;
const SENDER_HOME = 'h41-yenthanh-xa1';
/** Sơn Tây's home node is deliberately not hosted: documents for it wait in LT_RELAY. */
const PARKED_NODE = 'h27-huongson-xa1';
const MAX_ENVELOPE_BYTES = 64 * 1024;

describe('dead letters', () => {
  const h = new Harness();
  let topology: Topology;
  let server: NatsServer;
  let inspect: Inspector;
  let sender: LienthongClient;
  let government: LienthongClient;
  let governmentInbox: InboxReader;
  let running: RunningNode;
  let msgSeq = 0;
  const msgId = (tag: string): string => `dl-${tag}-${++msgSeq}-${Date.now()}`;

  beforeAll(async () => {
    topology = demoTopology();
    server = await h.server();
    running = await h.node(server, topology, {
      nodes: topology
        .nodes()
        .map((n) => n.id)
        .filter((id) => id !== PARKED_NODE),
      limits: { maxEnvelopeBytes: MAX_ENVELOPE_BYTES },
    });
    inspect = await h.inspector(server, topology);
    sender = await h.client(server, SENDER);
    government = await h.client(server, A.government);
    governmentInbox = h.reader(government);
  }, 30_000);
  afterAll(() => h.cleanup());

  /** The one dead letter of `node` about `match`, once it is there. */
  async function deadLetter(node: string, match: (d: DeadLetter) => boolean): Promise<DeadLetter> {
    const found = await waitFor(`a dead letter at ${node}`, async () => {
      const all = (await inspect.deadLetters(node)).filter(match);
      return all.length > 0 ? all : false;
    });
    expect(found).toHaveLength(1);
    const d = found[0]!;
    expect(d.node).toBe(node);
    expect(d.atMs).toBeGreaterThan(0);
    return d;
  }

  /** The notice of a refused submission on `agency`'s track subject at its home node. */
  async function rejection(agency: string, match: (r: TrackingRecord) => boolean): Promise<TrackingRecord> {
    const found = await waitFor(`a rejection notice on the track subject of ${agency}`, async () => {
      const all = (await inspect.rejectionNotices(agency)).filter((r) => r.recipient === '' && match(r));
      return all.length > 0 ? all : false;
    });
    expect(found).toHaveLength(1);
    const r = found[0]!;
    expect(r.sender).toBe(agency);
    expect(r.transport).toBe(TransportState.TRANSPORT_STATE_FAILED);
    expect(r.failureDetail).not.toBe('');
    return r;
  }

  /** The node keeps serving: a normal document from the same sender still reaches the government. */
  async function stillServes(): Promise<void> {
    const id = docId(SENDER, 'OK');
    await sender.send(documentOf(id, SENDER, [A.government]));
    await waitFor(`${id} delivered after the failure`, async () => {
      const r = await inspect.record(SENDER, id, A.government);
      return (
        r?.transport === TransportState.TRANSPORT_STATE_FETCHED && governmentInbox.counts().get(id) === 1
      );
    });
  }

  function envelope(id: string, over: Partial<IEnvelope> = {}): IEnvelope {
    const doc = documentOf(id, SENDER, [A.government]);
    return {
      schemaVersion: SCHEMA_VERSION,
      envelopeId: `raw-${msgSeq}`,
      kind: EnvelopeKind.ENVELOPE_KIND_DOCUMENT,
      documentId: id,
      originAgency: SENDER,
      originNode: SENDER_HOME,
      recipients: [A.government],
      createdAtMs: Date.now(),
      document: doc,
      ...over,
    };
  }

  it('MALFORMED: garbage bytes on a submit subject', async () => {
    const garbage = Uint8Array.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]);
    await inspect.submitRaw(SENDER, garbage, msgId('garbage'));
    const d = await deadLetter(
      SENDER_HOME,
      (x) => x.reason === R.FAILURE_REASON_MALFORMED && Buffer.from(x.original).equals(Buffer.from(garbage)),
    );
    expect(d.subject).toBe(submitSubject('commune', SENDER_HOME, SENDER));
    expect(d.detail).toMatch(/not a protobuf Envelope/);
    const notice = await rejection(
      SENDER,
      (r) => r.failure === R.FAILURE_REASON_MALFORMED && r.failureDetail === d.detail,
    );
    expect(notice.documentId).toBe('');
    await stillServes();
  });

  it('UNSUPPORTED_SCHEMA: an envelope of schema version 2', async () => {
    const id = docId(SENDER);
    const tracker = await sender.track(id);
    try {
      await inspect.submitRaw(SENDER, encodeEnvelope(envelope(id, { schemaVersion: 2 })), msgId('schema'));
      const d = await deadLetter(SENDER_HOME, (x) => x.reason === R.FAILURE_REASON_UNSUPPORTED_SCHEMA);
      expect(d.detail).toMatch(/schemaVersion: 2 is not supported/);
      // It decoded far enough to know the document: the dead letter and the notice name it, so the
      // sender's tracker of that document shows the refusal.
      expect(d.documentId).toBe(id);
      const notice = await rejection(SENDER, (r) => r.failure === R.FAILURE_REASON_UNSUPPORTED_SCHEMA);
      expect(notice.documentId).toBe(id);
      expect(notice.failureDetail).toBe(d.detail);
      const seen = await waitFor('the tracker shows the rejection', () => tracker.rejection ?? false);
      expect(seen.failure).toBe(R.FAILURE_REASON_UNSUPPORTED_SCHEMA);
    } finally {
      await tracker.stop();
    }
    await stillServes();
  });

  it('INVALID_AGENCY_CODE: a submit subject whose agency token is not an agency', async () => {
    const subject = `lt.v1.commune.${SENDER_HOME}.submit.not-an-agency`;
    await inspect.js.publish(subject, encodeEnvelope(envelope(docId(SENDER))), { msgID: msgId('token') });
    const d = await deadLetter(
      SENDER_HOME,
      (x) => x.reason === R.FAILURE_REASON_INVALID_AGENCY_CODE && x.subject === subject,
    );
    expect(d.detail).toBe(`${subject} does not name an agency`);
    await stillServes();
  });

  it('INVALID_AGENCY_CODE: a recipient code with a wildcard in it', async () => {
    const id = docId(SENDER);
    const bad = '000.00.00.H4*';
    const env = envelope(id, { recipients: [bad], document: documentOf(id, SENDER, [bad]) });
    await inspect.submitRaw(SENDER, encodeEnvelope(env), msgId('wildcard'));
    const d = await deadLetter(
      SENDER_HOME,
      (x) => x.reason === R.FAILURE_REASON_INVALID_AGENCY_CODE && x.documentId === id,
    );
    expect(d.detail).toMatch(/recipients\[0\]/);
    expect(d.detail).toMatch(/wildcard/);
    const notice = await rejection(
      SENDER,
      (r) => r.failure === R.FAILURE_REASON_INVALID_AGENCY_CODE && r.documentId === id,
    );
    expect(notice.failureDetail).toBe(d.detail);
    // No recipient could be read (the envelope did not decode): one record without a recipient.
    const record = await waitFor('the refused document’s record', async () => {
      return (await inspect.record(SENDER, id, '')) ?? false;
    });
    expect(record.transport).toBe(TransportState.TRANSPORT_STATE_FAILED);
    expect(record.failure).toBe(R.FAILURE_REASON_INVALID_AGENCY_CODE);
    expect(record.timeline.map((e) => e.description)).toEqual([
      `refused at intake (INVALID_AGENCY_CODE): ${d.detail}`,
    ]);
    await stillServes();
  });

  it('UNKNOWN_RECIPIENT: a valid code not in the directory fails; the other recipient still gets the document', async () => {
    const id = docId(SENDER);
    const unknown = '000.00.99.H41';
    // The SDK refuses unknown recipients at send() (UnknownRecipientsError); a client that does not
    // use it meets this refusal at the node.
    const to = [A.government, unknown];
    await inspect.submitRaw(
      SENDER,
      encodeEnvelope(envelope(id, { recipients: to, document: documentOf(id, SENDER, to) })),
      msgId('unknown-recipient'),
    );
    const d = await deadLetter(
      SENDER_HOME,
      (x) => x.reason === R.FAILURE_REASON_UNKNOWN_RECIPIENT && x.documentId === id,
    );
    expect(d.detail).toBe(`not in the directory: ${unknown}`);
    expect(d.originAgency).toBe(SENDER);
    const records = await waitFor('both records settled', async () => {
      const rs = await inspect.records(SENDER, id, [A.government, unknown]);
      const ok =
        rs.find((r) => r.recipient === A.government)?.transport === TransportState.TRANSPORT_STATE_FETCHED;
      return ok && rs.length === 2 ? rs : false;
    });
    const failed = records.find((r) => r.recipient === unknown)!;
    expect(failed.transport).toBe(TransportState.TRANSPORT_STATE_FAILED);
    expect(failed.failure).toBe(R.FAILURE_REASON_UNKNOWN_RECIPIENT);
    expect(failed.failureDetail).toBe(`${unknown} is not in the directory`);
    expect(governmentInbox.counts().get(id)).toBe(1);
    await stillServes();
  });

  it('SENDER_MISMATCH: an agency submits a document whose sender is another agency', async () => {
    const id = docId(SENDER);
    const tracker = await sender.track(id);
    try {
      const env = envelope(id, { document: documentOf(id, A.congthanh, [A.government]) });
      await inspect.submitRaw(SENDER, encodeEnvelope(env), msgId('mismatch'));
      const d = await deadLetter(
        SENDER_HOME,
        (x) => x.reason === R.FAILURE_REASON_SENDER_MISMATCH && x.documentId === id,
      );
      expect(d.detail).toBe(`document sender ${A.congthanh} is not the submitting agency ${SENDER}`);
      const notice = await rejection(
        SENDER,
        (r) => r.failure === R.FAILURE_REASON_SENDER_MISMATCH && r.documentId === id,
      );
      expect(notice.failureDetail).toBe(d.detail);
      // The SDK's tracker shows the refusal too.
      const seen = await waitFor('the tracker shows the rejection', () => tracker.rejection ?? false);
      expect(seen.failure).toBe(R.FAILURE_REASON_SENDER_MISMATCH);
    } finally {
      await tracker.stop();
    }
    expect(governmentInbox.counts().get(id)).toBeUndefined();
    await stillServes();
  });

  it('HOP_LIMIT_EXCEEDED: an envelope relayed with its last hop fails on the way, and the sender’s record says so', async () => {
    const id = docId(SENDER);
    // A real document to Sơn Tây: accepted, tracked, and parked at the unhosted node's relay subject.
    await sender.send(documentOf(id, SENDER, [A.sontay]));
    await waitFor(
      'the copy parked for the unhosted node',
      async () => (await inspect.count('LT_RELAY', `lt.v1.commune.${PARKED_NODE}.relay.>`)) >= 1,
    );
    // The same document handed to the district with one hop left, seven nodes from its destination.
    const env = envelope(id, {
      recipients: [A.sontay],
      document: documentOf(id, SENDER, [A.sontay]),
      hopLimit: 1,
      hops: [{ node: SENDER_HOME, level: 4, inMs: Date.now(), outMs: Date.now() }],
    });
    await inspect.js.publish(
      relaySubject('district', 'h41-yenthanh', 'normal', SENDER_HOME),
      encodeEnvelope(env),
      {
        msgID: msgId('hops'),
      },
    );
    const d = await deadLetter(
      'h41-yenthanh',
      (x) => x.reason === R.FAILURE_REASON_HOP_LIMIT_EXCEEDED && x.documentId === id,
    );
    expect(d.detail).toBe(`hop limit reached at h41-yenthanh after 2 hops: ${A.sontay}`);
    expect(d.originAgency).toBe(SENDER);
    const record = await waitFor('the sender’s record failed', async () => {
      const r = await inspect.record(SENDER, id, A.sontay);
      return r?.transport === TransportState.TRANSPORT_STATE_FAILED ? r : false;
    });
    expect(record.failure).toBe(R.FAILURE_REASON_HOP_LIMIT_EXCEEDED);
    expect(record.failureDetail).toBe('hop limit reached at h41-yenthanh after 2 hops');
    const entry = record.timeline.find((e) => e.transport === TransportState.TRANSPORT_STATE_FAILED);
    expect(entry?.node).toBe('h41-yenthanh');
    await stillServes();
  });

  it('UNKNOWN_RECIPIENT: an envelope relayed to a node the directory does not have fails on the way, and the sender’s record says so', async () => {
    const id = docId(SENDER);
    // A real document to Sơn Tây (tracked, parked at the unhosted node), then a copy of it relayed to
    // `h99`, a province no directory has: the provinces' level-wide consumer takes it.
    await sender.send(documentOf(id, SENDER, [A.sontay]));
    await waitFor('the record opened', async () => (await inspect.record(SENDER, id, A.sontay)) ?? false);
    const env = envelope(id, { recipients: [A.sontay], document: documentOf(id, SENDER, [A.sontay]) });
    const subject = relaySubject('province', 'h99', 'normal', 'vn');
    await inspect.js.publish(subject, encodeEnvelope(env), { msgID: msgId('h99') });
    // Kept as a dead letter of the first node hosted here, which hands the FAILED on.
    const [first] = running.runtime.nodes;
    const detail = `no node h99 in the directory answers for ${subject}`;
    const d = await deadLetter(
      first!.id,
      (x) => x.reason === R.FAILURE_REASON_UNKNOWN_RECIPIENT && x.documentId === id,
    );
    expect(d.detail).toBe(`${detail}: ${A.sontay}`);
    const record = await waitFor('the sender’s record failed', async () => {
      const r = await inspect.record(SENDER, id, A.sontay);
      return r?.transport === TransportState.TRANSPORT_STATE_FAILED ? r : false;
    });
    expect(record.failure).toBe(R.FAILURE_REASON_UNKNOWN_RECIPIENT);
    expect(record.failureDetail).toBe(detail);
    await stillServes();
  });

  it('HOP_LIMIT_EXCEEDED: a status that fails on the way goes back to its reporter as refused', async () => {
    // Bảo Thành reports 03 on a document of Sơn Tây's; the district gets it with one hop left.
    const id = docId(A.sontay);
    const env: IEnvelope = {
      schemaVersion: SCHEMA_VERSION,
      envelopeId: `status-hops-${Date.now()}`,
      kind: EnvelopeKind.ENVELOPE_KIND_STATUS,
      documentId: id,
      originAgency: SENDER,
      originNode: SENDER_HOME,
      recipients: [A.sontay],
      createdAtMs: Date.now(),
      hopLimit: 1,
      hops: [{ node: SENDER_HOME, level: 4, inMs: Date.now(), outMs: Date.now() }],
      status: {
        code: BusinessStatus.BUSINESS_STATUS_ACCEPTED,
        responder: SENDER,
        documentId: id,
        documentSender: A.sontay,
        timestampMs: Date.now(),
      },
    };
    await inspect.js.publish(
      relaySubject('district', 'h41-yenthanh', 'normal', SENDER_HOME),
      encodeEnvelope(env),
      { msgID: msgId('status-hops') },
    );
    const d = await deadLetter(
      'h41-yenthanh',
      (x) => x.reason === R.FAILURE_REASON_HOP_LIMIT_EXCEEDED && x.documentId === id,
    );
    const notice = await rejection(
      SENDER,
      (r) => r.documentId === id && r.failure === R.FAILURE_REASON_HOP_LIMIT_EXCEEDED,
    );
    expect(notice.failureDetail).toBe(d.detail);
    expect(notice.timeline[0]).toMatchObject({
      business: BusinessStatus.BUSINESS_STATUS_ACCEPTED,
      node: 'h41-yenthanh',
    });
    await stillServes();
  });

  it('TOO_LARGE: a 100 KB document against a 64 KiB envelope limit', async () => {
    const id = docId(SENDER);
    await sender.send(documentOf(id, SENDER, [A.government], { contentSummary: 'x'.repeat(100 * 1024) }));
    const d = await deadLetter(SENDER_HOME, (x) => x.reason === R.FAILURE_REASON_TOO_LARGE);
    expect(d.detail).toMatch(new RegExp(`\\d+ bytes; the limit is ${MAX_ENVELOPE_BYTES}`));
    expect(d.original.length).toBeGreaterThan(100 * 1024);
    const notice = await rejection(SENDER, (r) => r.failure === R.FAILURE_REASON_TOO_LARGE);
    expect(notice.failureDetail).toBe(d.detail);
    expect(await inspect.record(SENDER, id, A.government)).toBeUndefined(); // refused: nothing was opened
    expect(governmentInbox.counts().get(id)).toBeUndefined();
    await stillServes();
  });

  it('INVALID_STATUS: a rejection (02) without a reason is refused at the reporter’s home node', async () => {
    const id = docId(SENDER);
    await sender.send(documentOf(id, SENDER, [A.government]));
    await waitFor('delivered', () => governmentInbox.counts().get(id) === 1);
    await inspect.submitStatus(
      A.government,
      id,
      SENDER,
      BusinessStatus.BUSINESS_STATUS_REJECTED,
      Date.now(),
      '',
    );
    const d = await deadLetter(
      'vn',
      (x) => x.reason === R.FAILURE_REASON_INVALID_STATUS && x.documentId === id,
    );
    expect(d.detail).toBe('02 (rejected) needs a reason in the description');
    const notice = await rejection(
      A.government,
      (r) => r.failure === R.FAILURE_REASON_INVALID_STATUS && r.documentId === id,
    );
    expect(notice.failureDetail).toBe(d.detail);
    const r = await inspect.record(SENDER, id, A.government);
    expect(r?.business).not.toBe(BusinessStatus.BUSINESS_STATUS_REJECTED);
    await stillServes();
  });

  it('UNKNOWN_DOCUMENT: a status about a document the sender never sent, and a recall of one', async () => {
    const never = docId(SENDER, 'NEVER');
    await government.report(never, BusinessStatus.BUSINESS_STATUS_ACCEPTED, { description: 'Đã vào sổ' });
    const d = await deadLetter(
      SENDER_HOME,
      (x) => x.reason === R.FAILURE_REASON_UNKNOWN_DOCUMENT && x.documentId === never,
    );
    expect(d.detail).toBe(`${A.government} reported 03 on ${never}, which ${SENDER} did not send to it`);
    expect(d.originAgency).toBe(A.government);
    expect(await inspect.record(SENDER, never, A.government)).toBeUndefined();

    // A recall (13) of a document the sender never sent: refused at intake, and the sender is told.
    const neverSent = docId(SENDER, 'NEVER');
    await inspect.submitRaw(
      SENDER,
      encodeEnvelope({
        schemaVersion: SCHEMA_VERSION,
        envelopeId: 'raw-recall',
        kind: EnvelopeKind.ENVELOPE_KIND_STATUS,
        documentId: neverSent,
        originAgency: SENDER,
        originNode: SENDER_HOME,
        recipients: [A.government],
        createdAtMs: Date.now(),
        status: {
          code: BusinessStatus.BUSINESS_STATUS_RECALL_REQUESTED,
          responder: SENDER,
          documentId: neverSent,
          documentSender: SENDER,
          description: 'Thu hồi',
          timestampMs: Date.now(),
        },
      }),
      msgId('recall'),
    );
    const d2 = await deadLetter(
      SENDER_HOME,
      (x) => x.reason === R.FAILURE_REASON_UNKNOWN_DOCUMENT && x.documentId === neverSent,
    );
    expect(d2.detail).toBe(`no document ${neverSent} sent by ${SENDER} is known at ${SENDER_HOME}`);
    const notice = await rejection(
      SENDER,
      (r) => r.failure === R.FAILURE_REASON_UNKNOWN_DOCUMENT && r.documentId === neverSent,
    );
    expect(notice.failureDetail).toBe(d2.detail);
    await stillServes();
  });

  it('WRONG_HOME_NODE: an agency submits on another node’s submit subject', async () => {
    const id = docId(SENDER);
    const other = 'h41-yenthanh-xa2';
    const tracker = await sender.track(id);
    try {
      await inspect.submitRaw(SENDER, encodeEnvelope(envelope(id)), msgId('wrong-home'), other);
      const d = await deadLetter(
        other,
        (x) => x.reason === R.FAILURE_REASON_WRONG_HOME_NODE && x.documentId === id,
      );
      expect(d.detail).toBe(`agency ${SENDER} belongs to node ${SENDER_HOME}, not ${other}`);
      expect(d.subject).toBe(submitSubject('commune', other, SENDER));
      // The sender hears of it where it listens: the track subject at its own home node.
      const notice = await rejection(
        SENDER,
        (r) => r.failure === R.FAILURE_REASON_WRONG_HOME_NODE && r.documentId === id,
      );
      expect(notice.failureDetail).toBe(d.detail);
      expect(notice.timeline[0]?.node).toBe(other);
      const seen = await waitFor('the tracker shows the rejection', () => tracker.rejection ?? false);
      expect(seen.failure).toBe(R.FAILURE_REASON_WRONG_HOME_NODE);
    } finally {
      await tracker.stop();
    }
    expect(governmentInbox.counts().get(id)).toBeUndefined();
    await stillServes();
  });

  it('UNKNOWN_SENDER: an agency that is not in the directory submits', async () => {
    const stranger = '000.09.43.H41';
    const id = docId(stranger);
    const env = { ...envelope(id), originAgency: stranger };
    env.document = { ...env.document!, from: { code: stranger } };
    await inspect.submitRaw(stranger, encodeEnvelope(env), msgId('unknown-sender'), SENDER_HOME);
    const d = await deadLetter(
      SENDER_HOME,
      (x) => x.reason === R.FAILURE_REASON_UNKNOWN_SENDER && x.documentId === id,
    );
    expect(d.detail).toBe(`agency ${stranger} is not in the directory`);
    expect(governmentInbox.counts().get(id)).toBeUndefined();
    await stillServes();
  });
});
