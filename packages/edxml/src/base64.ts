/**
 * Streaming base64 decoding for `ContentTransferEncoded`: text arrives in pieces of any length (XML
 * whitespace and line breaks allowed anywhere), bytes leave in pieces; nothing is held but a quantum
 * of at most three characters between pieces.
 */

const ALPHABET = /^[A-Za-z0-9+/]*$/;
const WS = /[\t\n\r ]+/g;

export class Base64StreamDecoder {
  private carry = '';
  private padded = false;

  /** Decodes the next piece of text; throws an Error with a reason when the text is not base64. */
  push(text: string): Uint8Array {
    let s = text.replace(WS, '');
    if (s.length === 0) return new Uint8Array(0);
    if (this.padded) throw new Error('base64 text continues after its "=" padding');
    const pad = s.indexOf('=');
    if (pad >= 0) {
      const tail = s.slice(pad);
      if (!/^={1,2}$/.test(tail)) throw new Error('base64 "=" padding is followed by more text');
      const body = s.slice(0, pad);
      if (!ALPHABET.test(body)) throw new Error(`not base64: ${describeBad(body)}`);
      const total = this.carry.length + body.length + tail.length;
      if (total % 4 !== 0) throw new Error('base64 padding does not complete a 4-character group');
      this.padded = true;
      s = this.carry + body + tail;
      this.carry = '';
      return toBytes(s);
    }
    if (!ALPHABET.test(s)) throw new Error(`not base64: ${describeBad(s)}`);
    s = this.carry + s;
    const whole = s.length - (s.length % 4);
    this.carry = s.slice(whole);
    return whole === 0 ? new Uint8Array(0) : toBytes(s.slice(0, whole));
  }

  /** Ends the text; throws when it stopped in the middle of a 4-character group. */
  end(): Uint8Array {
    if (this.carry.length === 0) return new Uint8Array(0);
    // Unpadded base64 (RFC 4648 allows omitting padding by agreement): 2 or 3 trailing characters.
    if (this.carry.length === 1) throw new Error('base64 text ends with a single dangling character');
    const out = toBytes(this.carry);
    this.carry = '';
    return out;
  }
}

function toBytes(s: string): Uint8Array {
  const b = Buffer.from(s, 'base64');
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}

function describeBad(s: string): string {
  const m = /[^A-Za-z0-9+/]/.exec(s);
  if (m === null) return 'unexpected text';
  const ch = m[0];
  const cp = ch.codePointAt(0) ?? 0;
  return `character ${JSON.stringify(ch)} (U+${cp.toString(16).toUpperCase().padStart(4, '0')})`;
}
