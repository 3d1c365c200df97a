/** The byte budget of large envelopes awaiting acknowledgement (src/publish-gate.ts). */
import { PublishGate } from '../src/publish-gate';

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}
const tick = (): Promise<void> => new Promise((r) => setImmediate(r));

describe('publish gate', () => {
  it('lets large envelopes through while they fit, the rest in arrival order as acks free room', async () => {
    const gate = new PublishGate(100, 10);
    const acks = Array.from({ length: 5 }, deferred);
    const started: number[] = [];
    const runs = acks.map((a, i) =>
      gate.run(40, async () => {
        started.push(i);
        await a.promise;
      }),
    );
    await tick();
    expect(started).toEqual([0, 1]); // 80 of 100; a third would exceed it
    expect(gate.bytesInFlight).toBe(80);
    acks[0]!.resolve();
    await tick();
    await tick();
    expect(started).toEqual([0, 1, 2]);
    for (const a of acks) a.resolve();
    await Promise.all(runs);
    expect(started).toEqual([0, 1, 2, 3, 4]);
    expect(gate.bytesInFlight).toBe(0);
  });

  it('never holds back small envelopes, and lets one envelope larger than the budget through alone', async () => {
    const gate = new PublishGate(100, 10);
    const big = deferred();
    const order: string[] = [];
    const first = gate.run(500, async () => {
      order.push('big');
      await big.promise;
    });
    const second = gate.run(20, async () => {
      order.push('large after it');
    });
    const small = gate.run(5, async () => {
      order.push('small');
    });
    await small;
    expect(order).toEqual(['big', 'small']);
    big.resolve();
    await Promise.all([first, second]);
    expect(order).toEqual(['big', 'small', 'large after it']);
  });

  it('a failed publish gives its room back', async () => {
    const gate = new PublishGate(100, 10);
    await expect(gate.run(90, () => Promise.reject(new Error('timeout')))).rejects.toThrow('timeout');
    expect(gate.bytesInFlight).toBe(0);
    await expect(gate.run(90, async () => 'ok')).resolves.toBe('ok');
  });
});
