/**
 * A package read from a source (the home node's content store), verified with bounded memory: the
 * first read parses it and keeps everything but its attachments' base64 runs (the skeleton, see
 * signature-skeleton.ts); the digests that need the runs' bytes are taken in a second read. Memory
 * is the package's markup, not its attachments.
 */
import { createHash } from 'node:crypto';
import type { Hash } from 'node:crypto';
import { CLOSE, HASHES, MARK, OPEN } from './signature-skeleton';
import type { Skeleton } from './signature-skeleton';
import type { PackageView } from './signature';
import type { ParsedPackage } from './types';

/** A package that can be read from its start, as often as needed. */
export interface PackageSource {
  /** Size in bytes, as stored. */
  readonly size: number;
  /** The bytes in order, from the first. */
  open(): AsyncIterable<Uint8Array>;
}

export class SkeletonBuilder {
  /** Runs as the reader reports them, one per input slice at most (never merged here). */
  private readonly runs: [number, number][] = [];
  private readonly parts: Buffer[] = [];
  /** Bytes of the input taken into the skeleton (or skipped as runs) so far. */
  private pos = 0;
  private next = 0;

  /** The reader's `onBase64Run`. */
  readonly onRun = (start: number, end: number): void => {
    this.runs.push([start, end]);
  };

  /** `input`, with each chunk taken into the skeleton once the reader has read it through. */
  async *tee(input: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
    let at = 0;
    for await (const chunk of input) {
      yield chunk;
      // The reader asks for the next chunk only once it has read this one: its runs are known.
      this.consume(chunk, at);
      at += chunk.length;
    }
  }

  private consume(chunk: Uint8Array, chunkStart: number): void {
    const chunkEnd = chunkStart + chunk.length;
    const keep = (from: number, to: number): void => {
      if (to > from) this.parts.push(Buffer.from(chunk.subarray(from - chunkStart, to - chunkStart)));
    };
    while (this.next < this.runs.length && this.runs[this.next]![0] < chunkEnd) {
      const [start, end] = this.runs[this.next]!;
      keep(this.pos, start);
      this.parts.push(Buffer.from(`${OPEN}${this.next}${CLOSE}`, 'utf8'));
      this.pos = Math.min(end, chunkEnd);
      this.next++;
    }
    keep(this.pos, chunkEnd);
    this.pos = chunkEnd;
  }

  /** What the verifier reads, after the first read parsed the package as `parsed`. */
  async view(source: PackageSource, parsed: ParsedPackage): Promise<PackageView> {
    const skeleton = Buffer.concat(this.parts);
    const runs = this.runs;
    if (runs.length === 0) return wholeView(skeleton);
    const text = skeleton.toString('utf8');
    const markers = text.match(/[\uE000\uE001]/g)?.length ?? 0;
    if (markers !== 2 * runs.length) {
      // The package holds the placeholder characters itself: read it whole.
      return wholeView(await readAll(source));
    }
    const sk = new StreamSkeleton(text, runs, source, parsed.sha256);
    return {
      text: (start, end) => skeleton.toString('utf8', skeletonOffset(runs, start), skeletonOffset(runs, end)),
      skeleton: sk,
      whole: () => text,
    };
  }
}

function wholeView(bytes: Buffer): PackageView {
  return {
    text: (start, end) => bytes.toString('utf8', start, end),
    skeleton: undefined,
    whole: () => bytes.toString('utf8'),
  };
}

async function readAll(source: PackageSource): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for await (const c of source.open()) parts.push(c);
  return Buffer.concat(parts);
}

/** Where input offset `offset` (outside the runs) is in the skeleton's bytes. */
function skeletonOffset(runs: readonly [number, number][], offset: number): number {
  let shift = 0;
  for (let i = 0; i < runs.length; i++) {
    const [s, e] = runs[i]!;
    if (e > offset) break;
    shift += e - s - Buffer.byteLength(`${OPEN}${i}${CLOSE}`);
  }
  return offset - shift;
}

class StreamSkeleton implements Skeleton {
  readonly hashAlgorithms: Skeleton['hashAlgorithms'] = {};
  private readonly digests = new Map<string, string>();

  constructor(
    readonly text: string,
    private readonly runs: readonly [number, number][],
    private readonly source: PackageSource,
    private readonly sha256: string,
  ) {
    for (const [uri, name] of Object.entries(HASHES)) {
      const digests = this.digests;
      this.hashAlgorithms[uri] = class {
        getHash(xml: string): string {
          return digests.get(`${uri}\n${xml}`) ?? createHash(name).update(xml, 'utf8').digest('base64');
        }
        getAlgorithmName(): string {
          return uri;
        }
      };
    }
  }

  /** Digests each canonical text that holds every placeholder once, in order, in a second read. */
  async prepare(texts: () => { algorithm: string; xml: string }[]): Promise<void> {
    const work: { key: string; pieces: string[]; hash: Hash }[] = [];
    for (const { algorithm, xml } of texts()) {
      const name = HASHES[algorithm];
      const pieces = name === undefined ? undefined : piecesOf(xml, this.runs.length);
      if (pieces) work.push({ key: `${algorithm}\n${xml}`, pieces, hash: createHash(name!) });
    }
    if (work.length === 0) return;
    const whole = createHash('sha256');
    let off = 0;
    let run = 0;
    for await (const chunk of this.source.open()) {
      whole.update(chunk);
      const end = off + chunk.length;
      while (run < this.runs.length && this.runs[run]![0] < end) {
        const [s, e] = this.runs[run]!;
        if (s >= off) for (const w of work) w.hash.update(w.pieces[run]!, 'utf8');
        const part = chunk.subarray(Math.max(s, off) - off, Math.min(e, end) - off);
        for (const w of work) w.hash.update(part);
        if (e > end) break;
        run++;
      }
      off = end;
    }
    // Each read is checked as a whole: the second must be the package the first parsed.
    if (run !== this.runs.length || whole.digest('hex') !== this.sha256) {
      throw new Error('the package read a second time differs from the first read');
    }
    for (const w of work) {
      w.hash.update(w.pieces[this.runs.length]!, 'utf8');
      this.digests.set(w.key, w.hash.digest('base64'));
    }
  }
}

/** The text around each placeholder, when all `n` appear once in order; else undefined. */
function piecesOf(xml: string, n: number): string[] | undefined {
  const pieces: string[] = [];
  let at = 0;
  let i = 0;
  for (const m of xml.matchAll(MARK)) {
    if (Number(m[1]) !== i) return undefined;
    pieces.push(xml.slice(at, m.index));
    at = m.index + m[0].length;
    i++;
  }
  if (i !== n) return undefined;
  pieces.push(xml.slice(at));
  return pieces;
}
