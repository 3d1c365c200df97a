import {
  EdxmlError as CodecError,
  parseEdxml,
  renderEdoc,
  renderStatus,
  toDocument,
  toStatusReport,
} from '@lienthong/edxml';
import { amendmentProblem } from '@lienthong/node';
import type { ParsedPackage as CodecPackage } from '@lienthong/edxml';
import type { IDocument, IStatusReport } from '@lienthong/proto';
import { ChunkChannel } from './channel';
import { EdxmlError } from './codec';
import type { EdxmlCodec, PackageParser, ParsedPackage } from './codec';

/** Chunks queued for the parser before a writer waits for it. */
const QUEUE_CHUNKS = 16;

/**
 * The gateway's codec: `@lienthong/edxml` (streaming parser with bounded memory, no DTD or entity
 * expansion, size and depth limits; the mapping to `Document` / `StatusReport`; the renderers).
 * The attachments stay in the original package, which travels whole: the mapped `Document` carries
 * the header only, and the parser keeps no decoded attachment bytes.
 */
export class LienthongEdxmlCodec implements EdxmlCodec {
  constructor(private readonly opts: { maxBytes?: number } = {}) {}

  parser(): PackageParser {
    return new ChannelParser(this.opts.maxBytes);
  }

  renderEdoc(
    document: IDocument,
    attachments: readonly AsyncIterable<Uint8Array>[] = [],
  ): AsyncIterable<Uint8Array> {
    // Documents born in the SDK: each attachment's bytes (stored content or inline) are read through
    // the recipient's client as the package reaches them, so a large one streams with bounded memory.
    return renderEdoc(document, { attachments: (_a, i) => attachments[i] });
  }

  renderStatus(status: IStatusReport, document?: { otherParty?: string }): Uint8Array {
    return renderStatus(status, document?.otherParty ? { otherParty: document.otherParty } : {});
  }
}

/** Feeds chunks to `parseEdxml` as they arrive, with back-pressure. */
class ChannelParser implements PackageParser {
  private readonly channel = new ChunkChannel(QUEUE_CHUNKS);
  private failure: unknown;
  private readonly result: Promise<CodecPackage>;

  constructor(maxBytes?: number) {
    this.result = parseEdxml(this.channel, {
      keepAttachmentBytes: 0,
      ...(maxBytes !== undefined ? { maxBytes } : {}),
    });
    this.result.catch((e: unknown) => {
      this.failure = e;
      this.channel.fail(e);
    });
  }

  async write(chunk: Uint8Array): Promise<void> {
    if (this.failure !== undefined) throw mapError(this.failure);
    await this.channel.write(chunk);
    if (this.failure !== undefined) throw mapError(this.failure);
  }

  async close(): Promise<ParsedPackage> {
    this.channel.end();
    let parsed: CodecPackage;
    try {
      parsed = await this.result;
    } catch (e) {
      throw mapError(e);
    }
    const warnings = parsed.warnings.map((w) => (w.line > 0 ? `line ${w.line}: ${w.message}` : w.message));
    if (parsed.kind === 'status') {
      const s = toStatusReport(parsed);
      return {
        messageType: 'status',
        status: {
          code: s.code,
          responder: s.responder,
          documentId: s.documentId,
          otherParty: parsed.header.responseFor.organId || s.documentSender,
          description: s.description,
          timestampMs: Number(s.timestampMs),
          staff: {
            department: parsed.header.staffInfo.department,
            name: parsed.header.staffInfo.staff,
            phone: parsed.header.staffInfo.mobile,
            email: parsed.header.staffInfo.email,
          },
        },
        warnings,
        edxml: parsed,
      };
    }
    const document: IDocument = { ...toDocument(parsed), attachments: [] };
    // An update names its document in Bussiness/DocumentId; lienthong links it through responseFor.
    const op = parsed.bussiness?.bussinessDocType ?? 0;
    const named = parsed.bussiness?.documentId ?? '';
    const responseFor = [...(document.responseFor ?? [])];
    if (op !== 0 && named !== '' && !responseFor.some((r) => r.documentId === named)) {
      responseFor.push({ organCode: parsed.header.from.organId, documentId: named });
    }
    if (op !== 0 && !responseFor.some((r) => r.documentId) && !(document.business?.replaces ?? []).length) {
      throw new EdxmlError(
        `a BussinessDocType ${op} package must name the earlier document (ResponseFor, Bussiness/DocumentId or ReplacementInfoList)`,
      );
    }
    // What a revoke, update or replace changes is a document of its own sender (Bussiness/DocumentId,
    // ReplacementInfoList); the home node refuses a replace of another agency's: said here first.
    const from = parsed.header.from.organId;
    if (op !== 0 && named !== '' && !named.startsWith(`${from},`)) {
      throw new EdxmlError(
        `a BussinessDocType ${op} package changes a document of its own sender; Bussiness/DocumentId '${named.slice(0, 80)}' is not ${from}'s`,
      );
    }
    const amendment = amendmentProblem({ ...document, responseFor }, from);
    if (amendment !== undefined) throw new EdxmlError(amendment);
    return { messageType: 'edoc', document: { ...document, responseFor }, warnings, edxml: parsed };
  }
}

/** The codec's refusals as the gateway's (TOO_LARGE keeps its meaning: 413). */
function mapError(e: unknown): unknown {
  if (e instanceof CodecError) {
    return new EdxmlError(
      e.reason,
      e.line > 0 ? e.line : undefined,
      e.line > 0 ? e.column : undefined,
      e.code,
    );
  }
  return e;
}
