/**
 * An inbox item the gateway's SDK client of an agency cannot read (damaged bytes, a newer schema)
 * is not listed, stays in the inbox, and is told on the node's logger, naming the agency; the items
 * behind it are listed as usual.
 */
import { connect as natsConnect } from '@nats-io/transport-node';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { STREAMS, inboxSubject } from '@lienthong/core';
import { createLogger } from '@lienthong/node';
import { renderEdocBytes } from '@lienthong/edxml';
import { eventually } from '@lienthong/testkit';
import { Caller, startGatewayNode } from './harness';
import type { GatewayNode } from './harness';

const G22 = '000.00.00.G22';
const H41 = '000.00.00.H41';
const RUN = Date.now().toString(36);

let gw: GatewayNode;
const lines: Record<string, unknown>[] = [];

beforeAll(async () => {
  const logger = createLogger({
    name: 'gateway-test',
    level: 'warn',
    destination: { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) },
  });
  gw = await startGatewayNode({ logger });
});

afterAll(async () => {
  await gw?.stop();
});

describe('an inbox item the gateway cannot read', () => {
  it('is not listed, stays in the inbox and is logged as a warning naming the agency; the next item is listed', async () => {
    const home = gw.topology.homeNodeOf(H41);
    const subject = inboxSubject(home.level, home.id, H41, `junk${RUN}`);
    const nc = await natsConnect({ servers: gw.server.url });
    try {
      const ack = await jetstream(nc).publish(subject, new Uint8Array([0xff, 0xff, 0xff, 0xff, 0x0f]));

      const sent = await new Caller(gw.url, G22).post(
        Buffer.from(
          await renderEdocBytes({
            documentId: `${G22},2026/12/05,${RUN}/VPCP`,
            from: { code: G22 },
            to: [{ code: H41 }],
            subject: 'Sau một mục không đọc được',
          }),
        ),
      );
      expect(sent.status).toBe(202);
      const { documentId } = (await sent.json()) as { documentId: string };
      const h41 = new Caller(gw.url, H41);
      await h41.waitForItem(documentId);
      expect((await h41.received()).map((i) => i.documentId)).toEqual([documentId]);

      const warned = await eventually(() => {
        const line = lines.find((l) => l['agency'] === H41 && l['sequence'] === ack.seq);
        if (!line) throw new Error('no warning yet');
        return line;
      });
      expect(warned).toMatchObject({ level: 40, subject, deliveryCount: expect.any(Number) });
      expect(String(warned['msg'])).toMatch(/000\.00\.00\.H41 cannot be read here and is not listed/);

      // Still in the inbox stream, for a reader that can read it.
      const kept = await (await jetstreamManager(nc)).streams.getMessage(STREAMS.inbox, { seq: ack.seq });
      expect(kept?.subject).toBe(subject);
    } finally {
      await nc.close();
    }
  });
});
