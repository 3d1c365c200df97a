/**
 * The verdict on the XML signature of the edXML package a document carries (`edxml_original`),
 * given once, at the sender's home node, when the submission enters: the one place every such
 * document passes, whether the HTTP gateway, the VXP endpoint or an SDK program submitted it. The
 * package is read from the node's own content store (or the document, when inline) and judged
 * against the node's trust anchors and CRLs; the node's policy for the sender then accepts it (the
 * verdict travels with the document to every recipient and into the sender's tracking) or refuses
 * it (dead letter, FAILED notice naming the verdict). See docs/EDXML.md "Signatures".
 */
import { ContentIntegrityError, ContentMissingError, isSha256Hex } from '@lienthong/content';
import { LienthongError } from '@lienthong/core';
import type { NodeInfo } from '@lienthong/core';
import { EdxmlError, verdictToProto, verifyEdxmlSignature, verifyEdxmlSource } from '@lienthong/edxml';
import type { PackageSource, ParsedPackage, SignatureVerdict } from '@lienthong/edxml';
import { EnvelopeKind, FailureReason } from '@lienthong/proto';
import type { Envelope, IAttachment, IEdxmlSignatureVerdict } from '@lienthong/proto';
import type { Logger } from 'pino';
import { ParsedOriginals } from './edxml-parsed';
import { malformed, mismatch } from './inbound';
import type { Rejection } from './inbound';

export type EdxmlSignaturePolicy = 'accept' | 'refuse';

/** How a node judges the edXML signatures of what its agencies submit. */
export interface EdxmlSignatureConfig {
  /**
   * `accept` (default): every verdict is carried with the document; anything but `valid` is a flag
   * the recipient sees. `refuse`: a verdict other than `valid` refuses the document.
   */
  readonly policy: EdxmlSignaturePolicy;
  /** Per sending agency (code → policy), over `policy`. */
  readonly senders: Readonly<Record<string, EdxmlSignaturePolicy>>;
  /** Trust anchors, PEM text or DER; none by default (nothing chains, every signed package is `untrusted_chain`). */
  readonly trustAnchors: readonly (string | Uint8Array)[];
  /** CRLs, PEM text or DER, each signed by a certificate of a chain. */
  readonly crls: readonly (string | Uint8Array)[];
}

export const DEFAULT_EDXML_SIGNATURES: EdxmlSignatureConfig = {
  policy: 'accept',
  senders: {},
  trustAnchors: [],
  crls: [],
};

/** Where the node reads stored content from: its own domain's content store. */
export interface ContentReader {
  download(sha256Hex: string, write: (chunk: Uint8Array) => Promise<void> | void): Promise<unknown>;
}

export type Judgement =
  | { readonly verdict: IEdxmlSignatureVerdict; readonly refusal?: undefined }
  | { readonly verdict?: IEdxmlSignatureVerdict; readonly refusal: Rejection }
  | { readonly verdict?: undefined; readonly refusal?: undefined };

export class EdxmlSignatures {
  /** Packages the edXML gateway of this process has read: judged without reading them again. */
  private readonly parsed = new ParsedOriginals();

