/**
 * The streaming XML layer: bytes in (a buffer or an async iterable), `saxes` (a strict,
 * namespace-aware SAX parser with positions) in the middle, and out a small element tree of the
 * package's markup plus each attachment's decoded bytes, streamed to a sink.
 *
 * Safety: no DTD is ever processed (a DOCTYPE is refused as soon as it starts), only the five
 * predefined entities and character references exist, nothing is fetched, and every buffer the
 * parser fills is bounded (see ParseOptions). saxes accumulates character data until the next
 * markup; inside `ContentTransferEncoded` the reader takes that buffer after every input slice, so a
 * 200 MiB attachment passes through in slices of at most {@link SLICE} bytes.
 */
import { createHash } from 'node:crypto';
import { SaxesParser } from 'saxes';
import type { SaxesTagNS } from 'saxes';
import { Base64StreamDecoder } from './base64';
import { EdxmlError } from './errors';
import type { EdxmlWarning } from './errors';
import {
  BASE64_RUN,
  DEFAULTS,
  KNOWN_PREFIXES,
  OffsetMap,
  SLICE,
  S_DOCTYPE_FIRST,
  S_DOCTYPE_LAST,
  S_ENTITY,
  S_TEXT,
  stripPosition,
} from './reader-parts';
import type { CurrentAttachment, ReadAttachment, ReadResult, SaxesInternals, XNode } from './reader-parts';
import { DSIG_NS } from './types';
import type { AttachmentStart, ParseOptions, SignatureLocation } from './types';

export { DEFAULTS, SLICE } from './reader-parts';
export type { ReadAttachment, ReadResult, XNode } from './reader-parts';

/** Test hook: turns the attachment fast path off, to compare it with saxes reading every character. */
export const fastPath = { enabled: true };
export class PackageReader {
  private readonly opts: Required<Omit<ParseOptions, 'attachmentSink'>> &
    Pick<ParseOptions, 'attachmentSink'>;
  private readonly parser: SaxesParser<{ xmlns: true; position: true }>;
  private readonly internals: SaxesInternals;
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  private readonly hash = createHash('sha256');
  private readonly warnings: EdxmlWarning[] = [];
  private readonly warnedPrefixes = new Set<string>();
  private readonly signatures: SignatureLocation[] = [];
  private readonly attachments: ReadAttachment[] = [];
  private offsets: OffsetMap | undefined;
  private root: XNode | undefined;
  private current: XNode | undefined;
  private depth = 0;
  private elements = 0;
  private headerChars = 0;
  private bytes = 0;
  private attachment: CurrentAttachment | undefined;
  private pending: Promise<void> = Promise.resolve();
  /** Byte offset of the tag being opened, when it may be a Signature; open Signatures (nested ones too). */
  private pendingSigByte = -1;
  private readonly openSigs: { byte: number; node: XNode }[] = [];
  private sawStart = false;
  private lastClosed: XNode | undefined;
  private tagStart: [number, number] = [1, 1];

  constructor(opts: ParseOptions = {}) {
    this.opts = { ...DEFAULTS, ...opts };
    this.parser = new SaxesParser({
      xmlns: true,
      position: true,
      resolvePrefix: (prefix: string) => this.resolvePrefix(prefix),
    });
    this.internals = this.parser as unknown as SaxesInternals;
    const p = this.parser;
    p.on('error', (err) => {
      throw this.wellFormedness(err.message);
    });
    p.on('doctype', () => {
      throw this.refuse('DTD_FORBIDDEN', 'a DOCTYPE (DTD) is not allowed in an edXML package');
    });
    p.on('xmldecl', (decl) => {
      const enc = decl.encoding?.trim().toLowerCase();
      if (enc !== undefined && enc !== 'utf-8' && enc !== 'utf8') {
        throw this.refuse('BAD_ENCODING', `encoding "${decl.encoding}" is not supported: edXML is UTF-8`);
      }
    });
    p.on('opentagstart', (tag) => {
      this.onOpenTagStart(tag.name);
    });
    p.on('opentag', (tag) => {
      this.onOpenTag(tag as SaxesTagNS);
    });
    p.on('text', (text) => {
      this.onText(text);
    });
    p.on('cdata', (text) => {
      this.onText(text);
    });
    p.on('closetag', () => {
      this.onCloseTag();
    });
  }

  /** Reads the whole input. */
  async read(input: Uint8Array | AsyncIterable<Uint8Array>): Promise<ReadResult> {
    try {
      if (input instanceof Uint8Array) {
        await this.feed(input);
      } else {
        for await (const chunk of input) await this.feed(chunk);
      }
      await this.finish();
    } catch (e) {
      const err =
        e instanceof EdxmlError
          ? e
          : new EdxmlError('NOT_WELL_FORMED', e instanceof Error ? e.message : String(e), {
              line: this.parser.line,
              column: this.parser.column,
              cause: e,
            });
      this.attachment?.sink?.abort?.(err);
      throw err;
    }
    return {
      root: this.root!,
      bytes: this.bytes,
      sha256: this.hash.digest('hex'),
      warnings: this.warnings,
      signatures: this.signatures,
      attachments: this.attachments,
    };
  }

