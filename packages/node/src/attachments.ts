import { createHash } from 'node:crypto';
import { jetstream, jetstreamManager, StorageType } from '@nats-io/jetstream';
import type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { KV, Kvm } from '@nats-io/kv';
import { listKvKeys, sleep, upsertStream } from '@lienthong/infra';
import type { Logger } from 'pino';
import { Counter } from 'prom-client';
import type { Registry } from 'prom-client';
import {
  CONTENT_REFS_BUCKET,
  ContentGuard,
  ContentIntegrityError,
  ContentMissingError,
  ContentStore,
  ensureContentStream,
  isSha256Hex,
  sweepContent,
} from '@lienthong/content';
import type { SweepResult } from '@lienthong/content';
import type { ContentManifest } from '@lienthong/proto';
import { LienthongError } from '@lienthong/core';
import type { NodeInfo } from '@lienthong/core';
import { FailureReason } from '@lienthong/proto';
import type { IDocument } from '@lienthong/proto';
import { storedAttachments } from './accepted';
import type { AcceptedEnvelope } from './accepted';
import type { NodeLimits, RetentionConfig } from './config';
import { streamLimitsOf } from './stream-limits';
import { KvVerificationMarks, MARK_KEY_PREFIXES } from './content-marks';
import type { ContentHolders } from './content-held';
import { ContentPuts } from './content-puts';
import { UploadQuota } from './upload-quota';
import type { UploadQuotaConfig } from './upload-quota';

const CONTENT_STREAM_NAME = 'LT_CONTENT';

/** Why an envelope's attachments stop it; a retry cannot cure it. */
export interface AttachmentProblem {
  readonly reason: FailureReason;
  readonly detail: string;
}

export interface AttachmentConfig {
  readonly maxAttachmentBytes: number;
  readonly maxInlineBytes: number;
  readonly waitMs: number;
  readonly concurrentTransfers: number;
  readonly referenceMaxAgeMs: number;
  readonly graceMs: number;
  readonly sweepIntervalMs: number;
  /** What each agency may upload (`UploadQuota`). */
  readonly uploads: UploadQuotaConfig;
}

export function attachmentConfig(limits: NodeLimits, retention: RetentionConfig): AttachmentConfig {
  return {
    uploads: {
      bytesPerSecond: limits.uploadBytesPerSecond,
      burstBytes: limits.uploadBurstBytes,
      unreferencedBytes: limits.uploadUnreferencedBytes,
      // Unreferenced content is swept after the grace, by the next sweep.
      countedForMs: retention.attachmentGraceMs + Math.max(retention.attachmentSweepIntervalMs, 60_000),
    },
    maxAttachmentBytes: limits.maxAttachmentBytes,
    maxInlineBytes: limits.maxInlineAttachmentBytes,
    waitMs: limits.attachmentWaitMs,
    concurrentTransfers: Math.max(1, limits.attachmentTransfers),
    referenceMaxAgeMs: retention.attachmentMaxAgeMs,
    graceMs: retention.attachmentGraceMs,
    sweepIntervalMs: retention.attachmentSweepIntervalMs,
  };
}

/** Contents verified in full recently (chunks are immutable, so a verified content stays verified). */
const VERIFIED_CAPACITY = 1024;

/**
 * How long the delivering node waits for the domain's guard to finish verifying a content whose
 * manifest was just stored (`GUARD_WAIT_MS` plus the size at `GUARD_WAIT_BYTES_PER_MS`), before it
 * reads the content itself.
 */
const GUARD_WAIT_MS = 2_000;
const GUARD_WAIT_BYTES_PER_MS = 20_000;
/** The longest pause between two looks for the guard's record. */
const GUARD_POLL_MS = 40;

/**
 * What a node does for the large attachments of the documents it handles: refuses attachments over
 * the limit at intake, makes sure the content is complete in its own JetStream domain and records
 * that a retained document references it, copies it into the next hop's domain before relaying,
 * verifies every chunk before delivering to an inbox, and sweeps content no document references.
 */
