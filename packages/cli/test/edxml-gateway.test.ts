/**
 * `lienthong up --http-port` with credentials serves the edXML gateway at /api/v1: agencies get
 * bearer tokens from `creds issue agency CODE --http-token` (last line), `edxml send` / `edxml get`
 * carry a package byte for byte, and `creds revoke` refuses the token from the next request on.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { renderEdocBytes } from '@lienthong/edxml';
import { brokerForSuite, creds, freePort, json, lienthong, tempDir } from './helpers';

jest.setTimeout(60_000);

const SENDER = '000.00.00.G22';
const RECIPIENT = '000.00.00.H41';

describe('edXML gateway from the command line', () => {
  const suite = brokerForSuite({ auth: true, http: true });
  const tokens = new Map<string, string>();
  let api = '';
  const dir = tempDir('lt-edxml-cli-');

  const issue = async (code: string): Promise<string> => {
    const r = await creds(suite, 'issue', 'agency', code, '--http-token');
    expect([r.code, r.stderr]).toEqual([0, '']);
    const last = r.stdout.trimEnd().split('\n').at(-1)!;
    expect(last).toMatch(/^lt_[A-Za-z0-9_-]{43}$/);
    expect(r.stdout).toContain(`issued agency:${code}`);
    return last;
  };

  beforeAll(async () => {
    api = `${suite.broker.httpUrl!}/api/v1`;
    for (const code of [SENDER, RECIPIENT]) tokens.set(code, await issue(code));
    // Tokens are stored hashed, never as issued.
    const stored = readFileSync(path.join(suite.broker.dataDir, 'credentials', 'http-tokens.json'), 'utf8');
    for (const t of tokens.values()) expect(stored).not.toContain(t);
  });

  it('up prints the gateway; requests without a valid token are refused with 401', async () => {
    expect(suite.broker.process.stdout()).toContain(`api:     ${suite.broker.httpUrl!}/api/v1`);
    const none = await fetch(`${api}/agencies`);
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ code: 'Unauthenticated' });
    const wrong = await fetch(`${api}/agencies`, { headers: { authorization: 'Bearer lt_nope' } });
    expect(wrong.status).toBe(401);
    // The header alone does not authenticate when the broker requires credentials.
    const header = await fetch(`${api}/agencies`, { headers: { 'x-lienthong-agency': SENDER } });
    expect(header.status).toBe(401);
    const ok = await fetch(`${api}/agencies`, {
      headers: { authorization: `Bearer ${tokens.get(SENDER)!}` },
    });
    expect(ok.status).toBe(200);
    const agencies = (await ok.json()) as { code: string; homeNode: string; tier: string }[];
    expect(agencies.find((a) => a.code === RECIPIENT)).toMatchObject({ homeNode: 'h41', tier: 'province' });
  });

  it('edxml send and edxml get carry a package byte for byte; 01 reaches the sender', async () => {
    const documentId = `${SENDER},2026/12/02,${Date.now()}/VPCP-CLI`;
    const pkg = await renderEdocBytes({
      documentId,
      from: { code: SENDER, name: 'Văn phòng Chính phủ' },
      to: [{ code: RECIPIENT }],
      codeNumber: '1',
      codeNotation: 'VPCP-CLI',
      promulgationDate: '2026-12-02',
      subject: 'Gửi qua cổng edXML từ dòng lệnh',
    });
    const file = path.join(dir, 'out.edxml');
    writeFileSync(file, pkg);
    const env = { LT_API: api };
    const sent = await lienthong(
      ['edxml', 'send', file, '--agency', SENDER, '--token', tokens.get(SENDER)!, '--json'],
      {
        env: { ...process.env, ...env },
      },
    );
    expect([sent.code, sent.stderr]).toEqual([0, '']);
    expect(json<{ documentId: string }>(sent)).toMatchObject({ documentId, messageType: 'edoc' });

    const auth = { authorization: `Bearer ${tokens.get(RECIPIENT)!}` };
    let id: string | undefined;
    for (let i = 0; i < 100 && !id; i++) {
      const list = (await (await fetch(`${api}/edocs/received`, { headers: auth })).json()) as {
        id: string;
        documentId: string;
      }[];
      id = list.find((x) => x.documentId === documentId)?.id;
      if (!id) await new Promise((r) => setTimeout(r, 100));
    }
    expect(id).toBeDefined();
    const out = path.join(dir, 'in.edxml');
    // The token names the agency: no --agency needed.
    const got = await lienthong([
      'edxml',
      'get',
      id!,
      '-o',
      out,
      '--token',
      tokens.get(RECIPIENT)!,
      '--url',
      api,
    ]);
    expect([got.code, got.stderr]).toEqual([0, '']);
    expect(readFileSync(out).equals(Buffer.from(pkg))).toBe(true);
    // Neither a token nor an agency: refused before any request, saying what to pass.
    const { LT_HTTP_TOKEN: _unused, ...noToken } = process.env;
    const nobody = await lienthong(['edxml', 'get', id!, '-o', out, '--url', api], { env: noToken });
    expect(nobody.code).toBe(2);
    expect(nobody.stderr).toContain('which agency? pass its --token');
    // Another agency's item: 403, through the CLI as through HTTP.
    const other = await lienthong([
      'edxml',
      'get',
      id!,
      '--agency',
      SENDER,
      '-o',
      out,
      '--token',
      tokens.get(SENDER)!,
      '--url',
      api,
    ]);
    expect(other.code).toBe(1);
    expect(other.stderr).toContain('PermissionDenied');
    expect((await fetch(`${api}/edocs/${id!}/ack`, { method: 'POST', headers: auth })).status).toBe(200);
    const senderAuth = { authorization: `Bearer ${tokens.get(SENDER)!}` };
    let code: string | undefined;
    for (let i = 0; i < 100 && code !== '01'; i++) {
      const r = await fetch(`${api}/edocs/sent?documentId=${encodeURIComponent(documentId)}`, {
        headers: senderAuth,
      });
      code = ((await r.json()) as { statusCode?: string }[])[0]?.statusCode;
      if (code !== '01') await new Promise((res) => setTimeout(res, 100));
    }
    expect(code).toBe('01');
    // A token used for another agency's name is refused.
    const spoof = await fetch(`${api}/edocs/received`, {
      headers: { ...auth, 'x-lienthong-agency': SENDER },
    });
    expect(spoof.status).toBe(403);
  });

  it('edxml send reports a bad package with its line and column', async () => {
    const file = path.join(dir, 'bad.edxml');
    writeFileSync(file, '<?xml version="1.0"?>\n<edXML>\n  <a></b>\n</edXML>\n');
    const r = await lienthong([
      'edxml',
      'send',
      file,
      '--agency',
      SENDER,
      '--token',
      tokens.get(SENDER)!,
      '--url',
      api,
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('line 3, column');
    // One line, the code once, the gateway's position not repeated.
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^lienthong: \[InvalidArgument\] not a valid edXML package: /);
    expect(r.stderr).not.toContain('InvalidArgument: ');
    expect(r.stderr).not.toContain('[line');
  });

  it('edxml send and get refuse a missing file, a URL without scheme, a wrong port, a bad token and an -o they cannot write, in one line each', async () => {
    const file = path.join(dir, 'ok.edxml');
    writeFileSync(file, '<?xml version="1.0"?>\n<edXML/>\n');
    const send = (f: string, url: string, token: string) =>
      lienthong(['edxml', 'send', f, '--agency', SENDER, '--token', token, '--url', url]);
    const first = (stderr: string) => stderr.split('\n')[0];
    const missing = await send(path.join(dir, 'nowhere.edxml'), api, tokens.get(SENDER)!);
    expect(missing.code).toBe(1);
    expect(first(missing.stderr)).toBe(
      `lienthong: [NotFound] cannot read the package ${path.join(dir, 'nowhere.edxml')}: no such file`,
    );
    const bare = api.replace(/^http:\/\//, '');
    const noScheme = await send(file, bare, tokens.get(SENDER)!);
    expect(noScheme.code).toBe(2);
    expect(noScheme.stderr).toContain(`--url ${bare} is not an http:// or https:// URL`);
    expect(noScheme.stderr).toContain(`hint: for example ${api}`);
    // The NATS URL `up` prints first: its port is not the HTTP port, so no example built from it.
    const nats = await send(file, 'nats://127.0.0.1:4222', tokens.get(SENDER)!);
    expect(nats.code).toBe(2);
    expect(nats.stderr).toContain(
      'hint: that is the broker\'s NATS URL; the gateway is on the node\'s HTTP port: `lienthong up --http-port PORT` prints it as "api:"',
    );
    const port = await freePort();
    const closed = await send(file, `http://127.0.0.1:${port}/api/v1`, tokens.get(SENDER)!);
    expect(closed.code).toBe(1);
    expect(first(closed.stderr)).toBe(
      `lienthong: [Unavailable] cannot reach the gateway at http://127.0.0.1:${port}/api/v1: connection refused`,
    );
    // Port 1: fetch sends nothing to a port kept for another protocol; the message says so.
    const blocked = await send(file, 'http://127.0.0.1:1/api/v1', tokens.get(SENDER)!);
    expect(blocked.code).toBe(1);
    expect(first(blocked.stderr)).toBe(
      'lienthong: [Unavailable] cannot reach the gateway at http://127.0.0.1:1/api/v1: its port is one HTTP clients refuse to use (kept for another protocol)',
    );
    const wrongToken = await send(file, api, 'lt_nope');
    expect(wrongToken.code).toBe(1);
    expect(first(wrongToken.stderr)).toBe(
      'lienthong: [PermissionDenied] Unauthenticated: the token is not valid (unknown or revoked)',
    );
    expect(wrongToken.stderr).toContain('creds issue agency CODE --http-token');
    const root = await send(file, api.replace(/\/api\/v1$/, ''), tokens.get(SENDER)!);
    expect(root.code).toBe(1);
    expect(root.stderr).toContain('hint: check --url: it ends in /api/v1');
    // edxml get: an -o it could not write is refused before anything is fetched
    const get = (out: string) =>
      lienthong([
        'edxml',
        'get',
        'x.y',
        '--agency',
        SENDER,
        '--token',
        tokens.get(SENDER)!,
        '--url',
        api,
        '-o',
        out,
      ]);
    const toDir = await get(dir);
    expect(toDir.code).toBe(2);
    expect(first(toDir.stderr)).toBe(`lienthong: [InvalidArgument] -o ${dir} is a directory`);
    const toNowhere = await get(path.join(dir, 'no', 'x.edxml'));
    expect(toNowhere.code).toBe(2);
    expect(first(toNowhere.stderr)).toBe(
      `lienthong: [InvalidArgument] -o ${path.join(dir, 'no', 'x.edxml')}: the directory ${path.join(dir, 'no')} does not exist`,
    );
    for (const r of [missing, noScheme, closed, wrongToken, root, toDir, toNowhere]) {
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it("creds revoke refuses the agency's token from the next request on", async () => {
    const auth = { authorization: `Bearer ${tokens.get(RECIPIENT)!}` };
    expect((await fetch(`${api}/edocs/received`, { headers: auth })).status).toBe(200);
    const r = await creds(suite, 'revoke', `agency:${RECIPIENT}`);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toContain('1 HTTP token(s)');
    const after = await fetch(`${api}/edocs/received`, { headers: auth });
    expect(after.status).toBe(401);
    expect(await after.json()).toMatchObject({ code: 'Unauthenticated' });
    // The gateway still serves the others.
    expect(
      (await fetch(`${api}/agencies`, { headers: { authorization: `Bearer ${tokens.get(SENDER)!}` } }))
        .status,
    ).toBe(200);
  });

  it('lienthong demo shows an SDK document fetched as edXML and an edXML package reaching an SDK user', async () => {
    const demo = await lienthong(['demo'], { timeoutMs: 90_000 });
    expect([demo.code, demo.stderr]).toEqual([0, '']);
    expect(demo.stdout).toMatch(/GET \/api\/v1\/edocs\/\S+ → \d+ bytes of edXML:\n\s+<\?xml version="1\.0"/);
    expect(demo.stdout).toContain(
      'the SDK sender sees: FETCHED, statuses 01 03 06 (posted as edXML Status packages)',
    );
    expect(demo.stdout).toMatch(
      /the SDK user's inbox: ".+", with the original package \(\d+ bytes, identical\)/,
    );
    // The package is signed by the demo's test CA, which the demo's node trusts: a valid verdict at
    // the recipient, naming the signer and the issuer.
    expect(demo.stdout).toMatch(
      /its XML signature, judged at the sender's home node \S+: valid — signed by .+, certificate \S+ issued by ".+" \(.+\)/,
    );
    expect(demo.stdout).toContain('GET /api/v1/edocs/sent → FETCHED, statuses 01 03 05');
    expect(demo.stdout).toMatch(/scenario completed in \d+ ms: every expected status arrived/);
  }, 120_000);
});