  private async feed(chunk: Uint8Array): Promise<void> {
    for (let at = 0; at < chunk.length; at += SLICE) {
      const slice = chunk.subarray(at, Math.min(chunk.length, at + SLICE));
      this.bytes += slice.length;
      if (this.bytes > this.opts.maxBytes) {
        throw this.refuse('TOO_LARGE', `the package is larger than ${this.opts.maxBytes} bytes`);
      }
      this.hash.update(slice);
      if (!this.sawStart) {
        this.sawStart = true;
        const bom = slice.length >= 3 && slice[0] === 0xef && slice[1] === 0xbb && slice[2] === 0xbf;
        this.offsets = new OffsetMap(bom ? 3 : 0);
        if (
          slice.length >= 2 &&
          ((slice[0] === 0xfe && slice[1] === 0xff) || (slice[0] === 0xff && slice[1] === 0xfe))
        ) {
          throw this.refuse('BAD_ENCODING', 'the package is UTF-16: edXML is UTF-8');
        }
      }
      let text: string;
      try {
        text = this.decoder.decode(slice, { stream: true });
      } catch (e) {
        throw this.refuse('BAD_ENCODING', 'the bytes are not valid UTF-8', e);
      }
      this.write(text, slice.length);
      await this.drainSinks();
    }
  }

  private write(text: string, byteLength: number): void {
    if (text.length === 0) {
      this.offsets!.add('', byteLength);
      return;
    }
    this.offsets!.add(text, byteLength);
    const skipped = this.skipText(text);
    if (skipped < text.length) {
      this.parser.write(skipped === 0 ? text : text.slice(skipped));
      this.afterSlice();
    }
  }

  /**
   * Inside `ContentTransferEncoded`, base64 text goes straight to the decoder instead of through
   * saxes character by character (which runs at ~27 MB/s); saxes's position counters are advanced
   * as if it had read it, so lines and columns after the attachment stay exact. Only characters
   * that are base64 or XML whitespace qualify; the first `<`, `&` or anything else, and a final CR
   * (saxes pairs it with a following LF), are left to saxes. Returns how many characters it took.
   */
  private skipText(text: string): number {
    const s = this.internals;
    if (!fastPath.enabled || this.attachment === undefined) return 0;
    if (s.state !== S_TEXT || s.text.length > 0 || s.carriedFromPrevious !== undefined) return 0;
    const run = BASE64_RUN.exec(text)![0];
    if (run.length === 0) return 0;
    const base = s.chunkPosition;
    let lines = 0;
    let afterBreak = -1;
    for (let i = 0; i < run.length; i++) {
      const c = run.charCodeAt(i);
      if (c === 10 || c === 13) {
        if (c === 13 && run.charCodeAt(i + 1) === 10) i++;
        lines++;
        afterBreak = i + 1;
      }
    }
    if (lines > 0) {
      s.line += lines;
      s.column = run.length - afterBreak;
      s.positionAtNewLine = base + afterBreak;
    } else {
      s.column += run.length;
    }
    s.chunkPosition = base + run.length;
    // Decoded after the counters moved: a refusal points where saxes would have been.
    this.attachmentText(run);
    return run.length;
  }

  private async finish(): Promise<void> {
    let tail: string;
    try {
      tail = this.decoder.decode();
    } catch (e) {
      throw this.refuse('BAD_ENCODING', 'the bytes end in the middle of a UTF-8 character', e);
    }
    if (tail.length > 0) this.write(tail, 0);
    if (!this.sawStart) throw this.refuse('NOT_WELL_FORMED', 'the package is empty');
    const p = this.parser;
    p.on('error', (err) => {
      const reason = stripPosition(err.message);
      throw this.refuse(
        /unclosed|root element/.test(reason) && this.root !== undefined ? 'TRUNCATED' : 'NOT_WELL_FORMED',
        reason,
      );
    });
    p.close();
    await this.drainSinks();
    if (this.root === undefined) throw this.refuse('NOT_WELL_FORMED', 'the package has no root element');
  }

  private async drainSinks(): Promise<void> {
    const pending = this.pending;
    this.pending = Promise.resolve();
    try {
      await pending;
    } catch (e) {
      if (e instanceof EdxmlError) throw e;
      throw this.refuse(
        'SINK_FAILED',
        `attachment sink failed: ${e instanceof Error ? e.message : String(e)}`,
        e,
      );
    }
  }

