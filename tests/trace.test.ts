/**
 * Trace context: the `traceparent` a sender's call starts travels in the NATS headers of every hop
 * to the recipient's inbox, and back with the recipient's statuses, so one trace shows the whole
 * round trip.
 */
import { parseSubject } from '@lienthong/core';
import { BusinessStatus, connect } from '@lienthong/sdk';
import type { LienthongClient } from '@lienthong/sdk';
import { startDemoBroker } from './support';
import type { DemoBroker } from './support';

jest.setTimeout(30_000);

const SENDER = '000.01.43.H41';
const CENTRE = '000.00.00.G22';
const TRACE = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

describe('trace context', () => {
  let b: DemoBroker;
  const clients: LienthongClient[] = [];

  beforeAll(async () => {
    b = await startDemoBroker('trace', 'warn');
  });
  afterAll(async () => {
    await Promise.allSettled(clients.map((c) => c.close()));
    await b?.stop();
  });

  it('carries the sender’s traceparent to the inbox and back with 01 and 03', async () => {
    const seen: { kind: string; subject: string; traceparent: string | undefined }[] = [];
    const sub = b.nc.subscribe('lt.v1.>', {
      callback: (_err, m) => {
        const p = parseSubject(m.subject);
        if (p && (p.kind === 'submit' || p.kind === 'relay' || p.kind === 'inbox')) {
          seen.push({ kind: p.kind, subject: m.subject, traceparent: m.headers?.get('traceparent') });
        }
      },
    });
    await b.nc.flush();
    const sender = await connect({ servers: b.server.url, agency: SENDER });
    const centre = await connect({ servers: b.server.url, agency: CENTRE });
    clients.push(sender, centre);
    const documentId = `${SENDER},2026/11/22,77/UBND-VP`;
    const tracker = await sender.track(documentId);
    const receipt = await sender.send(
      { documentId, subject: 'Theo dõi vết', to: [{ code: CENTRE }] },
      { traceparent: TRACE },
    );
    expect(receipt.traceparent).toBe(TRACE);

    const inbox = centre.inbox();
    for await (const item of inbox) {
      expect(item.traceparent).toBe(TRACE);
      await item.ack(); // 01, under the same trace
      await item.report(BusinessStatus.BUSINESS_STATUS_ACCEPTED);
      break;
    }
    await inbox.stop();
    await tracker.until((rs) => rs[0]?.business === BusinessStatus.BUSINESS_STATUS_ACCEPTED, {
      timeoutMs: 10_000,
    });
    await tracker.stop();
    sub.unsubscribe();

    // submit, 3 relays up and the inbox; DELIVERED 3 relays down; 01 and 03: a submit and 3 relays each.
    // With the domain-local shortcut (one domain here) each of the four crosses in one relay.
    expect(seen.filter((s) => s.kind === 'inbox')).toHaveLength(1);
    expect(seen.filter((s) => s.kind === 'submit')).toHaveLength(3);
    expect(seen.filter((s) => s.kind === 'relay')).toHaveLength(b.node.config.domainShortcut ? 4 : 12);
    expect(seen.filter((s) => s.traceparent !== TRACE)).toEqual([]);
  });

  it('starts a new trace when the caller gives none', async () => {
    const sender = clients[0]!;
    const r = await sender.send({
      documentId: `${SENDER},2026/11/22,78/UBND-VP`,
      subject: 'x',
      to: [{ code: CENTRE }],
    });
    expect(r.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    expect(r.traceparent).not.toBe(TRACE);
  });
});
