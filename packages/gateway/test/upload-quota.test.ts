/**
 * Large packages the gateway stores as they arrive count against their agency's bound of uploaded
 * content that no document references yet, like the agency's own uploads: packages refused after
 * they were stored fill it, the next large one is refused with 429 ResourceExhausted naming the
 * limit, while another agency posts as before; the sweep frees it, and a package sent frees its own.
 */
import { agencyToToken } from '@lienthong/core';
import { Caller, edocWithAttachment, startGatewayNode } from './harness';
import type { GatewayNode } from './harness';

const G22 = '000.00.00.G22';
const H41 = '000.00.00.H41';
const RUN = Date.now().toString(36);
const MiB = 1024 * 1024;

/** An edoc from `from` to `to` with one base64 attachment of `mib` MiB. */
const bigEdoc = (from: string, to: string, n: number, mib: number, tail?: string): Promise<Buffer> =>
  edocWithAttachment(
    { from, to, documentId: `${from},2026/12/04,${RUN}${n}/Q`, subject: `Gói ${n}` },
    n,
    mib,
    tail,
  );

describe('the gateway’s stored packages count against their agency’s upload bound', () => {
  let gw: GatewayNode;
  const held = (agency: string): number => gw.node.runtime.uploadQuota.held(agencyToToken(agency));

  beforeAll(async () => {
    gw = await startGatewayNode({
      node: {
        limits: { uploadUnreferencedBytes: 10 * MiB, uploadBytesPerSecond: 0 },
        retention: { attachmentGraceMs: 1_000, attachmentSweepIntervalMs: 0 },
      },
    });
  });
  afterAll(async () => {
    await gw?.stop();
  });

  it('packages stored and refused fill it; the next is refused 429 naming the limit; another agency posts on', async () => {
    const g22 = new Caller(gw.url, G22);
    // Malformed at their end: stored as content while they arrive (4 MiB each), then refused.
    for (let n = 1; n <= 2; n++)
      expect((await g22.post(await bigEdoc(G22, H41, n, 3, '</edXMLx>\n'))).status).toBe(400);
    expect(held(G22)).toBeGreaterThanOrEqual(8 * MiB);
    const r = await g22.post(await bigEdoc(G22, H41, 3, 3));
    expect(r.status).toBe(429);
    const body = (await r.json()) as { code: string; message: string };
    expect(body.code).toBe('ResourceExhausted');
    expect(body.message).toMatch(/limits\.uploadUnreferencedBytes/);
    // Another agency's large package is stored and delivered.
    const h41 = new Caller(gw.url, H41);
    const sent = await h41.post(await bigEdoc(H41, G22, 4, 3));
    expect(sent.status).toBe(202);
    const { documentId } = (await sent.json()) as { documentId: string };
    await g22.waitForItem(documentId, 30_000);
  }, 90_000);

  it('the sweep frees it; a package sent frees what it stored', async () => {
    await new Promise((r) => setTimeout(r, 1_100));
    await gw.node.runtime.sweepAttachments();
    expect(held(G22)).toBe(0);
    const r = await new Caller(gw.url, G22).post(await bigEdoc(G22, H41, 5, 3));
    expect(r.status).toBe(202);
    // Referenced by the document once its home node took it: no longer counted.
    const { documentId } = (await r.json()) as { documentId: string };
    await new Caller(gw.url, H41).waitForItem(documentId, 30_000);
    expect(held(G22)).toBe(0);
  }, 90_000);
});
