/**
 * edXML signatures judged at the sender's home node, end to end through the gateway: a package
 * signed by a test CA (keys generated here) reaches the recipient as `valid` with its signer; a
 * byte changed after signing is flagged `invalid_digest` (accept policy) or refused with a FAILED
 * notice and a dead letter (refuse policy); a signer revoked in the node's CRL is refused under the
 * refuse policy; a package stored as content (over the inline limit) is judged from the store.
 */
import 'reflect-metadata';
import { createHash, randomBytes } from 'node:crypto';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect as natsConnect } from '@nats-io/transport-node';
import { decodeDeadLetter } from '@lienthong/core';
import { renderEdocBytes, signEdxml } from '@lienthong/edxml';
import { Document, FailureReason } from '@lienthong/proto';
import type { DeadLetter, IAttachment } from '@lienthong/proto';
import { makeCa, makeCrl, makeSigner } from '../../edxml/test/pki';
import type { Identity } from '../../edxml/test/pki';
import { Caller, startGatewayNode } from './harness';
import type { GatewayNode } from './harness';

const ACCEPTING = '000.00.00.H41'; // the node's default policy: accept and flag
const REFUSED = '000.00.00.H14'; // the node refuses anything but `valid` from this sender
const RECIPIENT = '000.00.00.G22';
const SDK_RECIPIENT = '000.00.00.G17'; // reads with the SDK (the gateway reads G22's inbox)
const RUN = Date.now().toString(36);
let serial = 0;

function pkgOf(
  from: string,
  extra: IAttachment[] = [],
  to = RECIPIENT,
): { documentId: string; bytes: Promise<Uint8Array> } {
  const n = `${RUN}${++serial}`;
  const documentId = `${from},2026/12/02,${n}/KTCK`;
  const doc = Document.create({
    documentId,
    from: { code: from, name: 'Cơ quan gửi' },
    to: [{ code: to, name: 'Cơ quan nhận' }],
    codeNumber: n,
    codeNotation: 'KTCK',
    promulgationDate: '2026-12-02',
    documentType: { type: 1, typeName: 'Công văn' },
    subject: 'Kiem tra chu ky so ABC',
    attachments: [
      {
        name: 'a.txt',
        mediaType: 'text/plain',
        size: 11,
        sha256: createHash('sha256').update('hello world').digest(),
        inline: Buffer.from('hello world'),
      },
      ...extra,
    ],
  });
  return { documentId, bytes: renderEdocBytes(doc) };
}

/** The same bytes with the subject's `ABC` made `ABD`: one byte of signed content changed. */
function tamper(b: Uint8Array): Uint8Array {
  const s = Buffer.from(b);
  const at = s.indexOf('chu ky so ABC');
  expect(at).toBeGreaterThan(0);
  const out = Buffer.from(s);
  out[at + 'chu ky so AB'.length] = 'D'.charCodeAt(0);
  return out;
}

