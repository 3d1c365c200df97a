/**
 * Content read through the home node (the agency service's `content` operation): the recipient of a
 * document is handed its attachment's manifest, another agency is denied, and a moment when the
 * node cannot look (its server away) is said as such, not taken for "denied" — a denial is
 * remembered for a minute, which would keep a recipient from its attachment long after the server
 * came back.
 */
import 'reflect-metadata';
import { agencyToToken, levelName } from '@lienthong/core';
import { manifestSubject } from '@lienthong/content';
import { connectNats } from '@lienthong/infra';
import type { NatsHandles } from '@lienthong/infra';
import { ContentReads } from '@lienthong/node/internal';
import { A, Harness, demoTopology, docId, documentOf, waitFor } from './harness';

describe('content read through the home node', () => {
  const h = new Harness();
  let nats: NatsHandles | undefined;
  afterAll(async () => {
    await nats?.nc.close();
    await h.cleanup();
  });

  it('hands the recipient its content, denies others, and says "unavailable" while it cannot look', async () => {
    const topology = demoTopology();
    const server = await h.server({ stopGraceMs: 30_000 });
    await h.node(server, topology);
    const inspect = await h.inspector(server, topology);
    const sender = await h.client(server, A.nghean);
    const id = docId(A.nghean, 'CONTENT');
    await sender.send(documentOf(id, A.nghean, [A.noivu]), {
      attachments: [
        { name: 'ho-so.pdf', mediaType: 'application/pdf', data: new Uint8Array(512 * 1024).fill(7) },
      ],
    });
    await waitFor(
      'the document in its inbox',
      async () => (await inspect.inboxCounts(A.noivu)).get(id) === 1,
      20_000,
    );
    const [item] = (await inspect.inbox(A.noivu)).filter((e) => e.documentId === id);
    const file = item?.document?.attachments?.[0]?.ref?.sha256Hex ?? '';
    expect(file).toMatch(/^[0-9a-f]{64}$/);

    nats = await connectNats({
      name: 'content-reads-test',
      servers: server.url,
      timeoutMs: 1_000,
      reconnect: { timeWaitMs: 200 },
    });
    const reads = new ContentReads(nats.jsm, '');
    const askerOf = (agency: string) => {
      const home = topology.homeNodeOf(agency);
      return { level: levelName(home.level), node: home.id, token: agencyToToken(agency) };
    };
    const subject = manifestSubject('', file);
    expect((await reads.read(askerOf(A.noivu), { subject, file })).status).toBe('ok');
    expect((await reads.read(askerOf(A.hatinh), { subject, file })).status).toBe('denied');

    // A fresh asker's verdict is not remembered yet: it is looked up while the server is away.
    await server.stop();
    expect((await reads.read(askerOf(A.nghean), { subject, file })).status).toBe('unavailable');
    await server.restart();
    await waitFor(
      'the sender handed its content once the server is back',
      async () =>
        (await reads.read(askerOf(A.nghean), { subject, file }).catch(() => undefined))?.status === 'ok',
      20_000,
    );
  }, 90_000);
});
