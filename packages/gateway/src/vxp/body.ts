/** Request bodies of the VXP client: the sendEdoc file with its added CRLF, and the small `{}`s. */
import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { VXP_ERRORS, VxpError, unpaddedHex } from './protocol';

/**
 * The client's body is the file plus an added CRLF; `hash-file` is the file's SHA-256 (unpadded
 * hex). The last two bytes are held back and dropped when the hash of what comes before them
 * matches; kept when the hash of the whole body does; and the package is refused when neither does.
 * Without `hash-file` the body is taken whole.
 */
export async function* withoutClientCrlf(
  body: AsyncIterable<Uint8Array>,
  hashFile: string | undefined,
): AsyncGenerator<Uint8Array> {
  const hash = createHash('sha256');
  let held = Buffer.alloc(0);
  for await (const chunk of body) {
    const all = held.length ? Buffer.concat([held, chunk]) : Buffer.from(chunk);
    if (all.length <= 2) {
      held = all;
      continue;
    }
    const out = all.subarray(0, all.length - 2);
    held = Buffer.from(all.subarray(all.length - 2));
    hash.update(out);
    yield out;
  }
  if (hashFile === undefined) {
    if (held.length) yield held;
    return;
  }
  const want = hashFile.toLowerCase();
  const short = unpaddedHex(hash.copy().digest());
  if (held.length === 2 && held[0] === 0x0d && held[1] === 0x0a && short === want) return;
  const full = unpaddedHex(hash.update(held).digest());
  if (full === want) {
    if (held.length) yield held;
    return;
  }
  throw new VxpError(
    VXP_ERRORS.HASH_MISMATCH,
    'XroadVnpt-hash-file matches neither the body nor the body without its final CRLF: the package was changed on the way',
  );
}

/** Reads (and drops) a small request body: `{}`, or nothing. */
export async function readSmall(req: FastifyRequest, max: number): Promise<Buffer> {
  const body = req.body as AsyncIterable<Uint8Array> | undefined;
  if (!body || typeof body[Symbol.asyncIterator] !== 'function') return Buffer.alloc(0);
  const parts: Buffer[] = [];
  let n = 0;
  for await (const c of body) {
    n += c.length;
    if (n > max) throw new VxpError(VXP_ERRORS.TOO_LARGE, `the request body is over ${max} bytes`);
    parts.push(Buffer.from(c));
  }
  return Buffer.concat(parts);
}
