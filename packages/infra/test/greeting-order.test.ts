/**
 * The order a connect with `greetingFirst` dials several servers in: those whose port greeted as
 * NATS first, ports that answered something else left out, the silent and the unreachable kept at
 * the end (they may be a server still starting).
 */
import net from 'node:net';
import { startNatsServer } from '@lienthong/testkit';
import type { NatsServer } from '@lienthong/testkit';
import { greetingOrder } from '../src/greeting-check';

const servers: net.Server[] = [];
let a: NatsServer;
let b: NatsServer;

beforeAll(async () => {
  [a, b] = await Promise.all([startNatsServer({ jetstream: false }), startNatsServer({ jetstream: false })]);
});

afterAll(async () => {
  for (const s of servers) await new Promise((r) => s.close(r));
  await Promise.all([a?.cleanup(), b?.cleanup()]);
});

async function listening(server: net.Server): Promise<string> {
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `nats://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
}

it('dials the servers that greeted first, leaves out a port that answered otherwise, keeps the silent last', async () => {
  const ssh = await listening(net.createServer((socket) => socket.end('SSH-2.0-OpenSSH_9.2\r\n')));
  const silent = await listening(net.createServer(() => undefined));
  const seen = new Set<string>();
  for (let i = 0; i < 12; i++) {
    const order = await greetingOrder([ssh, silent, a.url, b.url], 5_000);
    expect(order).toHaveLength(3);
    expect(new Set(order!.slice(0, 2))).toEqual(new Set([a.url, b.url]));
    expect(order![2]).toBe(silent);
    seen.add(order![0]!);
  }
  // Shuffled among those that greeted, so that clients spread over the cluster.
  expect(seen.size).toBe(2);
});

it('a single server, or a list with an entry that is not a server URL, is dialled as given', async () => {
  expect(await greetingOrder(a.url, 5_000)).toBeUndefined();
  expect(await greetingOrder([a.url, 'http://127.0.0.1:9464'], 5_000)).toBeUndefined();
});
