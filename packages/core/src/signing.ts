/**
 * Signatures on documents and status reports, with node:crypto only (no I/O).
 *
 * What is signed: the protobuf encoding of the message, after a decode/encode round trip, whose
 * `signature` keeps only `algorithm`, `key_id` and `signed_at_ms` (`value` and `certificate`
 * cleared), so the signing time cannot be changed without breaking the signature. The content hash
 * a receipt names (`documentSha256`) is over the encoding with `signature` cleared entirely
 * (`canonicalDocument`, `canonicalStatus`). protobufjs writes known fields
 * in field-number order, omits proto3 defaults and keeps unknown fields (re-emitted after the known
 * ones), so a node that decodes and re-encodes an envelope on the way does not change these bytes.
 *
 * Algorithms: Ed25519 (RFC 8032), and ECDSA P-256 with SHA-256 whose signature is DER-encoded
 * (the form X.509 and CMS use). A key id is the lowercase hex SHA-256 of the key's
 * SubjectPublicKeyInfo (DER): the same fingerprint `openssl pkey -pubin -outform DER | sha256sum`
 * prints.
 */
import {
  X509Certificate,
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
} from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { Document, FailureReason, Signature, SignatureAlgorithm, StatusReport } from '@lienthong/proto';
import type { IDocument, IPublicKey, ISignature, IStatusReport } from '@lienthong/proto';
import { LienthongError } from './errors';
import { toMillis } from './millis';

/** A private key an agency signs with, and what identifies its public half. */
export interface SigningKey {
  /** Defaults to the fingerprint of the public key. */
  readonly keyId?: string;
  /** A KeyObject, or PEM text (PKCS#8 or SEC1). */
  readonly privateKey: KeyObject | string;
  /** The agency's X.509 certificate for this key, PEM or DER; carried in every signature. */
  readonly certificate?: string | Uint8Array;
}

/** What a verifier is told about an agency's keys and how strict to be. */
export interface VerifyOptions {
  /** Now, for freshness; default `Date.now()`. */
  readonly nowMs?: number;
  /** Refuse signatures made longer ago than this (replay horizon); default: no limit. */
  readonly maxAgeMs?: number;
  /** Refuse signatures dated further in the future than this; default 5 minutes. */
  readonly maxClockSkewMs?: number;
  /** When given, a registered certificate must be issued by one of these. */
  readonly trustAnchors?: readonly X509Certificate[];
}

export type Verification =
  | { readonly ok: true; readonly keyId: string; readonly signedAtMs: number }
  | { readonly ok: false; readonly reason: FailureReason; readonly detail: string };

const DEFAULT_SKEW_MS = 5 * 60 * 1000;
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/**
 * A new signing key pair as PEM (PKCS#8 private, SPKI public) with its key id: the private key goes
 * to the agency's `connect({ signingKey })`, the public one to `lienthong agency keys add`.
 */
