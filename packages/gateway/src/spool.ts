import { createHash } from 'node:crypto';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import type { WriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import type { PackageParser, ParsedPackage } from './codec';

/** Bodies up to this size stay in memory; larger ones are spooled to a temporary file. */
const IN_MEMORY_BYTES = 1024 * 1024;

/** A posted package over the limit. */
export class PackageTooLargeError extends Error {
  constructor(
    readonly limit: number,
    readonly size?: number,
  ) {
    super(
      size !== undefined
        ? `the package is ${size} bytes; the limit is ${limit}`
        : `the package is larger than the limit of ${limit} bytes`,
    );
    this.name = 'PackageTooLargeError';
  }
}

/** A posted package, read once: its bytes (in memory or in a file), SHA-256, size and parse. */
export interface SpooledPackage {
  readonly sha256Hex: string;
  readonly size: number;
  readonly parsed: ParsedPackage;
  /** In memory when small. */
  readonly data?: Uint8Array;
  /** Spooled to this file when large. */
  readonly path?: string;
  /** Removes the spool file. */
  dispose(): void;
}

/**
 * Reads a request body once, with bounded memory: every chunk is hashed, fed to the streaming
 * parser and kept (in memory up to 1 MiB, then in a temporary file); refuses more than `limit`
 * bytes as soon as they arrive. Nothing is stored anywhere else until the package is known good.
 */
export async function spool(
  body: AsyncIterable<Uint8Array>,
  parser: PackageParser,
  limit: number,
): Promise<SpooledPackage> {
  const hash = createHash('sha256');
  let size = 0;
  let chunks: Uint8Array[] | undefined = [];
  let dir: string | undefined;
  let file: WriteStream | undefined;
  const dispose = (): void => {
    file?.destroy();
    if (dir) rmSync(dir, { recursive: true, force: true });
  };
  try {
    for await (const chunk of body) {
      size += chunk.byteLength;
      if (size > limit) throw new PackageTooLargeError(limit);
      hash.update(chunk);
      await parser.write(chunk);
      if (chunks) {
        chunks.push(chunk);
        if (size > IN_MEMORY_BYTES) {
          dir = mkdtempSync(join(tmpdir(), 'lienthong-edxml-'));
          file = createWriteStream(join(dir, 'package.edxml'));
          for (const c of chunks) file.write(c);
          chunks = undefined;
        }
      } else if (!file!.write(chunk)) {
        await new Promise<void>((resolve) => file!.once('drain', resolve));
      }
    }
    const parsed = await parser.close();
    if (file) {
      file.end();
      await finished(file);
    }
    return {
      sha256Hex: hash.digest('hex'),
      size,
      parsed,
      ...(chunks ? { data: Buffer.concat(chunks) } : { path: join(dir!, 'package.edxml') }),
      dispose,
    };
  } catch (e) {
    dispose();
    throw e;
  }
}
