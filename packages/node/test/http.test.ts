import { HttpError } from '@lienthong/node';
import type { HttpPlugin } from '@lienthong/node';
import { HealthServer, NodeMetrics } from '@lienthong/node/internal';

/** The node's HTTP server without NATS: health routes, plugin mounting, JSON errors. */
describe('node HTTP server', () => {
  let ready = { ok: true } as { ok: boolean; reason?: string };
  let refreshed = 0;
  const closed: string[] = [];
  const plugin: HttpPlugin = {
    name: 'test',
    prefix: '/api/test',
    register(app) {
      app.get('/hello', () => ({ hello: 'world' }));
      app.get('/teapot', () => {
        throw new HttpError(429, 'ResourceExhausted', 'slow down', { queue: 'full' }, { 'retry-after': '2' });
      });
      app.get('/boom', () => {
        throw new Error('secret internals at /home/x/file.ts:12');
      });
    },
    close: () => {
      closed.push('test');
      return Promise.resolve();
    },
  };
  const server = new HealthServer(
    new NodeMetrics(),
    {
      ready: () => ready,
      refresh: () => {
        refreshed++;
        return Promise.resolve();
      },
    },
    [plugin],
  );
  let url = '';
  beforeAll(async () => {
    url = (await server.listen(0)).url;
  });
  afterAll(async () => {
    await server.close();
    expect(closed).toEqual(['test']);
  });

  it('serves /healthz, /readyz and /metrics as before', async () => {
    const h = await fetch(`${url}/healthz`);
    expect(h.status).toBe(200);
    expect(await h.text()).toBe('ok\n');
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    ready = { ok: false, reason: 'draining' };
    const r = await fetch(`${url}/readyz`);
    expect(r.status).toBe(503);
    expect(await r.text()).toBe('not ready: draining\n');
    ready = { ok: true };
    const m = await fetch(`${url}/metrics`);
    expect(m.status).toBe(200);
    expect(m.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await m.text()).toContain('lienthong_');
    expect(refreshed).toBeGreaterThan(0);
  });

  it('mounts plugins under their prefix on the same port', async () => {
    const r = await fetch(`${url}/api/test/hello`);
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ hello: 'world' });
  });

  it('answers errors as JSON {code, message, details?} with headers, never a stack trace', async () => {
    const t = await fetch(`${url}/api/test/teapot`);
    expect(t.status).toBe(429);
    expect(t.headers.get('retry-after')).toBe('2');
    expect(await t.json()).toEqual({
      code: 'ResourceExhausted',
      message: 'slow down',
      details: { queue: 'full' },
    });
    const b = await fetch(`${url}/api/test/boom`);
    expect(b.status).toBe(500);
    const body = await b.text();
    expect(JSON.parse(body)).toEqual({ code: 'Internal', message: 'internal error' });
    expect(body).not.toContain('file.ts');
    const n = await fetch(`${url}/nowhere?x=1`);
    expect(n.status).toBe(404);
    expect(await n.json()).toEqual({
      code: 'NotFound',
      message: 'no route GET /nowhere; try /metrics, /healthz, /readyz or /api/test',
    });
  });

  it('names the routes under a mount point to a request that missed them', async () => {
    // `GET /api/test` and a wrong path under it: the mount point alone was offered as what to try.
    for (const path of ['/api/test', '/api/test/', '/api/test/helo']) {
      const r = await fetch(`${url}${path}?x=1`);
      expect(r.status).toBe(404);
      expect(await r.json()).toEqual({
        code: 'NotFound',
        message: `no route GET ${path}; the routes under /api/test are GET /api/test/hello, GET /api/test/teapot, GET /api/test/boom`,
      });
    }
  });
});
