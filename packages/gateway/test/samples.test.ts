import { createHash } from 'node:crypto';
import { parseEdxml } from '@lienthong/edxml';
import { Caller, sample, startGatewayNode } from './harness';
import type { GatewayNode, SentJson } from './harness';

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
    // The same document in other bytes (a system that builds its package again for a retry): another
    // id, but the document was sent: nothing is sent again, and the recipients get the first bytes.
    const rebuilt = Buffer.concat([Buffer.from(bytes), Buffer.from('\n')]);
    const retry = await sender.post(rebuilt);
    expect(retry.status).toBe(202);
    const retried = (await retry.json()) as Record<string, unknown>;
    expect(retried).toMatchObject({ documentId: DOC, duplicate: true });
    expect(retried['id']).toBe(`000_00_00_G22.${sha(rebuilt)}`);
    // Rebuilt naming one more recipient: that one would never get it, so the answer says so (409),
    // rather than a 202 that reads as sent.
    const widened = Buffer.from(
      bytes
        .toString('utf8')
        .replace(
          '<edXML:To>',
          '<edXML:To>\n          <edXML:OrganId>000.00.00.A80</edXML:OrganId>\n          <edXML:OrganName>A80</edXML:OrganName>\n        </edXML:To>\n        <edXML:To>',
        ),
    );
    const more = await sender.post(widened);
    expect(more.status).toBe(409);
    const refused = (await more.json()) as { code: string; message: string };
    expect(refused.code).toBe('AlreadyExists');
    expect(refused.message).toContain('so 000.00.00.A80 would not get it: add recipients with update(');

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

  async function tracking(
    sender: Caller,
    documentId: string,
    done: (s: SentJson[]) => boolean,
  ): Promise<SentJson[]> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const sent = await sender.sent(documentId);
      if (done(sent) || Date.now() > deadline) return sent;
      await new Promise((res) => setTimeout(res, 100));
    }
  }

  it("status samples 01-06 from the recipient move the sender's tracking as their codes say", async () => {
    const h41 = new Caller(gw.url, H41);
    const g22 = new Caller(gw.url, G22);
    const startedAt = Date.now();
    // 01 was reported by the ack above; a 01 Status package of the same document is a repeat.
    for (const f of ['tltvbqn__status_inbox_01.edxml', 'tltvbqn__status.edxml']) {
      const r = await h41.post(sample(f));
      expect(r.status).toBe(202);
      expect(await r.json()).toMatchObject({ messageType: 'status', statusCode: '01', documentId: DOC });
    }
    for (const [f, code] of [
      ['tltvbqn__status_acceptance_03.edxml', '03'],
      ['tltvbqn__status_assignment_04.edxml', '04'],
      ['tltvbqn__status_processing_05.edxml', '05'],
      ['tltvbqn__status_finish_06.edxml', '06'],
    ] as const) {
      const r = await h41.post(sample(f));
      expect(r.status).toBe(202);
      expect(await r.json()).toMatchObject({ messageType: 'status', statusCode: code, documentId: DOC });
      const sent = await tracking(g22, DOC, (xs) => xs.find((x) => x.recipient === H41)?.statusCode === code);
      expect(sent.find((x) => x.recipient === H41)?.statusCode).toBe(code);
    }
    // 05 again (the LF copy of the same status), and 02 after 06: refused, tracking unchanged.
    for (const f of ['edocintegrator__status_processing_05.edxml', 'tltvbqn__status_rejection_02.edxml']) {
      const r = await h41.post(sample(f));
      expect(r.status).toBe(409);
      expect(await r.json()).toMatchObject({ code: 'FailedPrecondition' });
    }
    expect((await g22.sent(DOC)).find((x) => x.recipient === H41)?.statusCode).toBe('06');
    // The sender's system gets them as Status packages in its received list, as from the VXP.
    const deadline = Date.now() + 10_000;
    let items = await g22.received('status');
    while (items.filter((i) => i.from === H41).length < 5 && Date.now() < deadline) {
      await new Promise((res) => setTimeout(res, 100));
      items = await g22.received('status');
    }
    const fromH41 = items.filter((i) => i.from === H41 && i.documentId === DOC);
    expect(fromH41.map((i) => i.statusCode).sort()).toEqual(['01', '03', '04', '05', '06']);
    // Received when they reached the sender, not at the 2015 Timestamp the packages carry: the list
    // (oldest first) is in the order they were reported.
    const reported = fromH41.filter((i) => i.statusCode !== '01');
    expect(reported.map((i) => i.statusCode)).toEqual(['03', '04', '05', '06']);
    for (const i of reported) expect(Date.parse(i.receivedAt)).toBeGreaterThanOrEqual(startedAt - 1_000);
    const posted: Record<string, string> = {
      '03': 'tltvbqn__status_acceptance_03.edxml',
      '04': 'tltvbqn__status_assignment_04.edxml',
      '05': 'tltvbqn__status_processing_05.edxml',
      '06': 'tltvbqn__status_finish_06.edxml',
    };
    for (const item of fromH41) {
      const got = await g22.bytes(item.id);
      const parsed = await parseEdxml(got);
      expect(parsed.kind).toBe('status');
      expect(parsed.kind === 'status' && parsed.header.statusCode).toBe(item.statusCode);
      // A status posted as a package reaches the sender's system as the same bytes (unsigned too);
      // the 01 came from an ack, not a package, and is rendered.
      const file = posted[item.statusCode!];
      expect(item.original).toBe(file !== undefined);
      if (file) expect(sha(got)).toBe(sha(sample(file)));
      expect((await g22.postJson(`/edocs/${item.id}/ack`)).status).toBe(200);
    }
    expect((await g22.received('status')).filter((i) => i.from === H41)).toEqual([]);
    // Another agency cannot take them.
    expect((await h41.get(`/edocs/${fromH41[0]!.id}`)).status).toBe(403);
  });

  it('13 from the sender reaches the recipient as a status item; 15 answers it, 16 after 15 is refused', async () => {
    const h41 = new Caller(gw.url, H41);
    const g22 = new Caller(gw.url, G22);
    const r = await g22.post(sample('tltvbqn__status_cancellation_13.edxml'));
    expect(r.status).toBe(202);
    expect(await r.json()).toMatchObject({ messageType: 'status', statusCode: '13' });
    const item = await h41.waitForItem(DOC, 15_000, (i) => i.messageType === 'status');
    expect(item).toMatchObject({ from: G22, statusCode: '13' });
    expect((await h41.received('status')).map((i) => i.id)).toContain(item.id);
    expect((await h41.received('edoc')).map((i) => i.id)).not.toContain(item.id);
    const xml = (await h41.bytes(item.id)).toString('utf8');
    expect(xml).toContain('<edXML:StatusCode>13</edXML:StatusCode>');
    expect((await h41.postJson(`/edocs/${item.id}/ack`)).status).toBe(200);
    const a = await h41.post(sample('tltvbqn__status_change-acceptance_15.edxml'));
    expect(a.status).toBe(202);
    const sent = await tracking(g22, DOC, (xs) => xs.find((x) => x.recipient === H41)?.recall === '15');
    expect(sent.find((x) => x.recipient === H41)?.recall).toBe('15');
    const refused = await h41.post(sample('tltvbqn__status_change-rejection_16.edxml'));
    expect(refused.status).toBe(409);
  });

  it('revoke, update and replace samples reach each recipient byte-identical with their BussinessDocType', async () => {
    const g22 = new Caller(gw.url, G22);
    for (const [f, op] of [
      ['tltvbqn__edoc_revocation.edxml', 1],
      ['tltvbqn__edoc_update.edxml', 2],
      ['tltvbqn__edoc_replacement.edxml', 3],
    ] as const) {
      const bytes = sample(f);
      const r = await g22.post(bytes);
      expect(r.status).toBe(202);
      expect(await r.json()).toMatchObject({ documentId: DOC, messageType: 'edoc', businessDocType: op });
      for (const agency of [H41, H14, G17]) {
        const c = new Caller(gw.url, agency);
        const item = await c.waitForItem(DOC, 15_000, (i) => i.businessDocType === op);
        expect(sha(await c.bytes(item.id))).toBe(sha(bytes));
        expect((await c.postJson(`/edocs/${item.id}/ack`)).status).toBe(200);
      }
    }
  });

  it('an update naming another agency’s document is refused (400), nothing delivered', async () => {
    const theirs = '000.00.00.H41,2014/02/28,7806/UBND';
    const bytes = Buffer.from(
      sample('tltvbqn__edoc_update.edxml')
        .toString('utf8')
        .replace(
          '<edXML:DocumentId>000.00.00.G22,2014/02/30,7806/VPCP-TTĐT</edXML:DocumentId>',
          `<edXML:DocumentId>${theirs}</edXML:DocumentId>`,
        ),
      'utf8',
    );
    expect(bytes.toString('utf8')).toContain(theirs);
    const inboxBefore = (await gw.node.nats.jsm.streams.info('LT_INBOX')).state.messages;
    const r = await new Caller(gw.url, G22).post(bytes);
    expect(r.status).toBe(400);
    expect(await r.json()).toMatchObject({
      code: 'InvalidArgument',
      message: expect.stringContaining(
        `a BussinessDocType 2 package changes a document of its own sender; Bussiness/DocumentId '${theirs}' is not ${G22}'s`,
      ),
    });
    expect((await gw.node.nats.jsm.streams.info('LT_INBOX')).state.messages).toBe(inboxBefore);
  });

  it('a sample from a provincial hub (dd/MM/yyyy date) is carried with a warning', async () => {
    const bytes = sample('edocintegrator__edoc_new.edxml');
    const r = await new Caller(gw.url, '000.00.11.H53').post(bytes);
    expect(r.status).toBe(202);
    const body = (await r.json()) as { warnings: string[] };
    expect(body.warnings).toContain(
      'line 33: <edXML:PromulgationDate> "30/10/2020" is dd/MM/yyyy, not yyyy/MM/dd; read as 2020-10-30',
    );
    const c = new Caller(gw.url, '000.00.01.A53');
    const item = await c.waitForItem('000.00.11.H53,2020/10/30,2491/STC-BCTC');
    expect(sha(await c.bytes(item.id))).toBe(sha(bytes));
  });

  it('negative and unusable samples are refused with their reason, nothing delivered', async () => {
    const g22 = new Caller(gw.url, G22);
    const cases: [string, Caller, number, Record<string, unknown>][] = [
      ['truclienthong__edoc.edxml', g22, 400, { code: 'InvalidArgument', details: { line: 74 } }],
      // Stray bytes before the XML declaration: at the 5th character of line 1 (1-based; Expat says 4, 0-based).
      [
        'pvngw__edoc_new.edxml',
        new Caller(gw.url, '000.00.00.H41'),
        400,
        { details: { line: 1, column: 5 } },
      ],
      // Recipient 28.22.H17 is not an agency code.
      [
        'truclienthong__edoc_new.edxml',
        new Caller(gw.url, '000.00.00.A80'),
        400,
        { code: 'InvalidArgument', details: { recipient: '28.22.H17' } },
      ],
      [
        'truclienthong__edoc_new.edxml',
        new Caller(gw.url, '000.00.00.H41'),
        403,
        { code: 'PermissionDenied' },
      ],
      ['tltvbqn__edoc.edxml', g22, 403, { code: 'PermissionDenied' }],
      ['pvngw__uploads_1da394ba-2117-4354-a23f-6ec3e47ba81b.edxml', g22, 403, { code: 'PermissionDenied' }],
    ];
    const inboxBefore = (await gw.node.nats.jsm.streams.info('LT_INBOX')).state.messages;
    for (const [f, caller, status, body] of cases) {
      const r = await caller.post(sample(f));
      const json = (await r.json()) as Record<string, unknown>;
      expect([f, r.status]).toEqual([f, status]);
      expect(json).toMatchObject(body);
    }
    expect((await gw.node.nats.jsm.streams.info('LT_INBOX')).state.messages).toBe(inboxBefore);
  });
});
