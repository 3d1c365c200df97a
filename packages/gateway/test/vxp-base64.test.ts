/**
 * getEdoc's answer is rendered as it streams (the package base64-encoded chunk by chunk into the
 * JSON envelope), so a large package is never whole in the gateway's memory. Whatever the chunk
 * boundaries, the answer is the JSON the client expects, and its announced length is its length.
 */
import { randomBytes } from 'node:crypto';
import { OK, asciiJson, withBase64Data } from '../src/vxp/protocol';

async function text(r: ReturnType<typeof withBase64Data>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const p of r.body as AsyncIterable<Buffer>) parts.push(p);
  return Buffer.concat(parts);
}

async function* chunks(bytes: Buffer, sizes: readonly number[]): AsyncGenerator<Uint8Array> {
  let o = 0;
  for (let i = 0; o < bytes.length; i++) {
    const n = sizes[i % sizes.length]!;
    yield bytes.subarray(o, o + n);
    o += n;
  }
}

describe('withBase64Data', () => {
  it.each([
    ['empty', 0, [1]],
    ['one byte', 1, [1]],
    ['chunks of 1, 2, 4 and 7 bytes', 1_000, [1, 2, 4, 7]],
    ['512 KiB chunks, a size not a multiple of 3', 3 * 1024 * 1024 + 17, [512 * 1024]],
  ])('%s: the same JSON as encoding it whole, of the announced length', async (_what, size, sizes) => {
    const bytes = randomBytes(size);
    const answer = withBase64Data(OK, chunks(bytes, sizes), size);
    const body = await text(answer);
    expect(body.toString()).toBe(asciiJson({ ...OK, data: bytes.toString('base64') }));
    expect(answer.length).toBe(body.length);
    expect(Buffer.from((JSON.parse(body.toString()) as { data: string }).data, 'base64').equals(bytes)).toBe(
      true,
    );
  });

  it('has no length when the package size is not known', () => {
    expect(withBase64Data(OK, chunks(Buffer.alloc(3), [3])).length).toBeUndefined();
  });
});
