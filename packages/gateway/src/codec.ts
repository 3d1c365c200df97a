import type { ParsedPackage as EdxmlParse } from '@lienthong/edxml';
import type { IDocument, IStatusReport } from '@lienthong/proto';

/** What a posted package is. */
export type MessageType = 'edoc' | 'status';

/** The mapped status of a Status package (From = responder, ResponseFor = the document). */
export interface MappedStatus {
  readonly code: number;
  readonly responder: string;
  readonly documentId: string;
  /** `ResponseFor/OrganId`: the other party (the document's sender, or for 13 the addressee). */
  readonly otherParty: string;
  readonly description: string;
  readonly timestampMs: number;
  readonly staff?: { department?: string; name?: string; phone?: string; email?: string };
}

/** A parsed edXML package: the mapped header, and what the parser tolerated. */
export interface ParsedPackage {
  readonly messageType: MessageType;
  /** For an edoc: the header mapped to a `Document` (attachments stay in the package). */
  readonly document?: IDocument;
  readonly status?: MappedStatus;
  readonly warnings: readonly string[];
  /**
   * The `@lienthong/edxml` parse itself, when the codec is that one: the sender's home node, in this
   * process, judges the package's signature with it instead of reading the package again.
   */
  readonly edxml?: EdxmlParse;
}

/** A package that cannot be read: where and why. */
export class EdxmlError extends Error {
  constructor(
    readonly reason: string,
    readonly line?: number,
    readonly column?: number,
    /** The codec's code: NOT_WELL_FORMED, DTD_FORBIDDEN, TOO_LARGE… */
    readonly code: string = 'NOT_EDXML',
  ) {
    super(line !== undefined ? `${reason} (line ${line}, column ${column ?? 0})` : reason);
    this.name = 'EdxmlError';
  }
}

/** A streaming parser: fed the package's bytes as they arrive, with bounded memory. */
export interface PackageParser {
  /** May wait (back-pressure), and throws an EdxmlError as soon as the package is known bad. */
  write(chunk: Uint8Array): void | Promise<void>;
  /** Ends the input; the mapped package, or an EdxmlError. */
  close(): ParsedPackage | Promise<ParsedPackage>;
}

/**
 * What the gateway needs of an edXML codec: parse a package (streamed) to the `Document` or status
 * it maps to, and render a document or status born in the SDK as a package for HTTP recipients.
 */
export interface EdxmlCodec {
  parser(): PackageParser;
  /**
   * A document born in the SDK as a package, streamed: `attachments[i]` gives the bytes of
   * `document.attachments[i]` (read when the package reaches it), base64-encoded into the package.
   */
  renderEdoc(
    document: IDocument,
    attachments?: readonly AsyncIterable<Uint8Array>[],
  ): AsyncIterable<Uint8Array>;
  /** `otherParty`: ResponseFor/OrganId (for 13, the recipient asked to give the document back). */
  renderStatus(status: IStatusReport, document?: { otherParty?: string }): Uint8Array;
}
