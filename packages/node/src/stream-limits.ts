/**
 * Size bounds of every stream a node creates, and how many consumers each may have. A full
 * JetStream store stops every agency, so each stream has its own bound (a flood fills one stream,
 * not the disk), sized in docs/DEPLOY.md; the server's `max_file_store` bounds their sum
 * (`serverLimitsConfig`). The sum of the defaults, about 20 GiB, is reserved by the server when the
 * streams are created: a server must be allowed at least that much.
 */
const GiB = 1024 ** 3;
const MiB = 1024 ** 2;

export interface StreamLimits {
  /** Bytes each stream may hold, by stream name. */
  readonly maxBytes: Readonly<Record<string, number>>;
  /**
   * Consumers each stream may have, by stream name (agencies create some on these). Set when a
   * stream is created: nats-server does not change it on an existing stream.
   */
  readonly maxConsumers: Readonly<Record<string, number>>;
}

export const DEFAULT_STREAM_LIMITS: StreamLimits = {
  maxBytes: {
    LT_SUBMIT: 1 * GiB,
    LT_RELAY: 1 * GiB,
    LT_INBOX: 4 * GiB,
    LT_TRACK: 1 * GiB,
    // Dead letters keep their originals: bounded by size as well as age, the oldest go first.
    LT_DEAD: 512 * MiB,
    LT_CONTENT: 8 * GiB,
    LT_AUDIT: 2 * GiB,
    KV_lt_tracking: 1 * GiB,
    KV_lt_directory: 64 * MiB,
    KV_lt_status: 16 * MiB,
    KV_lt_content_refs: 256 * MiB,
    KV_lt_content_held: 64 * MiB,
  },
  maxConsumers: {
    // One durable per agency of the domain, and the nodes' own.
    LT_INBOX: 20_000,
    // Ordered consumers of trackers and watchers.
    LT_TRACK: 20_000,
    // The nodes' readers and the content guard: agencies create none.
    LT_CONTENT: 1_000,
  },
};

/** The `max_bytes` and `max_consumers` settings of one stream (none for a stream not listed). */
export function streamLimitsOf(
  name: string,
  limits: StreamLimits = DEFAULT_STREAM_LIMITS,
): { max_bytes?: number; max_consumers?: number } {
  const bytes = limits.maxBytes[name];
  const consumers = limits.maxConsumers[name];
  return {
    ...(bytes !== undefined ? { max_bytes: bytes } : {}),
    ...(consumers !== undefined ? { max_consumers: consumers } : {}),
  };
}

/** Limits of the server itself, written into its configuration (`serverLimitsConfig`). */
export interface ServerLimits {
  /** Client connections at once (agencies, node processes, operators). */
  readonly maxConnections: number;
  /** Subscriptions one connection may hold. */
  readonly maxSubscriptions: number;
  /** Bytes buffered for one slow connection before the server cuts it. */
  readonly maxPendingBytes: number;
  /** Largest message (NATS default 1 MiB; the content chunks fit under it). */
  readonly maxPayloadBytes?: number;
}

export const DEFAULT_SERVER_LIMITS: ServerLimits = {
  maxConnections: 10_000,
  maxSubscriptions: 1_000,
  maxPendingBytes: 64 * MiB,
  maxPayloadBytes: 1 * MiB,
};

/** JetStream store limits of the server: the sum every stream's bound must fit in. */
export interface StoreLimits {
  readonly maxFileStoreBytes: number;
  readonly maxMemoryStoreBytes: number;
}

export const DEFAULT_STORE_LIMITS: StoreLimits = {
  maxFileStoreBytes: 32 * GiB,
  maxMemoryStoreBytes: 1 * GiB,
};

/** Top-level nats-server settings for these limits. */
export function serverLimitsConfig(limits: Partial<ServerLimits> = {}): string {
  const l = { ...DEFAULT_SERVER_LIMITS, ...limits };
  for (const [k, v] of Object.entries(l)) {
    if (v !== undefined && !(Number.isSafeInteger(v) && v > 0)) {
      throw new RangeError(`server limit ${k} must be a positive integer, not ${String(v)}`);
    }
  }
  return [
    `max_connections: ${l.maxConnections}`,
    `max_subscriptions: ${l.maxSubscriptions}`,
    `max_pending: ${l.maxPendingBytes}`,
    ...(l.maxPayloadBytes ? [`max_payload: ${l.maxPayloadBytes}`] : []),
    '',
  ].join('\n');
}

/** The settings of the server's `jetstream { }` block that bound its store. */
export function storeLimitsConfig(limits: Partial<StoreLimits> = {}): string {
  const l = { ...DEFAULT_STORE_LIMITS, ...limits };
  return `max_file_store: ${l.maxFileStoreBytes}, max_memory_store: ${l.maxMemoryStoreBytes}`;
}
