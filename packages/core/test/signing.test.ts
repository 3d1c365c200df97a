import { createHash, createPrivateKey, generateKeyPairSync, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildReceiptProof,
  decodeEnvelope,
  documentSha256,
  encodeEnvelope,
  keyIdOf,
  parseCertificate,
  publicKeyRecord,
  signDocument,
  signStatus,
  verifyDocument,
  verifyReceiptProof,
  verifyStatus,
} from '@lienthong/core';
import { canonicalDocument } from '@lienthong/core/internal';
import type { SigningKey } from '@lienthong/core';
import {
  BusinessStatus,
  Document,
  EnvelopeKind,
  FailureReason,
  SCHEMA_VERSION,
  SignatureAlgorithm,
} from '@lienthong/proto';
import type { IDocument, IPublicKey } from '@lienthong/proto';

const R = FailureReason;
const pki = (name: string): string => readFileSync(join(__dirname, 'fixtures/pki', name), 'utf8');

// RFC 8032 §7.1, TEST 1.
const RFC8032_SECRET = '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60';
const RFC8032_PUBLIC = 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a';
const RFC8032_SIG =
  'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b';
const rfcKey = createPrivateKey({
  key: Buffer.concat([
    Buffer.from('302e020100300506032b657004220420', 'hex'),
    Buffer.from(RFC8032_SECRET, 'hex'),
  ]),
  format: 'der',
  type: 'pkcs8',
});

const T0 = Date.UTC(2026, 0, 5, 2, 0, 0);
const doc: IDocument = {
  documentId: '000.00.01.H41,2026/01/05,12/UBND-VP',
  from: { code: '000.00.01.H41', name: 'Sở Nội vụ' },
  to: [{ code: '000.00.00.G22' }],
  codeNumber: '12',
  codeNotation: 'UBND-VP',
  subject: 'Về việc tổ chức hội nghị',
  attachments: [
    {
      name: 'qd.pdf',
      mediaType: 'application/pdf',
      size: 4,
      sha256: createHash('sha256').update('%PDF').digest(),
      inline: Buffer.from('%PDF'),
    },
  ],
};

function envelopeBytes(document: IDocument): Uint8Array {
  return encodeEnvelope({
    schemaVersion: SCHEMA_VERSION,
    envelopeId: 'e1',
    kind: EnvelopeKind.ENVELOPE_KIND_DOCUMENT,
    documentId: doc.documentId!,
    originAgency: '000.00.01.H41',
    originNode: 'h41',
    recipients: ['000.00.00.G22'],
    document,
  });
}

function keyPair(kind: 'ed25519' | 'p256'): { signing: SigningKey; record: IPublicKey } {
  const { privateKey, publicKey } =
    kind === 'ed25519' ? generateKeyPairSync('ed25519') : generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { signing: { privateKey }, record: publicKeyRecord({ publicKey }) };
}

