/**
 * The dashboard's view of KV `lt_tracking`: one compact row per (document, recipient), loaded once
 * with an ordered consumer (last value per key) that then keeps following the bucket, so every page
 * is answered from memory and every change reaches the open pages at once.
 */
import { DeliverPolicy } from '@nats-io/jetstream';
import type { ConsumerMessages, JsMsg } from '@nats-io/jetstream';
import { BUCKETS, decodeTrackingRecord } from '@lienthong/core';
import { BusinessStatus, FailureReason, TransportState } from '@lienthong/proto';
import type { TrackingRecord } from '@lienthong/proto';
import type { Session, TimelinePoint } from '@lienthong/readers';

const STREAM = `KV_${BUCKETS.tracking}`;
const PREFIX = `$KV.${BUCKETS.tracking}.`;

/** What the list pages, the overdue page and the statistics need of one tracking record. */
export interface Row {
  readonly key: string;
  readonly documentId: string;
  readonly sender: string;
  readonly recipient: string;
  readonly subject: string;
  readonly priority: number;
  readonly transport: TransportState;
  readonly business: BusinessStatus;
  readonly recall: BusinessStatus;
  readonly recallRequested: boolean;
  readonly overdue: boolean;
  readonly confirmByMs: number;
  readonly sentAtMs: number;
  readonly updatedAtMs: number;
  /** FAILED: the reason's name and detail. */
  readonly failure: string;
  readonly failureDetail: string;
  /** 02: the reason the recipient gave. */
  readonly reason: string;
  /** Only the entries the statistics read: DELIVERED, 01 and 06. */
  readonly timeline: readonly TimelinePoint[];
}

const KEPT_BUSINESS = new Set<number>([
  BusinessStatus.BUSINESS_STATUS_ARRIVED,
  BusinessStatus.BUSINESS_STATUS_COMPLETED,
]);

export function rowOf(key: string, r: TrackingRecord): Row {
  const rejected = r.timeline.find(
    (e) => e.business === BusinessStatus.BUSINESS_STATUS_REJECTED && !e.ignored,
  );
  return {
    key,
    documentId: r.documentId,
    sender: r.sender,
    recipient: r.recipient,
    subject: r.subject,
    priority: r.priority,
    transport: r.transport,
    business: r.business,
    recall: r.recall,
    recallRequested: r.recallRequested,
    overdue: r.overdue,
    confirmByMs: Number(r.confirmByMs) || 0,
    sentAtMs: Number(r.sentAtMs) || 0,
    updatedAtMs: Number(r.updatedAtMs) || 0,
    failure: r.failure ? (FailureReason[r.failure] ?? String(r.failure)) : '',
    failureDetail: r.failureDetail,
    reason: rejected?.description ?? '',
    timeline: r.timeline
      .filter(
        (e) => e.transport === TransportState.TRANSPORT_STATE_DELIVERED || KEPT_BUSINESS.has(e.business ?? 0),
      )
      .map((e) => ({ atMs: Number(e.atMs) || 0, transport: e.transport ?? 0, business: e.business ?? 0 })),
  };
}

/** A change of one record: the full record (for the document page) and its compact row. */
export interface Change {
  readonly row: Row;
  readonly record: TrackingRecord;
}

export type Listener = (change: Change) => void;

/**
 * The rows of one sent document (one per recipient), as an array changed in place: most documents
 * have a few recipients, and a Map each would cost some 200 bytes per document more (100,000
 * documents on a national dashboard). A document with many recipients (a broadcast: 3,366) also
 * keeps where each recipient's row is.
 */
type DocumentRows = Row[];

/** Past this many rows a document keeps the position of each (`positions`). */
const INDEXED_FROM = 64;
const positions = new WeakMap<DocumentRows, Map<string, number>>();

function positionOf(rows: DocumentRows, key: string): number {
  const at = positions.get(rows);
  if (at) return at.get(key) ?? -1;
  for (let i = 0; i < rows.length; i++) if (rows[i]!.key === key) return i;
  return -1;
}

function putRow(rows: DocumentRows, row: Row): void {
  const i = positionOf(rows, row.key);
  if (i >= 0) {
    rows[i] = row;
    return;
  }
  rows.push(row);
  const at = positions.get(rows);
  if (at) at.set(row.key, rows.length - 1);
  else if (rows.length > INDEXED_FROM) positions.set(rows, new Map(rows.map((r, j) => [r.key, j])));
}

