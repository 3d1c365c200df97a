/**
 * The level services mount the edXML gateway from their config files: a central and a province
 * service on one server, each with `gateway` (HTTP tokens from one token store); a package posted
 * at the central service's /api/v1 by its agency is fetched byte for byte at the province service's
 * by the recipient, who acknowledges it; /vxp is served unless `vxp: false`; bad gateway settings
 * are refused at start with what is wrong.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { start as startCentral } from '@lienthong/central';
import { renderEdocBytes } from '@lienthong/edxml';
import { HttpTokenStore } from '@lienthong/gateway';
import type { RunningNode } from '@lienthong/node';
import { start as startProvince } from '@lienthong/province';
import { startNatsServer } from '@lienthong/testkit';
import type { NatsServer } from '@lienthong/testkit';

jest.setTimeout(90_000);

const TOPOLOGY = resolve(__dirname, '../deploy/topology.demo.json');
const G22 = '000.00.00.G22';
const H41 = '000.00.00.H41';

describe('the gateway in the level services', () => {
  let server: NatsServer;
  let dir: string;
  const running: RunningNode[] = [];
  let tokens: { g22: string; h41: string };

  const config = (name: string, extra: Record<string, unknown>): string => {
    const path = join(dir, `${name}.json`);
    writeFileSync(
      path,
      JSON.stringify({
        servers: server.url,
        topology: TOPOLOGY,
        logLevel: 'warn',
        dashboard: false,
        ...extra,
      }),
    );
    return path;
  };

  beforeAll(async () => {
    server = await startNatsServer();
    dir = mkdtempSync(join(tmpdir(), 'lt-level-gw-'));
    const store = new HttpTokenStore(join(dir, 'credentials', 'http-tokens.json'));
    tokens = { g22: store.issue(G22).token, h41: store.issue(H41).token };
  });

  afterAll(async () => {
    for (const r of running.reverse()) await r.stop();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('POST at the central service, GET and ack at the province service', async () => {
    const gateway = { tokensFile: 'credentials/http-tokens.json' };
    const central = await startCentral(config('central', { http: { port: 0 }, gateway }));
    running.push(central);
    const province = await startProvince(
      config('province', { http: { port: 0 }, nodes: ['h41'], gateway: { ...gateway, vxp: false } }),
    );
    running.push(province);
    const documentId = `${G22},2026/12/02,${Date.now().toString(36)}/VPCP`;
    const pkg = Buffer.from(
      await renderEdocBytes({
        documentId,
        from: { code: G22, name: 'Văn phòng Chính phủ' },
        to: [{ code: H41, name: 'UBND tỉnh Nghệ An' }],
        subject: 'Qua dịch vụ cấp trung ương và cấp tỉnh',
      }),
    );
    const at = (r: RunningNode, token: string) => ({
      url: `${r.runtime.httpUrl!}/api/v1`,
      headers: { authorization: `Bearer ${token}` },
    });
    const c = at(central, tokens.g22);
    const posted = await fetch(`${c.url}/edocs`, {
      method: 'POST',
      headers: { ...c.headers, 'content-type': 'application/xml' },
      body: pkg,
    });
    expect(posted.status).toBe(202);
    // The central service does not host H41: its gateway refuses it.
    const elsewhere = await fetch(`${c.url}/edocs/received`, { headers: at(central, tokens.h41).headers });
    expect(elsewhere.status).toBe(403);
    const p = at(province, tokens.h41);
    let item: { id: string; documentId: string } | undefined;
    const deadline = Date.now() + 30_000;
    while (!item && Date.now() < deadline) {
      const list = (await (await fetch(`${p.url}/edocs/received`, { headers: p.headers })).json()) as {
        id: string;
        documentId: string;
      }[];
      item = list.find((i) => i.documentId === documentId);
      if (!item) await new Promise((r) => setTimeout(r, 200));
    }
    expect(item).toBeDefined();
    const got = await fetch(`${p.url}/edocs/${item!.id}`, { headers: p.headers });
    expect(Buffer.from(await got.arrayBuffer()).equals(pkg)).toBe(true);
    expect(
      (await fetch(`${p.url}/edocs/${item!.id}/ack`, { method: 'POST', headers: p.headers })).status,
    ).toBe(200);
    // /vxp on the central service (an unsigned call: refused in VXP's own envelope), not on the province's.
    const vxp = await fetch(`${central.runtime.httpUrl!}/vxp/getAgenciesList`, { method: 'POST' });
    expect(await vxp.json()).toMatchObject({ status: 'FAIL' });
    expect((await fetch(`${province.runtime.httpUrl!}/vxp/getAgenciesList`, { method: 'POST' })).status).toBe(
      404,
    );
    // A bad token is refused.
    const bad = await fetch(`${p.url}/edocs/received`, { headers: { authorization: 'Bearer nope' } });
    expect(bad.status).toBe(401);
  });

  it('refuses a gateway without http, without tokensFile and noAuth, or with a missing identity file', async () => {
    await expect(startCentral(config('no-http', { gateway: { noAuth: true } }))).rejects.toThrow(
      /gateway needs http/,
    );
    await expect(startCentral(config('no-auth', { http: { port: 0 }, gateway: {} }))).rejects.toThrow(
      /tokensFile .*noAuth/,
    );
    await expect(
      startCentral(
        config('no-seed', {
          http: { port: 0 },
          gateway: { noAuth: true, seedFile: 'missing.seed' },
        }),
      ),
    ).rejects.toThrow(/missing\.seed does not exist/);
    await expect(
      startCentral(config('typo', { http: { port: 0 }, gateway: { tokenFile: 'x.json' } })),
    ).rejects.toThrow(/\/gateway/);
  });
});
