/**
 * The VXP endpoint against examples/python/vxp_java_compat.py, a client written from the protocol's
 * facts that reproduces the Java client's wire behaviour (HMAC, header map carried across calls,
 * CRLF after the file, unpadded hash-file, Expect: 100-continue, retries), on a real node.
 */
import { createHash, createHmac } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { renderEdocBytes } from '@lienthong/edxml';
import { VXP_ERRORS, httpTokensKeyFile, unpaddedHex, vxpPlugin } from '@lienthong/gateway';
import { Caller, runPython, tokenGatewayNode } from './harness';
import type { GatewayNode } from './harness';

const CLIENT = resolve(__dirname, '../../../examples/python/vxp_java_compat.py');
const G22 = '000.00.00.G22';
const H41 = '000.00.00.H41';
const H14 = '000.00.00.H14';
const RUN = Date.now().toString(36);

export const python = (args: string[], env: NodeJS.ProcessEnv = {}) => runPython(CLIENT, args, env);

type Step = { step: string; [k: string]: unknown };

/** A signed request as the Java client builds it, with hooks to spoil it. */
async function signed(
  endpoint: string,
  verb: string,
  o: {
    systemId: string;
    secret: string;
    keys?: Record<string, string>;
    tamper?: Record<string, string>;
    body?: Buffer;
    contentType?: string;
  },
): Promise<{ status: number; text: string; json: Record<string, unknown> }> {
  const map: Record<string, string> = {
    systemid: o.systemId,
    // A stale timestamp (the client takes it once, when its service object is built): never refused.
    timestamp: '01012020T000000+0000',
    ...(o.keys ?? {}),
    'Content-Type': o.contentType ?? 'application/json',
  };
  const sign = JSON.stringify(Object.fromEntries(Object.entries(map).map(([k, v]) => [`XroadVnpt-${k}`, v])));
  const headers: Record<string, string> = {
    'content-type': map['Content-Type']!,
    ...Object.fromEntries(Object.entries(map).map(([k, v]) => [`XroadVnpt-${k}`, v])),
    'XroadVnpt-sign-header': sign,
    'XroadVnpt-hash-header': createHmac('sha256', o.secret).update(sign).digest('hex'),
    ...(o.tamper ?? {}),
  };
  const r = await fetch(`${endpoint}/${verb}`, { method: 'POST', headers, body: o.body ?? Buffer.alloc(0) });
  const text = await r.text();
  return { status: r.status, text, json: JSON.parse(text) as Record<string, unknown> };
}

