import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { readFile, rename, stat, unlink } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import { storedAttachmentFields } from '@lienthong/content';
import type { ContentStore } from '@lienthong/content';
import {
  ContentIntegrityError,
  ContentTooLargeError,
  DEFAULT_CHUNK_SIZE,
  DEFAULT_MAX_INLINE_BYTES,
} from '@lienthong/content';
import { LienthongError } from '@lienthong/core';
import type { IAttachment } from '@lienthong/proto';
import { canceled } from './call';

interface AttachmentInfo {
  readonly name: string;
  /** e.g. `application/pdf`; `application/octet-stream` when omitted. */
  readonly mediaType?: string;
  readonly description?: string;
}

/** A file given as bytes: travels inside the document up to 256 KiB, as stored content beyond. */
export interface InlineAttachment extends AttachmentInfo {
  readonly data: Uint8Array;
}

/** A file on disk, read as a stream (never whole into memory); its size is known before sending. */
export interface FileAttachment extends AttachmentInfo {
  readonly path: string;
}

/** A file from a stream (a Node Readable, or any async iterable of bytes); always stored content. */
export interface StreamAttachment extends AttachmentInfo {
  readonly stream: AsyncIterable<Uint8Array>;
  /** The size, when known: a stream over the limit is then refused before anything is sent. */
  readonly size?: number;
}

export type AttachmentSource = InlineAttachment | FileAttachment | StreamAttachment;

/** Progress of one attachment's upload or download. */
export interface AttachmentProgress {
  readonly name: string;
  /** Position in the document's attachment list. */
  readonly index: number;
  readonly bytes: number;
  /** Unknown for a stream without a declared size, until it ends. */
  readonly total: number | undefined;
}

export interface DownloadOptions {
  readonly onProgress?: (p: AttachmentProgress) => void;
  readonly signal?: AbortSignal;
}

/**
 * One attachment of a received document. `download()` streams its bytes, checked chunk by chunk
 * against their SHA-256: a mismatch throws {@link ContentIntegrityError} and no byte of a bad chunk
 * is written.
 */
export interface ReceivedAttachment {
  readonly name: string;
  readonly mediaType: string;
  readonly description: string;
  readonly size: number;
  readonly sha256Hex: string;
  /** True when the bytes are stored content (chunks), false when they came inside the document. */
  readonly stored: boolean;
  /** Writes the bytes to `to`, honouring its back-pressure; does not end it. */
  download(to: Writable, opts?: DownloadOptions): Promise<void>;
  /** Writes the bytes to a file: to a temporary name first, renamed once the whole hashed to its id. */
  saveTo(path: string, opts?: DownloadOptions): Promise<void>;
  /** The bytes in memory; for small attachments. */
  bytes(opts?: DownloadOptions): Promise<Uint8Array>;
}

export interface AttachmentLimits {
  /** Largest attachment (the home node's `limits.maxAttachmentBytes`). */
  readonly maxBytes: number;
  /** Bytes up to this size travel inside the document. */
  readonly maxInlineBytes: number;
  readonly chunkSize: number;
}

export const DEFAULT_ATTACHMENT_LIMITS = {
  maxInlineBytes: DEFAULT_MAX_INLINE_BYTES,
  chunkSize: DEFAULT_CHUNK_SIZE,
};

/**
 * Turns what the caller attached into the document's attachments: small bytes inline, the rest
 * uploaded as stored content. Every size that is known is checked against the limit before
 * anything is uploaded.
 */
