/**
 * The NATS client as patched (patches/@nats-io__nats-core@3.4.0.patch) writes what one macrotask
 * sent in one socket write: upstream flushes from a microtask, so every await between two
 * publishes or requests of the same tick cost a write (and a syscall) of its own. Nothing sent
 * before close() may be lost, large payloads still go to the socket as they are, and requests,
 * their timeouts and pings behave as before.
 */
import { connect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/transport-node';
import { startNatsServer } from '@lienthong/testkit';
import type { NatsServer } from '@lienthong/testkit';

jest.setTimeout(60_000);

interface Writes {
  chunks: Uint8Array[];
  stop(): void;
}

/** Records every chunk the connection hands to its socket. */
function recordWrites(nc: NatsConnection): Writes {
  // The transport's socket is not public: reached the way the client itself holds it.
  const socket = (nc as unknown as { protocol: { transport: { socket: { write: unknown } } } }).protocol
    .transport.socket;
  const original = socket.write as (...args: unknown[]) => boolean;
  const chunks: Uint8Array[] = [];
  socket.write = function (this: unknown, ...args: unknown[]): boolean {
    chunks.push(args[0] as Uint8Array);
    return original.apply(this, args);
  };
  return { chunks, stop: () => (socket.write = original) };
}

/** Resolves on the next macrotask: whatever was queued in this one has been flushed by then. */
const nextTick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

const text = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('socket writes of the patched client', () => {
  let server: NatsServer;
  let sub: NatsConnection;

  beforeAll(async () => {
    server = await startNatsServer();
    sub = await connect({ servers: server.url });
  });

  afterAll(async () => {
    await sub?.close();
    await server?.cleanup();
  });

  /** Subscribes and returns the payloads of the first `n` messages, in order. */
  async function collect(subject: string, n: number): Promise<() => Promise<string[]>> {
    const s = sub.subscribe(subject, { max: n });
    await sub.flush();
    const got = (async () => {
      const out: string[] = [];
      for await (const m of s) out.push(m.string());
      return out;
    })();
    return () => got;
  }

  it('sends a burst of publishes with awaits between them in one write', async () => {
    const n = 50;
    const got = await collect('coalesce.burst', n);
    const pub = await connect({ servers: server.url });
    try {
      await pub.flush();
      await nextTick();
      const writes = recordWrites(pub);
      // One macrotask: each publish follows an await, as in code that awaits a promise that is
      // already settled (a cache hit, a validated document) between two sends.
      for (let i = 0; i < n; i++) {
        pub.publish('coalesce.burst', text(`m${i}`));
        await Promise.resolve();
      }
      await nextTick();
      writes.stop();
      expect(writes.chunks).toHaveLength(1);
      expect(await got()).toEqual(Array.from({ length: n }, (_, i) => `m${i}`));
    } finally {
      await pub.close();
    }
  });

  it('sends concurrent requests of one tick in one write and answers each', async () => {
    const service = sub.subscribe('coalesce.echo', {
      callback: (_e, m) => {
        m.respond(text(`re:${m.string()}`));
      },
    });
    await sub.flush();
    const req = await connect({ servers: server.url });
    try {
      // The reply subscription of the first request is set up outside the counted window.
      await req.request('coalesce.echo', text('warm'), { timeout: 5_000 });
      await nextTick();
      const writes = recordWrites(req);
      const n = 20;
      const pending: Promise<string>[] = [];
      for (let i = 0; i < n; i++) {
        pending.push(req.request('coalesce.echo', text(`q${i}`), { timeout: 5_000 }).then((m) => m.string()));
        await Promise.resolve();
      }
      await nextTick();
      expect(writes.chunks).toHaveLength(1);
      writes.stop();
      expect(await Promise.all(pending)).toEqual(Array.from({ length: n }, (_, i) => `re:q${i}`));
    } finally {
      service.unsubscribe();
      await req.close();
    }
  });

  it('delivers every message published right before close()', async () => {
    const n = 200;
    const got = await collect('coalesce.close', n);
    const pub = await connect({ servers: server.url });
    await pub.flush();
    for (let i = 0; i < n; i++) pub.publish('coalesce.close', text(`c${i}`));
    await pub.close();
    // What did not arrive within 5 s was lost with the socket.
    let timer: NodeJS.Timeout | undefined;
    const done = await Promise.race([
      got(),
      new Promise<string[]>((resolve) => (timer = setTimeout(() => resolve([]), 5_000))),
    ]);
    clearTimeout(timer);
    expect(done).toEqual(Array.from({ length: n }, (_, i) => `c${i}`));
  });

  it('delivers what was published before drain()', async () => {
    const n = 100;
    const got = await collect('coalesce.drain', n);
    const pub = await connect({ servers: server.url });
    await pub.flush();
    for (let i = 0; i < n; i++) {
      pub.publish('coalesce.drain', text(`d${i}`));
      await Promise.resolve();
    }
    await pub.drain();
    expect(await got()).toEqual(Array.from({ length: n }, (_, i) => `d${i}`));
  });

  it('still writes a large payload as it is, apart from the small commands around it', async () => {
    const big = new Uint8Array(200_000).fill(7);
    const got = await collect('coalesce.large', 3);
    const pub = await connect({ servers: server.url });
    try {
      await pub.flush();
      await nextTick();
      const writes = recordWrites(pub);
      pub.publish('coalesce.large', text('before'));
      await Promise.resolve();
      pub.publish('coalesce.large', big);
      await Promise.resolve();
      pub.publish('coalesce.large', text('after'));
      await nextTick();
      writes.stop();
      // The payload itself, not a copy packed with the PUB lines.
      expect(writes.chunks.some((c) => c === big)).toBe(true);
      const out = await got();
      expect(out[0]).toBe('before');
      expect(out[1]).toHaveLength(big.length);
      expect(out[2]).toBe('after');
    } finally {
      await pub.close();
    }
  });

  it('keeps request timeouts and pings', async () => {
    // A subscriber that never answers: the request must time out, neither early nor late.
    const silent = sub.subscribe('coalesce.silent');
    await sub.flush();
    const req = await connect({ servers: server.url });
    try {
      const t0 = Date.now();
      await expect(req.request('coalesce.silent', text('?'), { timeout: 300 })).rejects.toThrow();
      const took = Date.now() - t0;
      expect(took).toBeGreaterThanOrEqual(250);
      expect(took).toBeLessThan(5_000);
      // A ping still goes out at once and its pong comes back.
      expect(await req.rtt()).toBeLessThan(5_000);
      await req.flush();
    } finally {
      silent.unsubscribe();
      await req.close();
    }
  });
});
