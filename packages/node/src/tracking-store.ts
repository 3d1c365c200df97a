import type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import { headers as natsHeaders } from '@nats-io/transport-node';
import type { KV } from '@nats-io/kv';
import {
  TRACK_ADDED_HEADER,
  addedEntryIndices,
  BUCKETS,
  applyTrackingEvent,
  decodeTrackingRecord,
  encodeTrackingRecord,
  isRefusedRecord,
  markOverdue,
  newTrackingRecord,
  refusedAgain,
  refusedTrackingRecord,
  reopenedRecord,
  trackSubject,
  trackingDocumentFilter,
  trackingSenderFilter,
} from '@lienthong/core';
import type { RefusedRecordInit, TrackingEvent } from '@lienthong/core';
import type { TopologyView } from './live-directory';
import { EdxmlSignatureVerdict, TrackingRecord, TransportState } from '@lienthong/proto';
import type { IEdxmlSignatureVerdict } from '@lienthong/proto';
import { classifyNatsError, listKvKeys, retry } from '@lienthong/infra';
import { KeyedBatches } from './tracking-batch';
import { scanTrackingRecords } from './tracking-scan';
import { trackingKeyOf } from './tracking-keys';

export type NewRecord = Parameters<typeof newTrackingRecord>[0];

export interface ApplyResult {
  readonly outcome: 'changed' | 'unchanged' | 'unknown';
  readonly record?: TrackingRecord;
  readonly violation?: string;
}

const MAX_CAS_ATTEMPTS = 50;

/**
 * A DELIVERED's wait for its 01 (tracking-batch.ts). Long enough for a recipient that reads its
 * inbox as items arrive; short beside the time a sender takes to look at its tracking.
 */
export const DELIVERED_LINGER_MS = 50;

type Change = (r: TrackingRecord) => { record: TrackingRecord; changed: boolean; violation?: string };

