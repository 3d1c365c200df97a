/**
 * A broadcast through one runtime hosting the whole demo tree: the document is decoded once and
 * carried on as its bytes (src/document-bytes.ts) at every node after the first. Every recipient
 * must still get exactly the document that was sent, once, and the sender's tracking must show
 * every copy delivered and confirmed.
 */
import { Document, TransportState } from '@lienthong/proto';
import type { IDocument } from '@lienthong/proto';
import type { LienthongClient } from '@lienthong/sdk';
import type { Topology } from '@lienthong/core';
import { sharedDocuments } from '../src/document-bytes';
import { A, Harness, demoTopology, docId, documentOf, waitFor } from './harness';
import type { InboxReader } from './harness';

describe('broadcast through one runtime', () => {
  const h = new Harness();
  let topology: Topology;
  let sender: LienthongClient;
  const readers = new Map<string, InboxReader>();

  beforeAll(async () => {
    topology = demoTopology();
    const server = await h.server();
    await h.node(server, topology);
    sender = await h.client(server, A.government);
    for (const a of topology.agencies()) {
      if (a.code === A.government) continue;
      readers.set(a.code, h.reader(await h.client(server, a.code)));
    }
  }, 60_000);
  afterAll(() => h.cleanup());

  it('every recipient gets the very document sent, once; every copy is tracked delivered and confirmed', async () => {
    const recipients = [...readers.keys()];
    const id = docId(A.government, 'BROADCAST');
    // Large enough to be shared between the nodes it crosses.
    const doc: IDocument = documentOf(id, A.government, recipients, {
      contentSummary: 'Công điện khẩn về ứng phó bão số 3. '.repeat(200),
    });
    const hitsBefore = sharedDocuments.hits;
    await sender.send(doc);
    const expected = Buffer.from(Document.encode(doc).finish());
    for (const [agency, reader] of readers) {
      const [item] = await reader.waitForDocuments(1, 20_000);
      expect(item!.documentId).toBe(id);
      expect(Buffer.from(Document.encode(item!.document!).finish()).equals(expected)).toBe(true);
      expect(item!.envelope.recipients).toEqual([agency]);
    }
    // The later nodes reused the document decoded by the first.
    expect(sharedDocuments.hits).toBeGreaterThan(hitsBefore);
    const records = await waitFor(
      'every copy delivered and confirmed (01)',
      async () => {
        const r = await sender.snapshot(id);
        return r.length === recipients.length &&
          r.every((x) => x.transport === TransportState.TRANSPORT_STATE_FETCHED && x.business === 1)
          ? r
          : false;
      },
      20_000,
    );
    expect(records.map((r) => r.recipient).sort()).toEqual([...recipients].sort());
    // Nothing more arrives: each inbox holds the one item.
    await new Promise((r) => setTimeout(r, 500));
    for (const reader of readers.values()) expect(reader.counts().get(id)).toBe(1);
  });
});
