/**
 * A chunk the node hashed and stored for an agency is not hashed again by the content guard of the
 * same process: the guard asks `ContentPuts.hashedHere(seq, hex)`, which answers true only for the
 * stream sequence that node's own publish was acknowledged at, with the hash it checked, once.
 * Anything else is hashed by the guard as before, so a bad chunk is still removed.
 */
import { createHash } from 'node:crypto';
import { connect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/transport-node';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import {
  CONTENT_GUARD_CONSUMER,
  CONTENT_STREAM,
  ContentGuard,
  ContentStore,
  chunkSubject,
  ensureContentStream,
} from '@lienthong/content';
import { ContentPuts, UploadQuota } from '@lienthong/node/internal';
import { startNatsServer, waitFor } from '@lienthong/testkit';
import type { NatsServer } from '@lienthong/testkit';

jest.setTimeout(60_000);

const A = '000_01_43_H41';
const hex = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

describe('content puts and the guard of the same process', () => {
  let server: NatsServer;
  let nc: NatsConnection;
  let js: JetStreamClient;
  let jsm: JetStreamManager;
  let puts: ContentPuts;

  beforeAll(async () => {
    server = await startNatsServer();
    nc = await connect({ servers: server.url });
    js = jetstream(nc);
    jsm = await jetstreamManager(nc);
    await ensureContentStream(jsm, '');
    puts = new ContentPuts(
      js,
      '',
      new UploadQuota({ bytesPerSecond: 0, burstBytes: 0, unreferencedBytes: 0, countedForMs: 60_000 }),
    );
  });

  afterAll(async () => {
    await nc?.close();
    await server?.cleanup();
  });

  it('knows the chunks it hashed and stored by their sequence, once, and nothing else', async () => {
    const data = Buffer.alloc(64 * 1024, 1);
    const subject = chunkSubject('', hex(data));
    expect(await puts.put(A, { subject, data })).toBe(true);
    const seq = (await jsm.direct.getMessage(CONTENT_STREAM, { last_by_subj: subject }))!.seq;
    expect(puts.hashedHere(seq, 'ab'.repeat(32))).toBe(false);
    expect(puts.hashedHere(seq + 1, hex(data))).toBe(false);
    // A second put of the same bytes stores nothing, so it has no sequence to vouch for.
    expect(await puts.put(A, { subject, data })).toBe(false);
    expect(puts.hashedHere(seq, hex(data))).toBe(false); // answered (with another hash) above

    const other = Buffer.alloc(64 * 1024, 2);
    const otherSubject = chunkSubject('', hex(other));
    expect(await puts.put(A, { subject: otherSubject, data: other })).toBe(true);
    const otherSeq = (await jsm.direct.getMessage(CONTENT_STREAM, { last_by_subj: otherSubject }))!.seq;
    expect(puts.hashedHere(otherSeq, hex(other))).toBe(true);
    expect(puts.hashedHere(otherSeq, hex(other))).toBe(false);

    // Bytes stored by this process without its own check (writerFor) are not vouched for.
    const third = Buffer.alloc(64 * 1024, 3);
    const thirdSubject = chunkSubject('', hex(third));
    expect(await puts.writerFor(A)(thirdSubject, third, undefined)).toBe(true);
    const thirdSeq = (await jsm.direct.getMessage(CONTENT_STREAM, { last_by_subj: thirdSubject }))!.seq;
    expect(puts.hashedHere(thirdSeq, hex(third))).toBe(false);
  });

  it('a guard that is told of chunks hashed here still hashes every other one, and removes a bad one', async () => {
    const removed: string[] = [];
    const asked: number[] = [];
    const guard = new ContentGuard(js, jsm, new ContentStore(js, jsm, ''), {
      hashedHere: (seq, h) => {
        asked.push(seq);
        return puts.hashedHere(seq, h);
      },
      onRemoved: (subject) => removed.push(subject),
    });
    await guard.start();
    try {
      const good = Buffer.alloc(64 * 1024, 4);
      expect(await puts.put(A, { subject: chunkSubject('', hex(good)), data: good })).toBe(true);
      // Stored behind the node's back under another chunk's hash: not vouched for, so hashed, and removed.
      const bogus = chunkSubject('', hex(Buffer.alloc(64 * 1024, 5)));
      const seq = (await js.publish(bogus, Buffer.alloc(64 * 1024, 6))).seq;
      await waitFor('the bad chunk removed', () => removed.includes(bogus));
      expect(asked).toContain(seq);
      expect(removed).toEqual([bogus]);
    } finally {
      await guard.stop();
      await jsm.consumers.delete(CONTENT_STREAM, CONTENT_GUARD_CONSUMER).catch(() => undefined);
    }
  });
});
