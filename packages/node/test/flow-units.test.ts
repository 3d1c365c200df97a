/**
 * The pieces of flow control that need no server: the agency pacer (GCRA with places in time), the
 * round-robin queue of waiting messages, and the wait for a place in a full neighbour queue.
 */
import { JetStreamApiError } from '@nats-io/jetstream';
import type { PubAck } from '@nats-io/jetstream';
import { BackpressureError } from '@lienthong/core';
import { FairQueue, NeighbourRoom, SubmitPacer } from '@lienthong/node/internal';

describe('SubmitPacer', () => {
  it('lets a burst through, then gives each submission its own place at the pace, in order', () => {
    let now = 1_000_000;
    const pacer = new SubmitPacer(
      () => ({ perSecond: 10, burst: 3 }),
      () => now,
    );
    const waits = Array.from({ length: 6 }, (_, i) => pacer.admit('A', 'normal', 100, `s:${i}`));
    expect(waits.slice(0, 3)).toEqual([0, 0, 0]);
    // 100 ms apart from then on: the 4th waits 100 ms, the 5th 200 ms, the 6th 300 ms.
    expect(waits.slice(3)).toEqual([100, 200, 300]);
    // Asked again before its place: the remaining wait; at its place: go, once.
    now += 50;
    expect(pacer.admit('A', 'normal', 100, 's:3')).toBe(50);
    now += 50;
    expect(pacer.admit('A', 'normal', 100, 's:3')).toBe(0);
    expect(pacer.counts).toMatchObject({ admitted: 4, deferred: 3, waiting: 2 });
    // Another agency is not affected; an urgent submission is never held back.
    expect(pacer.admit('B', 'normal', 100, 'b:1')).toBe(0);
    expect(pacer.admit('A', 'urgent', 100, 's:u')).toBe(0);
  });

  it('paces bytes too, and leaves agencies without limits alone', () => {
    const now = 5_000;
    const limits: Record<string, { bytesPerSecond: number } | undefined> = { A: { bytesPerSecond: 10_000 } };
    const pacer = new SubmitPacer(
      (a) => limits[a],
      () => now,
    );
    // 5,000 bytes cost 500 ms; the default burst is one second's worth.
    expect(pacer.admit('A', 'normal', 5_000, '1')).toBe(0);
    expect(pacer.admit('A', 'normal', 5_000, '2')).toBe(0);
    expect(pacer.admit('A', 'normal', 5_000, '3')).toBeGreaterThan(0);
    for (let i = 0; i < 100; i++) expect(pacer.admit('free', 'normal', 1_000_000, `f${i}`)).toBe(0);
  });
});

describe('FairQueue', () => {
  it('serves senders round-robin, each in its own order', () => {
    const q = new FairQueue<string>((s) => s.split(':')[0]!);
    for (let i = 1; i <= 5; i++) q.push(`flood:${i}`);
    q.push('quiet:1');
    q.push('other:1');
    q.push('quiet:2');
    const order: string[] = [];
    for (let s = q.shift(); s !== undefined; s = q.shift()) order.push(s);
    expect(order).toEqual([
      'flood:1',
      'quiet:1',
      'other:1',
      'flood:2',
      'quiet:2',
      'flood:3',
      'flood:4',
      'flood:5',
    ]);
    expect(q.size).toBe(0);
  });

  it('takes the first sender in turn whose oldest item is wanted; the others keep their place', () => {
    const q = new FairQueue<string>((s) => s.split(':')[0]!);
    q.push('flood:doc1');
    q.push('flood:status1');
    q.push('quiet:doc1');
    q.push('back:status1');
    q.push('back:status2');
    const status = (s: string): boolean => s.includes('status');
    // flood's oldest is a document: passed over, not skipped within its own order.
    expect(q.shiftFirst(status)).toBe('back:status1');
    expect(q.shiftFirst(status)).toBe('back:status2');
    expect(q.shiftFirst(status)).toBeUndefined();
    expect(q.size).toBe(3);
    // Round-robin goes on where it was: flood and quiet first, in their order.
    const order: string[] = [];
    for (let s = q.shift(); s !== undefined; s = q.shift()) order.push(s);
    expect(order).toEqual(['flood:doc1', 'quiet:doc1', 'flood:status1']);
  });
});

describe('NeighbourRoom', () => {
  const full = (): JetStreamApiError =>
    new JetStreamApiError({
      code: 503,
      err_code: 10077,
      description: 'maximum messages per subject exceeded',
    });
  const ack = { stream: 'LT_RELAY', seq: 1, duplicate: false } as PubAck;

  it('waits for a place in a full queue, in order, polling with the first message only', async () => {
    const room = new NeighbourRoom({ waitMs: 2_000, waiters: 16 });
    let free = 0;
    let attempts = 0;
    const publish = async (): Promise<PubAck> => {
      attempts++;
      if (free === 0) throw full();
      free--;
      return ack;
    };
    const done: number[] = [];
    const all = [1, 2, 3].map((i) => room.publish('s', publish, 1).then(() => done.push(i)));
    await new Promise((r) => setTimeout(r, 50));
    expect(done).toEqual([]);
    expect(room.size).toBe(3);
    const before = attempts;
    await new Promise((r) => setTimeout(r, 100));
    // Only the first in line polls: a few attempts per 100 ms, not three times as many.
    expect(attempts - before).toBeLessThan(10);
    free = 3;
    await Promise.all(all);
    expect(done).toEqual([1, 2, 3]);
    expect(room.size).toBe(0);
  });

  it('gives the messages back when the queue stays full, and refuses more waiters than allowed', async () => {
    const room = new NeighbourRoom({ waitMs: 100, waiters: 2 });
    const publish = (): Promise<PubAck> => Promise.reject(full());
    const results = await Promise.allSettled([1, 2, 3].map(() => room.publish('s', publish, 1)));
    for (const r of results) {
      expect(r.status).toBe('rejected');
      expect((r as PromiseRejectedResult).reason).toBeInstanceOf(BackpressureError);
      expect(((r as PromiseRejectedResult).reason as BackpressureError).retryAfterMs).toBeGreaterThan(0);
    }
    // Any other error is not flow control: it goes to the caller as it is.
    await expect(room.publish('t', () => Promise.reject(new Error('no responders')), 1)).rejects.toThrow(
      'no responders',
    );
  });
});
