import { createHash } from 'node:crypto';
import { AckPolicy, DeliverPolicy, JetStreamApiCodes, JetStreamApiError } from '@nats-io/jetstream';
import type { ConsumerMessages, JetStreamClient, JetStreamManager, JsMsg } from '@nats-io/jetstream';
import { ContentManifest } from '@lienthong/proto';
import { ContentIntegrityError, ContentMissingError } from './errors';
import { CHUNK_INDEX_HEADER, UPLOAD_HEADER } from './marks';
import type { VerificationMarks } from './marks';
import { UploadRuns } from './runs';
import type { Run } from './runs';
import { followUpload } from './follow';
import { sleep } from '@lienthong/infra';
import type { ContentStore } from './store';
import { CONTENT_STREAM, chunkFilter, hashOfSubject } from './subjects';

/**
 * How long the guard that takes a manifest waits for the record of a follower of its upload
 * (`FOLLOWER_WAIT_MS` plus the size at `FOLLOWER_WAIT_BYTES_PER_MS`) before it reads the content.
 */
const FOLLOWER_WAIT_MS = 1_000;
const FOLLOWER_WAIT_BYTES_PER_MS = 50_000;

/** The durable consumer (one per domain, shared by the node processes there) the guard reads from. */
export const CONTENT_GUARD_CONSUMER = 'lt-content-guard';

export interface ContentGuardEvents {
  /** A stored message that is not what its subject says, removed. */
  readonly onRemoved?: (subject: string, why: string) => void;
  readonly onError?: (e: unknown) => void;
  /**
   * Where the guard records each content it verified as a whole, and whose stamp it changes before
   * it removes anything. With it, the guard follows every upload as its chunks are stored and
   * verifies it then, reading nothing again when its manifest comes (see `UploadRuns`).
   */
  readonly marks?: VerificationMarks;
  /** A content verified as a whole: `followed` as it was stored, or `read` again for its manifest. */
  readonly onVerified?: (sha256Hex: string, size: number, how: 'followed' | 'read') => void;
}

/**
 * Content counts as stored only when its bytes hash to its subject. The content stream keeps one
 * message per subject and refuses a second one, so whoever stores first decides what a subject
 * holds: anyone allowed to write content could store garbage under the hash of a file someone else
 * is about to send. The guard reads every content message as it is stored and removes a chunk whose
 * bytes do not hash to its subject, or a manifest that does not describe a complete content with
 * that hash. An uploader that finds a subject taken checks the stored bytes itself, and waits for the
 * guard to clear a bad one before storing its own (`ContentStore.upload`).
 */
export class ContentGuard {
  private messages: ConsumerMessages | undefined;
  private loop: Promise<void> | undefined;
  private readonly runs: UploadRuns | undefined;
  private readonly followers = new Set<ConsumerMessages>();

  constructor(
    private readonly js: JetStreamClient,
    private readonly jsm: JetStreamManager,
    private readonly store: ContentStore,
    private readonly events: ContentGuardEvents = {},
  ) {
    const marks = events.marks;
    this.runs = marks
      ? new UploadRuns(
          () => marks.stamp(),
          (run) => this.follow(run),
        )
      : undefined;
  }

  async start(): Promise<void> {
    try {
      await this.jsm.consumers.info(CONTENT_STREAM, CONTENT_GUARD_CONSUMER);
    } catch (e) {
      if (!(e instanceof JetStreamApiError) || e.code !== JetStreamApiCodes.ConsumerNotFound) throw e;
      await this.jsm.consumers
        .add(CONTENT_STREAM, {
          durable_name: CONTENT_GUARD_CONSUMER,
          ack_policy: AckPolicy.Explicit,
          deliver_policy: DeliverPolicy.New,
          ack_wait: 60_000_000_000,
          max_deliver: 5,
        })
        .catch(async (err: unknown) => {
          // Another process of the domain created it first.
          await this.jsm.consumers.info(CONTENT_STREAM, CONTENT_GUARD_CONSUMER).catch(() => {
            throw err;
          });
        });
    }
    const consumer = await this.js.consumers.get(CONTENT_STREAM, CONTENT_GUARD_CONSUMER);
    this.messages = await consumer.consume({ max_messages: 16 });
    const messages = this.messages;
    this.loop = (async () => {
      for await (const m of messages) {
        try {
          await this.check(m);
          m.ack();
        } catch (e) {
          this.events.onError?.(e);
          m.nak(1_000);
        }
      }
    })().catch((e: unknown) => this.events.onError?.(e));
  }

