/** Whether a client is open, and its closing, once. */
import { closedError } from './validate';

export class Lifecycle {
  private closing: Promise<void> | undefined;

  get isClosed(): boolean {
    return this.closing !== undefined;
  }

  /** FailedPrecondition for `what` once the client is closed. */
  assertOpen(what: string): void {
    if (this.closing) throw closedError(what);
  }

  /** Runs `close` the first time; every call gets the same promise. */
  close(close: () => Promise<void>): Promise<void> {
    this.closing ??= close();
    return this.closing;
  }
}
