/**
 * Where each `Signature` element of a package stands, as byte offsets of the input (verification
 * canonicalises it from the bytes as received) and with the namespaces in scope there. Nested
 * signatures are recorded too: a valid signature wrapped in another is two signatures.
 */
import type { XNode } from './read-result';
import { DSIG_NS } from './types';
import type { SignatureLocation } from './types';

export class SignatureLocator {
  readonly found: SignatureLocation[] = [];
  /** Byte offset of the tag being opened, when it may be a Signature; open Signatures (nested ones too). */
  private pendingByte = -1;
  private readonly open: { byte: number; node: XNode }[] = [];

  /** @param toByte maps a character offset of the decoded text to a byte offset of the input. */
  constructor(private readonly toByte: (charOffset: number) => number) {}

  /** A start tag's name was read; `position` is the character offset just after the character that ended it. */
  tagStart(name: string, position: number): void {
    // saxes has consumed the name and the character that ended it; the tag started at its '<'.
    if (name === 'Signature' || name.endsWith(':Signature')) {
      this.pendingByte = this.toByte(position - name.length - 2);
    }
  }

  opened(node: XNode): void {
    if (node.local === 'Signature' && this.pendingByte >= 0) this.open.push({ byte: this.pendingByte, node });
    this.pendingByte = -1;
  }

  /** `position`: the character offset just after the end tag. */
  closed(node: XNode, position: number): void {
    const sig = this.open[this.open.length - 1];
    if (sig === undefined || sig.node !== node) return;
    this.open.pop();
    const byteEnd = this.toByte(position);
    const inHeader = node.parent?.local === 'edXMLHeader';
    if (node.ns !== DSIG_NS && !inHeader) return;
    this.found.push({
      namespace: node.ns,
      byteStart: sig.byte,
      byteEnd,
      line: node.line,
      column: node.column,
      namespaces: namespacesInScope(node),
    });
  }
}

/** The namespace declarations in scope at `node`, the nearest one for each prefix ('' = default). */
function namespacesInScope(node: XNode): Record<string, string> {
  const namespaces: Record<string, string> = {};
  for (let n: XNode | undefined = node; n !== undefined; n = n.parent) {
    for (const [k, v] of Object.entries(n.attrs)) {
      const prefix = k === 'xmlns' ? '' : k.startsWith('xmlns:') ? k.slice(6) : undefined;
      if (prefix !== undefined && !(prefix in namespaces)) namespaces[prefix] = v;
    }
  }
  return namespaces;
}
