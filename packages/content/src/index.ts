/**
 * @lienthong/content: attachment bytes stored content-addressed in JetStream. Chunks under their own
 * SHA-256, a manifest under the whole content's SHA-256 written last; uploads and downloads stream
 * with bounded memory and check every hash; a hop copies content into the next JetStream domain; a
 * sweep removes what no retained document references.
 */
export {
  CONTENT_STREAM,
  CONTENT_HELD_BUCKET,
  CONTENT_REFS_BUCKET,
  DEFAULT_CHUNK_SIZE,
  DEFAULT_MAX_ATTACHMENT_BYTES,
  DEFAULT_MAX_INLINE_BYTES,
  chunkSubject,
  isSha256Hex,
  manifestSubject,
} from './subjects';
export { ContentIntegrityError, ContentMissingError, ContentTooLargeError } from './errors';
export { ContentStore } from './store';
export { storedAttachmentFields } from './attachment-ref';
export { CONTENT_GUARD_CONSUMER, ContentGuard } from './guard';
export type { ContentGuardEvents } from './guard';
export { ensureContentStream } from './stream';
export { CHUNK_INDEX_HEADER, UPLOAD_HEADER, manifestDigest } from './marks';
export type { VerificationMarks } from './marks';
export { sweepContent } from './sweep';
export { publishContent } from './put';

export type {
  ContentStoreOptions,
  DownloadOptions,
  Progress,
  ProgressCallback,
  ReadOptions,
  StoredContent,
  UploadOptions,
} from './store-options';
export type { SweepOptions, SweepResult } from './sweep';
export type { ContentReader } from './reader';
export type { ContentWriter } from './put';
