/**
 * Every public edXML sample (../shared/conformance/edxml/public, described in its PROVENANCE.md)
 * through the parser, with the outcome PROVENANCE.md gives: the two negatives refused at the
 * position it names, every positive mapped field by field.
 */
import { createHash } from 'node:crypto';
import { createReadStream, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { BusinessOperation, BusinessStatus, Priority } from '@lienthong/proto';
import { EdxmlError, parseEdxml, toDocument, toStatusReport } from '@lienthong/edxml';
import type { ParsedEdoc, ParsedStatus } from '@lienthong/edxml';
import { PUBLIC, sample, sampleFile } from './helpers';

const file = sampleFile;
const bytes = sample;

const G22 = '000.00.00.G22';
const H41 = '000.00.00.H41';
const H14 = '000.00.00.H14';
const G17 = '000.00.00.G17';
const VPCP_DOC = `${G22},2015/09/30,7816/VPCP-TTĐT`;

describe('public samples: the set', () => {
  it('holds the 22 files PROVENANCE.md lists, byte for byte', () => {
    const provenance = readFileSync(join(PUBLIC, '../PROVENANCE.md'), 'utf8');
    const rows = [...provenance.matchAll(/^\| \d+ \| `([^`]+)` \|.*\| (\d+) \| `([0-9a-f]{64})` \|/gm)];
    expect(rows).toHaveLength(22);
    expect(readdirSync(PUBLIC).sort()).toEqual(rows.map((r) => r[1]).sort());
    for (const [, name, size, sha] of rows) {
      const b = bytes(name!);
      expect([name, b.length, createHash('sha256').update(b).digest('hex')]).toEqual([
        name,
        Number(size),
        sha,
      ]);
    }
  });
});

describe('public samples: negatives are refused with line, column and reason', () => {
  it.each([
    [
      'truclienthong__edoc.edxml',
      74,
      28,
      /mismatched close tag: <edXML:From> opened at line 7, column 9 is not closed/,
    ],
    // Stray `1212` before the XML declaration: Expat says "invalid token, line 1 col 4" (0-based).
    ['pvngw__edoc_new.edxml', 1, 5, /text data outside of root node/],
  ])('%s → NOT_WELL_FORMED at %i:%i', async (name, line, column, reason) => {
    const err = await parseEdxml(bytes(name)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EdxmlError);
    const e = err as EdxmlError;
    expect([e.code, e.line, e.column]).toEqual(['NOT_WELL_FORMED', line, column]);
    expect(e.reason).toMatch(reason);
    expect(e.message).toBe(`line ${line}, column ${column}: ${e.reason}`);
  });
});

interface EdocCase {
  file: string;
  documentId: string;
  from: string;
  to: string[];
  operation?: BusinessOperation;
  reason?: string;
  code: [string, string];
  promulgation: [string, string];
  subject: string;
  dueDate: string;
  steeringType: number;
  attachments: [name: string, mediaType: string, size: number][];
  responseFor?: [string, string, string, string][];
  added?: string[];
  removed?: string[];
  replaces?: string[];
  /** Warning codes, in order. */
  warnings: string[];
  signature: 'dsig' | 'qcvn' | 'none';
}

const ZIP = '1896_QD-TTg_m_294779.doc';
const EDOCS: EdocCase[] = [
  {
    file: 'tltvbqn__edoc.edxml',
    documentId: '9fbfbad2-f1f8-4256-a2eb-50fb1061cddb',
    from: '14.00.W00',
    to: ['14.00.W00'],
    code: ['34E31', 'PRO-TEST-CASE1'],
    promulgation: ['Hà Nội', '2018-09-27'],
    subject: 'Văn bản liên thông chỉ đạo - 190701',
    dueDate: '2018-06-25',
    steeringType: 1,
    attachments: [['GUIDE_INSTALL OPENVPN.SIGNED.PDF', 'application/pdf', 284937]],
    warnings: ['UNDECLARED_PREFIX', 'UNDECLARED_PREFIX', 'EMPTY_RESPONSE_FOR', 'AGENCY_CODE', 'AGENCY_CODE'],
    signature: 'dsig',
  },
  {
    file: 'tltvbqn__edoc_revocation.edxml',
    documentId: VPCP_DOC,
    from: G22,
    to: [H41, H14, G17],
    operation: BusinessOperation.BUSINESS_OPERATION_REVOKE,
    reason: 'Thu hồi văn bản điện tử',
    code: ['7816', 'VPCP-TTĐT'],
    promulgation: ['Hà Nội', '2018-09-28'],
    subject: 'V/v kết nối, liên thông phần mềm quản lý văn bản',
    dueDate: '2018-09-28',
    steeringType: 1,
    attachments: [[ZIP, 'application/zip', 270823]],
    // The revoked document is named only in ResponseFor (and disagrees with its own organ).
    responseFor: [[H14, '267/VPCP-TTĐT', '2018-09-28', '000.00.04.G14,2012/08/06,267/VPCP-TTĐT']],
    warnings: ['SIGNATURE_NAMESPACE'],
    signature: 'qcvn',
  },
  {
    file: 'tltvbqn__edoc_update.edxml',
    documentId: VPCP_DOC,
    from: G22,
    to: [H41, H14, G17],
    operation: BusinessOperation.BUSINESS_OPERATION_UPDATE,
    reason: 'Cập nhật văn bản điện tử',
    code: ['7816', 'VPCP-TTĐT'],
    promulgation: ['Hà Nội', '2018-09-28'],
    subject: 'V/v kết nối, liên thông phần mềm quản lý văn bản',
    dueDate: '2018-09-28',
    steeringType: 1,
    attachments: [[ZIP, 'application/zip', 270823]],
    added: [H14],
    removed: [H41],
    // Bussiness/DocumentId says 2014/02/30.
    warnings: ['SIGNATURE_NAMESPACE', 'BAD_DATE'],
    signature: 'qcvn',
  },
  {
    file: 'tltvbqn__edoc_replacement.edxml',
    documentId: VPCP_DOC,
    from: G22,
    to: [H41, H14, G17],
    operation: BusinessOperation.BUSINESS_OPERATION_REPLACE,
    reason: 'Văn bản thay thế',
    code: ['7816', 'VPCP-TTĐT'],
    promulgation: ['Hà Nội', '2018-09-28'],
    subject: 'V/v kết nối, liên thông phần mềm quản lý văn bản',
    dueDate: '2018-09-28',
    steeringType: 1,
    attachments: [[ZIP, 'application/zip', 270823]],
    // Two identical ReplacementInfo entries: kept once, with a DUPLICATE warning.
    replaces: [`${G22},2014/01/30,7806/VPCP-TTĐT`],
    warnings: ['SIGNATURE_NAMESPACE', 'DUPLICATE'],
    signature: 'qcvn',
  },
  {
    file: 'truclienthong__xml_dc0bdef0-c7a3-4aaf-b717-777303442973.edxml',
    documentId: VPCP_DOC,
    from: G22,
    to: [H41, H14, G17],
    operation: BusinessOperation.BUSINESS_OPERATION_NEW,
    reason: 'Văn bản điện tử mới',
    code: ['7816', 'VPCP-TTĐT'],
    promulgation: ['Hà Nội', '2019-04-11'],
    subject: 'V/v kết nối, liên thông phần mềm quản lý văn bản',
    dueDate: '2019-04-11',
    steeringType: 1,
    attachments: [[ZIP, 'application/zip', 4151]],
    warnings: ['SIGNATURE_NAMESPACE', 'BAD_DATE'],
    signature: 'qcvn',
  },
  {
    file: 'truclienthong__edoc_new.edxml',
    documentId: VPCP_DOC,
    from: '000.00.00.A80',
    to: ['28.22.H17'],
    operation: BusinessOperation.BUSINESS_OPERATION_NEW,
    reason: 'Văn bản điện tử mới',
    code: ['74fass22', 'VPCP-TTĐT'],
    promulgation: ['Hà Nội', '2019-01-16'],
    subject: 'V/v kết nối, liên thông phần mềm quản lý văn bản',
    dueDate: '2018-09-28',
    steeringType: 1,
    attachments: [[ZIP, 'application/zip', 270823]],
    // `28.22.H17` is flagged by agency-code validation.
    warnings: ['SIGNATURE_NAMESPACE', 'AGENCY_CODE', 'BAD_DATE'],
    signature: 'qcvn',
  },
  {
    file: 'edocintegrator__edoc_new.edxml',
    documentId: '000.00.11.H53,2020/10/30,2491/STC-BCTC',
    from: '000.00.11.H53',
    to: ['000.00.01.A53'],
    operation: BusinessOperation.BUSINESS_OPERATION_NEW,
    reason: 'Văn bản điện tử mới',
    code: ['2491', 'STC-BCTC'],
    // `30/10/2020` (dd/MM/yyyy) read leniently.
    promulgation: ['Tây Ninh', '2020-10-30'],
    subject: 'Báo cáo tài chính tỉnh',
    dueDate: '',
    steeringType: 1,
    attachments: [[ZIP, 'application/zip', 270823]],
    warnings: [
      'SIGNATURE_NAMESPACE',
      ...Array<string>(7).fill('EMPTY_ELEMENT'),
      'DATE_FORMAT',
      ...Array<string>(6).fill('EMPTY_ELEMENT'),
      'BAD_DATE',
    ],
    signature: 'qcvn',
  },
  {
    file: 'pvngw__uploads_1da394ba-2117-4354-a23f-6ec3e47ba81b.edxml',
    documentId: '1da394ba-2117-4354-a23f-6ec3e47ba81b',
    from: 'vxp.saas.03',
    to: ['vxp.saas.02'],
    operation: BusinessOperation.BUSINESS_OPERATION_NEW,
    reason: '',
    code: ['20251020104803', 'GW-AUTO'],
    promulgation: ['Hà Nội', '2025-10-20'],
    subject: 'Local Aggregate Test',
    dueDate: '',
    steeringType: 0,
    attachments: [
      ['localA.txt', 'text/plain', 207],
      ['localB.txt', 'text/plain', 207],
      ['localC.txt', 'text/plain', 207],
    ],
    warnings: ['AGENCY_CODE', 'AGENCY_CODE'],
    signature: 'none',
  },
  {
    file: 'pvngw__uploads_1f881896-6e3a-4a5f-87f1-c380878e148e.edxml',
    documentId: '1f881896-6e3a-4a5f-87f1-c380878e148e',
    from: 'vxp.saas.03',
    to: ['vxp.saas.02'],
    code: ['20251016110432', 'GW-AUTO'],
    promulgation: ['Hà Nội', '2025-10-16'],
    subject: 'Local Aggregate Test',
    dueDate: '',
    steeringType: 1,
    // The attachment's own ContentType wins over the manifest's, with a warning each.
    attachments: [
      ['localA.txt', 'application/zip', 207],
      ['localB.txt', 'application/zip', 207],
      ['localC.txt', 'application/zip', 207],
    ],
    warnings: ['AGENCY_CODE', 'AGENCY_CODE', 'MANIFEST_MISMATCH', 'MANIFEST_MISMATCH', 'MANIFEST_MISMATCH'],
    signature: 'none',
  },
];

describe('public samples: edoc packages mapped to Document', () => {
  it.each(EDOCS.map((c) => [c.file, c] as const))('%s', async (_name, c) => {
    const parsed = await parseEdxml(bytes(c.file));
    expect(parsed.kind).toBe('edoc');
    const p = parsed as ParsedEdoc;
    const d = toDocument(p);
    expect(d.documentId).toBe(c.documentId);
    expect(d.from?.code).toBe(c.from);
    expect(d.to.map((t) => t.code)).toEqual(c.to);
    expect([d.codeNumber, d.codeNotation]).toEqual(c.code);
    expect([d.promulgationPlace, d.promulgationDate]).toEqual(c.promulgation);
    expect(d.subject).toBe(c.subject);
    expect(d.dueDate).toBe(c.dueDate);
    expect(d.priority).toBe(Priority.PRIORITY_NORMAL);
    expect(d.steeringType).toBe(c.steeringType);
    expect(d.documentType?.type).toBe(1);
    if (c.operation === undefined) {
      expect(p.bussiness).toBeUndefined();
      expect(d.business).toBeNull();
    } else {
      expect(d.business?.operation).toBe(c.operation);
      expect(d.business?.reason).toBe(c.reason);
      expect(d.business?.addedRecipients).toEqual(c.added ?? []);
      expect(d.business?.removedRecipients).toEqual(c.removed ?? []);
      expect(d.business?.replaces).toEqual(c.replaces ?? []);
    }
    expect(d.responseFor.map((r) => [r.organCode, r.code, r.promulgationDate, r.documentId])).toEqual(
      c.responseFor ?? [],
    );
    expect(d.attachments.map((a) => [a.name, a.mediaType, a.size])).toEqual(c.attachments);
    for (const [i, a] of d.attachments.entries()) {
      // Small attachments travel inline, with the SHA-256 of the decoded bytes.
      expect(a.inline).toBeInstanceOf(Uint8Array);
      expect(Buffer.from(a.sha256!).toString('hex')).toBe(
        createHash('sha256').update(a.inline!).digest('hex'),
      );
      expect(p.attachments[i]!.sha256).toBe(Buffer.from(a.sha256!).toString('hex'));
    }
    expect(p.warnings.map((w) => w.code)).toEqual(c.warnings);
    for (const w of p.warnings) expect(w.line).toBeGreaterThan(0);
    const raw = bytes(c.file);
    if (c.signature === 'none') expect(p.signatures).toEqual([]);
    else {
      expect(p.signatures).toHaveLength(1);
      const s = p.signatures[0]!;
      expect(s.namespace).toBe(
        c.signature === 'dsig'
          ? 'http://www.w3.org/2000/09/xmldsig#'
          : 'http://www.mic.gov.vn/TBT/QCVN_102_2016',
      );
      // The byte range is the element exactly as received.
      const text = Buffer.from(raw.subarray(s.byteStart, s.byteEnd)).toString('utf8');
      expect(text.startsWith('<Signature')).toBe(true);
      expect(text.endsWith('</Signature>')).toBe(true);
    }
    expect(p.bytes).toBe(raw.length);
    expect(p.sha256).toBe(createHash('sha256').update(raw).digest('hex'));
  });

  it('maps every Organ field of From and To (revocation sample)', async () => {
    const d = toDocument((await parseEdxml(bytes('tltvbqn__edoc_revocation.edxml'))) as ParsedEdoc);
    expect(d.from).toEqual({
      code: G22,
      name: 'Văn phòng Chính phủ',
      organizationInCharge: 'Văn phòng Chính phủ',
      address: 'Số 1 Hoàng Hoa Thám, Quận Ba Đình, Hà Nội',
      email: 'vpcp@gov.vn',
      telephone: '8043100',
      fax: '048989898789',
      website: 'vpcp.vn',
    });
    expect(d.to[2]?.name).toBe('Sở Thông tin truyền thông Hải Phòng');
    expect(d.signer).toEqual({
      competence: 'TL. BO TRUONG',
      position: 'Cuc truong cuc ung dung cong nghe thong tin',
      fullName: 'Nguyen Thanh Phuc',
    });
    expect(d.documentType).toEqual({ type: 1, typeDetail: 0, typeName: 'Công văn' });
    expect(d.contentSummary).toBe('V/v kết nối, liên thông phần mềm quản lý văn bản');
    expect(d.places).toEqual(['Cac bo va co quan ngang bo', 'Uy ban nhan dan cac tinh, TP']);
  });

  it('keeps what the Document has no field for in the parsed package (update sample)', async () => {
    const p = (await parseEdxml(bytes('tltvbqn__edoc_update.edxml'))) as ParsedEdoc;
    expect(p.traceHeaderList).toEqual([
      { organId: G22, timestamp: '2018/09/28 00:00:00', timestampMs: Date.UTC(2018, 8, 27, 17) },
    ]);
    expect(p.warnings.find((w) => w.code === 'BAD_DATE')).toEqual({
      code: 'BAD_DATE',
      message: `DocumentId "${G22},2014/02/30,7806/VPCP-TTĐT" holds an impossible date (2014/02/30); kept as written`,
      line: 91,
      column: 11,
    });
    expect(p.bussiness).toEqual({
      // An impossible date inside an id is flagged, and kept as written.
      documentId: `${G22},2014/02/30,7806/VPCP-TTĐT`,
      bussinessDocType: 2,
      bussinessDocReason: 'Cập nhật văn bản điện tử',
      paper: '0',
      bussinessDocumentInfo: {
        documentInfo: '1',
        documentReceiver: '1',
        receiverList: [
          { organId: H41, receiverType: 0 },
          { organId: H14, receiverType: 1 },
        ],
      },
      replacementInfoList: [],
      staffInfo: {
        department: 'Văn thư văn phòng',
        staff: 'Nguyễn Thị Ngọc Trâm',
        mobile: '84912000001',
        email: 'vanthuvanphong@gov.vn',
      },
    });
    expect(p.header.otherInfo).toEqual({
      priority: 0,
      sphereOfPromulgation: 'Liên thông văn bản quốc gia',
      typerNotation: 'TVC',
      promulgationAmount: '2',
      pageAmount: '22',
      direction: 'false',
      appendixes: ['Công văn về việc kết nối, liên thông phần mềm quản lý văn bản'],
    });
    expect(p.manifest).toEqual([
      { contentId: 'cid:209', contentType: 'application/zip', description: ZIP, attachmentName: ZIP },
    ]);
  });

  it('reads the Bussiness block before or after the TraceHeader (both orders occur)', async () => {
    const after = (await parseEdxml(bytes('tltvbqn__edoc_update.edxml'))) as ParsedEdoc;
    const before = (await parseEdxml(
      bytes('truclienthong__xml_dc0bdef0-c7a3-4aaf-b717-777303442973.edxml'),
    )) as ParsedEdoc;
    expect(after.bussiness?.bussinessDocType).toBe(2);
    expect(before.bussiness?.bussinessDocType).toBe(0);
    expect(before.traceHeaderList).toHaveLength(1);
  });

  it('reports each leniency with its position', async () => {
    const one = (await parseEdxml(bytes('tltvbqn__edoc.edxml'))) as ParsedEdoc;
    expect(
      one.warnings.filter((w) => w.code === 'UNDECLARED_PREFIX').map((w) => [w.line, w.message]),
    ).toEqual([
      [117, expect.stringContaining('"xlink:"')],
      [126, expect.stringContaining('"edXML:"')],
    ]);
    const dmy = (await parseEdxml(bytes('edocintegrator__edoc_new.edxml'))) as ParsedEdoc;
    const w = dmy.warnings.find((x) => x.code === 'DATE_FORMAT')!;
    expect([w.line, w.message]).toEqual([33, expect.stringContaining('"30/10/2020" is dd/MM/yyyy')]);
    expect(dmy.warnings.filter((x) => x.code === 'EMPTY_ELEMENT').map((x) => x.message)).toContain(
      '<edXML:OrganAdd> is empty',
    );
  });

  it('streams a file through the parser with the same result as a buffer', async () => {
    const name = 'tltvbqn__edoc.edxml';
    const streamed = await parseEdxml(createReadStream(file(name), { highWaterMark: 1000 }));
    const whole = await parseEdxml(bytes(name));
    // Base64 runs are found per input slice: where they fall differs with the slicing.
    expect({ ...streamed, base64Runs: [] }).toEqual({ ...whole, base64Runs: [] });
  });

  it('decodes the zipped attachment of the SDK samples to the earlier edXML file (edXML inside edXML)', async () => {
    const p = (await parseEdxml(bytes('tltvbqn__edoc_update.edxml'))) as ParsedEdoc;
    const zip = Buffer.from(p.attachments[0]!.data!);
    const nameLen = zip.readUInt16LE(26);
    const extraLen = zip.readUInt16LE(28);
    const inner = inflateRawSync(zip.subarray(30 + nameLen + extraLen));
    expect(createHash('sha256').update(inner).digest('hex')).toBe(
      createHash('sha256').update(bytes('tltvbqn__edoc.edxml')).digest('hex'),
    );
  });
});

interface StatusCase {
  file: string;
  code: BusinessStatus;
  responder: string;
  sender: string;
  otherParty: string;
  description: RegExp;
  timestamp: number;
  staff: [string, string, string, string];
}

const TEMPLATE_STAFF: [string, string, string, string] = [
  'Phong hanh chinh',
  'Nguyen thi ngoc tram',
  '84912000001',
  'ngoctram@nghean.vn',
];
const T_2015 = Date.UTC(2015, 8, 20, 11 - 7, 8, 36);
const tmpl = (file: string, code: BusinessStatus, description: RegExp): StatusCase => ({
  file,
  code,
  responder: H41,
  sender: G22,
  otherParty: G22,
  description,
  timestamp: T_2015,
  staff: TEMPLATE_STAFF,
});
const STATUSES: StatusCase[] = [
  {
    file: 'tltvbqn__status.edxml',
    code: BusinessStatus.BUSINESS_STATUS_ARRIVED,
    responder: H41,
    sender: G22,
    otherParty: G22,
    description: /Đã đến - Phần mềm QLVB đã nhận/,
    timestamp: Date.UTC(2018, 8, 28, 17 - 7, 25, 11),
    staff: ['Văn thư văn phòng', 'Nguyễn Thị Ngọc Trâm', '84912000001', 'vanthuvanphong@gov.vn'],
  },
  tmpl('tltvbqn__status_inbox_01.edxml', BusinessStatus.BUSINESS_STATUS_ARRIVED, /Đã đến/),
  tmpl(
    'tltvbqn__status_rejection_02.edxml',
    BusinessStatus.BUSINESS_STATUS_REJECTED,
    /Từ chối không tiếp nhận/,
  ),
  tmpl('tltvbqn__status_acceptance_03.edxml', BusinessStatus.BUSINESS_STATUS_ACCEPTED, /vào sổ văn bản đến/),
  tmpl('tltvbqn__status_assignment_04.edxml', BusinessStatus.BUSINESS_STATUS_ASSIGNED, /Phân công xử lý/),
  tmpl('tltvbqn__status_processing_05.edxml', BusinessStatus.BUSINESS_STATUS_IN_PROGRESS, /Đang xử lý/),
  tmpl(
    'edocintegrator__status_processing_05.edxml',
    BusinessStatus.BUSINESS_STATUS_IN_PROGRESS,
    /Đang xử lý/,
  ),
  tmpl('tltvbqn__status_finish_06.edxml', BusinessStatus.BUSINESS_STATUS_COMPLETED, /hoàn thành xử lý/),
  {
    // 13 comes from the document's sender; ResponseFor/OrganId names the addressee.
    ...tmpl(
      'tltvbqn__status_cancellation_13.edxml',
      BusinessStatus.BUSINESS_STATUS_RECALL_REQUESTED,
      /yêu cầu lấy lại/,
    ),
    responder: G22,
    sender: G22,
    otherParty: H41,
  },
  tmpl(
    'tltvbqn__status_change-acceptance_15.edxml',
    BusinessStatus.BUSINESS_STATUS_CHANGE_ACCEPTED,
    /đồng ý yêu cầu cập nhật/,
  ),
  tmpl(
    'tltvbqn__status_change-rejection_16.edxml',
    BusinessStatus.BUSINESS_STATUS_CHANGE_REFUSED,
    /từ chối yêu cầu cập nhật/,
  ),
];

describe('public samples: Status packages mapped to StatusReport', () => {
  it.each(STATUSES.map((c) => [c.file, c] as const))('%s', async (_name, c) => {
    const parsed = await parseEdxml(bytes(c.file));
    expect(parsed.kind).toBe('status');
    const p = parsed as ParsedStatus;
    expect(p.warnings).toEqual([]);
    expect(p.attachments).toEqual([]);
    expect(p.signatures).toEqual([]);
    expect(p.header.responseFor.organId).toBe(c.otherParty);
    const r = toStatusReport(p);
    expect(r.code).toBe(c.code);
    expect(r.responder).toBe(c.responder);
    expect(r.documentId).toBe(VPCP_DOC);
    expect(r.documentSender).toBe(c.sender);
    expect(r.description).toMatch(c.description);
    expect(r.timestampMs).toBe(c.timestamp);
    expect([r.staff?.department, r.staff?.name, r.staff?.phone, r.staff?.email]).toEqual(c.staff);
  });

  it('the LF and CRLF copies of status 05 read the same', async () => {
    const crlf = (await parseEdxml(bytes('tltvbqn__status_processing_05.edxml'))) as ParsedStatus;
    const lf = (await parseEdxml(bytes('edocintegrator__status_processing_05.edxml'))) as ParsedStatus;
    expect(lf.header).toEqual(crlf.header);
    expect(lf.sha256).not.toBe(crlf.sha256);
  });

  it('keeps a ResponseFor date that contradicts the DocumentId as written', async () => {
    const p = (await parseEdxml(bytes('tltvbqn__status.edxml'))) as ParsedStatus;
    expect(p.header.responseFor).toEqual({
      organId: G22,
      code: '7816/VPCP-TTĐT',
      promulgationDate: '2018-09-28',
      documentId: VPCP_DOC,
    });
  });
});
