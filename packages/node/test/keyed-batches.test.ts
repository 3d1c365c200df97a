/**
 * KeyedBatches (src/tracking-batch.ts) alone: changes that linger wait for company up to their
 * linger, a change that does not wait takes them along at once, and no more than `maxLingering`
 * keys wait at a time (a lingering change holds its inbound message and a handler slot).
 */
import { KeyedBatches } from '../src/tracking-batch';

function recorder(): {
  batches: KeyedBatches<string, string>;
  writes: { key: string; changes: string[]; at: number }[];
} {
  const writes: { key: string; changes: string[]; at: number }[] = [];
  const batches = new KeyedBatches<string, string>(async (key, changes) => {
    writes.push({ key, changes: [...changes], at: Date.now() });
    return changes.map((c) => `${c}:written`);
  }, 2);
  return { batches, writes };
}

describe('KeyedBatches', () => {
  it('writes changes of one turn together, without waiting', async () => {
    const { batches, writes } = recorder();
    const results = await Promise.all([batches.submit('k', 'a'), batches.submit('k', 'b')]);
    expect(results).toEqual(['a:written', 'b:written']);
    expect(writes.map((w) => w.changes)).toEqual([['a', 'b']]);
  });

  it('a lingering change is taken along by the next change that does not wait', async () => {
    const { batches, writes } = recorder();
    const t0 = Date.now();
    const first = batches.submit('k', 'delivered', 5_000);
    await new Promise((r) => setTimeout(r, 20));
    expect(writes).toHaveLength(0); // still waiting
    const second = batches.submit('k', '01');
    expect(await Promise.all([first, second])).toEqual(['delivered:written', '01:written']);
    expect(writes.map((w) => w.changes)).toEqual([['delivered', '01']]);
    expect(Date.now() - t0).toBeLessThan(1_000);
  });

  it('a lingering change alone is written when its linger is over', async () => {
    const { batches, writes } = recorder();
    const t0 = Date.now();
    await batches.submit('k', 'delivered', 100);
    expect(writes).toHaveLength(1);
    expect(writes[0]!.at - t0).toBeGreaterThanOrEqual(90);
  });

  it('past maxLingering keys waiting, a change is written at once', async () => {
    const { batches, writes } = recorder();
    const waiting = [batches.submit('a', 'x', 5_000), batches.submit('b', 'x', 5_000)];
    await batches.submit('c', 'x', 5_000); // a third key: no room to wait
    expect(writes.map((w) => w.key)).toEqual(['c']);
    // The waiting ones go with the next change of their key.
    await Promise.all([batches.submit('a', 'y'), batches.submit('b', 'y'), ...waiting]);
    expect(writes.map((w) => [w.key, w.changes])).toEqual([
      ['c', ['x']],
      ['a', ['x', 'y']],
      ['b', ['x', 'y']],
    ]);
  });

  it('a failed write fails every change it carried', async () => {
    const batches = new KeyedBatches<string, string>(async () => {
      throw new Error('store unavailable');
    });
    const first = batches.submit('k', 'delivered', 50);
    const second = batches.submit('k', '01');
    await expect(first).rejects.toThrow('store unavailable');
    await expect(second).rejects.toThrow('store unavailable');
  });
});