export async function prepareAttachments(
  store: ContentStore,
  sources: readonly AttachmentSource[],
  limits: AttachmentLimits,
  opts: { onProgress?: (p: AttachmentProgress) => void; signal?: AbortSignal; first?: number },
): Promise<IAttachment[]> {
  // Every known size checked before the first byte is uploaded.
  const sized: { source: AttachmentSource; size: number | undefined }[] = [];
  for (const source of sources) sized.push({ source, size: await checkedSize(source, limits) });
  const out: IAttachment[] = [];
  for (const [i, { source, size }] of sized.entries()) {
    const index = (opts.first ?? 0) + i;
    const info = {
      name: source.name,
      mediaType: source.mediaType ?? 'application/octet-stream',
      ...(source.description !== undefined ? { description: source.description } : {}),
    };
    if (size !== undefined && size <= limits.maxInlineBytes && !('stream' in source)) {
      const data = 'data' in source ? source.data : await readFile(source.path);
      out.push({ ...info, size, sha256: createHash('sha256').update(data).digest(), inline: data });
      opts.onProgress?.({ name: source.name, index, bytes: size, total: size });
      continue;
    }
    const input: AsyncIterable<Uint8Array> =
      'data' in source
        ? once(source.data)
        : 'path' in source
          ? createReadStream(source.path, { highWaterMark: limits.chunkSize })
          : source.stream;
    const stored = await store
      .upload(input, {
        chunkSize: limits.chunkSize,
        maxBytes: limits.maxBytes,
        ...(size !== undefined ? { size } : {}),
        ...(opts.signal ? { signal: opts.signal } : {}),
        // A file stream's pieces, or the caller's bytes during send(), are not written to again.
        handsOver: !('stream' in source),
        onProgress: (p) => opts.onProgress?.({ name: source.name, index, bytes: p.bytes, total: p.total }),
      })
      .catch((e: unknown) => {
        if (opts.signal?.aborted) throw canceled('send', opts.signal.reason);
        if (e instanceof ContentTooLargeError) {
          throw new ContentTooLargeError(
            `send: attachment ${source.name}: ${e.message}`,
            e.limit,
            e.size,
            e.storedChunks,
          );
        }
        throw e;
      });
    out.push({ ...info, ...storedAttachmentFields(stored) });
  }
  return out;
}

/** The size of an attachment source when it is known (data, a file), checked against the limit. */
async function checkedSize(source: AttachmentSource, limits: AttachmentLimits): Promise<number | undefined> {
  const name = checkInfo(source);
  let size: number | undefined;
  if ('data' in source) {
    if (!(source.data instanceof Uint8Array)) throw invalid(`attachment ${name}: data must be a Uint8Array`);
    size = source.data.byteLength;
  } else if ('path' in source) {
    if (typeof source.path !== 'string' || source.path === '')
      throw invalid(`attachment ${name}: path is empty`);
    const st = await stat(source.path).catch((e: unknown) => {
      throw new LienthongError('InvalidArgument', `send: attachment ${name}: cannot read ${source.path}`, {
        cause: e,
        context: { what: 'send', attachment: name },
      });
    });
    if (!st.isFile()) throw invalid(`attachment ${name}: ${source.path} is not a file`);
    size = st.size;
  } else if ('stream' in source && source.stream && Symbol.asyncIterator in Object(source.stream)) {
    size = source.size;
  } else {
    throw invalid(`attachment ${name}: give data, path or stream`);
  }
  if (size !== undefined && size > limits.maxBytes) {
    throw new ContentTooLargeError(
      `send: attachment ${name} is ${size} bytes; the limit is ${limits.maxBytes} bytes. Nothing was sent`,
      limits.maxBytes,
      size,
      0,
    );
  }
  return size;
}

/** The attachments of a received document, readable from the agency's home domain. */
export function receivedAttachments(
  store: ContentStore,
  attachments: readonly IAttachment[] | null | undefined,
  /** Throws when the home domain is out of reach (the agency's home node moved to another). */
  reachable: () => void = () => undefined,
): ReceivedAttachment[] {
  const guarded: Pick<ContentStore, 'download'> = {
    download: (...args) => {
      reachable();
      return store.download(...args);
    },
  };
  return (attachments ?? []).map((a, index) => received(guarded, a, index));
}

