import { LienthongError } from '@lienthong/core';

/**
 * Stored bytes do not match their SHA-256: a chunk, or the whole content. Nothing of a chunk that
 * fails its check is ever handed to the caller.
 */
export class ContentIntegrityError extends LienthongError {
  constructor(
    message: string,
    readonly sha256Hex: string,
    readonly chunk: number | undefined,
  ) {
    super('DataLoss', message, { context: { sha256: sha256Hex, ...(chunk !== undefined ? { chunk } : {}) } });
    this.name = 'ContentIntegrityError';
  }
}

/** Content, or one of its chunks, is not stored where it was looked for. */
export class ContentMissingError extends LienthongError {
  constructor(
    message: string,
    readonly sha256Hex: string,
    readonly domain: string,
  ) {
    super('NotFound', message, { context: { sha256: sha256Hex, domain } });
    this.name = 'ContentMissingError';
  }
}

/** Content over the size limit; refused before (or as soon as) it crosses the limit. */
export class ContentTooLargeError extends LienthongError {
  constructor(
    message: string,
    readonly limit: number,
    readonly size: number | undefined,
    /** Chunks already stored before the limit was crossed; the retention sweep removes them. */
    readonly storedChunks: number,
  ) {
    super('InvalidArgument', message, { context: { limit, size, storedChunks } });
    this.name = 'ContentTooLargeError';
  }
}
