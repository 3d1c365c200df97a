/** `lienthong edxml validate` and `verify`: the built CLI on the public samples, broken files and test-CA signatures. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { makeCa, makeCrl, makeSigner } from '../../edxml/test/pki';
import { Document } from '@lienthong/proto';
import { renderEdocBytes, signEdxml } from '@lienthong/edxml';
import { sampleFile } from '../../edxml/test/helpers';
import { json, killAll, lienthong, tempDir } from './helpers';

afterAll(() => killAll());

describe('lienthong edxml validate', () => {
  it('prints a valid package with its warnings in file order, exit 0', async () => {
    const r = await lienthong(['edxml', 'validate', sampleFile('tltvbqn__edoc.edxml')]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    const f = sampleFile('tltvbqn__edoc.edxml');
    expect(lines).toEqual([
      `${f}:7:9: warning [AGENCY_CODE] agency code "14.00.W00" is not AAA.BB.CC.Xnn`,
      `${f}:18:3: warning [AGENCY_CODE] agency code "14.00.W00" is not AAA.BB.CC.Xnn`,
      `${f}:60:3: warning [EMPTY_RESPONSE_FOR] ResponseFor has no content; left out`,
      expect.stringMatching(
        /^.*:117:39: warning \[UNDECLARED_PREFIX\] prefix "xlink:" is used where it is not declared/,
      ),
      expect.stringMatching(/^.*:126:27: warning \[UNDECLARED_PREFIX\] prefix "edXML:"/),
      `${f}: valid edoc 9fbfbad2-f1f8-4256-a2eb-50fb1061cddb from 14.00.W00, 1 recipient, 1 attachment, 5 warnings`,
    ]);
  });

  it('prints the refusal with line and column; one invalid file makes the exit code 1', async () => {
    const bad = sampleFile('truclienthong__edoc.edxml');
    const stray = sampleFile('pvngw__edoc_new.edxml');
    const r = await lienthong([
      'edxml',
      'validate',
      sampleFile('tltvbqn__status_finish_06.edxml'),
      bad,
      stray,
    ]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      `${bad}:74:28: error [NOT_WELL_FORMED] mismatched close tag: <edXML:From> opened at line 7, column 9 is not closed\n${bad}: invalid\n`,
    );
    expect(r.stdout).toContain(`${stray}:1:5: error [NOT_WELL_FORMED] text data outside of root node.`);
    expect(r.stdout).toMatch(
      /status_finish_06\.edxml: valid status 06 from 000\.00\.00\.H41 for 000\.00\.00\.G22,2015\/09\/30,7816\/VPCP-TTĐT, 0 warnings/,
    );
  });

  it('refuses a DTD and an unreadable file; --json gives the same results for scripts', async () => {
    const dir = tempDir('lt-edxml-');
    const xxe = path.join(dir, 'xxe.edxml');
    writeFileSync(
      xxe,
      '<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n<x>&e;</x>',
    );
    const missing = path.join(dir, 'missing.edxml');
    const r = await lienthong([
      'edxml',
      'validate',
      '--json',
      xxe,
      missing,
      sampleFile('tltvbqn__status.edxml'),
    ]);
    expect(r.code).toBe(1);
    const results = json<{ file: string; valid: boolean; error?: { code: string; line: number } }[]>(r);
    expect(results.map((x) => [path.basename(x.file), x.valid, x.error?.code, x.error?.line])).toEqual([
      ['xxe.edxml', false, 'DTD_FORBIDDEN', 2],
      ['missing.edxml', false, 'UNREADABLE', 0],
      ['tltvbqn__status.edxml', true, undefined, undefined],
    ]);
    expect(r.stdout).not.toContain('root:');
  });

  it('exit code 2 without a file', async () => {
    const r = await lienthong(['edxml', 'validate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/missing required argument 'file'/);
  });
});

describe('lienthong edxml verify', () => {
  it('prints signer, issuer, validity and the verdict; the exit code follows the worst verdict', async () => {
    const dir = tempDir('lt-edxml-verify-');
    const ca = await makeCa('CN=CLI Test CA, C=VN');
    const signer = await makeSigner(ca, 'CN=Phạm Văn D, 0.9.2342.19200300.100.1.1=CCCD:001099000123, C=VN');
    const pkg = await renderEdocBytes(
      Document.create({
        documentId: '000.00.00.H41,2026/12/02,9/UBND',
        from: { code: '000.00.00.H41' },
        to: [{ code: '000.00.00.G22' }],
        promulgationDate: '2026-12-02',
        subject: 'Kiểm tra chữ ký',
      }),
    );
    const signed = signEdxml(pkg, { privateKey: signer.keyPem, certificates: [signer.pem] });
    const caFile = path.join(dir, 'ca.pem');
    const good = path.join(dir, 'good.edxml');
    const tampered = path.join(dir, 'tampered.edxml');
    const crlFile = path.join(dir, 'ca.crl');
    writeFileSync(caFile, ca.pem);
    writeFileSync(good, signed);
    writeFileSync(
      tampered,
      Buffer.from(signed).toString('utf8').replace('Kiểm tra chữ ký', 'Kiểm tra chữ kí'),
    );
    writeFileSync(crlFile, await makeCrl(ca, [[signer, new Date('2026-01-01T00:00:00Z')]]));

    const ok = await lienthong(['edxml', 'verify', '--ca', caFile, good]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain(`${good}: valid — signed by Phạm Văn D;`);
    expect(ok.stdout).toContain('  signer:    Phạm Văn D (CCCD:001099000123)');
    expect(ok.stdout).toContain('  issuer:    CN=CLI Test CA, C=VN');
    expect(ok.stdout).toContain(`  serial:    ${signer.cert.serialNumber}`);
    expect(ok.stdout).toContain('  validity:  2016-01-01T00:00:00.000Z – 2036-01-01T00:00:00.000Z');
    expect(ok.stdout).toContain('  judged at: 2026-12-02T05:00:00.000Z (promulgation date)');

    const untrusted = await lienthong(['edxml', 'verify', good]);
    expect(untrusted.code).toBe(4);
    expect(untrusted.stdout).toContain('untrusted_chain — no trust anchors are configured');

    const revoked = await lienthong(['edxml', 'verify', '--ca', caFile, '--crl', crlFile, good]);
    expect(revoked.code).toBe(4);
    expect(revoked.stdout).toMatch(/revoked: +2026-01-01T00:00:00.000Z \(before signing\)/);

    const mixed = await lienthong([
      'edxml',
      'verify',
      '--ca',
      caFile,
      '--json',
      good,
      tampered,
      sampleFile('tltvbqn__status.edxml'),
      sampleFile('truclienthong__edoc.edxml'),
    ]);
    expect(mixed.code).toBe(1);
    const results = json<{ verdict: string }[]>(mixed);
    expect(results.map((r) => r.verdict)).toEqual(['valid', 'invalid_digest', 'unsigned', 'refused']);
    const digest = await lienthong(['edxml', 'verify', '--ca', caFile, good, tampered]);
    expect(digest.code).toBe(6);
  }, 60_000);

  it('usage errors: an unreadable trust anchor, a bad --at', async () => {
    const noCa = await lienthong([
      'edxml',
      'verify',
      '--ca',
      '/nonexistent/ca.pem',
      sampleFile('tltvbqn__status.edxml'),
    ]);
    expect(noCa.code).toBe(2);
    expect(noCa.stderr).toMatch(/cannot read trust anchor/);
    const badAt = await lienthong([
      'edxml',
      'verify',
      '--at',
      'yesterday',
      sampleFile('tltvbqn__status.edxml'),
    ]);
    expect(badAt.code).toBe(2);
    expect(badAt.stderr).toMatch(/--at: "yesterday" is not an ISO 8601 time/);
  });
});
