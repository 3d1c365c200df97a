/**
 * The audit log of a node: a hash chain of blocks, each holding the entries one writer collected
 * while the previous block was being stored. A block's hash covers its content and the previous
 * block's hash, so changing or removing any block breaks every link after it.
 */
import { sha256Hex } from './sha256';

export const AUDIT_GENESIS = '0'.repeat(64);

/** One custody transfer: an inbound message a node handled, and what it did with it. */
export interface AuditEntry {
  /** `submit` or `relay`: which stream it came from. */
  readonly kind: string;
  readonly subject: string;
  /** Sequence of the inbound message in its stream. */
  readonly streamSeq: number;
  /** Hex SHA-256 of the inbound message's bytes. */
  readonly sha256: string;
  /** `forwarded` (handed on, delivered or applied) or `dead-lettered`. */
  readonly disposition: string;
  readonly envelopeId?: string;
  readonly documentId?: string;
  /** Envelope kind, and for a status its business code. */
  readonly what?: string;
}

export interface AuditBlock {
  readonly v: 1;
  readonly node: string;
  /** 1, 2, 3… per node, without gaps. */
  readonly seq: number;
  readonly prev: string;
  readonly atMs: number;
  readonly entries: readonly AuditEntry[];
  readonly hash: string;
}

/** The hashed text of a block: its fields in a fixed order, each already JSON. */
function hashedText(fields: readonly string[]): string {
  return `[${fields.join(',')}]`;
}

/** The hash of a block: SHA-256 over its fields in a fixed order. */
export function auditBlockHash(b: Omit<AuditBlock, 'hash'>): string {
  return sha256Hex(hashedText([b.v, b.node, b.seq, b.prev, b.atMs, b.entries].map((f) => JSON.stringify(f))));
}

/**
 * A new block as the JSON text that is stored: the same text as `JSON.stringify(makeAuditBlock(…))`,
 * with the entries serialised once for both the hash and the stored text (a busy node writes a block
 * for every few documents).
 */
export function auditBlockText(
  node: string,
  seq: number,
  prev: string,
  atMs: number,
  entries: readonly AuditEntry[],
): { text: string; hash: string } {
  const fields = [1, node, seq, prev, atMs, entries].map((f) => JSON.stringify(f));
  const [v, n, s, p, a, e] = fields;
  const hash = sha256Hex(hashedText(fields));
  return {
    text: `{"v":${v},"node":${n},"seq":${s},"prev":${p},"atMs":${a},"entries":${e},"hash":"${hash}"}`,
    hash,
  };
}

export function makeAuditBlock(
  node: string,
  seq: number,
  prev: string,
  atMs: number,
  entries: readonly AuditEntry[],
): AuditBlock {
  const body = { v: 1 as const, node, seq, prev, atMs, entries };
  return { ...body, hash: auditBlockHash(body) };
}

export interface AuditProblem {
  /** Position of the stored message (stream sequence) where the chain breaks. */
  readonly streamSeq: number;
  readonly blockSeq: number | undefined;
  readonly problem: string;
}

export interface AuditVerification {
  readonly node: string;
  readonly blocks: number;
  readonly entries: number;
  /** The first break found, or undefined when the chain is whole. */
  readonly broken?: AuditProblem;
  /** Hash of the last block: record it elsewhere to detect a truncated tail later. */
  readonly head: string;
}

/** Walks one node's chain, in stored order, and reports the first altered, removed or moved block. */
export function verifyAuditChain(
  node: string,
  stored: readonly { readonly streamSeq: number; readonly data: Uint8Array }[],
): AuditVerification {
  let prev = AUDIT_GENESIS;
  let expected = 1;
  let entries = 0;
  for (const { streamSeq, data } of stored) {
    const fail = (blockSeq: number | undefined, problem: string): AuditVerification => ({
      node,
      blocks: expected - 1,
      entries,
      broken: { streamSeq, blockSeq, problem },
      head: prev,
    });
    let b: AuditBlock;
    try {
      b = JSON.parse(Buffer.from(data).toString('utf8')) as AuditBlock;
    } catch {
      return fail(undefined, 'not an audit block (unreadable JSON)');
    }
    if (b.node !== node) return fail(b.seq, `block of node ${String(b.node)} in the chain of ${node}`);
    if (b.seq !== expected) {
      return fail(
        b.seq,
        b.seq > expected
          ? `block ${expected}${b.seq - 1 > expected ? `–${b.seq - 1}` : ''} removed (found block ${b.seq})`
          : `block ${b.seq} out of place (a re-inserted or duplicated block; expected ${expected})`,
      );
    }
    if (b.prev !== prev)
      return fail(b.seq, `block ${b.seq} does not follow block ${b.seq - 1} (previous hash differs)`);
    if (auditBlockHash(b) !== b.hash)
      return fail(b.seq, `block ${b.seq} was altered (its hash does not match its content)`);
    prev = b.hash;
    expected++;
    entries += Array.isArray(b.entries) ? b.entries.length : 0;
  }
  return { node, blocks: expected - 1, entries, head: prev };
}
