/** The stream that holds chunks and manifests, one per JetStream domain. */
export const CONTENT_STREAM = 'LT_CONTENT';

/** KV bucket of references from retained documents to content: `<content sha256>.<envelope id>`. */
export const CONTENT_REFS_BUCKET = 'lt_content_refs';

/** KV bucket of which agency has shown it holds which bytes: `<agency token>.<sha256>` (written by nodes). */
export const CONTENT_HELD_BUCKET = 'lt_content_held';

/**
 * Chunk size the SDK uses unless told otherwise: 512 KiB (one fits in a default 1 MiB message with
 * room to spare). Half as many messages as 256 KiB chunks cost measurably less CPU per transfer
 * (docs/BENCHMARKS.md); content stored with any other chunk size reads the same (its manifest says).
 */
export const DEFAULT_CHUNK_SIZE = 512 * 1024;

/** Largest chunk accepted: a chunk is one NATS message, capped at 1 MiB by default. */
export const MAX_CHUNK_SIZE = 1024 * 1024 - 4096;

/** Largest attachment, by default (200 MiB). */
export const DEFAULT_MAX_ATTACHMENT_BYTES = 200 * 1024 * 1024;

/** Attachments up to this size travel inside the document, by default (256 KiB). */
export const DEFAULT_MAX_INLINE_BYTES = 256 * 1024;

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** True for a lowercase hex SHA-256: what a content id and a chunk id must be. */
export function isSha256Hex(s: unknown): s is string {
  return typeof s === 'string' && SHA256_HEX.test(s);
}

/**
 * The subject token of a JetStream domain. Every domain's content stream captures only its own
 * token, so two domains linked by a leaf connection never both store one chunk publish; the default
 * (unnamed) domain is `_`.
 */
export function domainToken(domain: string): string {
  return domain === '' ? '_' : domain;
}

/** One chunk, named by the SHA-256 of its bytes. */
export function chunkSubject(domain: string, chunkSha256Hex: string): string {
  return `lt.v1.content.${domainToken(domain)}.c.${chunkSha256Hex}`;
}

/** The manifest of one content, named by the SHA-256 of the whole content. */
export function manifestSubject(domain: string, sha256Hex: string): string {
  return `lt.v1.content.${domainToken(domain)}.m.${sha256Hex}`;
}

export function chunkFilter(domain: string): string {
  return `lt.v1.content.${domainToken(domain)}.c.*`;
}

export function manifestFilter(domain: string): string {
  return `lt.v1.content.${domainToken(domain)}.m.*`;
}

/** The hash at the end of a chunk or manifest subject. */
export function hashOfSubject(subject: string): string {
  return subject.slice(subject.lastIndexOf('.') + 1);
}
