/**
 * Attachment content read through the home node (the agency service's `content` operation): an
 * agency may not read the content stream itself, so that knowing a hash is not enough. It is handed
 * a content's manifest and chunks only if it is a party to a document referencing that content —
 * its sender (it has tracking of that document) or a recipient (the document is in its inbox) — or
 * a stored message equal to bytes it sent along (`have`: it is storing those bytes itself), or a
 * content it holds (it stored every chunk its stored manifest lists through this node: content-held.ts).
 */
import type { JetStreamManager } from '@nats-io/jetstream';
import { BUCKETS, STREAMS, SUBJECT_PREFIX, agencyFromToken, trackingDocumentFilter } from '@lienthong/core';
import { CONTENT_REFS_BUCKET, CONTENT_STREAM, isSha256Hex, manifestSubject } from '@lienthong/content';
import { classifyNatsError } from '@lienthong/infra';
import { ContentManifest } from '@lienthong/proto';
import type { ContentHolders } from './content-held';

export type ContentReadStatus = 'ok' | 'missing' | 'denied' | 'other' | 'unavailable';

/** How long a verdict on (agency, content) is kept. */
const VERDICT_MS = 60_000;
const MAX_VERDICTS = 10_000;
/** Above this many references to a content, a recipient's inbox is listed once rather than read per reference. */
const MANY_REFERENCES = 16;

interface Verdict {
  readonly allowed: boolean;
  /** The content's chunk hashes, when allowed. */
  readonly chunks: ReadonlySet<string>;
  readonly at: number;
}

export interface ContentReadRequest {
  readonly subject: unknown;
  readonly file?: unknown;
  /** The bytes the asker is storing on that subject. */
  readonly have?: Uint8Array;
}

export class ContentReads {
  private readonly verdicts = new Map<string, Verdict>();

  constructor(
    private readonly jsm: JetStreamManager,
    /** The JetStream domain of the content stream this process serves ('' for none). */
    private readonly domain: string,
    /** Who has shown it holds which content (content-held.ts): it may read it back. */
    private readonly holders?: ContentHolders,
  ) {}

  /**
   * What the asker may read of a content subject. `unavailable` when this node could not look (its
   * server away, a timeout): nothing is concluded, or remembered, from a lookup that failed.
   */
  async read(
    asker: { level: string; node: string; token: string },
    req: ContentReadRequest,
  ): Promise<{ status: ContentReadStatus; data?: Uint8Array; detail?: string }> {
    try {
      return await this.readOrThrow(asker, req);
    } catch (e) {
      // A failure of the server or of the way to it; anything else is not for the asker to retry.
      if (classifyNatsError(e).kind === 'other') throw e;
      return { status: 'unavailable', detail: (e instanceof Error ? e.message : String(e)).slice(0, 200) };
    }
  }

  private async readOrThrow(
    asker: { level: string; node: string; token: string },
    req: ContentReadRequest,
  ): Promise<{ status: ContentReadStatus; data?: Uint8Array; detail?: string }> {
    const subject = typeof req.subject === 'string' ? req.subject : '';
    const m = /^lt\.v1\.content\.([^.]+)\.([cm])\.([0-9a-f]{64})$/.exec(subject);
    if (!m || m[1] !== (this.domain || '_')) {
      return {
        status: 'denied',
        detail: `'${subject.slice(0, 120)}' is not a content subject of this domain`,
      };
    }
    const [, , kind, hash] = m as unknown as [string, string, 'c' | 'm', string];
    if (req.have !== undefined) {
      const stored = await this.get(subject);
      if (!stored) return { status: 'missing' };
      // Equal bytes tell the asker nothing it did not send; anything else stays unread.
      return Buffer.from(stored).equals(Buffer.from(req.have))
        ? { status: 'ok', data: stored }
        : { status: 'other' };
    }
    const file = typeof req.file === 'string' && isSha256Hex(req.file) ? req.file : undefined;
    if (!file) return { status: 'denied', detail: 'no content named' };
    const verdict = await this.verdict(asker, file);
    const inFile = kind === 'm' ? hash === file : verdict.chunks.has(hash);
    if (!verdict.allowed || !inFile) {
      return {
        status: 'denied',
        detail: `agency ${agencyFromToken(asker.token)} sent or received no document with content ${file}`,
      };
    }
    const data = await this.get(subject);
    return data ? { status: 'ok', data } : { status: 'missing' };
  }

