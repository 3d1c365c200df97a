/**
 * Typed refusals and warnings of the edXML codec. Every refusal is an {@link EdxmlError} with a
 * stable `code` (part of the public contract: the HTTP gateway maps codes to statuses), and the
 * 1-based `line` and `column` (in characters) where the reader stopped, when it got that far.
 */

/** Why a package was refused. Stable strings; new codes may be added, none renamed. */
export type EdxmlErrorCode =
  /** Not well-formed XML or not namespace-well-formed (mismatched tag, bad token, unbound prefix…). */
  | 'NOT_WELL_FORMED'
  /** The bytes are not UTF-8, or the XML declaration names another encoding. */
  | 'BAD_ENCODING'
  /** A DOCTYPE (DTD) is present: refused, never processed (no entities, no external resources). */
  | 'DTD_FORBIDDEN'
  /** A reference to an entity other than the five predefined ones. */
  | 'ENTITY_FORBIDDEN'
  /** The package is larger than `maxBytes`. */
  | 'TOO_LARGE'
  /** Elements nested deeper than `maxDepth`. */
  | 'TOO_DEEP'
  /** More elements, attachments, header text or a longer token (name, text, attribute) than allowed. */
  | 'LIMIT_EXCEEDED'
  /** Well-formed XML but not an edXML package (wrong root, no MessageHeader…). */
  | 'NOT_EDXML'
  /** A required element is missing or empty. */
  | 'MISSING_ELEMENT'
  /** An element holds a value the standard does not allow (a BussinessDocType of 7, a bad StatusCode…). */
  | 'BAD_VALUE'
  /** An attachment's `ContentTransferEncoded` is not base64. */
  | 'BAD_BASE64'
  /** The input ended before the document did. */
  | 'TRUNCATED'
  /** A value cannot be written as XML (a control character in a Document field…). */
  | 'UNREPRESENTABLE'
  /** An attachment sink failed while the package was being read. */
  | 'SINK_FAILED';

export interface EdxmlErrorOptions {
  line?: number;
  column?: number;
  cause?: unknown;
}

export class EdxmlError extends Error {
  readonly code: EdxmlErrorCode;
  /** 1-based line where the problem was found; 0 when not tied to a position. */
  readonly line: number;
  /** 1-based column (Unicode characters) where the problem was found; 0 when not tied to a position. */
  readonly column: number;
  /** The reason alone, without the position prefix that `message` carries. */
  readonly reason: string;

  constructor(code: EdxmlErrorCode, reason: string, opts: EdxmlErrorOptions = {}) {
    const line = opts.line ?? 0;
    const column = opts.column ?? 0;
    super(
      line > 0 ? `line ${line}, column ${column}: ${reason}` : reason,
      opts.cause === undefined ? undefined : { cause: opts.cause },
    );
    this.name = 'EdxmlError';
    this.code = code;
    this.line = line;
    this.column = column;
    this.reason = reason;
  }

  toJSON(): { code: EdxmlErrorCode; message: string; line: number; column: number } {
    return { code: this.code, message: this.reason, line: this.line, column: this.column };
  }
}

/** Where real systems deviate from the standard and the reader accepted it anyway. Stable strings. */
export type EdxmlWarningCode =
  /** `edXML:` or `xlink:` used outside the scope of its declaration; resolved to the usual namespace. */
  | 'UNDECLARED_PREFIX'
  /** A date in `dd/MM/yyyy` (or ISO `yyyy-MM-dd`) instead of `yyyy/MM/dd`. */
  | 'DATE_FORMAT'
  /** A date or timestamp that is not a real calendar date; mapped as empty. */
  | 'BAD_DATE'
  /** An element present but empty (`<OrganAdd/>`, `<DueDate></DueDate>`). */
  | 'EMPTY_ELEMENT'
  /** A `ResponseFor` with every child empty; left out of the mapping. */
  | 'EMPTY_RESPONSE_FOR'
  /** An agency code that is not `AAA.BB.CC.Xnn`. */
  | 'AGENCY_CODE'
  /** The root element is not in the QCVN 102:2016 namespace. */
  | 'NAMESPACE'
  /** A `Signature` element that is not in the XML-DSig namespace. */
  | 'SIGNATURE_NAMESPACE'
  /** The manifest and the attachments disagree (a missing or extra `cid:`, another ContentType). */
  | 'MANIFEST_MISMATCH'
  /** The same `ReplacementInfo` (or recipient) listed twice; kept once. */
  | 'DUPLICATE'
  /** A number field (PageAmount, TypeDetail…) that is not a number; kept as text or 0. */
  | 'BAD_NUMBER';

export interface EdxmlWarning {
  readonly code: EdxmlWarningCode;
  readonly message: string;
  /** 1-based position of the element concerned; 0 when not tied to a position. */
  readonly line: number;
  readonly column: number;
}
