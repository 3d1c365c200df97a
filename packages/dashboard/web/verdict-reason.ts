/**
 * The verdict on an edXML package's signature, said in Vietnamese: the node judges in English
 * (`@lienthong/edxml` verdict.ts: a verdict code and a reason), the dashboard speaks Vietnamese.
 * A sentence per verdict, then the reason's detail, translated where it is one of the reasons the
 * judge gives (names, dates and algorithms kept as they are); any other detail follows in English.
 */

/** What each verdict means, in one sentence. */
export const VERDICT_SENTENCES: Readonly<Record<string, string>> = {
  valid: 'Chữ ký số hợp lệ: văn bản không bị thay đổi sau khi ký và chứng thư của người ký được tin cậy.',
  invalid_digest: 'Nội dung văn bản đã bị thay đổi sau khi ký: chữ ký không còn khớp với văn bản.',
  invalid_signature: 'Chữ ký số không hợp lệ: không kiểm tra được chữ ký với chứng thư kèm theo.',
  untrusted_chain: 'Chứng thư của người ký không được tin cậy hoặc đã bị thu hồi.',
  expired_at_signing:
    'Chứng thư của người ký không còn hiệu lực (hết hạn hoặc chưa có hiệu lực) vào thời điểm ký.',
  malformed_certificate: 'Chứng thư số kèm theo chữ ký không đọc được.',
  unsigned: 'Văn bản không có chữ ký số.',
};

/** The times a verdict is judged at (`checkedAtSource`, and as the judge words them). */
const SOURCES: Readonly<Record<string, string>> = {
  signing_time: 'thời điểm ký',
  'signing time': 'thời điểm ký',
  promulgation_date: 'ngày ban hành',
  'promulgation date': 'ngày ban hành',
  receipt_time: 'thời điểm nhận',
  'receipt time': 'thời điểm nhận',
};

const source = (s: string): string => SOURCES[s] ?? s;

