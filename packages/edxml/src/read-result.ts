/** What {@link PackageReader} produces: the markup tree, the attachments' facts, the signatures' places. */
import type { EdxmlWarning } from './errors';
import type { AttachmentStart, SignatureLocation } from './types';

/** One element of the markup tree (attachment content excluded). */
export interface XNode {
  ns: string;
  local: string;
  /** Qualified name as written. */
  name: string;
  attrs: Record<string, string>;
  children: XNode[];
  text: string;
  line: number;
  column: number;
  parent: XNode | undefined;
}

export interface ReadAttachment {
  start: AttachmentStart;
  node: XNode;
  size: number;
  sha256: string;
  data?: Uint8Array;
}

export interface ReadResult {
  root: XNode;
  bytes: number;
  sha256: string;
  warnings: EdxmlWarning[];
  signatures: SignatureLocation[];
  attachments: ReadAttachment[];
  elementNames: number;
  /** Byte ranges of attachment text that is base64 and whitespace only (see ParsedPackage). */
  base64Runs: [number, number][];
}
