import { createHash } from 'node:crypto';
import { AckPolicy, DeliverPolicy, JetStreamApiCodes, JetStreamApiError } from '@nats-io/jetstream';
import type { ConsumerMessages, JetStreamClient, JetStreamManager, JsMsg } from '@nats-io/jetstream';
import { ContentManifest } from '@lienthong/proto';
import { ContentIntegrityError, ContentMissingError } from './errors';
import type { ContentStore } from './store';
import { CONTENT_STREAM, chunkFilter, hashOfSubject } from './subjects';

/** The durable consumer (one per domain, shared by the node processes there) the guard reads from. */
export const CONTENT_GUARD_CONSUMER = 'lt-content-guard';

export interface ContentGuardEvents {
  /** A stored message that is not what its subject says, removed. */
  readonly onRemoved?: (subject: string, why: string) => void;
  readonly onError?: (e: unknown) => void;
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

  constructor(
    private readonly js: JetStreamClient,
    private readonly jsm: JetStreamManager,
    private readonly store: ContentStore,
    private readonly events: ContentGuardEvents = {},
  ) {}

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
    await this.messages?.close().catch(() => undefined);
    await this.loop?.catch(() => undefined);
  }

  private async check(m: JsMsg): Promise<void> {
    const why = await this.problem(m.subject, m.data);
    if (!why) return;
    await this.jsm.streams.deleteMessage(CONTENT_STREAM, m.seq, false).catch((e: unknown) => {
      // Removed already (by another process of the domain).
      if (!(e instanceof JetStreamApiError)) throw e;
    });
    this.events.onRemoved?.(m.subject, why);
  }

  /** Why a content message is not what its subject says, or undefined when it is. */
  async problem(subject: string, data: Uint8Array): Promise<string | undefined> {
    const hex = hashOfSubject(subject);
    const isChunk = subject.startsWith(chunkFilter(this.store.domain).slice(0, -1));
    if (isChunk) {
      return createHash('sha256').update(data).digest('hex') === hex
        ? undefined
        : 'chunk bytes do not hash to its subject';
    }
    let manifest: ContentManifest;
    try {
      manifest = ContentManifest.decode(data);
    } catch {
      return 'manifest does not decode';
    }
    if (manifest.sha256Hex !== hex) return 'manifest names another content';
    try {
      await this.store.verify(hex);
      return undefined;
    } catch (e) {
      if (e instanceof ContentIntegrityError || e instanceof ContentMissingError) return e.message;
      if (e instanceof RangeError || (e instanceof Error && /index out of range|invalid/i.test(e.message)))
        return e.message;
      throw e;
    }
  }
}