  /** Bounds saxes's buffers and streams attachment text out of its text buffer. */
  private afterSlice(): void {
    const s = this.internals;
    if (s.state >= S_DOCTYPE_FIRST && s.state <= S_DOCTYPE_LAST) {
      throw this.refuse('DTD_FORBIDDEN', 'a DOCTYPE (DTD) is not allowed in an edXML package');
    }
    if (this.attachment !== undefined && (s.state === S_TEXT || s.state === S_ENTITY) && s.text.length > 0) {
      const text = s.text;
      s.text = '';
      this.attachmentText(text);
    }
    const max = this.opts.maxTokenChars;
    if (s.text.length > max || s.name.length > max || s.entity.length > 64 || s.piTarget.length > max) {
      throw this.refuse(
        'LIMIT_EXCEEDED',
        `a name, text, comment or attribute value is longer than ${max} characters`,
      );
    }
  }

  private resolvePrefix(prefix: string): string | undefined {
    const ns = KNOWN_PREFIXES[prefix];
    if (ns === undefined) return undefined;
    if (!this.warnedPrefixes.has(prefix)) {
      this.warnedPrefixes.add(prefix);
      this.warn(
        'UNDECLARED_PREFIX',
        `prefix "${prefix}:" is used where it is not declared; read as ${ns}`,
        this.parser.line,
        this.parser.column,
      );
    }
    return ns;
  }

  private onOpenTagStart(name: string): void {
    // Position of the '<': the name and the character that ended it have been read. When that
    // character was a line break, the tag started on the line before (column unknown: 0).
    const col = this.parser.column - name.length - 1;
    this.tagStart = col >= 1 ? [this.parser.line, col] : [this.parser.line - 1, 0];
    // saxes has consumed the name and the character that ended it; the tag started at its '<'.
    if (name === 'Signature' || name.endsWith(':Signature')) {
      const charStart = this.parser.position - name.length - 2;
      this.pendingSigByte = this.offsets!.toByte(charStart);
    }
  }

  private onOpenTag(tag: SaxesTagNS): void {
    if (++this.depth > this.opts.maxDepth) {
      throw this.refuse('TOO_DEEP', `elements are nested deeper than ${this.opts.maxDepth}`);
    }
    if (++this.elements > this.opts.maxElements) {
      throw this.refuse('LIMIT_EXCEEDED', `the package has more than ${this.opts.maxElements} elements`);
    }
    if (this.attachment !== undefined) {
      throw this.refuse('BAD_BASE64', `element <${tag.name}> inside ContentTransferEncoded`);
    }
    const attrs: Record<string, string> = {};
    for (const [k, a] of Object.entries(tag.attributes)) {
      attrs[k] = a.value;
      this.headerChars += k.length + a.value.length;
    }
    const node: XNode = {
      ns: tag.uri,
      local: tag.local,
      name: tag.name,
      attrs,
      children: [],
      text: '',
      line: this.tagStart[0],
      column: this.tagStart[1],
      parent: this.current,
    };
    this.headerChars += tag.name.length;
    this.checkHeader();
    if (this.current === undefined) this.root = node;
    else this.current.children.push(node);
    this.current = node;
    if (tag.local === 'Signature' && this.pendingSigByte >= 0)
      this.openSigs.push({ byte: this.pendingSigByte, node });
    this.pendingSigByte = -1;
    if (tag.local === 'ContentTransferEncoded' && node.parent?.local === 'Attachment')
      this.startAttachment(node);
    if (tag.isSelfClosing) {
      // saxes emits closetag right after for self-closing tags.
    }
  }

  private onText(text: string): void {
    if (this.attachment !== undefined) {
      this.attachmentText(text);
      return;
    }
    const node = this.current;
    if (node === undefined) return; // whitespace outside the root (saxes refuses anything else)
    if (node.text.length + text.length > this.opts.maxTokenChars) {
      throw this.refuse(
        'LIMIT_EXCEEDED',
        `<${node.name}> holds more than ${this.opts.maxTokenChars} characters`,
      );
    }
    // Whitespace between child elements is not kept.
    if (node.children.length > 0 && text.trim() === '') return;
    node.text += text;
    this.headerChars += text.length;
    this.checkHeader();
  }

