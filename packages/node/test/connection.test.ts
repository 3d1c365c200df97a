/**
 * A node whose NATS server cannot be reached at start keeps trying, and says so in its log (before,
 * the first connect retried in silence: a service refused by the server's TLS sat there with no
 * word, found by the deploy test). It connects by itself once the server is back.
 */
import { Writable } from 'node:stream';
import pino from 'pino';
import type { NatsHandles } from '@lienthong/infra';
import { resolveConfig } from '@lienthong/node';
import { openNats } from '@lienthong/node/internal';
import { startNatsServer, waitFor, within } from '@lienthong/testkit';
import type { NatsServer } from '@lienthong/testkit';
import { demoTopology } from './harness';

jest.setTimeout(40_000);

describe('first connect to NATS', () => {
  let server: NatsServer;
  let handles: NatsHandles | undefined;

  afterAll(async () => {
    await handles?.nc.close();
    await server?.cleanup();
  });

  it('warns every few seconds while the server is unreachable, and connects once it is back', async () => {
    server = await startNatsServer();
    await server.kill(); // the port stays ours: restart() binds it again
    const lines: { level: number; msg: string; waitingMs?: number }[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        for (const l of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(l));
        done();
      },
    });
    const log = pino({ level: 'info' }, sink);
    const opening = openNats(resolveConfig({ servers: server.url, topology: demoTopology() }), log);

    const warned = await waitFor(
      'a warning that NATS cannot be reached',
      () => lines.find((l) => l.msg.startsWith('cannot reach NATS yet')) ?? false,
      15_000,
    );
    expect(warned.level).toBe(40);
    expect(warned.waitingMs).toBeGreaterThanOrEqual(4000);

    await server.restart();
    handles = await within(15_000, 'connected after the server came back', opening);
    const warnings = lines.filter((l) => l.msg.startsWith('cannot reach NATS yet')).length;
    await new Promise((r) => setTimeout(r, 6000));
    expect(lines.filter((l) => l.msg.startsWith('cannot reach NATS yet')).length).toBe(warnings);
  });
});
