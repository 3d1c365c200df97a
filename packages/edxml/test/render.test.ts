/**
 * Rendering: a Document born in the SDK becomes an edXML package that a strict namespace-aware
 * parser (xmldom) accepts and that reads back through parseEdxml to the same Document; Status
 * packages likewise; every positive public sample survives parse → Document → render → parse.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { DOMParser } from '@xmldom/xmldom';
import { BusinessOperation, BusinessStatus, Document, Priority, StatusReport } from '@lienthong/proto';
import type { IDocument } from '@lienthong/proto';
import {
  EDXML_NS,
  EdxmlError,
  parseEdxml,
  renderEdoc,
  renderEdocBytes,
  renderStatus,
  toDocument,
  toStatusReport,
} from '@lienthong/edxml';
import type { ParsedEdoc, ParsedStatus } from '@lienthong/edxml';
import { PUBLIC, sample } from './helpers';

/** Parses with xmldom, namespace-aware, failing on any warning or error. */
function strictDom(bytes: Uint8Array): ReturnType<DOMParser['parseFromString']> {
  const problems: string[] = [];
  const doc = new DOMParser({
    onError: (level, msg) => {
      problems.push(`${level}: ${msg}`);
    },
  }).parseFromString(Buffer.from(bytes).toString('utf8'), 'text/xml');
  expect(problems).toEqual([]);
  return doc;
}

function sdkDocument(): Document {
  return Document.create({
    documentId: '000.00.00.H41,2026/12/02,123/UBND-VP',
    from: {
      code: '000.00.00.H41',
      name: 'UBND tỉnh Nghệ An',
      organizationInCharge: 'UBND tỉnh Nghệ An',
      address: 'Số 03, đường Trường Thi, Vinh',
      email: 'nghean@gov.vn',
      telephone: '0383 840418',
      fax: '0383 843049',
      website: 'www.nghean.gov.vn',
    },
    to: [
      {
        code: '000.00.00.G22',
        name: 'Văn phòng Chính phủ',
        organizationInCharge: '',
        address: '',
        email: '',
        telephone: '',
        fax: '',
        website: '',
      },
      {
        code: '000.01.43.H41',
        name: 'UBND huyện Yên Thành',
        organizationInCharge: 'UBND tỉnh Nghệ An',
        address: '',
        email: 'yt@nghean.gov.vn',
        telephone: '',
        fax: '',
        website: '',
      },
    ],
    codeNumber: '123',
    codeNotation: 'UBND-VP',
    promulgationPlace: 'Nghệ An',
    promulgationDate: '2026-12-02',
    documentType: { type: 1, typeDetail: 2, typeName: 'Công văn' },
    subject: 'V/v <thử> & "kiểm tra" ]]> liên thông',
    contentSummary: 'Dòng 1\nDòng 2\r\nDòng 3\t(tab)',
    signer: { competence: 'TM. Ủy ban nhân dân', position: 'Chủ tịch', fullName: 'Nguyễn Văn A' },
    dueDate: '2026-12-31',
    places: ['Như trên', 'Lưu: VT'],
    priority: Priority.PRIORITY_FLASH,
    steeringType: 1,
    responseFor: [
      {
        organCode: '000.00.00.G22',
        code: '77/VPCP',
        promulgationDate: '2026-11-30',
        documentId: '000.00.00.G22,2026/11/30,77/VPCP',
      },
    ],
    business: {
      operation: BusinessOperation.BUSINESS_OPERATION_UPDATE,
      reason: 'Cập nhật nơi nhận',
      addedRecipients: ['000.01.43.H41'],
      removedRecipients: ['000.00.00.H14'],
      replaces: [],
    },
    attachments: [
      {
        name: 'công văn.pdf',
        mediaType: 'application/pdf',
        description: 'Bản chính',
        size: 5,
        sha256: createHash('sha256').update('%PDF-').digest(),
        inline: Buffer.from('%PDF-'),
      },
    ],
  });
}

/** The Document as it reads back: protobufjs's JSON view, fields the mapping carries. */
const view = (d: IDocument): Record<string, unknown> => {
  const j = Document.toObject(Document.create(d) as Document, {
    defaults: true,
    longs: Number,
    bytes: String,
  });
  delete j.signature;
  delete j.appointedAtMs;
  return j;
};

