/**
 * Hostile and broken input through the running gateway: each refused with its code, nothing stored
 * or delivered, and the gateway still serving afterwards.
 */
import { request } from 'node:http';
import { renderEdocBytes } from '@lienthong/edxml';
import { Caller, fullQueueGatewayNode, startGatewayNode } from './harness';
import type { GatewayNode } from './harness';

const G22 = '000.00.00.G22';
const H41 = '000.00.00.H41';
const H14 = '000.00.00.H14';
const LIMIT = 4 * 1024 * 1024;
const RUN = Date.now().toString(36);
let serial = 0;

async function edoc(from: string, to: string, extra = ''): Promise<Buffer> {
  const xml = Buffer.from(
    await renderEdocBytes({
      documentId: `${from},2026/12/02,${RUN}${++serial}/BAD`,
      from: { code: from },
      to: [{ code: to }],
      subject: `Kiểm thử ${serial}`,
    }),
  );
  return extra ? Buffer.from(xml.toString('utf8').replace('</edXML>', `${extra}</edXML>`)) : xml;
}

/** POSTs a body streamed from `chunks` with raw node:http (optionally claiming a length), until the answer. */
function streamPost(
  url: string,
  agency: string,
  chunks: () => Generator<Buffer>,
  claimedLength?: number,
): Promise<{ status: number; body: string; sent: number }> {
  return new Promise((resolve, reject) => {
    const u = new URL(`${url}/edocs`);
    let sent = 0;
    let answered = false;
    const req = request(
      {
        host: u.hostname,
        port: u.port,
        path: u.pathname,
        method: 'POST',
        headers: {
          'content-type': 'application/xml',
          'x-lienthong-agency': agency,
          ...(claimedLength !== undefined ? { 'content-length': String(claimedLength) } : {}),
        },
      },
      (res) => {
        answered = true;
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, sent }));
      },
    );
    req.on('error', (e) => {
      if (!answered) reject(e);
    });
    const it = chunks();
    const pump = (): void => {
      while (!answered) {
        const n = it.next();
        if (n.done) {
          req.end();
          return;
        }
        sent += n.value.length;
        if (!req.write(n.value)) {
          req.once('drain', pump);
          return;
        }
      }
    };
    pump();
  });
}

