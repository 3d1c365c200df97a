/** Walking an @xmldom/xmldom tree: children and descendants by name, ancestry, elements by id. */
import type { Element as XElement, Node as XNode } from '@xmldom/xmldom';

/** The element children of `n` named `local`, in namespace `ns` (null: any namespace). */
export function elementChildren(n: XNode, ns: string | null, local: string): XElement[] {
  const out: XElement[] = [];
  for (let c = n.firstChild; c !== null; c = c.nextSibling) {
    if (c.nodeType === 1) {
      const e = c as XElement;
      if (e.localName === local && (ns === null || e.namespaceURI === ns)) out.push(e);
    }
  }
  return out;
}

/** The descendant elements of `n` named `local`, in any namespace, in document order. */
export function descendants(n: XNode, local: string): XElement[] {
  const out: XElement[] = [];
  const walk = (m: XNode): void => {
    for (let c = m.firstChild; c !== null; c = c.nextSibling) {
      if (c.nodeType !== 1) continue;
      const e = c as XElement;
      if (e.localName === local) out.push(e);
      walk(e);
    }
  };
  walk(n);
  return out;
}

export function isInside(node: XNode, ancestor: XNode): boolean {
  for (let p: XNode | null = node; p !== null; p = p.parentNode) if (p === ancestor) return true;
  return false;
}

/** `root` and its descendants whose `Id` (or `ID`, or `id`) attribute is `id`. */
export function findById(root: XElement, id: string): XElement[] {
  const out: XElement[] = [];
  if (idOf(root) === id) out.push(root);
  for (const e of allElements(root)) if (idOf(e) === id) out.push(e);
  return out;
}

function idOf(e: XElement): string | null {
  return e.getAttribute('Id') ?? e.getAttribute('ID') ?? e.getAttribute('id');
}

function allElements(root: XNode): XElement[] {
  const out: XElement[] = [];
  const walk = (m: XNode): void => {
    for (let c = m.firstChild; c !== null; c = c.nextSibling) {
      if (c.nodeType !== 1) continue;
      out.push(c as XElement);
      walk(c);
    }
  };
  walk(root);
  return out;
}
