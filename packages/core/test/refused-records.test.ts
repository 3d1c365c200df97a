import {
  NO_RECIPIENT_TOKEN,
  isRefusedRecord,
  newTrackingRecord,
  refusalText,
  refusedAgain,
  refusedTrackingRecord,
  reopenedRecord,
  trackingKey,
  applyTrackingEvent,
} from '../src';
import { FailureReason, TransportState } from '@lienthong/proto';

const SENDER = '000.01.43.H41';
const RECIPIENT = '000.00.00.G22';
const DOC = `${SENDER},2026/12/03,1/UBND-VP`;
const base = {
  documentId: DOC,
  sender: SENDER,
  recipient: RECIPIENT,
  atMs: 1_000,
  node: 'h41-yenthanh-xa1',
  failure: FailureReason.FAILURE_REASON_MISSING_SIGNATURE,
  detail: 'this node requires signed documents',
  subject: 'Công văn',
};

describe('refused tracking records', () => {
  it('is FAILED with the refusal as its one timeline entry', () => {
    const r = refusedTrackingRecord(base);
    expect(r.transport).toBe(TransportState.TRANSPORT_STATE_FAILED);
    expect(r.failure).toBe(FailureReason.FAILURE_REASON_MISSING_SIGNATURE);
    expect(r.failureDetail).toBe(base.detail);
    expect(r.subject).toBe('Công văn');
    expect(r.timeline).toHaveLength(1);
    expect(r.timeline[0]!.description).toBe(
      'refused at intake (MISSING_SIGNATURE): this node requires signed documents',
    );
    expect(refusalText(FailureReason.FAILURE_REASON_MALFORMED, 'x')).toBe('refused at intake (MALFORMED): x');
    expect(isRefusedRecord(r)).toBe(true);
  });

  it('may have no recipient, under its own key token', () => {
    const r = refusedTrackingRecord({ ...base, recipient: '' });
    expect(r.recipient).toBe('');
    expect(trackingKey(SENDER, DOC, '').endsWith(`.${NO_RECIPIENT_TOKEN}`)).toBe(true);
    expect(trackingKey(SENDER, DOC, '')).not.toBe(trackingKey(SENDER, DOC, RECIPIENT));
    expect(() => refusedTrackingRecord({ ...base, recipient: 'not a code' })).toThrow();
    expect(() => refusedTrackingRecord({ ...base, documentId: '' })).toThrow();
  });

  it('an accepted record, even one that failed later, is not a refused one', () => {
    const accepted = newTrackingRecord({
      documentId: DOC,
      sender: SENDER,
      recipient: RECIPIENT,
      sentAtMs: 5,
      confirmByMs: 0,
    });
    expect(isRefusedRecord(accepted)).toBe(false);
    const failed = applyTrackingEvent(accepted, {
      type: 'transport',
      state: TransportState.TRANSPORT_STATE_FAILED,
      atMs: 6,
      node: 'vn',
      failure: FailureReason.FAILURE_REASON_HOP_LIMIT_EXCEEDED,
    }).record;
    expect(failed.transport).toBe(TransportState.TRANSPORT_STATE_FAILED);
    expect(isRefusedRecord(failed)).toBe(false);
    expect(refusedAgain(failed, base)).toEqual({ record: failed, changed: false });
    expect(reopenedRecord(failed, accepted)).toEqual({ record: failed, changed: false });
  });

  it('refused again: a different refusal is appended, the same one is not', () => {
    const r = refusedTrackingRecord(base);
    expect(refusedAgain(r, { ...base, atMs: 2_000 }).changed).toBe(false);
    const again = refusedAgain(r, {
      ...base,
      atMs: 2_000,
      failure: FailureReason.FAILURE_REASON_MALFORMED,
      detail: 'document has no recipients',
    });
    expect(again.changed).toBe(true);
    expect(again.record.failure).toBe(FailureReason.FAILURE_REASON_MALFORMED);
    expect(again.record.updatedAtMs).toBe(2_000);
    expect(again.record.timeline.map((e) => e.description)).toEqual([
      'refused at intake (MISSING_SIGNATURE): this node requires signed documents',
      'refused at intake (MALFORMED): document has no recipients',
    ]);
    expect(isRefusedRecord(again.record)).toBe(true);
  });

  it('reopened by an accepted resend: ACCEPTED, the refusals kept first', () => {
    const r = refusedTrackingRecord(base);
    const fresh = newTrackingRecord({
      documentId: DOC,
      sender: SENDER,
      recipient: RECIPIENT,
      sentAtMs: 3_000,
      confirmByMs: 9_000,
      node: 'h41-yenthanh-xa1',
    });
    const { record, changed } = reopenedRecord(r, fresh);
    expect(changed).toBe(true);
    expect(record.transport).toBe(TransportState.TRANSPORT_STATE_ACCEPTED);
    expect(record.failure).toBe(FailureReason.FAILURE_REASON_UNSPECIFIED);
    expect(record.failureDetail).toBe('');
    expect(record.sentAtMs).toBe(3_000);
    expect(record.confirmByMs).toBe(9_000);
    expect(record.timeline.map((e) => e.transport)).toEqual([
      TransportState.TRANSPORT_STATE_FAILED,
      TransportState.TRANSPORT_STATE_ACCEPTED,
    ]);
    expect(isRefusedRecord(record)).toBe(false);
  });
});
