/**
 * Verifying a package that is read from a store rather than held in memory (the home node reads the
 * original from its content store at intake).
 */
import { EdxmlError } from './errors';
import { verifyEdxmlSignature } from './signature';
import type { SignatureVerdict, VerifyOptions } from './verdict';

/** A package that can be read from its start, as often as needed. */
export interface PackageSource {
  /** Size in bytes, as stored. */
  readonly size: number;
  /** The bytes in order, from the first. */
  open(): AsyncIterable<Uint8Array>;
}

/** {@link verifyEdxmlSignature} of a package read from `source`. */
export async function verifyEdxmlSource(
  source: PackageSource,
  opts: VerifyOptions = {},
): Promise<SignatureVerdict> {
  const bytes = Buffer.allocUnsafe(source.size);
  let at = 0;
  for await (const chunk of source.open()) {
    if (at + chunk.length > source.size) {
      throw new EdxmlError('TOO_LARGE', `the package is larger than its stated ${source.size} bytes`);
    }
    bytes.set(chunk, at);
    at += chunk.length;
  }
  return verifyEdxmlSignature(bytes.subarray(0, at), opts);
}
