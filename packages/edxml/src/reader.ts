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
 *
 * Its parts: {@link OffsetMap} (characters to bytes), {@link SignatureLocator} (where signatures
 * stand), {@link AttachmentStream} (one attachment's content) and saxes-internals.ts (the buffers
 * and counters it reads and moves inside saxes).
 */
import { createHash } from 'node:crypto';
import type { SaxesParser, SaxesTagNS } from 'saxes';
import { AttachmentStream, attachmentStart } from './attachment-stream';
import type { SinkQueue } from './attachment-stream';
import { OffsetMap } from './byte-offsets';
import { EdxmlError } from './errors';
import type { EdxmlWarning } from './errors';
import type { ReadAttachment, ReadResult, XNode } from './read-result';
import {
  FastSaxesParser,
  S_DOCTYPE_FIRST,
  S_DOCTYPE_LAST,
  S_ENTITY,
  S_TEXT,
  skipBase64Run,
} from './saxes-internals';
import type { SaxesInternals } from './saxes-internals';
import { SignatureLocator } from './signature-locator';
import { EDXML_NS, XLINK_NS } from './types';
import type { ParseOptions } from './types';

export type { ReadAttachment, ReadResult, XNode } from './read-result';
export { fastPath } from './saxes-internals';

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

const KNOWN_PREFIXES: Record<string, string> = { edXML: EDXML_NS, xlink: XLINK_NS };

export class PackageReader {
  private readonly opts: Required<Omit<ParseOptions, 'attachmentSink' | 'onBase64Run'>> &
    Pick<ParseOptions, 'attachmentSink' | 'onBase64Run'>;
  private readonly parser: SaxesParser<{ xmlns: true; position: true }>;
  private readonly internals: SaxesInternals;
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  private readonly hash = createHash('sha256');
  private readonly warnings: EdxmlWarning[] = [];
  private readonly warnedPrefixes = new Set<string>();
  private readonly signatures = new SignatureLocator((charOffset) => this.offsets!.toByte(charOffset));
  private readonly attachments: ReadAttachment[] = [];
  private offsets: OffsetMap | undefined;
  private root: XNode | undefined;
  private current: XNode | undefined;
  private depth = 0;
  private elements = 0;
  private headerChars = 0;
  private bytes = 0;
  private attachment: AttachmentStream | undefined;
  private pending: Promise<void> = Promise.resolve();
  private readonly queue: SinkQueue = (job) => {
    this.pending = this.pending.then(job);
  };
  private sawStart = false;
  private lastClosed: XNode | undefined;
  private readonly names = new Set<string>();
  /** Base64-only attachment text taken by the fast path, as merged byte ranges. */
  private readonly runs: [number, number][] = [];
  /** Byte offset of the slice being written (-1: text not aligned with a slice's first byte). */
  private sliceByte = -1;
  private tagStart: [number, number] = [1, 1];

  constructor(opts: ParseOptions = {}) {
    this.opts = { ...DEFAULTS, ...opts };
    this.parser = new FastSaxesParser({
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
      signatures: this.signatures.found,
      attachments: this.attachments,
      elementNames: this.names.size,
      base64Runs: this.runs,
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
      this.sliceByte = this.bytes - slice.length;
      this.write(text, slice.length);
      this.sliceByte = -1;
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

  /** The attachment fast path (see skipBase64Run): how many characters of `text` it took. */
  private skipText(text: string): number {
    if (this.attachment === undefined) return 0;
    const run = skipBase64Run(this.internals, text);
    // Decoded after the counters moved: a refusal points where saxes would have been.
    if (run.length > 0) {
      this.attachment.text(run);
      this.recordRun(run);
    }
    return run.length;
  }

  /**
   * A run starting at the slice's first character starts at its first byte (a character carried
   * over from the previous slice would not be base64), and is ASCII: one byte per character. Runs
   * with a CR are left out (XML reads CR LF as LF).
   */
  private recordRun(run: string): void {
    if (this.sliceByte < 0 || run.includes('\r')) return;
    const start = this.sliceByte;
    this.opts.onBase64Run?.(start, start + run.length);
    const last = this.runs[this.runs.length - 1];
    if (last !== undefined && last[1] === start) last[1] = start + run.length;
    else this.runs.push([start, start + run.length]);
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
      this.attachment.text(text);
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
    this.signatures.tagStart(name, this.parser.position);
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
    this.names.add(tag.name);
    this.checkHeader();
    if (this.current === undefined) this.root = node;
    else this.current.children.push(node);
    this.current = node;
    this.signatures.opened(node);
    if (tag.local === 'ContentTransferEncoded' && node.parent?.local === 'Attachment')
      this.startAttachment(node);
    if (tag.isSelfClosing) {
      // saxes emits closetag right after for self-closing tags.
    }
  }

  private onText(text: string): void {
    if (this.attachment !== undefined) {
      this.attachment.text(text);
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
    if (this.attachment !== undefined && this.attachment.node === node) {
      this.attachments.push(this.attachment.end());
      this.attachment = undefined;
    }
    this.signatures.closed(node, this.parser.position);
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
    const start = attachmentStart(node, this.attachments.length);
    this.attachment = new AttachmentStream(
      start,
      node,
      this.opts.keepAttachmentBytes,
      this.opts.attachmentSink?.(start),
      this.queue,
    );
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

  private refuse(code: EdxmlError['code'], reason: string, cause?: unknown): EdxmlError {
    return new EdxmlError(code, reason, { line: this.parser.line, column: this.parser.column, cause });
  }
}

function stripPosition(message: string): string {
  return message.replace(/^\d+:\d+: /, '');
}