describe('rendering a Document', () => {
  it('gives a package a strict namespace-aware parser accepts, every element in the QCVN namespace', async () => {
    const pkg = await renderEdocBytes(sdkDocument());
    const doc = strictDom(pkg);
    const all = doc.getElementsByTagName('*');
    expect(all.length).toBeGreaterThan(50);
    for (let i = 0; i < all.length; i++) expect(all.item(i)!.namespaceURI).toBe(EDXML_NS);
    expect(doc.documentElement!.localName).toBe('edXML');
  });

  it('reads back through parseEdxml to the same Document, without warnings', async () => {
    const original = sdkDocument();
    const parsed = (await parseEdxml(await renderEdocBytes(original))) as ParsedEdoc;
    expect(parsed.warnings).toEqual([]);
    expect(view(toDocument(parsed))).toEqual(view(original));
  });

  it('takes the number, notation and date a Document leaves out from its DocumentId; given ones stand', async () => {
    const bare = (await parseEdxml(
      await renderEdocBytes({
        documentId: '000.01.43.H41,2026/12/06,15/QĐ-UBND',
        from: { code: '000.01.43.H41' },
        to: [{ code: '000.00.00.G22' }],
      }),
    )) as ParsedEdoc;
    expect(bare.header.code).toEqual({ codeNumber: '15', codeNotation: 'QĐ-UBND' });
    expect(toDocument(bare).promulgationDate).toBe('2026-12-06');
    const given = toDocument(
      (await parseEdxml(
        await renderEdocBytes({
          documentId: '000.01.43.H41,2026/12/06,15/QĐ-UBND',
          codeNumber: '16',
          codeNotation: 'TB-UBND',
          promulgationDate: '2026-12-05',
          from: { code: '000.01.43.H41' },
          to: [{ code: '000.00.00.G22' }],
        }),
      )) as ParsedEdoc,
    );
    expect([given.codeNumber, given.codeNotation, given.promulgationDate]).toEqual([
      '16',
      'TB-UBND',
      '2026-12-05',
    ]);
    // An id of another form gives nothing to take.
    const other = (await parseEdxml(
      await renderEdocBytes({
        documentId: 'ABC-123',
        from: { code: '000.01.43.H41' },
        to: [{ code: '000.00.00.G22' }],
      }),
    )) as ParsedEdoc;
    expect(toDocument(other).codeNumber ?? '').toBe('');
  });

  it('renders the same Document to the same bytes', async () => {
    const a = await renderEdocBytes(sdkDocument());
    const b = await renderEdocBytes(sdkDocument());
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });

  it('round-trips every business operation', async () => {
    for (const op of [0, 1, 2, 3] as BusinessOperation[]) {
      const d = sdkDocument();
      d.business = {
        operation: op,
        reason: op === 0 ? '' : 'lý do',
        addedRecipients: op === 2 ? ['000.01.43.H41'] : [],
        removedRecipients: [],
        replaces:
          op === 3 ? ['000.00.00.H41,2026/01/02,1/UBND-VP', '000.00.00.H41,2026/01/03,2/UBND-VP'] : [],
      };
      const back = toDocument((await parseEdxml(await renderEdocBytes(d))) as ParsedEdoc);
      expect(view(back)).toEqual(view(d));
    }
  });

  it('streams a referenced attachment from its source and base64-encodes it piece by piece', async () => {
    const data = randomBytes(3 * 1024 * 1024 + 7);
    const d = sdkDocument();
    d.attachments = [
      {
        name: 'big.bin',
        mediaType: 'application/octet-stream',
        description: '',
        size: data.length,
        sha256: createHash('sha256').update(data).digest(),
        ref: {
          sha256Hex: createHash('sha256').update(data).digest('hex'),
          size: data.length,
          chunkSize: 1 << 20,
          chunkCount: 4,
        },
      },
    ];
    async function* source(): AsyncGenerator<Uint8Array> {
      for (let i = 0; i < data.length; i += 100_001) yield data.subarray(i, i + 100_001);
    }
    const parts: Uint8Array[] = [];
    for await (const p of renderEdoc(d, { attachments: [source()] })) parts.push(p);
    expect(parts.length).toBeGreaterThan(10);
    const chunks: Buffer[] = [];
    const parsed = (await parseEdxml(
      (async function* () {
        yield* parts;
      })(),
      { attachmentSink: () => ({ write: (c) => void chunks.push(Buffer.from(c)), end: () => undefined }) },
    )) as ParsedEdoc;
    expect(Buffer.concat(chunks).equals(data)).toBe(true);
    expect(parsed.attachments[0]!.data).toBeUndefined();
    expect(parsed.attachments[0]!.sha256).toBe(createHash('sha256').update(data).digest('hex'));
    const back = toDocument(parsed, { contentRef: () => d.attachments[0]!.ref! });
    expect(back.attachments[0]!.ref).toEqual(d.attachments[0]!.ref);
  });

  it('refuses a referenced attachment without bytes, and characters XML cannot hold', async () => {
    const d = sdkDocument();
    d.attachments = [
      { name: 'x', mediaType: 'a/b', size: 1, sha256: new Uint8Array(32), ref: { sha256Hex: 'ab', size: 1 } },
    ];
    await expect(renderEdocBytes(d)).rejects.toMatchObject({ code: 'MISSING_ELEMENT' });
    const bad = sdkDocument();
    bad.subject = 'bell \u0007';
    const err = await renderEdocBytes(bad).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EdxmlError);
    expect((err as EdxmlError).code).toBe('UNREPRESENTABLE');
    expect((err as EdxmlError).message).toMatch(/Subject: character U\+0007/);
  });
});

