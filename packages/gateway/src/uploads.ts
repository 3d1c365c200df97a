import { ContentStore, storedAttachmentFields } from '@lienthong/content';
import type { StoredContent } from '@lienthong/content';
import type { IAttachment } from '@lienthong/proto';
import type { ContentUpload } from './spool';
import type { GatewayJetStream } from './status-queue';

/** The attachment that carries the original package, as SDK recipients see it. */
export const ORIGINAL_ATTACHMENT_NAME = 'edxml-original.edxml';
export const ORIGINAL_MEDIA_TYPE = 'application/xml';

/**
 * Where large packages are stored as they arrive: the content stream of the sender's home node's
 * domain (served by this process, whose JetStream handles these are), one store per domain.
 */
export class ContentUploads {
  private readonly stores = new Map<string, ContentStore>();

  constructor(
    private readonly nats: GatewayJetStream,
    private readonly maxBytes: number,
  ) {}

  of(domain: string): ContentUpload {
    let store = this.stores.get(domain);
    if (!store) {
      store = new ContentStore(this.nats.js, this.nats.jsm, domain);
      this.stores.set(domain, store);
    }
    const s = store;
    return (chunks) => s.upload(chunks, { maxBytes: this.maxBytes });
  }
}

/** The package as an attachment of stored content (what the SDK makes of an uploaded file). */
export function storedAttachment(stored: StoredContent): IAttachment {
  return {
    name: ORIGINAL_ATTACHMENT_NAME,
    mediaType: ORIGINAL_MEDIA_TYPE,
    ...storedAttachmentFields(stored),
  };
}
