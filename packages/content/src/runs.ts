import { createHash } from 'node:crypto';
import type { Hash } from 'node:crypto';
import type { ContentManifest } from '@lienthong/proto';

/** One upload followed chunk by chunk, in order, from its first chunk. */
export interface Run {
  readonly upload: string;
  readonly whole: Hash;
  readonly chunks: string[];
  readonly stamp: Promise<number>;
  bytes: number;
  /** Stream sequence of the last chunk added. */
  lastSeq: number;
  /** Read by a follower of the stream (`follow.ts`) rather than from the guard's own deliveries. */
  followed: boolean;
  /** Given up: the manifest of this upload is verified by reading the content. */
  broken: boolean;
}

/** Uploads followed at once by one guard; the oldest is given up beyond this. */
const MAX_RUNS = 32;

/**
 * The whole-content hash of uploads, computed by the guard as their chunks are stored: each chunk it
 * has checked against its subject is added to its upload's running hash when it is the next one of
 * that upload (the `Lt-Upload` and `Lt-Chunk` headers say which; they are a hint, never trusted).
 * When the manifest comes, the upload is verified without reading anything again if the chunks
 * followed are exactly the manifest's list and hash to its id. When the guard's deliveries skip a
 * chunk (another process of the domain took it), a follower reads the rest of the upload from the
 * stream in order (`onGap`); when a chunk is missing from the stream (stored before, so not stored
 * again) the run is given up, and the manifest is verified by reading the content.
 */
export class UploadRuns {
  private readonly runs = new Map<string, Run>();

  constructor(
    private readonly stamp: () => Promise<number>,
    /** The guard's deliveries skipped chunks of a run from `run.lastSeq + 1` on. */
    private readonly onGap: (run: Run) => void = () => undefined,
  ) {}

  /** A chunk whose bytes hash to `hex`, stored at `seq` with these upload headers, from the guard. */
  chunk(upload: string | undefined, index: number, hex: string, data: Uint8Array, seq: number): void {
    if (!upload || !Number.isInteger(index) || index < 0) return;
    if (index === 0) this.start(upload);
    const run = this.runs.get(upload);
    if (!run || run.followed || run.broken || index < run.chunks.length) return;
    if (index > run.chunks.length) {
      run.followed = true;
      this.onGap(run);
      return;
    }
    this.add(run, hex, data, seq);
  }

  /** Adds the next chunk of a run. */
  add(run: Run, hex: string, data: Uint8Array, seq: number): void {
    run.whole.update(data);
    run.chunks.push(hex);
    run.bytes += data.byteLength;
    run.lastSeq = seq;
  }

  get(upload: string | undefined): Run | undefined {
    return upload ? this.runs.get(upload) : undefined;
  }

  /**
   * The stamp under which the upload was followed, when its chunks are exactly the manifest's and
   * hash to its id; undefined when the manifest must be verified by reading the content.
   */
  async finish(run: Run, manifest: ContentManifest): Promise<number | undefined> {
    if (this.runs.get(run.upload) === run) this.runs.delete(run.upload);
    if (run.broken || run.chunks.length !== manifest.chunks.length || run.bytes !== Number(manifest.size)) {
      return undefined;
    }
    for (let i = 0; i < run.chunks.length; i++) {
      if (Buffer.from(manifest.chunks[i]!).toString('hex') !== run.chunks[i]) return undefined;
    }
    if (run.whole.digest('hex') !== manifest.sha256Hex) return undefined;
    return run.stamp.catch(() => undefined);
  }

  /** Gives a run up; it stays known as given up (so that its manifest is read at once). */
  drop(run: Run): void {
    run.broken = true;
  }

  get size(): number {
    return this.runs.size;
  }

  private start(upload: string): void {
    const stamp = this.stamp();
    stamp.catch(() => undefined); // awaited by finish(); a run without one is simply not used
    this.runs.delete(upload);
    const run: Run = {
      upload,
      whole: createHash('sha256'),
      chunks: [],
      stamp,
      bytes: 0,
      lastSeq: 0,
      followed: false,
      broken: false,
    };
    this.runs.set(upload, run);
    if (this.runs.size > MAX_RUNS) {
      const oldest = this.runs.values().next().value!;
      this.drop(oldest);
      this.runs.delete(oldest.upload);
    }
  }
}
