import { createHash } from 'node:crypto';
import fc from 'fast-check';
import {
  InvalidNodeIdError,
  LienthongError,
  assertNodeId,
  documentEnvelopeId,
  documentKey,
  envelopeIdFor,
  isNodeId,
  msgIdFor,
} from '@lienthong/core';

describe('node ids', () => {
  it('accepts 1-32 of [a-z0-9-] not starting with a dash', () => {
    for (const id of ['vn', 'h41', 'h41-yenthanh-xa1', '0', 'a'.repeat(32)]) {
      expect(assertNodeId(id)).toBe(id);
      expect(isNodeId(id)).toBe(true);
    }
  });

  it.each([
    ['', 'empty'],
    ['a'.repeat(33), 'too long'],
    ['-h41', 'wrong shape'],
    ['H41', 'wrong shape'],
    ['h41.x', 'wrong shape'],
    ['h41*', 'wrong shape'],
    ['h41 x', 'wrong shape'],
    ['h41_x', 'wrong shape'],
    ['hà-tĩnh', 'wrong shape'],
  ])('rejects %j (%s)', (input, problem) => {
    expect(isNodeId(input)).toBe(false);
    try {
      assertNodeId(input);
      throw new Error('accepted');
    } catch (e) {
      expect(e).toBeInstanceOf(InvalidNodeIdError);
      expect((e as InvalidNodeIdError).problem).toBe(problem);
      expect((e as InvalidNodeIdError).code).toBe('InvalidArgument');
    }
  });

  it('rejects non-strings', () => {
    expect(() => assertNodeId(7)).toThrow(InvalidNodeIdError);
  });
});

describe('documentKey', () => {
  const id = '000.00.00.G22,2015/09/30,7816/VPCP-TTĐT';

  it('is 26 lowercase base32 characters of the first 16 bytes of SHA-256', () => {
    const key = documentKey(id);
    expect(key).toMatch(/^[a-z2-7]{26}$/);
    // Decode the base32 back to bytes and compare with the digest.
    const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
    const bits = [...key].map((ch) => alphabet.indexOf(ch).toString(2).padStart(5, '0')).join('');
    const bytes = Buffer.from(
      bits
        .slice(0, 128)
        .match(/.{8}/g)!
        .map((b) => parseInt(b, 2)),
    );
    expect(bytes).toEqual(createHash('sha256').update(id, 'utf8').digest().subarray(0, 16));
    expect(bits.slice(128)).toBe('00');
  });

  it('is deterministic and tells ids apart', () => {
    expect(documentKey(id)).toBe(documentKey(id));
    expect(documentKey(id)).not.toBe(documentKey(`${id} `));
    expect(documentKey('TTĐT')).not.toBe(documentKey('TTDT'));
  });

  it('refuses an empty id', () => {
    expect(() => documentKey('')).toThrow(LienthongError);
  });

  it('is always a subject-safe token', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, unit: 'grapheme' }), (s) => {
        expect(documentKey(s)).toMatch(/^[a-z2-7]{26}$/);
      }),
    );
  });
});

describe('envelopeIdFor and msgIdFor', () => {
  it('gives the ids it always gave (they de-duplicate resends across versions)', () => {
    expect(
      envelopeIdFor([
        'status',
        '000.00.00.H41',
        '000.00.00.G22',
        '000.00.00.G22,2026/12/02,12/VPCP-TH',
        '1',
        '1764650000000',
      ]),
    ).toBe('htgpwpgz2nmgnjpcj4qexc4yuy');
    expect(envelopeIdFor(['Công điện khẩn', '', 'a\u0000b'])).toBe('h22h37p7upj2gk6d6ukescmege');
    expect(documentEnvelopeId('000.00.00.G22', '000.00.00.G22,2026/12/02,12/VPCP-TH', 0)).toBe(
      'cixobaw2lyrhyaxzfpzvv2wkvi',
    );
  });

  it('gives the same id for the same parts and different ids otherwise', () => {
    const parts = ['000.00.00.G22', 'doc-1', 'document'];
    expect(envelopeIdFor(parts)).toBe(envelopeIdFor([...parts]));
    expect(envelopeIdFor(parts)).toMatch(/^[a-z2-7]{26}$/);
    expect(envelopeIdFor(parts)).not.toBe(envelopeIdFor(['000.00.00.G22', 'doc-1', 'status']));
  });

  it('does not confuse part boundaries', () => {
    expect(envelopeIdFor(['a', 'b'])).not.toBe(envelopeIdFor(['a\u0000b']));
    expect(envelopeIdFor(['ab', 'c'])).not.toBe(envelopeIdFor(['a', 'bc']));
    expect(envelopeIdFor(['a', ''])).not.toBe(envelopeIdFor(['a']));
  });

  it('is injective on part lists in practice', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string(), { minLength: 1, maxLength: 4 }),
        fc.array(fc.string(), { minLength: 1, maxLength: 4 }),
        (a, b) => {
          fc.pre(JSON.stringify(a) !== JSON.stringify(b));
          expect(envelopeIdFor(a)).not.toBe(envelopeIdFor(b));
        },
      ),
    );
  });

  it('refuses no parts', () => {
    expect(() => envelopeIdFor([])).toThrow(LienthongError);
  });

  it('forms the message id of one publish to one target', () => {
    expect(msgIdFor('abc', 'h41')).toBe('abc:h41');
    expect(() => msgIdFor('', 'h41')).toThrow(LienthongError);
    expect(() => msgIdFor('abc', '')).toThrow(LienthongError);
  });
});
