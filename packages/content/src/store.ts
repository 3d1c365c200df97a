import { createHash } from 'node:crypto';
import { DeliverPolicy } from '@nats-io/jetstream';
import type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import { LienthongError, sha256Hex } from '@lienthong/core';
import { Window } from './window';
import { putChecked, storeManifest } from './put';
import { UPLOAD_HEADER, newUploadId, uploadHints } from './marks';
import { copyContent } from './copy';
import type { ContentTarget } from './put';
import { ContentManifest } from '@lienthong/proto';
import { ContentIntegrityError, ContentMissingError, ContentTooLargeError } from './errors';
import type { ContentReader } from './reader';
import {
  CONTENT_STREAM,
  DEFAULT_CHUNK_SIZE,
  DEFAULT_MAX_ATTACHMENT_BYTES,
  MAX_CHUNK_SIZE,
  chunkFilter,
  chunkSubject,
  hashOfSubject,
  isSha256Hex,
  manifestSubject,
} from './subjects';

import type {
  ContentStoreOptions,
  DownloadOptions,
  ReadOptions,
  StoredContent,
  UploadOptions,
} from './store-options';

/** Contents of more chunks than this are read through an ordered consumer. */
const STREAM_READ_MIN_CHUNKS = 4;
/** Other contents' chunks passed over in a row before the rest is read by direct gets. */
const MAX_INTERLEAVED = 64;

/**
 * Content-addressed storage of attachment bytes in one JetStream domain's `LT_CONTENT` stream: each
 * chunk once under its own SHA-256, then a manifest under the whole content's SHA-256. A manifest is
 * written only after all its chunks were acknowledged, so its presence means "complete". Memory stays
 * bounded: at most `window` chunks are in flight, whatever the size of the content.
 */
export class ContentStore {
  /** @internal */ readonly window: number;
  private readonly timeoutMs: number;
  private readonly streamReads: boolean;
  private readonly target: ContentTarget;
  private readonly reader: ContentReader | undefined;

  constructor(
    private readonly js: JetStreamClient,
    private readonly jsm: JetStreamManager,
    /** The JetStream domain this store reads and writes; '' for the default one. */
    readonly domain: string,
    opts: ContentStoreOptions = {},
  ) {
    this.window = Math.max(1, opts.window ?? 8);
    this.timeoutMs = opts.timeoutMs ?? 10_000;
    this.streamReads = opts.streamReads ?? true;
    this.reader = opts.read;
    this.target = {
      js,
      domain,
      timeoutMs: this.timeoutMs,
      read: (s, have) => this.get(s, { have }),
      write: opts.write,
    };
  }

  /**
   * Stores content read from `source` in one pass (hashing each chunk and the whole as they go) and
   * returns its id. The same bytes stored twice are kept once.
   */
  async upload(source: AsyncIterable<Uint8Array>, opts: UploadOptions = {}): Promise<StoredContent> {
    const chunkSize = opts.chunkSize ?? DEFAULT_CHUNK_SIZE;
    if (!Number.isInteger(chunkSize) || chunkSize < 1024 || chunkSize > MAX_CHUNK_SIZE) {
      throw new RangeError(`chunk size must be an integer from 1024 to ${MAX_CHUNK_SIZE}`);
    }
    const maxBytes = opts.maxBytes ?? DEFAULT_MAX_ATTACHMENT_BYTES;
    if (opts.size !== undefined && opts.size > maxBytes) {
      throw new ContentTooLargeError(
        `content of ${opts.size} bytes is over the limit of ${maxBytes} bytes; nothing was stored`,
        maxBytes,
        opts.size,
        0,
      );
    }
    // Names this upload to the domain's guard, which follows its chunks and verifies it as it is stored.
    const upload = newUploadId();
    const chunks = await this.storeChunks(source, opts, chunkSize, maxBytes, upload);
    const { size } = chunks;
    if (opts.size !== undefined && opts.size !== size) {
      throw new LienthongError(
        'InvalidArgument',
        `the source gave ${size} bytes, not the ${opts.size} declared; no manifest was stored`,
        { context: { declared: opts.size, size } },
      );
    }
    const sha256Hex = chunks.digest.toString('hex');
    const manifest = ContentManifest.create({ sha256Hex, size, chunkSize, chunks: chunks.hashes });
    const stored = await this.putManifest(manifest, upload);
    // Stored before with another chunk size: the stored manifest is the one readers follow.
    const kept = stored ? manifest : ((await this.manifest(sha256Hex)) ?? manifest);
    return {
      sha256Hex,
      sha256: chunks.digest,
      size,
      chunkSize: kept.chunkSize,
      chunkCount: kept.chunks.length,
      newChunks: chunks.newChunks,
    };
  }