export class Attachments {
  private readonly own: ContentStore;
  private readonly stores = new Map<string, Promise<ContentStore>>();
  private readonly verified = new Map<string, true>();
  private sweepTimer: NodeJS.Timeout | undefined;
  private sweeping: Promise<SweepResult> | undefined;
  /** Transfers (copies, verifications) run at once: each holds a window of chunks in memory. */
  private active = 0;
  private readonly queue: (() => void)[] = [];
  private readonly bytes: Counter<'op'>;
  private readonly removed: Counter<'kind'>;
  private contentGuard: ContentGuard | undefined;
  /** Which contents were verified as a whole in this domain (by a guard or a delivering node). */
  private readonly marks: KvVerificationMarks;
  /** What each agency uploaded that no document references yet, and its upload pace. */
  readonly uploads: UploadQuota;
  /** Stores content for agencies, counted in `uploads`. */
  readonly puts: ContentPuts;

  constructor(
    private readonly nats: {
      readonly nc: NatsConnection;
      readonly js: JetStreamClient;
      readonly jsm: JetStreamManager;
      readonly kvm: Kvm;
    },
    /** The JetStream domain of this process's server ('' for the default one). */
    private readonly domain: string,
    /** `lt_content_refs` of the domain (`provisionAttachments`). */
    private readonly refs: KV,
    private readonly config: AttachmentConfig,
    private readonly log: Logger,
    registry?: Registry,
    private readonly now: () => number = Date.now,
    /** What each agency has shown it holds, recorded as it stores content (content-held.ts). */
    holders?: ContentHolders,
  ) {
    this.own = new ContentStore(nats.js, nats.jsm, domain);
    this.marks = new KvVerificationMarks(refs, domain);
    this.bytes = new Counter({
      name: 'lienthong_attachment_bytes_total',
      help: 'Attachment bytes a node copied into another JetStream domain (copied), verified before delivery (verified), or its content guard verified as they were stored (verified-as-stored) or by reading them for a manifest (verified-by-guard)',
      labelNames: ['op'] as const,
      registers: registry ? [registry] : [],
    });
    const refused = new Counter({
      name: 'lienthong_upload_refused_total',
      help: 'Uploads of attachment content refused because the agency was over its pace (rate) or held its bound of unreferenced content (unreferenced)',
      labelNames: ['limit'] as const,
      registers: registry ? [registry] : [],
    });
    this.uploads = new UploadQuota(config.uploads, now, (limit) => refused.inc({ limit }));
    this.puts = new ContentPuts(nats.js, domain, this.uploads, holders);
    this.removed = new Counter({
      name: 'lienthong_content_removed_total',
      help: 'Content messages removed because their bytes did not match their hash (chunk) or content (manifest)',
      labelNames: ['kind'] as const,
      registers: registry ? [registry] : [],
    });
  }

  /** Starts the content guard and the periodic sweep. */
  async start(): Promise<void> {
    // Content counts as stored only when its bytes hash to its subject: remove what does not.
    this.contentGuard = new ContentGuard(this.nats.js, this.nats.jsm, this.own, {
      marks: this.marks,
      onVerified: (hex, size, how) => {
        this.bytes.inc({ op: how === 'followed' ? 'verified-as-stored' : 'verified-by-guard' }, size);
        this.log.debug({ content: hex, size, how }, 'content verified by the guard');
      },
      onRemoved: (subject, why) => {
        this.verified.clear();
        this.removed.inc({ kind: subject.split('.')[4] === 'm' ? 'manifest' : 'chunk' });
        this.log.warn({ subject, why }, 'removed content that is not what its subject names');
      },
      onError: (e) =>
        this.log.warn({ error: e instanceof Error ? e.message : String(e) }, 'content guard check failed'),
    });
    await this.contentGuard.start();
    if (this.config.sweepIntervalMs > 0) {
      this.sweepTimer = setInterval(() => {
        void this.sweep().catch((e: unknown) =>
          this.log.warn({ error: e instanceof Error ? e.message : String(e) }, 'content sweep failed'),
        );
      }, this.config.sweepIntervalMs);
      this.sweepTimer.unref();
    }
  }

