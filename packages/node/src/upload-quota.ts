/**
 * What one agency may store in its home domain's content stream: a pace (bytes per second, a token
 * bucket) and a bound on the bytes it stored that no document references yet. Content is shared by
 * hash, so the stream itself cannot tell who stored what; every upload of an agency with its own
 * identity passes through its home node (the agency service's `put`), which counts it here, as does
 * the edXML gateway for the large packages it stores for an agency.
 *
 * A stored chunk counts against its agency until a document referencing its content is recorded
 * (`referenced`), or the sweep has had the chance to remove it (`swept`, or by age: the grace period
 * plus one sweep interval). Counts live in the process: a restart forgets them, and so does a
 * second process serving the same nodes (each counts what it stored).
 */
import { BackpressureError, LienthongError, agencyFromToken } from '@lienthong/core';

export interface UploadQuotaConfig {
  /** Bytes per second one agency may upload, on average; 0: unlimited. */
  readonly bytesPerSecond: number;
  /** Bytes one agency may upload at once beyond the pace (the bucket's size). */
  readonly burstBytes: number;
  /** Bytes one agency may hold stored and not yet referenced by a document; 0: unlimited. */
  readonly unreferencedBytes: number;
  /** How long an unreferenced upload is counted at most: the sweep's grace plus its interval. */
  readonly countedForMs: number;
}

/**
 * Every message costs at least this much, of pace and of quota: a flood of tiny chunks costs the
 * store a message each, and the counts here an entry each.
 */
export const MIN_UPLOAD_CHARGE = 16 * 1024;

/** The largest message a burst must let through: one chunk (`MAX_CHUNK_SIZE`, under 1 MiB). */
const MIN_BURST = 1024 * 1024;

interface Held {
  readonly bytes: number;
  readonly at: number;
}

interface AgencyUse {
  tokens: number;
  refilledAt: number;
  /** Admitted, not yet stored or given up. */
  pending: number;
  /** Stored and counted, by chunk (or content) id. */
  readonly held: Map<string, Held>;
  heldBytes: number;
}

/** An admitted upload: stored (counted under `id`) or given up (nothing counted). */
export interface UploadTicket {
  stored(id: string): void;
  release(): void;
}

export class UploadQuota {
  private readonly agencies = new Map<string, AgencyUse>();
  /** Which agencies hold which counted ids for a content (its chunks, or the content itself). */
  private readonly contents = new Map<string, Map<string, Set<string>>>();
  private readonly config: UploadQuotaConfig;

  constructor(
    config: UploadQuotaConfig,
    private readonly now: () => number = Date.now,
    private readonly onRefused: (limit: 'rate' | 'unreferenced') => void = () => undefined,
  ) {
    this.config = { ...config, burstBytes: Math.max(config.burstBytes, MIN_BURST) };
  }

  /**
   * Lets `bytes` of an agency's upload through, or refuses them: a `BackpressureError` (scope
   * `upload-rate`, with the wait) when the agency is over its pace, `ResourceExhausted` when it
   * holds its bound of unreferenced content (`quota` false: a manifest, counted against the pace only).
   */
  admit(token: string, bytes: number, quota = true): UploadTicket {
    const use = this.use(token);
    const cost = Math.max(bytes, MIN_UPLOAD_CHARGE);
    const agency = agencyFromToken(token);
    const { unreferencedBytes, bytesPerSecond } = this.config;
    if (quota && unreferencedBytes > 0 && use.heldBytes + use.pending + cost > unreferencedBytes) {
      this.onRefused('unreferenced');
      throw new LienthongError(
        'ResourceExhausted',
        `agency ${agency} holds ${use.heldBytes + use.pending} bytes of uploaded content that no document references yet; ` +
          `its limit is ${unreferencedBytes} bytes (limits.uploadUnreferencedBytes): send the documents that use it, ` +
          'or wait for the sweep to remove what none will',
        {
          context: {
            agency,
            limit: 'uploadUnreferencedBytes',
            limitBytes: unreferencedBytes,
            heldBytes: use.heldBytes + use.pending,
          },
        },
      );
    }
    if (bytesPerSecond > 0) {
      this.refill(use);
      if (use.tokens < cost) {
        this.onRefused('rate');
        throw new BackpressureError(
          `agency ${agency} uploads faster than its limit of ${bytesPerSecond} bytes/s ` +
            `(limits.uploadBytesPerSecond, burst ${this.config.burstBytes} bytes)`,
          {
            retryAfterMs: ((cost - use.tokens) * 1000) / bytesPerSecond,
            scope: 'upload-rate',
            context: { agency, limit: 'uploadBytesPerSecond', bytesPerSecond },
          },
        );
      }
      use.tokens -= cost;
    }
    if (!quota) return { stored: () => undefined, release: () => undefined };
    use.pending += cost;
    let open = true;
    const close = (): boolean => {
      if (!open) return false;
      open = false;
      use.pending -= cost;
      return true;
    };
    return {
      stored: (id) => {
        if (!close() || use.held.has(id)) return;
        use.held.set(id, { bytes: cost, at: this.now() });
        use.heldBytes += cost;
      },
      release: () => void close(),
    };
  }

