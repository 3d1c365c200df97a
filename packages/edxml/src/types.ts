/**
 * The edXML model as read from a package: element names follow QCVN 102:2016 (including its
 * spelling `Bussiness`), values are the text as written (trimmed), except where a field says it is
 * normalised. Absent elements read as empty strings or empty lists, so that a caller never needs to
 * tell "absent" from "empty"; the warnings say which was which when it matters.
 */
import type { EdxmlError, EdxmlWarning } from './errors';

/** The QCVN 102:2016 namespace of every edXML element. */
export const EDXML_NS = 'http://www.mic.gov.vn/TBT/QCVN_102_2016';
/** XML-DSig namespace. */
export const DSIG_NS = 'http://www.w3.org/2000/09/xmldsig#';
/** XLink namespace, used (undeclared) by some systems on `edXMLManifest/Reference`. */
export const XLINK_NS = 'http://www.w3.org/1999/xlink';

/** `From`, `To`: an agency. */
export interface EdxmlOrgan {
  organId: string;
  organName: string;
  organizationInCharge: string;
  organAdd: string;
  email: string;
  telephone: string;
  fax: string;
  website: string;
}

/** `ResponseFor`: the document a package answers (or revokes). */
export interface EdxmlResponseFor {
  organId: string;
  code: string;
  /** ISO `yyyy-MM-dd`; empty when absent or unreadable (see warnings). */
  promulgationDate: string;
  documentId: string;
}

export interface EdxmlStaffInfo {
  department: string;
  staff: string;
  mobile: string;
  email: string;
}

export interface EdxmlTraceHeader {
  organId: string;
  /** As written (`yyyy/MM/dd HH:mm:ss`). */
  timestamp: string;
  /** Unix ms, read as Vietnam time (UTC+07:00) when the text has no zone; 0 when unreadable. */
  timestampMs: number;
}

export interface EdxmlReceiver {
  organId: string;
  /** 0: removed from the earlier document's recipients, 1: added. */
  receiverType: number;
}

export interface EdxmlReplacementInfo {
  documentId: string;
  organIdList: string[];
}

/** `Bussiness` (sic): what the package does to a document. */
export interface EdxmlBussiness {
  documentId: string;
  /** 0 new, 1 revoke, 2 update, 3 replace. A package without `Bussiness` reads as 0. */
  bussinessDocType: 0 | 1 | 2 | 3;
  bussinessDocReason: string;
  paper: string;
  bussinessDocumentInfo?: {
    documentInfo: string;
    documentReceiver: string;
    receiverList: EdxmlReceiver[];
  };
  replacementInfoList: EdxmlReplacementInfo[];
  staffInfo?: EdxmlStaffInfo;
}

export interface EdxmlOtherInfo {
  /** 0 thường … 4 hỏa tốc hẹn giờ. */
  priority: number;
  sphereOfPromulgation: string;
  typerNotation: string;
  promulgationAmount: string;
  pageAmount: string;
  direction: string;
  appendixes: string[];
}

/** `MessageHeader` of a document package. */
export interface EdocHeader {
  from: EdxmlOrgan;
  to: EdxmlOrgan[];
  documentId: string;
  code: { codeNumber: string; codeNotation: string };
  promulgationInfo: {
    place: string;
    /** ISO `yyyy-MM-dd`; empty when absent or unreadable. */
    promulgationDate: string;
  };
  documentType: { type: number; typeDetail: number; typeName: string };
  subject: string;
  content: string;
  signerInfo: { competence: string; position: string; fullName: string };
  /** ISO `yyyy-MM-dd`; empty when none. */
  dueDate: string;
  toPlaces: string[];
  otherInfo: EdxmlOtherInfo;
  steeringType: number;
  /** Non-empty `ResponseFor` entries, in order. */
  responseFor: EdxmlResponseFor[];
}

/** `MessageHeader` of a Status package. */
export interface StatusHeader {
  /** The agency that reports. */
  from: EdxmlOrgan;
  /** The document the status is about; `organId` is the other party (see docs/EDXML.md). */
  responseFor: EdxmlResponseFor;
  /** Two digits as written: `01`…`06`, `13`, `15`, `16`. */
  statusCode: string;
  description: string;
  /** As written. */
  timestamp: string;
  /** Unix ms (UTC+07:00 when the text has no zone); 0 when unreadable. */
  timestampMs: number;
  staffInfo: EdxmlStaffInfo;
}

/** One `edXMLManifest/Reference`. */
export interface ManifestReference {
  contentId: string;
  contentType: string;
  description: string;
  attachmentName: string;
}