  async stop(): Promise<void> {
    clearInterval(this.sweepTimer);
    await this.contentGuard?.stop();
    await this.sweeping?.catch(() => undefined);
  }

  /** Intake rule: every attachment within the limits and consistent with its reference. */
  check(doc: IDocument): AttachmentProblem | undefined {
    for (const a of doc.attachments ?? []) {
      const name = a.name ?? '(unnamed)';
      const size = Number(a.ref ? a.ref.size : (a.inline?.byteLength ?? a.size ?? 0));
      if (size > this.config.maxAttachmentBytes) {
        return tooLarge(
          `attachment ${name} is ${size} bytes; the limit is ${this.config.maxAttachmentBytes}`,
        );
      }
      if (a.inline && a.inline.byteLength > this.config.maxInlineBytes) {
        return tooLarge(
          `attachment ${name} carries ${a.inline.byteLength} bytes inline; the inline limit is ${this.config.maxInlineBytes}`,
        );
      }
      if (
        a.inline &&
        a.sha256 &&
        a.sha256.length > 0 &&
        !createHash('sha256').update(a.inline).digest().equals(Buffer.from(a.sha256))
      ) {
        return corrupt(`attachment ${name}: its inline bytes do not match its SHA-256`);
      }
      if (a.ref) {
        const hex: string = a.ref.sha256Hex ?? '';
        if (!isSha256Hex(hex)) {
          return malformed(`attachment ${name}: content id '${String(hex).slice(0, 80)}' is not a SHA-256`);
        }
        if (a.sha256 && a.sha256.length > 0 && Buffer.from(a.sha256).toString('hex') !== hex) {
          return malformed(`attachment ${name}: its sha256 differs from its content id`);
        }
        if (a.size !== undefined && a.size !== null && Number(a.size) !== size && Number(a.size) !== 0) {
          return malformed(`attachment ${name}: size ${Number(a.size)} differs from its content's ${size}`);
        }
      }
    }
    return undefined;
  }

  /**
   * The content of `env`'s attachments is complete in this domain; records that the envelope
   * references it (the content is kept while the reference lives).
   */
  hold(env: AcceptedEnvelope, receivedAtMs: number): Promise<AttachmentProblem | undefined> {
    return this.guard(receivedAtMs, async () => {
      for (const a of storedAttachments(env)) {
        const hex = a.ref.sha256Hex;
        // Checked at intake; a neighbour's envelope is checked again before the id names a subject.
        if (!isSha256Hex(hex)) return malformed(`attachment ${a.name ?? ''}: content id is not a SHA-256`);
        const manifest = await this.own.manifest(hex);
        if (!manifest) {
          throw new ContentMissingError(
            `content ${hex} of attachment ${a.name ?? ''} is not complete in domain '${this.domain}'`,
            hex,
            this.domain,
          );
        }
        if (Number(manifest.size) !== Number(a.ref!.size)) {
          return corrupt(
            `content ${hex} is stored with ${Number(manifest.size)} bytes, the document says ${Number(a.ref.size)}`,
          );
        }
        await this.refs.put(
          `${hex}.${env.envelopeId.toLowerCase()}`,
          new TextEncoder().encode(env.documentId),
        );
        this.uploads.referenced(hex);
      }
      return undefined;
    });
  }

