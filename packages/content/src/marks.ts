import { createHash, randomBytes } from 'node:crypto';
import { ContentManifest } from '@lienthong/proto';

/** Headers of a content publish that let the domain's guard follow one upload chunk by chunk. */
export const UPLOAD_HEADER = 'Lt-Upload';
export const CHUNK_INDEX_HEADER = 'Lt-Chunk';

/**
 * Where a domain records that a content was verified as a whole (its chunks, in the manifest's order,
 * hash to its id), so that a node that delivers it checks the manifest and not every byte again. Only
 * node identities may write the records (the node package keeps them in the domain's reference
 * bucket, which no agency may publish to).
 *
 * A record is bound to the manifest it checked (its digest) and to a stamp read before the check
 * began; the stamp changes whenever anything is removed from the domain's content (a bad chunk or
 * manifest by the guard, old content by the sweep), which voids every record made before it.
 */
export interface VerificationMarks {
  /** The current stamp: read it before a verification begins, and write the record with it. */
  stamp(): Promise<number>;
  /** Records that `manifest` describes content `sha256Hex` correctly, as verified under `stamp`. */
  mark(sha256Hex: string, manifest: ContentManifest, stamp: number): Promise<void>;
  /** True when a record for this very manifest holds under the current stamp. */
  holds(sha256Hex: string, manifest: ContentManifest): Promise<boolean>;
  /** Changes the stamp; called before anything is removed from the domain's content. */
  removing(): Promise<void>;
}

/** The digest a verification record binds to: the manifest's encoded bytes. */
export function manifestDigest(manifest: ContentManifest): string {
  return createHash('sha256').update(ContentManifest.encode(manifest).finish()).digest('hex');
}

/** A fresh id for the `Lt-Upload` header of one upload or copy. */
export function newUploadId(): string {
  return randomBytes(12).toString('hex');
}

/** The headers of the `index`-th chunk of an upload. */
export function uploadHints(upload: string, index: number): Record<string, string> {
  return { [UPLOAD_HEADER]: upload, [CHUNK_INDEX_HEADER]: String(index) };
}
