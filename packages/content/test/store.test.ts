import { createHash, randomBytes } from 'node:crypto';
import { connect, headers } from '@nats-io/transport-node';
import { ContentManifest } from '@lienthong/proto';
import type { NatsConnection } from '@nats-io/transport-node';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import {
  CONTENT_GUARD_CONSUMER,
  CONTENT_STREAM,
  ContentGuard,
  ContentIntegrityError,
  ContentMissingError,
  ContentStore,
  ContentTooLargeError,
  chunkSubject,
  ensureContentStream,
  manifestSubject,
  sweepContent,
} from '@lienthong/content';
import { deterministicBytes, deterministicSha256, startNatsServer } from '@lienthong/testkit';
import type { NatsServer } from '@lienthong/testkit';

jest.setTimeout(60_000);

describe('content store', () => {
  let server: NatsServer;
  let nc: NatsConnection;
  let js: JetStreamClient;
  let jsm: JetStreamManager;
  let store: ContentStore;

  beforeAll(async () => {
    server = await startNatsServer();
    nc = await connect({ servers: server.url });
    js = jetstream(nc);
    jsm = await jetstreamManager(nc);
    await ensureContentStream(jsm, '');
    store = new ContentStore(js, jsm, '');
  });

  afterAll(async () => {
    await nc?.close();
    await server?.stop();
  });

  const collect = async (sha: string, s = store): Promise<Buffer> => {
    const parts: Uint8Array[] = [];
    await s.download(sha, (c) => void parts.push(c));
    return Buffer.concat(parts);
  };

  it('stores well past 16 chunks and reads back the same bytes, once per content', async () => {
    const size = 40 * 64 * 1024 + 123; // 41 chunks of 64 KiB
    const progress: number[] = [];
    const stored = await store.upload(deterministicBytes(size, 7), {
      chunkSize: 64 * 1024,
      onProgress: (p) => progress.push(p.bytes),
    });
    expect(stored.sha256Hex).toBe(await deterministicSha256(size, 7));
    expect(stored).toMatchObject({ size, chunkCount: 41, newChunks: 41 });
    expect(progress.at(-1)).toBe(size);
    const back = await collect(stored.sha256Hex);
    expect(createHash('sha256').update(back).digest('hex')).toBe(stored.sha256Hex);

    const before = (await jsm.streams.info(CONTENT_STREAM)).state.messages;
    const again = await store.upload(deterministicBytes(size, 7), { chunkSize: 64 * 1024 });
    expect(again).toMatchObject({ sha256Hex: stored.sha256Hex, newChunks: 0 });
    expect((await jsm.streams.info(CONTENT_STREAM)).state.messages).toBe(before);
  });

  it('reads content made of one repeated chunk when no chunk was stored after it (a blank scan)', async () => {
    const size = 6 * 64 * 1024;
    async function* zeros(): AsyncGenerator<Uint8Array> {
      yield new Uint8Array(size);
    }
    const stored = await store.upload(zeros(), { chunkSize: 64 * 1024 });
    expect(stored).toMatchObject({ size, chunkCount: 6, newChunks: 1 });
    // Nothing is stored after it but its manifest: the read must not wait for a later chunk.
    const back = await collect(stored.sha256Hex);
    expect(back.equals(Buffer.alloc(size))).toBe(true);
  });

  it('stores whole chunks of pieces handed over as they are, and copies those of a source that reuses its buffer', async () => {
    const chunk = 64 * 1024;
    const size = 6 * chunk;
    const pieces: Buffer[] = [];
    for await (const p of deterministicBytes(size, 31, 2 * chunk)) pieces.push(p);
    const expected = Buffer.concat(pieces);
    // One buffer for every piece, written again as soon as the upload asks for the next one: the
    // chunks still in flight must not change under it.
    async function* reusing(): AsyncGenerator<Uint8Array> {
      const piece = Buffer.alloc(2 * chunk);
      for (let at = 0; at < size; at += piece.length) {
        expected.copy(piece, 0, at, at + piece.length);
        yield piece;
      }
    }
    const copied = await store.upload(reusing(), { chunkSize: chunk });
    expect(copied.sha256Hex).toBe(createHash('sha256').update(expected).digest('hex'));
    expect((await collect(copied.sha256Hex)).equals(expected)).toBe(true);
    // Pieces of two chunks each, handed over (a file stream's): the same content, the same chunks.
    const handed = await store.upload(deterministicBytes(size, 31, 2 * chunk), {
      chunkSize: chunk,
      handsOver: true,
    });
    expect(handed).toMatchObject({ sha256Hex: copied.sha256Hex, chunkCount: 6, newChunks: 0 });
    // Pieces that do not line up with the chunks: whole chunks within them as they are, the rest copied.
    const whole = createHash('sha256');
    for await (const p of deterministicBytes(size + 100, 32, 2 * chunk + 50)) whole.update(p);
    const odd = await store.upload(deterministicBytes(size + 100, 32, 2 * chunk + 50), {
      chunkSize: chunk,
      handsOver: true,
    });
    expect(odd).toMatchObject({ sha256Hex: whole.digest('hex'), chunkCount: 7 });
    expect(
      createHash('sha256')
        .update(await collect(odd.sha256Hex))
        .digest('hex'),
    ).toBe(odd.sha256Hex);
  });

  it('stores empty content and content of exactly one chunk', async () => {
    const empty = await store.upload(deterministicBytes(0));
    expect(empty).toMatchObject({ size: 0, chunkCount: 0 });
    expect((await collect(empty.sha256Hex)).length).toBe(0);
    const one = await store.upload(deterministicBytes(4096, 3), { chunkSize: 4096 });
    expect(one.chunkCount).toBe(1);
    expect((await collect(one.sha256Hex)).length).toBe(4096);
  });

  it('reads in order content interleaved with another upload, sharing chunks with older content, repeating a chunk', async () => {
    const CH = 4096;
    const piece = (seed: number): Buffer => {
      let x = Math.imul(seed, 2654435761) >>> 0;
      const b = Buffer.alloc(CH);
      for (let i = 0; i < CH; i += 4) {
        x = (Math.imul(x, 1103515245) + 12345) >>> 0;
        b.writeUInt32LE(x, i);
      }
      return b;
    };
    async function* of(seeds: number[]): AsyncGenerator<Buffer> {
      for (const s of seeds) yield piece(s);
    }
    const shaOf = (seeds: number[]): string => {
      const h = createHash('sha256');
      for (const s of seeds) h.update(piece(s));
      return h.digest('hex');
    };
    const range = (from: number, n: number): number[] => Array.from({ length: n }, (_, i) => from + i);
    const older = range(1000, 20);
    const a = range(2000, 20);
    const b = range(3000, 20);
    const mixed = [
      ...range(4000, 6),
      ...older.slice(3, 9),
      ...range(4100, 4),
      4100,
      4101,
      ...range(4200, 6),
      1000,
    ];
    await store.upload(of(older), { chunkSize: CH });
    // Two uploads at once: their chunks interleave in the stream.
    const [sa, sb] = await Promise.all([
      store.upload(of(a), { chunkSize: CH }),
      store.upload(of(b), { chunkSize: CH }),
    ]);
    const sm = await store.upload(of(mixed), { chunkSize: CH });
    expect(sm.newChunks).toBe(6 + 4 + 6);
    for (const [stored, seeds] of [
      [sa, a],
      [sb, b],
      [sm, mixed],
    ] as const) {
      expect(stored.sha256Hex).toBe(shaOf(seeds));
      const back = await collect(stored.sha256Hex);
      expect(back.length).toBe(seeds.length * CH);
      expect(createHash('sha256').update(back).digest('hex')).toBe(stored.sha256Hex);
    }
  });

  it('refuses content over the limit: at once when the size is declared, else as it crosses it', async () => {
    const before = (await jsm.streams.info(CONTENT_STREAM)).state.messages;
    await expect(
      store.upload(deterministicBytes(10), { size: 2_000_000, maxBytes: 1_000_000 }),
    ).rejects.toThrow(ContentTooLargeError);
    expect((await jsm.streams.info(CONTENT_STREAM)).state.messages).toBe(before);

    const crossing = store.upload(deterministicBytes(300_000, 11), { maxBytes: 200_000, chunkSize: 65_536 });
    await expect(crossing).rejects.toThrow(
      /crossed the limit of 200000 bytes; upload stopped after 3 chunks/,
    );
    await expect(crossing).rejects.toMatchObject({ storedChunks: 3, limit: 200_000 });
  });

  it('a source that fails half-way fails the upload and stores no manifest', async () => {
    async function* failing(): AsyncGenerator<Buffer> {
      yield* deterministicBytes(3 * 8192, 61);
      throw new Error('disk read error');
    }
    const sha = await deterministicSha256(3 * 8192, 61);
    await expect(store.upload(failing(), { chunkSize: 8192 })).rejects.toThrow('disk read error');
    expect(await store.manifest(sha)).toBeUndefined();
    // The size a stream declared must be the size it gives.
    await expect(store.upload(deterministicBytes(1000, 62), { size: 2000 })).rejects.toThrow(
      /gave 1000 bytes, not the 2000 declared; no manifest was stored/,
    );
  });

  it('detects a tampered chunk and hands out nothing of it', async () => {
    const stored = await store.upload(deterministicBytes(5 * 8192, 21), { chunkSize: 8192 });
    const manifest = (await store.manifest(stored.sha256Hex))!;
    const third = Buffer.from(manifest.chunks[2]!).toString('hex');
    await jsm.streams.purge(CONTENT_STREAM, { filter: chunkSubject('', third) });
    await js.publish(chunkSubject('', third), Buffer.alloc(8192, 0x41));
    let handed = 0;
    const err = await store
      .download(stored.sha256Hex, (c) => {
        handed += c.length;
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ContentIntegrityError);
    expect(err).toMatchObject({ code: 'DataLoss', chunk: 2, sha256Hex: stored.sha256Hex });
    expect(handed).toBe(2 * 8192);
    await expect(store.verify(stored.sha256Hex)).rejects.toThrow(/chunk 2 of content .* does not match/);
    // Chunks handed over unchecked (a sink thrown away on failure): every byte is handed over, and
    // the whole content's hash catches it at the end, the error still naming the chunk.
    handed = 0;
    const late = await store
      .download(stored.sha256Hex, (c) => void (handed += c.length), { checkEachChunk: false })
      .catch((e: unknown) => e);
    expect(late).toBeInstanceOf(ContentIntegrityError);
    expect(late).toMatchObject({ code: 'DataLoss', chunk: 2, sha256Hex: stored.sha256Hex });
    expect(handed).toBe(5 * 8192);
  });

  it('counts a taken subject as stored only when it holds the right bytes; the guard clears bad ones', async () => {
    const sha = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');
    const once = (b: Buffer): AsyncIterable<Uint8Array> =>
      (async function* () {
        yield b;
      })();
    const data = randomBytes(3 * 4096);
    const chunks = [0, 1, 2].map((i) => sha(data.subarray(i * 4096, (i + 1) * 4096)));
    const whole = sha(data);
    const bogus = ContentManifest.encode(
      ContentManifest.create({ sha256Hex: whole, size: 7, chunkSize: 4096, chunks: [] }),
    ).finish();
    const poison = async (): Promise<void> => {
      // Garbage under the second chunk's hash, and a bogus manifest under the whole's.
      await js.publish(chunkSubject('', chunks[1]!), Buffer.from('garbage'));
      await js.publish(manifestSubject('', whole), bogus);
    };
    await poison();
    // With nobody to clear them, the upload fails rather than report the content as stored.
    const impatient = new ContentStore(js, jsm, '', { timeoutMs: 300 });
    await expect(impatient.upload(once(data), { chunkSize: 4096 })).rejects.toThrow(ContentIntegrityError);
    await jsm.streams.purge(CONTENT_STREAM, { filter: chunkSubject('', chunks[1]!) });
    await jsm.streams.purge(CONTENT_STREAM, { filter: manifestSubject('', whole) });
    // The guard reads what is stored from its start: it removes both bad ones (and nothing good),
    // and the same upload then goes through.
    const removed: string[] = [];
    const guard = new ContentGuard(js, jsm, store, { onRemoved: (subject) => removed.push(subject) });
    await jsm.consumers.delete(CONTENT_STREAM, CONTENT_GUARD_CONSUMER).catch(() => undefined);
    await guard.start();
    try {
      await poison();
      const stored = await store.upload(once(data), { chunkSize: 4096 });
      expect(stored.sha256Hex).toBe(whole);
      expect(Buffer.compare(await collect(whole), data)).toBe(0);
      expect(removed.sort()).toEqual([chunkSubject('', chunks[1]!), manifestSubject('', whole)].sort());
      // A message id equal to a chunk's hash, on another subject, takes nothing: content has no ids.
      const other = randomBytes(4096);
      const h = headers();
      h.set('Nats-Msg-Id', sha(other));
      await js.publish(chunkSubject('', sha(Buffer.from([9]))), Buffer.from([9]), { headers: h });
      const again = await store.upload(once(other), { chunkSize: 4096 });
      expect(again.newChunks).toBe(1);
      expect(Buffer.compare(await collect(again.sha256Hex), other)).toBe(0);
    } finally {
      await guard.stop();
    }
  });

  it('reports missing content and a missing chunk', async () => {
    await expect(collect('0'.repeat(64))).rejects.toThrow(ContentMissingError);
    const stored = await store.upload(deterministicBytes(6 * 4096, 31), { chunkSize: 4096 });
    const manifest = (await store.manifest(stored.sha256Hex))!;
    await jsm.streams.purge(CONTENT_STREAM, {
      filter: chunkSubject('', Buffer.from(manifest.chunks[1]!).toString('hex')),
    });
    await expect(collect(stored.sha256Hex)).rejects.toThrow(/chunk 1 .* is missing/);
  });

  it('sweeps content no document references, keeps referenced and shared chunks', async () => {
    const a = await store.upload(deterministicBytes(4 * 4096, 41), { chunkSize: 4096 });
    // b shares its first two chunks with a.
    async function* shared(): AsyncGenerator<Buffer> {
      let i = 0;
      for await (const p of deterministicBytes(2 * 4096, 41, 4096)) if (i++ < 2) yield p;
      yield* deterministicBytes(2 * 4096, 42);
    }
    const b = await store.upload(shared(), { chunkSize: 4096 });
    // Verification records are voided before anything goes (VerificationMarks.removing).
    let voided = 0;
    const beforeRemove = (): Promise<void> => Promise.resolve(void voided++);
    const kept = await sweepContent(js, jsm, '', {
      referenced: new Set([b.sha256Hex]),
      graceMs: 0,
      beforeRemove,
    });
    expect(voided).toBe(2); // once before the manifests, once before the chunks
    expect(kept.manifestsKept).toBe(1);
    expect(await store.manifest(a.sha256Hex)).toBeUndefined();
    expect((await collect(b.sha256Hex)).length).toBe(4 * 4096);
    // Young content stays during the grace period even without a reference.
    const c = await store.upload(deterministicBytes(4096, 43), { chunkSize: 4096 });
    await sweepContent(js, jsm, '', { referenced: new Set(), graceMs: 60_000, beforeRemove });
    expect(await store.manifest(c.sha256Hex)).toBeDefined();
    expect(voided).toBe(2); // nothing removed, nothing voided
    const all = await sweepContent(js, jsm, '', { referenced: new Set(), graceMs: 0 });
    expect(all.manifestsKept).toBe(0);
    expect((await jsm.streams.info(CONTENT_STREAM)).state.messages).toBe(0);
  });
});