/** The changes applied one after the other; each result says what its own change did. */
function applyAll(
  record: TrackingRecord,
  changes: readonly Change[],
): { record: TrackingRecord; changed: boolean; results: ApplyResult[] } {
  let current = record;
  let changed = false;
  const results = changes.map((change): ApplyResult => {
    const next = change(current);
    if (next.changed) {
      current = next.record;
      changed = true;
    }
    return {
      outcome: next.changed ? 'changed' : 'unchanged',
      record: current,
      ...(next.violation !== undefined ? { violation: next.violation } : {}),
    };
  });
  return { record: current, changed, results };
}

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
  /** Told of each record version this store writes or reads. */
  private readonly watchers: ((key: string, record: TrackingRecord) => void)[] = [];
  constructor(
    private readonly kv: KV,
    private readonly js: JetStreamClient,
    private readonly jsm: JetStreamManager,
    private readonly topology: TopologyView,
    private readonly cacheSize = 50_000,
    /** How long a DELIVERED waits for the 01 that usually follows it, to be written with it. */
    private readonly deliveredLingerMs = DELIVERED_LINGER_MS,
  ) {}

  private readonly batches = new KeyedBatches<Change, ApplyResult>((key, changes) =>
    this.writeBatch(key, changes),
  );

  static key(sender: string, documentId: string, recipient: string): string {
    return trackingKeyOf(sender, documentId, recipient);
  }

  /** Writes made for changes to records, and the changes they carried. */
  get batchStats(): { readonly writes: number; readonly changes: number } {
    return this.batches.stats;
  }

  /**
   * Creates the record unless it exists (a resend keeps the first record); the record of an earlier
   * refused submission of the document is reopened (`created` then true, as for a new one).
   * `changeRequested`: the package revokes, updates or replaces an earlier document, so the
   * recipient answers it with 15 or 16, as it would a recall.
   */
  async create(
    init: NewRecord,
    opts: {
      changeRequested?: boolean;
      edxmlSignature?: IEdxmlSignatureVerdict;
      /**
       * Where to leave the track publish of a new record instead of waiting for it here: the caller
       * awaits it before acknowledging its inbound message, and may meanwhile hand the document on
       * (the record itself is stored when this resolves). A redelivered message publishes it again.
       */
      trackPublishes?: Promise<unknown>[];
    } = {},
  ): Promise<{ record: TrackingRecord; created: boolean }> {
    const key = TrackingStore.key(init.sender, init.documentId, init.recipient);
    const record = newTrackingRecord(init);
    if (opts.changeRequested) record.recallRequested = true;
    if (opts.edxmlSignature) record.edxmlSignature = EdxmlSignatureVerdict.create(opts.edxmlSignature);
    try {
      const bytes = encodeTrackingRecord(record);
      const revision = await this.kv.create(key, bytes);
      this.remember(key, record, revision);
      const published = this.publish(
        key,
        revision,
        record,
        bytes,
        record.timeline.map((_, i) => i),
      );
      if (opts.trackPublishes) {
        // Handled here too, so that a failure is not unhandled while the caller is still routing.
        published.catch(() => undefined);
        opts.trackPublishes.push(published);
      } else await published;
      return { record, created: true };
    } catch (e) {
      if (!isWrongLastSequence(e)) throw e;
      const existing = await this.read(key);
      if (!existing) throw e;
      if (isRefusedRecord(existing.record)) {
        const reopened = await this.mutate(key, (r) => reopenedRecord(r, record));
        if (reopened.outcome === 'changed' && reopened.record)
          return { record: reopened.record, created: true };
      }
      // Re-publish at the existing revision: a no-op unless an earlier attempt died before it.
      await this.publish(key, existing.revision, existing.record);
      return { record: existing.record, created: false };
    }
  }

  /**
   * Writes the refusal of a submitted document into its record for `init.recipient`: a new FAILED
   * record, or the refusal appended to the record of an earlier refusal. A record of an accepted
   * submission of the document is left as it is.
   */
  async refuse(init: RefusedRecordInit): Promise<{ record: TrackingRecord; changed: boolean }> {
    const key = TrackingStore.key(init.sender, init.documentId, init.recipient);
    const record = refusedTrackingRecord(init);
    try {
      const bytes = encodeTrackingRecord(record);
      const revision = await this.kv.create(key, bytes);
      this.remember(key, record, revision);
      await this.publish(key, revision, record, bytes, [0]);
      return { record, changed: true };
    } catch (e) {
      if (!isWrongLastSequence(e)) throw e;
      const result = await this.mutate(key, (r) => refusedAgain(r, init));
      if (!result.record) throw e;
      return { record: result.record, changed: result.outcome === 'changed' };
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

  /**
   * The current records of many keys, read in one pass over the bucket (tracking-scan.ts); returns
   * the keys the pass came across.
   */
  scanKeys(
    wanted: ReadonlySet<string>,
    visit: (key: string, record: TrackingRecord) => void,
  ): Promise<Set<string>> {
    return scanTrackingRecords(this.js, this.jsm, wanted, visit);
  }

  /** Whether the bucket's sequence has at most as many gaps (replaced revisions) as records. */
  async fewGaps(): Promise<boolean> {
    const { state } = await this.jsm.streams.info(`KV_${BUCKETS.tracking}`);
    return (state.num_deleted ?? 0) <= state.messages;
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
    // A DELIVERED is usually followed within milliseconds by the recipient's 01: it waits a little
    // for it, so that both cost one write (tracking-batch.ts).
    const linger =
      event.type === 'transport' && event.state === TransportState.TRANSPORT_STATE_DELIVERED
        ? this.deliveredLingerMs
        : 0;
    return this.mirrored(await this.mutate(key, (r) => applyTrackingEvent(r, event), linger));
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
    const linked = await this.mutate(TrackingStore.key(sender, documentId, successor), (r) => {
      if (r.answersFor.includes(closedCode)) return { record: r, changed: false };
      return {
        record: TrackingRecord.create({ ...r, answersFor: [...r.answersFor, closedCode] }),
        changed: true,
      };
    });
    // Linked after the successor's record moved on (a redirect on the way, a drained inbox): the
    // closed code's record catches up now, not at the successor's next change, which may never come.
    if ((linked.record?.timeline.length ?? 0) > 1) await this.mirrored(linked);
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

  /**
   * Compare-and-set: concurrent statuses for one record never overwrite each other. Changes to one
   * record that arrive together are applied in arrival order and written at once
   * (tracking-batch.ts): one KV write and one track publish for the burst.
   */
  private mutate(key: string, change: Change, lingerMs = 0): Promise<ApplyResult> {
    return this.batches.submit(key, change, lingerMs);
  }

  private writeBatch(key: string, changes: readonly Change[]): Promise<ApplyResult[]> {
    return retry(
      async ({ attempt }) => {
        // The first attempt trusts the cache; a stale entry fails the compare-and-set and is re-read.
        const fromCache = attempt === 1 ? this.cached(key) : undefined;
        let current = fromCache ?? (await this.read(key));
        if (!current) return changes.map((): ApplyResult => ({ outcome: 'unknown' }));
        let steps = applyAll(current.record, changes);
        // "Nothing to change" is only trusted on a fresh read: a stale cache could hide a change.
        if (!steps.changed && fromCache) {
          current = await this.read(key);
          if (!current) return changes.map((): ApplyResult => ({ outcome: 'unknown' }));
          steps = applyAll(current.record, changes);
        }
        if (!steps.changed) {
          await this.publish(key, current.revision, current.record);
          return steps.results;
        }
        try {
          const bytes = encodeTrackingRecord(steps.record);
          const revision = await this.kv.update(key, bytes, current.revision);
          this.remember(key, steps.record, revision);
          const added = addedEntryIndices(current.record.timeline, steps.record.timeline);
          await this.publish(key, revision, steps.record, bytes, added);
          return steps.results;
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

  /** Calls `watch` with each record version this store writes or reads from now on. */
  onRecord(watch: (key: string, record: TrackingRecord) => void): void {
    this.watchers.push(watch);
  }

  private remember(key: string, record: TrackingRecord, revision: number): Versioned {
    for (const w of this.watchers) w(key, record);
    const v = { record, revision };
    this.cache.delete(key);
    this.cache.set(key, v);
    if (this.cache.size > this.cacheSize) this.cache.delete(this.cache.keys().next().value!);
    return v;
  }

  /**
   * Publishes the record on its sender's track subject; `bytes` when the caller encoded it already,
   * `added` the timeline positions this version added when known (a republish of an unchanged
   * record does not know what its first publish carried, and says nothing).
   */
  private async publish(
    key: string,
    revision: number,
    record: TrackingRecord,
    bytes?: Uint8Array,
    added?: readonly number[],
  ): Promise<void> {
    const home = this.topology.homeNodeOf(record.sender);
    const h = natsHeaders();
    h.set('Lt-Kind', 'tracking');
    if (added) h.set(TRACK_ADDED_HEADER, added.join(','));
    await this.js.publish(
      trackSubject(home.level, home.id, record.sender),
      bytes ?? encodeTrackingRecord(record),
      {
        msgID: `${key}@${revision}`,
        headers: h,
      },
    );
  }
}

function isWrongLastSequence(e: unknown): boolean {
  return classifyNatsError(e).kind === 'wrong-last-sequence';
}

/**
 * Entries of a redirected code's own record before the mirrored ones: up to its first RELAYED entry
 * (only redirects write RELAYED), which is the second for a redirect at intake (accepted, then the
 * redirect) and comes later for a code closed while its document was on its way.
 */
function ownEntries(old: TrackingRecord): number {
  const at = old.timeline.findIndex((e) => e.transport === TransportState.TRANSPORT_STATE_RELAYED);
  return at < 0 ? 2 : at + 1;
}

function mirrorOnto(old: TrackingRecord, s: TrackingRecord): { record: TrackingRecord; changed: boolean } {
  const own = ownEntries(old);
  const mirrored = s.timeline.slice(1);
  if (mirrored.length < old.timeline.length - own) return { record: old, changed: false };
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
    timeline: [...old.timeline.slice(0, own), ...mirrored],
  });
  const same = Buffer.from(encodeTrackingRecord(next)).equals(Buffer.from(encodeTrackingRecord(old)));
  return { record: same ? old : next, changed: !same };
}
