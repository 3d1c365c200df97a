/**
 * A package the home node refuses is in the sender's sent list: `GET /api/v1/edocs/sent` and VXP
 * `getSentEdocList` show a FAILED record per recipient, with the refusal in its timeline.
 */
import { renderEdocBytes } from '@lienthong/edxml';
import { Caller, startGatewayNode } from './harness';
import type { GatewayNode, SentJson } from './harness';

jest.setTimeout(60_000);

const SENDER = '000.00.00.H14'; // UBND tỉnh Cao Bằng, on HTTP
const RECIPIENT = '000.00.00.H41'; // UBND tỉnh Nghệ An
const RUN = Date.now().toString(36);

describe('refused packages in the sent list', () => {
  let gw: GatewayNode;
  let sender: Caller;

  beforeAll(async () => {
    // The node refuses unsigned packages; the gateway's clients do not sign.
    gw = await startGatewayNode({ vxp: true, node: { security: { requireSignatures: true } } });
    sender = new Caller(gw.url, SENDER);
  });
  afterAll(async () => {
    await gw?.stop();
  });

  it('lists the refusal over /api/v1 and VXP', async () => {
    const documentId = `${SENDER},2026/12/03,${RUN}1/UBND-VP`;
    const pkg = await renderEdocBytes({
      documentId,
      from: { code: SENDER, name: 'UBND tỉnh Cao Bằng' },
      to: [{ code: RECIPIENT, name: 'UBND tỉnh Nghệ An' }],
      codeNumber: `${RUN}1`,
      codeNotation: 'UBND-VP',
      promulgationDate: '2026-12-03',
      subject: 'Gói tin bị từ chối',
    });
    expect((await sender.post(pkg)).status).toBe(202);

    let sent: SentJson[] = [];
    const deadline = Date.now() + 20_000;
    while (sent.length === 0 && Date.now() < deadline) {
      sent = await sender.sent(documentId);
      if (sent.length === 0) await new Promise((r) => setTimeout(r, 100));
    }
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      recipient: RECIPIENT,
      transport: 'FAILED',
      failure: 'FAILURE_REASON_MISSING_SIGNATURE',
    });
    expect(sent[0]!.failureDetail).toMatch(/requires signed documents/);
    expect(sent[0]!.timeline.map((t) => [t.transport, t.description])).toEqual([
      ['FAILED', `refused at intake (MISSING_SIGNATURE): ${sent[0]!.failureDetail}`],
    ]);

    // VXP: the caller's sent list without a DocId, from the same records.
    const r = await fetch(`${gw.node.runtime.httpUrl!}/vxp/getSentEdocList`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'XroadVnpt-from': SENDER },
      body: '',
    });
    const answer = (await r.json()) as { status: string; data: Record<string, unknown>[] };
    expect(answer.status).toBe('OK');
    const mine = answer.data.filter((d) => d['documentId'] === documentId);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      fromCode: SENDER,
      toCode: RECIPIENT,
      sendStatus: 'fail',
      sendStatusDesc: 'Gửi lỗi',
      receiveStatus: 'initial',
    });
  });
});
