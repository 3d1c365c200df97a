/** Each leniency the reader allows, provoked on a sample: the warning, its position, and the value read. */
import { parseEdxml } from '@lienthong/edxml';
import type { EdxmlWarningCode, ParsedEdoc, ParsedStatus } from '@lienthong/edxml';
import { sample } from './helpers';

const SMALL = Buffer.from(sample('pvngw__uploads_1da394ba-2117-4354-a23f-6ec3e47ba81b.edxml')).toString(
  'utf8',
);
const STATUS = Buffer.from(sample('tltvbqn__status_processing_05.edxml')).toString('utf8');
const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const lineOf = (text: string, needle: string): number =>
  text.slice(0, text.indexOf(needle)).split('\n').length;

async function edoc(text: string): Promise<ParsedEdoc> {
  const p = await parseEdxml(enc(text));
  expect(p.kind).toBe('edoc');
  return p as ParsedEdoc;
}

const codes = (p: { warnings: { code: EdxmlWarningCode }[] }): EdxmlWarningCode[] =>
  p.warnings.map((w) => w.code).filter((c) => c !== 'AGENCY_CODE');

describe('warnings', () => {
  it('BAD_NUMBER: a TypeDetail that is not a number reads as 0', async () => {
    const t = SMALL.replace('<edXML:TypeDetail>0<', '<edXML:TypeDetail>hai<');
    const p = await edoc(t);
    expect(codes(p)).toEqual(['BAD_NUMBER']);
    expect(p.warnings.find((w) => w.code === 'BAD_NUMBER')).toMatchObject({
      message: '<edXML:TypeDetail> "hai" is not a number; read as 0',
      line: lineOf(t, '<edXML:TypeDetail>'),
    });
    expect(p.header.documentType.typeDetail).toBe(0);
  });

  it('BAD_DATE and DATE_FORMAT: impossible dates read as empty, ISO and dd/MM/yyyy ones are converted', async () => {
    const bad = await edoc(
      SMALL.replace('<edXML:PromulgationDate>2025/10/20<', '<edXML:PromulgationDate>2025/13/45<'),
    );
    expect(codes(bad)).toEqual(['BAD_DATE']);
    expect(bad.header.promulgationInfo.promulgationDate).toBe('');
    const iso = await edoc(
      SMALL.replace('<edXML:PromulgationDate>2025/10/20<', '<edXML:PromulgationDate>2025-10-20<'),
    );
    expect([codes(iso), iso.header.promulgationInfo.promulgationDate]).toEqual([
      ['DATE_FORMAT'],
      '2025-10-20',
    ]);
    const ts = await edoc(SMALL.replace('2025/10/20 10:48:03', '20/10/2025 10:48:03'));
    expect(codes(ts)).toEqual(['DATE_FORMAT']);
    expect(ts.traceHeaderList[0]!.timestampMs).toBe(Date.UTC(2025, 9, 20, 3, 48, 3));
    const noTs = await edoc(SMALL.replace('2025/10/20 10:48:03', 'hôm qua'));
    expect([codes(noTs), noTs.traceHeaderList[0]!.timestampMs]).toEqual([['BAD_DATE'], 0]);
  });

  it('NAMESPACE: a root outside the QCVN namespace is read, and said', async () => {
    const t = SMALL.replace(
      '<edXML xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016">',
      '<edXML xmlns:edXML="http://www.mic.gov.vn/TBT/QCVN_102_2016">',
    );
    const p = await edoc(t);
    // Unprefixed elements are then in no namespace, which the reader takes as edXML too.
    expect(codes(p)).toEqual(['NAMESPACE']);
    expect(p.attachments).toHaveLength(3);
    expect(p.warnings[0]!.message).toBe(
      'the root element is in namespace "", not http://www.mic.gov.vn/TBT/QCVN_102_2016',
    );
  });

  it('MANIFEST_MISMATCH: a manifest entry without its attachment, and an attachment outside the manifest', async () => {
    const t = SMALL.replace(
      'cid:68b50244-4b2b-4bd1-b186-e6b14315c7e2</edXML:ContentId>',
      'cid:other</edXML:ContentId>',
    );
    const p = await edoc(t);
    expect(p.warnings.filter((w) => w.code === 'MANIFEST_MISMATCH').map((w) => w.message)).toEqual([
      'attachment cid:68b50244-4b2b-4bd1-b186-e6b14315c7e2 is not in the manifest',
      'the manifest lists cid:other but no attachment carries it',
    ]);
    expect(p.attachments).toHaveLength(3);
  });

  it('EMPTY_ELEMENT: a Bussiness without BussinessDocType is a new document', async () => {
    const p = await edoc(SMALL.replace('<edXML:BussinessDocType>0</edXML:BussinessDocType>', ''));
    expect(codes(p)).toEqual(['EMPTY_ELEMENT']);
    expect(p.warnings.find((w) => w.code === 'EMPTY_ELEMENT')!.message).toBe(
      'Bussiness has no BussinessDocType; read as 0 (new document)',
    );
    expect(p.bussiness?.bussinessDocType).toBe(0);
  });

  it('a one-digit StatusCode reads as its two-digit code', async () => {
    const p = (await parseEdxml(
      enc(STATUS.replace('<edXML:StatusCode>05<', '<edXML:StatusCode>5<')),
    )) as ParsedStatus;
    expect([p.header.statusCode, p.warnings]).toEqual(['05', []]);
  });

  it('refuses a ReceiverType other than 0 or 1', async () => {
    const upd = Buffer.from(sample('tltvbqn__edoc_update.edxml')).toString('utf8');
    await expect(
      parseEdxml(enc(upd.replace('<edXML:ReceiverType>1<', '<edXML:ReceiverType>5<'))),
    ).rejects.toMatchObject({
      code: 'BAD_VALUE',
      reason: '<edXML:ReceiverType> is "5": expected a whole number from 0 to 1',
    });
  });
});
