/**
 * Flow control vocabulary shared by the node and the SDK: the error a full queue or an over-limit
 * agency gets, and the pace an agency's limits allow (docs/ARCHITECTURE.md, "Flow control").
 */
import { LienthongError } from './errors';

/**
 * Which bound refused: an agency's submit queue, a neighbour's relay queue, a whole stream, an
 * agency's submit pace, or an agency's upload pace (bytes of attachment content per second).
 */
export type BackpressureScope =
  'agency-queue' | 'neighbour-queue' | 'stream-bytes' | 'agency-rate' | 'upload-rate';

/**
 * A bounded queue is full or a sender is over its limits. Nothing was accepted: retrying the same
 * publish (same message id) after `retryAfterMs` is safe and is what the caller should do.
 */
export class BackpressureError extends LienthongError {
  readonly retryAfterMs: number;
  readonly scope: BackpressureScope;
  readonly retryable = true;

  constructor(
    message: string,
    opts: {
      retryAfterMs: number;
      scope: BackpressureScope;
      context?: Readonly<Record<string, unknown>>;
      cause?: unknown;
    },
  ) {
    const retryAfterMs = Math.max(1, Math.ceil(opts.retryAfterMs));
    super('ResourceExhausted', message, {
      context: { ...opts.context, retryAfterMs, scope: opts.scope },
      cause: opts.cause,
    });
    this.name = 'BackpressureError';
    this.retryAfterMs = retryAfterMs;
    this.scope = opts.scope;
  }
}

export function isBackpressure(e: unknown): e is BackpressureError {
  return e instanceof BackpressureError;
}

/** An agency's submission limits; 0 (or absent) leaves that dimension unlimited. */
export interface SubmitPace {
  readonly perSecond?: number | null;
  readonly burst?: number | null;
  readonly bytesPerSecond?: number | null;
}

/**
 * Milliseconds one submission of `bytes` costs at the agency's pace: the spacing its limits allow
 * between two submissions (0 when unlimited). The node schedules by it; the SDK suggests it as the
 * wait after a refusal.
 */
export function submitPaceMs(pace: SubmitPace | undefined, bytes: number): number {
  const perSecond = pace?.perSecond ?? 0;
  const bytesPerSecond = pace?.bytesPerSecond ?? 0;
  return Math.max(
    perSecond > 0 ? 1000 / perSecond : 0,
    bytesPerSecond > 0 ? (1000 * Math.max(bytes, 0)) / bytesPerSecond : 0,
  );
}
