/**
 * The audit chain writer against a real server: concurrent writers of one node (two processes
 * hosting it) keep one intact chain; entries are batched into blocks; a tampered head does not stop
 * the node from recording, and the break is reported.
 */
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/transport-node';
import pino from 'pino';
import type { AuditEntry, NodeInfo } from '@lienthong/core';
import { Level } from '@lienthong/proto';
import { auditSubject } from '@lienthong/core';
import { readAuditChain, verifyNodeAudit } from '@lienthong/node';
import { AuditLog } from '@lienthong/node/internal';
import { startNatsServer } from '@lienthong/testkit';
import type { NatsServer } from '@lienthong/testkit';

const log = pino({ level: 'silent' });
const node = (id: string): NodeInfo =>
  ({ id, level: Level.LEVEL_PROVINCE, levelName: 'province', name: id, domain: '' }) as unknown as NodeInfo;
const entry = (i: number): AuditEntry => ({
  kind: 'relay',
  subject: `lt.v1.province.h41.relay.normal.vn`,
  streamSeq: i,
  sha256: i.toString(16).padStart(64, '0'),
  disposition: 'forwarded',
});

describe('AuditLog', () => {
  let server: NatsServer;
  let nc: NatsConnection;
  let js: JetStreamClient;
  let jsm: JetStreamManager;

  beforeAll(async () => {
    server = await startNatsServer();
    nc = await connect({ servers: server.url });
    js = jetstream(nc);
    jsm = await jetstreamManager(nc);
    await new AuditLog(js, jsm, log).ensureStream();
  });
  afterAll(async () => {
    await nc?.close();
    await server?.cleanup();
  });

  it('two writers of one node append 400 entries concurrently to one intact chain, in few blocks', async () => {
    const a = new AuditLog(js, jsm, log);
    const b = new AuditLog(js, jsm, log);
    const n = node('h41');
    await Promise.all(Array.from({ length: 400 }, (_, i) => (i % 2 ? a : b).record(n, entry(i))));
    const v = await verifyNodeAudit(js, jsm, 'h41');
    expect(v.broken).toBeUndefined();
    expect(v.entries).toBe(400);
    expect(v.blocks).toBeLessThan(400); // batched: a block per burst, not per entry
  });

  it('an idle chain gathers entries recorded a moment apart into one block', async () => {
    const writer = new AuditLog(js, jsm, log);
    const n = node('h38');
    // The first entry finds the chain idle; the others come within the next millisecond or two.
    const first = writer.record(n, entry(1));
    await new Promise((r) => setImmediate(r));
    const more = Array.from({ length: 9 }, (_, i) => writer.record(n, entry(i + 2)));
    await Promise.all([first, ...more]);
    const v = await verifyNodeAudit(js, jsm, 'h38');
    expect(v.broken).toBeUndefined();
    expect(v.entries).toBe(10);
    expect(v.blocks).toBe(1);
  });

  it('keeps recording after its head was replaced by garbage, and the break is reported', async () => {
    const n = node('h27');
    await new AuditLog(js, jsm, log).record(n, entry(1));
    await js.publish(auditSubject('h27'), 'not a block');
    await new AuditLog(js, jsm, log).record(n, entry(2));
    const chain = await readAuditChain(js, jsm, 'h27');
    expect(chain).toHaveLength(3);
    const v = await verifyNodeAudit(js, jsm, 'h27');
    expect(v.broken).toMatchObject({
      streamSeq: chain[1]!.streamSeq,
      problem: expect.stringMatching(/not an audit block/),
    });
  });
});
