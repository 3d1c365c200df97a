/**
 * Large attachments through the SDK and one node: uploads from a file, a stream and bytes with
 * progress, downloads checked against their SHA-256, the same content stored once, limits refused
 * before anything is stored, a tampered chunk reported to the sender and refused to the reader,
 * content that never came, and retention.
 */
import { createHash } from 'node:crypto';
import { createWriteStream, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CONTENT_STREAM, ContentStore, DEFAULT_CHUNK_SIZE, chunkSubject } from '@lienthong/content';
import { encodeEnvelope, relaySubject } from '@lienthong/core';
import { FailureReason, TransportState } from '@lienthong/proto';
import { ContentMissingError, ContentTooLargeError, MAX_INLINE_ATTACHMENT_BYTES } from '@lienthong/sdk';
import type { AttachmentProgress } from '@lienthong/sdk';
import { deterministicBytes, deterministicSha256 } from '@lienthong/testkit';
import { A, World, docId, documentOf, documentTo, waitFor } from './world';

jest.setTimeout(60_000);

const MB = 1024 * 1024;

const sha = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

/** A writable that hashes what it gets, slowly enough to make the download wait for 'drain'. */
function hashingSink(): { sink: Writable; digest: () => string; bytes: () => number } {
  const h = createHash('sha256');
  let n = 0;
  const sink = new Writable({
    highWaterMark: 64 * 1024,
    write(chunk: Buffer, _enc, done) {
      h.update(chunk);
      n += chunk.length;
      setImmediate(done);
    },
  });
  return { sink, digest: () => h.digest('hex'), bytes: () => n };
}

