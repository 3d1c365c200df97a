import type { IAttachment } from '@lienthong/proto';
import type { StoredContent } from './store-options';

/** What an attachment says of content stored in chunks: its size, SHA-256 and reference. */
export function storedAttachmentFields(stored: StoredContent): Pick<IAttachment, 'size' | 'sha256' | 'ref'> {
  return {
    size: stored.size,
    sha256: stored.sha256,
    ref: {
      sha256Hex: stored.sha256Hex,
      size: stored.size,
      chunkSize: stored.chunkSize,
      chunkCount: stored.chunkCount,
    },
  };
}
