/**
 * Closed agency codes through the HTTP gateway: an edXML package posted to a closed code is carried
 * to the successor (redirect: the old code's record shows it; the successor lists the package) or
 * refused (refuse: FAILED AGENCY_CLOSED naming the successor), by the closure's policy.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderEdocBytes } from '@lienthong/edxml';
import type { TopologyJson } from '@lienthong/core';
import { Caller, SAMPLES_TOPOLOGY, startGatewayNode } from './harness';
import type { GatewayNode, SentJson } from './harness';

const SENDER = '000.00.00.H14'; // UBND tỉnh Cao Bằng, on HTTP
const SUCCESSOR = '000.00.00.H41'; // UBND tỉnh Nghệ An, on HTTP
const REDIRECTED = '000.00.00.H40';
const REFUSED = '000.00.00.H39';
const CLOSED_AT = '2025-07-01T00:00:00Z';
const RUN = Date.now().toString(36);

describe('closed codes over HTTP (/api/v1/edocs)', () => {
  let dir: string;
  let gw: GatewayNode;
  let sender: Caller;
  let successor: Caller;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lt-closed-gw-'));
    const json = JSON.parse(readFileSync(SAMPLES_TOPOLOGY, 'utf8')) as TopologyJson;
    json.closed = [
      {
        code: REDIRECTED,
        name: 'UBND tỉnh cũ 1',
        closedAt: CLOSED_AT,
        successor: SUCCESSOR,
        policy: 'redirect',
      },
      { code: REFUSED, name: 'UBND tỉnh cũ 2', closedAt: CLOSED_AT, successor: SUCCESSOR, policy: 'refuse' },
    ];
    const file = join(dir, 'topology.json');
    writeFileSync(file, JSON.stringify(json));
    gw = await startGatewayNode({ topologyFile: file });
    sender = new Caller(gw.url, SENDER);
    successor = new Caller(gw.url, SUCCESSOR);
  });
  afterAll(async () => {
    await gw?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function post(n: string, to: string): Promise<string> {
    const documentId = `${SENDER},2026/12/02,${RUN}${n}/UBND-VP`;
    const pkg = await renderEdocBytes({
      documentId,
      from: { code: SENDER, name: 'UBND tỉnh Cao Bằng' },
      to: [{ code: to, name: 'UBND tỉnh cũ' }],
      codeNumber: `${RUN}${n}`,
      codeNotation: 'UBND-VP',
      promulgationDate: '2026-12-02',
      subject: 'Gửi mã định danh đã đóng',
    });
    const r = await sender.post(pkg);
    expect(r.status).toBe(202);
    return documentId;
  }

  async function sentUntil(documentId: string, pred: (rs: SentJson[]) => boolean): Promise<SentJson[]> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const rs = await sender.sent(documentId);
      if (pred(rs)) return rs;
      if (Date.now() > deadline) throw new Error(`${documentId}: ${JSON.stringify(rs)}`);
      await new Promise((res) => setTimeout(res, 100));
    }
  }

  it('redirect: the successor lists the package; the old code’s record shows the redirect', async () => {
    const documentId = await post('1', REDIRECTED);
    const item = await successor.waitForItem(documentId);
    expect(item.from).toBe(SENDER);
    const rs = await sentUntil(documentId, (x) => x.length === 2);
    const old = rs.find((r) => r.recipient === REDIRECTED)!;
    expect(old.transport).toBe('RELAYED');
    expect(old.timeline.map((t) => (t as { description?: string }).description)).toContain(
      `redirected to ${SUCCESSOR} (${REDIRECTED} closed on ${CLOSED_AT})`,
    );
    expect(rs.find((r) => r.recipient === SUCCESSOR)).toBeDefined();
  });

  it('refuse: FAILED AGENCY_CLOSED naming the successor; nothing reaches the successor', async () => {
    const documentId = await post('2', REFUSED);
    const [refused] = await sentUntil(documentId, (x) => x[0]?.transport === 'FAILED');
    expect(refused).toMatchObject({ recipient: REFUSED, failure: 'FAILURE_REASON_AGENCY_CLOSED' });
    expect(refused!.timeline.map((t) => (t as { description?: string }).description).join('\n')).toContain(
      `successor ${SUCCESSOR}`,
    );
    expect((await successor.received()).map((i) => i.documentId)).not.toContain(documentId);
  });

  it('a code neither live nor closed is refused at the door', async () => {
    const documentId = `${SENDER},2026/12/02,${RUN}3/UBND-VP`;
    const pkg = await renderEdocBytes({
      documentId,
      from: { code: SENDER, name: 'UBND tỉnh Cao Bằng' },
      to: [{ code: '000.00.00.H38', name: 'Không có' }],
      codeNumber: `${RUN}3`,
      codeNotation: 'UBND-VP',
      promulgationDate: '2026-12-02',
      subject: 'Không có người nhận',
    });
    const r = await sender.post(pkg);
    expect(r.status).toBe(404);
    expect(await r.text()).toContain('000.00.00.H38 is not in the directory');
  });
});
