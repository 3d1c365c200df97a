import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { BusinessOperation, Envelope, EnvelopeKind, Level, Priority, SCHEMA_VERSION } from '@lienthong/proto';

// The contract promises that any language can read our bytes with the standard tools; this checks
// the protobufjs output against the reference decoder. setup.sh installs protoc, so its absence is
// a broken environment and must fail, not skip.
const PROTOC = '/usr/bin/protoc';
const repoRoot = join(__dirname, '../../..');

function protocDecode(bytes: Uint8Array): string {
  if (!existsSync(PROTOC)) {
    throw new Error(
      `${PROTOC} not found: install it (apt-get install -y protobuf-compiler, done by scripts/setup.sh)`,
    );
  }
  return execFileSync(
    PROTOC,
    ['--decode=lienthong.v1.Envelope', '-I', 'proto', 'proto/lienthong/v1/envelope.proto'],
    {
      cwd: repoRoot,
      input: bytes,
      encoding: 'utf8',
    },
  );
}

/** protoc prints non-ASCII string bytes as octal escapes; undo that to compare text. */
function unescapeProtocText(text: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const m = /^\\([0-7]{3})/.exec(text.slice(i, i + 4));
    if (m) {
      bytes.push(parseInt(m[1] as string, 8));
      i += 3;
    } else {
      bytes.push(...Buffer.from(text[i] as string, 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

describe('protoc reads what @lienthong/proto writes', () => {
  it('decodes an envelope with a Vietnamese document, int64 fields and nested messages', () => {
    const createdAtMs = Date.UTC(2026, 10, 23, 2, 15, 30, 123);
    const appointedAtMs = 4_102_444_800_000; // 2100-01-01, beyond 32 bits
    const bytes = Envelope.encode({
      schemaVersion: SCHEMA_VERSION,
      envelopeId: 'k7q2m4x9v3b8n5c6d1f0g2h4j6',
      kind: EnvelopeKind.ENVELOPE_KIND_DOCUMENT,
      documentId: '000.00.00.G22,2026/11/23,12/VPCP-TTĐT',
      originAgency: '000.00.00.G22',
      originNode: 'vn',
      recipients: ['000.00.00.H41', '000.00.00.H27'],
      createdAtMs,
      hops: [{ node: 'vn', level: Level.LEVEL_CENTRAL, inMs: createdAtMs, outMs: createdAtMs + 7 }],
      hopLimit: 16,
      priority: Priority.PRIORITY_FLASH_SCHEDULED,
      document: {
        documentId: '000.00.00.G22,2026/11/23,12/VPCP-TTĐT',
        from: { code: '000.00.00.G22', name: 'Văn phòng Chính phủ' },
        to: [{ code: '000.00.00.H41', name: 'Ủy ban nhân dân tỉnh Nghệ An' }],
        subject: 'Về việc triển khai trục liên thông văn bản quốc gia',
        signer: {
          competence: 'KT. BỘ TRƯỞNG, CHỦ NHIỆM',
          position: 'PHÓ CHỦ NHIỆM',
          fullName: 'Nguyễn Văn Ánh',
        },
        documentType: { type: 1, typeName: 'Công văn' },
        priority: Priority.PRIORITY_FLASH_SCHEDULED,
        appointedAtMs,
        business: {
          operation: BusinessOperation.BUSINESS_OPERATION_UPDATE,
          reason: 'Bổ sung nơi nhận',
          addedRecipients: ['000.00.00.H27'],
        },
        attachments: [
          {
            name: 'công-văn.pdf',
            mediaType: 'application/pdf',
            size: 5_000_000_000,
            ref: { sha256Hex: 'ab'.repeat(32), size: 5_000_000_000, chunkSize: 262_144, chunkCount: 19074 },
          },
        ],
      },
    }).finish();

    const text = unescapeProtocText(protocDecode(bytes));
    expect(text).toContain('schema_version: 1');
    expect(text).toContain('envelope_id: "k7q2m4x9v3b8n5c6d1f0g2h4j6"');
    expect(text).toContain('kind: ENVELOPE_KIND_DOCUMENT');
    expect(text).toContain('document_id: "000.00.00.G22,2026/11/23,12/VPCP-TTĐT"');
    expect(text).toContain('recipients: "000.00.00.H41"\nrecipients: "000.00.00.H27"');
    expect(text).toContain(`created_at_ms: ${createdAtMs}`);
    expect(text).toMatch(
      new RegExp(
        `hops \\{\\n  node: "vn"\\n  level: LEVEL_CENTRAL\\n  in_ms: ${createdAtMs}\\n  out_ms: ${createdAtMs + 7}\\n\\}`,
      ),
    );
    expect(text).toContain('priority: PRIORITY_FLASH_SCHEDULED');
    expect(text).toContain('name: "Văn phòng Chính phủ"');
    expect(text).toContain('name: "Ủy ban nhân dân tỉnh Nghệ An"');
    expect(text).toContain('subject: "Về việc triển khai trục liên thông văn bản quốc gia"');
    expect(text).toContain('full_name: "Nguyễn Văn Ánh"');
    expect(text).toContain('type_name: "Công văn"');
    expect(text).toContain(`appointed_at_ms: ${appointedAtMs}`);
    expect(text).toContain('operation: BUSINESS_OPERATION_UPDATE');
    expect(text).toContain('reason: "Bổ sung nơi nhận"');
    expect(text).toContain('name: "công-văn.pdf"');
    expect(text).toContain('size: 5000000000');
    expect(text).toContain(`sha256_hex: "${'ab'.repeat(32)}"`);
    expect(text).toContain('chunk_count: 19074');
  });
});
