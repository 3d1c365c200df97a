import { createReadStream } from 'node:fs';
import { parseEdxml } from '@lienthong/edxml';
import type { ParsedAttachment } from '@lienthong/edxml';
import type { StreamAttachment } from '@lienthong/sdk';
import { ChunkChannel } from './channel';

/** Decoded chunks queued per attachment before the package is read further. */
const QUEUE_CHUNKS = 16;

/** Reads stored content back, chunk by chunk. */
export type StoredReader = (
  sha256Hex: string,
  write: (chunk: Uint8Array) => Promise<void>,
) => Promise<unknown>;

/** Where a spooled package's bytes are read again: in memory, a spool file, or stored content. */
export type PackageBytesSource =
  | { readonly data: Uint8Array }
  | { readonly path: string }
  | { readonly read: (write: (chunk: Uint8Array) => Promise<void>) => Promise<unknown> };

/** A spooled package as a source: its bytes, its spool file, or its stored content (`reader`). */
export function spooledSource(
  pkg: {
    readonly data?: Uint8Array;
    readonly path?: string;
    readonly stored?: { readonly sha256Hex: string };
  },
  reader: () => StoredReader,
): PackageBytesSource {
  if (pkg.data) return { data: pkg.data };
  if (pkg.path) return { path: pkg.path };
  const sha = pkg.stored!.sha256Hex;
  const read = reader();
  return { read: (write) => read(sha, write) };
}

/**
 * The attachments of a posted edXML package as the SDK's stream attachments, so that an SDK recipient
 * gets each file (`item.attachments`) beside the original package, not only the package to parse.
 * `run()` reads the package once more and hands each attachment's decoded bytes to its stream, in
 * package order, which is the order the SDK uploads them in; each stream waits for its reader.
 */
export function packageAttachments(
  listed: readonly ParsedAttachment[],
  source: PackageBytesSource,
): { readonly attachments: StreamAttachment[]; run(): Promise<void>; abandon(e: unknown): void } {
  const channels = listed.map(() => new ChunkChannel(QUEUE_CHUNKS));
  const attachments = listed.map((a, i): StreamAttachment => ({
    name: a.attachmentName || `attachment-${i + 1}`,
    mediaType: a.contentType || 'application/octet-stream',
    description: a.description,
    size: a.size,
    stream: channels[i]!,
  }));
  const abandon = (e: unknown): void => {
    for (const c of channels) c.fail(e);
  };
  const run = async (): Promise<void> => {
    try {
      await parseEdxml(bytesOf(source), {
        keepAttachmentBytes: 0,
        attachmentSink: (start) => {
          const channel = channels[start.index];
          if (!channel) return undefined;
          return {
            write: (chunk) => channel.write(chunk),
            end: () => channel.end(),
            abort: (e) => channel.fail(e),
          };
        },
      });
    } catch (e) {
      // The package parsed when it was posted: reading it again failed (its stored content?).
      abandon(e);
      throw e;
    }
  };
  return { attachments, run, abandon };
}

/**
 * Runs `send` with the package's files as stream attachments (none when it has none), reading the
 * package again while the SDK uploads them; a failed send stops the reading.
 */
export async function withPackageFiles<T>(
  listed: readonly ParsedAttachment[],
  source: () => PackageBytesSource,
  send: (files: StreamAttachment[]) => Promise<T>,
): Promise<T> {
  if (listed.length === 0) return send([]);
  const files = packageAttachments(listed, source());
  const reading = files.run();
  reading.catch(() => undefined);
  try {
    return await send(files.attachments);
  } catch (e) {
    files.abandon(e);
    throw e;
  } finally {
    await reading.catch(() => undefined);
  }
}

async function* bytesOf(source: PackageBytesSource): AsyncGenerator<Uint8Array> {
  if ('data' in source) {
    yield source.data;
    return;
  }
  if ('path' in source) {
    for await (const chunk of createReadStream(source.path) as AsyncIterable<Buffer>) yield chunk;
    return;
  }
  const channel = new ChunkChannel(QUEUE_CHUNKS);
  const reading = source
    .read((chunk) => channel.write(chunk))
    .then(
      () => channel.end(),
      (e: unknown) => channel.fail(e),
    );
  yield* channel;
  await reading;
}
