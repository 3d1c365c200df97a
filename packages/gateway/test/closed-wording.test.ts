/**
 * What a closed code's own system is told when it still acts as that code: who succeeds it, and
 * what becomes of what is sent to it, by the closure's policy (a `refuse` closure carries nothing on).
 */
import { notAnAgency } from '../src/errors';

const CODE = '000.02.44.H41';
const SUCCESSOR = '000.01.44.H41';
const AT = '2025-07-01T00:00:00Z';

describe('notAnAgency', () => {
  it('a redirect closure: the successor receives what is sent to the code', () => {
    const e = notAnAgency(CODE, { closedAt: AT, successor: SUCCESSOR, policy: 'redirect' });
    expect([e.status, e.message]).toEqual([
      403,
      `agency ${CODE} was closed on ${AT}; its successor ${SUCCESSOR} receives what is sent to it: act as ${SUCCESSOR}`,
    ]);
  });

  it('a refuse closure: what is sent to the code is refused, naming the successor', () => {
    const e = notAnAgency(CODE, { closedAt: AT, successor: SUCCESSOR, policy: 'refuse' });
    expect(e.message).toBe(
      `agency ${CODE} was closed on ${AT}; what is sent to it is refused, naming its successor ${SUCCESSOR}: act as ${SUCCESSOR}`,
    );
    expect(e.message).not.toContain('receives');
  });
});
