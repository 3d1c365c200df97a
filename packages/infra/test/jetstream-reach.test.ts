/**
 * A connection that is up while its JetStream views cannot be opened says which server it asked, the
 * domain it asked for and the domain that server serves, not nats.js's bare "jetstream is not
 * enabled" or "timeout". Real nats-servers on loopback.
 */
import { connect } from '@nats-io/transport-node';
import { LienthongError } from '@lienthong/core';
import { classifyNatsError, connectNats } from '@lienthong/infra';
import { startNatsServer } from '@lienthong/testkit';
import type { NatsServer } from '@lienthong/testkit';

jest.setTimeout(30_000);

async function failureOf(p: Promise<unknown>): Promise<LienthongError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(LienthongError);
  return e as LienthongError;
}

describe('opening the JetStream views', () => {
  const servers: NatsServer[] = [];
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.cleanup()));
  });
  async function server(opts: Parameters<typeof startNatsServer>[0]): Promise<NatsServer> {
    const s = await startNatsServer(opts);
    servers.push(s);
    return s;
  }

  it('a domain no server serves names the domain the server does serve', async () => {
    const s = await server({ domain: 'central' });
    const e = await failureOf(connectNats({ servers: s.url, name: 'reach', domain: 'centrl' }));
    expect(e.code).toBe('Unavailable');
    expect(e.message).toContain("JetStream domain 'centrl' does not answer");
    expect(e.message).toContain("this server's own domain is 'central'");
    expect(e.message).toContain(s.url.replace('nats://', ''));
    expect(e.context).toMatchObject({ domain: 'centrl', ownDomain: 'central' });
    // Callers that retry or explain by kind still read it as before.
    expect(classifyNatsError(e).kind).toBe('jetstream-disabled');
    // The right domain opens.
    const h = await connectNats({ servers: s.url, name: 'reach', domain: 'central' });
    await h.nc.close();
  });

  it('a server without JetStream says so, with or without a domain asked for', async () => {
    const s = await server({ jetstream: false });
    const plain = await failureOf(connectNats({ servers: s.url, name: 'reach' }));
    expect(plain.code).toBe('Unavailable');
    expect(plain.message).toContain('the server has no JetStream of its own: enable it');
    const domain = await failureOf(connectNats({ servers: s.url, name: 'reach', domain: 'h41' }));
    expect(domain.message).toContain(
      "the server has no JetStream of its own, and no leaf link reaches a server of domain 'h41'",
    );
  });

  it('a JetStream API that takes the request and never answers is a deadline, with its bound', async () => {
    // A real server without JetStream, and a subscriber on its API subject that never replies: what
    // a stuck JetStream looks like from the client.
    const s = await server({ jetstream: false });
    const stuck = await connect({ servers: s.url });
    stuck.subscribe('$JS.API.INFO', { callback: () => undefined });
    await stuck.flush();
    try {
      const e = await failureOf(connectNats({ servers: s.url, name: 'reach', apiTimeoutMs: 300 }));
      expect(e.code).toBe('DeadlineExceeded');
      expect(e.message).toContain('JetStream did not answer within 300 ms through the NATS server at');
      expect(e.message).toContain('slow or stuck');
      expect(classifyNatsError(e).kind).toBe('timeout');
    } finally {
      await stuck.close();
    }
  });
});
