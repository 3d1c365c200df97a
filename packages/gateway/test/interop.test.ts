/**
 * SDK ↔ HTTP: a document sent with the SDK is fetched over HTTP as edXML, and an edXML package
 * posted over HTTP reaches an SDK user as the mapped Document plus the original bytes; statuses go
 * both ways; every document and status is signed by its agency and verified.
 */
import { createHash } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { parseEdxml, renderEdocBytes, renderStatus, toDocument } from '@lienthong/edxml';
import { BusinessStatus, generateSigningKey, publicKeyRecord, verifyReceiptProof } from '@lienthong/sdk';
import type { InboxItem, LienthongClient } from '@lienthong/sdk';
import { ORIGINAL_ATTACHMENT_NAME } from '@lienthong/gateway';
import { Caller, startGatewayNode } from './harness';
import type { GatewayNode, SentJson } from './harness';

const SDK_AGENCY = '000.00.00.G22'; // uses the SDK
const HTTP_AGENCY = '000.00.00.H41'; // a QLVB system on HTTP
const sha = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');
const RUN = Date.now().toString(36);

describe('SDK ↔ HTTP interop, signed both ways', () => {
  const sdkKey = generateSigningKey('ed25519');
  const httpKey = generateSigningKey('p256');
  let gw: GatewayNode;
  let sdk: LienthongClient;
  let http: Caller;

  beforeAll(async () => {
    gw = await startGatewayNode({
      keys: {
        [SDK_AGENCY]: [publicKeyRecord({ publicKey: sdkKey.publicKey })],
        [HTTP_AGENCY]: [publicKeyRecord({ publicKey: httpKey.publicKey })],
      },
      // The gateway signs for the agencies it serves with their keys.
      signingKeys: new Map([[HTTP_AGENCY, httpKey]]),
    });
    sdk = await gw.sdk(SDK_AGENCY, sdkKey);
    http = new Caller(gw.url, HTTP_AGENCY);
  });
  afterAll(async () => {
    await gw?.stop();
  });

  async function sentUntil(documentId: string, pred: (r: SentJson) => boolean): Promise<SentJson> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const r = (await http.sent(documentId)).find((x) => x.recipient === SDK_AGENCY);
      if ((r && pred(r)) || Date.now() > deadline) return r!;
      await new Promise((res) => setTimeout(res, 100));
    }
  }

  /** The SDK user's inbox item of `documentId` (items before it, of earlier tests, acknowledged). */
  async function sdkItem(documentId: string): Promise<InboxItem | undefined> {
    for await (const i of sdk.inbox()) {
      if (i.documentId === documentId) return i;
      await i.ack();
    }
    return undefined;
  }

  it('SDK → HTTP: fetched as an edXML package that parses back to the same header; statuses signed', async () => {
    const documentId = `${SDK_AGENCY},2026/12/02,${RUN}1/VPCP-SDK`;
    const tracker = await sdk.track(documentId);
    await sdk.send({
      documentId,
      subject: 'Về việc kết nối liên thông qua cổng edXML',
      codeNumber: `${RUN}1`,
      codeNotation: 'VPCP-SDK',
      promulgationDate: '2026-12-02',
      documentType: { type: 1, typeName: 'Công văn' },
      to: [{ code: HTTP_AGENCY, name: 'UBND tỉnh Nghệ An' }],
    });
    const item = await http.waitForItem(documentId);
    expect(item).toMatchObject({
      from: SDK_AGENCY,
      messageType: 'edoc',
      signature: 'verified',
      original: false,
    });
    const xml = await http.bytes(item.id);
    const parsed = await parseEdxml(xml);
    expect(parsed.kind).toBe('edoc');
    const back = toDocument(parsed as never);
    expect(back).toMatchObject({
      documentId,
      subject: 'Về việc kết nối liên thông qua cổng edXML',
      codeNotation: 'VPCP-SDK',
      promulgationDate: '2026-12-02',
      from: { code: SDK_AGENCY },
      to: [{ code: HTTP_AGENCY, name: 'UBND tỉnh Nghệ An' }],
    });
    expect((await http.postJson(`/edocs/${item.id}/ack`)).status).toBe(200);
    // 03 as a Status package, signed by the gateway with H41's key.
    const status = renderStatus({
      code: BusinessStatus.BUSINESS_STATUS_ACCEPTED,
      responder: HTTP_AGENCY,
      documentId,
      documentSender: SDK_AGENCY,
      description: 'Đã tiếp nhận, vào sổ văn bản đến',
      timestampMs: Date.now(),
    });
    const posted = await http.post(status);
    expect(posted.status).toBe(202);
    await tracker.until(
      (rs) =>
        rs.some((r) => r.recipient === HTTP_AGENCY && r.business === BusinessStatus.BUSINESS_STATUS_ACCEPTED),
      { timeoutMs: 10_000 },
    );
    const [record] = await sdk.snapshot(documentId);
    const receipts = record!.timeline.filter((t) => t.receipt);
    expect(receipts.map((t) => t.business)).toEqual([
      BusinessStatus.BUSINESS_STATUS_ARRIVED,
      BusinessStatus.BUSINESS_STATUS_ACCEPTED,
    ]);
    for (const t of receipts) expect(t.receipt!.signature?.value?.length).toBeGreaterThan(0);
    // The 03 travelled as the package H41's system posted, byte for byte.
    expect(Buffer.from(receipts[1]!.receipt!.edxmlOriginal!).equals(Buffer.from(status))).toBe(true);
    // The receipts verify against H41's registered key.
    const proof = await sdk.receiptProof(documentId, HTTP_AGENCY);
    const verdict = verifyReceiptProof(proof, { keys: [publicKeyRecord({ publicKey: httpKey.publicKey })] });
    expect(verdict.problems).toEqual([]);
    expect(verdict.ok).toBe(true);
    expect(proof.receipts.map((x) => x.code).sort()).toEqual(['01', '03']);
    await tracker.stop();
  });

  it('SDK → HTTP with attachments: the package carries each one, stored or inline, byte for byte', async () => {
    const documentId = `${SDK_AGENCY},2026/12/05,${RUN}3/VPCP-SDK`;
    // 3 MiB + 17 bytes (stored content, in chunks) and a few bytes (inside the document).
    const scan = Buffer.alloc(3 * 1024 * 1024 + 17);
    for (let i = 0; i < scan.length; i++) scan[i] = (i * 31 + (i >> 10)) & 0xff;
    const note = Buffer.from('Tờ trình kèm theo quyết định');
    await sdk.send(
      {
        documentId,
        subject: 'Quyết định kèm bản scan',
        codeNumber: `${RUN}3`,
        codeNotation: 'VPCP-SDK',
        promulgationDate: '2026-12-05',
        to: [{ code: HTTP_AGENCY }],
      },
      {
        attachments: [
          {
            name: 'quyet-dinh.pdf',
            mediaType: 'application/pdf',
            description: 'Bản ký số',
            stream: (async function* () {
              for (let o = 0; o < scan.length; o += 100_000) yield scan.subarray(o, o + 100_000);
            })(),
          },
          { name: 'to-trinh.txt', mediaType: 'text/plain', data: note },
        ],
      },
    );
    const item = await http.waitForItem(documentId);
    expect(item).toMatchObject({ messageType: 'edoc', original: false });
    // A client that hangs up after the first bytes: the gateway stops reading the content for it…
    const early = await http.get(`/edocs/${item.id}`);
    expect(early.status).toBe(200);
    const reader = early.body!.getReader();
    expect((await reader.read()).done).toBe(false);
    await reader.cancel();
    // …and the next fetch gets the whole package.
    const xml = await http.bytes(item.id);
    const parsed = await parseEdxml(xml, { keepAttachmentBytes: 8 * 1024 * 1024 });
    if (parsed.kind !== 'edoc') throw new Error(`expected an edoc, got ${parsed.kind}`);
    const atts = parsed.attachments;
    expect(atts.map((a) => [a.attachmentName, a.contentType, a.description])).toEqual([
      ['quyet-dinh.pdf', 'application/pdf', 'Bản ký số'],
      ['to-trinh.txt', 'text/plain', ''],
    ]);
    expect(atts.map((a) => [a.sha256, a.size])).toEqual([
      [sha(scan), scan.length],
      [sha(note), note.length],
    ]);
    expect(Buffer.from(atts[0]!.data!).equals(scan)).toBe(true);
    expect(Buffer.from(atts[1]!.data!).toString()).toBe(note.toString());
    // Each in the manifest too, under the ContentId of its Attachment.
    expect(toDocument(parsed as never).attachments?.map((a) => a.name)).toEqual([
      'quyet-dinh.pdf',
      'to-trinh.txt',
    ]);
    expect((await http.postJson(`/edocs/${item.id}/ack`)).status).toBe(200);
  });

  it('HTTP → SDK: the SDK user gets the mapped Document, verified, and the original bytes; statuses back', async () => {
    const documentId = `${HTTP_AGENCY},2026/12/02,${RUN}2/UBND-VP`;
    const pkg = await renderEdocBytes({
      documentId,
      from: { code: HTTP_AGENCY, name: 'UBND tỉnh Nghệ An' },
      to: [{ code: SDK_AGENCY, name: 'Văn phòng Chính phủ' }],
      codeNumber: `${RUN}2`,
      codeNotation: 'UBND-VP',
      promulgationDate: '2026-12-02',
      subject: 'Báo cáo tình hình thiệt hại do mưa lũ',
    });
    const r = await http.post(pkg);
    expect(r.status).toBe(202);
    const item = await sdkItem(documentId);
    expect(item!.signature.state).toBe('verified');
    expect(item!.document).toMatchObject({ documentId, subject: 'Báo cáo tình hình thiệt hại do mưa lũ' });
    const original = item!.document!.edxmlOriginal!;
    expect(original.sha256Hex).toBe(sha(pkg));
    const att = item!.attachments.find((a) => a.sha256Hex === original.sha256Hex)!;
    expect(att.name).toBe(ORIGINAL_ATTACHMENT_NAME);
    expect(Buffer.from(await att.bytes()).equals(Buffer.from(pkg))).toBe(true);
    await item!.ack();
    await item!.report(BusinessStatus.BUSINESS_STATUS_ACCEPTED);
    await item!.report(BusinessStatus.BUSINESS_STATUS_COMPLETED);
    const rec = await sentUntil(documentId, (x) => x.statusCode === '06');
    expect(rec.statusCode).toBe('06');
    expect(rec.transport).toBe('FETCHED');
    // Statuses travel concurrently and may overtake each other; the record keeps the highest.
    const codes = rec.timeline
      .filter((t) => t.statusCode)
      .map((t) => [t.statusCode, t.signed])
      .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
    expect(codes).toEqual([
      ['01', true],
      ['03', true],
      ['06', true],
    ]);
    // The HTTP sender's system also gets them as Status packages, signed by the SDK user.
    const deadline = Date.now() + 10_000;
    let items = (await http.received('status')).filter((i) => i.documentId === documentId);
    while (items.length < 3 && Date.now() < deadline) {
      await new Promise((res) => setTimeout(res, 100));
      items = (await http.received('status')).filter((i) => i.documentId === documentId);
    }
    expect(items.map((i) => [i.statusCode, i.from, i.signature]).sort()).toEqual([
      ['01', SDK_AGENCY, 'verified'],
      ['03', SDK_AGENCY, 'verified'],
      ['06', SDK_AGENCY, 'verified'],
    ]);
    for (const i of items) {
      const parsed = await parseEdxml(await http.bytes(i.id));
      expect(
        parsed.kind === 'status' && [parsed.header.statusCode, parsed.header.responseFor.documentId],
      ).toEqual([i.statusCode, documentId]);
      expect((await http.postJson(`/edocs/${i.id}/ack`)).status).toBe(200);
    }
  });

  it('HTTP → SDK with attachments: the files come out of the original package as the gateway README shows', async () => {
    const documentId = `${HTTP_AGENCY},2026/12/05,${RUN}7/UBND-VP`;
    const pdf = Buffer.alloc(600 * 1024);
    for (let i = 0; i < pdf.length; i++) pdf[i] = (i * 13) & 0xff;
    const pkg = await renderEdocBytes({
      documentId,
      from: { code: HTTP_AGENCY },
      to: [{ code: SDK_AGENCY }],
      codeNumber: `${RUN}7`,
      codeNotation: 'UBND-VP',
      subject: 'Quyết định kèm bản ký số',
      attachments: [{ name: 'quyet-dinh.pdf', mediaType: 'application/pdf', inline: pdf }],
    });
    expect((await http.post(pkg)).status).toBe(202);
    const item = await sdkItem(documentId);
    // As in packages/gateway/README.md, "SDK users": the package streamed through the parser, each
    // file's bytes handed to a sink as they are decoded.
    const sha256 = item!.document!.edxmlOriginal!.sha256Hex;
    const original = item!.attachments.find((a) => a.sha256Hex === sha256)!;
    const bytes = new PassThrough();
    const downloading = original.download(bytes).then(() => bytes.end());
    const files = new Map<string, Buffer[]>();
    await parseEdxml(bytes, {
      keepAttachmentBytes: 0,
      attachmentSink: ({ attachmentName }) => {
        const parts: Buffer[] = [];
        files.set(attachmentName, parts);
        return { write: (chunk) => void parts.push(Buffer.from(chunk)), end: () => undefined };
      },
    });
    await downloading;
    expect([...files.keys()]).toEqual(['quyet-dinh.pdf']);
    expect(Buffer.concat(files.get('quyet-dinh.pdf')!).equals(pdf)).toBe(true);
    await item!.ack();
  });
});
