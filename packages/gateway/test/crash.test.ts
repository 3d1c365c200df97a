/**
 * A node process that dies between a POST and custody loses nothing, and one that dies after
 * custody but before answering sends nothing twice: the client's retry of the same package, to the
 * restarted process, gets the same id and each recipient gets the package once.
 */
import { renderEdocBytes } from '@lienthong/edxml';
import { connect } from '@lienthong/sdk';
import { TcpProxy, startNatsServer } from '@lienthong/testkit';
import type { NatsServer } from '@lienthong/testkit';
import { Caller, startGatewayNode } from './harness';
import type { GatewayNode } from './harness';

const G22 = '000.00.00.G22';
const H41 = '000.00.00.H41';
const RUN = Date.now().toString(36);

describe('a crash between POST and custody', () => {
  let server: NatsServer;
  let proxy: TcpProxy;
  const nodes: GatewayNode[] = [];
  const start = async (): Promise<GatewayNode> => {
    const gw = await startGatewayNode({
      server,
      // The gateway's agency clients reach NATS through a proxy the test can cut.
      gateway: { connect: (agency) => connect({ servers: proxy.url, agency, defaultTimeoutMs: 3_000 }) },
    });
    nodes.push(gw);
    return gw;
  };

  beforeAll(async () => {
    server = await startNatsServer();
    proxy = await TcpProxy.start({ targetPort: Number(new URL(server.url).port) });
  });
  afterAll(async () => {
    for (const n of nodes) await n.stop().catch(() => undefined);
    await proxy?.close();
    await server?.stop();
  });

  const inboxCount = async (gw: GatewayNode, documentId: string): Promise<number> =>
    (await new Caller(gw.url, H41).received()).filter((i) => i.documentId === documentId).length;

  it('loses nothing and sends nothing twice', async () => {
    const documentId = `${G22},2026/12/02,${RUN}/CRASH`;
    const pkg = await renderEdocBytes({
      documentId,
      from: { code: G22 },
      to: [{ code: H41 }],
      subject: 'Gửi lại sau sự cố',
    });
    const first = await start();
    // Warm the agency's client, then cut it from NATS: the next POST cannot reach custody.
    expect((await new Caller(first.url, G22).get('/edocs/received')).status).toBe(200);
    await proxy.cut();
    const pending = new Caller(first.url, G22).post(pkg).then(
      (r) => r.status,
      () => 'connection lost',
    );
    await new Promise((r) => setTimeout(r, 300));
    // The process dies with the POST in flight.
    await first.node.stop();
    expect(await pending).not.toBe(202);
    await proxy.restore();

    // The client retries the same package with the restarted process.
    const second = await start();
    const caller = new Caller(second.url, G22);
    const retry = await caller.post(pkg);
    expect(retry.status).toBe(202);
    const body = (await retry.json()) as { id: string; documentId: string };
    expect(body.documentId).toBe(documentId);
    await new Caller(second.url, H41).waitForItem(documentId);

    // It dies again after custody, before the client saw the answer: the retry sends nothing again.
    await second.node.stop();
    const third = await start();
    const again = await new Caller(third.url, G22).post(pkg);
    expect(again.status).toBe(202);
    expect(await again.json()).toMatchObject({ id: body.id, documentId, duplicate: true });
    // The item the dead process held comes back to the new one (after the inbox's 10 s hold), once.
    await new Caller(third.url, H41).waitForItem(documentId, 25_000);
    expect(await inboxCount(third, documentId)).toBe(1);
    const inbox = await third.node.nats.jsm.streams.info('LT_INBOX', {
      subjects_filter: 'lt.v1.province.h41.inbox.000_00_00_H41.>',
    });
    expect(Object.keys(inbox.state.subjects ?? {})).toHaveLength(1);
  }, 60_000);
});
