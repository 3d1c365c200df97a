/**
 * The verdict on a document's edXML signature (judged at the sender's home node, carried in the
 * envelope and the sender's tracking), as `lienthong doc show` prints it.
 */
import type { IEdxmlSignatureVerdict, ITrackingRecord } from '@lienthong/proto';
import type { InboxCopy } from '@lienthong/readers';
import { fields } from './output';

const SOURCE: Record<string, string> = {
  signing_time: 'signing time',
  promulgation_date: 'promulgation date',
  receipt_time: 'receipt time',
};

const day = (ms: unknown): string => {
  const n = Number(ms ?? 0);
  return n > 0 ? new Date(n).toISOString().slice(0, 10) : '?';
};

/** The verdict a document's records or delivered copy carry, if any. */
export function verdictOf(
  records: readonly ITrackingRecord[],
  copy: InboxCopy | undefined,
): IEdxmlSignatureVerdict | undefined {
  return (
    records.find((r) => r.edxmlSignature?.verdict)?.edxmlSignature ??
    copy?.envelope.edxmlSignature ??
    undefined
  );
}

/** The verdict as aligned lines under an `edXML signature` heading. */
export function verdictText(v: IEdxmlSignatureVerdict): string {
  const s = v.signer;
  const judged = Number(v.checkedAtMs ?? 0);
  return `\nedXML signature: ${v.verdict ?? '?'}${v.verdict === 'valid' ? '' : '  (flagged)'}\n${fields(
    [
      [
        'signer',
        s ? `${s.commonName || s.subject}${s.identityNumber ? ` (${s.identityNumber})` : ''}` : undefined,
      ],
      ['issuer', s?.issuer || undefined],
      ['serial', s?.serialNumber || undefined],
      ['validity', s ? `${day(s.notBeforeMs)} – ${day(s.notAfterMs)}` : undefined],
      [
        'judged at',
        judged > 0
          ? `${new Date(judged).toISOString()} (${SOURCE[v.checkedAtSource ?? ''] ?? v.checkedAtSource})`
          : undefined,
      ],
      ['by', v.node ? `node ${v.node}, policy ${v.policy || 'accept'}` : undefined],
      ['reason', v.reason || undefined],
    ],
    '  ',
  )}`;
}
