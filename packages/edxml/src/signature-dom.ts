/**
 * The structure of an XML signature, checked on its small DOM before any digest is computed: the
 * algorithms it uses, what its references point at, and that nothing in it is left unsigned.
 * A failed check throws a {@link Verdict}.
 */
import type { Element as XElement, Node as XNode } from '@xmldom/xmldom';
import { DSIG_NS } from './types';
import type { SignatureVerdictCode } from './verdict';

export const ALG = {
  enveloped: 'http://www.w3.org/2000/09/xmldsig#enveloped-signature',
  c14n: [
    'http://www.w3.org/TR/2001/REC-xml-c14n-20010315',
    'http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments',
    'http://www.w3.org/2001/10/xml-exc-c14n#',
    'http://www.w3.org/2001/10/xml-exc-c14n#WithComments',
  ],
  signature: [
    'http://www.w3.org/2000/09/xmldsig#rsa-sha1',
    'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
    'http://www.w3.org/2007/05/xmldsig-more#sha256-rsa-MGF1',
    'http://www.w3.org/2001/04/xmldsig-more#rsa-sha512',
  ],
  digest: [
    'http://www.w3.org/2000/09/xmldsig#sha1',
    'http://www.w3.org/2001/04/xmlenc#sha256',
    'http://www.w3.org/2001/04/xmlenc#sha512',
  ],
};

export class Verdict extends Error {
  constructor(
    readonly verdict: SignatureVerdictCode,
    readonly reason: string,
  ) {
    super(reason);
  }
}

export const fail = (verdict: SignatureVerdictCode, reason: string): never => {
  throw new Verdict(verdict, reason);
};

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

export function idOf(e: XElement): string | null {
  return e.getAttribute('Id') ?? e.getAttribute('ID') ?? e.getAttribute('id');
}

export function findById(root: XElement, id: string): XElement[] {
  const out: XElement[] = [];
  if (idOf(root) === id) out.push(root);
  for (const e of allElements(root)) if (idOf(e) === id) out.push(e);
  return out;
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

/** SignedInfo's algorithms and references; the elements the references sign by id. */
export function checkSignedInfo(sigEl: XElement): { method: string; signedTargets: XElement[] } {
  const signedInfo = elementChildren(sigEl, DSIG_NS, 'SignedInfo');
  if (signedInfo.length !== 1) fail('invalid_signature', 'the Signature has no single SignedInfo');
  const si = signedInfo[0]!;
  const c14n = elementChildren(si, DSIG_NS, 'CanonicalizationMethod')[0]?.getAttribute('Algorithm') ?? '';
  const method = elementChildren(si, DSIG_NS, 'SignatureMethod')[0]?.getAttribute('Algorithm') ?? '';
  if (!ALG.c14n.includes(c14n)) fail('invalid_signature', `canonicalisation "${c14n}" is not supported`);
  if (!ALG.signature.includes(method))
    fail('invalid_signature', `signature method "${method}" is not supported`);
  const refs = elementChildren(si, DSIG_NS, 'Reference');
  if (refs.length === 0) fail('invalid_signature', 'SignedInfo has no Reference');
  const objects = elementChildren(sigEl, DSIG_NS, 'Object');
  const signedTargets: XElement[] = [];
  let whole = 0;
  for (const ref of refs) {
    const uri = ref.getAttribute('URI');
    const transforms = descendants(ref, 'Transform').map((t) => t.getAttribute('Algorithm') ?? '');
    const digest = elementChildren(ref, DSIG_NS, 'DigestMethod')[0]?.getAttribute('Algorithm') ?? '';
    if (!ALG.digest.includes(digest)) fail('invalid_signature', `digest method "${digest}" is not supported`);
    for (const t of transforms) {
      if (t !== ALG.enveloped && !ALG.c14n.includes(t))
        fail('invalid_signature', `transform "${t}" is not supported`);
    }
    if (uri === '') {
      if (!transforms.includes(ALG.enveloped)) {
        fail('invalid_signature', 'the whole-package reference lacks the enveloped-signature transform');
      }
      whole++;
    } else if (uri !== null && /^#[A-Za-z_][\w.-]*$/.test(uri)) {
      const id = uri.slice(1);
      // Only elements inside the signature's own Object may be referenced by id; xml-crypto
      // refuses an id that more than one element of the package carries.
      const targets = objects.flatMap((o) => findById(o, id));
      if (targets.length !== 1) {
        fail(
          'invalid_signature',
          `reference ${uri} does not point at one element inside the signature's Object: only the whole package (URI="") and signature properties may be signed`,
        );
      }
      signedTargets.push(targets[0]!);
    } else {
      fail('invalid_signature', `reference URI ${JSON.stringify(uri)} is not supported (only "" and "#id")`);
    }
  }
  if (whole !== 1)
    fail('invalid_signature', 'the signature does not cover the whole package (no Reference URI="")');
  for (const o of objects) {
    if (!signedTargets.some((t) => isInside(t, o) || isInside(o, t))) {
      fail(
        'invalid_signature',
        'an Object inside the Signature is covered by no reference (unsigned content)',
      );
    }
  }
  return { method, signedTargets };
}
