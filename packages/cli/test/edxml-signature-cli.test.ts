/**
 * `lienthong up --edxml-ca FILE` makes the nodes trust a CA for edXML signatures; `doc show` prints
 * the verdict the sender's home node gave a package posted through the gateway (signer, issuer,
 * serial, validity, which time was used), and `--json` carries it.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { createTestSigningIdentity, renderEdocBytes, signEdxml } from '@lienthong/edxml';
import type { TestSigningIdentity } from '@lienthong/edxml';
import { brokerForSuite, json, lienthong, tempDir } from './helpers';

jest.setTimeout(60_000);

const SENDER = '000.00.00.G22';
const RECIPIENT = '000.00.00.H41';

describe('edXML signature verdicts on the command line', () => {
  const dir = tempDir('lt-edxml-sig-cli-');
  const caFile = path.join(dir, 'ca.pem');
  let id: TestSigningIdentity;
  beforeAll(async () => {
    id = await createTestSigningIdentity('CN=CLI Test CA, C=VN', 'CN=Trần Thị B, C=VN');
    writeFileSync(caFile, id.caPem);
  });
  const suite = brokerForSuite({ http: true, args: () => ['--edxml-ca', caFile] });

  const post = async (bytes: Uint8Array): Promise<void> => {
    const r = await fetch(`${suite.broker.httpUrl!}/api/v1/edocs`, {
      method: 'POST',
      headers: { 'content-type': 'application/xml', 'x-lienthong-agency': SENDER },
      body: bytes,
    });
    expect(r.status).toBe(202);
  };

  const packageOf = async (n: string): Promise<{ documentId: string; signed: Uint8Array }> => {
    const documentId = `${SENDER},2026/12/02,${Date.now()}${n}/VPCP-SIG`;
    const pkg = await renderEdocBytes({
      documentId,
      from: { code: SENDER, name: 'Văn phòng Chính phủ' },
      to: [{ code: RECIPIENT }],
      codeNumber: n,
      codeNotation: 'VPCP-SIG',
      promulgationDate: new Date().toISOString().slice(0, 10),
      subject: 'Kiem tra chu ky so ABC',
    });
    return { documentId, signed: signEdxml(pkg, { privateKey: id.keyPem, certificates: [id.certPem] }) };
  };

  const showUntil = async (documentId: string, verdict: string): Promise<string> => {
    for (let i = 0; i < 100; i++) {
      const r = await lienthong(['doc', 'show', documentId, ...suite.s]);
      if (r.code === 0 && r.stdout.includes(`edXML signature: ${verdict}`)) return r.stdout;
      await new Promise((res) => setTimeout(res, 100));
    }
    throw new Error(`doc show never printed the verdict ${verdict}`);
  };

  it('doc show prints the verdict with the signer, issuer, serial, validity and the time used', async () => {
    const p = await packageOf('1');
    await post(p.signed);
    const out = await showUntil(p.documentId, 'valid');
    expect(out).toMatch(/signer\s+Trần Thị B/);
    expect(out).toMatch(/issuer\s+CN=CLI Test CA, C=VN/);
    expect(out).toMatch(/serial\s+[0-9a-f]+/);
    expect(out).toMatch(/validity\s+\d{4}-\d{2}-\d{2} – \d{4}-\d{2}-\d{2}/);
    expect(out).toMatch(/judged at\s+\S+ \(promulgation date\)/);
    expect(out).toMatch(/by\s+node vn, policy accept/);
    const j = json<{ edxmlSignature: { verdict: string; signer: { commonName: string } } }>(
      await lienthong(['doc', 'show', p.documentId, '--json', ...suite.s]),
    );
    expect(j.edxmlSignature).toMatchObject({ verdict: 'valid', signer: { commonName: 'Trần Thị B' } });
  });

  it('up refuses an unreadable trust anchor file and an unknown policy before starting anything', async () => {
    const missing = await lienthong(['up', '--no-auth', '--edxml-ca', path.join(dir, 'nope.pem')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/\[InvalidArgument\] cannot read trust anchor .*nope\.pem/);
    const policy = await lienthong(['up', '--no-auth', '--edxml-policy', 'warn']);
    expect(policy.code).toBe(2);
    expect(policy.stderr).toContain("argument 'warn' is invalid. Allowed choices are accept, refuse");
  });

  it('a changed byte is shown as invalid_digest, flagged', async () => {
    const p = await packageOf('2');
    const b = Buffer.from(p.signed);
    const at = b.indexOf('chu ky so ABC') + 'chu ky so AB'.length;
    b[at] = 'D'.charCodeAt(0);
    await post(b);
    const out = await showUntil(p.documentId, 'invalid_digest');
    expect(out).toContain('edXML signature: invalid_digest  (flagged)');
    expect(out).toMatch(/reason\s+the signed content changed after signing/);
  });
});
