import type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import { headers as natsHeaders } from '@nats-io/transport-node';
import type { KV } from '@nats-io/kv';
import {
  BUCKETS,
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
import type { TrackingEvent } from '@lienthong/core';
import type { TopologyView } from './live-directory';
import { EdxmlSignatureVerdict, TrackingRecord } from '@lienthong/proto';
import type { IEdxmlSignatureVerdict } from '@lienthong/proto';
import { classifyNatsError, listKvKeys, retry } from '@lienthong/infra';

export type NewRecord = Parameters<typeof newTrackingRecord>[0];

export interface ApplyResult {
  readonly outcome: 'changed' | 'unchanged' | 'unknown';
  readonly record?: TrackingRecord;
  readonly violation?: string;
}

const MAX_CAS_ATTEMPTS = 50;

interface Versioned {
  readonly record: TrackingRecord;
  readonly revision: number;
}

/**
 * Tracking records of the documents sent by a node's agencies, one KV key per (sender, document,
 * recipient). Every change is also published on the sender's track subject, with a message id made
 * of the key and the KV revision, so that a retried publish never shows a change twice.
 */
export class TrackingStore {
  /**
   * Recently written records and their KV revisions. A node is the only writer of its senders'
   * records, so the cache saves a read per status; if another writer got there first, the
   * compare-and-set fails and the record is read again.
   */
  private readonly cache = new Map<string, Versioned>();
  constructor(
    private readonly kv: KV,
    private readonly js: JetStreamClient,
    private readonly jsm: JetStreamManager,
    private readonly topology: TopologyView,
    private readonly cacheSize = 50_000,
  ) {}

  static key(sender: string, documentId: string, recipient: string): string {
    return trackingKey(sender, documentId, recipient);
  }

  /** Creates the record unless it exists (a resend keeps the first record). */
  /**
   * `changeRequested`: the package revokes, updates or replaces an earlier document, so the
   * recipient answers it with 15 or 16, as it would a recall.
   */
  async create(
    init: NewRecord,
    opts: { changeRequested?: boolean; edxmlSignature?: IEdxmlSignatureVerdict } = {},
  ): Promise<{ record: TrackingRecord; created: boolean }> {
    const key = TrackingStore.key(init.sender, init.documentId, init.recipient);
    const record = newTrackingRecord(init);
    if (opts.changeRequested) record.recallRequested = true;
    if (opts.edxmlSignature) record.edxmlSignature = EdxmlSignatureVerdict.create(opts.edxmlSignature);
    try {
      const revision = await this.kv.create(key, encodeTrackingRecord(record));
      this.remember(key, record, revision);
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
    const keys = await this.keysMatching(trackingDocumentFilter(sender, documentId));
    const out: TrackingRecord[] = [];
    for (const k of keys) {
      const r = await this.read(k);
      if (r) out.push(r.record);
    }
    return out;
  }

  /** Keys of every record of one sender. */
  async keysOf(sender: string): Promise<string[]> {
    return this.keysMatching(trackingSenderFilter(sender));
  }

  /**
   * Keys of every record of these senders, from one listing of the bucket (a process hosting the
   * whole country has 30,000 senders: one request each made start-up take 13 s).
   */
  async keysOfSenders(senders: readonly string[]): Promise<string[]> {
    const tokens = new Set(senders.map((s) => trackingSenderFilter(s).slice(0, -2)));
    return (await this.keysMatching('>')).filter((k) => tokens.has(k.slice(0, k.indexOf('.'))));
  }

  /** Keys matching a filter, sorted, each once, from one listing of the bucket stream's subjects. */
  private keysMatching(filter: string): Promise<string[]> {
    return listKvKeys(this.js, this.jsm, { bucket: BUCKETS.tracking, filter, timeoutMs: 30_000 });
  }

  /**
   * Applies an event to one record; the records of the closed codes it answers for (redirected to
   * this recipient) then mirror it: the successor's statuses answer for them.
   */
  async apply(
    sender: string,
    documentId: string,
    recipient: string,
    event: TrackingEvent,
  ): Promise<ApplyResult> {
    const key = TrackingStore.key(sender, documentId, recipient);
    return this.mirrored(await this.mutate(key, (r) => applyTrackingEvent(r, event)));
  }

  async markOverdue(key: string, nowMs: number): Promise<ApplyResult> {
    return this.mirrored(await this.mutate(key, (r) => markOverdue(r, nowMs)));
  }

  /**
   * Links a closed code's record to its successor's (redirect): the successor's record lists the
   * code in `answersFor`, the code's names the successor in `redirectedTo`. Idempotent.
   */
  async linkRedirect(
    sender: string,
    documentId: string,
    closedCode: string,
    successor: string,
  ): Promise<void> {
    await this.mutate(TrackingStore.key(sender, documentId, closedCode), (r) => {
      if (r.redirectedTo === successor) return { record: r, changed: false };
      return { record: TrackingRecord.create({ ...r, redirectedTo: successor }), changed: true };
    });
    await this.mutate(TrackingStore.key(sender, documentId, successor), (r) => {
      if (r.answersFor.includes(closedCode)) return { record: r, changed: false };
      return {
        record: TrackingRecord.create({ ...r, answersFor: [...r.answersFor, closedCode] }),
        changed: true,
      };
    });
  }

  /**
   * Copies the successor's record onto the records it answers for. A copy of the state, not a replay
   * of the event: concurrent statuses cannot be mirrored out of order, an older version of the
   * successor's record never overwrites a newer copy, and a repeat (after a crash) completes it.
   */
  private async mirrored(result: ApplyResult): Promise<ApplyResult> {
    const r = result.record;
    if (!r || r.answersFor.length === 0) return result;
    await Promise.all(
      r.answersFor.map((code) =>
        this.mutate(TrackingStore.key(r.sender, r.documentId, code), (old) => mirrorOnto(old, r)),
      ),
    );
    return result;
  }

  async readKey(key: string): Promise<TrackingRecord | undefined> {
    return (await this.read(key))?.record;
  }

  /** Compare-and-set: concurrent statuses for one record never overwrite each other. */
  private mutate(
    key: string,
    change: (r: TrackingRecord) => { record: TrackingRecord; changed: boolean; violation?: string },
  ): Promise<ApplyResult> {
    return retry(
      async ({ attempt }) => {
        // The first attempt trusts the cache; a stale entry fails the compare-and-set and is re-read.
        const fromCache = attempt === 1 ? this.cached(key) : undefined;
        let current = fromCache ?? (await this.read(key));
        if (!current) return { outcome: 'unknown' };
        let next = change(current.record);
        // "Nothing to change" is only trusted on a fresh read: a stale cache could hide a change.
        if (!next.changed && fromCache) {
          current = await this.read(key);
          if (!current) return { outcome: 'unknown' };
          next = change(current.record);
        }
        if (!next.changed) {
          await this.publish(key, current.revision, current.record);
          return { outcome: 'unchanged', record: current.record, violation: next.violation };
        }
        try {
          const revision = await this.kv.update(key, encodeTrackingRecord(next.record), current.revision);
          this.remember(key, next.record, revision);
          await this.publish(key, revision, next.record);
          return { outcome: 'changed', record: next.record, violation: next.violation };
        } catch (e) {
          this.cache.delete(key);
          throw e;
        }
      },
      { attempts: MAX_CAS_ATTEMPTS, backoff: { initialMs: 0, maxMs: 0 }, retryIf: isWrongLastSequence },
    );
  }

  private async read(key: string): Promise<Versioned | undefined> {
    const entry = await this.kv.get(key);
    if (!entry || entry.operation !== 'PUT' || entry.value.length === 0) return undefined;
    return this.remember(key, decodeTrackingRecord(entry.value), entry.revision);
  }

  private cached(key: string): Versioned | undefined {
    const hit = this.cache.get(key);
    if (hit) {
      // Refresh its place: the map's insertion order is the eviction order.
      this.cache.delete(key);
      this.cache.set(key, hit);
    }
    return hit;
  }

  private remember(key: string, record: TrackingRecord, revision: number): Versioned {
    const v = { record, revision };
    this.cache.delete(key);
    this.cache.set(key, v);
    if (this.cache.size > this.cacheSize) this.cache.delete(this.cache.keys().next().value!);
    return v;
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
  return classifyNatsError(e).kind === 'wrong-last-sequence';
}

/** Entries of a redirected code's own record before the mirrored ones: accepted, then the redirect. */
const OWN_ENTRIES = 2;

/** The closed code's record `old` showing the successor's record `s` after its own first entries. */
function mirrorOnto(old: TrackingRecord, s: TrackingRecord): { record: TrackingRecord; changed: boolean } {
  const mirrored = s.timeline.slice(1);
  if (mirrored.length < old.timeline.length - OWN_ENTRIES) return { record: old, changed: false };
  const next = TrackingRecord.create({
    ...old,
    transport: s.transport,
    business: s.business,
    recall: s.recall,
    recallRequested: s.recallRequested,
    overdue: s.overdue,
    failure: s.failure,
    failureDetail: s.failureDetail,
    hops: s.hops,
    ruleViolations: s.ruleViolations,
    updatedAtMs: Math.max(Number(old.updatedAtMs), Number(s.updatedAtMs)),
    timeline: [...old.timeline.slice(0, OWN_ENTRIES), ...mirrored],
  });
  const same = Buffer.from(encodeTrackingRecord(next)).equals(Buffer.from(encodeTrackingRecord(old)));
  return { record: same ? old : next, changed: !same };
}
