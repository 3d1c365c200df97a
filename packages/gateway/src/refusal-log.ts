/**
 * What the network refused of an agency's submissions through the gateway — chiefly a status it
 * posted that the document sender's home node refused (no such document sent to it, against the
 * rules) — for `GET /api/v1/refusals`. When the gateway first serves the agency (after each of its
 * restarts too) the log reads the last week's back from the agency's track subject, then follows
 * it; it keeps the newest ones, up to a bound. A list is given once that read-back is done (a short
 * wait for it at first; a 503 to ask again if it takes longer). The dead letters keep every refusal
 * for the operators.
 */
import { refusalJson } from '@lienthong/sdk';
import type { LienthongClient, Refusal, RefusalJson, Refusals } from '@lienthong/sdk';
import { GatewayError } from './errors';

export type { RefusalJson } from '@lienthong/sdk';

/** How many refusals an agency's log keeps (the oldest go first). */
export const REFUSALS_KEPT = 1_000;

/** How far back an agency's log starts when the gateway first serves it (its restarts included). */
export const REFUSALS_LOOKBACK_MS = 7 * 24 * 3_600_000;

/** How long a request for the list waits for the read-back before it is told to ask again. */
export const READ_BACK_WAIT_MS = 5_000;

export class RefusalLog {
  private readonly kept: Refusal[] = [];
  private readonly pump: Promise<void>;
  private readonly readBack: Promise<void>;
  private caughtUp = false;

  private constructor(
    private readonly feed: Refusals,
    private readonly max: number,
    private readonly waitMs: number,
  ) {
    this.readBack = feed.caughtUp().then(() => {
      this.caughtUp = true;
    });
    this.pump = (async () => {
      for await (const r of feed) {
        this.kept.push(r);
        if (this.kept.length > this.max) this.kept.shift();
      }
    })().catch(() => undefined);
  }

  /** Starts following the agency's refusals through its client, with those of the last week. */
  static async open(
    client: LienthongClient,
    max = REFUSALS_KEPT,
    waitMs = READ_BACK_WAIT_MS,
  ): Promise<RefusalLog> {
    const feed = await client.refusals({ since: Date.now() - REFUSALS_LOOKBACK_MS });
    return new RefusalLog(feed, max, waitMs);
  }

  /**
   * The refusals kept at or after `sinceMs`, oldest first, once the read-back is done: waited for
   * up to the log's bound, then 503 with a time to ask again.
   */
  async list(sinceMs = 0): Promise<RefusalJson[]> {
    if (!this.caughtUp) {
      let timer: NodeJS.Timeout | undefined;
      const waited = new Promise<void>((resolve) => (timer = setTimeout(resolve, this.waitMs)));
      await Promise.race([this.readBack, waited]);
      clearTimeout(timer);
    }
    if (!this.caughtUp) {
      throw new GatewayError(
        503,
        'Unavailable',
        `the refusals of the last week are still being read back (${this.kept.length} so far): ask again`,
        { readBack: this.kept.length },
        1_000,
      );
    }
    return this.kept.filter((r) => r.atMs >= sinceMs).map(refusalJson);
  }

  async stop(): Promise<void> {
    await this.feed.stop();
    await this.pump;
  }
}

/** Each served agency's refusal log, opened with its client. */
export class RefusalLogs {
  private readonly logs = new Map<string, RefusalLog | Error>();

  /** Opens the agency's log on its new client; a failure is kept and told when the log is asked for. */
  async opened(agency: string, client: LienthongClient): Promise<LienthongClient> {
    try {
      this.logs.set(agency, await RefusalLog.open(client));
    } catch (e) {
      this.logs.set(agency, e instanceof Error ? e : new Error(String(e)));
    }
    return client;
  }

  /** The agency's refusals since `sinceMs`, once its client is open; 503 when they are not followed. */
  list(agency: string, sinceMs: number): Promise<RefusalJson[]> {
    const log = this.logs.get(agency);
    if (log instanceof RefusalLog) return log.list(sinceMs);
    throw new GatewayError(503, 'Unavailable', `refusals are not followed: ${log?.message ?? 'not yet'}`);
  }

  async close(): Promise<void> {
    await Promise.allSettled(
      [...this.logs.values()].map((l) => (l instanceof RefusalLog ? l.stop() : undefined)),
    );
  }
}
