/**
 * What an inbox item says it concerns. A revoke, update or replace changes documents of its own
 * sender; another agency's document it names in responseFor is what it answers. So a package from
 * B naming A's document cannot make a recipient's system take it as a change to A's document.
 */
import type { JsMsg } from '@nats-io/jetstream';
import { BusinessOperation, Envelope, EnvelopeKind } from '@lienthong/proto';
import type { IDocument } from '@lienthong/proto';
import { held, itemFacts } from '../src/inbox-item';

const A = '000.01.43.H41';
const B = '000.02.43.H41';
const THEIRS = `${A},2026/11/20,7/UBND`;
const MINE = `${B},2026/11/19,3/UBND`;
const ID = `${B},2026/11/22,9/UBND`;

function concerns(
  document: Partial<IDocument>,
  kind = EnvelopeKind.ENVELOPE_KIND_DOCUMENT,
): readonly string[] {
  const envelope = Envelope.create({
    kind,
    documentId: ID,
    originAgency: B,
    document: { documentId: ID, from: { code: B }, ...document },
  });
  const m = { headers: undefined, seq: 1, info: { timestampNanos: 1e15 } } as unknown as JsMsg;
  return itemFacts(held(m, envelope)).concerns;
}

describe('InboxItem.concerns', () => {
  it('a revoke naming only another agency’s document concerns its own id, not that document', () => {
    const business = { operation: BusinessOperation.BUSINESS_OPERATION_REVOKE, reason: 'x' };
    expect(concerns({ responseFor: [{ organCode: A, documentId: THEIRS }], business })).toEqual([ID]);
  });

  it('an update concerns the sender’s own documents it names, not another agency’s beside them', () => {
    const business = { operation: BusinessOperation.BUSINESS_OPERATION_UPDATE, reason: 'x' };
    const responseFor = [
      { organCode: A, documentId: THEIRS },
      { organCode: B, documentId: MINE },
    ];
    expect(concerns({ responseFor, business })).toEqual([MINE]);
  });

  it('a replace concerns what it replaces', () => {
    const business = {
      operation: BusinessOperation.BUSINESS_OPERATION_REPLACE,
      reason: 'x',
      replaces: [MINE],
    };
    expect(concerns({ business })).toEqual([MINE]);
  });

  it('a new document concerns what it answers, whoever sent it', () => {
    expect(concerns({ responseFor: [{ organCode: A, documentId: THEIRS }] })).toEqual([THEIRS]);
  });
});
