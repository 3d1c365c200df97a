/**
 * edXML signatures judged for packages that arrive through /vxp: `sendEdoc` from the
 * Java-compatible Python client goes through the same intake as /api/v1, so a package signed by a
 * trusted test CA reaches its recipient `valid` with its signer, and one changed after signing is
 * flagged `invalid_digest`; the sender's sent list (/api/v1) carries the verdict too.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { renderEdocBytes, signEdxml } from '@lienthong/edxml';
import { HttpTokenStore } from '@lienthong/gateway';
import { makeCa, makeSigner } from '../../edxml/test/pki';
import type { Identity } from '../../edxml/test/pki';
import { Caller, runPython, startGatewayNode } from './harness';
import type { GatewayNode } from './harness';

const CLIENT = resolve(__dirname, '../../../examples/python/vxp_java_compat.py');
const VXP = '000.00.00.G22'; // a QLVB system on the Java client
const RECIPIENT = '000.00.00.H41'; // reads through /api/v1
const RUN = Date.now().toString(36);
let serial = 0;

describe('edXML signatures of packages sent through /vxp', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lt-vxp-sig-'));
  const tokens = new HttpTokenStore(join(dir, 'http-tokens.json'));
  let gw: GatewayNode;
  let ca: Identity;
  let signer: Identity;
  let secret: string;
  let recipient: Caller;

  beforeAll(async () => {
    ca = await makeCa('CN=Lienthong VXP Test CA, O=lienthong test, C=VN');
    signer = await makeSigner(ca, 'CN=Trần Thị B, C=VN');
    gw = await startGatewayNode({
      auth: { mode: 'token', tokens },
      vxp: true,
      node: { edxmlSignatures: { trustAnchors: [ca.pem] } },
    });
    secret = tokens.issue(VXP).token;
    recipient = new Caller(gw.url, RECIPIENT, tokens.issue(RECIPIENT).token);
  }, 60_000);
  afterAll(async () => {
    await gw?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A package from the VXP system to RECIPIENT, signed by `signer`; `change` alters it after signing. */
  async function sendSigned(change?: (b: Buffer) => Buffer): Promise<string> {
    const n = `${RUN}${++serial}`;
    const documentId = `${VXP},2026/12/02,${n}/VPCP`;
    const pkg = await renderEdocBytes({
      documentId,
      from: { code: VXP, name: 'Văn phòng Chính phủ' },
      to: [{ code: RECIPIENT, name: 'UBND tỉnh Nghệ An' }],
      codeNumber: n,
      codeNotation: 'VPCP',
      promulgationDate: '2026-12-02',
      subject: 'Kiem tra chu ky so qua VXP',
    });
    const signed = Buffer.from(signEdxml(pkg, { privateKey: signer.keyPem, certificates: [signer.pem] }));
    const file = join(dir, `${n}.edxml`);
    writeFileSync(file, change ? change(signed) : signed);
    const h = { servicetype: 'eDoc', messagetype: 'edoc', from: VXP, to: RECIPIENT };
    const sent = await runPython(
      CLIENT,
      [
        'call',
        'sendEdoc',
        '--endpoint',
        gw.url.replace(/\/api\/v1$/, '/vxp'),
        '--system',
        VXP,
        '--h',
        JSON.stringify(h),
        '--file',
        file,
      ],
      { VXP_SECRET: secret },
    );
    expect([sent.code, sent.stderr]).toEqual([0, '']);
    expect(JSON.parse(sent.stdout)).toMatchObject({ status: 'OK', ErrorCode: '0' });
    return documentId;
  }

  it('a signed package: valid at the recipient, with its signer', async () => {
    const documentId = await sendSigned();
    const item = await recipient.waitForItem(documentId);
    expect(item).toMatchObject({ from: VXP, original: true, edxmlSignature: 'valid' });
    const s = await recipient.get(`/edocs/${item.id}/signature`);
    expect(await s.json()).toMatchObject({
      documentId,
      signature: {
        verdict: 'valid',
        signer: { commonName: 'Trần Thị B', issuer: ca.cert.subject, serialNumber: signer.cert.serialNumber },
        policy: 'accept',
      },
    });
    const sent = await new Caller(gw.url, VXP, secret).sent(documentId);
    expect(sent[0]).toMatchObject({ recipient: RECIPIENT, edxmlSignature: 'valid' });
  }, 60_000);

  it('a byte changed after signing: delivered under the accept policy, flagged invalid_digest', async () => {
    const documentId = await sendSigned((b) => {
      const at = b.indexOf('chu ky so qua VXP');
      expect(at).toBeGreaterThan(0);
      const out = Buffer.from(b);
      out[at] = 'C'.charCodeAt(0);
      return out;
    });
    const item = await recipient.waitForItem(documentId);
    expect(item.edxmlSignature).toBe('invalid_digest');
  }, 60_000);
});
