import { BusinessStatus, Envelope, EnvelopeKind, Priority, SCHEMA_VERSION } from '@lienthong/proto';

describe('@lienthong/proto', () => {
  it('round-trips an envelope with int64 fields decoded as numbers', () => {
    const createdAtMs = Date.UTC(2026, 10, 22, 8, 30);
    const bytes = Envelope.encode({
      schemaVersion: SCHEMA_VERSION,
      envelopeId: 'env-1',
      kind: EnvelopeKind.ENVELOPE_KIND_STATUS,
      documentId: '000.00.00.G22,2026/11/22,12/VPCP-TH',
      createdAtMs,
      priority: Priority.PRIORITY_FLASH,
      status: { code: BusinessStatus.BUSINESS_STATUS_COMPLETED, responder: '000.00.00.H41' },
    }).finish();
    const decoded = Envelope.decode(bytes);
    expect(decoded.createdAtMs).toBe(createdAtMs);
    expect(decoded.payload).toBe('status');
    expect(decoded.status?.code).toBe(6);
    expect(decoded.priority).toBe(3);
  });

  it('numbers business statuses by their edXML codes', () => {
    expect(BusinessStatus.BUSINESS_STATUS_ARRIVED).toBe(1);
    expect(BusinessStatus.BUSINESS_STATUS_COMPLETED).toBe(6);
    expect(BusinessStatus.BUSINESS_STATUS_RECALL_REQUESTED).toBe(13);
    expect(BusinessStatus.BUSINESS_STATUS_CHANGE_ACCEPTED).toBe(15);
    expect(BusinessStatus.BUSINESS_STATUS_CHANGE_REFUSED).toBe(16);
  });
});

describe('64-bit fields', () => {
  it('are plain numbers even when absent on the wire', () => {
    const decoded = Envelope.decode(Envelope.encode({ envelopeId: 'e' }).finish());
    expect(decoded.createdAtMs).toBe(0);
    expect(typeof Envelope.create().createdAtMs).toBe('number');
  });
});
