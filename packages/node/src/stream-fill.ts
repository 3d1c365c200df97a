import type { JetStreamManager } from '@nats-io/jetstream';
import { Gauge } from 'prom-client';
import type { Registry } from 'prom-client';
import { DEFAULT_STREAM_LIMITS } from './stream-limits';

/** Above this share of its bound a stream is reported as filling (the alert threshold in docs). */
export const STREAM_FILL_WARNING = 0.8;

/**
 * `lienthong_stream_fill_ratio{stream}`: bytes stored over the stream's `max_bytes`, read from the
 * server when scraped, for every bounded stream this server holds. An alert on it (above
 * {@link STREAM_FILL_WARNING}) comes before a stream refuses writes; `lienthong_stream_bytes` gives
 * the bytes themselves.
 */
export function registerStreamFill(jsm: JetStreamManager, registry: Registry): void {
  const bytes = new Gauge({
    name: 'lienthong_stream_bytes',
    help: 'Bytes a stream holds',
    labelNames: ['stream'] as const,
    registers: [registry],
  });
  new Gauge({
    name: 'lienthong_stream_fill_ratio',
    help: `Bytes a stream holds over its max_bytes (alert above ${STREAM_FILL_WARNING})`,
    labelNames: ['stream'] as const,
    registers: [registry],
    async collect() {
      for (const name of Object.keys(DEFAULT_STREAM_LIMITS.maxBytes)) {
        const info = await jsm.streams.info(name).catch(() => undefined);
        if (!info) continue;
        bytes.set({ stream: name }, info.state.bytes);
        if (info.config.max_bytes > 0) this.set({ stream: name }, info.state.bytes / info.config.max_bytes);
      }
    },
  });
}
