/**
 * The spool: a body past 1 MiB is handed to the content upload while it is still arriving (bounded
 * memory), and an upload whose package the parser refuses is abandoned.
 */
import { createHash } from 'node:crypto';
import type { StoredContent } from '@lienthong/content';
import { EdxmlError } from '../src/codec';
import type { PackageParser, ParsedPackage } from '../src/codec';
import { spool } from '../src/spool';

const MiB = 1024 * 1024;
const PARSED: ParsedPackage = { messageType: 'edoc', document: {}, warnings: [] };

/** A parser that takes everything (or refuses at its end). */
function parser(refuse = false): PackageParser {
  return {
    write: () => undefined,
    close: () => (refuse ? Promise.reject(new EdxmlError('broken end', 9, 3)) : Promise.resolve(PARSED)),
  };
}

/** An upload that counts what it received and hashes it. */
function upload(): { received: () => number; fn: (c: AsyncIterable<Uint8Array>) => Promise<StoredContent> } {
  let received = 0;
  return {
    received: () => received,
    fn: async (chunks) => {
      const h = createHash('sha256');
      for await (const c of chunks) {
        received += c.byteLength;
        h.update(c);
      }
      const sha256 = h.digest();
      return {
        sha256,
        sha256Hex: sha256.toString('hex'),
        size: received,
        chunkSize: MiB,
        chunkCount: 1,
        newChunks: 1,
      };
    },
  };
}

describe('spool', () => {
  it('hands a large body to the upload before the body has ended', async () => {
    const up = upload();
    let seenBeforeEnd = -1;
    async function* body(): AsyncGenerator<Uint8Array> {
      for (let i = 0; i < 48; i++) yield Buffer.alloc(64 * 1024, i);
      // 3 MiB in: the upload must already have most of it, while this body is still open.
      await new Promise((r) => setTimeout(r, 50));
      seenBeforeEnd = up.received();
      for (let i = 0; i < 16; i++) yield Buffer.alloc(64 * 1024, 200 + i);
    }
    const pkg = await spool(body(), parser(), 10 * MiB, up.fn);
    expect(seenBeforeEnd).toBeGreaterThan(2 * MiB);
    expect(pkg.stored?.size).toBe(4 * MiB);
    expect(pkg.stored?.sha256Hex).toBe(pkg.sha256Hex);
    expect(pkg.path).toBeUndefined();
    expect(pkg.data).toBeUndefined();
  });

  it('abandons the upload when the parser refuses the package', async () => {
    const up = upload();
    let uploadFailed: unknown;
    const fn = (c: AsyncIterable<Uint8Array>): Promise<StoredContent> =>
      up.fn(c).catch((e: unknown) => {
        uploadFailed = e;
        throw e;
      });
    async function* body(): AsyncGenerator<Uint8Array> {
      for (let i = 0; i < 32; i++) yield Buffer.alloc(64 * 1024, i);
    }
    await expect(spool(body(), parser(true), 10 * MiB, fn)).rejects.toThrow(/broken end/);
    expect(uploadFailed).toBeInstanceOf(EdxmlError);
  });

  it('keeps a small body in memory and never calls the upload', async () => {
    const up = upload();
    async function* body(): AsyncGenerator<Uint8Array> {
      yield Buffer.from('<edXML/>');
    }
    const pkg = await spool(body(), parser(), 10 * MiB, up.fn);
    expect(Buffer.from(pkg.data!).toString()).toBe('<edXML/>');
    expect(up.received()).toBe(0);
  });
});
