import type { JetStreamClient } from '@nats-io/jetstream';
import { headers as natsHeaders } from '@nats-io/transport-node';
import type { KV } from '@nats-io/kv';
import {
  applyTrackingEvent,
  decodeTrackingRecord,
  encodeTrackingRecord,
  markOverdue,
  newTrackingRecord,
  trackSubject,
  trackingDocumentFilter,
  trackingKey,
  trackingSenderFilter,
} from '@lienthong/core';
import type { Topology, TrackingEvent } from '@lienthong/core';
import type { TrackingRecord } from '@lienthong/proto';
import { JetStreamApiCodes } from '@nats-io/jetstream';
import { jsApiCode } from './streams';

export type NewRecord = Parameters<typeof newTrackingRecord>[0];

export interface ApplyResult {
  readonly outcome: 'changed' | 'unchanged' | 'unknown';
  readonly record?: TrackingRecord;
  readonly violation?: string;
}

const MAX_CAS_ATTEMPTS = 50;

/**
 * Tracking records of the documents sent by a node's agencies, one KV key per (sender, document,
 * recipient). Every change is also published on the sender's track subject, with a message id made
 * of the key and the KV revision, so that a retried publish never shows a change twice.
 */
export class TrackingStore {
  constructor(
    private readonly kv: KV,
    private readonly js: JetStreamClient,
    private readonly topology: Topology,
  ) {}

  static key(sender: string, documentId: string, recipient: string): string {
    return trackingKey(sender, documentId, recipient);
  }

  /** Creates the record unless it exists (a resend keeps the first record). */
  async create(init: NewRecord): Promise<{ record: TrackingRecord; created: boolean }> {
    const key = TrackingStore.key(init.sender, init.documentId, init.recipient);
    const record = newTrackingRecord(init);
    try {
      const revision = await this.kv.create(key, encodeTrackingRecord(record));
      await this.publish(key, revision, record);
      return { record, created: true };
    } catch (e) {
      if (!isWrongLastSequence(e)) throw e;
      const existing = await this.read(key);
      if (!existing) throw e;
      // Re-publish at the existing revision: a no-op unless an earlier attempt died before it.
      await this.publish(key, existing.revision, existing.record);
      return { record: existing.record, created: false };
    }
  }

  async get(sender: string, documentId: string, recipient: string): Promise<TrackingRecord | undefined> {
    return (await this.read(TrackingStore.key(sender, documentId, recipient)))?.record;
  }

  /** All recipients' records of one document. */
  async list(sender: string, documentId: string): Promise<TrackingRecord[]> {
    const keys: string[] = [];
    for await (const k of await this.kv.keys(trackingDocumentFilter(sender, documentId))) keys.push(k);
    const out: TrackingRecord[] = [];
    for (const k of keys.sort()) {
      const r = await this.read(k);
      if (r) out.push(r.record);
    }
    return out;
  }

  /** Keys of every record of one sender (for the overdue sweep after a restart). */
  async keysOf(sender: string): Promise<string[]> {
    const keys: string[] = [];
    for await (const k of await this.kv.keys(trackingSenderFilter(sender))) keys.push(k);
    return keys;
  }

  async apply(
    sender: string,
    documentId: string,
    recipient: string,
    event: TrackingEvent,
  ): Promise<ApplyResult> {
    return this.mutate(TrackingStore.key(sender, documentId, recipient), (r) => applyTrackingEvent(r, event));
  }

  async markOverdue(key: string, nowMs: number): Promise<ApplyResult> {
    return this.mutate(key, (r) => markOverdue(r, nowMs));
  }

  async readKey(key: string): Promise<TrackingRecord | undefined> {
    return (await this.read(key))?.record;
  }

  /** Compare-and-set loop: concurrent statuses for one record never overwrite each other. */
  private async mutate(
    key: string,
    change: (r: TrackingRecord) => { record: TrackingRecord; changed: boolean; violation?: string },
  ): Promise<ApplyResult> {
    for (let attempt = 0; attempt < MAX_CAS_ATTEMPTS; attempt++) {
      const current = await this.read(key);
      if (!current) return { outcome: 'unknown' };
      const next = change(current.record);
      if (!next.changed) {
        await this.publish(key, current.revision, current.record);
        return { outcome: 'unchanged', record: current.record, violation: next.violation };
      }
      try {
        const revision = await this.kv.update(key, encodeTrackingRecord(next.record), current.revision);
        await this.publish(key, revision, next.record);
        return { outcome: 'changed', record: next.record, violation: next.violation };
      } catch (e) {
        if (!isWrongLastSequence(e)) throw e;
      }
    }
    throw new Error(`tracking record ${key}: too many concurrent updates`);
  }

  private async read(key: string): Promise<{ record: TrackingRecord; revision: number } | undefined> {
    const entry = await this.kv.get(key);
    if (!entry || entry.operation !== 'PUT' || entry.value.length === 0) return undefined;
    return { record: decodeTrackingRecord(entry.value), revision: entry.revision };
  }

  private async publish(key: string, revision: number, record: TrackingRecord): Promise<void> {
    const home = this.topology.homeNodeOf(record.sender);
    const h = natsHeaders();
    h.set('Lt-Kind', 'tracking');
    await this.js.publish(trackSubject(home.level, home.id, record.sender), encodeTrackingRecord(record), {
      msgID: `${key}@${revision}`,
      headers: h,
    });
  }
}

function isWrongLastSequence(e: unknown): boolean {
  const code = jsApiCode(e);
  if (code === JetStreamApiCodes.StreamWrongLastSequence) return true;
  return /wrong last sequence|key exists/i.test(String((e as Error)?.message ?? ''));
}
