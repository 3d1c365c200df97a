/**
 * The NATS client as patched (patches/@nats-io__nats-core@3.4.0.patch): a message larger than one
 * socket read is received into a buffer of exactly its size, and a large payload is written to the
 * socket as it is rather than packed with the commands around it. Both must keep every byte and
 * the order of messages, whatever the sizes and headers.
 */
import { createHash } from 'node:crypto';
import { connect, headers } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/transport-node';
import { startNatsServer } from '@lienthong/testkit';
import type { NatsServer } from '@lienthong/testkit';

jest.setTimeout(60_000);

/** Sizes around the socket read (64 KiB) and the large-write threshold, up to a 512 KiB chunk. */
const SIZES = [0, 1, 100, 65_535, 65_536, 65_537, 200_000, 512 * 1024, 512 * 1024 + 7, 1000 * 1024];

function payload(size: number, seed: number): Uint8Array {
  const b = Buffer.allocUnsafe(size);
  let x = seed + 1;
  for (let i = 0; i < size; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    b[i] = x >>> 24;
  }
  return b;
}

const digest = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

describe('large messages through the patched client', () => {
  let server: NatsServer;
  let pub: NatsConnection;
  let sub: NatsConnection;

  beforeAll(async () => {
    server = await startNatsServer();
    pub = await connect({ servers: server.url });
    sub = await connect({ servers: server.url });
  });

  afterAll(async () => {
    await pub?.close();
    await sub?.close();
    await server?.cleanup();
  });

  it('delivers small and large messages, with and without headers, intact and in order', async () => {
    const sent: { size: number; hash: string; header: string | undefined }[] = [];
    const rounds = 3;
    const s = sub.subscribe('large.test');
    await sub.flush();
    const got = (async () => {
      const out: { size: number; hash: string; header: string | undefined }[] = [];
      for await (const m of s) {
        out.push({
          size: m.data.length,
          hash: digest(m.data),
          header: m.headers?.get('Lt-Seq') || undefined,
        });
        // A received payload is its own buffer, not a view into a larger one kept alive with it.
        if (m.data.length > 65_536) expect(m.data.buffer.byteLength).toBeLessThan(2 * m.data.length);
        // All of them, not as many as were sent so far: a round can arrive before the next is sent.
        if (out.length === rounds * SIZES.length) break;
      }
      return out;
    })();
    let n = 0;
    for (let round = 0; round < rounds; round++) {
      // Many publishes before the next flush: small and large ones queue up together.
      for (const size of SIZES) {
        const data = payload(size, n);
        const withHeader = n % 2 === 0;
        const h = headers();
        h.set('Lt-Seq', String(n));
        pub.publish('large.test', data, withHeader ? { headers: h } : undefined);
        sent.push({ size, hash: digest(data), header: withHeader ? String(n) : undefined });
        n++;
      }
      await pub.flush();
    }
    expect(await got).toEqual(sent);
  });

  it('answers requests whose replies are large, one after the other and many at once', async () => {
    const service = pub.subscribe('large.echo', {
      callback: (_e, m) => {
        m.respond(payload(Number(new TextDecoder().decode(m.data)), 5));
      },
    });
    await pub.flush();
    try {
      for (const size of SIZES) {
        const r = await sub.request('large.echo', new TextEncoder().encode(String(size)), {
          timeout: 10_000,
        });
        expect(digest(r.data)).toBe(digest(payload(size, 5)));
      }
      const many = await Promise.all(
        SIZES.map((size) =>
          sub.request('large.echo', new TextEncoder().encode(String(size)), { timeout: 10_000 }),
        ),
      );
      expect(many.map((r) => digest(r.data))).toEqual(SIZES.map((size) => digest(payload(size, 5))));
    } finally {
      service.unsubscribe();
    }
  });
});