/** Takes the row out, the last row moving into its place (the lists order recipients themselves). */
function removeRow(rows: DocumentRows, key: string): void {
  const i = positionOf(rows, key);
  if (i < 0) return;
  const last = rows.pop()!;
  const at = positions.get(rows);
  at?.delete(key);
  if (i < rows.length) {
    rows[i] = last;
    at?.set(last.key, i);
  }
}

export class TrackingIndex {
  private readonly rows = new Map<string, Row>();
  /**
   * The same rows by sent document, in the order documents were first seen: the sent list reads
   * them so, and in that order its reads follow memory (visiting 100,000 documents scattered, as a
   * map per sender did, took twice as long). Keyed by the document id, the row's own string; a
   * second sender's document of the same id, under `<sender>\0<document id>`.
   */
  private readonly byDocument = new Map<string, DocumentRows>();
  /** Documents kept under `<sender>\0<document id>`. */
  private shared = 0;
  private readonly listeners = new Set<Listener>();
  private messages: ConsumerMessages | undefined;
  private changes = 0;
  private pump: Promise<void> | undefined;
  private loaded!: () => void;
  /** Resolves once the records stored at start are all in memory. */
  readonly ready: Promise<void> = new Promise((resolve) => (this.loaded = resolve));

  constructor(private readonly session: Session) {}

  get size(): number {
    return this.rows.size;
  }

  /** Grows with every change taken in: answers computed at the same version are still true. */
  get version(): number {
    return this.changes;
  }

  values(): IterableIterator<Row> {
    return this.rows.values();
  }

  /** Calls `visit` with every sent document's rows, one array per document (`sentDocuments` takes it so). */
  eachDocument(visit: (rows: readonly Row[]) => void): void {
    for (const rows of this.byDocument.values()) visit(rows);
  }

  /** Where `row`'s document is kept: its id, or its sender and id when another sender has the id. */
  private documentKey(row: Row): string {
    const rows = this.byDocument.get(row.documentId);
    if (rows !== undefined && rows[0]!.sender === row.sender) return row.documentId;
    if (rows === undefined && this.shared === 0) return row.documentId;
    const own = `${row.sender}\u0000${row.documentId}`;
    // Kept under both names once the id's first sender is gone: the second stays where it is.
    return rows !== undefined || this.byDocument.has(own) ? own : row.documentId;
  }

  private put(row: Row): void {
    this.rows.set(row.key, row);
    const key = this.documentKey(row);
    const rows = this.byDocument.get(key);
    if (rows) putRow(rows, row);
    else {
      this.byDocument.set(key, [row]);
      if (key !== row.documentId) this.shared++;
    }
  }

  private remove(key: string): void {
    const old = this.rows.get(key);
    if (!old) return;
    this.rows.delete(key);
    const at = this.documentKey(old);
    const rows = this.byDocument.get(at);
    if (!rows) return;
    removeRow(rows, key);
    if (rows.length > 0) return;
    this.byDocument.delete(at);
    if (at !== old.documentId) this.shared--;
  }

  /** Follows the bucket from the last value of every key on; resolves when following has begun. */
  async start(): Promise<void> {
    const { js, jsm } = this.session;
    const info = await jsm.streams.info(STREAM);
    if (info.state.messages === 0) this.loaded();
    const consumer = await js.consumers.get(STREAM, {
      filter_subjects: `${PREFIX}>`,
      deliver_policy: DeliverPolicy.LastPerSubject,
    });
    const messages = await consumer.consume({ max_messages: 1_000 });
    this.messages = messages;
    this.pump = (async () => {
      for await (const m of messages) {
        this.take(m);
        if (m.info.pending === 0) this.loaded();
      }
    })();
  }

  async stop(): Promise<void> {
    this.loaded();
    await this.messages?.close();
    await this.pump?.catch(() => undefined);
  }

  /** Called for every change; returns the function that stops the calls. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private take(m: JsMsg): void {
    const key = m.subject.slice(PREFIX.length);
    this.changes++;
    const op = m.headers?.get('KV-Operation');
    if (op === 'DEL' || op === 'PURGE' || m.data.length === 0) {
      this.remove(key);
      return;
    }
    let record: TrackingRecord;
    try {
      record = decodeTrackingRecord(m.data);
    } catch {
      return; // not a tracking record: nothing to show
    }
    // A refusal notice of a submission (no recipient) is not a copy of a document.
    if (record.recipient === '') return;
    const row = rowOf(key, record);
    this.put(row);
    for (const l of this.listeners) {
      try {
        l({ row, record });
      } catch {
        // a listener's failure is its own
      }
    }
  }
}
