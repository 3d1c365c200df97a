/**
 * The dashboard in a real browser (Debian's Chromium), against the embedded default running the
 * demo scenario: the sent documents are listed, a document's page shows each recipient's route and
 * state and takes a new status live, an offline recipient turns overdue, an agency sees only its
 * own documents, the operator replays a dead letter, and a signed edXML package shows its signer and
 * verdict (a changed one is flagged). Screenshots of every page are saved.
 */
import path from 'node:path';
import { connect as natsConnect, nkeyAuthenticator } from '@nats-io/transport-node';
import { jetstream } from '@nats-io/jetstream';
import type { Browser, Page } from 'puppeteer-core';
import { createTestSigningIdentity, renderEdocBytes, signEdxml } from '@lienthong/edxml';
import { BusinessStatus, connect } from '@lienthong/sdk';
import type { InboxItem, LienthongClient } from '@lienthong/sdk';
import { readSeedFile } from '@lienthong/infra';
import { HttpTokenStore, httpTokensFile } from '../../gateway/src/tokens';
import { credentialsDir, startEmbedded } from '../../cli/src/embedded';
import type { Embedded } from '../../cli/src/embedded';
import { runDemoScenario } from '../../cli/src/demo';
import { buildPages, launch, shoot, textOf, waitForText } from './browser';
import type { PageGlobals, Shown } from './browser';

jest.setTimeout(180_000);

const SENDER = '000.00.01.H41'; // Sở Nội vụ tỉnh Nghệ An (not in the demo's cast: it does not sign)
const ONLINE = '000.00.00.H27'; // Ủy ban nhân dân tỉnh Hà Tĩnh: fetches and answers
const OFFLINE = '000.02.44.H41'; // Ủy ban nhân dân xã Quỳnh Văn: never fetches
const DEMO_RECIPIENT = '000.01.44.H41'; // Ủy ban nhân dân xã Quỳnh Thạch: rejects the demo document
const CONFIRM_WITHIN_MS = 4_000;

