/**
 * A content read through the home node that the node could not answer just now (its status
 * `unavailable`) is an `Unavailable` error, which callers retry — not a refusal (`PermissionDenied`)
 * nor an internal error. The home node's side is answered here by a responder on a real server.
 */
import { headers } from '@nats-io/transport-node';
import { CONTENT_STATUS_HEADER, LienthongError, agencyServiceSubject } from '@lienthong/core';
import { connectNats } from '@lienthong/infra';
import type { NatsHandles } from '@lienthong/infra';
import { startNatsServer } from '@lienthong/testkit';
import type { NatsServer } from '@lienthong/testkit';
import { HomeService } from '../src/home-service';

const AGENCY = '000.00.01.H41';
const NODE = { id: 'h41', level: 'province' } as const;

describe('HomeService.content', () => {
  let server: NatsServer | undefined;
  let nats: NatsHandles | undefined;
  afterAll(async () => {
    await nats?.nc.close();
    await server?.stop();
  });

  it.each([
    ['unavailable', 'Unavailable'],
    ['denied', 'PermissionDenied'],
    ['', 'Internal'],
  ])('status %p is thrown as %s', async (status, code) => {
    server ??= await startNatsServer();
    nats ??= await connectNats({ name: 'home-service-test', servers: server.url, timeoutMs: 5_000 });
    const sub = nats.nc.subscribe(agencyServiceSubject(NODE.level, NODE.id, AGENCY), {
      max: 1,
      callback: (_e, m) => {
        const h = headers();
        if (status) h.set(CONTENT_STATUS_HEADER, status);
        h.set('Lt-Detail', 'the node could not look');
        m.respond(new Uint8Array(), { headers: h });
      },
    });
    await nats.nc.flush();
    const service = new HomeService({ nc: nats.nc, homeNode: NODE, agency: AGENCY } as never);
    const read = service.content(`lt.v1.content._.m.${'a'.repeat(64)}`, { file: 'a'.repeat(64) }, 2_000);
    await expect(read).rejects.toBeInstanceOf(LienthongError);
    await expect(read).rejects.toMatchObject({ code });
    sub.unsubscribe();
  });
});
