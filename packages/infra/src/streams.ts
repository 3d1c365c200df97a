/** Creating a stream, or bringing an existing one to the configuration its owner asks for. */
import type { JetStreamManager, JsMsg, StreamConfig } from '@nats-io/jetstream';
import { classifyNatsError } from './errors';

export type StreamUpsert = 'created' | 'updated' | 'unchanged';

/** A stream's configuration as its owner states it: a name, subjects, and any limits. */
export type StreamSpec = Partial<StreamConfig> & { readonly name: string; readonly subjects: string[] };

/**
 * Creates the stream, or updates it when a setting of `spec` differs from what the server holds
 * (settings `spec` does not name are kept as they are; so is `max_consumers`, which nats-server
 * sets only when a stream is created). Two processes starting at once may both try
 * to create it: the loser finds it there and updates it instead.
 */
export async function upsertStream(jsm: JetStreamManager, spec: StreamSpec): Promise<StreamUpsert> {
  for (let attempt = 0; ; attempt++) {
    let current: StreamConfig;
    try {
      current = (await jsm.streams.info(spec.name)).config;
    } catch (e) {
      if (classifyNatsError(e).missing !== 'stream') throw e;
      try {
        await jsm.streams.add(spec);
        return 'created';
      } catch (addError) {
        // Created meanwhile by another process: read it and compare, once.
        if (attempt > 0 || !(await exists(jsm, spec.name))) throw addError;
        continue;
      }
    }
    // nats-server refuses to change max_consumers of an existing stream: it keeps the one it has.
    const merged = { ...current, ...spec, max_consumers: current.max_consumers };
    if (JSON.stringify(merged) === JSON.stringify(current)) return 'unchanged';
    await jsm.streams.update(spec.name, merged);
    return 'updated';
  }
}

async function exists(jsm: JetStreamManager, name: string): Promise<boolean> {
  try {
    await jsm.streams.info(name);
    return true;
  } catch (e) {
    if (classifyNatsError(e).missing === 'stream') return false;
    throw e;
  }
}

/** When the stream stored a message, Unix ms. */
export function storedAtMs(m: Pick<JsMsg, 'info'>): number {
  return Math.floor(m.info.timestampNanos / 1_000_000);
}
