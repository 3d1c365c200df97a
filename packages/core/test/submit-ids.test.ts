import { msgIdKeyFrom, submitMsgId, submitMsgIdProblem } from '../src';

const A = '000.01.43.H41';
const B = '000.01.44.H41';

describe('submission message ids', () => {
  const keyA = msgIdKeyFrom('SUAAAA-seed-of-A');
  const keyB = msgIdKeyFrom('SUBBBB-seed-of-B');

  it('stay the ids earlier versions gave, so a resend after an upgrade is still de-duplicated', () => {
    const key = msgIdKeyFrom('SUAJ-seed-of-the-agency');
    expect(submitMsgId(A, ['document', `${A},2026/12/05,15/UBND-VP`, '0'], key)).toBe(
      'lt1:000_01_43_H41:giqMigq-_rQupl8k0Ln4CD7sK0ixj0bU',
    );
    expect(submitMsgId(A, ['status', '000.00.00.G22,2026/12/05,7/VPCP', '1', '1796000000000'])).toBe(
      'lt1:000_01_43_H41:HgjYzC84AZP8sTkcoEnm9fXlDNGP5GCH',
    );
    expect(
      submitMsgId('000.00.00.G22', ['document', '000.00.00.G22,2026/12/05,Số 15/QĐ-TTg về việc', '0'], key),
    ).toBe('lt1:000_00_00_G22:Yzmvjt67opNk3yfhZPQogcnPInhDN0fj');
  });

  it('are deterministic under one key, so a retry is de-duplicated', () => {
    const parts = ['document', `${A},2026/12/02,1/UBND`, '0'];
    expect(submitMsgId(A, parts, keyA)).toBe(submitMsgId(A, parts, keyA));
    expect(submitMsgId(A, parts, keyA)).toMatch(/^lt1:000_01_43_H41:[A-Za-z0-9_-]{32}$/);
  });

  it('differ by agency, by key and by every part, and part boundaries count', () => {
    const doc = `${B},2026/12/02,1/UBND`;
    const ids = new Set([
      submitMsgId(B, ['document', doc, '0'], keyB),
      submitMsgId(B, ['document', doc, '1'], keyB),
      submitMsgId(B, ['document', doc, '0'], keyA), // another agency's key: not B's id
      submitMsgId(B, ['document', doc, '0']), // unkeyed
      submitMsgId(A, ['document', doc, '0'], keyB),
      submitMsgId(B, ['document', `${doc}0`], keyB),
    ]);
    expect(ids.size).toBe(6);
  });

  it('carry their agency: a submission under another agency’s id is named as such', () => {
    const idOfB = submitMsgId(B, ['document', 'x', '0'], keyB);
    expect(submitMsgIdProblem(B, idOfB)).toBeUndefined();
    expect(submitMsgIdProblem(A, idOfB)).toMatch(/scoped to another agency \(000_01_44_H41\)/);
    // Ids of other clients (not scoped) and no id at all pass.
    expect(submitMsgIdProblem(A, 'my-own-id-42')).toBeUndefined();
    expect(submitMsgIdProblem(A, undefined)).toBeUndefined();
  });

  it('refuse bad input', () => {
    expect(() => msgIdKeyFrom('')).toThrow(/non-empty secret/);
    expect(() => submitMsgId(A, [])).toThrow(/at least one part/);
    expect(() => submitMsgId('000.01.43.*', ['x'])).toThrow(/not an agency code/);
  });
});