  private onCloseTag(): void {
    const node = this.current!;
    if (this.attachment !== undefined && this.attachment.node === node) this.endAttachment();
    const sig = this.openSigs[this.openSigs.length - 1];
    if (sig !== undefined && sig.node === node) {
      this.openSigs.pop();
      const byteEnd = this.offsets!.toByte(this.parser.position);
      const inHeader = node.parent?.local === 'edXMLHeader';
      if (node.ns === DSIG_NS || inHeader) {
        const namespaces: Record<string, string> = {};
        for (let n: XNode | undefined = node; n !== undefined; n = n.parent) {
          for (const [k, v] of Object.entries(n.attrs)) {
            const prefix = k === 'xmlns' ? '' : k.startsWith('xmlns:') ? k.slice(6) : undefined;
            if (prefix !== undefined && !(prefix in namespaces)) namespaces[prefix] = v;
          }
        }
        this.signatures.push({
          namespace: node.ns,
          byteStart: sig.byte,
          byteEnd,
          line: node.line,
          column: node.column,
          namespaces,
        });
      }
    }
    this.lastClosed = node;
    this.current = node.parent;
    this.depth--;
  }

  private checkHeader(): void {
    const max = this.opts.maxTokenChars * 8;
    if (this.headerChars > max) {
      throw this.refuse('LIMIT_EXCEEDED', `the package's markup and header text exceed ${max} characters`);
    }
  }

  private startAttachment(node: XNode): void {
    if (this.attachments.length >= this.opts.maxAttachments) {
      throw this.refuse(
        'LIMIT_EXCEEDED',
        `the package has more than ${this.opts.maxAttachments} attachments`,
      );
    }
    const att = node.parent!;
    const field = (local: string): string => att.children.find((c) => c.local === local)?.text.trim() ?? '';
    const start: AttachmentStart = {
      index: this.attachments.length,
      contentId: field('ContentId'),
      attachmentName: field('AttachmentName'),
      contentType: field('ContentType'),
    };
    this.attachment = {
      start,
      node,
      decoder: new Base64StreamDecoder(),
      hash: createHash('sha256'),
      size: 0,
      kept: this.opts.keepAttachmentBytes > 0 ? [] : undefined,
      sink: this.opts.attachmentSink?.(start),
    };
    if (this.attachment.sink !== undefined) this.attachment.kept = undefined;
  }

  private attachmentText(text: string): void {
    const a = this.attachment!;
    let bytes: Uint8Array;
    try {
      bytes = a.decoder.push(text);
    } catch (e) {
      throw this.badBase64(a, e);
    }
    this.attachmentBytes(bytes);
  }

  private attachmentBytes(bytes: Uint8Array): void {
    const a = this.attachment!;
    if (bytes.length === 0) return;
    a.hash.update(bytes);
    a.size += bytes.length;
    if (a.kept !== undefined) {
      if (a.size > this.opts.keepAttachmentBytes) a.kept = undefined;
      else a.kept.push(bytes);
    }
    const sink = a.sink;
    if (sink !== undefined) this.pending = this.pending.then(() => sink.write(bytes));
  }

  private endAttachment(): void {
    const a = this.attachment!;
    let tail: Uint8Array;
    try {
      tail = a.decoder.end();
    } catch (e) {
      throw this.badBase64(a, e);
    }
    this.attachmentBytes(tail);
    const sha256 = a.hash.digest('hex');
    const size = a.size;
    const sink = a.sink;
    if (sink !== undefined) this.pending = this.pending.then(() => sink.end({ size, sha256 }));
    const read: ReadAttachment = { start: a.start, node: a.node, size, sha256 };
    if (a.kept !== undefined) read.data = new Uint8Array(Buffer.concat(a.kept));
    this.attachments.push(read);
    this.attachment = undefined;
  }

  private warn(code: EdxmlWarning['code'], message: string, line: number, column: number): void {
    this.warnings.push({ code, message, line, column });
  }

  private wellFormedness(message: string): EdxmlError {
    let reason = stripPosition(message);
    if (reason === 'unexpected close tag.' && this.lastClosed !== undefined) {
      const n = this.lastClosed;
      reason = `mismatched close tag: <${n.name}> opened at line ${n.line}, column ${n.column} is not closed`;
    }
    if (/undefined entity|entity/.test(reason) && /entity/.test(reason)) {
      return this.refuse('ENTITY_FORBIDDEN', `${reason} (only the predefined entities are allowed)`);
    }
    return this.refuse('NOT_WELL_FORMED', reason);
  }

  /**
   * Base64 that does not decode is reported at its `ContentTransferEncoded` element: where the
   * decoder notices depends on how the input was sliced, the element does not.
   */
  private badBase64(a: CurrentAttachment, e: unknown): EdxmlError {
    return new EdxmlError(
      'BAD_BASE64',
      `attachment ${a.start.contentId || a.start.index}: ${(e as Error).message} (in the ContentTransferEncoded that starts here)`,
      { line: a.node.line, column: a.node.column },
    );
  }

  private refuse(code: EdxmlError['code'], reason: string, cause?: unknown): EdxmlError {
    return new EdxmlError(code, reason, { line: this.parser.line, column: this.parser.column, cause });
  }
}
