/**
 * Which agency has shown it holds which bytes. Content is shared by hash, and a hash is no secret
 * (an edXML header or a receipt may carry it): a document that references stored content must not
 * be how an agency that never had the bytes gets them. So a home node records, in KV
 * `lt_content_held` (key `<agency token>.<sha256>`), each chunk an agency stored through it (the
 * agency service's `put`, which hashes the bytes it is given: taken subjects count, the agency sent
 * the bytes all the same). An agency holds a content when it holds every chunk the content's stored
 * manifest lists (a manifest an agency puts proves nothing of the content it names; the domain's
 * guard removes one that does not describe its content). Intake takes a stored attachment from an
 * agency that holds it, or that is a party to a document referencing it (content-reads.ts): a
 * sender forwarding what it received.
 *
 * Only node identities may write the bucket (agencies may not publish on `$KV.>`). The records are
 * kept for a week (`HELD_MAX_AGE_MS`): what an agency uploads, it sends at once (the SDK's `send()`,
 * the gateway), and a week covers a submission that waited through an outage of its home node.
 */
import { DiscardPolicy, StorageType } from '@nats-io/jetstream';
import type { JetStreamManager } from '@nats-io/jetstream';
import type { KV, Kvm } from '@nats-io/kv';
import { CONTENT_HELD_BUCKET } from '@lienthong/content';
import { agencyToToken } from '@lienthong/core';
import type { NodeInfo } from '@lienthong/core';
import { upsertStream } from '@lienthong/infra';
import { FailureReason } from '@lienthong/proto';
import type { IDocument } from '@lienthong/proto';
import type { ResolvedConfig } from './config';
import type { ContentReads } from './content-reads';
import type { Rejection } from './inbound';
import { streamLimitsOf } from './stream-limits';

export const HELD_MAX_AGE_MS = 7 * 24 * 3600 * 1000;
/** Records this process wrote or read lately, so that a manifest's chunks are not read back. */
const RECENT = 100_000;

export class ContentHolders {
  private readonly recent = new Set<string>();

  constructor(private readonly kv: KV) {}

  /** The agency (by subject token) has shown it holds the bytes hashing to `sha256Hex`. */
  async record(token: string, sha256Hex: string): Promise<void> {
    const key = `${token}.${sha256Hex}`;
    await this.kv.put(key, new Uint8Array(0));
    this.remember(key);
  }

  async holds(token: string, sha256Hex: string): Promise<boolean> {
    const key = `${token}.${sha256Hex}`;
    if (this.recent.has(key)) return true;
    const e = await this.kv.get(key);
    if (!e || e.operation !== 'PUT') return false;
    this.remember(key);
    return true;
  }

  /** The first of `hashes` the agency has not shown it holds; undefined when it holds them all. */
  async firstMissing(token: string, hashes: readonly string[]): Promise<string | undefined> {
    for (const h of hashes) if (!(await this.holds(token, h))) return h;
    return undefined;
  }

  private remember(key: string): void {
    if (this.recent.size >= RECENT) this.recent.delete(this.recent.values().next().value!);
    this.recent.add(key);
  }
}

/**
 * The intake rule: a stored attachment comes from an agency that holds its content, or that sent or
 * received a document with it. Applied where agencies connect as nkey identities (the node does too),
 * which store content only through their home node; without authorization an agency writes and
 * reads the content stream itself, and nothing is recorded for it.
 */
export class ContentPossession {
  constructor(
    /** Reads what an agency holds and what it is a party to (made with the holders). */
    private readonly parties: ContentReads,
    private readonly required: boolean,
  ) {}

  /** Why `submitter` may not send the stored attachments of `doc` from `node`; undefined when it may. */
  async problem(
    node: NodeInfo,
    submitter: string,
    doc: IDocument | null | undefined,
  ): Promise<Rejection | undefined> {
    if (!this.required) return undefined;
    const token = agencyToToken(submitter);
    for (const a of doc?.attachments ?? []) {
      const hex = a.ref?.sha256Hex ?? '';
      if (hex === '') continue;
      if (await this.parties.holdsContent(token, hex)) continue;
      if (await this.parties.partyTo({ level: node.levelName, node: node.id, token }, hex)) continue;
      // Said the same whether the content exists or not: the hash alone tells the sender nothing.
      return {
        reason: FailureReason.FAILURE_REASON_ATTACHMENT_MISSING,
        detail:
          `attachment ${a.name ?? '(unnamed)'}: agency ${submitter} has not stored content ${hex} through its ` +
          'home node, nor sent or received a document with it',
      };
    }
    return undefined;
  }
}

/** The node connects as an nkey identity: the broker's authorization is lienthong's own. */
export function isNodeIdentity(auth: ResolvedConfig['auth']): boolean {
  return auth !== undefined && (auth.nkeySeed !== undefined || auth.seedFile !== undefined);
}

/** Creates (or updates) `lt_content_held`: one record per key, a week old at most, the oldest go first. */
export async function provisionContentHeld(
  nats: { readonly jsm: JetStreamManager; readonly kvm: Kvm },
  replicas: number,
): Promise<KV> {
  const kv = await nats.kvm.create(CONTENT_HELD_BUCKET, {
    history: 1,
    storage: StorageType.File,
    replicas,
    ttl: HELD_MAX_AGE_MS,
  });
  const stream = `KV_${CONTENT_HELD_BUCKET}`;
  const { config } = await nats.jsm.streams.info(stream);
  await upsertStream(nats.jsm, {
    name: stream,
    subjects: config.subjects,
    ...streamLimitsOf(stream),
    // Full, it forgets the oldest records rather than refuse an upload.
    discard: DiscardPolicy.Old,
    max_age: HELD_MAX_AGE_MS * 1_000_000,
    duplicate_window: Math.min(config.duplicate_window, HELD_MAX_AGE_MS * 1_000_000),
  });
  return kv;
}
