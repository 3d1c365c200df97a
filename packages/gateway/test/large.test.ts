/**
 * Packages past the in-memory size through the running gateway: stored as content while they arrive
 * (the body declares its length), fetched byte for byte; one malformed at its end is refused with
 * its line and column and delivers nothing.
 */
import { createHash } from 'node:crypto';
import { Caller, edocWithAttachment, startGatewayNode } from './harness';
import type { GatewayNode } from './harness';

const G22 = '000.00.00.G22';
const H41 = '000.00.00.H41';
const RUN = Date.now().toString(36);

/** An edoc from G22 to H41 with one base64 attachment of `mib` MiB. */
const bigEdoc = (n: number, mib: number, tail?: string): Promise<Buffer> =>
  edocWithAttachment(
    { from: G22, to: H41, documentId: `${G22},2026/12/02,${RUN}${n}/BIG`, subject: `Gói lớn ${n}` },
    n,
    mib,
    tail,
  );

describe('large packages through the gateway', () => {
  let gw: GatewayNode;
  const messages = async (stream: string): Promise<number> =>
    (await gw.node.nats.jsm.streams.info(stream)).state.messages;

  beforeAll(async () => {
    gw = await startGatewayNode();
  });
  afterAll(async () => {
    await gw?.stop();
  });

  it('a 3 MiB package is stored as content as it arrives and fetched byte for byte', async () => {
    const pkg = await bigEdoc(1, 3);
    const contentBefore = await messages('LT_CONTENT');
    const r = await new Caller(gw.url, G22).post(pkg);
    expect(r.status).toBe(202);
    const { documentId } = (await r.json()) as { documentId: string };
    // Its chunks and manifest are in the sender's home content stream.
    expect(await messages('LT_CONTENT')).toBeGreaterThan(contentBefore + 4);
    const h41 = new Caller(gw.url, H41);
    const item = await h41.waitForItem(documentId, 30_000);
    const got = await h41.bytes(item.id);
    expect(got.length).toBe(pkg.length);
    expect(createHash('sha256').update(got).digest('hex')).toBe(
      createHash('sha256').update(pkg).digest('hex'),
    );
  }, 90_000);

  it('a 3 MiB package malformed at its end: 400 with line and column, nothing submitted', async () => {
    const before = { submit: await messages('LT_SUBMIT'), inbox: await messages('LT_INBOX') };
    const bad = await bigEdoc(2, 3, '</edXMLx>\n');
    const r = await new Caller(gw.url, G22).post(bad);
    expect(r.status).toBe(400);
    const body = (await r.json()) as { code: string; details: { line?: number; column?: number } };
    expect(body.code).toBe('InvalidArgument');
    expect(body.details.line).toBeGreaterThan(0);
    expect(body.details.column).toBeGreaterThan(0);
    expect({ submit: await messages('LT_SUBMIT'), inbox: await messages('LT_INBOX') }).toEqual(before);
    // The same package mended goes through.
    expect((await new Caller(gw.url, G22).post(await bigEdoc(2, 3))).status).toBe(202);
  }, 90_000);
});
