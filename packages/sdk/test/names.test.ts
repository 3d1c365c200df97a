import { BusinessStatus, TransportState, businessName, statusName, transportName } from '@lienthong/sdk';

describe('status names for people', () => {
  it('names transport states and business statuses, and says `-` for none (null, undefined, 0)', () => {
    expect(transportName(TransportState.TRANSPORT_STATE_FETCHED)).toBe('FETCHED');
    expect(businessName(BusinessStatus.BUSINESS_STATUS_ACCEPTED)).toBe('03 ACCEPTED');
    expect(businessName(BusinessStatus.BUSINESS_STATUS_CHANGE_ACCEPTED)).toBe('15 CHANGE_ACCEPTED');
    for (const none of [null, undefined, 0]) {
      expect(transportName(none)).toBe('-');
      expect(businessName(none)).toBe('-');
    }
    expect(transportName(99)).toBe('99');
    expect(businessName(99)).toBe('99 UNKNOWN');
  });

  it('names a timeline entry by what it carries, not by `transport || business` numbers', () => {
    expect(statusName({ transport: TransportState.TRANSPORT_STATE_DELIVERED, business: null })).toBe(
      'DELIVERED',
    );
    expect(statusName({ transport: null, business: BusinessStatus.BUSINESS_STATUS_COMPLETED })).toBe(
      '06 COMPLETED',
    );
    expect(statusName({})).toBe('-');
  });
});
