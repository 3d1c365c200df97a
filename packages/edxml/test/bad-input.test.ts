/**
 * Hostile and broken packages: each is refused with its typed error and position, quickly, without
 * reading files, expanding entities or holding large inputs in memory.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EdxmlError, parseEdxml } from '@lienthong/edxml';
import type { EdxmlErrorCode, ParseOptions, ParsedEdoc } from '@lienthong/edxml';
import { sample } from './helpers';

const SMALL = Buffer.from(sample('pvngw__uploads_1da394ba-2117-4354-a23f-6ec3e47ba81b.edxml')).toString(
  'utf8',
);
const STATUS = Buffer.from(sample('tltvbqn__status_processing_05.edxml')).toString('utf8');
const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

async function refusal(
  input: Uint8Array | AsyncIterable<Uint8Array>,
  opts?: ParseOptions,
): Promise<EdxmlError> {
  const r = await parseEdxml(input, opts).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(r).toBeInstanceOf(EdxmlError);
  return r as EdxmlError;
}

async function expectRefused(
  input: string | Uint8Array,
  code: EdxmlErrorCode,
  reason: RegExp,
  at?: [number, number],
  opts?: ParseOptions,
): Promise<EdxmlError> {
  const e = await refusal(typeof input === 'string' ? enc(input) : input, opts);
  expect({ code: e.code, reason: e.reason }).toEqual({ code, reason: expect.stringMatching(reason) });
  if (at !== undefined) expect([e.line, e.column]).toEqual(at);
  return e;
}

describe('DTDs and entities', () => {
  it('refuses an external entity (XXE) without reading the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'edxml-xxe-'));
    const secret = join(dir, 'secret.txt');
    writeFileSync(secret, 'TOP-SECRET-CONTENT');
    const xxe = `<?xml version="1.0"?>\n<!DOCTYPE edXML [ <!ENTITY xxe SYSTEM "file://${secret}"> ]>\n<edXML xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016"><x>&xxe;</x></edXML>`;
    const e = await expectRefused(xxe, 'DTD_FORBIDDEN', /DOCTYPE \(DTD\) is not allowed/);
    expect(e.line).toBe(2);
    expect(JSON.stringify(e) + e.message).not.toContain('TOP-SECRET');
  });

  it('refuses billion laughs at the DOCTYPE, in milliseconds', async () => {
    const lol = [
      '<?xml version="1.0"?>',
      '<!DOCTYPE lolz [',
      ' <!ENTITY lol "lol">',
      ...Array.from(
        { length: 9 },
        (_, i) => ` <!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`,
      ),
      ']>',
      '<edXML>&lol9;</edXML>',
    ].join('\n');
    const t = performance.now();
    await expectRefused(lol, 'DTD_FORBIDDEN', /DOCTYPE/);
    expect(performance.now() - t).toBeLessThan(1000);
  });

  it('refuses a DOCTYPE split across input chunks as soon as it starts', async () => {
    let pulled = 0;
    async function* chunks(): AsyncGenerator<Uint8Array> {
      for (const s of [
        '<?xml version="1.0"?>\n<!DOC',
        'TYPE x SYSTEM "http://127.0.0.1:9/x.dtd"',
        '>',
        '<x/>',
      ]) {
        pulled++;
        yield enc(s);
      }
    }
    const e = await refusal(chunks());
    expect(e.code).toBe('DTD_FORBIDDEN');
    expect(pulled).toBe(2);
  });

  it('refuses entities other than the predefined ones, and reads character references', async () => {
    const withEntity = SMALL.replace('Local Aggregate Test', 'A &nbsp; B');
    const lines = withEntity.split('\n');
    const line = lines.findIndex((l) => l.includes('&nbsp;')) + 1;
    const column = lines[line - 1]!.indexOf('&nbsp;') + '&nbsp;'.length; // at the ';' (1-based)
    await expectRefused(withEntity, 'ENTITY_FORBIDDEN', /undefined entity/, [line, column]);
    const ok = (await parseEdxml(
      enc(SMALL.replace('Local Aggregate Test', 'A &#x1EA0;&amp;&lt;&#65; B')),
    )) as ParsedEdoc;
    expect(ok.header.subject).toBe('A Ạ&<A B');
  });
});

describe('limits', () => {
  it('refuses deep nesting at maxDepth with the position', async () => {
    const deep = `<edXML xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016">${'<a>'.repeat(10_000)}${'</a>'.repeat(10_000)}</edXML>`;
    const e = await expectRefused(deep, 'TOO_DEEP', /nested deeper than 32/);
    expect(e.line).toBe(1);
    // The root counts as depth 1: the 32nd <a> is one too deep; its '>' ends the 55-character root
    // tag plus 32 three-character tags.
    expect(e.column).toBe(55 + 32 * 3);
  });

  it('streams a 1 GB claimed base64 attachment in and refuses it at maxBytes with bounded memory', async () => {
    const head = SMALL.split('<AttachmentEncoded>')[0]!;
    const limit = 48 * 1024 * 1024;
    const line = Buffer.from(`${'QUJD'.repeat(19)}\r\n`);
    const block = Buffer.concat(Array<Buffer>(4000).fill(line));
    let yielded = 0;
    let peak = 0;
    const rss0 = process.memoryUsage().rss;
    async function* claim(): AsyncGenerator<Uint8Array> {
      yield enc(
        `${head}<AttachmentEncoded><Attachment><ContentId>cid:x</ContentId><edXML:ContentTransferEncoded>`,
      );
      while (yielded < 1024 * 1024 * 1024) {
        yielded += block.length;
        peak = Math.max(peak, process.memoryUsage().rss);
        yield block;
      }
    }
    const e = await refusal(claim(), {
      maxBytes: limit,
      attachmentSink: () => ({ write: () => undefined, end: () => undefined }),
    });
    expect(e.code).toBe('TOO_LARGE');
    expect(yielded).toBeLessThan(limit + 2 * block.length);
    expect(peak - rss0).toBeLessThan(64 * 1024 * 1024);
  }, 120_000);

  it('accepts a 96 MiB attachment through a sink with memory bounded far below its size', async () => {
    const head = SMALL.split('<AttachmentEncoded>')[0]!;
    const block = Buffer.from(`${'QUJD'.repeat(19)}\n`.repeat(4000));
    const target = 128 * 1024 * 1024; // base64 characters: 96 MiB decoded
    let peak = 0;
    let received = 0;
    const rss0 = process.memoryUsage().rss;
    async function* pkg(): AsyncGenerator<Uint8Array> {
      yield enc(
        `${head}<AttachmentEncoded><Attachment><ContentId>cid:b33d76bb-b6a0-48e0-ab54-38cf39e19ffa</ContentId><ContentTransferEncoded>`,
      );
      for (let n = 0; n < target; n += block.length) {
        peak = Math.max(peak, process.memoryUsage().rss);
        yield block;
      }
      yield enc('</ContentTransferEncoded></Attachment></AttachmentEncoded></edXML>');
    }
    const p = (await parseEdxml(pkg(), {
      attachmentSink: () => ({
        write: async (c) => {
          received += c.length;
          await Promise.resolve();
        },
        end: () => undefined,
      }),
    })) as ParsedEdoc;
    expect(p.attachments).toHaveLength(1);
    expect(p.attachments[0]!.size).toBe(received);
    expect(received).toBeGreaterThan(96 * 1000 * 1000);
    expect(p.attachments[0]!.data).toBeUndefined();
    expect(peak - rss0).toBeLessThan(80 * 1024 * 1024);
  }, 240_000);

  it.each([
    ['a 2 Mi-character Subject', SMALL.replace('Local Aggregate Test', 'x'.repeat(2 * 1024 * 1024))],
    ['a 2 Mi-character comment', SMALL.replace('<edXML:Subject>', `<!--${'c'.repeat(2 * 1024 * 1024)}-->`)],
    [
      'a 2 Mi-character attribute',
      SMALL.replace('<edXML:Subject>', `<edXML:Subject a="${'v'.repeat(2 * 1024 * 1024)}">`),
    ],
    ['a 2 Mi-character element name', SMALL.replace('<edXML:Subject>', `<${'n'.repeat(2 * 1024 * 1024)}>`)],
  ])('refuses %s (LIMIT_EXCEEDED)', async (_what, pkg) => {
    await expectRefused(pkg, 'LIMIT_EXCEEDED', /longer than|holds more than/);
  });

  it('refuses more elements, attachments or bytes than allowed', async () => {
    await expectRefused(SMALL, 'LIMIT_EXCEEDED', /more than 40 elements/, undefined, { maxElements: 40 });
    await expectRefused(SMALL, 'LIMIT_EXCEEDED', /more than 2 attachments/, undefined, { maxAttachments: 2 });
    await expectRefused(SMALL, 'TOO_LARGE', /larger than 1000 bytes/, undefined, { maxBytes: 1000 });
  });
});

describe('broken packages', () => {
  it.each<[string, string | Uint8Array, EdxmlErrorCode, RegExp]>([
    ['empty input', '', 'NOT_WELL_FORMED', /empty/],
    ['UTF-16', new Uint8Array([0xff, 0xfe, 0x3c, 0x00]), 'BAD_ENCODING', /UTF-16/],
    [
      'invalid UTF-8',
      new Uint8Array([...enc('<edXML>'), 0xc3, 0x28, ...enc('</edXML>')]),
      'BAD_ENCODING',
      /not valid UTF-8/,
    ],
    [
      'a Latin-1 declaration',
      SMALL.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"'),
      'BAD_ENCODING',
      /ISO-8859-1/,
    ],
    ['a truncated package', SMALL.slice(0, 3000), 'TRUNCATED', /unclosed tag/],
    [
      'an unknown unbound prefix',
      SMALL.replace('<edXML:Subject>', '<foo:Subject>'),
      'NOT_WELL_FORMED',
      /unbound namespace prefix/,
    ],
    ['another root', '<html><body/></html>', 'NOT_EDXML', /<html>, not <edXML>$/],
    [
      'a bare envelope (no <edXML> around it)',
      '<edXML:edXMLEnvelope xmlns:edXML="http://www.mic.gov.vn/TBT/QCVN_102_2016"/>',
      'NOT_EDXML',
      /not <edXML>; wrap the envelope in <edXML xmlns="http:\/\/www\.mic\.gov\.vn\/TBT\/QCVN_102_2016">/,
    ],
    [
      'no MessageHeader',
      '<edXML><edXMLEnvelope><edXMLHeader/></edXMLEnvelope></edXML>',
      'NOT_EDXML',
      /has no MessageHeader/,
    ],
    ['no To', SMALL.replace(/<edXML:To>[^]*?<\/edXML:To>/, ''), 'MISSING_ELEMENT', /no To/],
    [
      'an empty From OrganId',
      SMALL.replace('<edXML:OrganId>vxp.saas.03</edXML:OrganId>', '<edXML:OrganId/>'),
      'MISSING_ELEMENT',
      /From has no OrganId/,
    ],
    [
      'no DocumentId',
      SMALL.replace(/<edXML:DocumentId>.*<\/edXML:DocumentId>/, ''),
      'MISSING_ELEMENT',
      /no DocumentId/,
    ],
    [
      'BussinessDocType 7',
      SMALL.replace('<edXML:BussinessDocType>0<', '<edXML:BussinessDocType>7<'),
      'BAD_VALUE',
      /BussinessDocType> is "7": expected a whole number from 0 to 3/,
    ],
    [
      'Priority 9',
      SMALL.replace('<edXML:Priority>0<', '<edXML:Priority>9<'),
      'BAD_VALUE',
      /Priority> is "9"/,
    ],
    [
      'StatusCode 99',
      STATUS.replace('<edXML:StatusCode>05<', '<edXML:StatusCode>99<'),
      'BAD_VALUE',
      /StatusCode "99" is not one of/,
    ],
    [
      'a status without DocumentId',
      STATUS.replace(/<edXML:DocumentId>.*<\/edXML:DocumentId>/, ''),
      'MISSING_ELEMENT',
      /ResponseFor has no DocumentId/,
    ],
    [
      'a JMeter placeholder for base64',
      SMALL.replace(/(<edXML:ContentTransferEncoded[^>]*>)[^<]*/, '$1${__StringFromFile(test.txt,,,)}'),
      'BAD_BASE64',
      /not base64: character "\$"/,
    ],
    [
      'markup inside base64',
      SMALL.replace(/(<edXML:ContentTransferEncoded[^>]*>)[^<]*/, '$1QUJD<b/>'),
      'BAD_BASE64',
      /element <b> inside ContentTransferEncoded/,
    ],
    [
      'base64 cut mid-group',
      SMALL.replace(/(<edXML:ContentTransferEncoded[^>]*>)[^<]*/, '$1QUJDR'),
      'BAD_BASE64',
      /single dangling character/,
    ],
    [
      'text after the padding',
      SMALL.replace(/(<edXML:ContentTransferEncoded[^>]*>)[^<]*/, '$1QQ==QUJD'),
      'BAD_BASE64',
      /padding is followed/,
    ],
  ])('%s', async (_what, input, code, reason) => {
    const e = await expectRefused(input, code, reason);
    if (code !== 'NOT_WELL_FORMED' || _what !== 'empty input') expect(e.line).toBeGreaterThan(0);
  });

  it('a failing attachment sink refuses the package and is told why', async () => {
    const aborted: unknown[] = [];
    const e = await refusal(enc(SMALL), {
      attachmentSink: () => ({
        write: () => Promise.reject(new Error('disk full')),
        end: () => undefined,
        abort: (err) => void aborted.push(err),
      }),
    });
    expect(e.code).toBe('SINK_FAILED');
    expect(e.reason).toMatch(/disk full/);
  });

  it('tells an attachment sink that the package was refused after its attachment started', async () => {
    const aborted: EdxmlError[] = [];
    const broken = SMALL.replace(/(<edXML:ContentTransferEncoded[^>]*>)[^<]*/, '$1QUJD!!');
    await refusal(enc(broken), {
      attachmentSink: () => ({
        write: () => undefined,
        end: () => undefined,
        abort: (err) => void aborted.push(err as EdxmlError),
      }),
    });
    expect(aborted.map((a) => a.code)).toEqual(['BAD_BASE64']);
  });
});