describe('signatures', () => {
  it('uses Ed25519 as RFC 8032 defines it, and reads a raw 32-byte public key', () => {
    expect(Buffer.from(sign(null, Buffer.alloc(0), rfcKey)).toString('hex')).toBe(RFC8032_SIG);
    const record = publicKeyRecord({ publicKey: Buffer.from(RFC8032_PUBLIC, 'hex') });
    expect(record.algorithm).toBe(SignatureAlgorithm.SIGNATURE_ALGORITHM_ED25519);
    expect(Buffer.from(record.publicKey!).toString('hex')).toBe(RFC8032_PUBLIC);
    // The key id is the SHA-256 of the SubjectPublicKeyInfo DER.
    const spki = Buffer.concat([
      Buffer.from('302a300506032b6570032100', 'hex'),
      Buffer.from(RFC8032_PUBLIC, 'hex'),
    ]);
    expect(record.keyId).toBe(createHash('sha256').update(spki).digest('hex'));
  });

  it('signs a fixed document to a fixed value (test vector)', () => {
    const signed = signDocument(doc, { privateKey: rfcKey }, T0);
    expect(Buffer.from(documentSha256(doc)).toString('hex')).toBe(
      'f3e5f65022370a912e299da4895727eb999f496ceeac95c6afbbe6f7515ea004',
    );
    // Ed25519 is deterministic: this value changes only if the signed bytes change (a breaking change).
    expect(Buffer.from(signed.signature!.value!).toString('hex')).toBe(
      '4b8f99efbb94af48cdbd6daf436b07d6fcbfa2db36c7d05d4be8c87177ed82a150b8dbe99706e189699f22b451f931b0f48fb260a02c3fcd8d45ca333bc7e304',
    );
  });

  it.each(['ed25519', 'p256'] as const)('%s: verifies, and refuses any change to the content', (kind) => {
    const { signing, record } = keyPair(kind);
    const signed = signDocument(doc, signing, T0);
    expect(verifyDocument(signed, [record], { nowMs: T0 })).toEqual({
      ok: true,
      keyId: record.keyId,
      signedAtMs: T0,
    });
    const tampered: IDocument[] = [
      { ...signed, subject: 'Về việc khác' },
      { ...signed, to: [{ code: '000.00.00.G22' }, { code: '000.00.00.H41' }] },
      { ...signed, attachments: [{ ...doc.attachments![0], inline: Buffer.from('%PDX') }] },
      { ...signed, signature: { ...signed.signature, signedAtMs: T0 + 1 } },
    ];
    for (const t of tampered) {
      expect(verifyDocument(t, [record], { nowMs: T0 })).toMatchObject({
        ok: false,
        reason: R.FAILURE_REASON_BAD_SIGNATURE,
      });
    }
  });

  it('survives relaying: decoding and re-encoding the envelope with new hops and recipients', () => {
    const { signing, record } = keyPair('p256');
    const signed = signDocument(doc, signing, T0);
    let bytes = envelopeBytes(signed);
    for (const node of ['h41', 'vn']) {
      const env = decodeEnvelope(bytes);
      bytes = encodeEnvelope({ ...env, hops: [...env.hops, { node, inMs: 1, outMs: 2 }], hopLimit: 3 });
    }
    const arrived = decodeEnvelope(bytes).document!;
    expect(verifyDocument(arrived, [record], { nowMs: T0 }).ok).toBe(true);
    expect(canonicalDocument(arrived)).toEqual(canonicalDocument(doc));
  });

  it('covers only fields the verifier knows: a field newer than the node is dropped on the way (documented)', () => {
    const { signing } = keyPair('ed25519');
    // Field 99, a string: what a newer schema could add. Nodes decode with unknown fields discarded.
    const newer = Buffer.concat([
      Buffer.from(Document.encode(doc).finish()),
      Buffer.from([0x9a, 0x06, 0x02, 0x68, 0x69]),
    ]);
    const signature = signDocument(doc, signing, T0).signature!;
    const { value } = signDocument(Document.decode(newer), signing, T0).signature!;
    expect(Buffer.from(value!)).toEqual(Buffer.from(signature.value!));
  });

  it('refuses a missing signature, an unknown key and a wrong algorithm', () => {
    const { signing, record } = keyPair('ed25519');
    const other = keyPair('ed25519');
    expect(verifyDocument(doc, [record])).toMatchObject({
      ok: false,
      reason: R.FAILURE_REASON_MISSING_SIGNATURE,
    });
    expect(verifyDocument(signDocument(doc, other.signing, T0), [record], { nowMs: T0 })).toMatchObject({
      ok: false,
      reason: R.FAILURE_REASON_KEY_NOT_VALID,
    });
    // A forged signature that names a registered key id.
    const forged = signDocument(doc, { ...other.signing, keyId: record.keyId! }, T0);
    expect(verifyDocument(forged, [record], { nowMs: T0 })).toMatchObject({
      ok: false,
      reason: R.FAILURE_REASON_BAD_SIGNATURE,
    });
    const signed = signDocument(doc, signing, T0);
    const wrongAlg = {
      ...signed,
      signature: { ...signed.signature, algorithm: SignatureAlgorithm.SIGNATURE_ALGORITHM_ECDSA_P256_SHA256 },
    };
    expect(verifyDocument(wrongAlg, [record], { nowMs: T0 })).toMatchObject({
      ok: false,
      reason: R.FAILURE_REASON_BAD_SIGNATURE,
    });
  });

  it('rotation: an old key keeps verifying what it signed while valid; revoked and expired keys do not', () => {
    const old = keyPair('ed25519');
    const next = keyPair('p256');
    const HOUR = 3600_000;
    const keys = [
      { ...old.record, notAfterMs: T0 + HOUR, revokedAtMs: T0 + 2 * HOUR },
      { ...next.record, notBeforeMs: T0 + HOUR },
    ];
    const later = { nowMs: T0 + 100 * HOUR };
    expect(verifyDocument(signDocument(doc, old.signing, T0), keys, later).ok).toBe(true);
    expect(verifyDocument(signDocument(doc, next.signing, T0 + HOUR), keys, later).ok).toBe(true);
    expect(verifyDocument(signDocument(doc, old.signing, T0 + HOUR), keys, later)).toMatchObject({
      ok: false,
      reason: R.FAILURE_REASON_KEY_NOT_VALID,
      detail: expect.stringContaining('expired'),
    });
    expect(verifyDocument(signDocument(doc, old.signing, T0 + 3 * HOUR), keys, later)).toMatchObject({
      ok: false,
      reason: R.FAILURE_REASON_KEY_NOT_VALID,
      detail: expect.stringContaining('revoked'),
    });
    expect(verifyDocument(signDocument(doc, next.signing, T0), keys, later)).toMatchObject({
      ok: false,
      detail: expect.stringContaining('not valid before'),
    });
  });

  it('freshness: refuses signatures older than the horizon or from the future', () => {
    const { signing, record } = keyPair('ed25519');
    const signed = signDocument(doc, signing, T0);
    expect(verifyDocument(signed, [record], { nowMs: T0 + 60_000, maxAgeMs: 120_000 }).ok).toBe(true);
    expect(verifyDocument(signed, [record], { nowMs: T0 + 600_000, maxAgeMs: 120_000 })).toMatchObject({
      ok: false,
      reason: R.FAILURE_REASON_STALE_SIGNATURE,
    });
    expect(verifyDocument(signed, [record], { nowMs: T0 - 3600_000 })).toMatchObject({
      ok: false,
      reason: R.FAILURE_REASON_STALE_SIGNATURE,
    });
  });

  it('X.509: a registered certificate verifies, within its validity and under a trusted root only', () => {
    const record = publicKeyRecord({ certificate: pki('agency.pem') });
    const cert = parseCertificate(pki('agency.pem'));
    expect(record.keyId).toBe(keyIdOf(cert.publicKey));
    expect(record.notBeforeMs).toBe(Date.parse(cert.validFrom));
    const signing: SigningKey = { privateKey: pki('agency.key.pem'), certificate: pki('agency.pem') };
    const now = Date.now();
    const signed = signDocument(doc, signing, now);
    expect(Buffer.from(signed.signature!.certificate!)).toEqual(cert.raw);
    const ca = parseCertificate(pki('ca.pem'));
    const other = parseCertificate(pki('other-ca.pem'));
    expect(verifyDocument(signed, [record], { nowMs: now, trustAnchors: [ca] }).ok).toBe(true);
    expect(verifyDocument(signed, [record], { nowMs: now, trustAnchors: [other] })).toMatchObject({
      ok: false,
      reason: R.FAILURE_REASON_KEY_NOT_VALID,
      detail: expect.stringContaining('not issued by a trusted authority'),
    });
    // Signed before the certificate existed (a back-dated signature).
    const early = signDocument(doc, signing, Date.parse(cert.validFrom) - 86_400_000);
    expect(verifyDocument(early, [{ ...record, notBeforeMs: 0 }], { nowMs: now })).toMatchObject({
      ok: false,
      reason: R.FAILURE_REASON_KEY_NOT_VALID,
    });
    expect(() =>
      publicKeyRecord({
        certificate: pki('agency.pem'),
        publicKey: generateKeyPairSync('ed25519').publicKey,
      }),
    ).toThrow(/not the certificate/);
    expect(() => publicKeyRecord({ certificate: 'not a certificate' })).toThrow(/not an X.509 certificate/);
  });

  it('status reports: signed, verified, and bound to the document hash', () => {
    const { signing, record } = keyPair('p256');
    const status = signStatus(
      {
        code: BusinessStatus.BUSINESS_STATUS_ARRIVED,
        responder: '000.00.00.G22',
        documentId: doc.documentId!,
        documentSender: '000.00.01.H41',
        timestampMs: T0,
        documentSha256: documentSha256(doc),
      },
      signing,
      T0,
    );
    expect(verifyStatus(status, [record], { nowMs: T0 }).ok).toBe(true);
    expect(verifyStatus({ ...status, responder: '000.00.00.H41' }, [record], { nowMs: T0 })).toMatchObject({
      ok: false,
      reason: R.FAILURE_REASON_BAD_SIGNATURE,
    });
    expect(verifyStatus({ ...status, documentSha256: new Uint8Array(32) }, [record], { nowMs: T0 }).ok).toBe(
      false,
    );
  });
});