  /** Before relaying to a node in another domain: the content is complete there (copied if need be). */
  forward(
    env: AcceptedEnvelope,
    next: NodeInfo,
    receivedAtMs: number,
  ): Promise<AttachmentProblem | undefined> {
    if (next.domain === this.domain) return Promise.resolve(undefined);
    return this.guard(receivedAtMs, async () => {
      const target = await this.store(next.domain);
      for (const a of storedAttachments(env)) {
        const hex = a.ref.sha256Hex;
        const { copied, skipped, copiedBytes } = await this.transfer(() => this.own.copyTo(target, hex));
        this.bytes.inc({ op: 'copied' }, copiedBytes);
        if (copied > 0) {
          this.log.info(
            { envelopeId: env.envelopeId, content: hex, to: next.domain, copied, skipped },
            'attachment content copied to the next domain',
          );
        }
      }
      return undefined;
    });
  }

  /** Streams a content of this domain in order, every chunk checked (the edXML signature check reads it). */
  download(hex: string, write: (chunk: Uint8Array) => Promise<void> | void): Promise<unknown> {
    return this.transfer(() => this.own.download(hex, write));
  }

  /**
   * Before delivering to an inbox: every chunk of every attachment matches its hash. A content the
   * domain verified already (its guard as it was stored, or another node) needs its manifest only.
   */
  verify(env: AcceptedEnvelope, receivedAtMs: number): Promise<AttachmentProblem | undefined> {
    return this.guard(receivedAtMs, async () => {
      for (const a of storedAttachments(env)) {
        const hex = a.ref.sha256Hex;
        if (this.verified.has(hex)) continue;
        const found = await this.own.stored(hex);
        if (!found) throw this.missing(hex);
        if (!(await this.verifiedInDomain(hex, found.manifest, found.storedAtMs))) {
          const stamp = await this.marks.stamp();
          const manifest = await this.transfer(() => this.own.verify(hex));
          if (!manifest) throw this.missing(hex);
          this.bytes.inc({ op: 'verified' }, Number(manifest.size));
          await this.marks
            .mark(hex, manifest, stamp)
            .catch((e: unknown) =>
              this.log.warn(
                { error: e instanceof Error ? e.message : String(e) },
                'content verification not recorded',
              ),
            );
        }
        this.verified.set(hex, true);
        if (this.verified.size > VERIFIED_CAPACITY) this.verified.delete(this.verified.keys().next().value!);
      }
      return undefined;
    });
  }

  /**
   * True when the domain has a record that this manifest was verified; for a manifest stored moments
   * ago, waits a little for the guard that is verifying it, rather than read the content twice at once.
   */
  private async verifiedInDomain(
    hex: string,
    manifest: ContentManifest,
    storedAtMs: number,
  ): Promise<boolean> {
    const holds = (): Promise<boolean> => this.marks.holds(hex, manifest).catch(() => false);
    if (await holds()) return true;
    const until = storedAtMs + GUARD_WAIT_MS + Number(manifest.size) / GUARD_WAIT_BYTES_PER_MS;
    // Asked often (two KV reads each time): the record usually comes within tens of milliseconds,
    // when the guard has hashed the last chunks of the upload, and the delivery waits for it.
    for (let wait = 10; Date.now() < until; wait = Math.min(wait * 2, GUARD_POLL_MS)) {
      await sleep(Math.min(wait, Math.max(1, until - Date.now())));
      if (await holds()) return true;
    }
    return false;
  }

  private missing(hex: string): ContentMissingError {
    return new ContentMissingError(
      `content ${hex} is not complete in domain '${this.domain}'`,
      hex,
      this.domain,
    );
  }

  /**
   * Corrupt content is a problem no retry cures. Missing content is waited for (the handler throws,
   * the message is retried with back-off) until the message has waited `waitMs` at this node.
   */
  private async guard(
    receivedAtMs: number,
    run: () => Promise<AttachmentProblem | undefined>,
  ): Promise<AttachmentProblem | undefined> {
    try {
      return await run();
    } catch (e) {
      if (e instanceof ContentIntegrityError) return corrupt(e.message);
      if (!(e instanceof ContentMissingError)) throw e;
      const waited = this.now() - receivedAtMs;
      if (waited >= this.config.waitMs) {
        return {
          reason: FailureReason.FAILURE_REASON_ATTACHMENT_MISSING,
          detail: `${e.message} after ${Math.round(waited / 1000)} s`,
        };
      }
      throw new LienthongError('Unavailable', `${e.message}; waiting for it`, { cause: e });
    }
  }

