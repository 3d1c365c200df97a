import fc from 'fast-check';
import { applyTrackingEvent, businessRank, newTrackingRecord } from '@lienthong/core';
import type { TrackingEvent } from '@lienthong/core';
import type { TrackingRecord } from '@lienthong/proto';
import { BusinessStatus as B, TransportState as T } from '@lienthong/proto';

const SENT = 1_700_000_000_000;
const fresh = (): TrackingRecord =>
  newTrackingRecord({
    documentId: 'd',
    sender: '000.00.00.G22',
    recipient: '000.00.00.H41',
    sentAtMs: SENT,
    confirmByMs: SENT + 1000,
  });

function applyAll(record: TrackingRecord, events: readonly TrackingEvent[]): TrackingRecord {
  return events.reduce((r, e) => applyTrackingEvent(r, e).record, record);
}

const PROGRESS = [
  B.BUSINESS_STATUS_ARRIVED,
  B.BUSINESS_STATUS_ACCEPTED,
  B.BUSINESS_STATUS_ASSIGNED,
  B.BUSINESS_STATUS_IN_PROGRESS,
  B.BUSINESS_STATUS_COMPLETED,
];

/** A set of distinct progress statuses, each with its own time, in every possible arrival order. */
const progressEvents = fc
  .subarray(PROGRESS, { minLength: 1 })
  .chain((codes) =>
    fc.tuple(
      fc.constant(codes),
      fc.uniqueArray(fc.integer({ min: 1, max: 100_000 }), {
        minLength: codes.length,
        maxLength: codes.length,
      }),
    ),
  )
  .map(([codes, times]) =>
    codes.map((code, i): TrackingEvent => ({
      type: 'business',
      code,
      atMs: SENT + (times[i] as number),
      node: 'h41',
    })),
  )
  .chain((events) =>
    fc.tuple(fc.constant(events), fc.shuffledSubarray(events, { minLength: events.length })),
  );

/** Any event at all, legal or not, from a few nodes and times so that repeats happen. */
const anyEvent: fc.Arbitrary<TrackingEvent> = fc.oneof(
  fc.record({
    type: fc.constant('transport' as const),
    state: fc.constantFrom(
      T.TRANSPORT_STATE_ACCEPTED,
      T.TRANSPORT_STATE_RELAYED,
      T.TRANSPORT_STATE_DELIVERED,
      T.TRANSPORT_STATE_FETCHED,
      T.TRANSPORT_STATE_FAILED,
    ),
    atMs: fc.integer({ min: SENT, max: SENT + 20 }),
    node: fc.constantFrom('vn', 'h41'),
  }),
  fc.record({
    type: fc.constant('business' as const),
    code: fc.constantFrom(
      ...PROGRESS,
      B.BUSINESS_STATUS_REJECTED,
      B.BUSINESS_STATUS_RECALL_REQUESTED,
      B.BUSINESS_STATUS_CHANGE_ACCEPTED,
      B.BUSINESS_STATUS_CHANGE_REFUSED,
    ),
    atMs: fc.integer({ min: SENT, max: SENT + 20 }),
    node: fc.constantFrom('vn', 'h41'),
    description: fc.constantFrom('', 'Lý do'),
  }),
);

describe('tracking rules as properties', () => {
  it('the final business status is the highest one, whatever the arrival order', () => {
    fc.assert(
      fc.property(progressEvents, ([events, shuffled]) => {
        const highest = Math.max(...events.map((e) => (e.type === 'business' ? e.code : 0)));
        const inOrder = applyAll(fresh(), events);
        const outOfOrder = applyAll(fresh(), shuffled);
        expect(outOfOrder.business).toBe(highest);
        expect(outOfOrder.transport).toBe(T.TRANSPORT_STATE_FETCHED);
        expect(outOfOrder.ruleViolations).toBe(0);
        expect(outOfOrder.timeline).toHaveLength(events.length + 1);
        expect(outOfOrder.updatedAtMs).toBe(Math.max(...events.map((e) => e.atMs)));
        // Same state either way; only the order of the timeline differs.
        const { timeline: _a, ...stateA } = inOrder.toJSON();
        const { timeline: _b, ...stateB } = outOfOrder.toJSON();
        expect(stateB).toEqual(stateA);
      }),
    );
  });

  it('a rejection with 01 ends at 02 in either order', () => {
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.integer({ min: 1, max: 1000 }),
        fc.integer({ min: 1, max: 1000 }),
        (rejectFirst, t1, t2) => {
          const arrived: TrackingEvent = {
            type: 'business',
            code: B.BUSINESS_STATUS_ARRIVED,
            atMs: SENT + t1,
          };
          const rejected: TrackingEvent = {
            type: 'business',
            code: B.BUSINESS_STATUS_REJECTED,
            atMs: SENT + t2,
            description: 'Sai thẩm quyền',
          };
          const r = applyAll(fresh(), rejectFirst ? [rejected, arrived] : [arrived, rejected]);
          expect(r.business).toBe(B.BUSINESS_STATUS_REJECTED);
          expect(r.ruleViolations).toBe(0);
        },
      ),
    );
  });

  it('applying every event a second time changes nothing', () => {
    fc.assert(
      fc.property(fc.array(anyEvent, { maxLength: 25 }), fc.nat(), (events, seed) => {
        const once = applyAll(fresh(), events);
        // Replay in a different order too: a redelivery is recognised wherever it comes.
        const replay = [...events].sort((a, b) => ((a.atMs * 31 + seed) % 97) - ((b.atMs * 31 + seed) % 97));
        let r = once;
        for (const e of replay) {
          const outcome = applyTrackingEvent(r, e);
          expect(outcome.changed).toBe(false);
          r = outcome.record;
        }
        expect(r.toJSON()).toEqual(once.toJSON());
      }),
    );
  });

  it('state never moves backwards, and violations are counted once each', () => {
    fc.assert(
      fc.property(fc.array(anyEvent, { maxLength: 30 }), (events) => {
        let r = fresh();
        let violations = 0;
        for (const e of events) {
          const before = r;
          const outcome = applyTrackingEvent(r, e);
          r = outcome.record;
          if (outcome.violation !== undefined) violations++;
          expect(businessRank(r.business)).toBeGreaterThanOrEqual(businessRank(before.business));
          if (
            before.transport === T.TRANSPORT_STATE_DELIVERED ||
            before.transport === T.TRANSPORT_STATE_FETCHED
          ) {
            expect(r.transport).toBeGreaterThanOrEqual(before.transport);
            expect(r.transport).not.toBe(T.TRANSPORT_STATE_FAILED);
          }
          if (before.recall !== B.BUSINESS_STATUS_UNSPECIFIED) expect(r.recall).toBe(before.recall);
          if (before.recallRequested) expect(r.recallRequested).toBe(true);
          if (outcome.violation !== undefined || outcome.ignored) {
            expect(r.business).toBe(before.business);
            expect(r.recall).toBe(before.recall);
          }
          if (r.business !== B.BUSINESS_STATUS_UNSPECIFIED)
            expect(r.transport).toBe(T.TRANSPORT_STATE_FETCHED);
        }
        expect(r.ruleViolations).toBe(violations);
      }),
    );
  });
});
