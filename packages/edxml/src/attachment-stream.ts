/**
 * One attachment's content while it is read: its base64 text decoded as it arrives, hashed, kept in
 * memory up to a bound when nobody else takes it, and handed to the caller's sink in order.
 */
import { createHash } from 'node:crypto';
import { Base64StreamDecoder } from './base64';
import { EdxmlError } from './errors';
import type { ReadAttachment, XNode } from './read-result';
import type { AttachmentSink, AttachmentStart } from './types';

/** Queues a sink call after the ones before it (the reader awaits the queue between input slices). */
export type SinkQueue = (job: () => void | Promise<void>) => void;

/** What is known of an attachment when its `ContentTransferEncoded` element opens. */
export function attachmentStart(content: XNode, index: number): AttachmentStart {
  const att = content.parent!;
  const field = (local: string): string => att.children.find((c) => c.local === local)?.text.trim() ?? '';
  return {
    index,
    contentId: field('ContentId'),
    attachmentName: field('AttachmentName'),
    contentType: field('ContentType'),
  };
}

export class AttachmentStream {
  private readonly decoder = new Base64StreamDecoder();
  private readonly hash = createHash('sha256');
  private size = 0;
  private kept: Uint8Array[] | undefined;

  constructor(
    readonly start: AttachmentStart,
    /** The `ContentTransferEncoded` element. */
    readonly node: XNode,
    private readonly keepBytes: number,
    /** The caller's sink for this attachment; without one, up to `keepBytes` are kept in memory. */
    readonly sink: AttachmentSink | undefined,
    private readonly queue: SinkQueue,
  ) {
    this.kept = keepBytes > 0 && sink === undefined ? [] : undefined;
  }

  /** Decodes more of the base64 text. */
  text(text: string): void {
    let bytes: Uint8Array;
    try {
      bytes = this.decoder.push(text);
    } catch (e) {
      throw this.badBase64(e);
    }
    this.bytes(bytes);
  }

  /** The content ended: the last bytes, the sink's `end`, and what the package reports of it. */
  end(): ReadAttachment {
    let tail: Uint8Array;
    try {
      tail = this.decoder.end();
    } catch (e) {
      throw this.badBase64(e);
    }
    this.bytes(tail);
    const sha256 = this.hash.digest('hex');
    const size = this.size;
    const sink = this.sink;
    if (sink !== undefined) this.queue(() => sink.end({ size, sha256 }));
    const read: ReadAttachment = { start: this.start, node: this.node, size, sha256 };
    if (this.kept !== undefined) read.data = new Uint8Array(Buffer.concat(this.kept));
    return read;
  }

  private bytes(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    this.hash.update(bytes);
    this.size += bytes.length;
    if (this.kept !== undefined) {
      if (this.size > this.keepBytes) this.kept = undefined;
      else this.kept.push(bytes);
    }
    const sink = this.sink;
    if (sink !== undefined) this.queue(() => sink.write(bytes));
  }

  /**
   * Base64 that does not decode is reported at its `ContentTransferEncoded` element: where the
   * decoder notices depends on how the input was sliced, the element does not.
   */
  private badBase64(e: unknown): EdxmlError {
    return new EdxmlError(
      'BAD_BASE64',
      `attachment ${this.start.contentId || this.start.index}: ${(e as Error).message} (in the ContentTransferEncoded that starts here)`,
      { line: this.node.line, column: this.node.column },
    );
  }
}
