/** The answers kept for the overdue and statistics pages: when they are served again, when recomputed. */
import { AnswerMemo, MAX_STALE_MS, STALE_PER_COST } from '../src/memo';

describe('kept answers', () => {
  let clock = 0;
  let version = 0;
  let computed = 0;
  /** An answer whose computing takes `costMs` of the clock. */
  const answer = (costMs: number) => async (): Promise<number> => {
    clock += costMs;
    return ++computed;
  };
  const forever = (): number => Infinity;
  const settle = (): Promise<void> => new Promise((r) => setImmediate(r));

  beforeEach(() => {
    clock = 1_000_000;
    version = 0;
    computed = 0;
  });

  it('serves an answer again while no record changed and its time has not passed', async () => {
    const memo = new AnswerMemo(
      () => version,
      () => clock,
    );
    expect(await memo.get('k', answer(0), (t) => t + 1_000)).toBe(1);
    clock += 999;
    expect(await memo.get('k', answer(0), (t) => t + 1_000)).toBe(1);
    clock += 1;
    expect(await memo.get('k', answer(0), (t) => t + 1_000)).toBe(2);
    expect(await memo.get('other', answer(0), forever)).toBe(3);
  });

  it('computes again after a change, unless the answer may lag', async () => {
    const memo = new AnswerMemo(
      () => version,
      () => clock,
    );
    expect(await memo.get('exact', answer(500), forever)).toBe(1);
    version++;
    expect(await memo.get('exact', answer(500), forever)).toBe(2);

    expect(await memo.get('lags', answer(500), forever, true)).toBe(3);
    await settle();
    version++;
    // Computing took 500 ms: the answer may lag 20 × 500 ms after it was computed.
    clock += STALE_PER_COST * 500 - 501;
    expect(await memo.get('lags', answer(500), forever, true)).toBe(3);
    clock += 1;
    expect(await memo.get('lags', answer(500), forever, true)).toBe(4);
  });

  it('lets a cheap answer lag only a moment, and none more than MAX_STALE_MS', async () => {
    const memo = new AnswerMemo(
      () => version,
      () => clock,
    );
    expect(await memo.get('cheap', answer(0), forever, true)).toBe(1);
    version++;
    expect(await memo.get('cheap', answer(0), forever, true)).toBe(2);

    expect(await memo.get('slow', answer(10_000), forever, true)).toBe(3);
    await settle();
    version++;
    clock += MAX_STALE_MS - 10_001;
    expect(await memo.get('slow', answer(10_000), forever, true)).toBe(3);
    clock += 1;
    expect(await memo.get('slow', answer(10_000), forever, true)).toBe(4);
  });

  it('treats a copy turning late like a change: a cheap answer is computed again at once', async () => {
    const memo = new AnswerMemo(
      () => version,
      () => clock,
    );
    const lateAt = clock + 5_000;
    const until = (): number => lateAt;
    expect(await memo.get('cheap', answer(1), until, true)).toBe(1);
    await settle();
    clock = lateAt - 1;
    expect(await memo.get('cheap', answer(1), until, true)).toBe(1);
    clock = lateAt;
    expect(await memo.get('cheap', answer(1), until, true)).toBe(2);

    // A costly one lags past the deadline as it does past a change: 20 × 500 ms after computing.
    clock = 2_000_000;
    const slowLateAt = clock + 1_000;
    expect(await memo.get('slow', answer(500), () => slowLateAt, true)).toBe(3);
    await settle();
    clock = 2_000_000 + STALE_PER_COST * 500 - 1;
    expect(await memo.get('slow', answer(500), () => slowLateAt, true)).toBe(3);
    clock += 1;
    expect(await memo.get('slow', answer(500), () => Infinity, true)).toBe(4);
  });

  it('counts the cost an answer reports, not the waits around it', async () => {
    const memo = new AnswerMemo(
      () => version,
      () => clock,
    );
    // 2 s until the answer came (a loaded machine, a slow read), 2 ms of its own work.
    const waited = (took: (ms: number) => void) => async (): Promise<number> => {
      clock += 2_000;
      took(2);
      return ++computed;
    };
    expect(await memo.get('k', (took) => waited(took)(), forever, true)).toBe(1);
    await settle();
    version++;
    clock = 1_000_000 + STALE_PER_COST * 2 - 1;
    expect(await memo.get('k', (took) => waited(took)(), forever, true)).toBe(1);
    clock += 1;
    expect(await memo.get('k', (took) => waited(took)(), forever, true)).toBe(2);
  });

  it('forgets a failed answer, and the oldest beyond its size', async () => {
    const memo = new AnswerMemo(
      () => version,
      () => clock,
      2,
    );
    await expect(memo.get('bad', () => Promise.reject(new Error('no')), forever)).rejects.toThrow('no');
    await settle();
    expect(await memo.get('bad', answer(0), forever)).toBe(1);
    await memo.get('b', answer(0), forever);
    await memo.get('c', answer(0), forever);
    expect(await memo.get('bad', answer(0), forever)).toBe(4);
  });
});
