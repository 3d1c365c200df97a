/**
 * The audit chain of a running node: every custody transfer lands in it before the inbound message
 * is acknowledged, and `verifyNodeAudit` finds an altered block and a removed block in the stream.
 */
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import type { AuditBlock } from '@lienthong/core';
import { auditSubject } from '@lienthong/core';
import { AUDIT_STREAM, auditedNodes, readAuditChain, verifyNodeAudit } from '@lienthong/node';
import { TransportState } from '@lienthong/proto';
import { connect } from '@lienthong/sdk';
import { waitFor } from '@lienthong/testkit';
import { startDemoBroker } from './support';
import type { DemoBroker } from './support';

jest.setTimeout(60_000);

const SENDER = '000.01.43.H41';
const NODE = 'h41-yenthanh-xa1';

describe('audit log', () => {
  let b: DemoBroker;
  let js: JetStreamClient;
  let jsm: JetStreamManager;

  beforeAll(async () => {
    b = await startDemoBroker('audit', 'silent');
    js = jetstream(b.nc);
    jsm = await jetstreamManager(b.nc);
    const client = await connect({ servers: b.server.url, agency: SENDER });
    try {
      const ids: string[] = [];
      for (let i = 1; i <= 20; i++) {
        const id = `${SENDER},2026/11/22,${i}/AUDIT`;
        ids.push(id);
        await client.send({ documentId: id, subject: `audit ${i}`, to: [{ code: '000.00.00.G22' }] });
      }
      for (const id of ids) {
        await waitFor(`${id} delivered`, async () => {
          const [r] = await client.snapshot(id);
          return r?.transport === TransportState.TRANSPORT_STATE_DELIVERED;
        });
      }
    } finally {
      await client.close();
    }
  });
  afterAll(async () => {
    await b?.stop();
  });

  it('records every custody transfer on the path in an intact chain per node', async () => {
    const nodes = await auditedNodes(jsm);
    // The commune's intake, the district's, the province's and the centre's relays; with the
    // domain-local shortcut (one domain here) the district and the province never take custody.
    if (b.node.config.domainShortcut) {
      expect(nodes).toEqual(expect.arrayContaining([NODE, 'vn']));
      expect(nodes).not.toEqual(expect.arrayContaining(['h41-yenthanh']));
    } else {
      expect(nodes).toEqual(expect.arrayContaining([NODE, 'h41-yenthanh', 'h41', 'vn']));
    }
    for (const node of nodes) {
      const v = await verifyNodeAudit(js, jsm, node);
      expect(v.broken).toBeUndefined();
      expect(v.blocks).toBeGreaterThan(0);
    }
    const v = await verifyNodeAudit(js, jsm, NODE);
    // 20 submissions taken in, and 20 DELIVERED events relayed back to the sender's home node.
    expect(v.entries).toBe(40);
    const blocks = (await readAuditChain(js, jsm, NODE)).map(
      (s) => JSON.parse(Buffer.from(s.data).toString()) as AuditBlock,
    );
    const entries = blocks.flatMap((bl) => bl.entries);
    const submits = entries.filter((e) => e.kind === 'submit');
    expect(submits.every((e) => e.disposition === 'forwarded' && e.what === 'DOCUMENT')).toBe(true);
    expect(new Set(submits.map((e) => e.documentId)).size).toBe(20);
    expect(entries.filter((e) => e.kind === 'relay' && e.what === 'TRANSPORT')).toHaveLength(20);
    expect(entries.every((e) => /^[0-9a-f]{64}$/.test(e.sha256))).toBe(true);
  });

  it('detects an altered block (republished with other content) and a removed block', async () => {
    // The centre's chain: alter its second block, put the copy back, delete the original.
    const stored = await readAuditChain(js, jsm, 'vn');
    expect(stored.length).toBeGreaterThanOrEqual(3);
    const second = JSON.parse(Buffer.from(stored[1]!.data).toString()) as AuditBlock;
    const forged = {
      ...second,
      entries: second.entries.map((e) => ({ ...e, disposition: 'dead-lettered' })),
    };
    await jsm.streams.deleteMessage(AUDIT_STREAM, stored[1]!.streamSeq);
    await js.publish(auditSubject('vn'), JSON.stringify(forged));
    const altered = await verifyNodeAudit(js, jsm, 'vn');
    expect(altered.broken).toMatchObject({ streamSeq: stored[2]!.streamSeq, blockSeq: 3 });
    expect(altered.broken!.problem).toMatch(/block 2 removed/);

    // Altered in place (content changed, hash recomputed by an attacker who knows the scheme):
    // the next block's link breaks.
    const chain = await readAuditChain(js, jsm, NODE);
    const first = JSON.parse(Buffer.from(chain[0]!.data).toString()) as AuditBlock;
    const { auditBlockHash } = await import('@lienthong/core');
    const rewritten = { ...first, entries: first.entries.slice(1) };
    const rehashed = { ...rewritten, hash: auditBlockHash(rewritten) };
    const rest = chain.slice(1).map((s) => Buffer.from(s.data).toString());
    for (const s of chain) await jsm.streams.deleteMessage(AUDIT_STREAM, s.streamSeq);
    for (const data of [JSON.stringify(rehashed), ...rest]) await js.publish(auditSubject(NODE), data);
    const rechained = await verifyNodeAudit(js, jsm, NODE);
    expect(rechained.broken?.problem).toMatch(/block 2 does not follow block 1/);

    // And a block whose content no longer matches its own hash.
    const vn = await readAuditChain(js, jsm, 'vn');
    const only = JSON.parse(Buffer.from(vn[0]!.data).toString()) as AuditBlock;
    const tampered = { ...only, atMs: only.atMs + 1 };
    const tail = vn.slice(1).map((s) => Buffer.from(s.data).toString());
    for (const s of vn) await jsm.streams.deleteMessage(AUDIT_STREAM, s.streamSeq);
    for (const data of [JSON.stringify(tampered), ...tail]) await js.publish(auditSubject('vn'), data);
    expect((await verifyNodeAudit(js, jsm, 'vn')).broken?.problem).toMatch(/block 1 was altered/);
  });
});