describe('edXML signatures at intake, through the gateway', () => {
  let gw: GatewayNode;
  let ca: Identity;
  let signer: Identity;
  let revoked: Identity;
  let recipient: Caller;

  const sign = (b: Uint8Array, who: Identity = signer): Uint8Array =>
    signEdxml(b, { privateKey: who.keyPem, certificates: [who.pem] });

  const deadLetters = async (): Promise<DeadLetter[]> => {
    const nc = await natsConnect({ servers: gw.server.url });
    try {
      const jsm = await jetstreamManager(nc);
      const info = await jsm.streams.info('LT_DEAD');
      const out: DeadLetter[] = [];
      for (let seq = info.state.first_seq; seq <= info.state.last_seq && info.state.messages > 0; seq++) {
        const m = await jsm.streams.getMessage('LT_DEAD', { seq }).catch(() => undefined);
        if (m) out.push(decodeDeadLetter(m.data));
      }
      return out;
    } finally {
      await nc.close();
    }
  };

  beforeAll(async () => {
    ca = await makeCa('CN=Lienthong Gateway Test CA, O=lienthong test, C=VN');
    signer = await makeSigner(ca, 'CN=Nguyễn Văn A, 0.9.2342.19200300.100.1.1=CMND:012345678, C=VN');
    revoked = await makeSigner(ca, 'CN=Lê Văn Thu Hồi, C=VN');
    const crl = await makeCrl(ca, [[revoked, new Date('2020-06-01T00:00:00Z')]]);
    gw = await startGatewayNode({
      node: {
        edxmlSignatures: { trustAnchors: [ca.pem], crls: [crl], senders: { [REFUSED]: 'refuse' } },
      },
    });
    recipient = new Caller(gw.url, RECIPIENT);
  }, 60_000);
  afterAll(async () => {
    await gw?.stop();
  });

  it('valid: the recipient sees the verdict, the signer and which time was used; so does the sender', async () => {
    const p = pkgOf(ACCEPTING);
    const signed = sign(await p.bytes);
    const r = await new Caller(gw.url, ACCEPTING).post(signed);
    expect(r.status).toBe(202);
    const item = await recipient.waitForItem(p.documentId);
    expect(item).toMatchObject({ original: true, edxmlSignature: 'valid' });
    const got = await recipient.get(`/edocs/${item.id}`);
    expect(got.headers.get('x-lienthong-edxml-signature')).toBe('valid');
    expect(Buffer.from(await got.arrayBuffer()).equals(Buffer.from(signed))).toBe(true);
    const s = await recipient.get(`/edocs/${item.id}/signature`);
    expect(s.status).toBe(200);
    expect(await s.json()).toMatchObject({
      id: item.id,
      documentId: p.documentId,
      from: ACCEPTING,
      original: true,
      signature: {
        verdict: 'valid',
        signer: {
          commonName: 'Nguyễn Văn A',
          identityNumber: 'CMND:012345678',
          issuer: ca.cert.subject,
          serialNumber: signer.cert.serialNumber,
          notBefore: '2016-01-01T00:00:00.000Z',
          notAfter: '2036-01-01T00:00:00.000Z',
        },
        checkedAtSource: 'promulgation_date',
        checkedAt: '2026-12-02T05:00:00.000Z',
        chain: [signer.cert.subject, ca.cert.subject],
        node: 'h41',
        policy: 'accept',
      },
    });
    const sent = await new Caller(gw.url, ACCEPTING).sent(p.documentId);
    expect(sent[0]).toMatchObject({ recipient: RECIPIENT, edxmlSignature: 'valid' });
  }, 30_000);

  it('tampered under the accept policy: delivered, flagged invalid_digest', async () => {
    const p = pkgOf(ACCEPTING);
    const r = await new Caller(gw.url, ACCEPTING).post(tamper(sign(await p.bytes)));
    expect(r.status).toBe(202);
    const item = await recipient.waitForItem(p.documentId);
    expect(item.edxmlSignature).toBe('invalid_digest');
    const s = (await (await recipient.get(`/edocs/${item.id}/signature`)).json()) as {
      signature: { verdict: string; reason: string };
    };
    expect(s.signature.reason).toMatch(/changed after signing/);
  }, 30_000);

  it('tampered under the refuse policy: FAILED for the sender naming the verdict, a dead letter, nothing delivered', async () => {
    const p = pkgOf(REFUSED);
    const sdk = await gw.sdk(REFUSED);
    const tracker = await sdk.track(p.documentId);
    const r = await new Caller(gw.url, REFUSED).post(tamper(sign(await p.bytes)));
    expect(r.status).toBe(202);
    await tracker.until((_records, t) => t.rejection !== undefined, { timeoutMs: 15_000 });
    const rejection = tracker.rejection!;
    expect(rejection.failure).toBe(FailureReason.FAILURE_REASON_EDXML_SIGNATURE);
    expect(rejection.failureDetail).toMatch(/^edXML signature invalid_digest: /);
    expect(rejection.edxmlSignature?.verdict).toBe('invalid_digest');
    await tracker.stop();
    const dead = (await deadLetters()).filter((d) => d.documentId === p.documentId);
    expect(dead).toHaveLength(1);
    expect(dead[0]!.reason).toBe(FailureReason.FAILURE_REASON_EDXML_SIGNATURE);
    // A valid package from the same sender passes; the refused one never reached the recipient.
    const ok = pkgOf(REFUSED);
    await new Caller(gw.url, REFUSED).post(sign(await ok.bytes));
    expect((await recipient.waitForItem(ok.documentId)).edxmlSignature).toBe('valid');
    expect((await recipient.received()).some((i) => i.documentId === p.documentId)).toBe(false);
  }, 30_000);

  it('revoked in the CRL before signing: refused under the refuse policy (untrusted_chain), flagged under accept', async () => {
    const p = pkgOf(REFUSED);
    const sdk = await gw.sdk(REFUSED);
    const tracker = await sdk.track(p.documentId);
    await new Caller(gw.url, REFUSED).post(sign(await p.bytes, revoked));
    await tracker.until((_records, t) => t.rejection !== undefined, { timeoutMs: 15_000 });
    const v = tracker.rejection!.edxmlSignature!;
    expect(v.verdict).toBe('untrusted_chain');
    expect(v.revocation).toMatchObject({ beforeSigning: true, serialNumber: revoked.cert.serialNumber });
    expect(tracker.rejection!.failureDetail).toMatch(/revoked on 2020-06-01/);
    await tracker.stop();
    const q = pkgOf(ACCEPTING);
    await new Caller(gw.url, ACCEPTING).post(sign(await q.bytes, revoked));
    expect((await recipient.waitForItem(q.documentId)).edxmlSignature).toBe('untrusted_chain');
  }, 30_000);

  it('a package stored as content (over the inline limit and 1 MiB) is judged from the content store', async () => {
    // Over 1 MiB: read from the store twice (the skeleton, then the attachment's digest).
    const big = randomBytes(1200 * 1024);
    const p = pkgOf(ACCEPTING, [
      {
        name: 'big.bin',
        mediaType: 'application/octet-stream',
        size: big.length,
        sha256: createHash('sha256').update(big).digest(),
        inline: big,
      },
    ]);
    const signed = sign(await p.bytes);
    expect(signed.length).toBeGreaterThan(1536 * 1024);
    await new Caller(gw.url, ACCEPTING).post(signed);
    const item = await recipient.waitForItem(p.documentId);
    expect(item.edxmlSignature).toBe('valid');
    const tampered = pkgOf(ACCEPTING, [
      {
        name: 'big.bin',
        mediaType: 'application/octet-stream',
        size: big.length,
        sha256: createHash('sha256').update(big).digest(),
        inline: big,
      },
    ]);
    await new Caller(gw.url, ACCEPTING).post(tamper(sign(await tampered.bytes)));
    expect((await recipient.waitForItem(tampered.documentId)).edxmlSignature).toBe('invalid_digest');
  }, 60_000);

  it('an SDK document carrying a signed edXML original: judged the same way, seen on the inbox item', async () => {
    const p = pkgOf(ACCEPTING, [], SDK_RECIPIENT);
    const signed = sign(await p.bytes);
    const sender = await gw.sdk(ACCEPTING);
    const reader = await gw.sdk(SDK_RECIPIENT);
    const sha256Hex = createHash('sha256').update(signed).digest('hex');
    await sender.send(
      {
        documentId: p.documentId,
        subject: 'Kiem tra chu ky so ABC',
        to: [{ code: SDK_RECIPIENT }],
        edxmlOriginal: { sha256Hex, size: signed.length },
      },
      { attachments: [{ name: 'edxml.xml', mediaType: 'application/xml', data: signed }] },
    );
    const inbox = reader.inbox();
    try {
      for await (const item of inbox) {
        await item.ack();
        if (item.documentId !== p.documentId) continue;
        expect(item.edxmlSignature).toMatchObject({
          verdict: 'valid',
          signer: { commonName: 'Nguyễn Văn A', identityNumber: 'CMND:012345678' },
          checkedAtSource: 'promulgation_date',
        });
        break;
      }
    } finally {
      await inbox.stop();
    }
  }, 30_000);

  it('an SDK document whose edxml_original names no attachment is refused as malformed', async () => {
    const documentId = `${ACCEPTING},2026/12/02,${RUN}x/KTCK`;
    const sender = await gw.sdk(ACCEPTING);
    const tracker = await sender.track(documentId);
    await sender.send({
      documentId,
      subject: 'x',
      to: [{ code: RECIPIENT }],
      edxmlOriginal: { sha256Hex: 'ab'.repeat(32), size: 10 },
    });
    await tracker.until((_r, t) => t.rejection !== undefined, { timeoutMs: 15_000 });
    expect(tracker.rejection!.failure).toBe(FailureReason.FAILURE_REASON_MALFORMED);
    expect(tracker.rejection!.failureDetail).toMatch(
      /edXML original .* is not among the document's attachments/,
    );
    await tracker.stop();
  }, 30_000);

  it('an unsigned package is carried as `unsigned`', async () => {
    const p = pkgOf(ACCEPTING);
    await new Caller(gw.url, ACCEPTING).post(await p.bytes);
    expect((await recipient.waitForItem(p.documentId)).edxmlSignature).toBe('unsigned');
  }, 30_000);
});
