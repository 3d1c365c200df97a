import { createHash } from 'node:crypto';
import { Caller, sample, startGatewayNode } from './harness';
import type { GatewayNode } from './harness';

const G22 = '000.00.00.G22';
const H41 = '000.00.00.H41';
const H14 = '000.00.00.H14';
const G17 = '000.00.00.G17';
const NEW = 'truclienthong__xml_dc0bdef0-c7a3-4aaf-b717-777303442973.edxml';
const DOC = '000.00.00.G22,2015/09/30,7816/VPCP-TTĐT';

const sha = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

describe('public edXML samples through the gateway', () => {
  let gw: GatewayNode;
  beforeAll(async () => {
    gw = await startGatewayNode();
  });
  afterAll(async () => {
    await gw?.stop();
  });

  it('a new edoc posted by its From agency is fetched byte-identical by each recipient, once', async () => {
    const bytes = sample(NEW);
    const sender = new Caller(gw.url, G22);
    const r = await sender.post(bytes);
    expect(r.status).toBe(202);
    const body = (await r.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      documentId: DOC,
      messageType: 'edoc',
      businessDocType: 0,
      duplicate: false,
    });
    expect(body['id']).toBe(`000_00_00_G22.${sha(bytes)}`);
    // A repeat: same id, nothing sent twice.
    const again = await sender.post(bytes);
    expect(again.status).toBe(202);
    expect(await again.json()).toMatchObject({ id: body['id'], duplicate: true });

    for (const agency of [H41, H14, G17]) {
      const c = new Caller(gw.url, agency);
      const item = await c.waitForItem(DOC);
      expect(item).toMatchObject({ from: G22, messageType: 'edoc', businessDocType: 0, original: true });
      const got = await c.bytes(item.id);
      expect(got.length).toBe(bytes.length);
      expect(sha(got)).toBe(sha(bytes));
      const ack = await c.postJson(`/edocs/${item.id}/ack`);
      expect(ack.status).toBe(200);
      expect(await ack.json()).toEqual({ id: item.id, acknowledged: true, duplicate: false });
      const ack2 = await c.postJson(`/edocs/${item.id}/ack`);
      expect(await ack2.json()).toEqual({ id: item.id, acknowledged: true, duplicate: true });
      expect((await c.received()).filter((i) => i.documentId === DOC)).toEqual([]);
    }
    // The sender's tracking: every recipient reported 01 arrived.
    const deadline = Date.now() + 10_000;
    let sent = await sender.sent(DOC);
    while (sent.some((s) => s.statusCode !== '01') && Date.now() < deadline) {
      await new Promise((res) => setTimeout(res, 100));
      sent = await sender.sent(DOC);
    }
    expect(sent.map((s) => [s.recipient, s.statusCode]).sort()).toEqual([
      [G17, '01'],
      [H14, '01'],
      [H41, '01'],
    ]);
  });
});