describe('bad input through the gateway', () => {
  let gw: GatewayNode;
  const counts = async (): Promise<Record<string, number>> => {
    const out: Record<string, number> = {};
    for (const s of ['LT_SUBMIT', 'LT_INBOX', 'LT_CONTENT', 'LT_DEAD']) {
      out[s] = (await gw.node.nats.jsm.streams.info(s)).state.messages;
    }
    return out;
  };

  beforeAll(async () => {
    gw = await startGatewayNode({ gateway: { maxPackageBytes: LIMIT } });
  });
  afterAll(async () => {
    await gw?.stop();
  });

  it('refuses each attack with its code and stores nothing; the gateway keeps serving', async () => {
    const g22 = new Caller(gw.url, G22);
    const before = await counts();
    const cases: [string, Buffer | Uint8Array, number, string, RegExp][] = [
      [
        'XXE: an external entity naming a local file',
        Buffer.from(
          '<?xml version="1.0"?>\n<!DOCTYPE edXML [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<edXML>&xxe;</edXML>\n',
        ),
        400,
        'InvalidArgument',
        /DOCTYPE|DTD/,
      ],
      [
        'billion laughs',
        Buffer.from(
          `<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`).join('')}]>\n<edXML>&lol9;</edXML>\n`,
        ),
        400,
        'InvalidArgument',
        /DOCTYPE|DTD/,
      ],
      ['an undeclared entity', await edoc(G22, H41, '<x>&secret;</x>'), 400, 'InvalidArgument', /entity/i],
      [
        'deep nesting',
        Buffer.from(`<?xml version="1.0"?>\n<edXML>${'<a>'.repeat(5000)}${'</a>'.repeat(5000)}</edXML>`),
        400,
        'InvalidArgument',
        /deeper|nest/i,
      ],
      ['From spoofing: H41 posting as G22', await edoc(G22, H41), 403, 'PermissionDenied', /not the caller/],
      ['not XML at all', Buffer.from('%PDF-1.7 hello'), 400, 'InvalidArgument', /line 1/],
      ['an empty body', Buffer.alloc(0), 400, 'InvalidArgument', /.+/],
    ];
    for (const [name, body, status, code, message] of cases) {
      const caller = name.startsWith('From spoofing') ? new Caller(gw.url, H41) : g22;
      const r = await caller.post(body);
      const json = (await r.json()) as { code: string; message: string; stack?: unknown };
      expect([name, r.status, json.code]).toEqual([name, status, code]);
      expect(json.message).toMatch(message);
      expect(JSON.stringify(json)).not.toMatch(/ at .*\.ts:\d+/);
    }
    // A package over the limit that says so: refused before a byte is read.
    const claimed = await streamPost(
      gw.url,
      G22,
      function* () {
        yield Buffer.from('<?xml version="1.0"?><edXML>');
      },
      1024 * 1024 * 1024,
    );
    expect(claimed.status).toBe(413);
    expect(JSON.parse(claimed.body)).toMatchObject({
      code: 'TooLarge',
      details: { limit: LIMIT, size: 1024 ** 3 },
    });
    // 1 GB of base64 claimed by nothing (chunked): refused as soon as the limit is passed.
    const head = (await edoc(G22, H41))
      .toString('utf8')
      .replace('</edXML>', '<AttachmentEncoded><Attachment><ContentTransferEncoded>');
    const streamed = await streamPost(gw.url, G22, function* () {
      yield Buffer.from(head);
      const chunk = Buffer.alloc(64 * 1024, 'QUFBQUFBQUFBQUFB');
      for (let i = 0; i < (1024 * 1024 * 1024) / chunk.length; i++) yield chunk;
    });
    expect(streamed.status).toBe(413);
    expect(JSON.parse(streamed.body)).toMatchObject({ code: 'TooLarge' });
    expect(streamed.sent).toBeLessThan(LIMIT * 8);
    // A well-formed package over the limit, with its length.
    const big = await edoc(G22, H41, `<!-- ${'x'.repeat(LIMIT)} -->`);
    const over = await g22.post(big);
    expect(over.status).toBe(413);

    expect(await counts()).toEqual(before);
    // Still serving: a good package goes through and reaches its recipient.
    const good = await edoc(G22, H41);
    const ok = await g22.post(good);
    expect(ok.status).toBe(202);
    const { documentId } = (await ok.json()) as { documentId: string };
    const item = await new Caller(gw.url, H41).waitForItem(documentId);
    expect(Buffer.from(await new Caller(gw.url, H41).bytes(item.id)).equals(good)).toBe(true);
  });

  it("another agency's item: 403 for its bytes, ack and fail; unknown ids 404", async () => {
    const pkg = await edoc(G22, H41);
    const r = await new Caller(gw.url, G22).post(pkg);
    const { documentId } = (await r.json()) as { documentId: string };
    const h41 = new Caller(gw.url, H41);
    const item = await h41.waitForItem(documentId);
    const h14 = new Caller(gw.url, H14);
    for (const res of [
      await h14.get(`/edocs/${item.id}`),
      await h14.postJson(`/edocs/${item.id}/ack`),
      await h14.postJson(`/edocs/${item.id}/fail`, { reason: 'x' }),
    ]) {
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({ code: 'PermissionDenied' });
    }
    expect((await h41.get(`/edocs/000_00_00_H41.doesnotexist`)).status).toBe(404);
    expect((await h41.get(`/edocs/..%2F..%2Fetc`)).status).toBe(404);
    // fail: listed again later (VXP fail), then ack takes it away.
    const failed = await h41.postJson(`/edocs/${item.id}/fail`, { reason: 'hệ thống bận' });
    expect(failed.status).toBe(200);
    expect((await h41.received()).map((i) => i.id)).not.toContain(item.id);
    const back = await h41.waitForItem(documentId, 5_000);
    expect(back.id).toBe(item.id);
    // The reason is kept with the item: listed again with it, and counted.
    expect(back.lastFailure).toMatchObject({ reason: 'hệ thống bận', count: 1 });
    expect(Date.parse(back.lastFailure!.at)).toBeGreaterThan(Date.now() - 60_000);
    expect((await h41.postJson(`/edocs/${item.id}/fail`, { reason: 'vẫn bận' })).status).toBe(200);
    const again = await h41.waitForItem(documentId, 5_000);
    expect(again.lastFailure).toMatchObject({ reason: 'vẫn bận', count: 2 });
    expect((await h41.postJson(`/edocs/${item.id}/fail`, {})).status).toBe(400);
    expect((await h41.postJson(`/edocs/${item.id}/ack`)).status).toBe(200);
    expect((await h41.get(`/edocs/${item.id}`)).status).toBe(404);
    // A body that is not XML.
    const json = await fetch(`${gw.url}/edocs`, {
      method: 'POST',
      headers: { 'x-lienthong-agency': G22, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(json.status).toBe(415);
    expect(((await json.json()) as { message: string }).message).toBe(
      "post one edXML package as application/xml, text/xml, application/edxml+xml; the request had Content-Type 'application/json'",
    );
    // Bytes with no type (a .NET ByteArrayContent as it comes), or a generic one: the same answer.
    for (const type of [undefined, 'application/octet-stream']) {
      const r = await fetch(`${gw.url}/edocs`, {
        method: 'POST',
        headers: { 'x-lienthong-agency': G22, ...(type ? { 'content-type': type } : {}) },
        body: new Uint8Array(Buffer.from('<edXMLEnvelope/>')),
      });
      expect(r.status).toBe(415);
      const body = (await r.json()) as { code: string; message: string };
      expect(body.code).toBe('UnsupportedMediaType');
      expect(body.message).toContain(type ? `Content-Type '${type}'` : 'no Content-Type');
    }
    // A JSON operation given text: 415 naming application/json, not a schema error.
    const text = await fetch(`${gw.url}/edocs/${item.id}/fail`, {
      method: 'POST',
      headers: { 'x-lienthong-agency': H41, 'content-type': 'text/plain' },
      body: 'hệ thống bận',
    });
    expect(text.status).toBe(415);
    expect(((await text.json()) as { message: string }).message).toBe(
      "post a JSON object as application/json; the request had Content-Type 'text/plain'",
    );
    // A query value outside its choices: one sentence naming the choices.
    const bogus = await h41.get('/edocs/received?messageType=edocs');
    expect(bogus.status).toBe(400);
    expect(await bogus.json()).toEqual({
      code: 'InvalidArgument',
      message: 'querystring/messageType must be one of edoc, status',
    });
    // No agency named: 401; an agency this node does not know: 403.
    expect((await fetch(`${gw.url}/edocs/received`)).status).toBe(401);
    expect(await new Caller(gw.url, '000.00.00.H99').received().catch((e: Error) => e.message)).toMatch(
      /403/,
    );
  });
});

describe('backpressure and readiness through the gateway', () => {
  const full = fullQueueGatewayNode(G22);

  it('429 with Retry-After when the agency is over its limit; the retry goes through', async () => {
    const g22 = new Caller(full.gw.url, G22);
    const pkgs = await Promise.all(Array.from({ length: 20 }, () => edoc(G22, H41)));
    const results = await Promise.all(pkgs.map((p) => g22.post(p)));
    const refused = results.filter((r) => r.status === 429);
    expect(refused.length).toBeGreaterThan(0);
    for (const r of refused) {
      expect(Number(r.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(await r.json()).toMatchObject({ code: 'ResourceExhausted', details: { scope: 'agency-queue' } });
    }
    // Retried after the suggested wait, each goes through once.
    for (const [i, r] of results.entries()) {
      if (r.status !== 429) continue;
      for (;;) {
        const again = await g22.post(pkgs[i]!);
        if (again.status === 202) break;
        expect(again.status).toBe(429);
        await new Promise((res) => setTimeout(res, Number(again.headers.get('retry-after')) * 1000));
      }
    }
  }, 90_000);

  it('503 while the node is not ready', async () => {
    const { gw } = full;
    const gateway = gw.plugin.gateway!;
    const stopping = gw.node.runtime.stop();
    // Draining from the first moment of stop(): the service refuses, whatever the transport.
    await expect(gateway.sendPackage(G22, (async function* () {})())).rejects.toMatchObject({
      status: 503,
      code: 'Unavailable',
      retryAfterMs: 1000,
    });
    await stopping;
  });
});
