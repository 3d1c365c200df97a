import { createHash } from 'node:crypto';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import type { WriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import type { StoredContent } from '@lienthong/content';
import { ChunkChannel } from './channel';
import type { PackageParser, ParsedPackage } from './codec';

/** Bodies up to this size stay in memory; larger ones are stored as content (or spooled to a file). */
const IN_MEMORY_BYTES = 1024 * 1024;
/** Chunks queued for the content upload before the body is read further. */
const UPLOAD_QUEUE_CHUNKS = 16;

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

/** Stores a large package's bytes as content while it is read (the sender's home content store). */
export type ContentUpload = (chunks: AsyncIterable<Uint8Array>) => Promise<StoredContent>;

/** A posted package, read once: its bytes (in memory, stored content or a file), SHA-256, size and parse. */
export interface SpooledPackage {
  readonly sha256Hex: string;
  readonly size: number;
  readonly parsed: ParsedPackage;
  /** In memory when small. */
  readonly data?: Uint8Array;
  /** When large and a content store was given: already stored, chunk by chunk, as it arrived. */
  readonly stored?: StoredContent;
  /** Spooled to this file when large and no content store was given. */
  readonly path?: string;
  /** Removes the spool file. */
  dispose(): void;
}

/** Where the bytes past the first MiB go: a content upload, or a temporary file. */
interface Overflow {
  write(chunk: Uint8Array): Promise<void>;
  /** The package is good: the stored content, or the file's path. */
  finish(): Promise<{ stored: StoredContent } | { path: string }>;
  /** The package is refused: nothing of it may be used. */
  abandon(e: unknown): Promise<void>;
}

function uploadOverflow(upload: ContentUpload, first: Uint8Array[]): Overflow {
  const channel = new ChunkChannel(UPLOAD_QUEUE_CHUNKS);
  const stored = upload(channel);
  // A failed upload is seen at the next write or at the end; never unhandled meanwhile.
  let failed: { error: unknown } | undefined;
  stored.catch((error: unknown) => (failed = { error }));
  const write = async (c: Uint8Array): Promise<void> => {
    if (failed) throw failed.error;
    await channel.write(c);
  };
  const started = (async () => {
    for (const c of first) await write(c);
  })();
  return {
    write: async (c) => {
      await started;
      await write(c);
    },
    finish: async () => {
      await started;
      channel.end();
      return { stored: await stored };
    },
    abandon: async (e) => {
      channel.fail(e);
      await stored.catch(() => undefined);
    },
  };
}

function fileOverflow(first: Uint8Array[], dir: string): Overflow {
  const path = join(dir, 'package.edxml');
  const file: WriteStream = createWriteStream(path);
  for (const c of first) file.write(c);
  return {
    write: async (c) => {
      if (!file.write(c)) await new Promise<void>((resolve) => file.once('drain', resolve));
    },
    finish: async () => {
      file.end();
      await finished(file);
      return { path };
    },
    abandon: () => {
      file.destroy();
      return Promise.resolve();
    },
  };
}

/**
 * Reads a request body once, with bounded memory: every chunk is hashed, fed to the streaming
 * parser and kept — in memory up to 1 MiB; past that, stored as content as it arrives when `upload`
 * is given (else written to a temporary file). Refuses more than `limit` bytes as soon as they
 * arrive. A package the parser refuses is never referenced by anything (content stored for it is
 * swept like any unreferenced upload).
 */
export async function spool(
  body: AsyncIterable<Uint8Array>,
  parser: PackageParser,
  limit: number,
  upload?: ContentUpload,
): Promise<SpooledPackage> {
  const hash = createHash('sha256');
  let size = 0;
  let chunks: Uint8Array[] | undefined = [];
  let dir: string | undefined;
  let overflow: Overflow | undefined;
  const dispose = (): void => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  };
  try {
    for await (const chunk of body) {
      size += chunk.byteLength;
      if (size > limit) throw new PackageTooLargeError(limit);
      hash.update(chunk);
      if (chunks) {
        chunks.push(chunk);
        if (size > IN_MEMORY_BYTES) {
          if (upload) overflow = uploadOverflow(upload, chunks);
          else overflow = fileOverflow(chunks, (dir = mkdtempSync(join(tmpdir(), 'lienthong-edxml-'))));
          chunks = undefined;
        }
        await parser.write(chunk);
      } else {
        // The parser and the upload (or file) take the chunk side by side.
        await Promise.all([parser.write(chunk), overflow!.write(chunk)]);
      }
    }
    const parsed = await parser.close();
    const kept = overflow ? await overflow.finish() : { data: Buffer.concat(chunks!) };
    return { sha256Hex: hash.digest('hex'), size, parsed, ...kept, dispose };
  } catch (e) {
    await overflow?.abandon(e);
    dispose();
    throw e;
  }
}
