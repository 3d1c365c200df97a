import { ContentStore, storedAttachmentFields } from '@lienthong/content';
import type { ContentWriter, StoredContent } from '@lienthong/content';
import type { IAttachment } from '@lienthong/proto';
import type { StoredReader } from './package-attachments';
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

  /** Reads stored content of `domain` back, chunk by chunk, each checked against its SHA-256. */
  reader(domain: string): StoredReader {
    let store = this.stores.get(domain);
    if (!store) {
      store = new ContentStore(this.nats.js, this.nats.jsm, domain);
      this.stores.set(domain, store);
    }
    const s = store;
    return (sha256Hex, write) => s.download(sha256Hex, write);
  }

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

/**
 * The original package as the document's attachment: referenced when it was stored as content while
 * it arrived, else given to the SDK to attach (its bytes, or its spool file).
 */
export function originalAttachment(pkg: {
  readonly data?: Uint8Array;
  readonly path?: string;
  readonly stored?: StoredContent;
}): {
  referenced: IAttachment[];
  sources: ({ name: string; mediaType: string } & ({ data: Uint8Array } | { path: string }))[];
} {
  if (pkg.stored) return { referenced: [storedAttachment(pkg.stored)], sources: [] };
  const info = { name: ORIGINAL_ATTACHMENT_NAME, mediaType: ORIGINAL_MEDIA_TYPE };
  return { referenced: [], sources: [pkg.data ? { ...info, data: pkg.data } : { ...info, path: pkg.path! }] };
}
