/**
 * The Signature element alone, as received, parsed in a wrapper that declares the namespaces in
 * scope where it stands: a small DOM for the certificate and the structural checks (xml-crypto
 * parses the whole package once, for the digests). The reader has already refused DTDs and
 * entities; this parse refuses them again.
 */
import { DOMParser } from '@xmldom/xmldom';
import type { Element as XElement } from '@xmldom/xmldom';
import { fail } from './verdict';
import { elementChildren } from './xml-dom';

export function parseSignatureElement(sigText: string, namespaces: Record<string, string>): XElement {
  const decls = Object.entries(namespaces)
    .map(
      ([p, uri]) =>
        ` ${p === '' ? 'xmlns' : `xmlns:${p}`}="${uri.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"`,
    )
    .join('');
  const errors: string[] = [];
  let dom: ReturnType<DOMParser['parseFromString']>;
  try {
    dom = new DOMParser({
      onError: (level, msg) => {
        if (level !== 'warning') errors.push(msg);
        if (level === 'fatalError') throw new Error(msg);
      },
    }).parseFromString(
      `<lienthong-signature-wrapper${decls}>${sigText}</lienthong-signature-wrapper>`,
      'text/xml',
    );
  } catch (e) {
    return fail(
      'invalid_signature',
      `the Signature element does not parse: ${(e as Error).message.split('\n')[0]}`,
    );
  }
  if (errors.length > 0 || dom.doctype !== null) {
    fail(
      'invalid_signature',
      `the Signature element does not parse cleanly: ${errors[0] ?? 'DOCTYPE present'}`,
    );
  }
  const sig = elementChildren(dom.documentElement!, null, 'Signature');
  if (sig.length !== 1) fail('invalid_signature', 'the Signature element does not parse on its own');
  return sig[0]!;
}
