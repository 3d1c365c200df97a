/**
 * VXP ↔ /api/v1 ↔ SDK: a package sent through /vxp (by the Java-compatible Python client) is
 * fetched byte-identical through /api/v1 and by an SDK user; a document from the SDK and a package
 * from /api/v1 are fetched through /vxp; statuses come back each way.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseEdxml, renderEdocBytes } from '@lienthong/edxml';
import { BusinessStatus } from '@lienthong/sdk';
import type { InboxItem, LienthongClient } from '@lienthong/sdk';
import { HttpTokenStore, ORIGINAL_ATTACHMENT_NAME } from '@lienthong/gateway';
import { Caller, startGatewayNode } from './harness';
import type { GatewayNode } from './harness';

const CLIENT = resolve(__dirname, '../../../examples/python/vxp_java_compat.py');
const VXP = '000.00.00.G22'; // a QLVB system on the Java client
const HTTP = '000.00.00.H41'; // a system on /api/v1
const SDK = '000.00.00.H14'; // an SDK user
const RUN = Date.now().toString(36);

type Json = Record<string, unknown> & { data?: Record<string, string>[] };

describe('VXP ↔ HTTP API ↔ SDK', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lt-vxp-interop-'));
  const tokens = new HttpTokenStore(join(dir, 'http-tokens.json'));
  let gw: GatewayNode;
  let endpoint: string;
  let secret: string;
  let http: Caller;
  let sdk: LienthongClient;

  /** One verb through the Python client (a new Java service object per call). */
  async function vxp(verb: string, h: Record<string, string> = {}, extra: string[] = []): Promise<Json> {
    const args = [
      CLIENT,
      'call',
      verb,
      '--endpoint',
      endpoint,
      '--system',
      VXP,
      '--h',
      JSON.stringify(h),
      ...extra,
    ];
    const out = await new Promise<string>((res, rej) => {
      const p = spawn('python3', args, { env: { ...process.env, VXP_SECRET: secret } });
      let stdout = '';
      let stderr = '';
      p.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
      p.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      p.on('error', rej);
      p.on('close', (code) => (code === 0 ? res(stdout) : rej(new Error(`${verb}: ${code} ${stderr}`))));
    });
    return JSON.parse(out) as Json;
  }

  async function until<T>(what: string, fn: () => Promise<T | undefined>, ms = 15_000): Promise<T> {
    const deadline = Date.now() + ms;
    for (;;) {
      const v = await fn();
      if (v !== undefined) return v;
      if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  beforeAll(async () => {
    gw = await startGatewayNode({ auth: { mode: 'token', tokens }, vxp: true });
    endpoint = gw.url.replace(/\/api\/v1$/, '/vxp');
    secret = tokens.issue(VXP).token;
    http = new Caller(gw.url, HTTP, tokens.issue(HTTP).token);
    sdk = await gw.sdk(SDK);
  });
  afterAll(async () => {
    await gw?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('VXP → /api/v1 and SDK: the same bytes; 01 and 03 back to the VXP sender', async () => {
    const documentId = `${VXP},2026/12/02,${RUN}1/VPCP`;
    const pkg = await renderEdocBytes({
      documentId,
      from: { code: VXP, name: 'Văn phòng Chính phủ' },
      to: [
        { code: HTTP, name: 'UBND tỉnh Nghệ An' },
        { code: SDK, name: 'UBND tỉnh Cao Bằng' },
      ],
      codeNumber: `${RUN}1`,
      codeNotation: 'VPCP',
      promulgationDate: '2026-12-02',
      subject: 'Về việc chuyển hệ thống sang lienthong',
    });
    const file = join(dir, 'out.edxml');
    writeFileSync(file, pkg);
    const sent = await vxp('sendEdoc', { servicetype: 'eDoc', messagetype: 'edoc', from: VXP, to: HTTP }, [
      '--file',
      file,
    ]);
    expect(sent).toMatchObject({ status: 'OK', ErrorCode: '0' });

    const item = await http.waitForItem(documentId);
    expect(item).toMatchObject({ from: VXP, messageType: 'edoc', original: true });
    expect((await http.bytes(item.id)).equals(Buffer.from(pkg))).toBe(true);
    expect((await http.postJson(`/edocs/${item.id}/ack`)).status).toBe(200);

    let got: InboxItem | undefined;
    for await (const i of sdk.inbox()) {
      if (i.documentId === documentId) {
        got = i;
        break;
      }
      await i.ack();
    }
    expect(got!.document).toMatchObject({ documentId, subject: 'Về việc chuyển hệ thống sang lienthong' });
    const att = got!.attachments.find((a) => a.name === ORIGINAL_ATTACHMENT_NAME)!;
    expect(Buffer.from(await att.bytes()).equals(Buffer.from(pkg))).toBe(true);
    await got!.ack();
    await got!.report(BusinessStatus.BUSINESS_STATUS_ACCEPTED);

    // Back at the VXP sender: its sent list per recipient, and the statuses as Status packages.
    const tracked = await until('both recipients received', async () => {
      const r = await vxp('getSentEdocList', { docId: String(sent['DocId']) });
      const rows = r.data ?? [];
      return rows.length === 2 && rows.every((x) => x['receiveStatus'] === 'done') ? rows : undefined;
    });
    expect(tracked.map((x) => x['toCode']).sort()).toEqual([HTTP, SDK].sort());
    const sdkRow = tracked.find((x) => x['toCode'] === SDK)!;
    expect(sdkRow).toMatchObject({
      senderDocId: sent['DocId'],
      fromCode: VXP,
      sendStatus: 'done',
      statusCode: '03',
    });
    const statuses = await until('statuses listed', async () => {
      const r = await vxp('getReceivedEdocList', { messagetype: 'status' });
      const mine = (r.data ?? []).filter((i) => i['documentId'] === documentId);
      return mine.length >= 3 ? mine : undefined;
    });
    expect(statuses.map((s) => `${s['from']} ${s['statusCode']}`).sort()).toEqual(
      [`${HTTP} 01`, `${SDK} 01`, `${SDK} 03`].sort(),
    );
    for (const s of statuses) {
      const e = await vxp('getEdoc', { docId: s['docId']! });
      const parsed = await parseEdxml(Buffer.from(String(e['data']), 'base64'));
      expect(parsed.kind).toBe('status');
      expect(await vxp('updateStatus', { docId: s['docId']!, status: 'done' })).toMatchObject({
        status: 'OK',
      });
    }
  }, 90_000);

  it('SDK and /api/v1 → VXP: fetched by getEdoc and downloadEdoc; updateStatus done reports 01', async () => {
    const fromSdk = `${SDK},2026/12/02,${RUN}2/UBND`;
    const scan = Buffer.alloc(300 * 1024, 0x25);
    const tracker = await sdk.track(fromSdk);
    await sdk.send(
      {
        documentId: fromSdk,
        subject: 'Văn bản gửi từ SDK',
        codeNumber: `${RUN}2`,
        codeNotation: 'UBND',
        promulgationDate: '2026-12-02',
        documentType: { type: 1, typeName: 'Công văn' },
        to: [{ code: VXP, name: 'Văn phòng Chính phủ' }],
      },
      {
        // Over the inline limit: stored content, read into the package when it is fetched.
        attachments: [{ name: 'cong-van.pdf', mediaType: 'application/pdf', data: scan }],
      },
    );
    const fromHttp = `${HTTP},2026/12/02,${RUN}3/UBND-VP`;
    const pkg = await renderEdocBytes({
      documentId: fromHttp,
      from: { code: HTTP, name: 'UBND tỉnh Nghệ An' },
      to: [{ code: VXP, name: 'Văn phòng Chính phủ' }],
      codeNumber: `${RUN}3`,
      codeNotation: 'UBND-VP',
      promulgationDate: '2026-12-02',
      subject: 'Văn bản gửi qua /api/v1',
    });
    expect((await http.post(pkg)).status).toBe(202);

    const items = await until('both listed at the VXP system', async () => {
      const r = await vxp('getReceivedEdocList', { messagetype: 'edoc' });
      const mine = (r.data ?? []).filter((i) => i['documentId'] === fromSdk || i['documentId'] === fromHttp);
      return mine.length === 2 ? mine : undefined;
    });
    for (const i of items) {
      const g = await vxp('getEdoc', { docId: i['docId']! });
      const viaGet = Buffer.from(String(g['data']), 'base64');
      const out = join(dir, `${i['documentId']!.replace(/[^A-Za-z0-9]/g, '_')}.edxml`);
      const d = await vxp('downloadEdoc', { docId: i['docId']! }, ['--out', out]);
      expect(d).toMatchObject({ outcome: 'SUCCESS' });
      const viaDownload = readFileSync(out);
      expect(viaDownload.equals(viaGet)).toBe(true);
      if (i['documentId'] === fromHttp) expect(viaDownload.equals(Buffer.from(pkg))).toBe(true);
      const parsed = await parseEdxml(viaDownload);
      expect(parsed.kind === 'edoc' && parsed.header.documentId).toBe(i['documentId']);
      if (i['documentId'] === fromSdk && parsed.kind === 'edoc') {
        expect(parsed.attachments.map((a) => [a.attachmentName, a.size, a.sha256])).toEqual([
          ['cong-van.pdf', scan.length, createHash('sha256').update(scan).digest('hex')],
        ]);
      }
      expect(await vxp('updateStatus', { docId: i['docId']!, status: 'done' })).toMatchObject({
        status: 'OK',
      });
    }
    await tracker.until(
      (rs) => rs.some((r) => r.recipient === VXP && r.business === BusinessStatus.BUSINESS_STATUS_ARRIVED),
      { timeoutMs: 15_000 },
    );
    await tracker.stop();
    const rec = (await http.sent(fromHttp)).find((r) => r.recipient === VXP);
    expect(rec?.statusCode).toBe('01');
  }, 90_000);
});
