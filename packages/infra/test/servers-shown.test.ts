/**
 * Errors name the servers without the user and password a URL may carry, however the servers are
 * given: a list, or one string with several comma-separated URLs (as configs and connect take them).
 */
import { serversShown } from '../src/greeting';

describe('serversShown', () => {
  it.each([
    ['a list', ['nats://a:pw1@h1:4222', 'nats://b:pw2@h2:4222']],
    ['one comma-separated string', 'nats://a:pw1@h1:4222,nats://b:pw2@h2:4222'],
  ])('hides every password in %s', (_how, servers) => {
    expect(serversShown(servers)).toBe('nats://h1:4222,nats://h2:4222');
  });

  it('leaves a URL without credentials as it is', () => {
    expect(serversShown('nats://127.0.0.1:4222')).toBe('nats://127.0.0.1:4222');
  });
});
