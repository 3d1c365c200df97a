/**
 * The refusal log answers once its read-back is done: a request waits for it up to the log's bound,
 * and past that is told to ask again (503, Retry-After), with nothing partial listed. The feed here
 * is a stand-in whose read-back the test finishes by hand (the read-back over NATS is in
 * refusals.test.ts).
 */
import { FailureReason } from '@lienthong/proto';
import type { LienthongClient, Refusal, Refusals } from '@lienthong/sdk';
import { GatewayError } from '../src/errors';
import { RefusalLog } from '../src/refusal-log';

/** A feed of the given refusals whose read-back ends when `finish()` is called. */
function slowFeed(items: Refusal[]): { client: LienthongClient; finish: () => void } {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  let stopped = false;
  const feed: Refusals = {
    get isStopped() {
      return stopped;
    },
    caughtUp: () => done,
    stop: () => {
      stopped = true;
      finish();
      return Promise.resolve();
    },
    [Symbol.asyncDispose]: () => Promise.resolve(),
    async *[Symbol.asyncIterator]() {
      for (const r of items) yield r;
      await done;
    },
  };
  const client = { refusals: () => Promise.resolve(feed) } as unknown as LienthongClient;
  return { client, finish };
}

function refusal(documentId: string, atMs: number): Refusal {
  return {
    documentId,
    kind: 'status',
    code: 3,
    reason: FailureReason.FAILURE_REASON_NOT_A_RECIPIENT,
    reasonName: 'NOT_A_RECIPIENT',
    detail: `reported 03 on ${documentId}`,
    node: 'h41',
    atMs,
    record: {} as Refusal['record'],
  };
}

describe('RefusalLog read-back', () => {
  it('past the wait: 503 with a time to ask again; once read back, the list', async () => {
    const { client, finish } = slowFeed([refusal('D1', 1_000), refusal('D2', 2_000)]);
    const log = await RefusalLog.open(client, 1_000, 50);
    const early = await log.list().catch((e: unknown) => e);
    expect(early).toBeInstanceOf(GatewayError);
    expect(early).toMatchObject({ status: 503, code: 'Unavailable', retryAfterMs: 1_000 });
    expect((early as Error).message).toMatch(/still being read back \(2 so far\): ask again/);
    finish();
    expect((await log.list()).map((r) => r.documentId)).toEqual(['D1', 'D2']);
    expect((await log.list(1_500)).map((r) => r.documentId)).toEqual(['D2']);
    await log.stop();
  });

  it('a request within the wait gets the whole list when the read-back ends', async () => {
    const { client, finish } = slowFeed([refusal('D1', 1_000)]);
    const log = await RefusalLog.open(client, 1_000, 5_000);
    const answer = log.list();
    setTimeout(finish, 30);
    expect((await answer).map((r) => r.documentId)).toEqual(['D1']);
    await log.stop();
  });
});
