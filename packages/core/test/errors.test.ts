import {
  DecodeError,
  InvalidAgencyCodeError,
  InvalidNodeIdError,
  LienthongError,
  RoutingError,
  StatusRuleError,
  TopologyError,
  isRetryable,
} from '@lienthong/core';
import type * as Core from '@lienthong/core';
import { FailureReason } from '@lienthong/proto';

describe('LienthongError', () => {
  it('carries a code, a frozen context and a cause', () => {
    const cause = new Error('socket closed');
    const e = new LienthongError('Unavailable', 'next hop unreachable', { context: { node: 'h41' }, cause });
    expect(e.code).toBe('Unavailable');
    expect(e.message).toBe('next hop unreachable');
    expect(e.context).toEqual({ node: 'h41' });
    expect(Object.isFrozen(e.context)).toBe(true);
    expect(e.cause).toBe(cause);
    expect(e.name).toBe('LienthongError');
    expect(e).toBeInstanceOf(Error);
  });

  it('from() keeps a LienthongError as it is', () => {
    const e = new RoutingError('no route', { from: 'vn', to: 'x' });
    expect(LienthongError.from(e)).toBe(e);
  });

  it('from() wraps anything else as Internal with the cause', () => {
    const plain = new TypeError('boom');
    const wrapped = LienthongError.from(plain);
    expect(wrapped.code).toBe('Internal');
    expect(wrapped.message).toBe('boom');
    expect(wrapped.cause).toBe(plain);
    const fromString = LienthongError.from('just a string');
    expect(fromString.code).toBe('Internal');
    expect(fromString.message).toBe('just a string');
  });

  it('from() maps aborts to Canceled and timeouts to DeadlineExceeded', () => {
    const controller = new AbortController();
    controller.abort();
    let abortError: unknown;
    try {
      controller.signal.throwIfAborted();
    } catch (e) {
      abortError = e;
    }
    expect(LienthongError.from(abortError).code).toBe('Canceled');
    const named = Object.assign(new Error('stop'), { name: 'AbortError' });
    expect(LienthongError.from(named).code).toBe('Canceled');
    const timeout = new DOMException('timed out', 'TimeoutError');
    expect(LienthongError.from(timeout).code).toBe('DeadlineExceeded');
  });

  it('subclasses fix their code and name', () => {
    const cases: [LienthongError, string, string][] = [
      [new InvalidAgencyCodeError('x', 'wrong shape'), 'InvalidArgument', 'InvalidAgencyCodeError'],
      [new InvalidNodeIdError('X', 'wrong shape'), 'InvalidArgument', 'InvalidNodeIdError'],
      [new TopologyError(['a', 'b']), 'InvalidArgument', 'TopologyError'],
      [new RoutingError('r', { from: 'a', to: 'b' }), 'NotFound', 'RoutingError'],
      [
        new DecodeError(FailureReason.FAILURE_REASON_MALFORMED, 'Envelope', 'kind: missing'),
        'InvalidArgument',
        'DecodeError',
      ],
      [new StatusRuleError('s', { from: 2, to: 6 }), 'FailedPrecondition', 'StatusRuleError'],
    ];
    for (const [e, code, name] of cases) {
      expect(e.code).toBe(code);
      expect(e.name).toBe(name);
      expect(e).toBeInstanceOf(LienthongError);
    }
  });

  it('subclass instanceof tells the subclasses apart', () => {
    const routing = new RoutingError('r', { from: 'a', to: 'b' });
    expect(routing instanceof RoutingError).toBe(true);
    expect(routing instanceof DecodeError).toBe(false);
    expect(new LienthongError('Internal', 'x') instanceof RoutingError).toBe(false);
    expect(new Error('x') instanceof LienthongError).toBe(false);
    expect((null as unknown) instanceof LienthongError).toBe(false);
    expect(('text' as unknown) instanceof LienthongError).toBe(false);
  });

  it('keeps typed context on the subclasses', () => {
    expect(new InvalidAgencyCodeError('000.00.00.H4*', 'wildcard or subject separator').context).toEqual({
      input: '000.00.00.H4*',
      problem: 'wildcard or subject separator',
    });
    expect(new TopologyError(['p1', 'p2']).context).toEqual({ problems: ['p1', 'p2'] });
    const decode = new DecodeError(FailureReason.FAILURE_REASON_TOO_LARGE, 'Envelope', 'too big');
    expect(decode.reason).toBe(FailureReason.FAILURE_REASON_TOO_LARGE);
    expect(decode.context).toMatchObject({ what: 'Envelope', reason: 'FAILURE_REASON_TOO_LARGE' });
    expect(new StatusRuleError('no', { documentId: 'd', recipient: 'r', from: 2, to: 6 }).context).toEqual({
      documentId: 'd',
      recipient: 'r',
      from: 2,
      to: 6,
    });
  });

  it('instanceof survives two copies of the package', async () => {
    let other: typeof Core | undefined;
    await jest.isolateModulesAsync(async () => {
      other = await import('@lienthong/core');
    });
    if (other === undefined) throw new Error('second copy not loaded');
    expect(other.LienthongError).not.toBe(LienthongError);
    const foreign = new other.RoutingError('no route', { from: 'a', to: 'b' });
    expect(foreign instanceof LienthongError).toBe(true);
    expect(foreign instanceof RoutingError).toBe(true);
    expect(foreign instanceof DecodeError).toBe(false);
    expect(new RoutingError('x', {}) instanceof other.LienthongError).toBe(true);
    expect(LienthongError.from(foreign)).toBe(foreign);
  });

  it('isRetryable is true exactly for Unavailable, DeadlineExceeded and ResourceExhausted', () => {
    expect(isRetryable(new LienthongError('Unavailable', 'x'))).toBe(true);
    expect(isRetryable(new LienthongError('DeadlineExceeded', 'x'))).toBe(true);
    expect(isRetryable(new LienthongError('ResourceExhausted', 'x'))).toBe(true);
    expect(isRetryable(new LienthongError('InvalidArgument', 'x'))).toBe(false);
    expect(isRetryable(new LienthongError('Internal', 'x'))).toBe(false);
    expect(isRetryable(new Error('x'))).toBe(false);
  });
});