  /** Cuts the source into chunks and stores each (a window of them at a time), hashing as it goes. */
  private async storeChunks(
    source: AsyncIterable<Uint8Array>,
    opts: UploadOptions,
    chunkSize: number,
    maxBytes: number,
    upload: string,
  ): Promise<{ digest: Buffer; hashes: Buffer[]; size: number; newChunks: number }> {
    const whole = createHash('sha256');
    const hashes: Buffer[] = [];
    const win = new Window(this.window);
    let size = 0;
    let acked = 0;
    let newChunks = 0;
    let buf = Buffer.allocUnsafe(chunkSize);
    let fill = 0;
    const flush = async (data: Uint8Array): Promise<void> => {
      const digest = createHash('sha256').update(data).digest();
      whole.update(data);
      hashes.push(digest);
      const hex = digest.toString('hex');
      const hints = uploadHints(upload, hashes.length - 1);
      await win.add(async () => {
        if (await this.putChunk(chunkSubject(this.domain, hex), data, hex, hints)) newChunks++;
        acked += data.length;
        opts.onProgress?.({ bytes: acked, total: opts.size });
      });
    };
    try {
      for await (const piece of source) {
        if (opts.signal?.aborted) throw opts.signal.reason;
        const bytes = piece instanceof Uint8Array ? piece : Buffer.from(piece as string);
        size += bytes.length;
        if (size > maxBytes) {
          await win.settle();
          throw new ContentTooLargeError(
            `content crossed the limit of ${maxBytes} bytes; upload stopped after ${hashes.length} chunks, ` +
              'which are removed by the retention sweep unless other content uses them',
            maxBytes,
            opts.size,
            hashes.length,
          );
        }
        for (let at = 0; at < bytes.length;) {
          if (opts.handsOver && fill === 0 && bytes.length - at >= chunkSize) {
            // A whole chunk in the piece read (a file read a chunk at a time): stored as it is.
            await flush(bytes.subarray(at, at + chunkSize));
            at += chunkSize;
            continue;
          }
          const n = Math.min(chunkSize - fill, bytes.length - at);
          buf.set(bytes.subarray(at, at + n), fill);
          fill += n;
          at += n;
          if (fill === chunkSize) {
            await flush(buf);
            // The full buffer is in flight: start a new one rather than overwrite it.
            buf = Buffer.allocUnsafe(chunkSize);
            fill = 0;
          }
        }
      }
      if (fill > 0) await flush(buf.subarray(0, fill));
      await win.drain();
    } catch (e) {
      await win.settle();
      throw e;
    }
    return { digest: whole.digest(), hashes, size, newChunks };
  }

  /** The manifest of a content, if the content is complete in this domain. */
  async manifest(sha256Hex: string): Promise<ContentManifest | undefined> {
    assertSha(sha256Hex);
    const m = await this.get(manifestSubject(this.domain, sha256Hex), { file: sha256Hex });
    if (!m) return undefined;
    const manifest = ContentManifest.decode(m);
    if (manifest.sha256Hex !== sha256Hex) {
      throw new ContentIntegrityError(
        `manifest stored for ${sha256Hex} names ${manifest.sha256Hex}`,
        sha256Hex,
        undefined,
      );
    }
    return manifest;
  }

  /**
   * The manifest of a content with the time it was stored, if the content is complete here: a node's
   * read (a direct get), for deciding whether the domain's guard may still be verifying it.
   */
  async stored(sha256Hex: string): Promise<{ manifest: ContentManifest; storedAtMs: number } | undefined> {
    assertSha(sha256Hex);
    const m = await this.jsm.direct.getMessage(CONTENT_STREAM, {
      last_by_subj: manifestSubject(this.domain, sha256Hex),
    });
    if (!m) return undefined;
    const manifest = ContentManifest.decode(m.data);
    if (manifest.sha256Hex !== sha256Hex) {
      throw new ContentIntegrityError(
        `manifest stored for ${sha256Hex} names ${manifest.sha256Hex}`,
        sha256Hex,
        undefined,
      );
    }
    return { manifest, storedAtMs: m.timestamp ? Date.parse(m.timestamp) : Date.now() };
  }

