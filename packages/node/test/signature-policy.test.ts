import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateSigningKey, publicKeyRecord, signDocument } from '@lienthong/core';
import { Envelope, EnvelopeKind, FailureReason, SCHEMA_VERSION } from '@lienthong/proto';
import type { IDocument, IPublicKey } from '@lienthong/proto';
import { SignaturePolicy } from '@lienthong/node/internal';

const SENDER = '000.01.43.H41';
const pki = (name: string): string =>
  readFileSync(join(__dirname, '../../core/test/fixtures/pki', name), 'utf8');
const doc: IDocument = {
  documentId: `${SENDER},2026/11/22,1/X`,
  from: { code: SENDER },
  to: [{ code: '000.00.00.G22' }],
  subject: 'x',
};
const envelope = (document: IDocument): Envelope =>
  Envelope.create({
    schemaVersion: SCHEMA_VERSION,
    envelopeId: 'e',
    kind: EnvelopeKind.ENVELOPE_KIND_DOCUMENT,
    documentId: doc.documentId!,
    originAgency: SENDER,
    originNode: 'h41-yenthanh-xa1',
    recipients: ['000.00.00.G22'],
    document,
  });
const directory = (keys: IPublicKey[]) => ({ keysOf: (code: string) => (code === SENDER ? keys : []) });

describe('SignaturePolicy', () => {
  const key = generateSigningKey('p256');
  const record = publicKeyRecord({ publicKey: key.publicKey });
  const now = Date.now();

  it('lets unsigned documents of agencies without keys through, unless signatures are required', () => {
    expect(
      new SignaturePolicy(directory([]), { requireSignatures: false }).check(envelope(doc), now),
    ).toBeUndefined();
    expect(
      new SignaturePolicy(directory([]), { requireSignatures: true }).check(envelope(doc), now),
    ).toMatchObject({
      reason: FailureReason.FAILURE_REASON_MISSING_SIGNATURE,
      detail: expect.stringMatching(/requires signed documents/),
    });
    // Signed, but nothing to check it against.
    const signed = envelope(signDocument(doc, key, now));
    expect(
      new SignaturePolicy(directory([]), { requireSignatures: false }).check(signed, now),
    ).toBeUndefined();
    expect(new SignaturePolicy(directory([]), { requireSignatures: true }).check(signed, now)).toMatchObject({
      reason: FailureReason.FAILURE_REASON_KEY_NOT_VALID,
    });
  });

  it('verifies against the registered keys, at the time the stream stored the submission', () => {
    const policy = new SignaturePolicy(directory([record]), {
      requireSignatures: false,
      maxSignatureAgeMs: 60_000,
    });
    const signed = envelope(signDocument(doc, key, now));
    expect(policy.check(signed, now + 1000)).toBeUndefined();
    // Stored 2 minutes after signing: a held-back or replayed submission.
    expect(policy.check(signed, now + 120_000)).toMatchObject({
      reason: FailureReason.FAILURE_REASON_STALE_SIGNATURE,
    });
  });

  it('with trust anchors, refuses a registered certificate another authority issued', () => {
    const cert = publicKeyRecord({ certificate: pki('agency.pem') });
    const signed = envelope(signDocument(doc, { privateKey: pki('agency.key.pem') }, now));
    const trusting = (ca: string) =>
      new SignaturePolicy(directory([cert]), { requireSignatures: true, trustAnchors: [pki(ca)] });
    expect(trusting('ca.pem').check(signed, now)).toBeUndefined();
    expect(trusting('other-ca.pem').check(signed, now)).toMatchObject({
      reason: FailureReason.FAILURE_REASON_KEY_NOT_VALID,
      detail: expect.stringMatching(/not issued by a trusted authority/),
    });
    expect(
      () => new SignaturePolicy(directory([]), { requireSignatures: false, trustAnchors: ['junk'] }),
    ).toThrow(/not an X.509 certificate/);
  });
});
