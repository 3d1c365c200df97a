/**
 * A level service with an HTTP port serves the dashboard beside /metrics: the pages at `/`, the
 * operator signs in with the token in its config's `dashboard.operatorTokenFile`, anyone else is
 * refused; `"dashboard": false` leaves it out.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startNatsServer } from '@lienthong/testkit';
import type { NatsServer } from '@lienthong/testkit';
import { startLevelService } from '../../node/src/service';
import type { RunningNode } from '../../node/src/container';
import { buildPages } from './browser';

jest.setTimeout(60_000);

const TOPOLOGY = resolve(__dirname, '../../../deploy/topology.demo.json');

describe('dashboard in a level service', () => {
  let server: NatsServer;
  let dir: string;
  const running: RunningNode[] = [];

  beforeAll(async () => {
    buildPages();
    server = await startNatsServer();
    dir = mkdtempSync(join(tmpdir(), 'lt-dash-service-'));
  });

  afterAll(async () => {
    for (const r of running) await r.stop();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const start = async (extra: Record<string, unknown>): Promise<string> => {
    const config = join(dir, `central-${running.length}.json`);
    writeFileSync(
      config,
      JSON.stringify({
        servers: server.url,
        topology: TOPOLOGY,
        http: { port: 0 },
        logLevel: 'warn',
        ...extra,
      }),
    );
    const r = await startLevelService('central', config);
    running.push(r);
    return r.runtime.httpUrl!;
  };

  it('serves the pages and lets the operator in with the configured token', async () => {
    writeFileSync(join(dir, 'operator.token'), 'lto_test-operator-token\n', { mode: 0o600 });
    const url = await start({ dashboard: { operatorTokenFile: 'operator.token' } });
    const page = await fetch(`${url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('/dashboard/assets/app.js');
    const js = await fetch(`${url}/dashboard/assets/app.js`);
    expect(js.headers.get('content-type')).toContain('javascript');
    expect((await fetch(`${url}/metrics`)).status).toBe(200);

    const session = await fetch(`${url}/dashboard/api/session`, {
      headers: { authorization: 'Bearer lto_test-operator-token' },
    });
    expect(session.status).toBe(200);
    expect(await session.json()).toMatchObject({ viewer: { kind: 'operator' }, noAuth: false });
    const nobody = await fetch(`${url}/dashboard/api/sent`);
    expect(nobody.status).toBe(401);
    expect(await nobody.json()).toMatchObject({ code: 'Unauthenticated' });
    const wrong = await fetch(`${url}/dashboard/api/sent`, {
      headers: { authorization: 'Bearer lto_guess' },
    });
    expect(wrong.status).toBe(401);
    const bad = await fetch(`${url}/dashboard/api/sent?from=yesterday`, {
      headers: { authorization: 'Bearer lto_test-operator-token' },
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({
      code: 'InvalidArgument',
      message: expect.stringContaining('from'),
    });
  });

  it('refuses a token file that does not exist, and leaves the dashboard out when told to', async () => {
    await expect(start({ dashboard: { operatorTokenFile: 'missing.token' } })).rejects.toThrow(
      /operatorTokenFile .*missing\.token does not exist/,
    );
    const url = await start({ dashboard: false });
    expect((await fetch(`${url}/`)).status).toBe(404);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
  });
});
