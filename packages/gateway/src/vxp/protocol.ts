/**
 * The VXP client protocol (SDKVXP 2.0.1) as a server needs it: the `XroadVnpt-*` signature check,
 * the `hash-file` rendering, the answers' envelope and encoding. docs/VXP.md describes it.
 */
import { Readable } from 'node:stream';
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** The error codes of the VXP endpoint (`ErrorCode`; `"0"` is success). docs/VXP.md lists them. */
export const VXP_ERRORS = {
  /** A request without `XroadVnpt-systemid`, `-sign-header` or `-hash-header`. */
  NOT_SIGNED: '1',
  /** Nothing is issued for the system id (or all of it is revoked). */
  UNKNOWN_SYSTEM: '2',
  /** The HMAC does not match any active secret of the system id. */
  BAD_SIGNATURE: '3',
  /** `sign-header` is not a JSON object of strings, or a signed pair differs from the actual header. */
  HEADER_MISMATCH: '4',
  /** `XroadVnpt-from` names an agency the system may not act for. */
  FROM_NOT_ALLOWED: '5',
  /** The system id's tokens were issued before the VXP endpoint: no HMAC key is kept for them. */
  NO_SECRET: '6',
  /** A request the verb cannot take: a missing `docId`, an unknown `status` or `messagetype`. */
  BAD_REQUEST: '10',
  /** The body is not a valid edXML package (the description gives line and column). */
  BAD_PACKAGE: '11',
  /** `XroadVnpt-hash-file` matches neither the body nor the body without its trailing CRLF. */
  HASH_MISMATCH: '12',
  /** The package is over the limit. */
  TOO_LARGE: '13',
  /** No such item waiting for the caller (or acknowledged already). */
  NOT_FOUND: '14',
  /** The package's From is another agency, or the item was delivered to another agency. */
  FORBIDDEN: '15',
  /** The request conflicts with the state (a 01 for a document not waiting for the caller). */
  CONFLICT: '16',
  /** registerAgency / deleteAgency by a system without operator rights. */
  DIRECTORY_READ_ONLY: '20',
  /** Back-pressure: try again later (the description says when). */
  BUSY: '30',
  /** The node is not ready (starting, draining, or cut off from NATS). */
  UNAVAILABLE: '31',
  /** Anything else; details are in the node's log, never in the answer. */
  INTERNAL: '99',
} as const;

export type VxpErrorCode = (typeof VXP_ERRORS)[keyof typeof VXP_ERRORS];

/** An error answered as `{"status":"FAIL","ErrorCode":code,"ErrorDesc":message}`. */
export class VxpError extends Error {
  constructor(
    readonly code: VxpErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'VxpError';
  }
}

export const SIGN_HEADER = 'xroadvnpt-sign-header';
export const HASH_HEADER = 'xroadvnpt-hash-header';
export const SYSTEM_HEADER = 'xroadvnpt-systemid';

/**
 * The client's rendering of a SHA-256: each byte as lowercase hex WITHOUT zero-padding (`0x0e` →
 * `e`), 32 to 64 characters. The `XroadVnpt-hash-file` header carries this.
 */
export function unpaddedHex(digest: Uint8Array): string {
  let s = '';
  for (const b of digest) s += b.toString(16);
  return s;
}

export function unpaddedSha256(...parts: Uint8Array[]): string {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return unpaddedHex(h.digest());
}

/** The signed headers, as the signature vouches for them (names lowercased). */
export type SignedHeaders = ReadonlyMap<string, string>;

/**
 * Parses `XroadVnpt-sign-header` (a compact JSON object of header name → string value; Gson-style
 * leniency is not needed: the client writes it with Gson itself).
 */
export function parseSignHeader(raw: string): Map<string, string> {
  let obj: unknown;
  try {
    obj = JSON.parse(raw);
  } catch {
    throw new VxpError(VXP_ERRORS.HEADER_MISMATCH, 'XroadVnpt-sign-header is not a JSON object');
  }
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) {
    throw new VxpError(VXP_ERRORS.HEADER_MISMATCH, 'XroadVnpt-sign-header is not a JSON object');
  }
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(obj as Record<string, unknown>)) {
    if (typeof v !== 'string') {
      throw new VxpError(
        VXP_ERRORS.HEADER_MISMATCH,
        `signed header ${k} is not a string in XroadVnpt-sign-header`,
      );
    }
    out.set(k.toLowerCase(), v);
  }
  return out;
}

