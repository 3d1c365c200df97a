/**
 * A Status package posted over HTTP is accepted (202) by the caller's home node and judged again at
 * the home node of the document's sender. What that node refuses comes back: `GET /api/v1/refusals`
 * lists it, with the code, the reason and the node's words.
 */
import { renderEdocBytes, renderStatus } from '@lienthong/edxml';
import { BusinessStatus } from '@lienthong/proto';
import { Caller, startGatewayNode } from './harness';
import type { GatewayNode } from './harness';

jest.setTimeout(60_000);

const SENDER = '000.00.00.H14'; // UBND tỉnh Cao Bằng
const RECIPIENT = '000.00.00.H41'; // UBND tỉnh Nghệ An
const OUTSIDER = '000.00.00.G17'; // not a recipient of the document
const RUN = Date.now().toString(36);

interface RefusalJson {
  documentId: string;
  kind: string;
  statusCode?: string;
  reason: string;
  detail: string;
  node: string;
  at: string;
}

async function refusals(caller: Caller, query = ''): Promise<{ status: number; body: unknown }> {
  const r = await caller.get(`/refusals${query}`);
  return { status: r.status, body: await r.json() };
}

describe('GET /api/v1/refusals', () => {
  let gw: GatewayNode;
  beforeAll(async () => {
    gw = await startGatewayNode({});
  });
  afterAll(async () => {
    await gw?.stop();
  });

  it('lists a posted status that the sender’s home node refused, and nothing for the others', async () => {
    const sender = new Caller(gw.url, SENDER);
    const recipient = new Caller(gw.url, RECIPIENT);
    const outsider = new Caller(gw.url, OUTSIDER);
    const documentId = `${SENDER},2026/12/06,${RUN}1/UBND-VP`;
    const pkg = await renderEdocBytes({
      documentId,
      from: { code: SENDER, name: 'UBND tỉnh Cao Bằng' },
      to: [{ code: RECIPIENT, name: 'UBND tỉnh Nghệ An' }],
      codeNumber: `${RUN}1`,
      codeNotation: 'UBND-VP',
      promulgationDate: '2026-12-06',
      subject: 'Chỉ gửi Nghệ An',
    });
    expect((await sender.post(pkg)).status).toBe(202);
    await recipient.waitForItem(documentId);
    // Before anything was refused: an empty list.
    expect(await refusals(outsider)).toEqual({ status: 200, body: { refusals: [] } });
    const status = renderStatus({
      code: BusinessStatus.BUSINESS_STATUS_ACCEPTED,
      responder: OUTSIDER,
      documentId,
      documentSender: SENDER,
      description: 'Đã vào sổ (nhầm văn bản)',
      timestampMs: Date.now(),
    });
    const startedAt = new Date().toISOString();
    expect((await outsider.post(status)).status).toBe(202);
    let listed: RefusalJson[] = [];
    const deadline = Date.now() + 15_000;
    while (listed.length === 0 && Date.now() < deadline) {
      const r = await refusals(outsider);
      expect(r.status).toBe(200);
      listed = (r.body as { refusals: RefusalJson[] }).refusals;
      if (listed.length === 0) await new Promise((res) => setTimeout(res, 100));
    }
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({
      documentId,
      kind: 'status',
      statusCode: '03',
      reason: 'NOT_A_RECIPIENT',
    });
    expect(listed[0]!.detail).toContain(`did not send it to ${OUTSIDER}`);
    expect(Date.parse(listed[0]!.at)).toBeGreaterThanOrEqual(Date.parse(startedAt) - 1_000);
    // `since` filters; a later one lists nothing, a bad one is a 400 that says what to pass.
    const later = new Date(Date.now() + 60_000).toISOString();
    expect(await refusals(outsider, `?since=${encodeURIComponent(later)}`)).toEqual({
      status: 200,
      body: { refusals: [] },
    });
    const bad = await refusals(outsider, '?since=yesterday');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain("since: 'yesterday' is not a date");
    // Another agency's refusals are its own.
    expect(await refusals(recipient)).toEqual({ status: 200, body: { refusals: [] } });
  });

  it('lists a refusal from before the gateway first served the caller (read back from its track subject)', async () => {
    const SDK_REPORTER = '000.00.11.H53'; // reports with the SDK; its system asks the gateway later
    const reporter = await gw.sdk(SDK_REPORTER);
    const feed = await reporter.refusals();
    const documentId = `${SENDER},2026/12/06,${RUN}9/UBND-VP`; // never sent
    await reporter.report(documentId, BusinessStatus.BUSINESS_STATUS_COMPLETED, { sender: SENDER });
    const it = feed[Symbol.asyncIterator]();
    expect((await it.next()).value).toMatchObject({ documentId, reasonName: 'UNKNOWN_DOCUMENT' });
    await feed.stop();
    // The gateway's first request for this agency opens its client and reads the week back: the
    // answer waits for that read-back, so the very first one holds the refusal.
    const r = await refusals(new Caller(gw.url, SDK_REPORTER));
    expect(r.status).toBe(200);
    const listed = (r.body as { refusals: RefusalJson[] }).refusals;
    expect(listed).toMatchObject([{ documentId, statusCode: '06', reason: 'UNKNOWN_DOCUMENT' }]);
  });
});
