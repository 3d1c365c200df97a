/**
 * send(): custody, many recipients across levels, resends, inline attachments, and the typed errors
 * a caller gets for bad input, against a real nats-server and a node hosting the demo tree.
 */
import { createHash } from 'node:crypto';
import {
  BusinessOperation,
  LienthongError,
  MAX_INLINE_ATTACHMENT_BYTES,
  TransportState,
  connect,
} from '@lienthong/sdk';
import { A, World, docId, documentTo, errorOf, sleep, waitFor } from './world';

describe('send', () => {
  const w = new World();
  beforeAll(() => w.start(), 20_000);
  afterEach(() => w.cleanupClients());
  afterAll(() => w.cleanup());

  it('delivers one package to recipients at four levels, once each, and the sender sees each copy fetched', async () => {
    const sender = await w.client(A.baothanh);
    const recipients = [A.government, A.nghean, A.quynhluu, A.quynhthach, A.sontay];
    const readers = await Promise.all(recipients.map(async (r) => w.reader(await w.client(r))));
    const id = docId(A.baothanh, 'MULTI');

    const receipt = await sender.send(documentTo(id, recipients));
    expect(receipt).toEqual({
      documentId: id,
      duplicate: false,
      recipients,
      traceparent: expect.stringMatching(/^00-/),
    });

    for (const r of readers) await r.waitFor(1);
    const records = await waitFor('every copy fetched', async () => {
      const rs = await sender.snapshot(id);
      return rs.length === recipients.length &&
        rs.every((r) => r.transport === TransportState.TRANSPORT_STATE_FETCHED)
        ? rs
        : false;
    });
    expect(records.map((r) => r.recipient).sort()).toEqual([...recipients].sort());
    // The copy to the commune of another province went up to the centre and down again.
    const toSontay = records.find((r) => r.recipient === A.sontay)!;
    expect(toSontay.hops.map((h) => h.node)).toEqual([
      'h41-yenthanh-xa1',
      'h41-yenthanh',
      'h41',
      'vn',
      'h27',
      'h27-huongson',
      'h27-huongson-xa1',
    ]);
    for (const r of readers) {
      // One message in the recipient's inbox, delivered and acknowledged: nothing more can come.
      expect(await w.inboxSettled(r.client.agency)).toEqual({
        messages: 1,
        subjects: 1,
        pending: 0,
        ackPending: 0,
      });
      expect(r.items).toHaveLength(1);
      const item = r.items[0]!;
      expect(item).toMatchObject({ kind: 'document', documentId: id, sender: A.baothanh });
      expect(item.operation).toBe(BusinessOperation.BUSINESS_OPERATION_NEW);
      expect(item.document?.from?.code).toBe(A.baothanh);
    }
  });

  it('a resend with the same document id is flagged duplicate and delivered once', async () => {
    const sender = await w.client(A.yenthanh);
    const reader = w.reader(await w.client(A.hatinh));
    const id = docId(A.yenthanh, 'RESEND');
    const first = await sender.send(documentTo(id, [A.hatinh]));
    // A duplicate is flagged once the sender's tracking confirms the document, which the home node
    // records just after taking custody; a resend before that is handed over again (still once).
    const deadline = Date.now() + 10_000;
    while ((await sender.snapshot(id)).length === 0 && Date.now() < deadline) {
      await new Promise((res) => setTimeout(res, 20));
    }
    const again = await sender.send(documentTo(id, [A.hatinh]));
    expect(first.duplicate).toBe(false);
    expect(again.duplicate).toBe(true);
    await reader.waitFor(1);
    expect(await w.inboxSettled(A.hatinh)).toEqual({ messages: 1, subjects: 1, pending: 0, ackPending: 0 });
    expect(reader.counts().get(id)).toBe(1);
    const [record] = await sender.snapshot(id);
    expect(
      record!.timeline.filter((e) => e.transport === TransportState.TRANSPORT_STATE_DELIVERED),
    ).toHaveLength(1);
  });

  it('a resend naming a recipient the document was not sent to is refused, naming the way to add one', async () => {
    const sender = await w.client(A.yenthanh);
    const id = docId(A.yenthanh, 'RESEND-MORE');
    await sender.send(documentTo(id, [A.hatinh]));
    const deadline = Date.now() + 10_000;
    while ((await sender.snapshot(id)).length === 0 && Date.now() < deadline) {
      await new Promise((res) => setTimeout(res, 20));
    }
    const e = await errorOf(sender.send(documentTo(id, [A.hatinh, A.government])));
    expect(e.code).toBe('AlreadyExists');
    expect(e.message).toBe(
      `send: document ${id} was sent before, to ${A.hatinh}; a document is sent once, so ${A.government} would not get it: add recipients with update(${id}, anUpdate, { addRecipients })`,
    );
    // Nothing was opened for the one it named; the same resend without it is a duplicate.
    expect((await sender.snapshot(id)).map((r) => r.recipient)).toEqual([A.hatinh]);
    expect((await sender.send(documentTo(id, [A.hatinh]))).duplicate).toBe(true);
  });

  it('a resend right after the first, before tracking confirms it, is still delivered once', async () => {
    const sender = await w.client(A.yenthanh);
    const reader = w.reader(await w.client(A.hatinh));
    const id = docId(A.yenthanh, 'RESEND-AT-ONCE');
    await Promise.all([sender.send(documentTo(id, [A.hatinh])), sender.send(documentTo(id, [A.hatinh]))]);
    await reader.waitFor(1);
    await new Promise((res) => setTimeout(res, 300));
    expect(reader.counts().get(id)).toBe(1);
  });

  it('inline attachments carry their size and SHA-256; one put inline by hand over 256 KiB is refused', async () => {
    const sender = await w.client(A.noivu);
    const reader = w.reader(await w.client(A.taichinh));
    const pdf = new Uint8Array(100_000).map((_, i) => i % 251);
    const id = docId(A.noivu, 'ATT');
    await sender.send(documentTo(id, [A.taichinh]), {
      attachments: [{ name: 'cong-van.pdf', mediaType: 'application/pdf', data: pdf }],
    });
    const [item] = await reader.waitFor(1);
    const att = item!.document!.attachments![0]!;
    expect(att.name).toBe('cong-van.pdf');
    expect(Number(att.size)).toBe(100_000);
    expect(Buffer.from(att.sha256!).toString('hex')).toBe(createHash('sha256').update(pdf).digest('hex'));
    expect(Buffer.from(att.inline!).equals(Buffer.from(pdf))).toBe(true);

    // Given as `data`, bytes over the inline limit become stored content (attachments.test.ts); put in
    // the document by hand they would travel inline, and are refused.
    const big = new Uint8Array(MAX_INLINE_ATTACHMENT_BYTES + 1);
    const err = await sender
      .send(documentTo(docId(A.noivu), [A.taichinh], { attachments: [{ name: 'big.pdf', inline: big }] }))
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LienthongError);
    expect(err).toMatchObject({ code: 'InvalidArgument' });
    expect((err as Error).message).toMatch(/262144 bytes/);
  });

  it('refuses bad input with InvalidArgument before anything is sent', async () => {
    const sender = await w.client(A.baothanh);
    const codeOf = (p: Promise<unknown>): Promise<unknown> =>
      p.then(
        () => 'resolved',
        (e: unknown) => (e instanceof LienthongError ? e.code : e),
      );
    expect(await codeOf(sender.send(documentTo('', [A.nghean])))).toBe('InvalidArgument');
    expect(await codeOf(sender.send(documentTo(docId(A.baothanh), [])))).toBe('InvalidArgument');
    expect(await codeOf(sender.send(documentTo(docId(A.baothanh), ['000.00.00.H4*'])))).toBe(
      'InvalidArgument',
    );
    expect(await codeOf(sender.send(documentTo(docId(A.baothanh), ['not a code'])))).toBe('InvalidArgument');
    expect(await codeOf(sender.send(documentTo(`${A.baothanh},\u0000bad`, [A.nghean])))).toBe(
      'InvalidArgument',
    );
    expect(await codeOf(sender.snapshot(''))).toBe('InvalidArgument');
    expect(await codeOf(sender.send(documentTo(docId(A.baothanh), [A.nghean]), { timeoutMs: -1 }))).toBe(
      'InvalidArgument',
    );
  });

  it('connect: NotFound for an agency the directory does not know, InvalidArgument for a malformed code', async () => {
    const notFound = await connect({ servers: w.server.url, agency: '000.00.99.H41' }).catch(
      (e: unknown) => e,
    );
    expect(notFound).toBeInstanceOf(LienthongError);
    expect(notFound).toMatchObject({ code: 'NotFound' });
    const malformed = await connect({ servers: w.server.url, agency: '000.00.00.H4>' }).catch(
      (e: unknown) => e,
    );
    expect(malformed).toMatchObject({ code: 'InvalidArgument' });
  });
});

describe('send after the duplicate window', () => {
  const w = new World();
  beforeAll(() => w.start({ retention: { duplicateWindowMs: 300 } }), 20_000);
  afterAll(() => w.cleanup());

  it('a late resend is not flagged, and the inbox still holds the document once', async () => {
    const sender = await w.client(A.government);
    const reader = w.reader(await w.client(A.quynhvan));
    const id = docId(A.government, 'LATE');
    await sender.send(documentTo(id, [A.quynhvan]));
    await reader.waitFor(1);
    await sleep(600);
    const late = await sender.send(documentTo(id, [A.quynhvan]));
    expect(late.duplicate).toBe(false);
    // The home node processes the resend again; the inbox refuses the second copy.
    // Processed (the node has no backlog), the inbox holds the first copy only, acknowledged.
    expect(await w.inboxSettled(A.quynhvan)).toEqual({ messages: 1, subjects: 1, pending: 0, ackPending: 0 });
    expect(reader.counts().get(id)).toBe(1);
  });
});