  constructor(
    private readonly config: EdxmlSignatureConfig,
    private readonly content: ContentReader,
    private readonly waitMs: number,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  /** The policy this node applies to `sender`'s packages. */
  policyOf(sender: string): EdxmlSignaturePolicy {
    return this.config.senders[sender] ?? this.config.policy;
  }

  /**
   * `parsed` is `parseEdxml(bytes)`, done by whoever submits the document in this process (the edXML
   * gateway): when the document reaches intake with these bytes inline, the judgement reuses it.
   */
  rememberParsed(bytes: Uint8Array, parsed: ParsedPackage): void {
    this.parsed.remember(bytes, parsed);
  }

  /**
   * The verdict on `env`'s edXML original (nothing for anything else), and the refusal when the
   * policy refuses it. Throws a transient error while the package's content is not stored yet.
   */
  async judge(node: NodeInfo, env: Envelope, receivedAtMs: number): Promise<Judgement> {
    const doc = env.kind === EnvelopeKind.ENVELOPE_KIND_DOCUMENT ? env.document : undefined;
    const hex = doc?.edxmlOriginal?.sha256Hex;
    if (!doc || !hex) return {};
    const att = (doc.attachments ?? []).find((a) => attachmentHex(a) === hex);
    if (!att || !isSha256Hex(hex)) {
      return {
        refusal: malformed(`the edXML original ${hex.slice(0, 80)} is not among the document's attachments`),
      };
    }
    let result: SignatureVerdict;
    // process.cpuUsage() is a system call that sums every thread's time: only for the log line.
    const started = this.log.isLevelEnabled('info') ? process.cpuUsage() : undefined;
    let from: string | undefined;
    const opts = {
      trustAnchors: [...this.config.trustAnchors],
      crls: [...this.config.crls],
      at: new Date(receivedAtMs),
      onParsed: (p: ParsedPackage) => void (from = p.header.from.organId),
    };
    const inline = att.inline && att.inline.length > 0 ? att.inline : undefined;
    const parsed = inline ? this.parsed.take(hex, inline) : undefined;
    try {
      result =
        inline && parsed
          ? await verifyEdxmlSignature(inline, { ...opts, parsed })
          : await verifyEdxmlSource(this.source(att, hex), opts);
    } catch (e) {
      return { refusal: this.readProblem(e, hex, receivedAtMs) };
    }
    // An agency's original is a package of its own: another's would be served to edXML systems as
    // the original of this document, its signature judged under this sender's name.
    if (from !== undefined && from !== env.originAgency) {
      return {
        refusal: mismatch(
          `the edXML original is a package from ${from.slice(0, 32)}, not from the submitting agency ${env.originAgency}`,
        ),
      };
    }
    const policy = this.policyOf(env.originAgency);
    const verdict = verdictToProto(result, { node: node.id, verifiedAtMs: this.now(), policy });
    if (started) {
      const cpu = process.cpuUsage(started);
      // A package without a signature had nothing checked: not worth a line per document.
      this.log[result.verdict === 'unsigned' ? 'debug' : 'info'](
        {
          node: node.id,
          documentId: env.documentId,
          verdict: result.verdict,
          signer: result.signer?.commonName,
          cpuMs: Math.round((cpu.user + cpu.system) / 100) / 10,
        },
        'edXML signature judged',
      );
    }
    if (result.verdict === 'valid' || policy === 'accept') return { verdict };
    return {
      verdict,
      refusal: {
        reason: FailureReason.FAILURE_REASON_EDXML_SIGNATURE,
        detail: `edXML signature ${result.verdict}: ${result.reason} (node ${node.id} refuses such packages from ${env.originAgency})`,
        edxmlSignature: verdict,
      },
    };
  }

  private source(att: IAttachment, hex: string): PackageSource {
    if (att.inline && att.inline.length > 0) {
      const bytes = att.inline;
      return {
        size: bytes.length,
        open: async function* () {
          yield bytes;
        },
      };
    }
    const size = Number(att.ref?.size ?? att.size ?? 0);
    return { size, open: () => streamOf(this.content, hex) };
  }

  private readProblem(e: unknown, hex: string, receivedAtMs: number): Rejection {
    if (e instanceof EdxmlError) {
      return malformed(`the edXML original is not an acceptable package: ${e.message}`);
    }
    if (e instanceof ContentIntegrityError) {
      return { reason: FailureReason.FAILURE_REASON_ATTACHMENT_CORRUPT, detail: e.message };
    }
    if (e instanceof ContentMissingError) {
      const waited = this.now() - receivedAtMs;
      if (waited >= this.waitMs) {
        return {
          reason: FailureReason.FAILURE_REASON_ATTACHMENT_MISSING,
          detail: `the edXML original ${hex} is not stored after ${Math.round(waited / 1000)} s`,
        };
      }
      throw new LienthongError('Unavailable', `${e.message}; waiting for it`, { cause: e });
    }
    throw e;
  }
}

function attachmentHex(a: IAttachment): string {
  const ref = a.ref?.sha256Hex;
  if (ref) return ref;
  return a.sha256 && a.sha256.length > 0 ? Buffer.from(a.sha256).toString('hex') : '';
}

/** The content's chunks as an async iterable, one chunk in memory at a time. */
async function* streamOf(content: ContentReader, hex: string): AsyncGenerator<Uint8Array> {
  const queue: Uint8Array[] = [];
  let wake: (() => void) | undefined;
  let resume: (() => void) | undefined;
  let done = false;
  let stopped = false;
  let failure: unknown;
  const finished = content
    .download(hex, (chunk) => {
      if (stopped) throw new Error('the reader stopped');
      queue.push(chunk);
      wake?.();
      return new Promise<void>((r) => (resume = r));
    })
    .then(
      () => {
        done = true;
        wake?.();
      },
      (e: unknown) => {
        failure = e;
        done = true;
        wake?.();
      },
    );
  try {
    for (;;) {
      if (queue.length > 0) {
        const chunk = queue.shift()!;
        const r = resume;
        resume = undefined;
        yield chunk;
        r?.();
        continue;
      }
      if (done) break;
      await new Promise<void>((r) => (wake = r));
      wake = undefined;
    }
    await finished;
    if (failure !== undefined) throw failure;
  } finally {
    stopped = true;
    resume?.();
  }
}
