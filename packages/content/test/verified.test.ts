/**
 * The guard verifies content as it is stored: it follows each upload's chunks (from its own
 * deliveries, or from the stream when other processes of the domain take some of them), records the
 * verification when the manifest comes, and voids every record before it removes anything. A run it
 * cannot follow (a chunk stored before), or a manifest whose chunks do not hash to it, is verified by
 * reading the content, as before.
 */
import { createHash } from 'node:crypto';
import { connect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/transport-node';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { ConsumerMessages, JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import { ContentManifest } from '@lienthong/proto';
import {
  ContentGuard,
  ContentStore,
  chunkSubject,
  ensureContentStream,
  manifestDigest,
  manifestSubject,
} from '@lienthong/content';
import type { VerificationMarks } from '@lienthong/content';
import { UploadRuns, followUpload } from '@lienthong/content/internal';
import { deterministicBytes, startNatsServer, waitFor } from '@lienthong/testkit';
import type { NatsServer } from '@lienthong/testkit';

jest.setTimeout(60_000);

/** Records kept in memory, as the node keeps them in its domain's reference bucket. */
class MemoryMarks implements VerificationMarks {
  gen = 0;
  readonly records = new Map<string, { digest: string; stamp: number }>();
  stamp(): Promise<number> {
    return Promise.resolve(this.gen);
  }
  mark(sha: string, m: ContentManifest, stamp: number): Promise<void> {
    this.records.set(sha, { digest: manifestDigest(m), stamp });
    return Promise.resolve();
  }
  holds(sha: string, m: ContentManifest): Promise<boolean> {
    const r = this.records.get(sha);
    return Promise.resolve(!!r && r.stamp === this.gen && r.digest === manifestDigest(m));
  }
  removing(): Promise<void> {
    this.gen++;
    return Promise.resolve();
  }
}

type Verified = { sha: string; how: 'followed' | 'read'; guard: number };

describe('verification as content is stored', () => {
  let server: NatsServer;
  const conns: NatsConnection[] = [];
  let js: JetStreamClient;
  let jsm: JetStreamManager;
  let store: ContentStore;
  const guards: ContentGuard[] = [];
  const marks = new MemoryMarks();
  const verified: Verified[] = [];
  const removed: string[] = [];

  /** A guard on its own connection, as another node process of the domain would run it. */
  const startGuard = async (n: number): Promise<void> => {
    const nc = await connect({ servers: server.url });
    conns.push(nc);
    const gjs = jetstream(nc);
    const gjsm = await jetstreamManager(nc);
    const guard = new ContentGuard(gjs, gjsm, new ContentStore(gjs, gjsm, ''), {
      marks,
      onVerified: (sha, _size, how) => verified.push({ sha, how, guard: n }),
      onRemoved: (subject) => removed.push(subject),
    });
    await guard.start();
    guards.push(guard);
  };

  beforeAll(async () => {
    server = await startNatsServer();
    const nc = await connect({ servers: server.url });
    conns.push(nc);
    js = jetstream(nc);
    jsm = await jetstreamManager(nc);
    await ensureContentStream(jsm, '');
    store = new ContentStore(js, jsm, '');
    await startGuard(1);
  });

  afterAll(async () => {
    for (const g of guards) await g.stop();
    for (const c of conns) await c.close();
    await server?.stop();
  });

  const verifiedAs = (sha: string): Promise<Verified[]> =>
    waitFor(`content ${sha.slice(0, 8)} verified`, () => {
      const v = verified.filter((x) => x.sha === sha);
      return v.length > 0 ? v : false;
    });

  it('one guard follows an upload as it is stored and reads nothing again for its manifest', async () => {
    const stored = await store.upload(deterministicBytes(40 * 64 * 1024 + 5, 1), { chunkSize: 64 * 1024 });
    expect(await verifiedAs(stored.sha256Hex)).toEqual([
      { sha: stored.sha256Hex, how: 'followed', guard: 1 },
    ]);
    expect(await marks.holds(stored.sha256Hex, (await store.manifest(stored.sha256Hex))!)).toBe(true);
  });

  it('a chunk stored before cannot be followed: the manifest is read instead, and then recorded', async () => {
    const shared = Buffer.from(await collect(deterministicBytes(64 * 1024, 2)));
    await store.upload(once(shared), { chunkSize: 64 * 1024 });
    const rest = Buffer.from(await collect(deterministicBytes(3 * 64 * 1024, 3)));
    // The same first chunk as the content above: not stored again, so no guard sees it now.
    const stored = await store.upload(once(Buffer.concat([shared, rest])), { chunkSize: 64 * 1024 });
    expect(stored.newChunks).toBe(3);
    const v = await verifiedAs(stored.sha256Hex);
    expect(v.map((x) => x.how)).toEqual(['read']);
    expect(await marks.holds(stored.sha256Hex, (await store.manifest(stored.sha256Hex))!)).toBe(true);
  });

  it('a removal voids every record made before it', async () => {
    const stored = await store.upload(deterministicBytes(5 * 64 * 1024, 4), { chunkSize: 64 * 1024 });
    await verifiedAs(stored.sha256Hex);
    const manifest = (await store.manifest(stored.sha256Hex))!;
    expect(await marks.holds(stored.sha256Hex, manifest)).toBe(true);
    // Garbage under some chunk's hash: the guard removes it, and voids the records first.
    const bogus = chunkSubject('', 'ab'.repeat(32));
    await js.publish(bogus, Buffer.from('not those bytes'));
    await waitFor('the garbage removed', () => removed.includes(bogus));
    expect(await marks.holds(stored.sha256Hex, manifest)).toBe(false);
  });

  it('headers that claim an upload change nothing: a manifest whose chunks do not hash to it is removed', async () => {
    const { headers } = await import('@nats-io/transport-node');
    const upload = 'feedfacefeedfacefeedface';
    const parts = [7, 8, 9].map((n) => Buffer.alloc(64 * 1024, n));
    const hexes: Buffer[] = [];
    for (const [i, part] of parts.entries()) {
      const hex = createHash('sha256').update(part).digest();
      hexes.push(hex);
      const h = headers();
      h.set('Lt-Upload', upload);
      h.set('Lt-Chunk', String(i));
      await js.publish(chunkSubject('', hex.toString('hex')), part, { headers: h });
    }
    // Followed chunk by chunk; then a manifest over exactly those chunks, but with another content's id.
    const lie = 'cd'.repeat(32);
    const manifest = ContentManifest.create({
      sha256Hex: lie,
      size: 3 * 64 * 1024,
      chunkSize: 64 * 1024,
      chunks: hexes,
    });
    const h = headers();
    h.set('Lt-Upload', upload);
    await js.publish(manifestSubject('', lie), ContentManifest.encode(manifest).finish(), { headers: h });
    await waitFor('the lying manifest removed', () => removed.includes(manifestSubject('', lie)));
    expect(marks.records.has(lie)).toBe(false);
    expect(verified.filter((v) => v.sha === lie)).toEqual([]);
  });

  it('with two guards sharing the deliveries, the upload is still followed, once, and never read again', async () => {
    await startGuard(2);
    const before = verified.length;
    const stored = await store.upload(deterministicBytes(120 * 64 * 1024, 6), { chunkSize: 64 * 1024 });
    const v = await verifiedAs(stored.sha256Hex);
    // Give a second verification the time to show up if there were one.
    await new Promise((r) => setTimeout(r, 500));
    expect(
      verified
        .slice(before)
        .filter((x) => x.sha === stored.sha256Hex)
        .map((x) => x.how),
    ).toEqual(['followed']);
    expect(v).toHaveLength(1);
    expect(await marks.holds(stored.sha256Hex, (await store.manifest(stored.sha256Hex))!)).toBe(true);
  });
});

describe('a follower', () => {
  let server: NatsServer;
  let nc: NatsConnection;
  afterAll(async () => {
    await nc?.close();
    await server?.stop();
  });

  it('reads the rest of an upload from the stream after a gap, and verifies it at its manifest', async () => {
    server = await startNatsServer();
    nc = await connect({ servers: server.url });
    const js = jetstream(nc);
    await ensureContentStream(await jetstreamManager(nc), '');
    const upload = 'abcabcabcabcabcabcabcabc';
    const parts = [1, 2, 3, 4, 5, 6].map((n) => Buffer.alloc(32 * 1024, n));
    const hexes = parts.map((p) => createHash('sha256').update(p).digest());
    const seqs: number[] = [];
    const { headers } = await import('@nats-io/transport-node');
    const hints = (i?: number) => {
      const h = headers();
      h.set('Lt-Upload', upload);
      if (i !== undefined) h.set('Lt-Chunk', String(i));
      return h;
    };
    // Another upload's chunk in between, passed over.
    for (const [i, part] of parts.entries()) {
      seqs.push(
        (await js.publish(chunkSubject('', hexes[i]!.toString('hex')), part, { headers: hints(i) })).seq,
      );
      if (i === 2) await js.publish(chunkSubject('', 'ee'.repeat(32)), Buffer.from('other'));
    }
    const whole = createHash('sha256');
    for (const p of parts) whole.update(p);
    const manifest = ContentManifest.create({
      sha256Hex: whole.digest('hex'),
      size: 6 * 32 * 1024,
      chunkSize: 32 * 1024,
      chunks: hexes,
    });
    const done: (number | undefined)[] = [];
    const followers = new Set<ConsumerMessages>();
    let following: Promise<void> | undefined;
    const runs = new UploadRuns(
      () => Promise.resolve(42),
      (run) =>
        (following = followUpload(
          js,
          '',
          runs,
          run,
          async (m) => void done.push(await runs.finish(run, m)),
          followers,
        )),
    );
    // This guard's deliveries: chunk 0, then chunk 4 (1 to 3 went to another process).
    runs.chunk(upload, 0, hexes[0]!.toString('hex'), parts[0]!, seqs[0]!);
    runs.chunk(upload, 4, hexes[4]!.toString('hex'), parts[4]!, seqs[4]!);
    const run = runs.get(upload)!;
    expect(run.followed).toBe(true);
    await js.publish(manifestSubject('', manifest.sha256Hex), ContentManifest.encode(manifest).finish(), {
      headers: hints(),
    });
    await following;
    // Verified under the stamp read when the run began.
    expect(done).toEqual([42]);
    expect(run.chunks).toEqual(hexes.map((h) => h.toString('hex')));
    expect(followers.size).toBe(0);
  });
});

describe('UploadRuns', () => {
  it('adds chunks in order only, and a gap hands the run to a follower', () => {
    const gaps: string[] = [];
    const runs = new UploadRuns(
      () => Promise.resolve(0),
      (run) => gaps.push(run.upload),
    );
    const b = Buffer.from('x');
    runs.chunk('u', 1, 'h1', b, 2); // no run before chunk 0
    expect(runs.get('u')).toBeUndefined();
    runs.chunk('u', 0, 'h0', b, 1);
    runs.chunk('u', 0, 'h0', b, 1); // the same first chunk again starts over
    runs.chunk('u', 1, 'h1', b, 2);
    expect(runs.get('u')!.chunks).toEqual(['h0', 'h1']);
    runs.chunk('u', 3, 'h3', b, 5);
    expect(gaps).toEqual(['u']);
    expect(runs.get('u')!.followed).toBe(true);
    runs.chunk('u', 2, 'h2', b, 4); // the follower adds from now on
    expect(runs.get('u')!.chunks).toEqual(['h0', 'h1']);
    runs.chunk(undefined, 0, 'h0', b, 9);
    runs.chunk('v', Number.NaN, 'h0', b, 9);
    expect(runs.size).toBe(1);
  });
});

async function collect(source: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const p of source) parts.push(p);
  return Buffer.concat(parts);
}

async function* once(data: Uint8Array): AsyncGenerator<Uint8Array> {
  yield data;
}