  private async verdict(
    asker: { level: string; node: string; token: string },
    file: string,
  ): Promise<Verdict> {
    const key = `${asker.token}:${file}`;
    const cached = this.verdicts.get(key);
    // A denial stands until the asker stores the content itself (a dedupe upload reads its manifest back).
    const fresh = cached && Date.now() - cached.at < VERDICT_MS;
    if (fresh && (cached.allowed || !(await this.holdsContent(asker.token, file)))) return cached;
    const allowed = (await this.holdsContent(asker.token, file)) || (await this.partyTo(asker, file));
    let chunks: ReadonlySet<string> = new Set();
    if (allowed) {
      const data = await this.get(manifestSubject(this.domain, file));
      if (data)
        chunks = new Set(ContentManifest.decode(data).chunks.map((c) => Buffer.from(c).toString('hex')));
    }
    const verdict = { allowed, chunks, at: Date.now() };
    // A content not complete yet is asked again, not remembered.
    if (!allowed || chunks.size > 0) {
      if (this.verdicts.size >= MAX_VERDICTS) this.verdicts.delete(this.verdicts.keys().next().value!);
      this.verdicts.set(key, verdict);
    }
    return verdict;
  }

  /**
   * The agency (by subject token) stored every chunk of the content `file` through this node: every
   * chunk its stored manifest lists (the domain's guard removes a manifest that does not describe
   * its content). False when the content is not complete here, or no holders are recorded.
   */
  async holdsContent(token: string, file: string): Promise<boolean> {
    if (!this.holders) return false;
    const data = await this.get(manifestSubject(this.domain, file));
    if (!data) return false;
    let manifest: ContentManifest;
    try {
      manifest = ContentManifest.decode(data);
    } catch {
      return false;
    }
    if (manifest.sha256Hex !== file || manifest.chunks.length === 0) return false;
    const chunks = manifest.chunks.map((c) => Buffer.from(c).toString('hex'));
    return (await this.holders.firstMissing(token, chunks)) === undefined;
  }

  /** A document referencing `file` is in the asker's inbox, or in its tracking as sent by it. */
  async partyTo(asker: { level: string; node: string; token: string }, file: string): Promise<boolean> {
    const prefix = `$KV.${CONTENT_REFS_BUCKET}.${file}.`;
    const refs = await this.jsm.streams
      .info(`KV_${CONTENT_REFS_BUCKET}`, { subjects_filter: `${prefix}*` })
      .catch(absentIfMissing);
    const envelopes = Object.keys(refs?.state.subjects ?? {}).map((s) => s.slice(prefix.length));
    // A recipient: the document is in its inbox (one item per envelope id). With many references (a
    // form attached to many documents), one listing of its inbox instead of a read per reference.
    const inbox = `${SUBJECT_PREFIX}.${asker.level}.${asker.node}.inbox.${asker.token}.`;
    if (envelopes.length > MANY_REFERENCES) {
      const mine = await this.jsm.streams
        .info(STREAMS.inbox, { subjects_filter: `${inbox}>` })
        .catch(absentIfMissing);
      const items = new Set(Object.keys(mine?.state.subjects ?? {}));
      if (envelopes.some((e) => items.has(`${inbox}${e}`))) return true;
    } else {
      for (const e of envelopes) if (await this.getFrom(STREAMS.inbox, `${inbox}${e}`)) return true;
    }
    // The sender: its tracking holds the document (each document id looked at once).
    const agency = agencyFromToken(asker.token);
    const seen = new Set<string>();
    for (const envelopeId of envelopes) {
      const ref = await this.getFrom(`KV_${CONTENT_REFS_BUCKET}`, `${prefix}${envelopeId}`);
      const documentId = ref ? new TextDecoder().decode(ref) : '';
      if (!documentId || seen.has(documentId)) continue;
      seen.add(documentId);
      const sent = await this.jsm.streams
        .info(`KV_${BUCKETS.tracking}`, {
          subjects_filter: `$KV.${BUCKETS.tracking}.${trackingDocumentFilter(agency, documentId)}`,
        })
        .catch(absentIfMissing);
      if (Object.keys(sent?.state.subjects ?? {}).length > 0) return true;
    }
    return false;
  }

  private get(subject: string): Promise<Uint8Array | undefined> {
    return this.getFrom(CONTENT_STREAM, subject);
  }

  private async getFrom(stream: string, subject: string): Promise<Uint8Array | undefined> {
    const m = await this.jsm.direct.getMessage(stream, { last_by_subj: subject }).catch(absentIfMissing);
    return m && m.data.length > 0 ? m.data : undefined;
  }
}

/**
 * A stream or message that is not there reads as absent. Any other failure (the server away, a
 * timeout) is thrown: taken for absence it would answer "denied" or "missing" for content the asker
 * may read, and a denial is remembered for a minute.
 */
function absentIfMissing(e: unknown): undefined {
  if (classifyNatsError(e).kind === 'not-found') return undefined;
  throw e;
}
