import {
  DEFAULT_STREAM_LIMITS,
  serverLimitsConfig,
  storeLimitsConfig,
  streamLimitsOf,
} from '../src/stream-limits';

describe('stream and server limits', () => {
  it('bounds every stream a node creates, and their sum fits the default store limit', () => {
    for (const s of ['LT_SUBMIT', 'LT_RELAY', 'LT_INBOX', 'LT_TRACK', 'LT_DEAD', 'LT_CONTENT', 'LT_AUDIT']) {
      expect([s, (streamLimitsOf(s).max_bytes ?? 0) > 0]).toEqual([s, true]);
    }
    const sum = Object.values(DEFAULT_STREAM_LIMITS.maxBytes).reduce((a, b) => a + b, 0);
    expect(storeLimitsConfig()).toMatch(/^max_file_store: (\d+), max_memory_store: \d+$/);
    const store = Number(/max_file_store: (\d+)/.exec(storeLimitsConfig())![1]);
    expect(sum).toBeLessThan(store);
    expect(streamLimitsOf('LT_CONTENT').max_consumers).toBeGreaterThan(0);
    expect(streamLimitsOf('NOT_A_STREAM')).toEqual({});
  });

  it('writes the server limits, and refuses values that are not positive integers', () => {
    expect(serverLimitsConfig({ maxConnections: 5, maxSubscriptions: 20, maxPendingBytes: 1024 })).toBe(
      'max_connections: 5\nmax_subscriptions: 20\nmax_pending: 1024\nmax_payload: 1048576\n',
    );
    expect(() => serverLimitsConfig({ maxConnections: 0 })).toThrow(
      /maxConnections must be a positive integer/,
    );
    expect(() => serverLimitsConfig({ maxPendingBytes: 1.5 })).toThrow(/maxPendingBytes/);
    expect(() => serverLimitsConfig({ maxSubscriptions: Number.NaN })).toThrow(/maxSubscriptions/);
  });
});
