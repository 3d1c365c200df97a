/** Benchmark documents: a realistic edXML-like header and a body that brings the envelope to ~4 KB. */
import { encodeEnvelope } from '@lienthong/core';
import { EnvelopeKind, SCHEMA_VERSION } from '@lienthong/proto';
import type { IDocument } from '@lienthong/proto';

const PARAGRAPH =
  'Thực hiện chỉ đạo của Ủy ban nhân dân tỉnh về việc khắc phục hậu quả mưa lũ, Ủy ban nhân dân xã ' +
  'báo cáo tình hình thiệt hại về người, nhà ở, cơ sở hạ tầng và sản xuất nông nghiệp trên địa bàn; ' +
  'đề nghị cấp trên xem xét hỗ trợ kinh phí, vật tư và nhân lực để sớm ổn định đời sống nhân dân. ';

const DATE = '2026/11/22';

export function documentIdOf(sender: string, tag: string, seq: number): string {
  return `${sender},${DATE},${seq}/${tag}`;
}

/** A document from `sender` to `recipients`, padded so that its submitted envelope is `bytes` long (±40). */
export function makeDocument(
  sender: string,
  recipients: readonly string[],
  documentId: string,
  bytes: number,
): IDocument {
  const doc: IDocument = {
    documentId,
    from: { code: sender, name: 'Ủy ban nhân dân xã' },
    to: recipients.map((code) => ({ code })),
    codeNumber: documentId.split(',')[2]?.split('/')[0] ?? '1',
    codeNotation: 'BC-UBND',
    promulgationPlace: 'Nghệ An',
    promulgationDate: '2026-11-22',
    documentType: { type: 1, typeDetail: 2, typeName: 'Báo cáo' },
    subject: 'Báo cáo tình hình thiệt hại do mưa lũ và đề nghị hỗ trợ khắc phục hậu quả',
    signer: { competence: 'TM. Ủy ban nhân dân', position: 'Chủ tịch', fullName: 'Nguyễn Văn A' },
    places: ['Như trên', 'Lưu: VT'],
    contentSummary: '',
  };
  const base = envelopeSize(doc);
  doc.contentSummary = fillUtf8(Math.max(0, bytes - base - 3));
  return doc;
}

/** Size of the envelope the SDK submits for `doc` (close enough: same fields as `send`). */
export function envelopeSize(doc: IDocument): number {
  return encodeEnvelope({
    schemaVersion: SCHEMA_VERSION,
    envelopeId: 'x'.repeat(43),
    kind: EnvelopeKind.ENVELOPE_KIND_DOCUMENT,
    documentId: doc.documentId!,
    originAgency: doc.from!.code!,
    originNode: 'h41-yenthanh-xa1',
    recipients: (doc.to ?? []).map((o) => o.code!),
    createdAtMs: Date.now(),
    priority: 0,
    document: doc,
  }).length;
}

const fills = new Map<number, string>();

/** Vietnamese text of exactly `n` UTF-8 bytes (or one less, at a multi-byte boundary). */
function fillUtf8(n: number): string {
  const cached = fills.get(n);
  if (cached !== undefined) return cached;
  let s = '';
  while (Buffer.byteLength(s) < n) s += PARAGRAPH;
  let buf = Buffer.from(s).subarray(0, n);
  // Do not cut a character in half.
  while (buf.length > 0 && (buf[buf.length - 1]! & 0xc0) === 0x80) buf = buf.subarray(0, buf.length - 1);
  if (buf.length > 0 && buf[buf.length - 1]! >= 0xc0) buf = buf.subarray(0, buf.length - 1);
  const out = buf.toString('utf8');
  fills.set(n, out);
  return out;
}
