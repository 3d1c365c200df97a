/**
 * What the reader reads and moves inside saxes: its buffers (read between input slices to bound
 * them and to stream attachment text out of them), its parser states, and its position counters
 * (advanced by the attachment fast path, {@link skipBase64Run}); and {@link FastSaxesParser}, the
 * parser with its handler slots declared up front.
 */
import { SaxesParser } from 'saxes';
import type { SaxesOptions } from 'saxes';

/**
 * saxes with every event handler slot defined when the parser is built. `on()` stores a handler
 * under a computed name (`this[handlerName] = h`); each slot it adds that way is a new property,
 * and from the seventh on V8 turns the parser into a dictionary-mode object, so that every field
 * the parser reads for each character is a hash lookup. The reader sets eight handlers: a 4 KB
 * package took ~220 µs to read instead of ~50 µs. Declared here, `on()` only overwrites slots that
 * exist and the parser keeps its fast shape (test/reader-shape.test.ts checks it).
 */
export class FastSaxesParser<O extends SaxesOptions> extends SaxesParser<O> {
  constructor(opts: O) {
    super(opts);
    const slots = this as unknown as Record<string, unknown>;
    slots['xmldeclHandler'] = undefined;
    slots['textHandler'] = undefined;
    slots['piHandler'] = undefined;
    slots['doctypeHandler'] = undefined;
    slots['commentHandler'] = undefined;
    slots['openTagStartHandler'] = undefined;
    slots['attributeHandler'] = undefined;
    slots['openTagHandler'] = undefined;
    slots['closeTagHandler'] = undefined;
    slots['cdataHandler'] = undefined;
    slots['errorHandler'] = undefined;
    slots['endHandler'] = undefined;
    slots['readyHandler'] = undefined;
  }
}

/** saxes's buffers, read between slices to bound them and to stream attachment text. */
export interface SaxesInternals {
  text: string;
  name: string;
  entity: string;
  piTarget: string;
  state: number;
  // Position tracking, advanced by the attachment fast path (see skipBase64Run).
  line: number;
  column: number;
  chunkPosition: number;
  positionAtNewLine: number;
  carriedFromPrevious: string | undefined;
}

/** Test hook: turns the attachment fast path off, to compare it with saxes reading every character. */
export const fastPath = { enabled: true };
/** The longest run of characters that can only be base64 text (no markup, no entity, no CR at the end). */
const BASE64_RUN = /^[A-Za-z0-9+/=\t\n ]*(?:\r(?!$)[A-Za-z0-9+/=\t\n ]*)*/;
export const S_DOCTYPE_FIRST = 2;
export const S_DOCTYPE_LAST = 12;
export const S_TEXT = 13;
export const S_ENTITY = 14;

/**
 * Inside `ContentTransferEncoded`, base64 text goes straight to the decoder instead of through
 * saxes character by character (which runs at ~27 MB/s); saxes's position counters are advanced
 * as if it had read it, so lines and columns after the attachment stay exact. Only characters
 * that are base64 or XML whitespace qualify; the first `<`, `&` or anything else, and a final CR
 * (saxes pairs it with a following LF), are left to saxes. Returns the run it took ('' for none);
 * the caller decodes it.
 */
export function skipBase64Run(s: SaxesInternals, text: string): string {
  if (!fastPath.enabled) return '';
  if (s.state !== S_TEXT || s.text.length > 0 || s.carriedFromPrevious !== undefined) return '';
  const run = BASE64_RUN.exec(text)![0];
  if (run.length === 0) return '';
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
  return run;
}
