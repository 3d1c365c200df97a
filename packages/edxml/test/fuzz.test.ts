/**
 * 12,000 mutated packages (seeded, reproducible) through the parser, fed whole or in random slices:
 * each either reads or is refused with a typed EdxmlError carrying a known code and a position —
 * never another exception, never a hang.
 */
import fc from 'fast-check';
import { EdxmlError, parseEdxml, toDocument, toStatusReport } from '@lienthong/edxml';
import type { EdxmlErrorCode } from '@lienthong/edxml';
import { fastPath } from '../src/reader';
import { sample } from './helpers';

const SEEDS = [
  'pvngw__uploads_1da394ba-2117-4354-a23f-6ec3e47ba81b.edxml',
  'pvngw__uploads_1f881896-6e3a-4a5f-87f1-c380878e148e.edxml',
  'truclienthong__xml_dc0bdef0-c7a3-4aaf-b717-777303442973.edxml',
  'tltvbqn__status.edxml',
  'tltvbqn__status_cancellation_13.edxml',
  'edocintegrator__status_processing_05.edxml',
].map(sample);

const CODES: EdxmlErrorCode[] = [
  'NOT_WELL_FORMED',
  'BAD_ENCODING',
  'DTD_FORBIDDEN',
  'ENTITY_FORBIDDEN',
  'TOO_LARGE',
  'TOO_DEEP',
  'LIMIT_EXCEEDED',
  'NOT_EDXML',
  'MISSING_ELEMENT',
  'BAD_VALUE',
  'BAD_BASE64',
  'TRUNCATED',
  'UNREPRESENTABLE',
  'SINK_FAILED',
];

const enc = (s: string): number[] => [...new TextEncoder().encode(s)];
const TOKENS = [
  '<',
  '>',
  '&',
  '&amp;',
  '&xxe;',
  '&#0;',
  '&#x1F600;',
  ']]>',
  '<![CDATA[x]]>',
  '<!--',
  '-->',
  '<!DOCTYPE x>',
  '<?pi x?>',
  '"',
  "'",
  '=',
  '/>',
  '</edXML:From>',
  '<edXML:To>',
  '<foo:x/>',
  ' xmlns:edXML=""',
  ' xmlns=""',
  '<edXML:StatusCode>13</edXML:StatusCode>',
  '<edXML:BussinessDocType>9</edXML:BussinessDocType>',
  '====',
  '\u0000',
  '\uFFFF',
  'Việt',
].map(enc);

type Mutation =
  | { kind: 'flip'; at: number; value: number }
  | { kind: 'delete'; at: number; len: number }
  | { kind: 'dup'; at: number; len: number; to: number }
  | { kind: 'insert'; at: number; token: number }
  | { kind: 'truncate'; at: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 64 }) }),
  fc.record({
    kind: fc.constant('dup' as const),
    at: fc.nat(),
    len: fc.integer({ min: 1, max: 256 }),
    to: fc.nat(),
  }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    token: fc.nat({ max: TOKENS.length - 1 }),
  }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
);

function apply(base: Uint8Array, ms: Mutation[]): Uint8Array {
  let b = [...base];
  for (const m of ms) {
    const at = b.length === 0 ? 0 : m.at % b.length;
    switch (m.kind) {
      case 'flip':
        b[at] = m.value;
        break;
      case 'delete':
        b.splice(at, m.len);
        break;
      case 'dup':
        b.splice(b.length === 0 ? 0 : m.to % b.length, 0, ...b.slice(at, at + m.len));
        break;
      case 'insert':
        b.splice(at, 0, ...TOKENS[m.token]!);
        break;
      case 'truncate':
        b = b.slice(0, at);
        break;
    }
  }
  return new Uint8Array(b);
}

/** A sample whose base64 is wrapped in CRLF (or LF, or lone CR) lines, as many systems write it. */
function wrapped(name: string, eol: string, width: number): Uint8Array {
  const t = Buffer.from(sample(name)).toString('utf8');
  return new TextEncoder().encode(
    t.replace(
      /(<edXML:ContentTransferEncoded[^>]*>)([^<]*)/g,
      (_m, open: string, b64: string) =>
        `${open}${eol}${(b64.match(new RegExp(`.{1,${width}}`, 'g')) ?? []).join(eol)}${eol}  `,
    ),
  );
}

