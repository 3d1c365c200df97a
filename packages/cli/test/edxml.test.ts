/** `lienthong edxml validate`: the built CLI on the public samples and on broken files. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
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