/** A date as the judge writes it (ISO 8601), shown as dd/mm/yyyy. */
function day(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

/** The reasons the judge gives, each with its Vietnamese sentence. */
const DETAILS: readonly (readonly [RegExp, (m: RegExpExecArray) => string])[] = [
  [
    /^signed by (.+?); certificate chains to a trust anchor and was valid at the (.+?)(?: \(revoked later, on (.+)\))?$/,
    (m) =>
      `Người ký: ${m[1]}; chứng thư do tổ chức chứng thực được tin cậy cấp và còn hiệu lực tại ${source(m[2]!)}` +
      (m[3] ? ` (bị thu hồi sau đó, ngày ${day(m[3])}).` : '.'),
  ],
  [/^the package has no Signature element$/, () => 'Gói tin không có phần tử chữ ký (Signature).'],
  [
    /^the signed content changed after signing: the digest of reference URI="(.*)" does not match the package's bytes$/,
    (m) =>
      m[1]
        ? `Giá trị băm của phần được ký (URI="${m[1]}") không khớp với nội dung gói tin.`
        : 'Giá trị băm của toàn bộ gói tin không khớp với giá trị đã ký.',
  ],
  [
    /^the signature value does not verify with the certificate's key$/,
    () => 'Giá trị chữ ký không khớp với khóa công khai của chứng thư.',
  ],
  [/^the signature cannot be checked: (.+)$/, (m) => `Không kiểm tra được chữ ký: ${m[1]}.`],
  [
    /^the package has (\d+) Signature elements; exactly one is accepted$/,
    (m) => `Gói tin có ${m[1]} chữ ký; chỉ chấp nhận gói tin có đúng một chữ ký.`,
  ],
  [
    /^the signature does not cover the whole package/,
    () => 'Chữ ký không bao trùm toàn bộ gói tin (thiếu Reference URI="").',
  ],
  [
    /^an Object inside the Signature is covered by no reference/,
    () => 'Trong chữ ký có phần nội dung không được ký.',
  ],
  [/^the Signature element does not parse/, () => 'Phần tử chữ ký không đọc được.'],
  [
    /^the Signature has no single SignedInfo$|^SignedInfo has no Reference$/,
    () => 'Phần SignedInfo của chữ ký không đúng cấu trúc.',
  ],
  [
    /^(canonicalisation|signature method|digest method|transform) "(.*)" is not supported$/,
    (m) => `Thuật toán chưa được hỗ trợ (${m[1]}): ${m[2]}.`,
  ],
  [
    /^the whole-package reference lacks the enveloped-signature transform$/,
    () => 'Chữ ký toàn gói tin thiếu phép biến đổi enveloped-signature.',
  ],
  [
    /^reference (?:URI )?(.+?) (?:does not point|is not supported)/,
    (m) => `Tham chiếu ${m[1]} trong chữ ký không được hỗ trợ.`,
  ],
  [
    /^the Signature element is not in the XML-DSig namespace/,
    () => 'Phần tử chữ ký không thuộc không gian tên XML-DSig nên không kiểm tra được.',
  ],
  [
    /^the package is not namespace-well-formed/,
    () => 'Gói tin không đúng chuẩn không gian tên XML nên không xác định được chữ ký.',
  ],
  [
    /^the package uses (\d+) distinct element names; a signature is checked on packages with at most (\d+)$/,
    (m) => `Gói tin dùng ${m[1]} tên phần tử khác nhau; chỉ kiểm tra chữ ký của gói tin có tối đa ${m[2]}.`,
  ],
  [
    /^no trust anchors are configured/,
    () => 'Máy chủ chưa cấu hình tổ chức chứng thực tin cậy nào, nên không chứng thư nào được tin cậy.',
  ],
  [
    /^the certificate issued by "(.+)" does not chain to a configured trust anchor$/,
    (m) => `Chứng thư do “${m[1]}” cấp không thuộc tổ chức chứng thực được tin cậy.`,
  ],
  [
    /^the certificate's key usage allows neither digitalSignature nor nonRepudiation$/,
    () => 'Chứng thư không được cấp cho mục đích ký số.',
  ],
  [
    /^"(.+)" issued a certificate but is not a CA$/,
    (m) => `“${m[1]}” đã cấp chứng thư nhưng không phải tổ chức chứng thực.`,
  ],
  [
    /^"(.+)" was revoked on (\S+), before the (.+?) \(CRL of "(.+)"\)$/,
    (m) =>
      `Chứng thư của “${m[1]}” đã bị thu hồi ngày ${day(m[2]!)}, trước ${source(m[3]!)} (theo danh sách thu hồi của “${m[4]}”).`,
  ],
  [
    /^"(.+)" was valid (\S+) – (\S+), not at the (.+?) (\S+)$/,
    (m) =>
      `Chứng thư của “${m[1]}” có hiệu lực từ ${day(m[2]!)} đến ${day(m[3]!)}, không bao gồm ${source(m[4]!)} (${day(m[5]!)}).`,
  ],
  [/^the signature carries no X509Certificate$/, () => 'Chữ ký không kèm chứng thư số (X509Certificate).'],
  [
    /^certificate (\d+) in KeyInfo does not parse/,
    (m) => `Chứng thư thứ ${m[1]} trong KeyInfo không đọc được.`,
  ],
];

/** The reason's detail in Vietnamese, or undefined when it is not one the judge gives. */
export function reasonDetail(reason: string): string | undefined {
  const r = reason.trim();
  for (const [pattern, say] of DETAILS) {
    const m = pattern.exec(r);
    if (m) return say(m);
  }
  return undefined;
}

/**
 * What the dashboard says of a verdict: its sentence, then the reason's detail (in English, marked
 * so, when it has no translation). An unknown verdict is named as it is.
 */
export function verdictReason(verdict: string, reason = ''): string {
  const sentence = VERDICT_SENTENCES[verdict] ?? `Kết quả kiểm tra chữ ký số: ${verdict}.`;
  const r = reason.trim();
  if (r === '') return sentence;
  const detail = reasonDetail(r);
  return `${sentence} ${detail ?? `Chi tiết (tiếng Anh): ${r}`}`;
}
