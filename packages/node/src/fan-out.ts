/**
 * The copies one message fans out into, made a few at a time. A broadcast reaches a province as
 * one envelope and leaves it as one copy per commune (98 of them, ≈ 60 KB each for a document
 * addressed to the whole country); made all at once, the 34 provinces' copies were 200 MB encoded
 * and queued on the node's connection in one burst, whose publishes then timed out behind each
 * other and were retried. Each copy is encoded only when its turn comes.
 */

/** Copies of one message in the making at once. */
export const FAN_OUT_WINDOW = 32;

/** Tracking records of one document opened (or refused) at once. */
export const RECORDS_WINDOW = 256;

/**
 * Runs every task, at most `window` at a time, in order. Resolves when all succeeded; otherwise,
 * once every task has settled, rejects with the first failure (no copy of this attempt is still
 * being made when the message comes back).
 */
export async function fanOut(
  tasks: readonly (() => Promise<unknown>)[],
  window = FAN_OUT_WINDOW,
): Promise<void> {
  // One copy (the usual case: one recipient, or all behind one next hop): no window to keep.
  if (tasks.length === 1) {
    await tasks[0]!();
    return;
  }
  let next = 0;
  let failure: { reason: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (next < tasks.length) {
      const task = tasks[next++]!;
      try {
        await task();
      } catch (e) {
        failure ??= { reason: e };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(window, tasks.length) }, worker));
  if (failure) throw failure.reason;
}
