import { connect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/transport-node';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { startNatsServer, waitFor } from '@lienthong/testkit';
import type { NatsServer } from '@lienthong/testkit';
import { followSubject } from '../src/follow';

jest.setTimeout(60_000);

describe('followSubject', () => {
  let server: NatsServer;
  let nc: NatsConnection;

  beforeAll(async () => {
    server = await startNatsServer();
    nc = await connect({ servers: server.url, maxReconnectAttempts: -1, reconnectTimeWait: 200 });
    const jsm = await jetstreamManager(nc);
    await jsm.streams.add({ name: 'T', subjects: ['t.>'] });
  });

  afterAll(async () => {
    await nc?.close();
    await server?.cleanup();
  });

  it('follows its subject from now on, only its subject, and keeps its place across a server restart', async () => {
    const js = jetstream(nc);
    const jsm = await jetstreamManager(nc);
    await js.publish('t.a', 'before');
    const consumer = await followSubject(js, jsm, 'T', 't.a');
    const info = await consumer.info();
    expect(info.config.deliver_subject).toBeUndefined(); // pull, never push
    expect(info.name).toMatch(/^lt-f-[0-9a-f]{32}$/);
    const got: string[] = [];
    const messages = await consumer.consume();
    const pump = (async () => {
      for await (const m of messages) got.push(m.string());
    })();
    await js.publish('t.b', 'other subject');
    await js.publish('t.a', 'first');
    await waitFor('the first change', () => got.length === 1);
    await server.restart();
    await waitFor(
      'reconnected',
      async () => {
        try {
          await js.publish('t.a', 'after restart');
          return true;
        } catch {
          return false;
        }
      },
      20_000,
    );
    await waitFor('the change after the restart', () => got.length === 2, 30_000);
    expect(got).toEqual(['first', 'after restart']);
    await messages.close();
    await pump;
  });
});
