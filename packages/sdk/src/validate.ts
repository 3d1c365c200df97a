/** Checks of the arguments of client calls: each failure is an InvalidArgument naming the call. */
import { LienthongError, assertAgencyCode, isAgencyCode } from '@lienthong/core';
import { BusinessOperation, Priority } from '@lienthong/proto';
import type { IAttachment, IDocument } from '@lienthong/proto';
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

/**
 * What a caller in plain JavaScript can get wrong that the encoder would turn into something else
 * without a word: a recipient given as a string (its code read as empty), `to` given as one object,
 * a priority given by name (encoded as 0, normal: an urgent document sent as an ordinary one).
 */
export function checkDocumentShape(what: string, document: IDocument, priority?: unknown): void {
  const to: unknown = document.to;
  if (to !== undefined && to !== null && !Array.isArray(to)) {
    throw invalid(
      what,
      `to must be a list of recipients, [{ code: '000.00.00.G22' }, …]; got ${describe(to)}`,
    );
  }
  ((to ?? []) as unknown[]).forEach((r, i) => {
    if (typeof r !== 'object' || r === null || typeof (r as { code?: unknown }).code !== 'string') {
      throw invalid(
        what,
        typeof r === 'string'
          ? `to[${i}] is the string '${r}'; a recipient is an object: { code: '${r}' }`
          : `to[${i}] must be { code: 'AAA.BB.CC.Xnn' }; got ${describe(r)}`,
      );
    }
  });
  checkPriority(what, 'document.priority', document.priority);
  checkPriority(what, 'priority', priority);
  for (const [field, value, hint] of [
    ['steeringType', document.steeringType, 'a number'],
    ['documentType.type', document.documentType?.type, 'a number (its name goes in documentType.typeName)'],
  ] as const) {
    if (value !== undefined && value !== null && !Number.isInteger(value)) {
      throw invalid(what, `${field} ${describe(value)} is not a whole number: pass ${hint}`);
    }
  }
  // By name it would be encoded as 0, NEW: a revoke, update or replace sent as a new document.
  const operation: unknown = document.business?.operation;
  if (operation !== undefined && operation !== null && !isMember(BusinessOperation, operation)) {
    throw invalid(
      what,
      `business.operation ${describe(operation)} is not a BusinessOperation: pass BusinessOperation.BUSINESS_OPERATION_REVOKE and the like (import { BusinessOperation } from '@lienthong/sdk'), or use update() and replace()`,
    );
  }
  const at: unknown = document.appointedAtMs;
  // A number, or a Long as protobufjs decodes int64 fields.
  const long = typeof at === 'object' && at !== null && 'low' in at && 'high' in at;
  if (at !== undefined && at !== null && !long && !(typeof at === 'number' && Number.isFinite(at))) {
    throw invalid(
      what,
      `appointedAtMs ${at instanceof Date ? `is a Date (${at.toISOString()})` : describe(at)}: pass Unix milliseconds, such as date.getTime() or Date.parse('2026-12-07T08:00:00+07:00')`,
    );
  }
}

/** A priority that is a `Priority` value, or none. */
export function checkPriority(what: string, field: string, value: unknown): void {
  if (value === undefined || value === null) return;
  if (!isMember(Priority, value)) {
    throw invalid(
      what,
      `${field} ${describe(value)} is not a Priority: pass Priority.PRIORITY_URGENT and the like (import { Priority } from '@lienthong/sdk'), or a number 0–4`,
    );
  }
}

/**
 * Whether `value` is a value of a generated enum. Its object maps names to numbers too, so a name
 * (which the encoder would write as 0) is no member.
 */
function isMember(e: Record<number, string>, value: unknown): boolean {
  return typeof value === 'number' && e[value] !== undefined;
}

function describe(v: unknown): string {
  if (typeof v === 'string') return `'${v}'`;
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

export function requireId(what: string, id: string | null | undefined): string {
  if (typeof id !== 'string' || id.trim() === '') throw invalid(what, 'a document id is required');
  return id;
}

/** The options of a call that needs a reason (recall, update, replace), given at all. */
export function requireOptions<T>(what: string, opts: T | undefined | null): T {
  if (typeof opts !== 'object' || opts === null) {
    throw invalid(what, "options with a reason are required: { reason: '…' }");
  }
  return opts;
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