  async stop(): Promise<void> {
    for (const f of this.followers) await f.close().catch(() => undefined);
    await this.messages?.close().catch(() => undefined);
    await this.loop?.catch(() => undefined);
  }

  private async check(m: JsMsg): Promise<void> {
    const upload = m.headers?.get(UPLOAD_HEADER) || undefined;
    const why = await this.problem(m.subject, m.data, {
      upload,
      index: Number(m.headers?.get(CHUNK_INDEX_HEADER) || Number.NaN),
      seq: m.seq,
    });
    if (!why) return;
    // Every verification recorded so far may count on what is about to go: void them first.
    await this.events.marks?.removing();
    await this.jsm.streams.deleteMessage(CONTENT_STREAM, m.seq, false).catch((e: unknown) => {
      // Removed already (by another process of the domain).
      if (!(e instanceof JetStreamApiError)) throw e;
    });
    this.events.onRemoved?.(m.subject, why);
  }

  /** Why a content message is not what its subject says, or undefined when it is. */
  async problem(
    subject: string,
    data: Uint8Array,
    hints: { upload?: string | undefined; index?: number; seq?: number } = {},
  ): Promise<string | undefined> {
    const hex = hashOfSubject(subject);
    const isChunk = subject.startsWith(chunkFilter(this.store.domain).slice(0, -1));
    if (isChunk) {
      if (createHash('sha256').update(data).digest('hex') !== hex)
        return 'chunk bytes do not hash to its subject';
      this.runs?.chunk(hints.upload, hints.index ?? Number.NaN, hex, data, hints.seq ?? 0);
      return undefined;
    }
    let manifest: ContentManifest;
    try {
      manifest = ContentManifest.decode(data);
    } catch {
      return 'manifest does not decode';
    }
    if (manifest.sha256Hex !== hex) return 'manifest names another content';
    const marks = this.events.marks;
    if (marks && this.runs && (await this.followed(hex, manifest, hints.upload, marks))) return undefined;
    try {
      const stamp = marks ? await marks.stamp() : 0;
      const verified = await this.store.verify(hex);
      if (verified) await this.record(hex, verified, stamp, 'read');
      return undefined;
    } catch (e) {
      if (e instanceof ContentIntegrityError || e instanceof ContentMissingError) return e.message;
      if (e instanceof RangeError || (e instanceof Error && /index out of range|invalid/i.test(e.message)))
        return e.message;
      throw e;
    }
  }

  private async record(
    hex: string,
    manifest: ContentManifest,
    stamp: number,
    how: 'followed' | 'read',
  ): Promise<void> {
    this.events.onVerified?.(hex, Number(manifest.size), how);
    // Without the record a node verifies the content again itself: slower, not wrong.
    await this.events.marks?.mark(hex, manifest, stamp).catch((e: unknown) => this.events.onError?.(e));
  }

  /**
   * True when the upload of this manifest was followed as it was stored and its chunks hash to it
   * (here, or by a follower in this or another process of the domain, whose record is waited for a
   * moment), or the content was verified in the domain before.
   */
  private async followed(
    hex: string,
    manifest: ContentManifest,
    upload: string | undefined,
    marks: VerificationMarks,
  ): Promise<boolean> {
    const run = this.runs!.get(upload);
    if (run && !run.followed && !run.broken) {
      const stamp = await this.runs!.finish(run, manifest);
      if (stamp !== undefined) {
        await this.record(hex, manifest, stamp, 'followed');
        return true;
      }
    }
    const holds = (): Promise<boolean> => marks.holds(hex, manifest).catch(() => false);
    if (await holds()) return true;
    // Nobody follows it: sent without the headers, or given up here.
    if (!upload || (run && (!run.followed || run.broken))) return false;
    // Another process of the domain (or a follower here) may be following this upload.
    const until = Date.now() + FOLLOWER_WAIT_MS + Number(manifest.size) / FOLLOWER_WAIT_BYTES_PER_MS;
    for (let wait = 10; Date.now() < until; wait = Math.min(wait * 2, 40)) {
      await sleep(wait);
      if (await holds()) return true;
    }
    return false;
  }

  /** Reads the rest of a run from the stream, the guard's deliveries having skipped some of it. */
  private follow(run: Run): void {
    void followUpload(
      this.js,
      this.store.domain,
      this.runs!,
      run,
      async (manifest) => {
        const stamp = await this.runs!.finish(run, manifest);
        if (stamp !== undefined) await this.record(manifest.sha256Hex, manifest, stamp, 'followed');
      },
      this.followers,
    ).catch((e: unknown) => this.events.onError?.(e));
  }
}
