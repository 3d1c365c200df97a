/**
 * Closed agency codes through the HTTP gateway: an edXML package posted to a closed code is carried
 * to the successor (redirect: the old code's record shows it; the successor lists the package) or
 * refused (refuse: FAILED AGENCY_CLOSED naming the successor), by the closure's policy.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect as natsConnect } from '@nats-io/transport-node';
import { jetstream } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import { BUCKETS, directoryKeys } from '@lienthong/core';
import { renderEdocBytes } from '@lienthong/edxml';
import { ClosedAgencyRecord, ClosurePolicy } from '@lienthong/proto';
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
    gw = await startGatewayNode({ topologyFile: file, vxp: true });
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
    // The successor's record answers for the old code: the old record shows the same state.
    const rs = await sentUntil(documentId, (x) => {
      const [o, n] = [x.find((r) => r.recipient === REDIRECTED), x.find((r) => r.recipient === SUCCESSOR)];
      return o?.transport === 'DELIVERED' && n?.transport === 'DELIVERED';
    });
    const old = rs.find((r) => r.recipient === REDIRECTED)!;
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

  it('a code neither live nor closed is refused at the door: 400 naming it', async () => {
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
    // The caller's input to fix, every unknown recipient named: not a 404 a client takes for a wrong URL.
    expect(r.status).toBe(400);
    const body = (await r.json()) as { code: string; message: string; details?: { recipients?: string[] } };
    expect(body.code).toBe('InvalidArgument');
    expect(body.message).toContain('000.00.00.H38 is not in the directory');
    expect(body.details?.recipients).toEqual(['000.00.00.H38']);
  });

  it('GET /edocs/sent of a DocumentId the caller has no record of: 200 and an empty list', async () => {
    const r = await sender.get(
      `/edocs/sent?documentId=${encodeURIComponent(`${SENDER},2026/12/02,99/VPCP`)}`,
    );
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual([]);
  });

  it('GET /agencies lists closed codes with closedAt, successor and policy', async () => {
    const r = await sender.get('/agencies');
    expect(r.status).toBe(200);
    const list = (await r.json()) as Record<string, unknown>[];
    const successorEntry = list.find((a) => a['code'] === SUCCESSOR)!;
    expect(successorEntry['successor']).toBeUndefined();
    expect(list.find((a) => a['code'] === REDIRECTED)).toEqual({
      code: REDIRECTED,
      name: 'UBND tỉnh cũ 1',
      parentCode: '',
      tier: successorEntry['tier'],
      homeNode: successorEntry['homeNode'],
      closedAt: CLOSED_AT,
      successor: SUCCESSOR,
      policy: 'redirect',
    });
    expect(list.find((a) => a['code'] === REFUSED)).toMatchObject({ successor: SUCCESSOR, policy: 'refuse' });
  });

  describe('VXP directory verbs', () => {
    async function vxp(verb: string): Promise<{ status: string; data: Record<string, unknown>[] }> {
      const r = await fetch(`${gw.url.replace(/\/api\/v1$/, '/vxp')}/${verb}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'XroadVnpt-systemid': SENDER },
        body: '',
      });
      const text = await r.text();
      // An explicit JSON null in any list item makes the Java client drop the whole list.
      expect(text).not.toMatch(/:\s*null/);
      return JSON.parse(text) as { status: string; data: Record<string, unknown>[] };
    }

    it('getAgenciesList: a closed code under its successor, with successor and closedAt', async () => {
      const r = await vxp('getAgenciesList');
      expect(r.status).toBe('OK');
      expect(r.data.find((a) => a['code'] === REDIRECTED)).toEqual({
        id: REDIRECTED,
        pid: SUCCESSOR,
        code: REDIRECTED,
        name: 'UBND tỉnh cũ 1',
        successor: SUCCESSOR,
        closedAt: CLOSED_AT,
      });
      expect(r.data.find((a) => a['code'] === SUCCESSOR)).toEqual({
        id: SUCCESSOR,
        pid: '-1',
        code: SUCCESSOR,
        name: 'UBND tỉnh Nghệ An',
      });
    });

    it('getAgenciesListQD20: closed codes listed with their successor', async () => {
      const r = await vxp('getAgenciesListQD20');
      expect(r.data.find((a) => a['code'] === REFUSED)).toEqual({
        id: REFUSED,
        code: REFUSED,
        name: 'UBND tỉnh cũ 2',
        code102: REFUSED,
        successor: SUCCESSOR,
        closedAt: CLOSED_AT,
      });
    });

    it('getSynchronizeUnit: a closed code is a deleted unit under its successor, modified when it closed', async () => {
      const r = await vxp('getSynchronizeUnit');
      expect(r.data.find((a) => a['code'] === REDIRECTED)).toEqual({
        id: REDIRECTED,
        pid: SUCCESSOR,
        code: REDIRECTED,
        name: 'UBND tỉnh cũ 1',
        centerCode: SUCCESSOR,
        version: 1,
        deleted: true,
        // 2025-07-01T00:00:00Z in Vietnam's time, as the axis writes times.
        modifyDate: '2025-07-01 07:00:00',
        isAgency: true,
        successor: SUCCESSOR,
      });
      expect(r.data.find((a) => a['code'] === SUCCESSOR)).toMatchObject({ deleted: false });
      expect(r.data.find((a) => a['code'] === SUCCESSOR)).not.toHaveProperty('modifyDate');
    });
  });

  it('tells the system of an agency closed while it reads over HTTP that it was closed, naming the successor', async () => {
    const code = '000.00.11.H53';
    const caller = new Caller(gw.url, code);
    expect(await caller.received()).toEqual([]); // its inbox is open at the gateway
    const nc = await natsConnect({ servers: gw.server.url });
    try {
      const kv = await new Kvm(jetstream(nc)).open(BUCKETS.directory);
      const closure = ClosedAgencyRecord.encode({
        code,
        name: 'Cơ quan đã đóng mã',
        closedAt: CLOSED_AT,
        successor: SUCCESSOR,
        policy: ClosurePolicy.CLOSURE_POLICY_REDIRECT,
      }).finish();
      await kv.put(directoryKeys.closed(code), closure);
      await kv.delete(directoryKeys.agency(code));
    } finally {
      await nc.close();
    }
    const deadline = Date.now() + 15_000;
    let last = '';
    for (;;) {
      const r = await caller.get('/edocs/received');
      last = `${r.status} ${await r.text()}`;
      if (r.status !== 200 || Date.now() > deadline) break;
      await new Promise((res) => setTimeout(res, 200));
    }
    expect(last).toMatch(new RegExp(`^403 .*${code} was closed on ${CLOSED_AT}.*act as ${SUCCESSOR}`));
  });
});
