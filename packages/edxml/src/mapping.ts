/**
 * Mapping between the edXML model and the lienthong.v1 contract (`Document`, `StatusReport`), field
 * by field as documented in docs/EDXML.md. What the contract has no field for is not lost: the
 * original package travels with the document.
 */
import { Document, StatusReport } from '@lienthong/proto';
import type { IAttachment, IContentRef, IOrgan, IResponseFor } from '@lienthong/proto';
import type { EdxmlOrgan, EdxmlResponseFor, ParsedAttachment, ParsedEdoc, ParsedStatus } from './types';

export interface ToDocumentOptions {
  /**
   * Where an attachment's bytes are stored when they are not kept in `data` (large attachments): the
   * caller stored them through `attachmentSink` and returns the content reference. Attachments with
   * `data` travel inline unless this returns a reference for them.
   */
  contentRef?: (attachment: ParsedAttachment, index: number) => IContentRef | undefined;
}

/** Maps a parsed edoc package to a `Document`. */
export function toDocument(parsed: ParsedEdoc, opts: ToDocumentOptions = {}): Document {
  const h = parsed.header;
  const b = parsed.bussiness;
  const doc = Document.create({
    documentId: h.documentId,
    from: organ(h.from),
    to: h.to.map(organ),
    codeNumber: h.code.codeNumber,
    codeNotation: h.code.codeNotation,
    promulgationPlace: h.promulgationInfo.place,
    promulgationDate: h.promulgationInfo.promulgationDate,
    documentType: {
      type: h.documentType.type,
      typeDetail: h.documentType.typeDetail,
      typeName: h.documentType.typeName,
    },
    subject: h.subject,
    contentSummary: h.content,
    signer: {
      competence: h.signerInfo.competence,
      position: h.signerInfo.position,
      fullName: h.signerInfo.fullName,
    },
    dueDate: h.dueDate,
    places: [...h.toPlaces],
    priority: h.otherInfo.priority,
    steeringType: h.steeringType,
    responseFor: h.responseFor.map(responseFor),
    attachments: parsed.attachments.map((a, i) => attachment(a, opts.contentRef?.(a, i))),
  });
  if (b !== undefined) {
    const receivers = b.bussinessDocumentInfo?.receiverList ?? [];
    doc.business = {
      operation: b.bussinessDocType,
      reason: b.bussinessDocReason,
      addedRecipients: receivers.filter((r) => r.receiverType === 1).map((r) => r.organId),
      removedRecipients: receivers.filter((r) => r.receiverType === 0).map((r) => r.organId),
      replaces: [...new Set(b.replacementInfoList.map((r) => r.documentId).filter((d) => d !== ''))],
    };
  }
  return doc;
}

function organ(o: EdxmlOrgan): IOrgan {
  return {
    code: o.organId,
    name: o.organName,
    organizationInCharge: o.organizationInCharge,
    address: o.organAdd,
    email: o.email,
    telephone: o.telephone,
    fax: o.fax,
    website: o.website,
  };
}

function responseFor(r: EdxmlResponseFor): IResponseFor {
  return {
    organCode: r.organId,
    code: r.code,
    promulgationDate: r.promulgationDate,
    documentId: r.documentId,
  };
}

function attachment(a: ParsedAttachment, ref: IContentRef | undefined): IAttachment {
  const out: IAttachment = {
    name: a.attachmentName,
    mediaType: a.contentType,
    description: a.description,
    size: a.size,
    sha256: Buffer.from(a.sha256, 'hex'),
  };
  if (ref !== undefined) out.ref = ref;
  else if (a.data !== undefined) out.inline = a.data;
  return out;
}

/**
 * The agency whose home node keeps the tracking of the document a status answers: for 13 (the
 * sender asks for its document back) the responder itself; otherwise `ResponseFor/OrganId`, else the
 * organ that opens the DocumentId (`<organ>,<date>,<number>/<notation>`).
 */
export function documentSenderOf(parsed: ParsedStatus): string {
  const h = parsed.header;
  if (h.statusCode === '13') return h.from.organId;
  if (h.responseFor.organId !== '') return h.responseFor.organId;
  return organOfDocumentId(h.responseFor.documentId);
}

/** The organ code that opens a `<organ>,<yyyy/MM/dd>,<number>/<notation>` DocumentId; '' for other forms. */
export function organOfDocumentId(documentId: string): string {
  const m = /^([^,]+),\d{4}\/\d{2}\/\d{2},/.exec(documentId);
  return m === null ? '' : m[1]!;
}

/**
 * The number, notation and promulgation date (`YYYY-MM-DD`) a `<organ>,<YYYY/MM/DD>,<number>/<notation>`
 * DocumentId carries (`2491/STC-BCTC`: number `2491`, notation `STC-BCTC`); undefined for another form.
 */
export function codeOfDocumentId(
  documentId: string,
): { number: string; notation: string; date: string } | undefined {
  const m = /^[^,]+,(\d{4})\/(\d{2})\/(\d{2}),([^/]+)\/(.+)$/.exec(documentId);
  return m === null ? undefined : { number: m[4]!, notation: m[5]!, date: `${m[1]}-${m[2]}-${m[3]}` };
}

/** Maps a parsed Status package to a `StatusReport` (unsigned; `documentSha256` left empty). */
export function toStatusReport(parsed: ParsedStatus): StatusReport {
  const h = parsed.header;
  return StatusReport.create({
    code: Number(h.statusCode),
    responder: h.from.organId,
    documentId: h.responseFor.documentId,
    documentSender: documentSenderOf(parsed),
    staff: {
      department: h.staffInfo.department,
      name: h.staffInfo.staff,
      phone: h.staffInfo.mobile,
      email: h.staffInfo.email,
    },
    description: h.description,
    timestampMs: h.timestampMs,
  });
}
