/** Checks of the arguments of client calls: each failure is an InvalidArgument naming the call. */
import { LienthongError, assertAgencyCode, isAgencyCode } from '@lienthong/core';
import type { IAttachment } from '@lienthong/proto';
import { MAX_INLINE_ATTACHMENT_BYTES } from './types';

/** The sender named at the start of a document id `{sender},{yyyy/MM/dd},{number}/{notation}`. */
export function senderOf(documentId: string): string {
  const head = documentId.split(',')[0] ?? '';
  if (!isAgencyCode(head)) {
    throw invalid('report', `cannot tell the sender from document id '${documentId}'; pass { sender }`);
  }
  return head;
}

/** Attachments put in the document by hand travel inline: they must fit. */
export function checkAttachmentSize(a: IAttachment): void {
  if (!a.inline) return;
  const name = a.name ?? '';
  const size = a.inline.byteLength;
  if (size > MAX_INLINE_ATTACHMENT_BYTES) {
    throw new LienthongError(
      'InvalidArgument',
      `send: attachment ${name} is ${size} bytes; inline attachments are limited to ${MAX_INLINE_ATTACHMENT_BYTES} bytes (256 KiB)`,
      { context: { what: 'send', attachment: name, size, limit: MAX_INLINE_ATTACHMENT_BYTES } },
    );
  }
}

export function requireId(what: string, id: string | null | undefined): string {
  if (typeof id !== 'string' || id.trim() === '') throw invalid(what, 'a document id is required');
  return id;
}

export function requireReason(what: string, reason: string | undefined): string {
  if (typeof reason !== 'string' || reason.trim() === '') throw invalid(what, 'a reason is required');
  return reason;
}

/** Valid, distinct agency codes; at least one unless `allowEmpty`. */
export function recipientsOf(what: string, codes: readonly string[], allowEmpty = false): string[] {
  const out = [...new Set(codes.map((c) => assertAgencyCode(c)))];
  if (out.length === 0 && !allowEmpty) throw invalid(what, 'a document needs at least one recipient');
  return out;
}

export function invalid(what: string, message: string): LienthongError {
  return new LienthongError('InvalidArgument', `${what}: ${message}`, { context: { what } });
}

/** FailedPrecondition for a call on a closed client. */
export function closedError(what: string): LienthongError {
  return new LienthongError('FailedPrecondition', `${what}: the client is closed`, { context: { what } });
}
