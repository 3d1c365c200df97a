/**
 * Node ids and the deterministic ids that make retries idempotent: the same input always gives the
 * same envelope id, message id and inbox subject, so a resend is de-duplicated instead of doubled.
 */
import { sha256 } from './sha256';
import type { NodeIdProblem } from './errors';
import { InvalidNodeIdError, LienthongError } from './errors';

const NODE_ID = /^[a-z0-9][a-z0-9-]{0,31}$/;
export const NODE_ID_MAX_LENGTH = 32;

export function isNodeId(s: unknown): s is string {
  return typeof s === 'string' && NODE_ID.test(s);
}

/** Returns `s` when it is a node id (1-32 of [a-z0-9-], not starting with '-'), else throws. */
export function assertNodeId(s: unknown): string {
  if (isNodeId(s)) return s;
  let problem: NodeIdProblem = 'wrong shape';
  if (typeof s !== 'string') problem = 'not a string';
  else if (s.length === 0) problem = 'empty';
  else if (s.length > NODE_ID_MAX_LENGTH) problem = 'too long';
  throw new InvalidNodeIdError(s, problem);
}

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/** RFC 4648 base32, lowercase, unpadded: subject-safe and case-insensitive-safe. */
function base32(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += BASE32[(buffer << (5 - bits)) & 31];
  return out;
}

/** 26 base32 characters of the first 128 bits of SHA-256: collisions are out of reach. */
function digest26(data: Buffer): string {
  return base32(sha256(data).subarray(0, 16));
}

function requireText(value: unknown, what: string): string {
  if (typeof value !== 'string' || value.length === 0) {
    throw new LienthongError('InvalidArgument', `${what} must be a non-empty string`, {
      context: { what },
    });
  }
  return value;
}

/** A subject-safe token ([a-z2-7]{26}) standing for a document id, which may hold '/', ',' and Vietnamese. */
export function documentKey(documentId: string): string {
  return digest26(Buffer.from(requireText(documentId, 'documentId'), 'utf8'));
}

/**
 * A deterministic envelope id from its defining parts (e.g. origin, document id, kind, recipient).
 * Each part is length-prefixed so that ['a', 'b'] and ['a\u0000b'] cannot collide.
 */
export function envelopeIdFor(parts: readonly string[]): string {
  if (parts.length === 0) {
    throw new LienthongError('InvalidArgument', 'envelopeIdFor needs at least one part');
  }
  if (parts.some((part) => typeof part !== 'string')) {
    throw new LienthongError('InvalidArgument', 'envelopeIdFor parts must be strings');
  }
  // The hash of `<byte length>\0<part>` for each part in turn, as one string hashed in one call
  // (this runs a few times for every document handled).
  let text = '';
  for (const part of parts) text += `${Buffer.byteLength(part, 'utf8')}\u0000${part}`;
  return base32(sha256(text).subarray(0, 16));
}

/**
 * The envelope id of a document package: what its home node assigns at intake, and the key of its
 * inbox item (`lt.v1.<level>.<node>.inbox.<agency>.<id>`). A resend of the same package gets the
 * same id, so it is never delivered twice.
 */
export function documentEnvelopeId(origin: string, documentId: string, operation: number): string {
  return envelopeIdFor(['document', origin, documentId, String(operation)]);
}

/** The Nats-Msg-Id of one outbound publish of an envelope to one target (next hop or inbox). */
export function msgIdFor(envelopeId: string, target: string): string {
  return `${requireText(envelopeId, 'envelopeId')}:${requireText(target, 'target')}`;
}