export function generateSigningKey(algorithm: 'ed25519' | 'p256' = 'ed25519'): {
  keyId: string;
  privateKey: string;
  publicKey: string;
} {
  const { privateKey, publicKey } =
    algorithm === 'ed25519'
      ? generateKeyPairSync('ed25519')
      : generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return {
    keyId: keyIdOf(publicKey),
    privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

/** The canonical bytes of a document without its signature: what `documentSha256` hashes. */
export function canonicalDocument(doc: IDocument): Uint8Array {
  return Document.encode(roundTrip(Document, doc, undefined)).finish();
}

/** The canonical bytes of a status report without its signature. */
export function canonicalStatus(status: IStatusReport): Uint8Array {
  return StatusReport.encode(roundTrip(StatusReport, status, undefined)).finish();
}

/** The bytes a signature covers: the message with the signature's value and certificate cleared. */
export function signedBytes(kind: 'document' | 'status', msg: IDocument | IStatusReport): Uint8Array {
  const sig = msg.signature;
  const header: ISignature | undefined = sig
    ? { algorithm: sig.algorithm ?? 0, keyId: sig.keyId ?? '', signedAtMs: toMillis(sig.signedAtMs) }
    : undefined;
  return kind === 'document'
    ? Document.encode(roundTrip(Document, msg as IDocument, header)).finish()
    : StatusReport.encode(roundTrip(StatusReport, msg as IStatusReport, header)).finish();
}

interface Codec<T> {
  encode(m: T): { finish(): Uint8Array };
  decode(b: Uint8Array): T;
}

function roundTrip<T extends { signature?: ISignature | null }>(
  codec: Codec<T>,
  msg: T,
  signature: ISignature | undefined,
): T {
  const copy = codec.decode(codec.encode(msg).finish());
  delete copy.signature;
  if (signature) copy.signature = signature;
  return copy;
}

/** SHA-256 of a document's canonical bytes: what a receipt names. Inline attachments are inside. */
export function documentSha256(doc: IDocument): Uint8Array {
  return createHash('sha256').update(canonicalDocument(doc)).digest();
}

/** The fingerprint of a public key: lowercase hex SHA-256 of its SubjectPublicKeyInfo DER. */
export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex');
}

function algorithmOf(key: KeyObject): SignatureAlgorithm {
  if (key.asymmetricKeyType === 'ed25519') return SignatureAlgorithm.SIGNATURE_ALGORITHM_ED25519;
  if (key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1') {
    return SignatureAlgorithm.SIGNATURE_ALGORITHM_ECDSA_P256_SHA256;
  }
  throw new LienthongError(
    'InvalidArgument',
    `unsupported key type ${key.asymmetricKeyType ?? '?'}${key.asymmetricKeyDetails?.namedCurve ? ` (${key.asymmetricKeyDetails.namedCurve})` : ''}: use Ed25519 or ECDSA P-256`,
  );
}

/** Reads a PEM or DER certificate. */
export function parseCertificate(cert: string | Uint8Array): X509Certificate {
  try {
    return new X509Certificate(typeof cert === 'string' ? cert : Buffer.from(cert));
  } catch (e) {
    throw new LienthongError('InvalidArgument', `not an X.509 certificate: ${(e as Error).message}`, {
      cause: e,
    });
  }
}

function certificateDer(cert: string | Uint8Array): Uint8Array {
  return new Uint8Array(parseCertificate(cert).raw);
}

/**
 * The directory entry for a public key (PEM, DER SubjectPublicKeyInfo, raw Ed25519, or a KeyObject),
 * or for a certificate, whose validity becomes the key's window unless narrower bounds are given.
 */
export function publicKeyRecord(input: {
  readonly publicKey?: KeyObject | string | Uint8Array;
  readonly certificate?: string | Uint8Array;
  readonly notBeforeMs?: number;
  readonly notAfterMs?: number;
}): IPublicKey {
  let key: KeyObject;
  let certificate: Uint8Array | undefined;
  let notBeforeMs = input.notBeforeMs ?? 0;
  let notAfterMs = input.notAfterMs ?? 0;
  if (input.certificate !== undefined) {
    const cert = parseCertificate(input.certificate);
    key = cert.publicKey;
    certificate = new Uint8Array(cert.raw);
    notBeforeMs = Math.max(notBeforeMs, Date.parse(cert.validFrom));
    const certEnd = Date.parse(cert.validTo);
    notAfterMs = notAfterMs > 0 ? Math.min(notAfterMs, certEnd) : certEnd;
    if (input.publicKey !== undefined && keyIdOf(toPublicKey(input.publicKey)) !== keyIdOf(key)) {
      throw new LienthongError('InvalidArgument', 'the public key is not the certificate’s');
    }
  } else if (input.publicKey !== undefined) {
    key = toPublicKey(input.publicKey);
  } else {
    throw new LienthongError('InvalidArgument', 'a public key or a certificate is required');
  }
  const algorithm = algorithmOf(key);
  const spki = key.export({ type: 'spki', format: 'der' });
  return {
    keyId: keyIdOf(key),
    algorithm,
    publicKey: new Uint8Array(
      algorithm === SignatureAlgorithm.SIGNATURE_ALGORITHM_ED25519
        ? spki.subarray(ED25519_SPKI_PREFIX.length)
        : spki,
    ),
    ...(certificate ? { certificate } : {}),
    notBeforeMs,
    notAfterMs,
  };
}

function toPublicKey(input: KeyObject | string | Uint8Array): KeyObject {
  if (typeof input !== 'string' && !(input instanceof Uint8Array)) {
    return input.type === 'private' ? createPublicKey(input) : input;
  }
  try {
    if (typeof input === 'string') return createPublicKey(input);
    if (input.length === 32) {
      return createPublicKey({
        key: Buffer.concat([ED25519_SPKI_PREFIX, input]),
        format: 'der',
        type: 'spki',
      });
    }
    return createPublicKey({ key: Buffer.from(input), format: 'der', type: 'spki' });
  } catch (e) {
    throw new LienthongError('InvalidArgument', `not a public key: ${(e as Error).message}`, { cause: e });
  }
}

/** The KeyObject of a registered key; throws InvalidArgument for one that cannot be read. */
export function registeredKey(record: IPublicKey): KeyObject {
  let key = KEYS.get(record);
  if (!key) {
    key =
      record.certificate && record.certificate.length > 0
        ? certificateOf(record.certificate).publicKey
        : toPublicKey(record.publicKey ?? new Uint8Array());
    KEYS.set(record, key);
  }
  return key;
}

// Directory records are decoded once per change, so their parsed keys and certificates are cached
// by record: parsing costs more than verifying.
const KEYS = new WeakMap<IPublicKey, KeyObject>();
const CERTIFICATES = new WeakMap<Uint8Array, X509Certificate>();

function certificateOf(der: Uint8Array): X509Certificate {
  let cert = CERTIFICATES.get(der);
  if (!cert) {
    cert = parseCertificate(der);
    CERTIFICATES.set(der, cert);
  }
  return cert;
}

function privateKeyOf(k: SigningKey): KeyObject {
  if (typeof k.privateKey !== 'string') return k.privateKey;
  try {
    return createPrivateKey(k.privateKey);
  } catch (e) {
    throw new LienthongError('InvalidArgument', `not a private key: ${(e as Error).message}`, { cause: e });
  }
}

function signWith(bytesFor: (header: ISignature) => Uint8Array, key: SigningKey, atMs: number): ISignature {
  const priv = privateKeyOf(key);
  const pub = createPublicKey(priv);
  const algorithm = algorithmOf(pub);
  const keyId = key.keyId ?? keyIdOf(pub);
  const data = bytesFor({ algorithm, keyId, signedAtMs: atMs });
  const value =
    algorithm === SignatureAlgorithm.SIGNATURE_ALGORITHM_ED25519
      ? sign(null, data, priv)
      : sign('sha256', data, { key: priv, dsaEncoding: 'der' });
  return {
    algorithm,
    keyId,
    value: new Uint8Array(value),
    ...(key.certificate !== undefined ? { certificate: certificateDer(key.certificate) } : {}),
    signedAtMs: atMs,
  };
}

/** A copy of `doc` signed with `key` at `atMs`. */
export function signDocument(doc: IDocument, key: SigningKey, atMs: number = Date.now()): Document {
  // A decoded copy, not a spread: a spread would drop the fields this version does not know.
  const copy = Document.decode(Document.encode(doc).finish());
  copy.signature = Signature.create(
    signWith((sig) => signedBytes('document', withSignature(copy, sig)), key, atMs),
  );
  return copy;
}

function withSignature<T extends IDocument | IStatusReport>(msg: T, signature: ISignature): T {
  const copy = Object.create(Object.getPrototypeOf(msg) as object) as T;
  for (const k of Reflect.ownKeys(msg)) {
    Object.defineProperty(copy, k, Object.getOwnPropertyDescriptor(msg, k)!);
  }
  copy.signature = signature;
  return copy;
}

/** A copy of `status` signed with `key` at `atMs`. */
export function signStatus(status: IStatusReport, key: SigningKey, atMs: number = Date.now()): StatusReport {
  const copy = StatusReport.decode(StatusReport.encode(status).finish());
  copy.signature = Signature.create(
    signWith((sig) => signedBytes('status', withSignature(copy, sig)), key, atMs),
  );
  return copy;
}

/**
 * Checks a document's signature against the agency's registered keys. An absent signature is
 * MISSING_SIGNATURE; the caller decides whether that is acceptable.
 */
export function verifyDocument(
  doc: IDocument,
  keys: readonly IPublicKey[],
  opts: VerifyOptions = {},
): Verification {
  return verifyOver(() => signedBytes('document', doc), doc.signature, keys, opts);
}

/** Checks a status report's signature against the responder's registered keys. */
export function verifyStatus(
  status: IStatusReport,
  keys: readonly IPublicKey[],
  opts: VerifyOptions = {},
): Verification {
  return verifyOver(() => signedBytes('status', status), status.signature, keys, opts);
}

function fail(reason: FailureReason, detail: string): Verification {
  return { ok: false, reason, detail };
}

function verifyOver(
  canonical: () => Uint8Array,
  sig: ISignature | null | undefined,
  keys: readonly IPublicKey[],
  opts: VerifyOptions,
): Verification {
  const R = FailureReason;
  if (!sig || !sig.value || sig.value.length === 0)
    return fail(R.FAILURE_REASON_MISSING_SIGNATURE, 'not signed');
  const keyId = sig.keyId ?? '';
  const signedAtMs = toMillis(sig.signedAtMs);
  if (signedAtMs <= 0)
    return fail(R.FAILURE_REASON_BAD_SIGNATURE, `signature of key ${keyId} has no signing time`);
  const now = opts.nowMs ?? Date.now();
  if (signedAtMs > now + (opts.maxClockSkewMs ?? DEFAULT_SKEW_MS)) {
    return fail(
      R.FAILURE_REASON_STALE_SIGNATURE,
      `signed at ${new Date(signedAtMs).toISOString()}, in the future`,
    );
  }
  if (opts.maxAgeMs !== undefined && now - signedAtMs > opts.maxAgeMs) {
    return fail(
      R.FAILURE_REASON_STALE_SIGNATURE,
      `signed at ${new Date(signedAtMs).toISOString()}, more than ${Math.round(opts.maxAgeMs / 1000)} s ago: a replayed or held-back submission`,
    );
  }
  const record = keys.find((k) => k.keyId === keyId);
  if (!record)
    return fail(R.FAILURE_REASON_KEY_NOT_VALID, `key ${keyId || '(none)'} is not registered for this agency`);
  const problem = keyWindowProblem(record, signedAtMs, opts.trustAnchors);
  if (problem) return fail(R.FAILURE_REASON_KEY_NOT_VALID, `key ${keyId}: ${problem}`);
  if (sig.algorithm !== record.algorithm) {
    return fail(
      R.FAILURE_REASON_BAD_SIGNATURE,
      `signature algorithm ${SignatureAlgorithm[sig.algorithm ?? 0] ?? sig.algorithm} is not key ${keyId}'s`,
    );
  }
  let key: KeyObject;
  try {
    key = registeredKey(record);
  } catch (e) {
    return fail(R.FAILURE_REASON_KEY_NOT_VALID, `key ${keyId} cannot be read: ${(e as Error).message}`);
  }
  let good: boolean;
  try {
    const data = canonical();
    good =
      record.algorithm === SignatureAlgorithm.SIGNATURE_ALGORITHM_ED25519
        ? verify(null, data, key, sig.value)
        : verify('sha256', data, { key, dsaEncoding: 'der' }, sig.value);
  } catch {
    good = false;
  }
  if (!good)
    return fail(R.FAILURE_REASON_BAD_SIGNATURE, `signature by key ${keyId} does not match the content`);
  return { ok: true, keyId, signedAtMs };
}

/** Why `record` could not have made a signature at `atMs`, or undefined when it could. */
export function keyWindowProblem(
  record: IPublicKey,
  atMs: number,
  trustAnchors?: readonly X509Certificate[],
): string | undefined {
  const at = new Date(atMs).toISOString();
  const revoked = toMillis(record.revokedAtMs);
  if (revoked > 0 && atMs >= revoked)
    return `revoked at ${new Date(revoked).toISOString()}, signature made ${at}`;
  const from = toMillis(record.notBeforeMs);
  const to = toMillis(record.notAfterMs);
  if (from > 0 && atMs < from)
    return `not valid before ${new Date(from).toISOString()}, signature made ${at}`;
  if (to > 0 && atMs >= to) return `expired at ${new Date(to).toISOString()}, signature made ${at}`;
  if (record.certificate && record.certificate.length > 0) {
    let cert: X509Certificate;
    try {
      cert = certificateOf(record.certificate);
    } catch (e) {
      return (e as Error).message;
    }
    if (atMs < Date.parse(cert.validFrom) || atMs > Date.parse(cert.validTo)) {
      return `certificate valid ${cert.validFrom} – ${cert.validTo}, signature made ${at}`;
    }
    if (trustAnchors && trustAnchors.length > 0 && !trustAnchors.some((ca) => issuedBy(cert, ca))) {
      return `certificate '${cert.subject.replace(/\n/g, ', ')}' is not issued by a trusted authority`;
    }
  }
  return undefined;
}

function issuedBy(cert: X509Certificate, ca: X509Certificate): boolean {
  try {
    return cert.checkIssued(ca) && cert.verify(ca.publicKey);
  } catch {
    return false;
  }
}
