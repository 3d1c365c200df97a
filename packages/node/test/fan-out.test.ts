/** The window of copies a message fans out into (src/fan-out.ts). */
import { fanOut } from '../src/fan-out';

const tick = (): Promise<void> => new Promise((r) => setImmediate(r));

describe('fan-out window', () => {
  it('makes at most `window` copies at once, each once, in order', async () => {
    let running = 0;
    let most = 0;
    const started: number[] = [];
    const tasks = Array.from({ length: 100 }, (_, i) => async () => {
      started.push(i);
      running++;
      most = Math.max(most, running);
      await tick();
      running--;
    });
    await fanOut(tasks, 8);
    expect(most).toBe(8);
    expect(started).toEqual(Array.from({ length: 100 }, (_, i) => i));
  });

  it('a failed copy does not stop the others; the first failure is thrown once all have settled', async () => {
    const done: number[] = [];
    const tasks = Array.from({ length: 20 }, (_, i) => async () => {
      await tick();
      if (i === 3) throw new Error('copy 3 failed');
      if (i === 9) throw new Error('copy 9 failed');
      done.push(i);
    });
    await expect(fanOut(tasks, 4)).rejects.toThrow('copy 3 failed');
    expect(done).toHaveLength(18);
  });

  it('does nothing for no tasks', async () => {
    await expect(fanOut([])).resolves.toBeUndefined();
  });
});
