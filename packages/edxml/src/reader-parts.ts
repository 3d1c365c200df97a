/**
 * The pieces of the streaming reader (reader.ts): its limits, the tree it builds, what it reads of
 * saxes's state, and the map from decoded characters back to input bytes.
 */
import type { createHash } from 'node:crypto';
import type { Base64StreamDecoder } from './base64';
import type { EdxmlWarning } from './errors';
import { EDXML_NS, XLINK_NS } from './types';
import type { AttachmentSink, AttachmentStart, SignatureLocation } from './types';

/** Input is fed to the XML parser in slices of at most this many bytes. */
export const SLICE = 64 * 1024;

export const DEFAULTS = Object.freeze({
  maxBytes: 201 * 1024 * 1024,
  maxDepth: 32,
  maxElements: 100_000,
  maxAttachments: 1_000,
  maxTokenChars: 1024 * 1024,
  keepAttachmentBytes: 1024 * 1024,
});

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
}

/** saxes's buffers, read between slices to bound them and to stream attachment text. */
export interface SaxesInternals {
  text: string;
  name: string;
  entity: string;
  piTarget: string;
  state: number;
  // Position tracking, advanced by the attachment fast path (see skipText).
  line: number;
  column: number;
  chunkPosition: number;
  positionAtNewLine: number;
  carriedFromPrevious: string | undefined;
}

/** The longest run of characters that can only be base64 text (no markup, no entity, no CR at the end). */
export const BASE64_RUN = /^[A-Za-z0-9+/=\t\n ]*(?:\r(?!$)[A-Za-z0-9+/=\t\n ]*)*/;
export const S_DOCTYPE_FIRST = 2;
export const S_DOCTYPE_LAST = 12;
export const S_TEXT = 13;
export const S_ENTITY = 14;

export const KNOWN_PREFIXES: Record<string, string> = { edXML: EDXML_NS, xlink: XLINK_NS };

export interface CurrentAttachment {
  start: AttachmentStart;
  node: XNode;
  decoder: Base64StreamDecoder;
  hash: ReturnType<typeof createHash>;
  size: number;
  kept: Uint8Array[] | undefined;
  sink: AttachmentSink | undefined;
}

/** Maps character offsets of the decoded text back to byte offsets of the input. */
export class OffsetMap {
  private readonly recent: { chars: number; bytes: number; text: string }[] = [];
  private chars = 0;
  private bytes = 0;

  constructor(bom: number) {
    this.bytes = bom;
  }

  add(text: string, byteLength: number): void {
    this.recent.push({ chars: this.chars, bytes: this.bytes, text });
    if (this.recent.length > 4) this.recent.shift();
    this.chars += text.length;
    this.bytes += byteLength;
  }

  toByte(charOffset: number): number {
    for (let i = this.recent.length - 1; i >= 0; i--) {
      const r = this.recent[i]!;
      if (charOffset >= r.chars) return r.bytes + Buffer.byteLength(r.text.slice(0, charOffset - r.chars));
    }
    return -1;
  }
}

/** A saxes message without its "line:column: " prefix (positions are given apart). */
export function stripPosition(message: string): string {
  return message.replace(/^\d+:\d+: /, '');
}
