/** The options and results of the uploads and downloads of `ContentStore` (store.ts). */
import type { ContentWriter } from './put';
import type { ContentReader } from './reader';

/** Bytes moved so far, and the total when it is known. */
export interface Progress {
  readonly bytes: number;
  readonly total: number | undefined;
}

export type ProgressCallback = (p: Progress) => void;

/** What an upload stored: the content's id and its shape, as a document's `ContentRef` carries it. */
export interface StoredContent {
  readonly sha256Hex: string;
  readonly sha256: Uint8Array;
  readonly size: number;
  readonly chunkSize: number;
  readonly chunkCount: number;
  /** Chunks this upload added; the others were stored already (the same bytes sent before). */
  readonly newChunks: number;
}

export interface UploadOptions {
  /** Bytes per chunk; {@link DEFAULT_CHUNK_SIZE} by default. */
  readonly chunkSize?: number;
  /** Refuse content larger than this; {@link DEFAULT_MAX_ATTACHMENT_BYTES} by default. */
  readonly maxBytes?: number;
  /** The size, when known in advance: refused at once when over the limit, and checked at the end. */
  readonly size?: number;
  readonly onProgress?: ProgressCallback;
  readonly signal?: AbortSignal;
  /**
   * The source hands each piece over and never writes to it again (a file read stream does): a
   * whole chunk within one piece is stored as it is rather than copied first. Leave it unset for a
   * source that may reuse its buffer.
   */
  readonly handsOver?: boolean;
}

export interface DownloadOptions {
  readonly onProgress?: ProgressCallback;
  readonly signal?: AbortSignal;
}

export interface ReadOptions extends DownloadOptions {
  /**
   * False: chunks are handed over unchecked, the whole content checked against its id at the end
   * (each byte hashed once, not twice); for a sink thrown away when the download fails. True by
   * default: no byte of a bad chunk is handed over.
   */
  readonly checkEachChunk?: boolean;
}

export interface ContentStoreOptions {
  /** Chunk publishes (or reads) in flight at once: the memory bound is about `window × chunk size`. */
  readonly window?: number;
  /** Deadline of one publish or read. */
  readonly timeoutMs?: number;
  /**
   * Read long contents through an ordered consumer (true, the default), or by direct gets only, as
   * an agency must: its permissions allow no consumer on the content stream.
   */
  readonly streamReads?: boolean;
  /** How a message is read instead of a direct get (an agency's: through its home node). */
  readonly read?: ContentReader;
  /** How a message is stored instead of a publish (an agency's: through its home node, which counts it). */
  readonly write?: ContentWriter;
}
