/**
 * SHA-256 in one call. Node's one-shot `crypto.hash` (20.12 and later) skips the Hash object that
 * `createHash` makes for each digest; the ids, audit entries and audit blocks of every document take
 * several such digests of short inputs, where that object costs more than the hashing.
 */
import * as crypto from 'node:crypto';
import type { BinaryLike } from 'node:crypto';

type OneShot = (algorithm: string, data: string | Uint8Array, encoding: 'hex' | 'buffer') => string | Buffer;
const oneShot = (crypto as unknown as { hash?: OneShot }).hash;

/** The digest's bytes. A string is hashed as UTF-8. */
export function sha256(data: string | Uint8Array): Buffer {
  if (oneShot) return oneShot('sha256', data, 'buffer') as Buffer;
  return crypto
    .createHash('sha256')
    .update(data as BinaryLike)
    .digest();
}

/** The digest as 64 lowercase hex characters. */
export function sha256Hex(data: string | Uint8Array): string {
  if (oneShot) return oneShot('sha256', data, 'hex') as string;
  return crypto
    .createHash('sha256')
    .update(data as BinaryLike)
    .digest('hex');
}
