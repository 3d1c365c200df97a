/**
 * SHA-256 in one call. Node's one-shot `crypto.hash` (20.12 and later) skips the Hash object that
 * `createHash` makes for each digest; the ids, audit entries and audit blocks of every document take
 * several such digests of short inputs, where that object costs more than the hashing.
 */
import * as crypto from 'node:crypto';
import type { BinaryLike } from 'node:crypto';

type OneShot = (algorithm: string, data: string | Uint8Array, encoding: 'hex' | 'buffer') => string | Buffer;
const oneShot = (crypto as unknown as { hash?: OneShot }).hash;

/** Older Node: the Hash object, fed the same bytes. */
function viaHashObject(data: string | Uint8Array): crypto.Hash {
  return crypto.createHash('sha256').update(data as BinaryLike);
}

/** The digest's bytes. A string is hashed as UTF-8. */
export function sha256(data: string | Uint8Array): Buffer {
  return oneShot ? (oneShot('sha256', data, 'buffer') as Buffer) : viaHashObject(data).digest();
}

/** The digest as 64 lowercase hex characters. */
export function sha256Hex(data: string | Uint8Array): string {
  return oneShot ? (oneShot('sha256', data, 'hex') as string) : viaHashObject(data).digest('hex');
}