function received(store: Pick<ContentStore, 'download'>, a: IAttachment, index: number): ReceivedAttachment {
  // An inline attachment from a system that left out its hash can only be taken as it is.
  const declared = a.sha256 && a.sha256.length > 0 ? Buffer.from(a.sha256).toString('hex') : undefined;
  const sha256Hex =
    a.ref?.sha256Hex ??
    declared ??
    createHash('sha256')
      .update(a.inline ?? new Uint8Array())
      .digest('hex');
  const size = Number(a.ref?.size ?? a.size ?? a.inline?.byteLength ?? 0);
  const name = a.name ?? '';
  // checkEachChunk false for a sink thrown away when the download fails (saveTo's file, bytes()).
  const download = async (to: Writable, opts: DownloadOptions = {}, checkEachChunk = true): Promise<void> => {
    const progress = (bytes: number): void => opts.onProgress?.({ name, index, bytes, total: size });
    if (!a.ref) {
      const data = a.inline ?? new Uint8Array();
      if (createHash('sha256').update(data).digest('hex') !== sha256Hex) {
        throw new ContentIntegrityError(
          `attachment ${name} does not match its SHA-256 ${sha256Hex}`,
          sha256Hex,
          0,
        );
      }
      await write(to, data);
      progress(data.byteLength);
      return;
    }
    await store.download(sha256Hex, (chunk) => write(to, chunk), {
      checkEachChunk,
      onProgress: (p) => progress(p.bytes),
      ...(opts.signal ? { signal: opts.signal } : {}),
    });
  };
  return {
    name,
    mediaType: a.mediaType ?? 'application/octet-stream',
    description: a.description ?? '',
    size,
    sha256Hex,
    stored: !!a.ref,
    download: (to, opts) => download(to, opts),
    async saveTo(path, opts) {
      const part = `${path}.${randomBytes(4).toString('hex')}.part`;
      // Room for a few chunks, so that the next chunk is read while the disk takes the last one.
      const file = createWriteStream(part, { highWaterMark: 1024 * 1024 });
      let failure: Error | undefined;
      file.on('error', (e) => (failure ??= e));
      const closed = (): Promise<void> =>
        new Promise((resolve) => (file.closed ? resolve() : file.once('close', () => resolve())));
      try {
        // Renamed into place only once the whole content hashed to its id; removed otherwise.
        await download(file, opts, false);
        file.end();
        await closed();
        if (failure) throw failure;
        await rename(part, path);
      } catch (e) {
        // Buffered writes are dropped; the file is removed only once the stream let go of it (it may
        // still have been opening), so that nothing of a bad download is left behind.
        file.destroy();
        await closed();
        await unlink(part).catch(() => undefined);
        throw e;
      }
    },
    async bytes(opts) {
      const parts: Buffer[] = [];
      const sink = {
        write: (c: Uint8Array) => {
          parts.push(Buffer.from(c));
          return true;
        },
      } as unknown as Writable;
      await download(sink, opts, false);
      return Buffer.concat(parts);
    },
  };
}

/** Writes one piece, waiting for 'drain' when the stream asks for it. */
function write(to: Writable, data: Uint8Array): Promise<void> {
  if (to.errored) return Promise.reject(to.errored);
  if (to.write(data)) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onDrain = (): void => {
      to.off('error', onError);
      resolve();
    };
    const onError = (e: Error): void => {
      to.off('drain', onDrain);
      reject(e);
    };
    to.once('drain', onDrain);
    to.once('error', onError);
  });
}

async function* once(data: Uint8Array): AsyncGenerator<Uint8Array> {
  yield data;
}

function checkInfo(a: AttachmentSource): string {
  if (!a || typeof a.name !== 'string' || a.name.trim() === '') throw invalid('an attachment needs a name');
  return a.name;
}

function invalid(message: string): LienthongError {
  return new LienthongError('InvalidArgument', `send: ${message}`, { context: { what: 'send' } });
}
