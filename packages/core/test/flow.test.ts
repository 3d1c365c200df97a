import { refusedBy } from '@lienthong/core';

/** JetStream API errors carry the server's err_code as `code`. */
function apiError(code: number, message: string): Error {
  return Object.assign(new Error(message), { code });
}

describe('refusedBy', () => {
  it('tells a full subject from a full stream, and neither from other store failures', () => {
    expect(refusedBy(apiError(10077, 'maximum messages per subject exceeded'))).toBe('subject');
    expect(refusedBy(apiError(10077, 'maximum bytes exceeded'))).toBe('bytes');
    // The same code for an account out of storage: not "already stored", not a full queue.
    expect(refusedBy(apiError(10077, 'insufficient resources'))).toBeUndefined();
    expect(refusedBy(apiError(10071, 'wrong last sequence: 4'))).toBeUndefined();
    expect(refusedBy(new Error('maximum bytes exceeded'))).toBeUndefined();
    expect(refusedBy('maximum bytes exceeded')).toBeUndefined();
  });
});
