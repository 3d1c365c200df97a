/** Messages being handled, counted by the directory epoch they started under. */
export class InFlight {
  private readonly byEpoch = new Map<number, number>();
  private readonly waiters = new Set<{ readonly epoch: number; readonly done: () => void }>();

  /** Counts one message as started under `epoch`; call the returned function when it is done. */
  begin(epoch: number): () => void {
    this.byEpoch.set(epoch, (this.byEpoch.get(epoch) ?? 0) + 1);
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      const left = (this.byEpoch.get(epoch) ?? 1) - 1;
      if (left > 0) {
        this.byEpoch.set(epoch, left);
        return;
      }
      this.byEpoch.delete(epoch);
      for (const w of this.waiters) if (!this.anyBefore(w.epoch)) w.done();
    };
  }

  /** Resolves once no message started before `epoch` is in flight, or after `timeoutMs`. */
  settledBefore(epoch: number, timeoutMs: number): Promise<void> {
    if (!this.anyBefore(epoch)) return Promise.resolve();
    return new Promise((resolve) => {
      const waiter = {
        epoch,
        done: () => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          resolve();
        },
      };
      const timer = setTimeout(waiter.done, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  private anyBefore(epoch: number): boolean {
    for (const e of this.byEpoch.keys()) if (e < epoch) return true;
    return false;
  }
}
