/**
 * Messages waiting for a handler, kept per sender and taken round-robin: one sender's backlog
 * cannot hold back another sender's next message (flow control). The sender key of a submit or
 * relay message is its subject: the receiving node plus the agency, or plus the lane and the
 * neighbour it came from.
 */
export class FairQueue<T> {
  private readonly queues = new Map<string, T[]>();
  /** Senders with something waiting, in the order they are served next. */
  private readonly ring: string[] = [];
  private count = 0;

  constructor(private readonly keyOf: (item: T) => string) {}

  get size(): number {
    return this.count;
  }

  /** Senders with something waiting. */
  get senders(): number {
    return this.ring.length;
  }

  push(item: T): void {
    const key = this.keyOf(item);
    let q = this.queues.get(key);
    if (!q) {
      q = [];
      this.queues.set(key, q);
      this.ring.push(key);
    }
    q.push(item);
    this.count++;
  }

  /** The oldest item of the next sender in turn; that sender goes to the back of the ring. */
  shift(): T | undefined {
    return this.ring.length > 0 ? this.takeAt(0) : undefined;
  }

  /**
   * Like `shift`, but only an oldest item that `wanted` accepts: the first such sender in turn goes to
   * the back of the ring; senders passed over keep their place. Undefined when no sender has one.
   */
  shiftFirst(wanted: (item: T) => boolean): T | undefined {
    for (let i = 0; i < this.ring.length; i++) {
      if (wanted(this.queues.get(this.ring[i]!)![0]!)) return this.takeAt(i);
    }
    return undefined;
  }

  /** The oldest item of the `i`-th sender in the ring, which goes to the back (or leaves, emptied). */
  private takeAt(i: number): T {
    const key = i === 0 ? this.ring.shift()! : this.ring.splice(i, 1)[0]!;
    const q = this.queues.get(key)!;
    const item = q.shift()!;
    this.count--;
    if (q.length > 0) this.ring.push(key);
    else this.queues.delete(key);
    return item;
  }

  /** Everything waiting, oldest first per sender. */
  *items(): IterableIterator<T> {
    for (const q of this.queues.values()) yield* q;
  }

  /** Removes and returns everything waiting. */
  drain(): T[] {
    const all = [...this.items()];
    this.queues.clear();
    this.ring.length = 0;
    this.count = 0;
    return all;
  }
}
