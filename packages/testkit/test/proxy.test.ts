import net from 'node:net';

import { TcpProxy } from '@lienthong/testkit';

/** Connects, sends `text`, resolves with what came back (or rejects with the connect error). */
function roundTrip(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    let got = '';
    socket.once('error', reject);
    socket.on('data', (d: Buffer) => {
      got += d.toString('utf8');
      if (got.length >= text.length) {
        socket.destroy();
        resolve(got);
      }
    });
    socket.once('connect', () => socket.write(text));
  });
}

describe('TcpProxy', () => {
  let echo: net.Server;
  let proxy: TcpProxy | undefined;

  beforeEach(async () => {
    echo = net.createServer((s) => s.pipe(s));
    await new Promise<void>((r) => echo.listen(0, '127.0.0.1', r));
  });

  afterEach(async () => {
    await proxy?.close();
    proxy = undefined;
    await new Promise<void>((r) => echo.close(() => r()));
  });

  it('relays, refuses while cut, and relays again on the same port after restore', async () => {
    const address = echo.address() as net.AddressInfo;
    proxy = await TcpProxy.start({ targetPort: address.port });
    const port = proxy.port;
    expect(proxy.url).toBe(`nats://127.0.0.1:${port}`);
    expect(await roundTrip(port, 'ping')).toBe('ping');

    // An open relay is dropped by the cut.
    const open = net.connect({ port, host: '127.0.0.1' });
    await new Promise((r) => open.once('connect', r));
    const dropped = new Promise((r) => open.once('close', r));
    open.on('error', () => undefined);
    await proxy.cut();
    await dropped;
    expect(proxy.isCut()).toBe(true);
    expect(proxy.socketCount).toBe(0);
    await expect(roundTrip(port, 'x')).rejects.toMatchObject({ code: 'ECONNREFUSED' });

    await proxy.restore();
    expect(proxy.port).toBe(port);
    expect(await roundTrip(port, 'pong')).toBe('pong');
  });
});
