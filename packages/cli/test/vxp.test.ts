/**
 * `lienthong up --http-port` serves the VXP endpoint at /vxp: an agency's system id is its code and
 * its secret the `--http-token`; `creds issue system NAME --agencies …` issues one secret for a
 * platform acting for several agencies, and `creds revoke system:NAME` refuses it from then on.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { renderEdocBytes } from '@lienthong/edxml';
import { brokerForSuite, creds, tempDir } from './helpers';
import type { Run } from './helpers';

jest.setTimeout(60_000);

const CLIENT = path.resolve(__dirname, '../../../examples/python/vxp_java_compat.py');
const SENDER = '000.00.00.G22';
const RECIPIENT = '000.00.00.H41';

function call(
  endpoint: string,
  verb: string,
  system: string,
  secret: string,
  h: Record<string, string> = {},
  extra: string[] = [],
): Promise<Record<string, unknown>> {
  return new Promise((res, rej) => {
    const p = spawn(
      'python3',
      [CLIENT, 'call', verb, '--endpoint', endpoint, '--system', system, '--h', JSON.stringify(h), ...extra],
      { env: { ...process.env, VXP_SECRET: secret } },
    );
    let out = '';
    let err = '';
    p.stdout.on('data', (c: Buffer) => (out += c.toString()));
    p.stderr.on('data', (c: Buffer) => (err += c.toString()));
    p.on('error', rej);
    p.on('close', (code) =>
      code === 0 ? res(JSON.parse(out) as Record<string, unknown>) : rej(new Error(err)),
    );
  });
}

describe('the VXP endpoint from the command line', () => {
  const suite = brokerForSuite({ auth: true, http: true });
  const dir = tempDir('lt-vxp-cli-');
  let endpoint = '';

  const issue = (args: string[]): Promise<Run> => creds(suite, 'issue', ...args);

  beforeAll(() => {
    endpoint = `${suite.broker.httpUrl!}/vxp`;
  });

  it('up prints the endpoint; an agency signs with its HTTP token and sends', async () => {
    expect(suite.broker.process.stdout()).toContain(`vxp:     ${endpoint}`);
    const r = await issue(['agency', SENDER, '--http-token']);
    expect([r.code, r.stderr]).toEqual([0, '']);
    const secret = r.stdout.trimEnd().split('\n').at(-1)!;
    const documentId = `${SENDER},2026/12/02,${Date.now()}/VPCP-VXP`;
    const file = path.join(dir, 'out.edxml');
    writeFileSync(
      file,
      await renderEdocBytes({
        documentId,
        from: { code: SENDER, name: 'Văn phòng Chính phủ' },
        to: [{ code: RECIPIENT }],
        codeNumber: '1',
        codeNotation: 'VPCP-VXP',
        promulgationDate: '2026-12-02',
        subject: 'Gửi qua cổng VXP',
      }),
    );
    const sent = await call(endpoint, 'sendEdoc', SENDER, secret, { from: SENDER, to: RECIPIENT }, [
      '--file',
      file,
    ]);
    expect(sent).toMatchObject({ status: 'OK', ErrorCode: '0' });
    expect(String(sent['DocId'])).toMatch(/^000_00_00_G22\.[0-9a-f]{64}$/);
    const wrong = await call(endpoint, 'countReceiveEdoc', SENDER, 'lt_wrong');
    expect(wrong).toMatchObject({ status: 'FAIL', ErrorCode: '3' });
  });

  it('creds issue system: one secret for several agencies, from names which; revoke refuses it', async () => {
    const r = await issue([
      'system',
      'qlvb-nghe-an',
      '--agencies',
      `${RECIPIENT},000.00.11.H41`,
      '--http-token',
    ]);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toContain(`issued system qlvb-nghe-an for ${RECIPIENT}, 000.00.11.H41`);
    const secret = r.stdout.trimEnd().split('\n').at(-1)!;
    expect(secret).toMatch(/^lt_[A-Za-z0-9_-]{43}$/);
    const listed = await call(endpoint, 'getReceivedEdocList', 'qlvb-nghe-an', secret, { from: RECIPIENT });
    expect(listed).toMatchObject({ status: 'OK', ErrorCode: '0' });
    const outside = await call(endpoint, 'countReceiveEdoc', 'qlvb-nghe-an', secret, { from: SENDER });
    expect(outside).toMatchObject({ status: 'FAIL', ErrorCode: '5' });

    const revoked = await creds(suite, 'revoke', 'system:qlvb-nghe-an');
    expect([revoked.code, revoked.stdout]).toEqual([0, 'revoked 1 VXP token(s) of system:qlvb-nghe-an\n']);
    const after = await call(endpoint, 'countReceiveEdoc', 'qlvb-nghe-an', secret, { from: RECIPIENT });
    expect(after).toMatchObject({ status: 'FAIL', ErrorCode: '2' });
  });

  it('refuses a system without --http-token, without agencies, or with an agency not in the directory', async () => {
    const noToken = await issue(['system', 'x1', '--agencies', RECIPIENT]);
    expect(noToken.code).not.toBe(0);
    expect(noToken.stderr).toMatch(/add --http-token/);
    const noAgencies = await issue(['system', 'x2', '--http-token']);
    expect(noAgencies.stderr).toMatch(/needs --agencies/);
    const unknown = await issue(['system', 'x3', '--agencies', '000.00.99.Z99', '--http-token']);
    expect(unknown.stderr).toMatch(/000\.00\.99\.Z99 is not in the directory/);
    const code = await issue(['system', RECIPIENT, '--agencies', RECIPIENT, '--http-token']);
    expect(code.stderr).toMatch(/is an agency code/);
  });
});
