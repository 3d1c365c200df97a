import type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import { DiscardPolicy, RetentionPolicy, StorageType } from '@nats-io/jetstream';
import type { Logger } from 'pino';
import {
  AUDIT_GENESIS,
  AUDIT_STREAM,
  AUDIT_SUBJECTS,
  DEFAULT_MAX_BYTES,
  auditBlockText,
  auditSubject,
  sha256Hex,
  verifyAuditChain,
} from '@lienthong/core';
import type { AuditBlock, AuditEntry, AuditVerification, NodeInfo, Topology } from '@lienthong/core';
import { classifyNatsError, retry, upsertStream } from '@lienthong/infra';
import { BusinessStatus, EnvelopeKind } from '@lienthong/proto';
import { envelopeNames } from './document-bytes';
import type { Disposition, InboundMessage } from './inbound';
import { BATCH_HEADER, BATCH_MAX_EVENTS, isBatch } from './batch-wire';
import { streamLimitsOf } from './stream-limits';

export { AUDIT_STREAM };

/**
 * The audit log of the nodes this process hosts: one hash chain per node in stream LT_AUDIT.
 * `record()` resolves once the entry is in a stored block, so a handler that awaits it before its
 * message is acknowledged never acknowledges an unaudited custody transfer. Entries that arrive
 * while a block is being stored go into the next block together: one publish per block, not per
 * entry. Two processes hosting the same node append to the same chain; the expected-last-sequence
 * check makes the loser re-read the head and chain its block after the winner's.
 */
export class AuditLog {
  private readonly chains = new Map<string, Chain>();

  constructor(
    private readonly js: JetStreamClient,
    private readonly jsm: JetStreamManager,
    private readonly log: Logger,
    private readonly replicas = 1,
  ) {}

  /**
   * Creates LT_AUDIT, or brings its subjects up to date. Like the other streams, a domain that does
   * not hold every node lists its own nodes' subjects, so two domains never capture one block.
   */
  async ensureStream(topology?: Topology, domain = ''): Promise<void> {
    const all = topology?.nodes() ?? [];
    const own = all.filter((n) => n.domain === domain);
    const subjects = own.length === all.length ? [AUDIT_SUBJECTS] : own.map((n) => auditSubject(n.id));
    const config = {
      name: AUDIT_STREAM,
      subjects,
      retention: RetentionPolicy.Limits,
      storage: StorageType.File,
      num_replicas: this.replicas,
      // An audit log is never trimmed by the broker; archiving it is an operator's decision. Its
      // bound refuses new blocks when reached (custody then waits): the fill alert comes before.
      // (Without discard new, a full stream would drop its oldest blocks instead.)
      max_age: 0,
      discard: DiscardPolicy.New,
      ...streamLimitsOf(AUDIT_STREAM),
    };
    await upsertStream(this.jsm, config);
  }

  record(node: NodeInfo, entry: AuditEntry): Promise<void> {
    let chain = this.chains.get(node.id);
    if (!chain) {
      chain = new Chain(node.id, this.js, this.jsm, this.log);
      this.chains.set(node.id, chain);
    }
    return chain.append(entry);
  }
}

interface Pending {
  readonly entry: AuditEntry;
  readonly resolve: () => void;
  readonly reject: (e: unknown) => void;
}

/**
 * How long an idle chain waits for more entries before it stores a block: at 1,000 documents a
 * second, 3 ms makes about 0.4 blocks per document instead of 0.65 (docs/BENCHMARKS.md).
 */
export const AUDIT_GATHER_MS = 3;

class Chain {
  private pending: Pending[] = [];
  private flushing = false;
  private gathering: NodeJS.Timeout | undefined;
  private head: { seq: number; hash: string; subjectSeq: number } | undefined;

  constructor(
    private readonly node: string,
    private readonly js: JetStreamClient,
    private readonly jsm: JetStreamManager,
    private readonly log: Logger,
  ) {}

