/**
 * The XML parser keeps V8's fast object shape while the reader uses it: saxes stores each event
 * handler under a computed name, and past six handlers added so a parser object turns into a
 * dictionary (hash-table) object, which made every character it reads several times slower.
 */
import { setFlagsFromString } from 'node:v8';
import { SaxesParser } from 'saxes';
import { PackageReader } from '../src/reader';
import { FastSaxesParser } from '../src/saxes-internals';
import { renderEdocBytes } from '../src/render';

setFlagsFromString('--allow-natives-syntax');
const hasFastProperties = new Function('o', 'return %HasFastProperties(o)') as (o: object) => boolean;

const EVENTS = [
  'error',
  'doctype',
  'xmldecl',
  'opentagstart',
  'opentag',
  'text',
  'cdata',
  'closetag',
] as const;

function withHandlers(p: SaxesParser<{ xmlns: true; position: true }>): typeof p {
  for (const e of EVENTS) p.on(e, () => undefined);
  return p;
}

describe('the reader’s XML parser', () => {
  it('the probe tells a dictionary-mode object from a fast one', () => {
    const o: Record<string, number> = { a: 1, b: 2 };
    expect(hasFastProperties(o)).toBe(true);
    delete o['a'];
    expect(hasFastProperties(o)).toBe(false);
  });

  it('saxes as it comes turns into a dictionary with the reader’s eight handlers', () => {
    // Why FastSaxesParser exists; if a saxes release declares its handler slots, this fails and
    // the subclass can go.
    expect(hasFastProperties(withHandlers(new SaxesParser({ xmlns: true, position: true })))).toBe(false);
  });

  it('keeps its fast shape with every handler set, and after reading a package', async () => {
    const p = withHandlers(new FastSaxesParser({ xmlns: true, position: true }));
    expect(hasFastProperties(p)).toBe(true);
    p.write('<a><b x="1">text</b><![CDATA[c]]></a>');
    p.close();
    expect(hasFastProperties(p)).toBe(true);

    const reader = new PackageReader();
    const bytes = await renderEdocBytes({
      documentId: '000.00.00.G22,2026/12/02,1/VPCP',
      from: { code: '000.00.00.G22' },
      to: [{ code: '000.00.00.H41' }],
      codeNumber: '1',
      codeNotation: 'VPCP',
      subject: 'Về việc thử',
    });
    await reader.read(bytes);
    expect(hasFastProperties((reader as unknown as { parser: object }).parser)).toBe(true);
  });
});
