/**
 * `doc watch` prints one line per tracking change. Statuses reported together are written as one
 * change, so the line names every entry the change added (the node's Lt-Added header), not only
 * the newest one.
 */
import { BusinessStatus, FailureReason, TrackingRecord, TransportState } from '@lienthong/proto';
import { watchLine } from '../src/commands/doc-watch';

const record = TrackingRecord.create({
  documentId: '000.00.00.H41,2026/12/02,7/UBND',
  sender: '000.00.00.H41',
  recipient: '000.00.00.G22',
  transport: TransportState.TRANSPORT_STATE_FETCHED,
  business: BusinessStatus.BUSINESS_STATUS_COMPLETED,
  updatedAtMs: 1_764_633_600_000,
  timeline: [
    { transport: TransportState.TRANSPORT_STATE_ACCEPTED, atMs: 1, node: 'h41' },
    { business: BusinessStatus.BUSINESS_STATUS_ACCEPTED, atMs: 2, node: 'vn' },
    { business: BusinessStatus.BUSINESS_STATUS_COMPLETED, atMs: 3, node: 'vn' },
  ],
});

describe('doc watch line', () => {
  it('names every entry a change added', () => {
    const line = watchLine(record, false, [1, 2]);
    expect(line).toContain('[03 ACCEPTED at vn, 06 COMPLETED at vn]');
  });

  it('names a refused submission’s sender, and a refused status’s code and the node that refused it', () => {
    const refusal = {
      documentId: record.documentId,
      transport: TransportState.TRANSPORT_STATE_FAILED,
      failure: FailureReason.FAILURE_REASON_NOT_A_RECIPIENT,
      failureDetail: '000.00.00.H27 reported 03 on …, but 000.00.00.H41 did not send it to 000.00.00.H27',
      updatedAtMs: 1_764_633_600_000,
    };
    const doc = TrackingRecord.create({ ...refusal, sender: '000.00.00.H27', timeline: [{ node: 'h27' }] });
    expect(watchLine(doc, false)).toMatch(
      /REFUSED {2}000\.00\.00\.H27 {2}000\.00\.00\.H41,2026\/12\/02,7\/UBND {2}NOT_A_RECIPIENT: /,
    );
    const status = TrackingRecord.create({
      ...refusal,
      sender: '000.00.00.H41',
      timeline: [{ business: BusinessStatus.BUSINESS_STATUS_ACCEPTED, node: 'h41' }],
    });
    expect(watchLine(status, false)).toContain(
      'REFUSED  status 03 ACCEPTED at h41  000.00.00.H41,2026/12/02,7/UBND  NOT_A_RECIPIENT: ',
    );
  });

  it('names the newest entry when the change does not say', () => {
    expect(watchLine(record, false)).toContain('[06 COMPLETED at vn]');
    expect(watchLine(record, false, [])).toContain('[06 COMPLETED at vn]');
  });
});
