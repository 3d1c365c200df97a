import { BusinessStatus, TransportState } from '@lienthong/proto';

/**
 * Names for people: `FETCHED` for a transport state, `03 ACCEPTED` for a business status, and `-`
 * when there is none (a timeline entry carries one or the other; protobuf leaves the other unset,
 * null or 0), instead of `TransportState[x]`, which does not type-check on null, or `x || y`, which
 * prints raw numbers.
 */
export function transportName(state: TransportState | number | null | undefined): string {
  if (!state) return '-';
  return (TransportState[state] ?? String(state)).replace('TRANSPORT_STATE_', '');
}

/** `01 ARRIVED`, `03 ACCEPTED`, `15 CHANGE_ACCEPTED`; `-` for none. */
export function businessName(status: BusinessStatus | number | null | undefined): string {
  if (!status) return '-';
  const name = (BusinessStatus[status] ?? 'UNKNOWN').replace('BUSINESS_STATUS_', '');
  return `${String(status).padStart(2, '0')} ${name}`;
}

/** What one timeline entry (or tracking record) says: its business status if any, else its transport state. */
export function statusName(e: {
  readonly transport?: TransportState | number | null;
  readonly business?: BusinessStatus | number | null;
}): string {
  return e.business ? businessName(e.business) : transportName(e.transport);
}
