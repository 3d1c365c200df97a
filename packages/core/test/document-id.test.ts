import { LienthongError, assertDocumentIdOf, documentIdProblem, parseDocumentId } from '@lienthong/core';

const SENDER = '000.01.43.H41';

describe('document ids: OrganId,YYYY/MM/DD,number/notation', () => {
  it('accepts the edXML shape, with Vietnamese notations and a slash in the notation', () => {
    for (const id of [
      `${SENDER},2026/11/22,15/UBND-VP`,
      `${SENDER},2026/02/28,1/QĐ-UBND`,
      `${SENDER},2024/02/29,12/2026/TT-BTC`,
      `${SENDER},2026/01/15,mbx3k2j1/SDK`,
    ]) {
      expect([id, documentIdProblem(id, SENDER)]).toEqual([id, undefined]);
    }
    expect(parseDocumentId(`${SENDER},2026/11/22,15/UBND-VP`)).toEqual({
      organ: SENDER,
      date: { year: 2026, month: 11, day: 22 },
      number: '15',
      notation: 'UBND-VP',
    });
  });

  it.each([
    ['hello', /is not of the form OrganId,YYYY\/MM\/DD,number\/notation/],
    ['', /a document id is required/],
    [`${SENDER},2026/11/22,15/UBND-VP\n`, /contains a space, newline or control character/],
    [`${SENDER},2026/11/22,15/UBND VP`, /contains a space/],
    [`${SENDER},2026-11-22,15/UBND-VP`, /is not of the form/],
    [`${SENDER},2026/02/30,15/UBND-VP`, /2026\/02\/30 is not a day/],
    [`${SENDER},2026/13/01,15/UBND-VP`, /is not a day/],
    [`${SENDER},2026/11/22,15`, /is not of the form/],
    [`${SENDER},2026/11/22,/UBND`, /is not of the form/],
    ['UBND,2026/11/22,15/UBND-VP', /does not start with an agency code/],
    ['000.00.00.G22,2026/11/22,15/UBND-VP', /names 000\.00\.00\.G22 as its sender, not 000\.01\.43\.H41/],
  ])('refuses %j with a clear InvalidArgument', (id, message) => {
    const e = (() => {
      try {
        assertDocumentIdOf(id, SENDER);
        return undefined;
      } catch (err) {
        return err;
      }
    })();
    expect(e).toBeInstanceOf(LienthongError);
    expect((e as LienthongError).code).toBe('InvalidArgument');
    expect((e as LienthongError).message).toMatch(/^send: /);
    expect((e as LienthongError).message).toMatch(message);
  });
});