  /** The counted ids (chunks) an agency stored for a content, freed together when it is referenced. */
  link(token: string, sha256Hex: string, ids: readonly string[]): void {
    const use = this.agencies.get(token);
    if (!use) return;
    const mine = ids.filter((id) => use.held.has(id));
    if (mine.length === 0) return;
    let byAgency = this.contents.get(sha256Hex);
    if (!byAgency) this.contents.set(sha256Hex, (byAgency = new Map()));
    const set = byAgency.get(token) ?? new Set<string>();
    for (const id of mine) set.add(id);
    byAgency.set(token, set);
  }

  /** A document referencing this content is recorded: its uploads count no more. */
  referenced(sha256Hex: string): void {
    const byAgency = this.contents.get(sha256Hex);
    if (!byAgency) return;
    this.contents.delete(sha256Hex);
    for (const [token, ids] of byAgency) {
      const use = this.agencies.get(token);
      if (use) for (const id of ids) this.free(use, id);
    }
  }

  /** The sweep ran with this cut-off: what was stored before it is referenced or gone. */
  swept(storedBefore: number): void {
    for (const use of this.agencies.values()) {
      for (const [id, h] of use.held) if (h.at < storedBefore) this.free(use, id);
    }
    for (const [sha, byAgency] of this.contents) {
      for (const [token, ids] of byAgency) {
        const use = this.agencies.get(token);
        for (const id of ids) if (!use?.held.has(id)) ids.delete(id);
        if (ids.size === 0) byAgency.delete(token);
      }
      if (byAgency.size === 0) this.contents.delete(sha);
    }
  }

  /** Bytes an agency holds stored and unreferenced (after forgetting what is older than counted). */
  held(token: string): number {
    const use = this.agencies.get(token);
    if (!use) return 0;
    this.expire(use);
    return use.heldBytes;
  }

  private use(token: string): AgencyUse {
    let use = this.agencies.get(token);
    if (!use) {
      use = {
        tokens: this.config.burstBytes,
        refilledAt: this.now(),
        pending: 0,
        held: new Map(),
        heldBytes: 0,
      };
      this.agencies.set(token, use);
    } else {
      this.expire(use);
    }
    return use;
  }

  private refill(use: AgencyUse): void {
    const t = this.now();
    use.tokens = Math.min(
      this.config.burstBytes,
      use.tokens + ((t - use.refilledAt) * this.config.bytesPerSecond) / 1000,
    );
    use.refilledAt = t;
  }

  /** Forgets what was stored longer ago than the sweep keeps unreferenced content. */
  private expire(use: AgencyUse): void {
    const cutoff = this.now() - this.config.countedForMs;
    // Held entries are in the order they were stored.
    for (const [id, h] of use.held) {
      if (h.at >= cutoff) break;
      this.free(use, id);
    }
  }

  private free(use: AgencyUse, id: string): void {
    const h = use.held.get(id);
    if (!h) return;
    use.held.delete(id);
    use.heldBytes -= h.bytes;
  }
}
