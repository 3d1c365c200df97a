/**
 * One item of VXP getSentEdocList: `receivedTime` is when the recipient received the document (its
 * 01, or its fetch), whatever the Timestamp of a later status says (an old sample, a skewed clock).
 */
import { sentItem } from '../src/vxp/verbs';
import type { SentRecord } from '../src/records';

const entry = (at: string, what: { transport?: string; statusCode?: string }) => ({
  at,
  ...what,
  node: 'h41',
  description: '',
  ignored: false,
  signed: false,
});

function record(timeline: SentRecord['timeline'], statusCode?: string): SentRecord {
  return {
    recipient: '000.00.00.H41',
    transport: 'DELIVERED',
    business: statusCode ? `BUSINESS_STATUS_${statusCode}` : 'BUSINESS_STATUS_UNSPECIFIED',
    ...(statusCode ? { statusCode } : {}),
    overdue: false,
    route: ['vn', 'h41'],
    sentAt: '2026-12-06T07:21:00.000Z',
    updatedAt: '2026-12-06T07:30:00.000Z',
    timeline,
  };
}

describe('VXP getSentEdocList item', () => {
  it("receivedTime is the recipient's 01, not a status dated before it", () => {
    const r = record(
      [
        entry('2015-09-20T04:08:36.000Z', { statusCode: '05' }),
        entry('2026-12-06T07:21:00.000Z', { transport: 'ACCEPTED' }),
        entry('2026-12-06T07:21:01.000Z', { transport: 'DELIVERED' }),
        entry('2026-12-06T07:21:07.000Z', { statusCode: '01' }),
      ],
      '05',
    );
    const item = sentItem('000.00.00.G22', 'doc', 'doc', r) as Record<string, string>;
    expect(item['sentTime']).toBe('2026-12-06 14:21:00');
    expect(item['receivedTime']).toBe('2026-12-06 14:21:07');
    expect(item['receiveStatus']).toBe('done');
  });

  it('without a 01: the fetch, else the first status; nothing received: no receivedTime', () => {
    const fetched = record([
      entry('2026-12-06T07:21:01.000Z', { transport: 'DELIVERED' }),
      entry('2026-12-06T07:22:00.000Z', { transport: 'FETCHED' }),
    ]);
    expect(sentItem('a', 'd', 'd', { ...fetched, transport: 'FETCHED' })['receivedTime']).toBe(
      '2026-12-06 14:22:00',
    );
    const onlyLater = record([entry('2026-12-06T07:25:00.000Z', { statusCode: '03' })], '03');
    expect(sentItem('a', 'd', 'd', onlyLater)['receivedTime']).toBe('2026-12-06 14:25:00');
    const waiting = record([entry('2026-12-06T07:21:01.000Z', { transport: 'DELIVERED' })]);
    const item = sentItem('a', 'd', 'd', waiting);
    expect(item['receivedTime']).toBeUndefined();
    expect(item['receiveStatus']).toBe('initial');
  });
});
