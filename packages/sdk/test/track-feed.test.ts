/**
 * The read-back of a track feed: done after the number of messages the feed said it holds, and also
 * when the rest never comes (a pushed message lost across a reconnect), once the feed has been quiet
 * for a while, so that nobody waits for it for ever. The feeds here are plain iterables handing out
 * given messages; the read-back over NATS is in refusals.test.ts.
 */
import { TrackingRecord } from '@lienthong/proto';
import type { LiveFeed } from '../src/home-service';
import { TrackFeed } from '../src/track-feed';

/** A feed that says it holds `pending` messages, hands out `messages`, then stays open. */
function feedOf(pending: number, messages: Uint8Array[]): LiveFeed & { close(): void } {
  let close!: () => void;
  const closed = new Promise<void>((resolve) => (close = resolve));
  return {
    pending,
    close,
    consume: () =>
      Promise.resolve({
        async *[Symbol.asyncIterator]() {
          for (const data of messages) yield { data };
          await closed;
        },
        stop: () => close(),
      }),
  };
}

const record = (documentId: string): Uint8Array =>
  TrackingRecord.encode(TrackingRecord.create({ documentId, sender: '000.00.00.H41' })).finish();

describe('TrackFeed read-back', () => {
  it('is at the present after the number of messages it was told, undecodable ones counted', async () => {
    const taken: string[] = [];
    const present: boolean[] = [];
    const feed = new TrackFeed(
      feedOf(3, [record('a'), new Uint8Array([0xff, 0xff]), record('b')]),
      (r) => taken.push(r.documentId),
      () => undefined,
      (atStart) => present.push(atStart),
    );
    await feed.follow();
    await new Promise((r) => setTimeout(r, 20));
    expect(taken).toEqual(['a', 'b']);
    expect(present).toEqual([false]);
    await feed.stop();
  });

  it('with nothing to read back: at the present at once', async () => {
    const present: boolean[] = [];
    const feed = new TrackFeed(
      feedOf(0, []),
      () => undefined,
      () => undefined,
      (a) => present.push(a),
    );
    await feed.follow();
    expect(present).toEqual([true]);
    await feed.stop();
  });

  it('a read-back whose rest never comes is over once the feed has been quiet', async () => {
    const present: number[] = [];
    const t0 = Date.now();
    const feed = new TrackFeed(
      feedOf(5, [record('a'), record('b')]), // 3 of the 5 lost
      () => undefined,
      () => undefined,
      () => present.push(Date.now() - t0),
      100,
    );
    await feed.follow();
    await new Promise((r) => setTimeout(r, 60));
    expect(present).toEqual([]);
    await new Promise((r) => setTimeout(r, 150));
    expect(present).toHaveLength(1);
    expect(present[0]).toBeGreaterThanOrEqual(100);
    await feed.stop();
  });
});