  append(entry: AuditEntry): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ entry, resolve, reject });
      if (this.flushing || this.gathering) return;
      // An idle chain gathers entries for a moment before its next block (while a block is being
      // stored, entries gather behind it anyway). Only the acknowledgements of the messages wait:
      // each handler has already handed its message on.
      this.gathering = setTimeout(() => {
        this.gathering = undefined;
        if (!this.flushing) void this.flush();
      }, AUDIT_GATHER_MS);
    });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    try {
      while (this.pending.length > 0) {
        const batch = this.pending;
        this.pending = [];
        try {
          await this.store(batch.map((p) => p.entry));
          for (const p of batch) p.resolve();
        } catch (e) {
          // The handlers fail and their messages are retried: custody is kept, the chain unchanged.
          this.head = undefined;
          for (const p of batch) p.reject(e);
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  private async store(entries: AuditEntry[]): Promise<void> {
    // A wrong expected last sequence: another writer appended to the chain first.
    await retry(
      async () => {
        const head = (this.head ??= await this.readHead());
        const seq = head.seq + 1;
        const block = auditBlockText(this.node, seq, head.hash, Date.now(), entries);
        const ack = await this.js.publish(auditSubject(this.node), block.text, {
          expect: { lastSubjectSequence: head.subjectSeq },
        });
        this.head = { seq, hash: block.hash, subjectSeq: ack.seq };
      },
      {
        attempts: 6,
        backoff: { initialMs: 0, maxMs: 0 },
        retryIf: (e) => classifyNatsError(e).kind === 'wrong-last-sequence',
        onRetry: () => {
          this.log.debug({ node: this.node }, 'audit chain moved on: re-reading its head');
          this.head = undefined;
        },
      },
    );
  }

  private async readHead(): Promise<{ seq: number; hash: string; subjectSeq: number }> {
    const last = await this.jsm.streams
      .getMessage(AUDIT_STREAM, { last_by_subj: auditSubject(this.node) })
      .catch(() => null);
    if (!last) return { seq: 0, hash: AUDIT_GENESIS, subjectSeq: 0 };
    try {
      const b = JSON.parse(Buffer.from(last.data).toString('utf8')) as AuditBlock;
      if (Number.isSafeInteger(b.seq) && b.seq > 0 && /^[0-9a-f]{64}$/.test(b.hash)) {
        return { seq: b.seq, hash: b.hash, subjectSeq: last.seq };
      }
    } catch {
      // handled below
    }
    // The head is not a block this code wrote: the chain was tampered with. Keep recording (the
    // node must keep serving), chained to the hash of those bytes; `audit verify` reports the break.
    this.log.error({ node: this.node, streamSeq: last.seq }, 'audit chain head is not a valid block');
    return {
      seq: 0,
      hash: sha256Hex(last.data),
      subjectSeq: last.seq,
    };
  }
}

/** The audit entry of one handled inbound message; ids read best-effort from the bytes. */
export function auditEntryOf(kind: string, msg: InboundMessage, disposition: Disposition): AuditEntry {
  const base = {
    kind,
    subject: msg.subject,
    streamSeq: msg.seq,
    sha256: sha256Hex(msg.data),
    disposition,
  };
  if (msg.data.length > DEFAULT_MAX_BYTES) return base;
  // Transport events that crossed from another domain together: one custody transfer, its bytes'
  // hash covering every entry. The count is the sender's header: kept only as a plausible number.
  if (isBatch(msg.headers)) {
    const n = Number(msg.headers?.get(BATCH_HEADER));
    const of = Number.isInteger(n) && n > 0 && n <= BATCH_MAX_EVENTS ? ` of ${n}` : '';
    return { ...base, what: `TRANSPORT BATCH${of}` };
  }
  try {
    // As the intake decoded it, or else the routing fields only: a broadcast's document (thousands
    // of addressees) is not decoded again.
    const env = envelopeNames(msg.data);
    const what =
      env.kind === EnvelopeKind.ENVELOPE_KIND_STATUS && env.statusCode !== undefined
        ? `STATUS ${BusinessStatus[env.statusCode] ?? String(env.statusCode)}`
        : (EnvelopeKind[env.kind] ?? String(env.kind)).replace('ENVELOPE_KIND_', '');
    return {
      ...base,
      ...(env.envelopeId ? { envelopeId: env.envelopeId.slice(0, 128) } : {}),
      ...(env.documentId ? { documentId: env.documentId.slice(0, 512) } : {}),
      what,
    };
  } catch {
    return base;
  }
}

/** The stored blocks of one node's chain, in stream order (an ordered consumer on its subject). */
export async function readAuditChain(
  js: JetStreamClient,
  jsm: JetStreamManager,
  node: string,
): Promise<{ streamSeq: number; data: Uint8Array }[]> {
  const subject = auditSubject(node);
  const info = await jsm.streams.info(AUDIT_STREAM, { subjects_filter: subject });
  const total = info.state.subjects?.[subject] ?? 0;
  const out: { streamSeq: number; data: Uint8Array }[] = [];
  if (total === 0) return out;
  const consumer = await js.consumers.get(AUDIT_STREAM, { filter_subjects: subject });
  while (out.length < total) {
    const batch = await consumer.fetch({ max_messages: Math.min(total - out.length, 1000), expires: 5000 });
    let got = 0;
    for await (const m of batch) {
      out.push({ streamSeq: m.seq, data: m.data });
      got++;
    }
    if (got === 0) break;
  }
  await consumer.delete().catch(() => undefined);
  return out;
}

/** The nodes that have an audit chain in this domain. */
export async function auditedNodes(jsm: JetStreamManager): Promise<string[]> {
  const info = await jsm.streams.info(AUDIT_STREAM, { subjects_filter: AUDIT_SUBJECTS });
  return Object.keys(info.state.subjects ?? {})
    .map((s) => s.slice('lt.v1.audit.'.length))
    .sort();
}

/** Reads and verifies one node's chain. */
export async function verifyNodeAudit(
  js: JetStreamClient,
  jsm: JetStreamManager,
  node: string,
): Promise<AuditVerification> {
  return verifyAuditChain(node, await readAuditChain(js, jsm, node));
}
