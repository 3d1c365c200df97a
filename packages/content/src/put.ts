/**
 * Storing one message on a content subject. The subject (one message each, a second refused) is the
 * only key: no message id, so nothing stored elsewhere can make a publish a "duplicate". A taken
 * subject counts as stored only when what it holds is good (its bytes hash to the subject).
 */
import type { JetStreamClient } from '@nats-io/jetstream';
import { headers as natsHeaders } from '@nats-io/transport-node';
import { LienthongError } from '@lienthong/core';
import { classifyNatsError, retry, sleep } from '@lienthong/infra';
import { ContentManifest } from '@lienthong/proto';
import { ContentIntegrityError, ContentMissingError } from './errors';
import { hashOfSubject, manifestSubject } from './subjects';

const PUBLISH_ATTEMPTS = 4;

/** Where a content store writes, and how it reads back what a subject holds. */
export interface ContentTarget {
  readonly js: JetStreamClient;
  readonly domain: string;
  /** Deadline of one publish, and how long a taken subject's other bytes are waited out. */
  readonly timeoutMs: number;
  /** The message stored on a subject, if any; `have` is what this store means to put there. */
  readonly read: (subject: string, have: Uint8Array) => Promise<Uint8Array | undefined>;
  /** How a message is stored instead of a publish of this store's own (an agency's: through its home node). */
  readonly write?: ContentWriter | undefined;
}

/**
 * Stores one message on a content subject for the caller: true when stored, false when the subject
 * was taken already; an agency's home node does it for it, counting its uploads (its `put`).
 */
export type ContentWriter = (
  subject: string,
  data: Uint8Array,
  hints: Readonly<Record<string, string>> | undefined,
) => Promise<boolean>;

/**
 * Stores `data` on `subject`; true when this call stored it, false when what the subject held was
 * good already. Other bytes (stored first by someone else) are waited out until the node's content
 * guard removes them (`ContentGuard`), then ours are stored; if they stay, this fails rather than
 * report content as stored that is not.
 */
export async function putChecked(
  target: ContentTarget,
  subject: string,
  data: Uint8Array,
  isGood: (stored: Uint8Array) => boolean | Promise<boolean>,
  hints?: Readonly<Record<string, string>>,
): Promise<boolean> {
  const deadline = Date.now() + target.timeoutMs;
  for (let wait = 50; ; wait = Math.min(wait * 2, 500)) {
    const stored = target.write
      ? await target.write(subject, data, hints)
      : await publishContent(target, subject, data, hints);
    if (stored) return true;
    const held = await target.read(subject, data);
    if (held !== undefined && (await isGood(held))) return false;
    if (Date.now() >= deadline) {
      throw new ContentIntegrityError(
        `${subject} holds other bytes than its hash names, and they were not removed; nothing was stored there`,
        hashOfSubject(subject),
        undefined,
      );
    }
    await sleep(wait);
  }
}

/** Publishes once on a subject; true when stored, false when the subject was taken. */
export async function publishContent(
  target: Pick<ContentTarget, 'js' | 'domain' | 'timeoutMs'>,
  subject: string,
  data: Uint8Array,
  hints: Readonly<Record<string, string>> | undefined,
): Promise<boolean> {
  let h: ReturnType<typeof natsHeaders> | undefined;
  if (hints) {
    h = natsHeaders();
    for (const [k, v] of Object.entries(hints)) h.set(k, v);
  }
  try {
    // A timeout or a moment without responders: the same publish again is harmless.
    await retry(
      () => target.js.publish(subject, data, { timeout: target.timeoutMs, ...(h ? { headers: h } : {}) }),
      {
        attempts: PUBLISH_ATTEMPTS,
        backoff: { initialMs: 200, maxMs: 3_200 },
      },
    );
    return true;
  } catch (e) {
    // A second message on a subject (one per subject, discard new): the subject is taken. A full
    // stream or account is the same error code and must fail the upload instead.
    const c = classifyNatsError(e);
    if (c.kind === 'store-refused' && c.limit === 'subject') return false;
    if (c.kind === 'store-refused' && c.limit === 'bytes') {
      throw new LienthongError(
        'ResourceExhausted',
        `the content store of domain '${target.domain}' is full (its max_bytes); nothing more can be stored until the sweep frees room`,
        { context: { domain: target.domain, subject }, cause: e },
      );
    }
    throw e;
  }
}

/**
 * Stores a manifest; true when this call stored it, false when one was there already that
 * describes the same bytes: the same chunks, or a complete content with that hash (stored before
 * with another chunk size), as `verify` finds it.
 */
export function storeManifest(
  target: ContentTarget,
  manifest: ContentManifest,
  verify: (sha256Hex: string) => Promise<ContentManifest | undefined>,
  hints?: Readonly<Record<string, string>>,
): Promise<boolean> {
  const data = ContentManifest.encode(manifest).finish();
  const ours = Buffer.from(data);
  return putChecked(
    target,
    manifestSubject(target.domain, manifest.sha256Hex),
    data,
    async (stored) => {
      if (ours.equals(Buffer.from(stored))) return true;
      try {
        return (await verify(manifest.sha256Hex)) !== undefined;
      } catch (e) {
        if (e instanceof ContentIntegrityError || e instanceof ContentMissingError) return false;
        if (e instanceof Error && /index out of range|invalid|illegal/i.test(e.message)) return false;
        throw e;
      }
    },
    hints,
  );
}
