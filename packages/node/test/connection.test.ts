/**
 * A node whose NATS server cannot be reached at start keeps trying, and says so in its log (before,
 * the first connect retried in silence: a service refused by the server's TLS sat there with no
 * word, found by the deploy test). It connects by itself once the server is back.
 */
import net from 'node:net';
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
    const lines: { level: number; msg: string; waitingMs?: number; why?: string }[] = [];
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
    // ... and says why: nothing listens on the port while the server is down.
    const port = new URL(server.url).port;
    expect(warned.why).toBe(`127.0.0.1:${port}: connection refused, nothing listens there`);

    await server.restart();
    handles = await within(15_000, 'connected after the server came back', opening);
    const warnings = lines.filter((l) => l.msg.startsWith('cannot reach NATS yet')).length;
    await new Promise((r) => setTimeout(r, 6000));
    expect(lines.filter((l) => l.msg.startsWith('cannot reach NATS yet')).length).toBe(warnings);
  });

  it('names a port that is not NATS in its warning (a silent one, as an HTTP port is)', async () => {
    // A port that accepts and says nothing, until it starts relaying to a real server: then the
    // node connects through it, and the test ends with nothing left trying.
    const real = await startNatsServer();
    let relay = false;
    const sockets = new Set<net.Socket>();
    const silent = net.createServer((client) => {
      sockets.add(client);
      client.on('error', () => undefined);
      if (!relay) return;
      const upstream = net.connect(real.port, '127.0.0.1');
      sockets.add(upstream);
      upstream.on('error', () => client.destroy());
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const port = (silent.address() as net.AddressInfo).port;
    const lines: { msg: string; why?: string }[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        for (const l of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(l));
        done();
      },
    });
    const config = resolveConfig({ servers: `nats://127.0.0.1:${port}`, topology: demoTopology() });
    const opening = openNats(config, pino({ level: 'info' }, sink));
    try {
      const warned = await waitFor(
        'a warning naming the port',
        () => lines.find((l) => l.msg.startsWith('cannot reach NATS yet')) ?? false,
        15_000,
      );
      expect(warned.why).toBe(
        `127.0.0.1:${port} accepts connections but sends no NATS greeting: not a NATS client port`,
      );
    } finally {
      relay = true;
      // The attempt waiting on the silent socket fails now, and the next one is relayed.
      sockets.forEach((c) => c.destroy());
      const h = await within(40_000, 'connected through the relay', opening);
      await h.nc.close();
      sockets.forEach((c) => c.destroy());
      await new Promise((r) => silent.close(r));
      await real.cleanup();
    }
  });
});
