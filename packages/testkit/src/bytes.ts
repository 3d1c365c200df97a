import { createHash } from 'node:crypto';

/**
 * `size` pseudo-random bytes from `seed`, as a stream of 64 KiB pieces: the same seed gives the same
 * bytes, and nothing larger than one piece is ever held (a 50 MB attachment without a 50 MB buffer).
 */
export async function* deterministicBytes(
  size: number,
  seed = 1,
  pieceSize = 64 * 1024,
): AsyncGenerator<Buffer> {
  let x = seed >>> 0 || 0x9e3779b9;
  for (let left = size; left > 0;) {
    const n = Math.min(pieceSize, left);
    const words = new Uint32Array(Math.ceil(n / 4));
    for (let i = 0; i < words.length; i++) {
      // xorshift32: fast, and not compressible or chunk-repetitive like a pattern would be.
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      words[i] = x >>> 0;
    }
    left -= n;
    yield Buffer.from(words.buffer, 0, n);
  }
}

/** SHA-256 (hex) of `deterministicBytes(size, seed)`, computed by streaming it. */
export async function deterministicSha256(size: number, seed = 1): Promise<string> {
  const h = createHash('sha256');
  for await (const piece of deterministicBytes(size, seed)) h.update(piece);
  return h.digest('hex');
}
