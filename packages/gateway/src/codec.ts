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
}

/** A package that cannot be read: where and why. */
export class EdxmlError extends Error {
  constructor(
    readonly reason: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(line !== undefined ? `${reason} (line ${line}, column ${column ?? 0})` : reason);
    this.name = 'EdxmlError';
  }
}

/** A streaming parser: fed the package's bytes as they arrive, with bounded memory. */
export interface PackageParser {
  write(chunk: Uint8Array): void;
  /** Ends the input; the mapped package, or an EdxmlError. */
  close(): ParsedPackage;
}

/**
 * What the gateway needs of an edXML codec: parse a package (streamed) to the `Document` or status
 * it maps to, and render a document or status born in the SDK as a package for HTTP recipients.
 */
export interface EdxmlCodec {
  parser(): PackageParser;
  renderEdoc(document: IDocument): Uint8Array;
  renderStatus(status: IStatusReport, document?: { sender?: string }): Uint8Array;
}
