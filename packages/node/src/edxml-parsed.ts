/**
 * edXML packages this process has already read with `@lienthong/edxml`: the edXML gateway parses
 * every package posted to it, and hands the parse over here until the sender's home node (in the
 * same process) judges the package's signature at intake, which then reuses it instead of reading
 * the package a second time (for an unsigned package, the whole cost of the judgement).
 *
 * An entry is used once, and only for the very bytes it was made from: it is found by the SHA-256
 * the reader took of what it read, and the inline original the intake holds (whose SHA-256 the
 * intake has checked) is compared with the remembered bytes in full, so a document naming another
 * package's SHA-256 gets no help from it. Bounded in entries and bytes; the oldest go first.
 */
import type { ParsedPackage } from '@lienthong/edxml';

export class ParsedOriginals {
  private readonly entries = new Map<string, { bytes: Uint8Array; parsed: ParsedPackage }>();
  private held = 0;

  constructor(
    private readonly maxEntries = 1024,
    private readonly maxBytes = 32 * 1024 * 1024,
  ) {}

  /** `parsed` is `parseEdxml(bytes)` (its size and SHA-256 are checked against them). */
  remember(bytes: Uint8Array, parsed: ParsedPackage): void {
    if (parsed.bytes !== bytes.length || bytes.length > this.maxBytes) return;
    this.drop(parsed.sha256);
    this.entries.set(parsed.sha256, { bytes, parsed });
    this.held += bytes.length;
    while (this.entries.size > this.maxEntries || this.held > this.maxBytes) {
      this.drop(this.entries.keys().next().value!);
    }
  }

  /** The parse of `bytes` (whose SHA-256 is `sha256Hex`) when it was remembered; forgotten then. */
  take(sha256Hex: string, bytes: Uint8Array): ParsedPackage | undefined {
    const e = this.entries.get(sha256Hex);
    if (e === undefined) return undefined;
    this.drop(sha256Hex);
    return sameBytes(e.bytes, bytes) ? e.parsed : undefined;
  }

  get size(): number {
    return this.entries.size;
  }

  private drop(key: string): void {
    const e = this.entries.get(key);
    if (e === undefined) return;
    this.entries.delete(key);
    this.held -= e.bytes.length;
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return (
    a.length === b.length &&
    Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(
      Buffer.from(b.buffer, b.byteOffset, b.byteLength),
    )
  );
}
