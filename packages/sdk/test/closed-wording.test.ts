/** What a client of a closed code is told, by the closure's policy (SDK `closedError`). */
import { closedError } from '../src/closure';

const CODE = '000.02.44.H41';
const SUCCESSOR = '000.01.44.H41';
const AT = '2025-07-01T00:00:00Z';

describe('closedError', () => {
  it('a redirect closure: the successor receives what is sent to the code and its unread items', () => {
    expect(closedError('NotFound', CODE, { closedAt: AT, successor: SUCCESSOR }).message).toBe(
      `agency ${CODE} was closed on ${AT}; its successor ${SUCCESSOR} receives what is sent to it and its unread inbox items: connect as ${SUCCESSOR}`,
    );
  });

  it('a refuse closure: what is sent to the code is refused; the successor got its unread items', () => {
    const e = closedError('NotFound', CODE, { closedAt: AT, successor: SUCCESSOR, refused: true });
    expect(e.message).toBe(
      `agency ${CODE} was closed on ${AT}; what is sent to it is refused, naming its successor ${SUCCESSOR}, which received its unread inbox items: connect as ${SUCCESSOR}`,
    );
  });
});
