/**
 * Verifying a package that is read from a store rather than held in memory (the home node reads the
 * original from its content store at intake): two reads, memory bounded by the package's markup
 * (signature-stream.ts).
 */
import { parseEdxml } from './parse';
import { verifyEdxmlSignature, verifyView } from './signature';
import { SkeletonBuilder } from './signature-stream';
import type { PackageSource } from './signature-stream';
import type { SignatureVerdict, VerifyOptions } from './verdict';

export type { PackageSource } from './signature-stream';

/** Packages up to this size are read once, into memory (a second read would cost more than it saves). */
const IN_MEMORY_BYTES = 1024 * 1024;

/** {@link verifyEdxmlSignature} of a package read from `source` (throws EdxmlError as it does). */
export async function verifyEdxmlSource(
  source: PackageSource,
  opts: VerifyOptions = {},
): Promise<SignatureVerdict> {
  if (source.size <= IN_MEMORY_BYTES) {
    const parts: Uint8Array[] = [];
    for await (const c of source.open()) parts.push(c);
    return verifyEdxmlSignature(Buffer.concat(parts), opts);
  }
  const builder = new SkeletonBuilder();
  const parsed = await parseEdxml(builder.tee(source.open()), {
    keepAttachmentBytes: 0,
    onBase64Run: builder.onRun,
  });
  opts.onParsed?.(parsed);
  return verifyView(await builder.view(source, parsed), parsed, opts);
}