/**
 * The header node received against the value that was signed. The client writes each Java
 * character of a header as its low 8 bits (node reads header bytes as ISO-8859-1), while the HMAC
 * covers the original text: they match when every character's low 8 bits equal the byte received.
 * The signed value is then the true one.
 */
export function sameOnTheWire(received: string, signed: string): boolean {
  if (received === signed) return true;
  if (received.length !== signed.length) return false;
  for (let i = 0; i < signed.length; i++) {
    if ((signed.charCodeAt(i) & 0xff) !== received.charCodeAt(i)) return false;
  }
  return true;
}

/**
 * HMAC-SHA256 of the received sign-header string with each of the secrets (constant-time compare
 * each, all of them tried); the index of the one that matches, or -1.
 */
export function matchingSecret(signHeader: string, hashHeader: string, secrets: readonly Buffer[]): number {
  const claimed = /^[0-9a-fA-F]{64}$/.test(hashHeader) ? Buffer.from(hashHeader, 'hex') : undefined;
  if (!claimed) return -1;
  // node reads header bytes as ISO-8859-1; the client signed the UTF-8 of its text. Re-encoding as
  // UTF-8 gives the signed bytes back for every character up to U+00FF (beyond, the client's wire
  // bytes lost the text, and no signature can be checked).
  const message = Buffer.from(signHeader, 'utf8');
  let found = -1;
  secrets.forEach((s, i) => {
    const mac = createHmac('sha256', s).update(message).digest();
    if (timingSafeEqual(mac, claimed) && found < 0) found = i;
  });
  return found;
}

/**
 * JSON with every character above U+007E written as `\uXXXX`: sendEdoc decodes its answer as
 * US-ASCII, and the Apache paths as UTF-8; both read escapes right.
 */
export function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[\u007f-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** An answer already rendered as {@link asciiJson}, sent as it is (streamed, when it is a stream). */
export class RenderedJson {
  constructor(
    readonly body: Buffer | Readable,
    /** Its length in bytes, when it is a stream whose length is known. */
    readonly length?: number,
  ) {}
}

/**
 * `envelope` with a `data` field holding the base64 of `bytes`, rendered as it streams: the package
 * is never whole in memory (a 200 MiB one would take ≈ 0.5 GB as a buffer and its base64 string).
 * `size` (the bytes' length, when known) gives the answer's length.
 */
export function withBase64Data(
  envelope: object,
  bytes: AsyncIterable<Uint8Array>,
  size?: number,
): RenderedJson {
  const head = Buffer.from(`${asciiJson(envelope).slice(0, -1)},"data":"`);
  const tail = Buffer.from('"}');
  async function* render(): AsyncGenerator<Buffer> {
    yield head;
    let carry = Buffer.alloc(0);
    for await (const chunk of bytes) {
      const all = carry.length > 0 ? Buffer.concat([carry, chunk]) : Buffer.from(chunk);
      const whole = all.length - (all.length % 3);
      if (whole > 0) yield Buffer.from(all.subarray(0, whole).toString('base64'));
      carry = Buffer.from(all.subarray(whole));
    }
    yield Buffer.concat([Buffer.from(carry.toString('base64')), tail]);
  }
  const length = size === undefined ? undefined : head.length + 4 * Math.ceil(size / 3) + tail.length;
  return new RenderedJson(Readable.from(render(), { objectMode: false }), length);
}

/** The common envelope of a success. */
export const OK = { status: 'OK', ErrorCode: '0', ErrorDesc: 'Thành công' } as const;

export function failEnvelope(e: VxpError): { status: 'FAIL'; ErrorCode: string; ErrorDesc: string } {
  return { status: 'FAIL', ErrorCode: e.code, ErrorDesc: e.message };
}

/**
 * A time as the lists give it: `yyyy-MM-dd HH:mm:ss` in Vietnam's time (UTC+7, no daylight saving),
 * the form of the client's examples.
 */
export function vxpTime(ms: number): string {
  const d = new Date(ms + 7 * 3600_000);
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
}

/**
 * Drops every `undefined` and `null` field of a list item: an explicit JSON null in one item makes
 * the client discard the whole list.
 */
export function compact<T extends Record<string, unknown>>(item: T): Partial<T> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(item)) if (v !== undefined && v !== null) out[k] = v;
  return out as Partial<T>;
}
