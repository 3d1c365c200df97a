import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { submitMsgId } from '@lienthong/core';
import { msgIdKeyOf } from '../src/security';

const SEED_A = `SU${'A'.repeat(56)}`;
const SEED_B = `SU${'B'.repeat(56)}`;

describe('the key of submission message ids', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lt-msgid-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('comes from the agency’s secret: the same for its seed and its seed file, another for another seed', () => {
    const file = join(dir, 'a.nk');
    writeFileSync(file, `# agency\n${SEED_A}\n`);
    const a = msgIdKeyOf({ nkeySeed: SEED_A })!;
    expect(Buffer.from(msgIdKeyOf({ seedFile: file })!).equals(Buffer.from(a))).toBe(true);
    expect(Buffer.from(msgIdKeyOf({ nkeySeed: SEED_B })!).equals(Buffer.from(a))).toBe(false);
    const id = (key: Uint8Array | undefined): string =>
      submitMsgId('000.01.43.H41', ['document', 'd', '0'], key);
    expect(id(a)).not.toBe(id(msgIdKeyOf({ nkeySeed: SEED_B })));
    expect(id(msgIdKeyOf({ user: 'u', pass: 'p' }))).not.toBe(id(msgIdKeyOf({ token: 'p' })));
  });

  it('is absent without a secret', () => {
    expect(msgIdKeyOf(undefined)).toBeUndefined();
    expect(msgIdKeyOf({ user: 'u', pass: '' })).toBeUndefined();
    expect(msgIdKeyOf({ token: '' })).toBeUndefined();
  });
});