  /**
   * Streams the content to `write` in order, chunk by chunk: each chunk is checked against its
   * SHA-256 before it is handed over, the whole against the content id at the end. A mismatch throws
   * {@link ContentIntegrityError}; a missing manifest or chunk {@link ContentMissingError}.
   */
  async download(
    sha256Hex: string,
    write: (chunk: Uint8Array) => Promise<void> | void,
    opts: ReadOptions = {},
  ): Promise<ContentManifest> {
    const manifest = await this.manifest(sha256Hex);
    if (!manifest) {
      throw new ContentMissingError(
        `content ${sha256Hex} is not stored (or not complete) in domain '${this.domain}'`,
        sha256Hex,
        this.domain,
      );
    }
    const total = Number(manifest.size);
    const whole = createHash('sha256');
    let bytes = 0;
    const checkEachChunk = opts.checkEachChunk ?? true;
    for await (const data of this.inOrder(sha256Hex, manifest, checkEachChunk)) {
      if (opts.signal?.aborted) throw opts.signal.reason;
      whole.update(data);
      await write(data);
      bytes += data.length;
      opts.onProgress?.({ bytes, total });
    }
    if (bytes !== total || whole.digest('hex') !== sha256Hex) {
      if (!checkEachChunk) for await (const _ of this.inOrder(sha256Hex, manifest, true)) void _; // names the bad chunk
      throw new ContentIntegrityError(
        `content ${sha256Hex}: its chunks (${bytes} bytes) do not hash to its id`,
        sha256Hex,
        undefined,
      );
    }
    return manifest;
  }

  /**
   * The chunks of a content in order, each checked against its hash. The chunks of one upload are
   * stored one after the other, so they are streamed by an ordered consumer from the first chunk's
   * position: one pull for many chunks, markedly faster than a request per chunk. A chunk that is
   * not where the stream order puts it (stored earlier by other content with the same bytes, or
   * repeated within this content) is fetched by a direct get; so is everything when the content is
   * small, or when other messages interleave for too long.
   */
  /** @internal */ async *inOrder(
    sha256Hex: string,
    manifest: ContentManifest,
    check = true,
  ): AsyncGenerator<Uint8Array> {
    const take = (hex: string, index: number, data: Uint8Array): Uint8Array =>
      check ? this.checked(sha256Hex, hex, index, data) : data;
    const hexes = manifest.chunks.map((c) => Buffer.from(c).toString('hex'));
    const n = hexes.length;
    let i = 0;
    if (n > STREAM_READ_MIN_CHUNKS && this.streamReads) {
      const first = await this.jsm.direct.getMessage(CONTENT_STREAM, {
        last_by_subj: chunkSubject(this.domain, hexes[0]!),
      });
      if (!first) throw this.missingChunk(sha256Hex, hexes[0]!, 0);
      yield take(hexes[0]!, 0, first.data);
      i = 1;
      // A consumer only if some chunk was stored after the first one: one waiting for a chunk that
      // never comes (a content of repeated chunks, or chunks stored before its first) would hang.
      const later = await this.jsm.direct.getMessage(CONTENT_STREAM, {
        seq: first.seq + 1,
        next_by_subj: chunkFilter(this.domain),
      });
      if (later) {
        const seen = new Set([hexes[0]!]);
        const consumer = await this.js.consumers.get(CONTENT_STREAM, {
          filter_subjects: chunkFilter(this.domain),
          deliver_policy: DeliverPolicy.StartSequence,
          opt_start_seq: first.seq + 1,
        });
        const messages = await consumer.consume({ max_bytes: this.window * manifest.chunkSize });
        try {
          let skipped = 0;
          for await (const m of messages) {
            // Repeats of a chunk already read are not stored again: fetch them directly.
            while (i < n && seen.has(hexes[i]!)) {
              yield await this.chunk(sha256Hex, hexes[i]!, i, check);
              i++;
            }
            if (i >= n) break;
            const hex = hashOfSubject(m.subject);
            const at = hex === hexes[i] ? i : hexes.indexOf(hex, i + 1);
            if (at < 0) {
              // Another content's chunk, stored in between.
              if (++skipped > MAX_INTERLEAVED || m.info.pending === 0) break;
              continue;
            }
            skipped = 0;
            for (; i < at; i++) yield await this.chunk(sha256Hex, hexes[i]!, i, check); // stored elsewhere
            yield take(hex, i, m.data);
            seen.add(hex);
            i++;
            if (i >= n || m.info.pending === 0) break;
          }
        } finally {
          await messages.close().catch(() => undefined);
        }
      }
    }
    // Whatever the stream order did not give: one direct get each, a window ahead.
    const pending: Promise<Uint8Array>[] = [];
    let next = i;
    const prefetch = (): void => {
      if (next >= n) return;
      const k = next++;
      const p = this.chunk(sha256Hex, hexes[k]!, k, check);
      p.catch(() => undefined); // awaited in order below; not an unhandled rejection meanwhile
      pending.push(p);
    };
    for (let k = 0; k < this.window; k++) prefetch();
    for (; i < n; i++) {
      const data = await pending.shift()!;
      prefetch();
      yield data;
    }
  }