describe('the VXP endpoint, with a client that speaks as the Java client does', () => {
  const node = tokenGatewayNode({ vxp: true });
  const { tokens } = node;
  let gw: GatewayNode;
  let endpoint: string;
  let g22: string;
  let h41: string;

  beforeAll(() => {
    gw = node.gw;
    endpoint = node.endpoint;
    g22 = tokens.issue(G22).token;
    h41 = tokens.issue(H41).token;
  });

  it('runs every verb as the Java client does, with its retries, and refuses what it must', async () => {
    const r = await python(
      ['scenario', '--endpoint', endpoint, '--sender', G22, '--recipient', H41, '--run', RUN],
      {
        VXP_SENDER_SECRET: g22,
        VXP_RECIPIENT_SECRET: h41,
      },
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const steps = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Step);
    const at = (name: string): Step => steps.find((s) => s.step === name)!;
    expect(steps.map((s) => s.step)).toEqual([
      'agencies',
      'sent',
      'replayed',
      'dropped-and-resent',
      'listed',
      'counted',
      'fetched',
      'failed',
      'done',
      'statuses sent',
      'statuses received',
      'tracking',
      'sent list',
      'wrong secret',
      'unknown system',
      'directory',
      'downloadEdoc2',
      'acked item',
      '100-continue',
    ]);
    expect(at('agencies')).toMatchObject({ status: 'OK', qd20: 7, sync: 7 });
    expect(at('agencies')['codes']).toContain(H41);
    expect(at('sent')).toMatchObject({ status: 'OK', code: '0', desc: 'Thành công' });
    expect(at('replayed')).toMatchObject({ sameDocId: true, status: 'OK' });
    // The first POST was answered (the server had sent it) but the answer was lost; the resend too.
    expect(at('dropped-and-resent')).toMatchObject({ status: 'OK', attempts: 2 });
    // Two documents, each listed once: the dropped POST and its resend sent one document.
    expect(at('listed')).toMatchObject({ count: 2, perDocument: [1, 1] });
    expect(at('listed')['keys']).toEqual(
      expect.arrayContaining([
        'docId',
        'serviceType',
        'messageType',
        'created_time',
        'updated_time',
        'from',
        'to',
        'status',
        'status_desc',
      ]),
    );
    expect(Number(at('counted')['count'])).toBeGreaterThanOrEqual(2);
    expect(at('fetched')).toMatchObject({
      getEdocIdentical: true,
      downloadIdentical: true,
      outcome: 'SUCCESS',
    });
    expect(at('failed')).toMatchObject({ status: 'OK', listedRightAfter: 0 });
    expect(at('done')).toMatchObject({ status: 'OK', replay: 'OK' });
    expect(at('statuses sent')).toMatchObject({ results: ['OK', 'OK'] });
    expect(at('statuses received')).toMatchObject({
      codes: ['01', '03', '05'],
      count: true,
      statusPackage: true,
    });
    expect(at('tracking')).toMatchObject({ count: 1, receiveStatus: 'done', hasReceivedTime: true });
    expect(at('sent list')).toMatchObject({ documents: true });
    expect(at('wrong secret')).toMatchObject({ status: 'FAIL', code: VXP_ERRORS.BAD_SIGNATURE });
    expect(at('wrong secret')['desc']).toMatch(/wrong secret for system id 000\.00\.00\.G22/);
    expect(at('unknown system')).toMatchObject({ status: 'FAIL', code: VXP_ERRORS.UNKNOWN_SYSTEM });
    expect(at('directory')).toMatchObject({
      register: ['FAIL', VXP_ERRORS.DIRECTORY_READ_ONLY],
      delete: ['FAIL', VXP_ERRORS.DIRECTORY_READ_ONLY],
    });
    expect(at('directory')['desc']).toMatch(/directory changes go through the operator/);
    // An empty body: the client reports FAIL / 100 instead of saving an error as the document.
    expect(at('downloadEdoc2')).toMatchObject({ bodyBytes: 0, http: 401, code: VXP_ERRORS.NOT_SIGNED });
    expect(at('acked item')).toMatchObject({ status: 'FAIL', code: VXP_ERRORS.NOT_FOUND });
    // getEdoc, count*, updateStatus, registerAgency and deleteAgency sent Expect: 100-continue; none waited.
    expect(Number(at('100-continue')['answered'])).toBeGreaterThanOrEqual(12);
    expect(at('100-continue')['waited']).toBe(0);
  }, 150_000);

  it('refuses a signed header changed on the way, an unsigned request, and a hash-file that does not match', async () => {
    // A signed pair that differs from the header actually sent.
    const changed = await signed(endpoint, 'countReceiveEdoc', {
      systemId: H41,
      secret: h41,
      keys: { messagetype: 'edoc' },
      tamper: { 'XroadVnpt-messagetype': 'status' },
    });
    expect(changed.json).toMatchObject({ status: 'FAIL', ErrorCode: VXP_ERRORS.HEADER_MISMATCH });
    expect(changed.json['ErrorDesc']).toMatch(/xroadvnpt-messagetype differs from its signed value/);
    // A signed header left out of the request.
    const missing = await signed(endpoint, 'countReceiveEdoc', {
      systemId: H41,
      secret: h41,
      keys: { docId: 'x' },
      tamper: { 'XroadVnpt-docId': '' },
    });
    expect(missing.json).toMatchObject({ status: 'FAIL', ErrorCode: VXP_ERRORS.HEADER_MISMATCH });
    const unsigned = await fetch(`${endpoint}/getReceivedEdocList`, { method: 'POST' });
    expect(await unsigned.json()).toMatchObject({ status: 'FAIL', ErrorCode: VXP_ERRORS.NOT_SIGNED });
    // hash-file of other bytes: refused, nothing sent.
    const pkg = Buffer.from('<?xml version="1.0"?><x/>');
    const bad = await signed(endpoint, 'sendEdoc', {
      systemId: G22,
      secret: g22,
      contentType: 'application/octet-stream',
      keys: { 'hash-file': unpaddedHex(createHash('sha256').update('other').digest()) },
      body: Buffer.concat([pkg, Buffer.from('\r\n')]),
    });
    expect(bad.json).toMatchObject({ status: 'FAIL', ErrorCode: VXP_ERRORS.HASH_MISMATCH, DocId: '' });
    // Not a package: refused with the parser's reason, ASCII only.
    const notXml = Buffer.from('không phải XML');
    const refused = await signed(endpoint, 'sendEdoc', {
      systemId: G22,
      secret: g22,
      contentType: 'application/octet-stream',
      keys: { 'hash-file': unpaddedHex(createHash('sha256').update(notXml).digest()) },
      body: Buffer.concat([notXml, Buffer.from('\r\n')]),
    });
    expect(refused.json).toMatchObject({ status: 'FAIL', ErrorCode: VXP_ERRORS.BAD_PACKAGE, DocId: '' });
    expect(/^[\x20-\x7e]*$/.test(refused.text)).toBe(true);
    // An unknown verb: still the envelope.
    const r = await fetch(`${endpoint}/sendEdocs`, { method: 'POST' });
    expect(await r.json()).toMatchObject({ status: 'FAIL', ErrorCode: VXP_ERRORS.BAD_REQUEST });
  });

  it('the same sendEdoc arriving twice at once (a retry while the first is in flight) sends one document', async () => {
    const documentId = `${G22},2026/12/02,${RUN}9/VPCP`;
    const pkg = Buffer.from(
      await renderEdocBytes({
        documentId,
        from: { code: G22, name: 'Văn phòng Chính phủ' },
        to: [{ code: H41, name: 'UBND tỉnh Nghệ An' }],
        codeNumber: `${RUN}9`,
        codeNotation: 'VPCP',
        promulgationDate: '2026-12-02',
        subject: 'Gửi hai lần cùng lúc',
      }),
    );
    const send = () =>
      signed(endpoint, 'sendEdoc', {
        systemId: G22,
        secret: g22,
        contentType: 'application/octet-stream',
        keys: { 'hash-file': unpaddedHex(createHash('sha256').update(pkg).digest()), from: G22 },
        body: Buffer.concat([pkg, Buffer.from('\r\n')]),
      });
    const [a, b, c] = await Promise.all([send(), send(), send()]);
    expect([a.json['status'], b.json['status'], c.json['status']]).toEqual(['OK', 'OK', 'OK']);
    expect(new Set([a.json['DocId'], b.json['DocId'], c.json['DocId']]).size).toBe(1);
    const recipient = new Caller(gw.url, H41, h41);
    const item = await recipient.waitForItem(documentId);
    // The CRLF the client adds was dropped: the recipient gets the file's bytes.
    expect((await recipient.bytes(item.id)).equals(pkg)).toBe(true);
    await new Promise((r) => setTimeout(r, 1000));
    expect((await recipient.received()).filter((i) => i.documentId === documentId)).toHaveLength(1);
  });

  /** G22 posts a package for H41 through /api/v1; its DocumentId. */
  const postFromG22 = async (n: string, subject: string): Promise<string> => {
    const documentId = `${G22},2026/12/02,${n}/VPCP`;
    const pkg = await renderEdocBytes({ documentId, from: { code: G22 }, to: [{ code: H41 }], subject });
    expect((await new Caller(gw.url, G22, g22).post(pkg)).status).toBe(202);
    return documentId;
  };

  it('updateStatus fail keeps the reason (status_desc) with the item, shown when it is listed again', async () => {
    const documentId = await postFromG22(`${RUN}8`, 'Lý do lỗi');
    const recipient = new Caller(gw.url, H41, h41);
    const item = await recipient.waitForItem(documentId);
    const failed = await signed(endpoint, 'updateStatus', {
      systemId: H41,
      secret: h41,
      keys: { docId: item.id, status: 'fail', status_desc: 'disque plein' },
    });
    expect(failed.json).toMatchObject({ status: 'OK', ErrorCode: '0' });
    const back = await recipient.waitForItem(documentId, 5_000);
    expect(back.lastFailure).toMatchObject({ reason: 'disque plein', count: 1 });
    // Without a description: the reason says so.
    await signed(endpoint, 'updateStatus', {
      systemId: H41,
      secret: h41,
      keys: { docId: item.id, status: 'fail' },
    });
    expect((await recipient.waitForItem(documentId, 5_000)).lastFailure).toMatchObject({ count: 2 });
  });

  it('registerAgency / deleteAgency change the directory for an operator system; others get FAIL 20', async () => {
    const op = tokens.issueSystem('bo-noi-vu', [G22], { operator: true });
    const plain = tokens.issueSystem('tinh-khac', [G22]);
    const code = '000.00.77.G22';
    const call = async (secret: string, system: string, verb: string, h: unknown, body?: unknown) => {
      const r = await python(
        [
          'call',
          verb,
          '--endpoint',
          endpoint,
          '--system',
          system,
          '--h',
          JSON.stringify(h),
          ...(body === undefined ? [] : ['--body', JSON.stringify(body)]),
        ],
        { VXP_SECRET: secret },
      );
      expect(r.stderr).toBe('');
      return JSON.parse(r.stdout) as { status: string; ErrorCode?: string; ErrorDesc?: string };
    };
    const registration = { code, name: 'Cơ quan mới', mail: 'a@b.vn', pid: G22 };
    // Without operator rights: refused, nothing written.
    const refused = await call(plain.token, 'tinh-khac', 'registerAgency', {}, registration);
    expect(refused).toMatchObject({ status: 'FAIL', ErrorCode: VXP_ERRORS.DIRECTORY_READ_ONLY });
    expect(refused.ErrorDesc).toMatch(/directory changes go through the operator/);
    const listed = async () =>
      ((await (await new Caller(gw.url, G22, g22).get('/agencies')).json()) as { code: string }[]).map(
        (a) => a.code,
      );
    expect(await listed()).not.toContain(code);
    // With them: added (home node from its parent), and every node follows the directory.
    expect(await call(op.token, 'bo-noi-vu', 'registerAgency', {}, registration)).toMatchObject({
      status: 'OK',
    });
    const until = async (want: boolean) => {
      const deadline = Date.now() + 15_000;
      while ((await listed()).includes(code) !== want && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 100));
      }
      return (await listed()).includes(code);
    };
    expect(await until(true)).toBe(true);
    // Added twice: a conflict; a body without a name: a bad request.
    expect(await call(op.token, 'bo-noi-vu', 'registerAgency', {}, registration)).toMatchObject({
      ErrorCode: VXP_ERRORS.CONFLICT,
    });
    expect(await call(op.token, 'bo-noi-vu', 'registerAgency', {}, { code: '000.00.78.G22' })).toMatchObject({
      ErrorCode: VXP_ERRORS.BAD_REQUEST,
    });
    // Its parent cannot go while it belongs to it; a plain system cannot delete; the operator can.
    expect(await call(op.token, 'bo-noi-vu', 'deleteAgency', { code: G22 })).toMatchObject({
      ErrorCode: VXP_ERRORS.CONFLICT,
    });
    expect(await call(plain.token, 'tinh-khac', 'deleteAgency', { code })).toMatchObject({
      ErrorCode: VXP_ERRORS.DIRECTORY_READ_ONLY,
    });
    expect(await call(op.token, 'bo-noi-vu', 'deleteAgency', { code })).toMatchObject({ status: 'OK' });
    expect(await until(false)).toBe(false);
  }, 120_000);

  it("getSentEdocList without a docId answers from the caller's tracking records", async () => {
    // Sent through /api/v1, so the VXP layer never saw its DocId.
    const documentId = await postFromG22(`${RUN}7`, 'Theo dõi từ bản ghi');
    const r = await python(
      ['call', 'getSentEdocList', '--endpoint', endpoint, '--system', G22, '--h', '{}'],
      {
        VXP_SECRET: g22,
      },
    );
    expect(r.stderr).toBe('');
    const answer = JSON.parse(r.stdout) as { status: string; data: Record<string, unknown>[] };
    expect(answer.status).toBe('OK');
    const mine = answer.data.filter((d) => d['documentId'] === documentId);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ senderDocId: documentId, fromCode: G22, toCode: H41 });
    // Every item is complete (no null the client would drop the list for).
    for (const d of answer.data) expect(Object.values(d)).not.toContain(null);
  });

  it('verifies header values up to U+00FF as the client mangles them; Vietnamese text above cannot be', async () => {
    const run = (desc: string) =>
      python(
        [
          'call',
          'updateStatus',
          '--endpoint',
          endpoint,
          '--system',
          H41,
          '--h',
          JSON.stringify({ docId: 'x', status: 'fail', status_desc: desc }),
        ],
        { VXP_SECRET: h41 },
      );
    // Latin-1 text: the signature holds, and the request reaches the verb (no such item).
    const latin = await run('reçu à l’heure'.replace('’', "'"));
    expect(JSON.parse(latin.stdout)).toMatchObject({ status: 'FAIL', ErrorCode: VXP_ERRORS.NOT_FOUND });
    // "Xử lý" went out as its low 8 bits: the signed text cannot be recovered. ("Đ" would even become
    // the control byte 0x10, which node's HTTP parser refuses before any verb: 400, empty body.)
    const vietnamese = await run('Xử lý');
    expect(JSON.parse(vietnamese.stdout)).toMatchObject({
      status: 'FAIL',
      ErrorCode: VXP_ERRORS.BAD_SIGNATURE,
    });
  });

  it('a system serving several agencies names the sender in from; others are refused', async () => {
    const sys = tokens.issueSystem('tinh-nghe-an', [H41, H14]);
    const ok = await signed(endpoint, 'countReceiveEdoc', {
      systemId: 'tinh-nghe-an',
      secret: sys.token,
      keys: { from: H14 },
    });
    expect(ok.json).toMatchObject({ status: 'OK', ErrorCode: '0' });
    const outside = await signed(endpoint, 'countReceiveEdoc', {
      systemId: 'tinh-nghe-an',
      secret: sys.token,
      keys: { from: G22 },
    });
    expect(outside.json).toMatchObject({ status: 'FAIL', ErrorCode: VXP_ERRORS.FROM_NOT_ALLOWED });
    expect(outside.json['ErrorDesc']).toMatch(/may not act for 000\.00\.00\.G22/);
    const unnamed = await signed(endpoint, 'countReceiveEdoc', {
      systemId: 'tinh-nghe-an',
      secret: sys.token,
    });
    expect(unnamed.json).toMatchObject({ status: 'FAIL', ErrorCode: VXP_ERRORS.FROM_NOT_ALLOWED });
    // An agency's own system id cannot speak for another agency either.
    const spoof = await signed(endpoint, 'countReceiveEdoc', {
      systemId: H41,
      secret: h41,
      keys: { from: G22 },
    });
    expect(spoof.json).toMatchObject({ status: 'FAIL', ErrorCode: VXP_ERRORS.FROM_NOT_ALLOWED });
    // A system's secret is not a bearer token of /api/v1.
    const bearer = await new Caller(gw.url, H41, sys.token).get('/agencies');
    expect(bearer.status).toBe(401);
    // Issued again with other agencies: each token acts for its own.
    const narrower = tokens.issueSystem('tinh-nghe-an', [H41]);
    const narrow = await signed(endpoint, 'countReceiveEdoc', {
      systemId: 'tinh-nghe-an',
      secret: narrower.token,
      keys: { from: H14 },
    });
    expect(narrow.json).toMatchObject({ status: 'FAIL', ErrorCode: VXP_ERRORS.FROM_NOT_ALLOWED });
    const stillWide = await signed(endpoint, 'countReceiveEdoc', {
      systemId: 'tinh-nghe-an',
      secret: sys.token,
      keys: { from: H14 },
    });
    expect(stillWide.json).toMatchObject({ status: 'OK' });
    // Revoked: the next request is refused.
    expect(tokens.revokeSystem('tinh-nghe-an')).toBe(2);
    const revoked = await signed(endpoint, 'countReceiveEdoc', {
      systemId: 'tinh-nghe-an',
      secret: sys.token,
      keys: { from: H14 },
    });
    expect(revoked.json).toMatchObject({ status: 'FAIL', ErrorCode: VXP_ERRORS.UNKNOWN_SYSTEM });
  });

  it('keeps the secrets sealed at rest, with the key readable by the owner only', async () => {
    const file = tokens.file;
    const stored = readFileSync(file, 'utf8');
    expect(stored).not.toContain(g22);
    expect(stored).not.toContain(h41);
    expect(statSync(httpTokensKeyFile(file)).mode & 0o777).toBe(0o600);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    // A token issued before sealing (no sealed copy) cannot sign: a clear answer, not a bad signature.
    const records = JSON.parse(stored) as Record<string, unknown>[];
    records.push({ agency: '000.00.00.A80', sha256: 'ab'.repeat(32), issuedAtMs: Date.now() });
    writeFileSync(file, JSON.stringify(records), { mode: 0o600 });
    expect(tokens.vxpSystem('000.00.00.A80')).toMatchObject({ secrets: [], unsealed: 1 });
    // The answer to such a system id.
    await signed(endpoint, 'countReceiveEdoc', { systemId: '000.00.00.A80', secret: 'x' }).then((r) =>
      expect(r.json).toMatchObject({ status: 'FAIL', ErrorCode: VXP_ERRORS.NO_SECRET }),
    );
  });

  it('is exported as a plugin', () => {
    expect(vxpPlugin({ gateway: () => undefined }).prefix).toBe('/vxp');
  });
});