  /** Removes content that no retained document references (after the grace period). */
  sweep(): Promise<SweepResult> {
    this.sweeping ??= (async () => {
      try {
        const keys = await listKvKeys(this.nats.js, this.nats.jsm, {
          bucket: CONTENT_REFS_BUCKET,
          timeoutMs: 60_000,
        });
        // A reference is `<content sha256>.<envelope id>`.
        const referenced = new Set(
          keys
            .filter((k) => !MARK_KEY_PREFIXES.some((p) => k.startsWith(p)))
            .map((k) => k.slice(0, k.indexOf('.'))),
        );
        const now = this.now();
        const result = await sweepContent(this.nats.js, this.nats.jsm, this.domain, {
          referenced,
          graceMs: this.config.graceMs,
          now,
          beforeRemove: async () => {
            this.verified.clear();
            await this.marks.removing();
          },
        });
        for (const hex of this.verified.keys()) if (!referenced.has(hex)) this.verified.delete(hex);
        // Stored before the cut-off: referenced, or removed just now.
        this.uploads.swept(now - this.config.graceMs);
        if (result.manifestsRemoved + result.chunksRemoved > 0) this.log.info(result, 'content swept');
        return result;
      } finally {
        this.sweeping = undefined;
      }
    })();
    return this.sweeping;
  }

  private store(domain: string): Promise<ContentStore> {
    let s = this.stores.get(domain);
    if (!s) {
      const opts = domain === '' ? {} : { domain };
      s = jetstreamManager(this.nats.nc, opts).then(
        (jsm) => new ContentStore(jetstream(this.nats.nc, opts), jsm, domain),
      );
      s.catch(() => this.stores.delete(domain));
      this.stores.set(domain, s);
    }
    return s;
  }

  private async transfer<T>(run: () => Promise<T>): Promise<T> {
    while (this.active >= this.config.concurrentTransfers) {
      await new Promise<void>((r) => this.queue.push(r));
    }
    this.active++;
    try {
      return await run();
    } finally {
      this.active--;
      this.queue.shift()?.();
    }
  }
}

function tooLarge(detail: string): AttachmentProblem {
  return { reason: FailureReason.FAILURE_REASON_ATTACHMENT_TOO_LARGE, detail };
}

function corrupt(detail: string): AttachmentProblem {
  return { reason: FailureReason.FAILURE_REASON_ATTACHMENT_CORRUPT, detail };
}

function malformed(detail: string): AttachmentProblem {
  return { reason: FailureReason.FAILURE_REASON_MALFORMED, detail };
}

/**
 * Creates the domain's content stream and its reference bucket, or brings them to the configured
 * bounds and retention (an existing bucket keeps the age it was made with otherwise); returns the bucket.
 */
export async function provisionAttachments(
  nats: { readonly jsm: JetStreamManager; readonly kvm: Kvm },
  domain: string,
  config: AttachmentConfig,
  replicas: number,
): Promise<KV> {
  await ensureContentStream(nats.jsm, domain, replicas, streamLimitsOf(CONTENT_STREAM_NAME));
  const refs = await nats.kvm.create(CONTENT_REFS_BUCKET, {
    history: 1,
    storage: StorageType.File,
    replicas,
    ttl: config.referenceMaxAgeMs,
  });
  const stream = `KV_${CONTENT_REFS_BUCKET}`;
  const { config: current } = await nats.jsm.streams.info(stream);
  const maxAge = config.referenceMaxAgeMs * 1_000_000;
  await upsertStream(nats.jsm, {
    name: stream,
    subjects: current.subjects,
    ...streamLimitsOf(stream),
    max_age: maxAge,
    duplicate_window: Math.min(current.duplicate_window, maxAge),
  });
  return refs;
}
