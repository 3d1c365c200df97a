/**
 * The protobuf wire format, as far as a node reads and writes an envelope without decoding its
 * payload (relay-fast-path.ts: the routing fields of an envelope passing through; document-bytes.ts:
 * where the document is, to share it between envelopes): varints, length-delimited fields, skipping
 * the rest. Throws a RangeError on bytes that do not read as protobuf.
 */
const utf8 = new TextDecoder('utf-8', { fatal: true });

export class WireReader {
  pos = 0;
  readonly len: number;

  constructor(private readonly buf: Uint8Array) {
    this.len = buf.length;
  }

  /** An unsigned varint of up to 32 bits (wider ones are read and truncated, as protobufjs does). */
  varint(): number {
    let value = 0;
    for (let shift = 0; shift < 70; shift += 7) {
      if (this.pos >= this.len) throw new RangeError('truncated varint');
      const b = this.buf[this.pos++]!;
      if (shift < 32) value |= (b & 0x7f) << shift;
      if (b < 0x80) return value >>> 0;
    }
    throw new RangeError('varint too long');
  }

  /** Reads a length prefix: the position where the field's bytes end. */
  length(): number {
    const n = this.varint();
    const end = this.pos + n;
    if (end > this.len) throw new RangeError('length beyond the end');
    return end;
  }

  string(): string {
    const end = this.length();
    const s = utf8.decode(this.buf.subarray(this.pos, end));
    this.pos = end;
    return s;
  }

  skip(wire: number): void {
    switch (wire) {
      case 0:
        this.varint();
        return;
      case 1:
        this.advance(8);
        return;
      case 2:
        this.pos = this.length();
        return;
      case 5:
        this.advance(4);
        return;
      default:
        throw new RangeError(`wire type ${wire} not expected`);
    }
  }

  private advance(n: number): void {
    if (this.pos + n > this.len) throw new RangeError('field beyond the end');
    this.pos += n;
  }
}

/**
 * An envelope's kind (field 3) read from its first fields, without decoding it; 0 (unspecified) when
 * the bytes do not read as an envelope that has one. Encoders write fields in number order, so this
 * reads two short fields at most.
 */
export function envelopeKindOf(data: Uint8Array): number {
  try {
    const r = new WireReader(data);
    while (r.pos < r.len) {
      const tag = r.varint();
      const field = tag >>> 3;
      if (field === 3 && (tag & 7) === 0) return r.varint();
      if (field > 3) return 0;
      r.skip(tag & 7);
    }
  } catch {
    // not protobuf: the handler will say why
  }
  return 0;
}

function varintBytes(v: number, out: number[]): void {
  let x = v >>> 0;
  while (x >= 0x80) {
    out.push((x & 0x7f) | 0x80);
    x >>>= 7;
  }
  out.push(x);
}

/** A varint field. */
export function varint(field: number, value: number): Uint8Array {
  const out: number[] = [];
  varintBytes(field << 3, out);
  varintBytes(value, out);
  return Uint8Array.from(out);
}

/** The tag and length of a length-delimited field of `length` bytes (the bytes to follow it). */
export function lengthPrefix(field: number, length: number): Uint8Array {
  const head: number[] = [];
  varintBytes((field << 3) | 2, head);
  varintBytes(length, head);
  return Uint8Array.from(head);
}

/** A length-delimited field holding `bytes`. */
export function lengthDelimited(field: number, bytes: Uint8Array): Uint8Array {
  const head = lengthPrefix(field, bytes.length);
  const out = new Uint8Array(head.length + bytes.length);
  out.set(head, 0);
  out.set(bytes, head.length);
  return out;
}
