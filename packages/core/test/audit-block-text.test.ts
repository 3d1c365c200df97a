/**
 * auditBlockText (the node's way of writing a block) gives the same bytes and hash as the object
 * form that verifyAuditChain reads back: Vietnamese text, absent optional fields, a chain of two.
 */
import { createHash } from 'node:crypto';
import { AUDIT_GENESIS, auditBlockHash, auditBlockText, makeAuditBlock, verifyAuditChain } from '../src';
import type { AuditEntry } from '../src';

const entries: AuditEntry[] = [
  {
    kind: 'submit',
    subject: 'lt.v1.commune.h41-yenthanh-xa1.submit.000.00.00.H41',
    streamSeq: 7,
    sha256: 'ab'.repeat(32),
    disposition: 'forwarded',
    envelopeId: 'abcdefghijklmnopqrstuvwxyz',
    documentId: '12/QĐ-UBND',
    what: 'document',
  },
  {
    kind: 'relay',
    subject: 'lt.v1.central.vn.relay.normal',
    streamSeq: 8,
    sha256: 'cd'.repeat(32),
    disposition: 'dead-lettered',
  },
];

describe('auditBlockText', () => {
  it('is JSON.stringify of makeAuditBlock, with the same hash', () => {
    const fromText = auditBlockText('h41-yenthanh-xa1', 3, 'ef'.repeat(32), 1_764_000_000_123, entries);
    const block = makeAuditBlock('h41-yenthanh-xa1', 3, 'ef'.repeat(32), 1_764_000_000_123, entries);
    expect(fromText.text).toBe(JSON.stringify(block));
    expect(fromText.hash).toBe(block.hash);
    // The hash every stored chain was written with: SHA-256 of the JSON array of the fields.
    const original = createHash('sha256')
      .update(JSON.stringify([1, 'h41-yenthanh-xa1', 3, 'ef'.repeat(32), 1_764_000_000_123, entries]))
      .digest('hex');
    expect(fromText.hash).toBe(original);
    expect(auditBlockHash(JSON.parse(fromText.text) as Parameters<typeof auditBlockHash>[0])).toBe(
      block.hash,
    );
  });

  it('writes chains that verify, and a changed entry breaks them', () => {
    const first = auditBlockText('n1', 1, AUDIT_GENESIS, 1_000, entries);
    const second = auditBlockText('n1', 2, first.hash, 2_000, entries.slice(1));
    const stored = [first.text, second.text].map((t, i) => ({ streamSeq: i + 1, data: Buffer.from(t) }));
    expect(verifyAuditChain('n1', stored)).toEqual({ node: 'n1', blocks: 2, entries: 3, head: second.hash });
    const altered = [
      stored[0]!,
      { streamSeq: 2, data: Buffer.from(second.text.replace('dead-lettered', 'forwarded')) },
    ];
    expect(verifyAuditChain('n1', altered).broken?.problem).toMatch(/altered/);
  });
});