  /**
   * Reads and checks a content without keeping it; the manifest, or undefined if it is absent. One
   * hash per byte — the whole content's — since matching bytes match every chunk too; only when it
   * does not match does a second pass, chunk by chunk, name the bad chunk in the error.
   */
  async verify(sha256Hex: string, opts: DownloadOptions = {}): Promise<ContentManifest | undefined> {
    const manifest = await this.manifest(sha256Hex);
    if (!manifest) return undefined;
    const total = Number(manifest.size);
    const whole = createHash('sha256');
    let bytes = 0;
    for await (const data of this.inOrder(sha256Hex, manifest, false)) {
      if (opts.signal?.aborted) throw opts.signal.reason;
      whole.update(data);
      bytes += data.length;
      opts.onProgress?.({ bytes, total });
    }
    if (bytes === total && whole.digest('hex') === sha256Hex) return manifest;
    return this.download(sha256Hex, () => undefined, opts);
  }

  /**
   * Makes a content complete in `target` (another domain): copies the chunks it lacks, each checked
   * against its hash as it is read, then the manifest. Idempotent: chunks already there are skipped,
   * so a copy cut short resumes where it stopped.
   */
  copyTo(
    target: ContentStore,
    sha256Hex: string,
    opts: DownloadOptions = {},
  ): Promise<{ copied: number; skipped: number; copiedBytes: number }> {
    return copyContent(this, target, sha256Hex, opts);
  }

  /** One chunk, checked against its hash. */
  /** @internal */ async chunk(
    sha256Hex: string,
    chunkHex: string,
    index: number,
    check = true,
  ): Promise<Uint8Array> {
    const data = await this.get(chunkSubject(this.domain, chunkHex), { file: sha256Hex });
    if (!data) throw this.missingChunk(sha256Hex, chunkHex, index);
    return check ? this.checked(sha256Hex, chunkHex, index, data) : data;
  }

  private checked(sha256Hex: string, chunkHex: string, index: number, data: Uint8Array): Uint8Array {
    if (createHash('sha256').update(data).digest('hex') !== chunkHex) {
      throw new ContentIntegrityError(
        `chunk ${index} of content ${sha256Hex} does not match its SHA-256 ${chunkHex}`,
        sha256Hex,
        index,
      );
    }
    return data;
  }

  private missingChunk(sha256Hex: string, chunkHex: string, index: number): ContentMissingError {
    return new ContentMissingError(
      `chunk ${index} (${chunkHex}) of content ${sha256Hex} is missing in domain '${this.domain}'`,
      sha256Hex,
      this.domain,
    );
  }

  private async get(
    subject: string,
    context: { file?: string; have?: Uint8Array } = {},
  ): Promise<Uint8Array | undefined> {
    if (this.reader) return this.reader(subject, context);
    const m = await this.jsm.direct.getMessage(CONTENT_STREAM, { last_by_subj: subject });
    return m ? m.data : undefined;
  }

  /** @internal */ async has(subject: string): Promise<boolean> {
    const info = await this.jsm.streams.info(CONTENT_STREAM, { subjects_filter: subject });
    return (info.state.subjects?.[subject] ?? 0) > 0;
  }

  /** Stores a chunk; true when this call stored it, false when its bytes were there already. */
  /** @internal */ putChunk(
    subject: string,
    data: Uint8Array,
    hex: string,
    hints?: Readonly<Record<string, string>>,
  ): Promise<boolean> {
    return putChecked(this.target, subject, data, (stored) => sha256Hex(stored) === hex, hints);
  }

  /** Stores a manifest; true when this call stored it, false when one for the same bytes was there. */
  /** @internal */ putManifest(manifest: ContentManifest, upload?: string): Promise<boolean> {
    return storeManifest(
      this.target,
      manifest,
      (sha) => this.verify(sha),
      upload ? { [UPLOAD_HEADER]: upload } : undefined,
    );
  }
}

function assertSha(s: string): void {
  if (!isSha256Hex(s)) throw new RangeError(`not a lowercase hex SHA-256: '${String(s).slice(0, 80)}'`);
}