describe('receipt proofs', () => {
  /** A proof as anyone can make it: a key of one's own and a status signed with it. */
  function proofSignedBy(key: { signing: SigningKey; record: IPublicKey }): unknown {
    const receipt = signStatus(
      {
        code: BusinessStatus.BUSINESS_STATUS_ARRIVED,
        responder: '000.00.00.G22',
        documentId: doc.documentId!,
        documentSender: '000.00.01.H41',
        timestampMs: T0,
        documentSha256: documentSha256(doc),
      },
      key.signing,
      T0,
    );
    const record = {
      documentId: doc.documentId!,
      sender: '000.00.01.H41',
      recipient: '000.00.00.G22',
      timeline: [{ atMs: T0, receipt }],
    };
    return JSON.parse(JSON.stringify(buildReceiptProof(record, [key.record], T0))) as unknown;
  }

  it('holds against the keys it carries only when nothing outside vouches for them', () => {
    const recipient = keyPair('p256');
    const forger = keyPair('ed25519');
    const forged = proofSignedBy(forger);
    expect(verifyReceiptProof(forged)).toMatchObject({ ok: true, anchored: false });
    // Against the recipient's keys as the verifier knows them, the forged proof fails…
    const checked = verifyReceiptProof(forged, { keys: [recipient.record] });
    expect(checked).toMatchObject({ ok: false, anchored: true });
    // …and a genuine one holds.
    expect(verifyReceiptProof(proofSignedBy(recipient), { keys: [recipient.record] })).toMatchObject({
      ok: true,
      anchored: true,
    });
  });

  it('with trust anchors, a bare public key (no certificate) does not hold', () => {
    const verdict = verifyReceiptProof(proofSignedBy(keyPair('ed25519')), {
      trustAnchors: [parseCertificate(pki('ca.pem'))],
    });
    expect(verdict.ok).toBe(false);
    expect(verdict.problems.join()).toMatch(/no certificate to check against the trust anchors/);
  });
});