describe('dashboard in a browser', () => {
  let up: Embedded;
  let url: string;
  let operatorToken: string;
  let senderToken: string;
  let recipientToken: string;
  let onlineToken: string;
  let signer: Awaited<ReturnType<typeof createTestSigningIdentity>>;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;
  const clients: LienthongClient[] = [];
  let online: LienthongClient;
  let item: InboxItem;
  const day = new Date().toISOString().slice(0, 10).replaceAll('-', '/');
  const doc3 = `${SENDER},${day},17/SNV-TCBM`;

  const open = async (agency: string): Promise<LienthongClient> => {
    const creds = await up.agencyCredentials(agency);
    const c = await connect({
      servers: up.server.url,
      agency,
      ...(creds ? { credentials: { seedFile: creds.seedFile } } : {}),
    });
    clients.push(c);
    return c;
  };

  const signIn = async (page: Page, token: string): Promise<void> => {
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForSelector('#token');
    // Keyboard only: the field has a label, Enter submits.
    await page.focus('#token');
    await page.keyboard.type(token);
    await page.keyboard.press('Enter');
    await page.waitForSelector('nav.tabs');
  };

  const api = async (
    path: string,
    token: string,
  ): Promise<{ status: number; body: Record<string, unknown> }> => {
    const res = await fetch(`${url}dashboard/api/${path}`, { headers: { authorization: `Bearer ${token}` } });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  beforeAll(async () => {
    buildPages();
    signer = await createTestSigningIdentity();
    up = await startEmbedded({
      // The nodes trust a throw-away test CA: packages its signer signs are judged valid.
      edxmlSignatures: { trustAnchors: [signer.caPem] },
      httpPort: 0,
      confirmWithinMs: CONFIRM_WITHIN_MS,
      overdueSweepMs: 500,
    });
    // Agencies sign in with their HTTP tokens, as issued by `lienthong creds issue agency CODE --http-token`.
    const tokens = new HttpTokenStore(httpTokensFile(credentialsDir(up.server.dataDir)));
    senderToken = tokens.issue(SENDER).token;
    recipientToken = tokens.issue(DEMO_RECIPIENT).token;
    onlineToken = tokens.issue(ONLINE).token;
    url = up.dashboard!.url;
    operatorToken = up.dashboard!.operatorToken!;
    await up.dashboard!.plugin.dashboard!.ready;
    await runDemoScenario({
      servers: up.server.url,
      topology: up.topology,
      opsSeedFile: up.ops!.seedFile,
      credentialsOf: async (agency) => {
        const c = await up.agencyCredentials(agency);
        return c ? { seedFile: c.seedFile } : undefined;
      },
    });
    // A third document: one recipient answers (01 now, more while the page is open), one stays offline.
    const sender = await open(SENDER);
    online = await open(ONLINE);
    await sender.send(
      {
        documentId: doc3,
        subject: 'Hướng dẫn sắp xếp tổ chức bộ máy cấp xã',
        to: [{ code: ONLINE }, { code: OFFLINE }],
      },
      {
        attachments: [
          {
            name: 'huong-dan-sap-xep.pdf',
            mediaType: 'application/pdf',
            data: new Uint8Array(3_500).fill(0x25),
          },
        ],
      },
    );
    const inbox = online.inbox();
    for await (const i of inbox) {
      item = i;
      break;
    }
    await item.ack();
    await inbox.stop();
    ({ browser, close: closeBrowser } = await launch());
  });

  afterAll(async () => {
    await closeBrowser?.();
    for (const c of clients) await c.close().catch(() => undefined);
    await up?.stop();
  });

  it('asks for a token, then lists the demo documents on the sent page, in Vietnamese', async () => {
    const page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 900 });
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForSelector('label[for="token"]');
    expect(await textOf(page, 'label[for="token"]')).toBe('Mã truy cập (token)');
    // The operator's seed file, which `up` prints right above the token, is not the token: said so.
    const seed = readSeedFile(path.join(credentialsDir(up.server.dataDir), 'ops_admin.nk'));
    await page.focus('#token');
    await page.keyboard.type(seed);
    await page.keyboard.press('Enter');
    await page.waitForSelector('[role="alert"]');
    expect(await textOf(page, '[role="alert"]')).toBe(
      'Đây là khóa NATS (dòng SU… của tệp seed), không phải mã truy cập trang này. Mã của người vận hành bắt đầu bằng lto_ (lienthong up in ra ở dòng "operator token"); mã của một cơ quan bắt đầu bằng lt_ (dòng cuối của lienthong creds issue agency MÃ --http-token).',
    );
    await shoot(page, 'signin-seed');
    await signIn(page, operatorToken);
    await page.waitForSelector('[data-doc]');
    const docs = await page.$$eval('[data-doc]', (els) => els.map((e) => e.getAttribute('data-doc')));
    expect(docs).toEqual(
      expect.arrayContaining([
        doc3,
        expect.stringContaining(',15/UBND-VP'),
        expect.stringContaining(',16/UBND-VP'),
      ]),
    );
    const text = await textOf(page, 'main');
    expect(text).toContain('06 Hoàn thành');
    expect(text).toContain('02 Từ chối');
    expect(text).toContain('Văn bản không thuộc thẩm quyền xử lý của xã'); // the 02's reason
    expect(text).toContain('15 Đồng ý thu hồi'); // the recall 13 → 15
    expect(await textOf(page, 'nav.tabs')).toContain('Vận hành');
    // Every control has a name a screen reader reads out (a label, an aria-label or its text).
    const unnamed = await page.$$eval('input, select, button, a[href]', (els) =>
      els
        .filter((e) => {
          const labels = (e as unknown as { labels?: ArrayLike<unknown> | null }).labels;
          return (
            !(labels && labels.length > 0) && !e.getAttribute('aria-label') && !(e.textContent ?? '').trim()
          );
        })
        .map((e) => e.outerHTML),
    );
    expect(unnamed).toEqual([]);
    await shoot(page, 'sent');

    // Search by number/notation narrows the list to one document.
    await page.type('#f-q', '17/SNV');
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      () => (globalThis as unknown as PageGlobals).document.querySelectorAll('[data-doc]').length === 1,
    );
    expect(await page.$eval('[data-doc]', (e) => e.getAttribute('data-doc'))).toBe(doc3);

    // English on request, and the choice survives a reload made right after the click.
    await page.click('button.lang');
    await waitForText(page, 'nav.tabs', 'Sent');
    expect(await textOf(page, 'h1')).toBe('Sent documents');
    await page.reload({ waitUntil: 'load' });
    await waitForText(page, 'nav.tabs', 'Sent');
    await page.click('button.lang');
    await page.reload({ waitUntil: 'load' });
    await waitForText(page, 'nav.tabs', 'Văn bản đi');

    // Readable on a phone.
    await page.setViewport({ width: 390, height: 844, isMobile: true });
    await page.reload({ waitUntil: 'load' });
    await page.waitForSelector('[data-doc]');
    expect(await page.$eval('details.filter-box', (e) => (e as unknown as Shown).open)).toBe(false);
    const overflow = await page.evaluate(() => {
      const w = globalThis as unknown as PageGlobals;
      return w.document.documentElement.scrollWidth - w.innerWidth;
    });
    expect(overflow).toBeLessThanOrEqual(0);
    await shoot(page, 'sent-phone');
    await page.close();
  });

  it("shows each recipient's route and state, and a new status without reload within 1 s", async () => {
    const page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 900 });
    await signIn(page, operatorToken);
    await page.goto(`${url}#/doc?${new URLSearchParams({ id: doc3, sender: SENDER }).toString()}`, {
      waitUntil: 'load',
    });
    const card = `[data-recipient="${ONLINE}"]`;
    await page.waitForSelector(card);
    await waitForText(page, '.live', 'Trực tiếp');
    expect(await textOf(page, card)).toContain('01 Đã đến');
    const route = await page.$$eval(`${card} .route li`, (els) => els.map((e) => e.textContent));
    expect(route).toEqual(['h41', 'vn', 'h27']);
    expect(await textOf(page, `[data-recipient="${OFFLINE}"] .route`)).toContain('h41-quynhluu-xa2');
    // Its attachment, read from the delivered copy: name, size, type, and the start of its SHA-256.
    const attachment = await textOf(page, '.attachments [data-attachment="huong-dan-sap-xep.pdf"]');
    expect(attachment).toMatch(/huong-dan-sap-xep\.pdf 3,4 KB · application\/pdf [0-9a-f]{12}…/);
    expect(await textOf(page, '.attachments h2')).toBe('Tệp đính kèm (1)');
    const navigations: string[] = [];
    page.on('framenavigated', (f) => navigations.push(f.url()));

    const t0 = Date.now();
    await item.report(BusinessStatus.BUSINESS_STATUS_ACCEPTED, {
      staff: { department: 'Văn phòng', name: 'Trần Thị Hoa' },
    });
    const seen = await waitForText(page, card, '03 Đã tiếp nhận', 5_000);
    const ms = seen - t0;
    expect(ms).toBeLessThanOrEqual(1_000);
    expect(navigations).toEqual([]); // no reload
    expect(await textOf(page, `${card} .timeline`)).toContain('Trần Thị Hoa');
    await shoot(page, 'document');
    process.stdout.write(`status 03 reported → shown on the open page in ${ms} ms\n`);
    await page.close();
  });

  it('lists the offline recipient as overdue once its deadline passed, grouped by province', async () => {
    const page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 900 });
    await signIn(page, operatorToken);
    await page.goto(`${url}#/overdue`, { waitUntil: 'load' });
    const row = `tr[data-recipient="${OFFLINE}"]`;
    await page.waitForSelector(row, { timeout: CONFIRM_WITHIN_MS + 10_000 });
    const group = await page.$eval(row, (e) => (e as unknown as Shown).closest('details.group')!.innerText);
    expect(group).toContain('Nền tảng liên thông tỉnh Nghệ An');
    expect(group).toContain('Xã Quỳnh Văn');
    expect(await textOf(page, 'main')).not.toContain(ONLINE);
    await shoot(page, 'overdue');

    // The statistics may lag 20 times what counting took (memo.ts): milliseconds on this tree.
    await page.goto(`${url}#/stats`, { waitUntil: 'load' });
    let overdue = 0;
    for (let t0 = Date.now(), i = 0; overdue < 1 && (i === 0 || Date.now() - t0 < 2_000); i++) {
      if (i > 0) await page.reload({ waitUntil: 'load' });
      await page.waitForSelector('.kpis .k-sent');
      await page.waitForSelector('canvas');
      overdue = Number(await textOf(page, '.kpis .k-overdue .n'));
    }
    expect(overdue).toBeGreaterThanOrEqual(1);
    expect(Number(await textOf(page, '.kpis .k-rejected .n'))).toBe(1);
    expect(Number(await textOf(page, '.kpis .k-sent .n'))).toBe(3);
    await shoot(page, 'stats');

    await page.goto(`${url}#/received`, { waitUntil: 'load' });
    await page.waitForSelector('table');
    await shoot(page, 'received');
    await page.close();
  });

  it("keeps an agency to its own documents: another agency's document is refused", async () => {
    // The recipient commune sees the demo document it answered, and nothing it was not sent.
    const qt = recipientToken;
    const sent = await api('sent', qt);
    expect(sent.status).toBe(200);
    expect(sent.body.total).toBe(0);
    const received = await api('received', qt);
    const items = received.body.items as { documentId: string; recipient: string; business: number }[];
    expect(items.map((i) => i.recipient)).toEqual([DEMO_RECIPIENT]);
    expect(items[0]!.business).toBe(BusinessStatus.BUSINESS_STATUS_REJECTED);
    const other = await api(`document?${new URLSearchParams({ id: doc3, sender: SENDER }).toString()}`, qt);
    expect(other.status).toBe(403);
    const own = await api(`document?${new URLSearchParams({ id: items[0]!.documentId }).toString()}`, qt);
    expect(own.status).toBe(200);
    expect((own.body.recipients as { recipient: string }[]).map((r) => r.recipient)).toEqual([
      DEMO_RECIPIENT,
    ]);
    expect((await api('overdue', qt)).body.total).toBe(0);
    expect((await api('ops', qt)).status).toBe(403);
    expect((await api('session', 'not-a-token')).status).toBe(401);

    // The sender agency sees its own document and its overdue recipient.
    const nv = senderToken;
    const mine = await api('sent', nv);
    expect((mine.body.documents as { documentId: string }[]).map((d) => d.documentId)).toEqual([doc3]);
    expect((await api('overdue', nv)).body.total).toBe(1);

    // In the browser: the page says so, and there is no operations tab.
    const page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 900 });
    await signIn(page, qt);
    expect(await textOf(page, '.viewer')).toContain(DEMO_RECIPIENT);
    expect(await textOf(page, 'nav.tabs')).not.toContain('Vận hành');
    await page.goto(`${url}#/doc?${new URLSearchParams({ id: doc3, sender: SENDER }).toString()}`, {
      waitUntil: 'load',
    });
    await waitForText(page, 'main', 'Bạn không có quyền xem văn bản này.');
    expect(await textOf(page, 'main')).not.toContain(OFFLINE);
    await page.close();
  });

  it('shows the operator dead letters with their reasons, and replays one', async () => {
    // Garbage on an agency's submit subject, published as the operator: the node dead-letters it.
    const nc = await natsConnect({
      servers: up.server.url,
      authenticator: nkeyAuthenticator(new TextEncoder().encode(readSeedFile(up.ops!.seedFile))),
    });
    await jetstream(nc).publish(
      'lt.v1.commune.h41-yenthanh-xa2.submit.000_02_43_H41',
      new TextEncoder().encode('not an envelope'),
    );
    await nc.close();

    const page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 900 });
    await signIn(page, operatorToken);
    let seq = '';
    for (let i = 0; i < 50 && !seq; i++) {
      await page.goto(`${url}#/ops`, { waitUntil: 'load' });
      await page.waitForSelector('h2');
      seq =
        (await page.$eval('table.dead tr[data-seq]', (e) => e.getAttribute('data-seq')).catch(() => '')) ??
        '';
      if (!seq) await new Promise((r) => setTimeout(r, 200));
    }
    expect(seq).not.toBe('');
    const row = `table.dead tr[data-seq="${seq}"]`;
    expect(await textOf(page, row)).toContain('h41-yenthanh-xa2');
    expect(await textOf(page, 'main')).toContain('Đang phục vụ');
    // The node that wrote it counts it; the others have nothing waiting.
    expect(await textOf(page, 'tr[data-node="h41-yenthanh-xa2"] td:last-child')).toBe('1');
    expect(await textOf(page, 'tr[data-node="h41"] td:last-child')).toBe('0');
    await shoot(page, 'ops');
    await page.click(`${row} button`);
    await waitForText(page, row, 'Đã gửi lại');
    // The replayed letter is gone from the stream (the garbage comes back as a new one).
    const ops = await api('ops', operatorToken);
    expect((ops.body.deadLetters as { seq: number }[]).map((d) => d.seq)).not.toContain(Number(seq));

    await page.click('button::-p-text(Kiểm tra ngay)');
    await page.waitForSelector('ul.audit li');
    expect(await textOf(page, 'ul.audit')).toContain('nguyên vẹn');
    await page.close();
  });

  it('shows who signed an edXML package and the verdict, and flags one changed after signing', async () => {
    const api = `${up.node.runtime.httpUrl!}/api/v1`;
    // A QLVB on HTTP (Hà Tĩnh's People's Committee) posts two signed packages to the sender agency.
    const post = async (number: number, tamper: boolean): Promise<string> => {
      const documentId = `${ONLINE},${day},${number}/UBND-VX`;
      const rendered = await renderEdocBytes({
        documentId,
        from: { code: ONLINE, name: 'Ủy ban nhân dân tỉnh Hà Tĩnh' },
        to: [{ code: SENDER, name: 'Sở Nội vụ tỉnh Nghệ An' }],
        codeNumber: String(number),
        codeNotation: 'UBND-VX',
        promulgationDate: day.replaceAll('/', '-'),
        subject: 'Về việc cử cán bộ tham dự tập huấn',
      });
      let pkg = Buffer.from(
        signEdxml(rendered, { privateKey: signer.keyPem, certificates: [signer.certPem] }),
      );
      if (tamper) pkg = Buffer.from(pkg.toString('utf8').replace('tập huấn', 'tập huấn lại'), 'utf8');
      const res = await fetch(`${api}/edocs`, {
        method: 'POST',
        headers: { authorization: `Bearer ${onlineToken}`, 'content-type': 'application/xml' },
        body: pkg,
      });
      expect(res.status).toBe(202);
      return documentId;
    };
    // Last in this file: the recipient never fetches them, so they would count as overdue above.
    const signed = await post(41, false);
    const changed = await post(42, true);
    const page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 900 });
    await signIn(page, operatorToken);
    // The page of `id`, once its data is there: the previous document's page stays on screen until
    // the new one's snapshot arrives, so the element waited on names the document.
    const show = async (id: string): Promise<void> => {
      await page.goto(`${url}#/doc?${new URLSearchParams({ id, sender: ONLINE }).toString()}`, {
        waitUntil: 'load',
      });
      await page.waitForSelector(`section[data-document=${JSON.stringify(id)}] dl.signature`, {
        timeout: 10_000,
      });
    };
    await show(signed);
    expect(await page.$eval('dl.signature', (e) => [e.getAttribute('data-verdict'), e.className])).toEqual([
      'valid',
      'facts card signature ok',
    ]);
    const facts = await textOf(page, 'dl.signature');
    expect(facts).toContain('hợp lệ');
    expect(facts).toContain('Nguyễn Văn A');
    expect(facts).toContain('lienthong Test CA');
    // The reason in Vietnamese (verdict-reason.ts), the judge's English in its title.
    expect(await textOf(page, 'dl.signature .verdict-reason')).toContain(
      'Người ký: Nguyễn Văn A; chứng thư do tổ chức chứng thực được tin cậy cấp',
    );
    await shoot(page, 'document-signature');
    await show(changed);
    expect(await page.$eval('dl.signature', (e) => [e.getAttribute('data-verdict'), e.className])).toEqual([
      'invalid_digest',
      'facts card signature flagged',
    ]);
    expect(await textOf(page, 'dl.signature')).toContain('nội dung đã bị thay đổi sau khi ký');
    expect(await textOf(page, 'dl.signature .verdict-reason')).toBe(
      'Nội dung văn bản đã bị thay đổi sau khi ký: chữ ký không còn khớp với văn bản. Giá trị băm của toàn bộ gói tin không khớp với giá trị đã ký.',
    );
    await page.close();
  });
});