async function* slices(b: Uint8Array, sizes: number[]): AsyncGenerator<Uint8Array> {
  let at = 0;
  for (let i = 0; at < b.length; i++) {
    const n = sizes[i % sizes.length]!;
    yield b.subarray(at, at + n);
    at += n;
  }
}

describe('mutated packages', () => {
  it('12,000 mutations give a parsed package or a typed error, never a crash or a hang', async () => {
    const outcomes = new Map<string, number>();
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: SEEDS.length - 1 }),
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        fc.option(fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 5 }), {
          nil: undefined,
        }),
        async (seed, ms, sizes) => {
          runs++;
          const input = apply(SEEDS[seed]!, ms);
          const t = performance.now();
          let outcome: string;
          try {
            const p = await parseEdxml(sizes === undefined ? input : slices(input, sizes), {
              maxElements: 5_000,
              maxTokenChars: 64 * 1024,
            });
            // What parsed also maps.
            if (p.kind === 'edoc') toDocument(p);
            else toStatusReport(p);
            outcome = `ok:${p.kind}`;
          } catch (e) {
            if (!(e instanceof EdxmlError)) throw e;
            expect(CODES).toContain(e.code);
            expect(e.line).toBeGreaterThanOrEqual(0);
            expect(e.column).toBeGreaterThanOrEqual(0);
            expect(e.reason.length).toBeGreaterThan(0);
            outcome = e.code;
          }
          expect(performance.now() - t).toBeLessThan(2_000);
          outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
        },
      ),
      { numRuns: 12_000, seed: 20261202 },
    );
    expect(runs).toBe(12_000);
    // The mutations reach well beyond "not well-formed": both outcomes and several refusal kinds.
    expect(outcomes.get('ok:edoc') ?? 0).toBeGreaterThan(100);
    expect(outcomes.get('ok:status') ?? 0).toBeGreaterThan(100);
    expect(outcomes.get('NOT_WELL_FORMED') ?? 0).toBeGreaterThan(100);
    expect([...outcomes.keys()].length).toBeGreaterThanOrEqual(6);
  }, 300_000);
});

describe('the attachment fast path', () => {
  const seeds = [
    wrapped('pvngw__uploads_1da394ba-2117-4354-a23f-6ec3e47ba81b.edxml', '\r\n', 76),
    wrapped('pvngw__uploads_1f881896-6e3a-4a5f-87f1-c380878e148e.edxml', '\n', 64),
    wrapped('truclienthong__xml_dc0bdef0-c7a3-4aaf-b717-777303442973.edxml', '\r', 60),
    SEEDS[0]!,
  ];

  async function outcome(input: Uint8Array, sizes: number[] | undefined, fast: boolean): Promise<unknown> {
    fastPath.enabled = fast;
    try {
      // Where the base64 runs fall depends on the fast path and the slicing (signature-skeleton.test.ts
      // checks what they are for); everything else must be the same.
      const { base64Runs: _runs, ...parsed } = await parseEdxml(
        sizes === undefined ? input : slices(input, sizes),
      );
      return parsed;
    } catch (e) {
      if (!(e instanceof EdxmlError)) throw e;
      return { code: e.code, line: e.line, column: e.column, reason: e.reason };
    } finally {
      fastPath.enabled = true;
    }
  }

  it('reads wrapped base64 to the same bytes as saxes does', async () => {
    for (const seed of seeds) {
      const fast = await outcome(seed, undefined, true);
      expect(fast).toMatchObject({ kind: 'edoc' });
      expect(fast).toEqual(await outcome(seed, [7, 64, 1], false));
    }
  });

  it('3,000 mutations: the same package or the same refusal at the same line and column, with or without it', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: seeds.length - 1 }),
        fc.array(mutation, { minLength: 0, maxLength: 3 }),
        fc.option(fc.array(fc.integer({ min: 1, max: 400 }), { minLength: 1, maxLength: 4 }), {
          nil: undefined,
        }),
        async (seed, ms, sizes) => {
          const input = apply(seeds[seed]!, ms);
          expect(await outcome(input, sizes, true)).toEqual(await outcome(input, sizes, false));
        },
      ),
      { numRuns: 3_000, seed: 1202 },
    );
  }, 300_000);
});
