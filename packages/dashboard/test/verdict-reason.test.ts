/** The edXML signature verdicts and the judge's reasons, said in Vietnamese on the document page. */
import {
  createTestSigningIdentity,
  renderEdocBytes,
  signEdxml,
  verifyEdxmlSignature,
} from '@lienthong/edxml';
import { VERDICT_SENTENCES, reasonDetail, verdictReason } from '../web/verdict-reason';

const VERDICTS = [
  'valid',
  'invalid_digest',
  'invalid_signature',
  'untrusted_chain',
  'expired_at_signing',
  'malformed_certificate',
  'unsigned',
];

describe('verdict reasons in Vietnamese', () => {
  it('has a sentence for every verdict, each its own', () => {
    const sentences = VERDICTS.map((v) => verdictReason(v));
    expect(sentences.every((s) => /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i.test(s))).toBe(
      true,
    );
    expect(new Set(sentences).size).toBe(VERDICTS.length);
    expect(Object.keys(VERDICT_SENTENCES).sort()).toEqual([...VERDICTS].sort());
    expect(verdictReason('invalid_digest')).toBe(
      'Nội dung văn bản đã bị thay đổi sau khi ký: chữ ký không còn khớp với văn bản.',
    );
  });

  it('translates the reasons the judge gives, keeping names and dates', () => {
    expect(
      verdictReason(
        'valid',
        'signed by Nguyễn Văn A; certificate chains to a trust anchor and was valid at the signing time',
      ),
    ).toBe(
      `${VERDICT_SENTENCES['valid']} Người ký: Nguyễn Văn A; chứng thư do tổ chức chứng thực được tin cậy cấp và còn hiệu lực tại thời điểm ký.`,
    );
    expect(
      reasonDetail(
        'signed by B; certificate chains to a trust anchor and was valid at the promulgation date (revoked later, on 2026-03-01T00:00:00.000Z)',
      ),
    ).toBe(
      'Người ký: B; chứng thư do tổ chức chứng thực được tin cậy cấp và còn hiệu lực tại ngày ban hành (bị thu hồi sau đó, ngày 01/03/2026).',
    );
    expect(
      reasonDetail(
        'the signed content changed after signing: the digest of reference URI="" does not match the package\'s bytes',
      ),
    ).toBe('Giá trị băm của toàn bộ gói tin không khớp với giá trị đã ký.');
    expect(reasonDetail("the signature value does not verify with the certificate's key")).toBe(
      'Giá trị chữ ký không khớp với khóa công khai của chứng thư.',
    );
    expect(
      reasonDetail(
        '"Lê Văn Thu Hồi" was revoked on 2020-06-01T00:00:00.000Z, before the promulgation date (CRL of "CN=Test CA, C=VN")',
      ),
    ).toBe(
      'Chứng thư của “Lê Văn Thu Hồi” đã bị thu hồi ngày 01/06/2020, trước ngày ban hành (theo danh sách thu hồi của “CN=Test CA, C=VN”).',
    );
    expect(
      reasonDetail(
        '"Trần Thị B" was valid 2020-01-01T00:00:00.000Z – 2021-01-01T00:00:00.000Z, not at the signing time 2022-05-04T03:00:00.000Z',
      ),
    ).toBe(
      'Chứng thư của “Trần Thị B” có hiệu lực từ 01/01/2020 đến 01/01/2021, không bao gồm thời điểm ký (04/05/2022).',
    );
    expect(
      reasonDetail('the certificate issued by "CN=Other CA" does not chain to a configured trust anchor'),
    ).toBe('Chứng thư do “CN=Other CA” cấp không thuộc tổ chức chứng thực được tin cậy.');
    expect(reasonDetail('no trust anchors are configured: nothing is trusted by default')).toMatch(
      /chưa cấu hình tổ chức chứng thực/,
    );
    expect(reasonDetail('the signature carries no X509Certificate')).toBe(
      'Chữ ký không kèm chứng thư số (X509Certificate).',
    );
    expect(reasonDetail('certificate 2 in KeyInfo does not parse (120 base64 characters): bad')).toBe(
      'Chứng thư thứ 2 trong KeyInfo không đọc được.',
    );
    expect(reasonDetail('the package has no Signature element')).toBe(
      'Gói tin không có phần tử chữ ký (Signature).',
    );
    expect(reasonDetail('the package has 2 Signature elements; exactly one is accepted')).toBe(
      'Gói tin có 2 chữ ký; chỉ chấp nhận gói tin có đúng một chữ ký.',
    );
    expect(reasonDetail('digest method "http://example/md5" is not supported')).toBe(
      'Thuật toán chưa được hỗ trợ (digest method): http://example/md5.',
    );
  });

  it('keeps a reason it cannot translate, marked as English, and names an unknown verdict', () => {
    expect(verdictReason('untrusted_chain', 'something new')).toBe(
      `${VERDICT_SENTENCES['untrusted_chain']} Chi tiết (tiếng Anh): something new`,
    );
    expect(verdictReason('odd_verdict')).toBe('Kết quả kiểm tra chữ ký số: odd_verdict.');
  });

  it('translates the reasons of real verdicts: valid, changed after signing, untrusted, unsigned', async () => {
    const signer = await createTestSigningIdentity();
    const rendered = await renderEdocBytes({
      documentId: '000.00.00.H27,2026/12/03,1/UBND-VX',
      from: { code: '000.00.00.H27', name: 'Ủy ban nhân dân tỉnh Hà Tĩnh' },
      to: [{ code: '000.00.01.H41', name: 'Sở Nội vụ tỉnh Nghệ An' }],
      codeNumber: '1',
      codeNotation: 'UBND-VX',
      promulgationDate: '2026-12-03',
      subject: 'Về việc cử cán bộ tham dự tập huấn',
    });
    const signed = Buffer.from(
      signEdxml(rendered, { privateKey: signer.keyPem, certificates: [signer.certPem] }),
    );
    const tampered = Buffer.from(signed.toString('utf8').replace('tập huấn', 'tập huấn lại'), 'utf8');
    const anchors = { trustAnchors: [signer.caPem] };
    const verdicts = [
      await verifyEdxmlSignature(signed, anchors),
      await verifyEdxmlSignature(tampered, anchors),
      await verifyEdxmlSignature(signed),
      await verifyEdxmlSignature(rendered, anchors),
    ];
    expect(verdicts.map((v) => v.verdict)).toEqual([
      'valid',
      'invalid_digest',
      'untrusted_chain',
      'unsigned',
    ]);
    for (const v of verdicts) {
      expect([v.reason, reasonDetail(v.reason)]).toEqual([v.reason, expect.any(String)]);
      expect(verdictReason(v.verdict, v.reason)).not.toMatch(/tiếng Anh/);
    }
    expect(verdictReason(verdicts[0]!.verdict, verdicts[0]!.reason)).toContain('Người ký: Nguyễn Văn A');
  });
});
