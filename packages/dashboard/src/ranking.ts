/**
 * The first `k` of `items` in `compare` order, without sorting them all: a list page shows 200 of
 * the up to 100,000 documents or copies a national operator sees, and sorting every one of them on
 * each request was most of its cost. A bounded heap keeps the `k` best seen so far (its root the
 * worst of them); the result is those `k`, sorted.
 */
export function firstOf<T>(items: readonly T[], k: number, compare: (a: T, b: T) => number): T[] {
  if (k <= 0) return [];
  if (items.length <= k) return [...items].sort(compare);
  const heap: T[] = [];
  // A max-heap in `compare` order: heap[0] is the one the next better item replaces.
  const above = (i: number, j: number): boolean => compare(heap[i]!, heap[j]!) > 0;
  const swap = (i: number, j: number): void => {
    const t = heap[i]!;
    heap[i] = heap[j]!;
    heap[j] = t;
  };
  for (const item of items) {
    if (heap.length < k) {
      heap.push(item);
      for (let i = heap.length - 1; i > 0;) {
        const parent = (i - 1) >> 1;
        if (!above(i, parent)) break;
        swap(i, parent);
        i = parent;
      }
      continue;
    }
    if (compare(item, heap[0]!) >= 0) continue;
    heap[0] = item;
    for (let i = 0; ;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let top = i;
      if (l < heap.length && above(l, top)) top = l;
      if (r < heap.length && above(r, top)) top = r;
      if (top === i) break;
      swap(i, top);
      i = top;
    }
  }
  return heap.sort(compare);
}