describe('attachments', () => {
  const w = new World();
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lt-att-'));
    await w.start({ limits: { attachmentWaitMs: 1500 }, retention: { attachmentSweepIntervalMs: 0 } });
  }, 20_000);
  afterEach(() => w.cleanupClients());
  afterAll(async () => {
    await w.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  const contentMessages = async (): Promise<number> =>
    (await w.node!.nats.jsm.streams.info(CONTENT_STREAM)).state.messages;

  const writeFile = async (name: string, size: number, seed: number): Promise<string> => {
    const path = join(dir, name);
    await pipeline(deterministicBytes(size, seed), createWriteStream(path));
    return path;
  };

  it('sends a file, a stream and small bytes; the reader gets each intact, with progress both ways', async () => {
    const sender = await w.client(A.baothanh);
    const reader = w.reader(await w.client(A.nghean), { ack: false });
    const path = await writeFile('quyet-dinh.pdf', 3 * MB + 17, 1);
    const small = Buffer.from('tờ trình'.repeat(100));
    const progress: AttachmentProgress[] = [];
    const id = docId(A.baothanh, 'ATTACH');
    await sender.send(documentTo(id, [A.nghean]), {
      attachments: [
        { name: 'quyet-dinh.pdf', mediaType: 'application/pdf', path },
        { name: 'scan.tiff', stream: deterministicBytes(2 * MB, 2) },
        { name: 'note.txt', mediaType: 'text/plain', data: small },
      ],
      onProgress: (p) => progress.push(p),
    });
    expect(progress.filter((p) => p.index === 0).at(-1)).toEqual({
      name: 'quyet-dinh.pdf',
      index: 0,
      bytes: 3 * MB + 17,
      total: 3 * MB + 17,
    });
    // One report per chunk stored.
    expect(progress.filter((p) => p.index === 0).length).toBe(Math.ceil((3 * MB + 17) / DEFAULT_CHUNK_SIZE));
    expect(progress.filter((p) => p.index === 1).at(-1)).toMatchObject({ bytes: 2 * MB, total: undefined });

    const item = await reader.waitForId(id);
    const [pdf, scan, note] = item.attachments;
    expect(pdf).toMatchObject({ name: 'quyet-dinh.pdf', stored: true, size: 3 * MB + 17 });
    expect(pdf!.sha256Hex).toBe(await deterministicSha256(3 * MB + 17, 1));
    expect(note).toMatchObject({ stored: false, mediaType: 'text/plain' });
    expect(Buffer.from(await note!.bytes()).equals(small)).toBe(true);

    const got = hashingSink();
    const down: number[] = [];
    await pdf!.download(got.sink, { onProgress: (p) => down.push(p.bytes) });
    expect(got.digest()).toBe(pdf!.sha256Hex);
    expect(down.at(-1)).toBe(3 * MB + 17);

    // Both stored files were verified before the document reached the inbox: by the node's content
    // guard as they were stored (it follows each upload chunk by chunk), the delivering node then
    // finding the record; or, failing that, by reading them again.
    const metric = await w
      .node!.runtime.metrics.registry.getSingleMetric('lienthong_attachment_bytes_total')!
      .get();
    const bytes = (op: string): number => metric.values.find((v) => v.labels.op === op)?.value ?? 0;
    expect(bytes('verified-as-stored')).toBeGreaterThanOrEqual(3 * MB + 17 + 2 * MB);
    expect(bytes('verified-as-stored') + bytes('verified')).toBeGreaterThanOrEqual(3 * MB + 17 + 2 * MB);

    const saved = join(dir, 'saved.tiff');
    await scan!.saveTo(saved);
    expect(sha(await readFile(saved))).toBe(await deterministicSha256(2 * MB, 2));
    await item.ack();

    // The same file sent again in another document is stored once.
    const before = await contentMessages();
    const again = docId(A.baothanh, 'ATTACH');
    await sender.send(documentTo(again, [A.nghean]), { attachments: [{ name: 'lai.pdf', path }] });
    const second = await reader.waitForId(again);
    expect(second.attachments[0]!.sha256Hex).toBe(pdf!.sha256Hex);
    expect(await contentMessages()).toBe(before);
  });

  it('refuses an attachment over the limit before anything is stored, and says what a stream left behind', async () => {
    const sender = await w.client(A.baothanh, { maxAttachmentBytes: 2 * MB });
    const path = await writeFile('too-big.pdf', 2 * MB + 1, 3);
    const before = await contentMessages();
    const id = docId(A.baothanh, 'BIG');
    const err = await sender
      .send(documentTo(id, [A.nghean]), {
        attachments: [
          { name: 'ok.pdf', stream: deterministicBytes(MB, 4) },
          { name: 'too-big.pdf', path },
        ],
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ContentTooLargeError);
    expect(err).toMatchObject({ code: 'InvalidArgument', limit: 2 * MB, size: 2 * MB + 1 });
    expect((err as Error).message).toMatch(/too-big\.pdf is 2097153 bytes; the limit is 2097152 bytes/);
    expect(await contentMessages()).toBe(before);
    expect(await sender.snapshot(id)).toEqual([]);

    const streamed = await sender
      .send(documentTo(id, [A.nghean]), {
        attachments: [{ name: 'feed.bin', stream: deterministicBytes(3 * MB, 5) }],
      })
      .catch((e: unknown) => e);
    expect(streamed).toBeInstanceOf(ContentTooLargeError);
    expect((streamed as Error).message).toMatch(/feed\.bin: .*upload stopped after \d+ chunks/);
    expect(await sender.snapshot(id)).toEqual([]);
  });

  it('an upload cancelled half-way rejects with Canceled and sends nothing', async () => {
    const sender = await w.client(A.baothanh);
    const abort = new AbortController();
    const id = docId(A.baothanh, 'CANCEL');
    const err = await sender
      .send(documentTo(id, [A.nghean]), {
        attachments: [{ name: 'long.bin', stream: deterministicBytes(8 * MB, 12) }],
        signal: abort.signal,
        onProgress: (p) => p.bytes >= MB && abort.abort(),
      })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'Canceled' });
    expect(await sender.snapshot(id)).toEqual([]);
  });

  it('the node refuses a document whose attachment is over its own limit', async () => {
    const node = w.node!;
    await node.stop();
    await w.startNode({ limits: { maxAttachmentBytes: MB } });
    try {
      const sender = await w.client(A.baothanh);
      const id = docId(A.baothanh, 'NODELIMIT');
      await sender.send(documentTo(id, [A.nghean]), {
        attachments: [{ name: 'big.bin', stream: deterministicBytes(MB + 1, 6) }],
      });
      const dead = await waitFor('dead letter', async () => {
        const m = await w.node!.nats.jsm.streams.getMessage('LT_DEAD', {
          last_by_subj: 'lt.v1.commune.h41-yenthanh-xa1.dead',
        });
        return m && m.string().includes('big.bin') ? m : false;
      });
      expect(dead.string()).toMatch(/big\.bin is 1048577 bytes; the limit is 1048576/);
    } finally {
      await w.node!.stop();
      await w.startNode({ limits: { attachmentWaitMs: 1500 }, retention: { attachmentSweepIntervalMs: 0 } });
    }
  });

  /** Uploads content straight into the store, as a sender's SDK would, and tampers with one chunk. */
  const tampered = async (size: number, seed: number): Promise<{ hex: string; chunks: number }> => {
    const { js, jsm } = w.node!.nats;
    const store = new ContentStore(js, jsm, '');
    const stored = await store.upload(deterministicBytes(size, seed));
    const manifest = (await store.manifest(stored.sha256Hex))!;
    const victim = chunkSubject('', Buffer.from(manifest.chunks[1]!).toString('hex'));
    await jsm.streams.purge(CONTENT_STREAM, { filter: victim });
    await js.publish(victim, Buffer.alloc(manifest.chunkSize, 0x42));
    await removedByGuard(victim);
    return { hex: stored.sha256Hex, chunks: stored.chunkCount };
  };

  /** The node's content guard removes bytes that do not hash to their subject. */
  const removedByGuard = async (subject: string): Promise<void> => {
    const { jsm } = w.node!.nats;
    await waitFor('the bad chunk removed by the content guard', async () => {
      const info = await jsm.streams.info(CONTENT_STREAM, { subjects_filter: subject });
      return (info.state.subjects?.[subject] ?? 0) === 0;
    });
  };

  const refTo = (hex: string, size: number, chunks: number) => ({
    name: 'cong-van.pdf',
    size,
    sha256: Buffer.from(hex, 'hex'),
    ref: { sha256Hex: hex, size, chunkSize: DEFAULT_CHUNK_SIZE, chunkCount: chunks },
  });

  it('a tampered chunk is removed by the content guard: the document fails, and the sender is told why', async () => {
    const sender = await w.client(A.baothanh);
    const reader = w.reader(await w.client(A.nghean));
    const { hex, chunks } = await tampered(MB, 7);
    const id = docId(A.baothanh, 'TAMPER');
    await sender.send(documentTo(id, [A.nghean], { attachments: [refTo(hex, MB, chunks)] }));
    const [record] = await waitFor('FAILED with ATTACHMENT_CORRUPT', async () => {
      const rs = await sender.snapshot(id);
      return rs[0]?.transport === TransportState.TRANSPORT_STATE_FAILED ? rs : false;
    });
    expect(record!.failure).toBe(FailureReason.FAILURE_REASON_ATTACHMENT_MISSING);
    // The guard removed the bad chunk, and the manifest too if it checked it after the tampering.
    expect(record!.failureDetail).toMatch(
      /chunk 1 \([0-9a-f]{64}\) of content [0-9a-f]{64} is missing|content [0-9a-f]{64} of attachment cong-van\.pdf is not complete/,
    );
    expect(reader.of().map((i) => i.documentId)).not.toContain(id);
  });

  it('download throws a typed error and leaves no file when a chunk goes bad after delivery', async () => {
    const sender = await w.client(A.baothanh);
    const reader = w.reader(await w.client(A.nghean), { ack: false });
    const id = docId(A.baothanh, 'LATER');
    await sender.send(documentTo(id, [A.nghean]), {
      attachments: [{ name: 'x.bin', stream: deterministicBytes(2 * MB, 8) }],
    });
    const item = await reader.waitForId(id);
    const att = item.attachments[0]!;
    const { js, jsm } = w.node!.nats;
    const manifest = (await new ContentStore(js, jsm, '').manifest(att.sha256Hex))!;
    const victim = chunkSubject('', Buffer.from(manifest.chunks[2]!).toString('hex'));
    await jsm.streams.purge(CONTENT_STREAM, { filter: victim });
    await js.publish(victim, Buffer.alloc(manifest.chunkSize, 0x43));
    await removedByGuard(victim);

    const out = new PassThrough();
    let written = 0;
    out.on('data', (b: Buffer) => (written += b.length));
    const err = await att.download(out).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ContentMissingError);
    expect((err as Error).message).toMatch(/chunk 2 .* is missing/);
    expect(written).toBe(2 * manifest.chunkSize);

    const target = join(dir, 'bad.bin');
    await expect(att.saveTo(target)).rejects.toThrow(ContentMissingError);
    expect(existsSync(target)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.startsWith('bad.bin'))).toEqual([]);
    await item.ack();
  });

  it('a neighbour relaying a document whose content id is not a SHA-256 gets a dead letter, not endless retries', async () => {
    const id = docId(A.baothanh, 'BADREF');
    const env = documentOf(id, A.baothanh, A.nghean);
    env.document!.attachments = [
      { name: 'x.pdf', size: 10, ref: { sha256Hex: 'lt.*.>', size: 10, chunkSize: 4096, chunkCount: 1 } },
    ];
    await w.node!.nats.js.publish(
      relaySubject('district', 'h41-yenthanh', 'normal', 'h41-yenthanh-xa1'),
      encodeEnvelope(env),
    );
    const dead = await waitFor('dead letter', async () => {
      const m = await w.node!.nats.jsm.streams.getMessage('LT_DEAD', {
        last_by_subj: 'lt.v1.district.h41-yenthanh.dead',
      });
      return m && m.string().includes(id) ? m : false;
    });
    expect(dead.string()).toContain('content id is not a SHA-256');
  });

  it('inline bytes that do not match their SHA-256 are refused at intake; without a hash they are taken as they are', async () => {
    const sender = await w.client(A.baothanh);
    const reader = w.reader(await w.client(A.nghean));
    const data = Buffer.from('biên bản họp');
    const bad = docId(A.baothanh, 'BADINLINE');
    await sender.send(
      documentTo(bad, [A.nghean], {
        attachments: [{ name: 'bb.txt', inline: data, size: data.length, sha256: Buffer.alloc(32, 1) }],
      }),
    );
    const dead = await waitFor('dead letter', async () => {
      const m = await w.node!.nats.jsm.streams.getMessage('LT_DEAD', {
        last_by_subj: 'lt.v1.commune.h41-yenthanh-xa1.dead',
      });
      return m && m.string().includes(bad) ? m : false;
    });
    expect(dead.string()).toContain('bb.txt: its inline bytes do not match its SHA-256');

    const plain = docId(A.baothanh, 'NOHASH');
    await sender.send(documentTo(plain, [A.nghean], { attachments: [{ name: 'bb.txt', inline: data }] }));
    const item = await reader.waitForId(plain);
    expect(item.attachments[0]).toMatchObject({ stored: false, sha256Hex: sha(data) });
    expect(Buffer.from(await item.attachments[0]!.bytes()).equals(data)).toBe(true);
  });

  it('content that never came fails the document after the wait, with ATTACHMENT_MISSING', async () => {
    const sender = await w.client(A.baothanh);
    const hex = 'ab'.repeat(32);
    const id = docId(A.baothanh, 'MISSING');
    await sender.send(documentTo(id, [A.nghean], { attachments: [refTo(hex, MB, 4)] }));
    const [record] = await waitFor(
      'FAILED with ATTACHMENT_MISSING',
      async () => {
        const rs = await sender.snapshot(id);
        return rs[0]?.transport === TransportState.TRANSPORT_STATE_FAILED ? rs : false;
      },
      15_000,
    );
    expect(record!.failure).toBe(FailureReason.FAILURE_REASON_ATTACHMENT_MISSING);
    expect(record!.failureDetail).toContain(hex);
  });

  it('keeps content while a document references it, then the sweep removes it', async () => {
    await w.node!.stop();
    await w.startNode({
      retention: { attachmentMaxAgeMs: 2000, attachmentGraceMs: 0, attachmentSweepIntervalMs: 0 },
    });
    const sender = await w.client(A.baothanh);
    const reader = w.reader(await w.client(A.nghean));
    const id = docId(A.baothanh, 'KEEP');
    await sender.send(documentTo(id, [A.nghean]), {
      attachments: [{ name: 'keep.bin', stream: deterministicBytes(MB, 9) }],
    });
    const item = await reader.waitForId(id);
    const hex = item.attachments[0]!.sha256Hex;
    const store = new ContentStore(w.node!.nats.js, w.node!.nats.jsm, '');
    await w.node!.runtime.sweepAttachments();
    expect(await store.manifest(hex)).toBeDefined();
    await waitFor(
      'content swept once its reference expired',
      async () => {
        await w.node!.runtime.sweepAttachments();
        return (await store.manifest(hex)) === undefined;
      },
      15_000,
    );
    const sink = hashingSink();
    await expect(item.attachments[0]!.download(sink.sink)).rejects.toThrow(/not stored/);
  });

  it(`keeps bytes up to ${MAX_INLINE_ATTACHMENT_BYTES} inline`, async () => {
    const sender = await w.client(A.baothanh);
    const reader = w.reader(await w.client(A.nghean));
    const data = new Uint8Array(MAX_INLINE_ATTACHMENT_BYTES).fill(7);
    const id = docId(A.baothanh, 'INLINE');
    await sender.send(documentTo(id, [A.nghean]), { attachments: [{ name: 'a.bin', data }] });
    const item = await reader.waitForId(id);
    expect(item.attachments[0]).toMatchObject({ stored: false, size: data.length, sha256Hex: sha(data) });

    // A client told a lower inline limit stores the same bytes as content instead.
    const strict = await w.client(A.baothanh, { maxInlineAttachmentBytes: 64 * 1024 });
    const other = docId(A.baothanh, 'INLINE');
    await strict.send(documentTo(other, [A.nghean]), { attachments: [{ name: 'a.bin', data }] });
    const stored = await reader.waitForId(other);
    expect(stored.attachments[0]).toMatchObject({ stored: true, size: data.length, sha256Hex: sha(data) });
    expect(Buffer.from(await stored.attachments[0]!.bytes()).equals(Buffer.from(data))).toBe(true);
  });
});
