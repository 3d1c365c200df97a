/**
 * saveTo() and bytes() hash each byte once: chunks are not checked one by one on the way, the whole
 * content is checked against its id at the end, and nothing of a bad content is kept. Run against a
 * content store with no guard, so that a tampered chunk is still there to be read.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/transport-node';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import {
  CONTENT_STREAM,
  ContentIntegrityError,
  ContentStore,
  chunkSubject,
  ensureContentStream,
  storedAttachmentFields,
} from '@lienthong/content';
import { deterministicBytes, startNatsServer } from '@lienthong/testkit';
import type { NatsServer } from '@lienthong/testkit';
import { receivedAttachments } from '../src/attachments';

jest.setTimeout(60_000);

describe('saving a stored attachment', () => {
  let server: NatsServer;
  let nc: NatsConnection;
  let dir: string;

  beforeAll(async () => {
    server = await startNatsServer();
    nc = await connect({ servers: server.url });
    await ensureContentStream(await jetstreamManager(nc), '');
    dir = mkdtempSync(join(tmpdir(), 'lt-save-'));
  });

  afterAll(async () => {
    await nc?.close();
    await server?.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it('saves the bytes, and leaves no file and no bytes of a content with a bad chunk', async () => {
    const js = jetstream(nc);
    const jsm = await jetstreamManager(nc);
    const store = new ContentStore(js, jsm, '', { streamReads: false });
    const size = 6 * 64 * 1024 + 5;
    const pieces: Buffer[] = [];
    for await (const p of deterministicBytes(size, 41)) pieces.push(p);
    const data = Buffer.concat(pieces);
    const stored = await store.upload(deterministicBytes(size, 41), { chunkSize: 64 * 1024 });
    const [att] = receivedAttachments(store, [{ name: 'scan.pdf', ...storedAttachmentFields(stored) }]);

    const good = join(dir, 'good.pdf');
    await att!.saveTo(good);
    expect(readFileSync(good).equals(data)).toBe(true);
    expect(Buffer.from(await att!.bytes()).equals(data)).toBe(true);

    const manifest = (await store.manifest(stored.sha256Hex))!;
    const victim = chunkSubject('', Buffer.from(manifest.chunks[4]!).toString('hex'));
    await jsm.streams.purge(CONTENT_STREAM, { filter: victim });
    await js.publish(victim, Buffer.alloc(64 * 1024, 0x45));

    const bad = join(dir, 'bad.pdf');
    const err = await att!.saveTo(bad).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ContentIntegrityError);
    expect(err).toMatchObject({ chunk: 4, sha256Hex: stored.sha256Hex });
    expect(existsSync(bad)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.startsWith('bad.pdf'))).toEqual([]);
    await expect(att!.bytes()).rejects.toThrow(ContentIntegrityError);
    expect(createHash('sha256').update(readFileSync(good)).digest('hex')).toBe(stored.sha256Hex);
  });
});
