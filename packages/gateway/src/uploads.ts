import { ContentStore, storedAttachmentFields } from '@lienthong/content';
import type { ContentWriter, StoredContent } from '@lienthong/content';
import type { IAttachment } from '@lienthong/proto';
import type { ContentUpload } from './spool';
import type { GatewayJetStream } from './status-queue';

/** The attachment that carries the original package, as SDK recipients see it. */
export const ORIGINAL_ATTACHMENT_NAME = 'edxml-original.edxml';
export const ORIGINAL_MEDIA_TYPE = 'application/xml';

/** What the gateway's host may offer for storing packages (NodeRuntime has it). */
export interface UploadHost {
  /**
   * Where content stored for an agency goes, counted against its upload pace and its bound of
   * unreferenced content; without it, large packages are stored uncounted.
   */
  contentWriter?(agency: string): ContentWriter;
}

/**
 * Where large packages are stored as they arrive: the content stream of the sender's home node's
 * domain (served by this process, whose JetStream handles these are), one store per domain.
 */
export class ContentUploads {
  private readonly stores = new Map<string, ContentStore>();

  constructor(
    private readonly nats: GatewayJetStream,
    private readonly maxBytes: number,
    private readonly host: UploadHost = {},
  ) {}

  /** Stores a package of `agency` in `domain`. */
  of(domain: string, agency: string): ContentUpload {
    let store = this.stores.get(domain);
    const write = this.host.contentWriter?.(agency);
    if (write) {
      store = new ContentStore(this.nats.js, this.nats.jsm, domain, { write });
    } else if (!store) {
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
