import fc from 'fast-check';
import {
  InvalidAgencyCodeError,
  agencyFromToken,
  agencyToToken,
  assertAgencyCode,
  isAgencyCode,
  parseAgencyCode,
} from '@lienthong/core';

const digits = (n: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: n, maxLength: n });
const upper = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ');
const validCode = fc
  .tuple(digits(3), digits(2), digits(2), upper, digits(2))
  .map(([a, b, c, x, nn]) => `${a}.${b}.${c}.${x}${nn}`);

function problemOf(f: () => unknown): string | undefined {
  try {
    f();
    return undefined;
  } catch (e) {
    if (e instanceof InvalidAgencyCodeError) return e.problem;
    throw e;
  }
}

describe('agency codes', () => {
  it('parses the four levels, level 1 being the right-most group', () => {
    expect(parseAgencyCode('000.01.43.H41')).toEqual({
      text: '000.01.43.H41',
      level1: 'H41',
      level2: '43',
      level3: '01',
      level4: '000',
    });
  });

  it('accepts well-formed codes', () => {
    for (const code of ['000.00.00.G22', '000.00.00.H41', '999.99.99.Z99', '000.00.11.H53']) {
      expect(isAgencyCode(code)).toBe(true);
      expect(assertAgencyCode(code)).toBe(code);
    }
  });

  it.each([
    ['', 'empty'],
    ['000.00.00.H411', 'too long'],
    ['000.00.00.H41.000.00.00', 'too long'],
    ['000.00.00.H4*', 'wildcard or subject separator'],
    ['000.00.00.>', 'wildcard or subject separator'],
    ['000.00.00 H41', 'whitespace or control character'],
    ['000.00.00.H41\n', 'whitespace or control character'],
    ['000.00.00.H4\u0000', 'whitespace or control character'],
    ['000.00.00.H4\u200b', 'whitespace or control character'],
    ['000.00.00.\u041d41', 'non-ASCII character'], // Cyrillic capital En looks like H
    ['\uff10\uff10\uff10.00.00.H41', 'non-ASCII character'], // full-width digits
    ['000.00.00.h41', 'wrong shape'],
    ['28.22.H17', 'wrong shape'],
    ['14.00.W00', 'wrong shape'],
    ['000.00.00.JB2', 'wrong shape'],
    ['vxp.saas.02', 'wrong shape'],
    ['000_00_00_H41', 'wrong shape'],
    ['0000.0.00.H41', 'wrong shape'],
  ])('rejects %j: %s', (input, problem) => {
    expect(isAgencyCode(input)).toBe(false);
    expect(problemOf(() => assertAgencyCode(input))).toBe(problem);
    expect(problemOf(() => parseAgencyCode(input))).toBe(problem);
    expect(problemOf(() => agencyToToken(input))).toBe(problem);
  });

  it('rejects non-strings', () => {
    expect(isAgencyCode(42)).toBe(false);
    expect(problemOf(() => assertAgencyCode(undefined))).toBe('not a string');
    expect(problemOf(() => assertAgencyCode({ code: '000.00.00.H41' }))).toBe('not a string');
  });

  it('says what is wrong in the message', () => {
    expect(() => assertAgencyCode('000.00.00.H4*')).toThrow(
      "'000.00.00.H4*' is not an agency code: wildcard or subject separator",
    );
  });

  it('encodes a code as a subject token and back', () => {
    expect(agencyToToken('000.00.00.H41')).toBe('000_00_00_H41');
    expect(agencyFromToken('000_00_00_H41')).toBe('000.00.00.H41');
  });

  it('gives the same tokens past the codes it remembers, and never remembers a bad code', () => {
    // More codes than the tokens kept (8,192): the memory starts over, the answers do not change.
    const codes = Array.from(
      { length: 9_000 },
      (_, i) =>
        `000.${String(i % 100).padStart(2, '0')}.${String(Math.floor(i / 100) % 100).padStart(2, '0')}.H${String(10 + (i % 80)).padStart(2, '0')}`,
    );
    for (const round of [1, 2]) {
      for (const c of codes) expect(agencyToToken(c)).toBe(c.replaceAll('.', '_'));
      expect(() => agencyToToken('000.00.00.H4*')).toThrow(InvalidAgencyCodeError);
      expect(() => agencyToToken(`${codes[round]!} `)).toThrow(InvalidAgencyCodeError);
    }
  });

  it.each([
    ['000.00.00.H41', 'wildcard or subject separator'],
    ['000_00_00_H4*', 'wildcard or subject separator'],
    ['000_00_00_>', 'wildcard or subject separator'],
    ['000_00_00_H41 ', 'whitespace or control character'],
    ['000_00_00_\u041d41', 'non-ASCII character'],
    ['000_00_00_H411', 'too long'],
    ['', 'empty'],
    ['000-00-00-H41', 'wrong shape'],
    ['000_00_00_h41', 'wrong shape'],
  ])('rejects the token %j: %s', (token, problem) => {
    expect(problemOf(() => agencyFromToken(token))).toBe(problem);
  });

  it('round-trips every valid code through its token', () => {
    fc.assert(
      fc.property(validCode, (code) => {
        const token = agencyToToken(code);
        expect(token).toMatch(/^[0-9]{3}_[0-9]{2}_[0-9]{2}_[A-Z][0-9]{2}$/);
        expect(agencyFromToken(token)).toBe(code);
        expect(parseAgencyCode(code).text).toBe(code);
      }),
    );
  });

  it('never accepts a string with a forbidden character, as a code or as a token', () => {
    const forbidden = fc.constantFrom(
      '*',
      '>',
      ' ',
      '\t',
      '\r',
      '\n',
      '\u0000',
      '\u007f',
      '\u00a0',
      '\u2028',
      '\ufeff',
      '\u041d',
      '\uff11',
    );
    const anyText = fc.string({ maxLength: 20 });
    fc.assert(
      fc.property(anyText, forbidden, anyText, (before, bad, after) => {
        const s = before + bad + after;
        expect(isAgencyCode(s)).toBe(false);
        expect(() => assertAgencyCode(s)).toThrow(InvalidAgencyCodeError);
        expect(() => agencyFromToken(s)).toThrow(InvalidAgencyCodeError);
      }),
    );
  });

  it('accepts exactly the pattern, and its tokens are free of subject syntax', () => {
    // Valid codes with one character replaced by anything: near misses are the interesting inputs.
    const nearMiss = fc
      .tuple(validCode, fc.nat({ max: 12 }), fc.string({ minLength: 1, maxLength: 1, unit: 'binary' }))
      .map(([code, i, ch]) => code.slice(0, i) + ch + code.slice(i + 1));
    const pattern = /^[0-9]{3}\.[0-9]{2}\.[0-9]{2}\.[A-Z][0-9]{2}$/;
    fc.assert(
      fc.property(fc.oneof(validCode, nearMiss, fc.string({ maxLength: 16 })), (s) => {
        expect(isAgencyCode(s)).toBe(pattern.test(s));
        if (!pattern.test(s)) {
          expect(() => agencyToToken(s)).toThrow(InvalidAgencyCodeError);
          return;
        }
        expect(agencyToToken(s)).not.toMatch(/[*>.\s\p{Cc}]/u);
      }),
      { numRuns: 300 },
    );
  });
});
