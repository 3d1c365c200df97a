/**
 * Two processes hosting the same nodes (the same `nodes`, so the same durable consumers) share the
 * work: each message goes to one of them. What OPERATIONS.md promises of such a pair: every recipient
 * gets each document once, every tracking record ends with each status the recipients reported, and
 * every node's audit chain verifies though both processes append to it.
 */
import path from 'node:path';
import { BusinessStatus, TransportState } from '@lienthong/sdk';
import { auditedNodes, createLogger, loadTopologyFile, startNode, verifyNodeAudit } from '@lienthong/node';
import type { RunningNode } from '@lienthong/node';
import { connect } from '@lienthong/sdk';
import type { LienthongClient, TrackingRecord } from '@lienthong/sdk';
import { startNatsServer } from '@lienthong/testkit';
import type { NatsServer } from '@lienthong/testkit';

jest.setTimeout(90_000);

const topology = loadTopologyFile(path.resolve(__dirname, '../deploy/topology.demo.json'));
const SENDERS = ['000.01.43.H41', '000.01.44.H41']; // two communes
const RECIPIENTS = ['000.00.00.G22', '000.00.00.H27']; // the centre and another province
const PER_SENDER = 30;

describe('two processes hosting the same nodes', () => {
  let server: NatsServer;
  const running: RunningNode[] = [];
  const clients: LienthongClient[] = [];

  beforeAll(async () => {
    server = await startNatsServer();
    for (const name of ['first', 'second']) {
      running.push(
        await startNode(
          { servers: server.url, topology, name },
          { logger: createLogger({ name, level: process.env.LT_TEST_LOG_LEVEL ?? 'error' }) },
        ),
      );
    }
  });

  afterAll(async () => {
    await Promise.allSettled(clients.map((c) => c.close()));
    await Promise.allSettled(running.map((r) => r.stop()));
    await server?.cleanup();
  });

  it('split the work: each document once, every status in its record, every audit chain whole', async () => {
    const open = async (agency: string): Promise<LienthongClient> => {
      const c = await connect({ servers: server.url, agency, defaultTimeoutMs: 10_000 });
      clients.push(c);
      return c;
    };
    const senders = await Promise.all(SENDERS.map(open));
    const recipients = await Promise.all(RECIPIENTS.map(open));
    const ids = SENDERS.flatMap((s) =>
      Array.from({ length: PER_SENDER }, (_, i) => `${s},2026/12/05,${i + 1}/CHIA-VIEC`),
    );
    await Promise.all(
      senders.map(async (c, k) => {
        for (const documentId of ids.filter((id) => id.startsWith(SENDERS[k]!))) {
          await c.send({
            documentId,
            subject: 'Hai tiến trình cùng phục vụ',
            to: RECIPIENTS.map((code) => ({ code })),
          });
        }
      }),
    );

    // Each recipient reads until it has every document, acknowledging (01) and accepting (03) each.
    await Promise.all(
      recipients.map(async (c) => {
        const seen: string[] = [];
        const inbox = c.inbox();
        for await (const item of inbox) {
          seen.push(item.documentId);
          await item.ack();
          await item.report(BusinessStatus.BUSINESS_STATUS_ACCEPTED);
          if (seen.length === ids.length) break;
        }
        await inbox.stop();
        expect([...seen].sort()).toEqual([...ids].sort());
      }),
    );
    // Nothing more comes: a second copy would arrive within this wait.
    await Promise.all(
      recipients.map(async (c) => {
        const inbox = c.inbox();
        const extra = await Promise.race([
          (async () => {
            for await (const item of inbox) return item.documentId;
            return undefined;
          })(),
          new Promise<undefined>((r) => setTimeout(() => r(undefined), 1_500)),
        ]);
        await inbox.stop();
        expect(extra).toBeUndefined();
      }),
    );

    // Both processes did part of it.
    for (const r of running)
      expect(r.runtime.counters.submitted + r.runtime.counters.relayed).toBeGreaterThan(0);

    // Every record of every document ends fetched and accepted, with 01 and 03 in its timeline.
    await Promise.all(
      senders.map(async (c, k) => {
        for (const documentId of ids.filter((id) => id.startsWith(SENDERS[k]!))) {
          const tracker = await c.track(documentId);
          try {
            const rs: readonly TrackingRecord[] = await tracker.until(
              (x) =>
                x.length === RECIPIENTS.length &&
                x.every((r) => r.business === BusinessStatus.BUSINESS_STATUS_ACCEPTED),
              { timeoutMs: 15_000 },
            );
            for (const r of rs) {
              expect(r.transport).toBe(TransportState.TRANSPORT_STATE_FETCHED);
              const codes = r.timeline.map((e) => e.business).filter((b) => b !== undefined && b !== 0);
              expect(codes).toEqual(
                expect.arrayContaining([
                  BusinessStatus.BUSINESS_STATUS_ARRIVED,
                  BusinessStatus.BUSINESS_STATUS_ACCEPTED,
                ]),
              );
            }
          } finally {
            await tracker.stop();
          }
        }
      }),
    );

    // Both processes appended to the same chains; each verifies.
    const { js, jsm } = running[0]!.nats;
    const nodes = await auditedNodes(jsm);
    expect(nodes.length).toBeGreaterThan(0);
    for (const node of nodes) {
      const v = await verifyNodeAudit(js, jsm, node);
      expect({ node, broken: v.broken }).toEqual({ node, broken: undefined });
    }
  });
});
