/**
 * Attachment content stored through the home node (the agency service's `put`): an agency may not
 * publish on content subjects itself, so that the node can count what each agency stores — content
 * is shared by hash, and the stream cannot tell whose a chunk is. The node refuses a chunk whose
 * bytes do not hash to its subject, an agency over its upload pace or over its bound of content no
 * document references yet (`UploadQuota`), and otherwise stores the message as the agency would
 * have, once (a taken subject is reported, and the agency's store checks what holds it).
 */
import { createHash } from 'node:crypto';
import type { JetStreamClient } from '@nats-io/jetstream';
import { LienthongError, agencyFromToken } from '@lienthong/core';
import { CHUNK_INDEX_HEADER, UPLOAD_HEADER, publishContent } from '@lienthong/content';
import type { ContentWriter } from '@lienthong/content';
import { ContentManifest } from '@lienthong/proto';
import type { ContentHolders } from './content-held';
import type { UploadQuota } from './upload-quota';

/** The largest chunk (`MAX_CHUNK_SIZE` of @lienthong/content): 1 MiB less 4 KiB. */
const MAX_CHUNK_BYTES = 1024 * 1024 - 4096;
/** A manifest lists a chunk hash per chunk: 200 MiB in 1 KiB chunks stays under this. */
const MAX_MANIFEST_BYTES = MAX_CHUNK_BYTES;
const CONTENT_SUBJECT = /^lt\.v1\.content\.([^.]+)\.([cm])\.([0-9a-f]{64})$/;

export interface ContentPutRequest {
  readonly subject: unknown;
  readonly data: Uint8Array;
  /** The upload's `Lt-Upload` and `Lt-Chunk` headers, as given (a hint for the guard). */
  readonly upload?: string | undefined;
  readonly index?: string | undefined;
}

export class ContentPuts {
  constructor(
    private readonly js: JetStreamClient,
    /** The JetStream domain of the content stream this process serves ('' for none). */
    private readonly domain: string,
    private readonly quota: UploadQuota,
    /** Where what each agency has shown it holds is recorded (content-held.ts). */
    readonly holders?: ContentHolders,
    private readonly timeoutMs = 10_000,
  ) {}

  /**
   * Where this process stores content for an agency itself (the edXML gateway, for the large
   * packages it stores as they arrive): counted like the agency's own uploads. The bytes come from
   * this process, which hashed them, so they are not hashed again here.
   */
  writerFor(token: string): ContentWriter {
    return (subject, data, hints) =>
      this.put(
        token,
        { subject, data, upload: hints?.[UPLOAD_HEADER], index: hints?.[CHUNK_INDEX_HEADER] },
        false,
      );
  }

  /** Stores the message for the agency (by subject token); true when stored, false when there already. */
  async put(token: string, req: ContentPutRequest, checkHash = true): Promise<boolean> {
    const subject = typeof req.subject === 'string' ? req.subject : '';
    const m = CONTENT_SUBJECT.exec(subject);
    if (!m || m[1] !== (this.domain || '_')) {
      throw new LienthongError(
        'PermissionDenied',
        `'${subject.slice(0, 120)}' is not a content subject of this node's domain`,
        { context: { agency: agencyFromToken(token) } },
      );
    }
    const [, , kind, hash] = m as unknown as [string, string, 'c' | 'm', string];
    const { data } = req;
    if (kind === 'c') {
      if (data.byteLength === 0 || data.byteLength > MAX_CHUNK_BYTES) {
        throw invalid(`a chunk is 1 to ${MAX_CHUNK_BYTES} bytes, not ${data.byteLength}`, subject);
      }
      const ticket = this.quota.admit(token, data.byteLength);
      try {
        // Content counts as stored only when its bytes hash to its subject: refused before it is stored.
        if (checkHash && createHash('sha256').update(data).digest('hex') !== hash) {
          throw invalid('the chunk’s bytes do not hash to its subject; nothing was stored', subject);
        }
        const stored = await publishContent(this.target, subject, data, hints(req));
        if (stored) ticket.stored(hash);
        else ticket.release();
        // Stored now or before by anyone: the agency sent these bytes, so it holds them.
        await this.holders?.record(token, hash);
        return stored;
      } catch (e) {
        ticket.release();
        throw e;
      }
    }
    if (data.byteLength > MAX_MANIFEST_BYTES) {
      throw invalid(`a manifest is at most ${MAX_MANIFEST_BYTES} bytes`, subject);
    }
    let manifest: ContentManifest;
    try {
      manifest = ContentManifest.decode(data);
    } catch {
      throw invalid('the manifest does not decode', subject);
    }
    if (manifest.sha256Hex !== hash) throw invalid('the manifest names another content', subject);
    const chunks = manifest.chunks.map((c) => Buffer.from(c).toString('hex'));
    // Only a manifest of chunks the agency stored itself (anything else would store a claim).
    const missing = await this.holders?.firstMissing(token, chunks);
    if (missing !== undefined) {
      throw new LienthongError(
        'FailedPrecondition',
        `content put: the manifest lists chunk ${missing}, which agency ${agencyFromToken(token)} has not stored ` +
          'through its home node; store every chunk of the content first',
        { context: { subject, chunk: missing } },
      );
    }
    this.quota.admit(token, data.byteLength, false);
    // The agency's chunks of this content are freed together once a document references it.
    this.quota.link(token, hash, chunks);
    // No record of the whole here: a manifest proves nothing of the content it names. Who holds a
    // content is who holds every chunk its stored manifest lists (ContentReads.holdsContent).
    return publishContent(this.target, subject, data, hints(req));
  }

  /** For `publishContent`: where and how long. */
  get target(): { js: JetStreamClient; domain: string; timeoutMs: number } {
    return { js: this.js, domain: this.domain, timeoutMs: this.timeoutMs };
  }
}

function hints(req: ContentPutRequest): Record<string, string> | undefined {
  const upload = typeof req.upload === 'string' && /^[0-9a-f]{1,64}$/.test(req.upload) ? req.upload : '';
  if (!upload) return undefined;
  const index = typeof req.index === 'string' && /^\d{1,9}$/.test(req.index) ? req.index : undefined;
  return { [UPLOAD_HEADER]: upload, ...(index !== undefined ? { [CHUNK_INDEX_HEADER]: index } : {}) };
}

function invalid(message: string, subject: string): LienthongError {
  return new LienthongError('InvalidArgument', `content put: ${message}`, { context: { subject } });
}