/** One `AttachmentEncoded/Attachment`, decoded. */
export interface ParsedAttachment {
  contentId: string;
  attachmentName: string;
  description: string;
  /** The attachment's own ContentType, else the manifest's. */
  contentType: string;
  /** Decoded size in bytes. */
  size: number;
  /** Lowercase hex SHA-256 of the decoded bytes. */
  sha256: string;
  /**
   * The decoded bytes, when at most `keepAttachmentBytes` (default 1 MiB) and no sink took them;
   * otherwise undefined (the bytes went to the sink, or were only hashed).
   */
  data?: Uint8Array;
  /** Position of the `Attachment` element. */
  line: number;
  column: number;
}

/** Where the signature element sits, as received. */
export interface SignatureLocation {
  /** Namespace of the `Signature` element: XML-DSig, or the QCVN namespace when it declared none. */
  namespace: string;
  /** Byte offsets into the package of `<Signature` … `</Signature>` (end exclusive). */
  byteStart: number;
  byteEnd: number;
  line: number;
  column: number;
  /** Namespace declarations in scope at the element (`''` for the default namespace), nearest first. */
  namespaces: Record<string, string>;
}

interface ParsedCommon {
  /** Size of the package in bytes. */
  bytes: number;
  /** Lowercase hex SHA-256 of the package bytes as received. */
  sha256: string;
  warnings: EdxmlWarning[];
  /** The signature element(s) under `edXMLHeader`, untouched (see verifyEdxmlSignature). */
  signatures: SignatureLocation[];
  /** How many distinct element names (as written, with prefix) the package uses. */
  elementNames: number;
  /**
   * Byte ranges `[start, end)` of attachment content that is only base64 characters, tab, LF and
   * space (adjacent ranges merged): text whose canonical form (C14N) is its bytes, which signature
   * verification digests straight from the package instead of through a DOM. Absent on packages
   * made by hand.
   */
  base64Runs?: [number, number][];
}

export interface ParsedEdoc extends ParsedCommon {
  kind: 'edoc';
  header: EdocHeader;
  traceHeaderList: EdxmlTraceHeader[];
  /** Absent `Bussiness` block: undefined (the package is a new document). */
  bussiness?: EdxmlBussiness;
  manifest: ManifestReference[];
  attachments: ParsedAttachment[];
}

export interface ParsedStatus extends ParsedCommon {
  kind: 'status';
  header: StatusHeader;
  /** Status packages carry none; always empty. */
  attachments: ParsedAttachment[];
}

export type ParsedPackage = ParsedEdoc | ParsedStatus;

/** Receives one attachment's decoded bytes while the package is read. */
export interface AttachmentSink {
  /** Called with decoded bytes in order; a returned promise is awaited before more input is read. */
  write(chunk: Uint8Array): void | Promise<void>;
  /** Called once when the attachment's content ended, with its size and SHA-256. */
  end(info: { size: number; sha256: string }): void | Promise<void>;
  /** Called when the package is refused after the attachment started. */
  abort?(error: EdxmlError | Error): void;
}

/** What is known of an attachment when its content starts (the elements before ContentTransferEncoded). */
export interface AttachmentStart {
  /** 0-based position among the package's attachments. */
  index: number;
  contentId: string;
  attachmentName: string;
  contentType: string;
}

export interface ParseOptions {
  /** Refuse packages larger than this (default 200 MiB + 1 MiB of markup). */
  maxBytes?: number;
  /** Refuse elements nested deeper than this (default 32; edXML needs 8). */
  maxDepth?: number;
  /** Refuse more elements than this (default 100,000). */
  maxElements?: number;
  /** Refuse more attachments than this (default 1,000). */
  maxAttachments?: number;
  /**
   * Refuse any single name, attribute value, comment, text outside attachments, or header field
   * longer than this many characters (default 1 MiB), and more header text in total than 8 times it.
   */
  maxTokenChars?: number;
  /** Keep decoded attachments of at most this many bytes in `data` (default 1 MiB; 0: never). */
  keepAttachmentBytes?: number;
  /**
   * Told each byte range `[start, end)` of attachment text that holds only base64 characters, tab,
   * LF and space, as it is read (the ranges of `base64Runs`, before adjacent ones are merged).
   */
  onBase64Run?: (start: number, end: number) => void;
  /** Gives each attachment a sink for its decoded bytes (large attachments are never held whole). */
  attachmentSink?: (start: AttachmentStart) => AttachmentSink | undefined;
}

// Re-exported for convenience.
export type { EdxmlWarning };
