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
