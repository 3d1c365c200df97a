/**
 * The signature's shape, checked before any cryptography: XML-DSig namespace, a
 * namespace-well-formed package, supported algorithms, references to the whole package (exactly
 * one) or to elements of the signature's own Object, and no unsigned Object. Anything else is
 * `invalid_signature`, with the reason.
 */
import type { Element as XElement } from '@xmldom/xmldom';
import type { EdxmlWarning } from './errors';
import { DSIG_NS } from './types';
import type { SignatureLocation } from './types';
import { fail } from './verdict';
import type { SignatureVerdict } from './verdict';
import { descendants, elementChildren, findById, isInside } from './xml-dom';

const ALG = {
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

/**
 * Checks the shape of the Signature element `sigEl` found at `loc`; records the signature
 * algorithm in `out`. Returns the elements the id references point at (inside the Object).
 */
export function checkShape(
  loc: SignatureLocation,
  sigEl: XElement,
  warnings: EdxmlWarning[],
  out: Partial<SignatureVerdict>,
): XElement[] {
  checkNamespaces(loc, warnings);
  const si = checkSignedInfo(sigEl, out);
  const refs = elementChildren(si, DSIG_NS, 'Reference');
  if (refs.length === 0) fail('invalid_signature', 'SignedInfo has no Reference');
  const objects = elementChildren(sigEl, DSIG_NS, 'Object');
  const signedTargets: XElement[] = [];
  let whole = 0;
  for (const ref of refs) {
    const target = checkReference(ref, objects);
    if (target === 'whole') whole++;
    else signedTargets.push(target);
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
  return signedTargets;
}

function checkNamespaces(loc: SignatureLocation, warnings: EdxmlWarning[]): void {
  if (loc.namespace !== DSIG_NS) {
    fail(
      'invalid_signature',
      `the Signature element is not in the XML-DSig namespace (it declares none, so it is in "${loc.namespace || 'no namespace'}"); it cannot be verified`,
    );
  }
  // Canonical XML needs a namespace-well-formed document: the `edXML:`/`xlink:` leniency of
  // the reader does not extend to signatures.
  const undeclared = warnings.find((w) => w.code === 'UNDECLARED_PREFIX');
  if (undeclared !== undefined) {
    fail(
      'invalid_signature',
      `the package is not namespace-well-formed: ${undeclared.message.replace(/; read as .*$/, '')} (line ${undeclared.line}); its canonical form, and so its signature, is undefined`,
    );
  }
}

/** The single SignedInfo, with a supported canonicalisation and signature method. */
function checkSignedInfo(sigEl: XElement, out: Partial<SignatureVerdict>): XElement {
  const signedInfo = elementChildren(sigEl, DSIG_NS, 'SignedInfo');
  if (signedInfo.length !== 1) fail('invalid_signature', 'the Signature has no single SignedInfo');
  const si = signedInfo[0]!;
  const c14n = elementChildren(si, DSIG_NS, 'CanonicalizationMethod')[0]?.getAttribute('Algorithm') ?? '';
  const method = elementChildren(si, DSIG_NS, 'SignatureMethod')[0]?.getAttribute('Algorithm') ?? '';
  out.signatureAlgorithm = method;
  if (!ALG.c14n.includes(c14n)) fail('invalid_signature', `canonicalisation "${c14n}" is not supported`);
  if (!ALG.signature.includes(method))
    fail('invalid_signature', `signature method "${method}" is not supported`);
  return si;
}

/** One Reference: `'whole'` for URI="", else the one element of the Object its `#id` points at. */
function checkReference(ref: XElement, objects: XElement[]): XElement | 'whole' {
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
    return 'whole';
  }
  if (uri !== null && /^#[A-Za-z_][\w.-]*$/.test(uri)) {
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
    return targets[0]!;
  }
  return fail(
    'invalid_signature',
    `reference URI ${JSON.stringify(uri)} is not supported (only "" and "#id")`,
  );
}
