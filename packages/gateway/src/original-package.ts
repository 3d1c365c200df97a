/** The sender's own edXML package of a received document, from the attachment that carries it. */
import { PassThrough } from 'node:stream';
import type { InboxItem } from '@lienthong/sdk';
import { GatewayError, sdkCall } from './errors';
import type { Readable } from 'node:stream';

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
  const body = new PassThrough();
  att.download(body).then(
    () => body.end(),
    (e: unknown) => body.destroy(e instanceof Error ? e : new Error(String(e))),
  );
  return { body, size: att.size };
}
