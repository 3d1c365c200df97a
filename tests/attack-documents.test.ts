/**
 * Attacks on a running node, through its submit subject (what an agency's credentials allow): each
 * is refused with a specific reason, dead-lettered, told to the sender as FAILED, delivers nothing,
 * and a legitimate signed document sent right after still arrives exactly once. At the end the
 * signed receipts of the legitimate documents make a proof that verifies offline.
 */
import { generateKeyPairSync } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import { connect as natsConnect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/transport-node';
import { Kvm } from '@nats-io/kv';
import {
  BUCKETS,
  decodeDeadLetter,
  decodeTrackingRecord,
  directoryKeys,
  documentSha256,
  encodeEnvelope,
  inboxFilter,
  publicKeyRecord,
  signDocument,
  signStatus,
  submitSubject,
  trackSubject,
  verifyReceiptProof,
} from '@lienthong/core';
import type { SigningKey } from '@lienthong/core';
import { createLogger, loadTopologyFile, publishDirectory, startNode } from '@lienthong/node';
import type { RunningNode } from '@lienthong/node';
import {
  AgencyRecord,
  BusinessStatus,
  EnvelopeKind,
  FailureReason,
  SCHEMA_VERSION,
  TransportState,
} from '@lienthong/proto';
import type { DeadLetter, IDocument, IEnvelope, IPublicKey, IStatusReport } from '@lienthong/proto';
import { connect } from '@lienthong/sdk';
import type { LienthongClient } from '@lienthong/sdk';
import { startNatsServer, waitFor } from '@lienthong/testkit';
import type { NatsServer } from '@lienthong/testkit';
import { DEMO_TOPOLOGY_FILE } from './support';

jest.setTimeout(90_000);

const R = FailureReason;
const SENDER = '000.01.43.H41'; // commune h41-yenthanh-xa1
const SENDER_NODE = { level: 'commune' as const, id: 'h41-yenthanh-xa1' };
const RECIPIENT = '000.00.00.G22'; // centre vn
const OUTSIDER = '000.00.01.H41'; // province h41, not a recipient
const OUTSIDER_NODE = { level: 'province' as const, id: 'h41' };
const HOUR = 3600_000;
const MAX_SIGNATURE_AGE_MS = 5 * 60_000;
const MAX_ENVELOPE_BYTES = 64 * 1024;

type NodeAt = { readonly level: 'commune' | 'province'; readonly id: string };

interface Agent {
  signing: SigningKey;
  record: IPublicKey;
  privateKey: KeyObject;
}

function agent(kind: 'ed25519' | 'p256'): Agent {
  const { privateKey, publicKey } =
    kind === 'ed25519' ? generateKeyPairSync('ed25519') : generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { signing: { privateKey }, record: publicKeyRecord({ publicKey }), privateKey };
}

describe('attacks on a running node (signatures, replays, forged statuses, bad input)', () => {
  let server: NatsServer;
  let node: RunningNode;
  let nc: NatsConnection;
  let js: JetStreamClient;
  let jsm: JetStreamManager;
  let sender: LienthongClient;
  let recipient: LienthongClient;
  let outsider: LienthongClient;
  const senderKey = agent('ed25519');
  const recipientKey = agent('p256');
  const outsiderKey = agent('ed25519');
  const revokedKey = agent('ed25519');
  const expiredKey = agent('p256');
  const attacker = agent('ed25519');
  const legit: string[] = [];
  const logLines: string[] = [];
  const sent = new Map<string, IDocument>();
  let serial = 0;

  beforeAll(async () => {
    server = await startNatsServer();
    nc = await natsConnect({ servers: server.url });
    js = jetstream(nc);
    jsm = await jetstreamManager(nc);
    const topology = loadTopologyFile(DEMO_TOPOLOGY_FILE);
    // The directory with registered keys, before the node starts (it keeps existing entries).
    const kvm = new Kvm(js);
    await publishDirectory(kvm, topology);
    const directory = await kvm.open(BUCKETS.directory);
    const now = Date.now();
    const keys: Record<string, IPublicKey[]> = {
      [SENDER]: [
        { ...revokedKey.record, revokedAtMs: now - HOUR },
        { ...expiredKey.record, notBeforeMs: now - 48 * HOUR, notAfterMs: now - 24 * HOUR },
        senderKey.record,
      ],
      [RECIPIENT]: [recipientKey.record],
      [OUTSIDER]: [outsiderKey.record],
    };
    for (const a of topology.toProto().agencies ?? []) {
      if (keys[a.code!]) {
        await directory.put(
          directoryKeys.agency(a.code!),
          AgencyRecord.encode({ ...a, keys: keys[a.code!] }).finish(),
        );
      }
    }
    node = await startNode(
      {
        servers: server.url,
        topology,
        limits: { maxEnvelopeBytes: MAX_ENVELOPE_BYTES },
        security: { maxSignatureAgeMs: MAX_SIGNATURE_AGE_MS },
      },
      // The node's warnings are kept to check that every refusal is logged.
      {
        logger: createLogger({
          name: 'attack',
          level: 'warn',
          destination: { write: (line: string) => void logLines.push(line) },
        }),
      },
    );
    sender = await connect({ servers: server.url, agency: SENDER, signingKey: senderKey.signing });
    recipient = await connect({ servers: server.url, agency: RECIPIENT, signingKey: recipientKey.signing });
    outsider = await connect({ servers: server.url, agency: OUTSIDER, signingKey: outsiderKey.signing });
  });

  afterAll(async () => {
    await Promise.allSettled([sender?.close(), recipient?.close(), outsider?.close()]);
    await nc?.close();
    await node?.stop();
    await server?.cleanup();
  });

  const newDocument = (tag: string): IDocument => {
    const documentId = `${SENDER},2026/11/22,${++serial}/${tag}`;
    return {
      documentId,
      from: { code: SENDER },
      to: [{ code: RECIPIENT }],
      subject: `Kiểm thử ${tag}`,
      attachments: [{ name: 'a.pdf', mediaType: 'application/pdf', size: 4, inline: Buffer.from('%PDF') }],
    };
  };

  const documentEnvelope = (doc: IDocument): IEnvelope => ({
    schemaVersion: SCHEMA_VERSION,
    envelopeId: `attack-${serial}`,
    kind: EnvelopeKind.ENVELOPE_KIND_DOCUMENT,
    documentId: doc.documentId!,
    originAgency: SENDER,
    originNode: SENDER_NODE.id,
    recipients: [RECIPIENT],
    createdAtMs: Date.now(),
    document: doc,
  });

  const submit = async (bytes: Uint8Array, from = SENDER, at: NodeAt = SENDER_NODE): Promise<void> => {
    await js.publish(submitSubject(at.level, at.id, from), bytes, { msgID: `attack-${++serial}` });
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

  const inboxItems = async (): Promise<number> => {
    const info = await jsm.streams.info('LT_INBOX', {
      subjects_filter: inboxFilter('central', 'vn', RECIPIENT),
    });
    return Object.keys(info.state.subjects ?? {}).length;
  };

  const trackNotices = async (agency: string, at: NodeAt) => {
    const info = await jsm.streams.info('LT_TRACK', {
      subjects_filter: trackSubject(at.level, at.id, agency),
    });
    const out = [];
    for (let seq = info.state.first_seq; seq <= info.state.last_seq && info.state.messages > 0; seq++) {
      const m = await jsm.streams.getMessage('LT_TRACK', { seq }).catch(() => undefined);
      if (m && m.subject === trackSubject(at.level, at.id, agency)) out.push(decodeTrackingRecord(m.data));
    }
    return out;
  };

  /** The refusal of `documentId`: a dead letter with `reason` and a FAILED notice to the submitter. */
  const expectRefused = async (
    documentId: string,
    reason: FailureReason,
    detail: RegExp,
    notice: { agency: string; at: NodeAt } | null = {
      agency: SENDER,
      at: SENDER_NODE,
    },
  ): Promise<void> => {
    const dead = await waitFor(`dead letter ${FailureReason[reason]} for ${documentId}`, async () => {
      const found = (await deadLetters()).find((d) => d.documentId === documentId && d.reason === reason);
      return found ?? false;
    });
    expect(dead.detail).toMatch(detail);
    expect(dead.original.length).toBeGreaterThan(0);
    // Logged once the node has the stream's acknowledgement, which may come after the stream shows it.
    const logged = await waitFor(`the dead letter of ${documentId} logged`, async () => {
      const lines = logLines
        .map((l) => JSON.parse(l) as { documentId?: string; reason?: string; msg: string })
        .filter((l) => l.documentId === documentId && l.reason === FailureReason[reason]);
      return lines.some((l) => l.msg === 'dead letter') ? lines : false;
    });
    expect(logged.map((l) => l.msg)).toContain('dead letter');
    if (notice) {
      // The notice follows the dead letter (after the refused records are written): wait for it.
      const n = await waitFor(`FAILED notice ${FailureReason[reason]} for ${documentId}`, async () => {
        const found = (await trackNotices(notice.agency, notice.at)).find(
          (r) => r.documentId === documentId && r.failure === reason,
        );
        return found ?? false;
      });
      expect(n).toMatchObject({ transport: TransportState.TRANSPORT_STATE_FAILED, failure: reason });
    }
  };

  /** The legitimate signed document after each attack arrives, once; nothing else was delivered. */
  const expectStillServing = async (): Promise<void> => {
    const doc = newDocument('legit');
    await sender.send(doc);
    legit.push(doc.documentId!);
    sent.set(doc.documentId!, doc);
    await waitFor('the legitimate document in the inbox', async () => (await inboxItems()) === legit.length);
    const [record] = await waitFor('tracking of the legitimate document', async () => {
      const records = await sender.snapshot(doc.documentId!);
      return records[0]?.transport === TransportState.TRANSPORT_STATE_DELIVERED ? records : false;
    });
    expect(record!.failure).toBe(R.FAILURE_REASON_UNSPECIFIED);
  };

  it('1. forged signature (another key, naming the registered key id) → BAD_SIGNATURE', async () => {
    const doc = newDocument('forged');
    const forged = signDocument(doc, { ...attacker.signing, keyId: senderKey.record.keyId! });
    await submit(encodeEnvelope(documentEnvelope(forged)));
    await expectRefused(doc.documentId!, R.FAILURE_REASON_BAD_SIGNATURE, /does not match the content/);
    await expectStillServing();
  });

  it('2. missing signature from an agency with registered keys → MISSING_SIGNATURE', async () => {
    const doc = newDocument('unsigned');
    await submit(encodeEnvelope(documentEnvelope(doc)));
    await expectRefused(
      doc.documentId!,
      R.FAILURE_REASON_MISSING_SIGNATURE,
      /has registered keys and must sign/,
    );
    await expectStillServing();
  });

  it('3. signed with a revoked key → KEY_NOT_VALID', async () => {
    const doc = newDocument('revoked');
    await submit(encodeEnvelope(documentEnvelope(signDocument(doc, revokedKey.signing))));
    await expectRefused(doc.documentId!, R.FAILURE_REASON_KEY_NOT_VALID, /revoked at/);
    await expectStillServing();
  });

  it('4. signed with an expired key → KEY_NOT_VALID', async () => {
    const doc = newDocument('expired');
    await submit(encodeEnvelope(documentEnvelope(signDocument(doc, expiredKey.signing))));
    await expectRefused(doc.documentId!, R.FAILURE_REASON_KEY_NOT_VALID, /expired at/);
    await expectStillServing();
  });

  it('5. tampered inline attachment after signing → BAD_SIGNATURE', async () => {
    const doc = signDocument(newDocument('tampered'), senderKey.signing);
    const tampered = { ...doc, attachments: [{ ...doc.attachments[0], inline: Buffer.from('%PDX') }] };
    await submit(encodeEnvelope(documentEnvelope(tampered)));
    await expectRefused(doc.documentId, R.FAILURE_REASON_BAD_SIGNATURE, /does not match the content/);
    await expectStillServing();
  });

  it('6. replayed old envelope: beyond the signature horizon → STALE_SIGNATURE; within it → delivered once', async () => {
    const old = newDocument('replayed');
    const captured = encodeEnvelope(
      documentEnvelope(signDocument(old, senderKey.signing, Date.now() - 2 * MAX_SIGNATURE_AGE_MS)),
    );
    await submit(captured);
    await expectRefused(old.documentId!, R.FAILURE_REASON_STALE_SIGNATURE, /replayed or held-back/);
    // An envelope delivered a moment ago, replayed byte for byte: the inbox already holds it.
    const before = await inboxItems();
    const doc = newDocument('twice');
    const twice = encodeEnvelope(documentEnvelope(signDocument(doc, senderKey.signing)));
    await submit(twice);
    await waitFor('the first copy delivered', async () => (await inboxItems()) === before + 1);
    legit.push(doc.documentId!);
    sent.set(doc.documentId!, doc);
    await submit(twice);
    await expectStillServing();
  });

  it('7. status report from an agency that is not a recipient → NOT_A_RECIPIENT, record unchanged', async () => {
    const documentId = legit[0]!;
    const status: IStatusReport = {
      code: BusinessStatus.BUSINESS_STATUS_COMPLETED,
      responder: OUTSIDER,
      documentId,
      documentSender: SENDER,
      timestampMs: Date.now(),
    };
    const env: IEnvelope = {
      schemaVersion: SCHEMA_VERSION,
      envelopeId: 'forged-status',
      kind: EnvelopeKind.ENVELOPE_KIND_STATUS,
      documentId,
      originAgency: OUTSIDER,
      originNode: OUTSIDER_NODE.id,
      recipients: [SENDER],
      createdAtMs: Date.now(),
      status: signStatus(status, outsiderKey.signing),
    };
    await submit(encodeEnvelope(env), OUTSIDER, OUTSIDER_NODE);
    await expectRefused(
      documentId,
      R.FAILURE_REASON_NOT_A_RECIPIENT,
      /did not send it to 000.00.01.H41/,
      null,
    );
    const [record] = await sender.snapshot(documentId);
    expect(record!.business).toBe(BusinessStatus.BUSINESS_STATUS_UNSPECIFIED);
    await expectStillServing();
  });

  it('8. status report claiming another responder → SENDER_MISMATCH; with a forged signature → BAD_SIGNATURE', async () => {
    const documentId = legit[0]!;
    const claim = (responder: string, key: SigningKey, tag: string): IEnvelope => ({
      schemaVersion: SCHEMA_VERSION,
      envelopeId: `claim-${tag}`,
      kind: EnvelopeKind.ENVELOPE_KIND_STATUS,
      documentId,
      originAgency: OUTSIDER,
      originNode: OUTSIDER_NODE.id,
      recipients: [SENDER],
      createdAtMs: Date.now(),
      status: signStatus(
        {
          code: BusinessStatus.BUSINESS_STATUS_COMPLETED,
          responder,
          documentId,
          documentSender: SENDER,
          timestampMs: Date.now(),
        },
        key,
      ),
    });
    await submit(encodeEnvelope(claim(RECIPIENT, outsiderKey.signing, 'other')), OUTSIDER, OUTSIDER_NODE);
    await expectRefused(documentId, R.FAILURE_REASON_SENDER_MISMATCH, /is not the submitting agency/, {
      agency: OUTSIDER,
      at: OUTSIDER_NODE,
    });
    // The outsider as itself, but with a signature made by another key under its key id.
    const forged = claim(OUTSIDER, { ...attacker.signing, keyId: outsiderKey.record.keyId! }, 'forged');
    await submit(encodeEnvelope(forged), OUTSIDER, OUTSIDER_NODE);
    await expectRefused(documentId, R.FAILURE_REASON_BAD_SIGNATURE, /status report of 000.00.01.H41/, {
      agency: OUTSIDER,
      at: OUTSIDER_NODE,
    });
    const [record] = await sender.snapshot(documentId);
    expect(record!.business).toBe(BusinessStatus.BUSINESS_STATUS_UNSPECIFIED);
    await expectStillServing();
  });

  it('9. oversized message → TOO_LARGE before parsing', async () => {
    const doc = newDocument('oversized');
    const big = {
      ...doc,
      attachments: [{ name: 'big.bin', inline: Buffer.alloc(MAX_ENVELOPE_BYTES + 1, 7) }],
    };
    await submit(encodeEnvelope(documentEnvelope(signDocument(big, senderKey.signing))));
    const dead = await waitFor(
      'TOO_LARGE dead letter',
      async () => (await deadLetters()).find((d) => d.reason === R.FAILURE_REASON_TOO_LARGE) ?? false,
    );
    expect(dead.detail).toMatch(/the limit is 65536/);
    // Too large to read: the sender is told without a document id.
    const notice = (await trackNotices(SENDER, SENDER_NODE)).find(
      (r) => r.failure === R.FAILURE_REASON_TOO_LARGE,
    );
    expect(notice?.transport).toBe(TransportState.TRANSPORT_STATE_FAILED);
    await expectStillServing();
  });

  it('10. deeply nested and pathological protobuf → MALFORMED, in bounded time', async () => {
    // 20,000 nested groups (field 50, start-group tag 0x93 0x03): each level would be a stack frame.
    const groups = Buffer.from('9303'.repeat(20_000), 'hex');
    // A length prefix far beyond the message.
    const lying = Buffer.from([0x62, 0xff, 0xff, 0xff, 0x7f, 0x01]);
    // 20,000 tiny fields this schema does not know (field 101): skipped without keeping them.
    const chatter = Buffer.from('a80601'.repeat(20_000), 'hex');
    const t0 = Date.now();
    for (const bytes of [groups, lying, chatter]) await submit(bytes);
    const find = async (bytes: Buffer) =>
      (await deadLetters()).find((d) => Buffer.from(d.original).equals(bytes)) ?? false;
    const [g, l, c] = [
      await waitFor('groups', () => find(groups)),
      await waitFor('lying', () => find(lying)),
      await waitFor('chatter', () => find(chatter)),
    ];
    expect(g).toMatchObject({
      reason: R.FAILURE_REASON_MALFORMED,
      detail: expect.stringMatching(/max depth exceeded/),
    });
    expect(l).toMatchObject({
      reason: R.FAILURE_REASON_MALFORMED,
      detail: expect.stringMatching(/index out of range/),
    });
    expect(c).toMatchObject({ reason: R.FAILURE_REASON_UNSUPPORTED_SCHEMA });
    expect(Date.now() - t0).toBeLessThan(15_000);
    await expectStillServing();
  });

  it('signed receipts: the recipient acknowledges, the sender exports a proof that verifies offline', async () => {
    const inbox = recipient.inbox();
    let acked = 0;
    const signatures = new Set<string>();
    for await (const item of inbox) {
      signatures.add(item.signature.state);
      await item.ack();
      if (++acked === legit.length) break;
    }
    await inbox.stop();
    expect([...signatures]).toEqual(['verified']);
    const documentId = legit[0]!;
    const proof = await waitFor('a signed 01 in the tracking record', async () =>
      sender.receiptProof(documentId, RECIPIENT).catch(() => false as const),
    );
    const json = JSON.parse(JSON.stringify(proof)) as unknown;
    const hash = Buffer.from(documentSha256(sent.get(documentId)!)).toString('hex');
    expect(verifyReceiptProof(json, { documentSha256: hash })).toMatchObject({ ok: true });
    const verdict = verifyReceiptProof(json);
    expect(verdict).toMatchObject({ ok: true, problems: [] });
    expect(verdict.receipts[0]).toMatchObject({ code: BusinessStatus.BUSINESS_STATUS_ARRIVED, ok: true });
    // A receipt altered after the fact (another status code) no longer verifies.
    const altered = JSON.parse(JSON.stringify(proof)) as { receipts: { statusReport: string }[] };
    const bytes = Buffer.from(altered.receipts[0]!.statusReport, 'base64');
    bytes[1] = BusinessStatus.BUSINESS_STATUS_COMPLETED;
    altered.receipts[0]!.statusReport = bytes.toString('base64');
    expect(verifyReceiptProof(altered)).toMatchObject({ ok: false });
    // Bound to the content: the hash of another document does not match.
    expect(
      verifyReceiptProof(json, {
        documentSha256: Buffer.from(documentSha256(newDocument('x'))).toString('hex'),
      }).ok,
    ).toBe(false);
  });
});