describe('rendering public samples again', () => {
  const positives = readdirSync(PUBLIC)
    .filter((f) => !['truclienthong__edoc.edxml', 'pvngw__edoc_new.edxml'].includes(f))
    .sort();
  it.each(positives)('%s: parse → map → render → parse gives the same mapping', async (name) => {
    const first = await parseEdxml(sample(name));
    const again = await parseEdxml(
      first.kind === 'edoc'
        ? await renderEdocBytes(toDocument(first))
        : renderStatus(toStatusReport(first), { otherParty: first.header.responseFor.organId }),
    );
    strictDom(
      first.kind === 'edoc'
        ? await renderEdocBytes(toDocument(first))
        : renderStatus(toStatusReport(first), { otherParty: first.header.responseFor.organId }),
    );
    if (first.kind === 'edoc') {
      expect(view(toDocument(again as ParsedEdoc))).toEqual(view(toDocument(first)));
    } else {
      expect(toStatusReport(again as ParsedStatus).toJSON()).toEqual(toStatusReport(first).toJSON());
      expect((again as ParsedStatus).header.responseFor.organId).toBe(first.header.responseFor.organId);
    }
  });
});

describe('rendering a StatusReport', () => {
  const report = StatusReport.create({
    code: BusinessStatus.BUSINESS_STATUS_REJECTED,
    responder: '000.00.00.G22',
    documentId: '000.00.00.H41,2026/12/02,123/UBND-VP',
    documentSender: '000.00.00.H41',
    staff: { department: 'Văn thư', name: 'Trần Thị B', phone: '0912', email: 'b@gov.vn' },
    description: 'Từ chối: sai thể thức',
    timestampMs: Date.UTC(2026, 11, 2, 3, 4, 5),
  });

  it('reads back to the same StatusReport; ResponseFor Code and date come from the DocumentId', async () => {
    const pkg = renderStatus(report, { from: { name: 'Văn phòng Chính phủ' } });
    strictDom(pkg);
    const p = (await parseEdxml(pkg)) as ParsedStatus;
    expect(p.warnings).toEqual([]);
    expect(p.header.statusCode).toBe('02');
    expect(p.header.from.organName).toBe('Văn phòng Chính phủ');
    expect(p.header.responseFor).toEqual({
      organId: '000.00.00.H41',
      code: '123/UBND-VP',
      promulgationDate: '2026-12-02',
      documentId: report.documentId,
    });
    expect(p.header.timestamp).toBe('2026/12/02 10:04:05');
    expect(toStatusReport(p).toJSON()).toEqual(report.toJSON());
  });

  it('needs the other party for a 13, and refuses codes edXML does not have', () => {
    const recall = StatusReport.create({
      ...report,
      code: BusinessStatus.BUSINESS_STATUS_RECALL_REQUESTED,
      responder: '000.00.00.H41',
    });
    expect(() => renderStatus(recall)).toThrow(expect.objectContaining({ code: 'MISSING_ELEMENT' }));
    const ok = renderStatus(recall, { otherParty: '000.00.00.G22' });
    expect(Buffer.from(ok).toString()).toContain('<edXML:OrganId>000.00.00.G22</edXML:OrganId>');
    expect(() => renderStatus({ ...report, code: 7 as BusinessStatus })).toThrow(
      expect.objectContaining({ code: 'BAD_VALUE' }),
    );
  });
});
