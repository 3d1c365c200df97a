/**
 * An agency's upload limits without a server (`UploadQuota`): its pace in bytes per second (a token
 * bucket) and its bound of stored content that no document references yet, freed when a document
 * references the content or the sweep has run; one agency's use never limits another.
 */
import { BackpressureError, LienthongError } from '@lienthong/core';
import { MIN_UPLOAD_CHARGE, UploadQuota } from '@lienthong/node/internal';

const MiB = 1024 * 1024;
const A = '000_01_43_H41';
const B = '000_01_44_H41';

function refusal(f: () => unknown): LienthongError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(LienthongError);
    return e as LienthongError;
  }
  throw new Error('not refused');
}

describe('UploadQuota', () => {
  it('paces an agency: a burst at once, then its bytes per second; the wait is named', () => {
    let now = 1_000_000;
    const refused: string[] = [];
    const q = new UploadQuota(
      { bytesPerSecond: 1 * MiB, burstBytes: 2 * MiB, unreferencedBytes: 0, countedForMs: 3_600_000 },
      () => now,
      (limit) => refused.push(limit),
    );
    q.admit(A, MiB).stored('c1');
    q.admit(A, MiB).stored('c2');
    const e = refusal(() => q.admit(A, MiB));
    expect(e).toBeInstanceOf(BackpressureError);
    expect(e.code).toBe('ResourceExhausted');
    expect((e as BackpressureError).scope).toBe('upload-rate');
    expect((e as BackpressureError).retryAfterMs).toBe(1000);
    expect(e.message).toMatch(/1048576 bytes\/s \(limits\.uploadBytesPerSecond/);
    // Another agency has its own bucket.
    q.admit(B, MiB).stored('b1');
    now += 500;
    expect(() => q.admit(A, MiB)).toThrow(BackpressureError);
    now += 500;
    q.admit(A, MiB).release();
    expect(refused).toEqual(['rate', 'rate']);
  });

  it('charges a tiny message as at least MIN_UPLOAD_CHARGE; a burst smaller than a chunk is raised to one', () => {
    const q = new UploadQuota(
      { bytesPerSecond: 1, burstBytes: 1, unreferencedBytes: 0, countedForMs: 1 },
      () => 0,
    );
    const fit = Math.floor(MiB / MIN_UPLOAD_CHARGE);
    for (let i = 0; i < fit; i++) q.admit(A, 1).release();
    expect(() => q.admit(A, 1)).toThrow(BackpressureError);
  });

  it('bounds what an agency holds unreferenced, counting uploads in flight; a document referencing the content frees it', () => {
    const now = 0;
    const refused: string[] = [];
    const q = new UploadQuota(
      { bytesPerSecond: 0, burstBytes: 0, unreferencedBytes: 3 * MiB, countedForMs: 3_600_000 },
      () => now,
      (limit) => refused.push(limit),
    );
    const t1 = q.admit(A, MiB);
    const t2 = q.admit(A, MiB);
    const t3 = q.admit(A, MiB);
    // Three in flight fill the bound: a fourth is refused before any is stored.
    const e = refusal(() => q.admit(A, MiB));
    expect(e).not.toBeInstanceOf(BackpressureError);
    expect(e.code).toBe('ResourceExhausted');
    expect(e.message).toMatch(
      /holds 3145728 bytes .* limit is 3145728 bytes \(limits\.uploadUnreferencedBytes\)/,
    );
    expect(e.context).toMatchObject({ limit: 'uploadUnreferencedBytes', limitBytes: 3 * MiB });
    t1.stored('c1');
    t2.stored('c2');
    // Already there (stored before): nothing more held.
    t3.release();
    expect(q.held(A)).toBe(2 * MiB);
    q.admit(A, MiB).stored('c3');
    expect(() => q.admit(A, MiB)).toThrow(/uploadUnreferencedBytes/);
    // B is not limited by A's holdings.
    q.admit(B, MiB).stored('b1');
    // A's document references the content of c1 and c2: they no longer count.
    q.link(A, 'file-1', ['c1', 'c2', 'not-mine']);
    q.referenced('file-1');
    expect(q.held(A)).toBe(MiB);
    q.admit(A, MiB).stored('c4');
    expect(q.held(A)).toBe(2 * MiB);
    expect(q.held(B)).toBe(MiB);
    expect(refused).toEqual(['unreferenced', 'unreferenced']);
  });

  it('frees what the sweep has had the chance to remove, and forgets uploads older than it keeps them', () => {
    let now = 0;
    const q = new UploadQuota(
      { bytesPerSecond: 0, burstBytes: 0, unreferencedBytes: 2 * MiB, countedForMs: 10_000 },
      () => now,
    );
    q.admit(A, MiB).stored('old');
    now = 5_000;
    q.admit(A, MiB).stored('new');
    expect(() => q.admit(A, MiB)).toThrow(/uploadUnreferencedBytes/);
    // A sweep with a cut-off between them: the old one is referenced or gone.
    q.swept(1_000);
    expect(q.held(A)).toBe(MiB);
    q.admit(A, MiB).stored('newer');
    // Past the counted time, the rest is forgotten as well.
    now = 16_000;
    expect(q.held(A)).toBe(0);
  });

  it('a chunk stored twice by the same agency counts once', () => {
    const q = new UploadQuota(
      { bytesPerSecond: 0, burstBytes: 0, unreferencedBytes: 10 * MiB, countedForMs: 10_000 },
      () => 0,
    );
    q.admit(A, MiB).stored('same');
    q.admit(A, MiB).stored('same');
    expect(q.held(A)).toBe(MiB);
  });
});
