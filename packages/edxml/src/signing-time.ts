/**
 * The time the certificate's validity and revocation are judged at: a signed signing time, else
 * the promulgation date, else the receipt time.
 */
import type { Element as XElement } from '@xmldom/xmldom';
import type { ParsedPackage } from './types';
import type { SignatureVerdict } from './verdict';
import { descendants } from './xml-dom';

export type TimeSource = NonNullable<SignatureVerdict['checkedAtSource']>;

/** `signedTargets`: the signed elements of the signature's Object (a SigningTime among them counts). */
export function signingTime(
  signedTargets: XElement[],
  parsed: ParsedPackage,
  receiptTime: Date | undefined,
): { at: Date; source: TimeSource } {
  for (const t of signedTargets) {
    const st = [...(t.localName === 'SigningTime' ? [t] : []), ...descendants(t, 'SigningTime')][0];
    const d = st === undefined ? undefined : new Date((st.textContent ?? '').trim());
    if (d !== undefined && !Number.isNaN(d.getTime())) return { at: d, source: 'signing_time' };
  }
  if (parsed.kind === 'edoc' && parsed.header.promulgationInfo.promulgationDate !== '') {
    // Noon, Vietnam time, of the promulgation day.
    return {
      at: new Date(`${parsed.header.promulgationInfo.promulgationDate}T12:00:00+07:00`),
      source: 'promulgation_date',
    };
  }
  return { at: receiptTime ?? new Date(), source: 'receipt_time' };
}

/** How a reason names the time source (none: the receipt time). */
export function sourceName(s: SignatureVerdict['checkedAtSource']): string {
  return s === 'signing_time'
    ? 'signing time'
    : s === 'promulgation_date'
      ? 'promulgation date'
      : 'receipt time';
}
