/**
 * The package of a received document: the sender's own edXML bytes, from the attachment that carries
 * them, or a document born in the SDK rendered as edXML with its attachments' bytes.
 */
import { PassThrough, Readable } from 'node:stream';
import type { IDocument } from '@lienthong/proto';
import type { InboxItem, ReceivedAttachment } from '@lienthong/sdk';
import type { EdxmlCodec } from './codec';
import { GatewayError, sdkCall } from './errors';

export interface PackageBytes {
  readonly size?: number;
  readonly body: Uint8Array | Readable;
  /** The verdict on the original's XML signature (its code), when the item carries one. */
  readonly edxmlSignature?: string;
}

export async function originalPackage(item: InboxItem, original: string): Promise<PackageBytes> {
  const att = item.attachments.find((a) => a.sha256Hex === original);
  if (!att) {
    throw new GatewayError(500, 'DataLoss', `the original package ${original} is not among the attachments`);
  }
  if (!att.stored) {
    const bytes = await sdkCall(() => att.bytes());
    return { body: bytes, size: bytes.length };
  }
  const [source] = await started([att]);
  return { body: readableOf(source!, [source!]), size: att.size };
}

/**
 * A document born in the SDK, as an edXML package: in memory when it has no attachment (its size is
 * known), else streamed, each attachment read through the recipient's client (checked against its
 * SHA-256 chunk by chunk) when the package reaches it and base64-encoded into it.
 */
export async function renderedPackage(
  codec: EdxmlCodec,
  d: IDocument,
  item: InboxItem,
): Promise<PackageBytes> {
  if ((d.attachments ?? []).length === 0) {
    const parts: Uint8Array[] = [];
    for await (const p of codec.renderEdoc(d)) parts.push(p);
    const bytes = Buffer.concat(parts);
    return { body: bytes, size: bytes.length };
  }
  const sources = await started(item.attachments);
  return { body: readableOf(codec.renderEdoc(d, sources), sources) };
}

/** An attachment's bytes, read from its first chunk on; `close()` stops the read wherever it is. */
interface StartedSource extends AsyncIterable<Uint8Array> {
  close(): Promise<void>;
}

/**
 * Starts reading each stored attachment up to its first chunk before anything is answered, so that
 * content that is missing (purged, lost) is a DataLoss error naming the attachment rather than a
 * response that breaks off part way. A failure stops the reads already started.
 */
async function started(atts: readonly ReceivedAttachment[]): Promise<StartedSource[]> {
  const sources: StartedSource[] = [];
  for (const att of atts) {
    const gen = attachmentBytes(att);
    let first: IteratorResult<Uint8Array>;
    try {
      first = att.stored ? await gen.next() : { done: false, value: new Uint8Array() };
    } catch (e) {
      await Promise.all(sources.map((s) => s.close()));
      const why = e instanceof Error ? e.message : String(e);
      throw new GatewayError(
        500,
        'DataLoss',
        `attachment ${att.name} (${att.sha256Hex}) cannot be read: ${why}`,
      );
    }
    const replay = (async function* (): AsyncGenerator<Uint8Array> {
      if (first.done) return;
      if (first.value.length > 0) yield first.value;
      yield* gen;
    })();
    sources.push({
      [Symbol.asyncIterator]: () => replay,
      // The replay passes a return on to the read it is in; a read never reached is ended itself.
      close: async () => {
        await replay.return(undefined).catch(() => undefined);
        await gen.return(undefined).catch(() => undefined);
      },
    });
  }
  return sources;
}

/** The response body; once it closes (sent, or the client hung up), every read still open stops. */
function readableOf(parts: AsyncIterable<Uint8Array>, sources: readonly StartedSource[]): Readable {
  const body = Readable.from(parts, { objectMode: false });
  body.once('close', () => void Promise.all(sources.map((s) => s.close())));
  return body;
}

/** One attachment's bytes, read once asked for, at the pace the reader takes them. */
async function* attachmentBytes(att: ReceivedAttachment): AsyncGenerator<Uint8Array> {
  const through = new PassThrough({ highWaterMark: 1024 * 1024 });
  const stop = new AbortController();
  const done = att.download(through, { signal: stop.signal }).then(
    () => through.end(),
    (e: unknown) => through.destroy(e instanceof Error ? e : new Error(String(e))),
  );
  let finished = false;
  try {
    for await (const chunk of through as AsyncIterable<Buffer>) yield chunk;
    finished = true;
  } finally {
    if (!finished) {
      // The reader went away (a client that hung up) or the content failed its check: stop reading.
      stop.abort();
      through.destroy(new Error(`attachment ${att.name} was not read to its end`));
    }
    await done;
  }
}
