/**
 * What each page shows, computed from the rows in memory: pure functions of the rows, the directory,
 * the viewer and the time, so that they are tested without a broker and stay fast on 100,000 rows.
 */
import { markOverdue } from '@lienthong/core';
import { BusinessStatus, Level, TransportState } from '@lienthong/proto';
import { computeStats, isActive } from '@lienthong/readers';
import type { Directory, StatsRow } from '@lienthong/readers';
import { firstOf } from './ranking';
import { matches, rowMatches } from './search';
import type { Row } from './store';

/** Who is looking: an operator sees everything, an agency only what it sent or received. */
export type Viewer = { readonly kind: 'operator' } | { readonly kind: 'agency'; readonly code: string };

export function sees(viewer: Viewer, row: Pick<Row, 'sender' | 'recipient'>): boolean {
  return viewer.kind === 'operator' || row.sender === viewer.code || row.recipient === viewer.code;
}

export interface RecipientView {
  readonly code: string;
  readonly name: string;
  readonly transport: string;
  readonly business: number;
  readonly recall: number;
  readonly recallRequested: boolean;
  readonly overdue: boolean;
  readonly confirmByMs: number;
  readonly failure: string;
  readonly failureDetail: string;
  readonly reason: string;
  readonly updatedAtMs: number;
}

export interface DocumentSummary {
  readonly documentId: string;
  readonly sender: string;
  readonly senderName: string;
  readonly subject: string;
  readonly priority: number;
  readonly sentAtMs: number;
  readonly recipients: RecipientView[];
}

export interface DocumentQuery {
  /** Part of the document id, its number or its notation (số, ký hiệu). */
  readonly q?: string | undefined;
  readonly subject?: string | undefined;
  /** Part of a recipient's code or name. */
  readonly recipient?: string | undefined;
  /** Only documents of this sender (operators); an agency always sees its own. */
  readonly sender?: string | undefined;
  readonly fromMs?: number | undefined;
  readonly toMs?: number | undefined;
  readonly limit?: number | undefined;
}

export function transportName(t: number): string {
  return (TransportState[t] ?? String(t)).replace('TRANSPORT_STATE_', '');
}

export function recipientView(row: Row, dir: Directory | undefined, now: number): RecipientView {
  return {
    code: row.recipient,
    name: dir?.name(row.recipient) ?? '',
    transport: transportName(row.transport),
    business: row.business,
    recall: row.recall,
    recallRequested: row.recallRequested,
    overdue: isLate(row, now),
    confirmByMs: row.confirmByMs,
    failure: row.failure,
    failureDetail: row.failureDetail,
    reason: row.reason,
    updatedAtMs: row.updatedAtMs,
  };
}

/**
 * Late in confirming arrival: marked overdue by the sender's node, or past its deadline now by the
 * same rule the node's sweep applies (core `markOverdue`), without waiting for the sweep.
 */
export function isLate(row: Row, now: number): boolean {
  if (row.overdue) return true;
  if (row.confirmByMs <= 0 || row.confirmByMs > now) return false;
  if (row.transport === TransportState.TRANSPORT_STATE_FETCHED) return false;
  const { transport, business, confirmByMs } = row;
  return markOverdue({ transport, business, confirmByMs, overdue: false }, now).record.overdue;
}

/**
 * When the next copy not yet late turns late (its deadline), or Infinity: until then, and while no
 * record changes, an answer that depends on lateness stays true.
 */
export function nextLateAt(rows: Iterable<Row>, now: number): number {
  let next = Infinity;
  for (const r of rows) {
    if (r.confirmByMs > now && r.confirmByMs < next && !r.overdue && r.business === 0) {
      if (
        r.transport !== TransportState.TRANSPORT_STATE_FETCHED &&
        r.transport !== TransportState.TRANSPORT_STATE_FAILED
      ) {
        next = r.confirmByMs;
      }
    }
  }
  return next;
}

/** Rows already grouped by sent document (`TrackingIndex`), so that a request does not group them. */
export interface SentDocumentRows {
  /** Calls `visit` with each sent document's rows. */
  eachDocument(visit: (rows: readonly Row[]) => void): void;
}

/** Newest first; the same moment by document id, then sender. */
function newestDocumentFirst(
  a: { rows: readonly Row[]; sentAtMs: number },
  b: { rows: readonly Row[]; sentAtMs: number },
): number {
  const x = a.rows[0]!;
  const y = b.rows[0]!;
  return (
    b.sentAtMs - a.sentAtMs ||
    (x.documentId < y.documentId ? -1 : x.documentId > y.documentId ? 1 : 0) ||
    (x.sender < y.sender ? -1 : x.sender > y.sender ? 1 : 0)
  );
}

/** Documents sent, newest first, each with every recipient's state (those the viewer may see). */
export function sentDocuments(
  source: Iterable<Row> | SentDocumentRows,
  query: DocumentQuery,
  viewer: Viewer,
  dir: Directory | undefined,
  now: number,
): { total: number; documents: DocumentSummary[] } {
  const sender = viewer.kind === 'agency' ? viewer.code : query.sender || undefined;
  const { fromMs, toMs } = query;
  const dated = fromMs !== undefined || toMs !== undefined;
  const inRange = (r: Row): boolean =>
    (fromMs === undefined || r.sentAtMs >= fromMs) && (toMs === undefined || r.sentAtMs <= toMs);
  const found: { rows: readonly Row[]; sentAtMs: number }[] = [];
  const consider = (all: readonly Row[]): void => {
    const first = all[0];
    if (!first || (sender !== undefined && first.sender !== sender)) return;
    const rows = dated ? all.filter(inRange) : all;
    if (rows.length === 0) return;
    if (!rowMatches(first, 'documentId', query.q)) return;
    if (!rowMatches(first, 'subject', query.subject)) return;
    if (
      query.recipient &&
      !rows.some(
        (r) =>
          matches(r.recipient, query.recipient) || matches(dir?.name(r.recipient) ?? '', query.recipient),
      )
    ) {
      return;
    }
    let sentAtMs = rows[0]!.sentAtMs;
    for (const r of rows) if (r.sentAtMs < sentAtMs) sentAtMs = r.sentAtMs;
    found.push({ rows, sentAtMs });
  };
  if ('eachDocument' in source) source.eachDocument(consider);
  else for (const rows of groupByDocument(source, sender)) consider(rows);
  // Only the documents of the page are ordered and described (an operator's list holds every one).
  const documents = firstOf(found, query.limit ?? 200, newestDocumentFirst).map(
    ({ rows, sentAtMs }): DocumentSummary => {
      const first = rows[0]!;
      return {
        documentId: first.documentId,
        sender: first.sender,
        senderName: dir?.name(first.sender) ?? '',
        subject: first.subject,
        priority: first.priority,
        sentAtMs,
        recipients: rows.map((r) => recipientView(r, dir, now)).sort((a, b) => a.code.localeCompare(b.code)),
      };
    },
  );
  return { total: found.length, documents };
}

/** Rows grouped by sent document, only `sender`'s when given: for a caller with rows alone. */
function groupByDocument(rows: Iterable<Row>, sender: string | undefined): Iterable<Row[]> {
  const bySender = new Map<string, Map<string, Row[]>>();
  for (const row of rows) {
    if (sender !== undefined && row.sender !== sender) continue;
    let byDoc = bySender.get(row.sender);
    if (!byDoc) bySender.set(row.sender, (byDoc = new Map()));
    const list = byDoc.get(row.documentId);
    if (list) list.push(row);
    else byDoc.set(row.documentId, [row]);
  }
  return [...bySender.values()].flatMap((byDoc) => [...byDoc.values()]);
}

export interface ReceivedItem {
  readonly documentId: string;
  readonly sender: string;
  readonly senderName: string;
  readonly recipient: string;
  readonly recipientName: string;
  readonly subject: string;
  readonly priority: number;
  readonly sentAtMs: number;
  /** `waiting` in the inbox, `fetched` by the recipient's system (01), `answered` with a later status. */
  readonly state: 'on-the-way' | 'waiting' | 'fetched' | 'answered' | 'failed';
  readonly transport: string;
  readonly business: number;
  readonly recall: number;
  readonly recallRequested: boolean;
  readonly reason: string;
  readonly updatedAtMs: number;
}

function receivedState(row: Row): ReceivedItem['state'] {
  if (row.transport === TransportState.TRANSPORT_STATE_FAILED) return 'failed';
  // 01 is the recipient's system taking the document (every ack sends it): fetched, not an answer.
  const answered =
    row.business !== BusinessStatus.BUSINESS_STATUS_UNSPECIFIED &&
    row.business !== BusinessStatus.BUSINESS_STATUS_ARRIVED;
  if (answered) return 'answered';
  if (
    row.business === BusinessStatus.BUSINESS_STATUS_ARRIVED ||
    row.transport === TransportState.TRANSPORT_STATE_FETCHED
  ) {
    return 'fetched';
  }
  if (row.transport === TransportState.TRANSPORT_STATE_DELIVERED) return 'waiting';
  return 'on-the-way';
}

/** Newest first; the same moment by document id, then sender, then recipient. */
function newestCopyFirst(a: Row, b: Row): number {
  return (
    b.sentAtMs - a.sentAtMs ||
    (a.documentId < b.documentId ? -1 : a.documentId > b.documentId ? 1 : 0) ||
    (a.sender < b.sender ? -1 : a.sender > b.sender ? 1 : 0) ||
    (a.recipient < b.recipient ? -1 : a.recipient > b.recipient ? 1 : 0)
  );
}

/** Copies addressed to an agency (or to anyone, for an operator), newest first. */
export function receivedDocuments(
  rows: Iterable<Row>,
  query: DocumentQuery,
  viewer: Viewer,
  dir: Directory | undefined,
): { total: number; items: ReceivedItem[]; counts: Record<ReceivedItem['state'], number> } {
  const recipient = viewer.kind === 'agency' ? viewer.code : undefined;
  const counts = { 'on-the-way': 0, waiting: 0, fetched: 0, answered: 0, failed: 0 };
  const found: Row[] = [];
  for (const row of rows) {
    if (recipient !== undefined && row.recipient !== recipient) continue;
    if (recipient === undefined && query.recipient && !matches(row.recipient, query.recipient)) continue;
    if (query.fromMs !== undefined && row.sentAtMs < query.fromMs) continue;
    if (query.toMs !== undefined && row.sentAtMs > query.toMs) continue;
    if (!rowMatches(row, 'documentId', query.q) || !rowMatches(row, 'subject', query.subject)) continue;
    counts[receivedState(row)]++;
    found.push(row);
  }
  // Only the copies of the page are ordered and described (an operator's list holds every copy).
  const items = firstOf(found, query.limit ?? 200, newestCopyFirst).map((row): ReceivedItem => ({
    documentId: row.documentId,
    sender: row.sender,
    senderName: dir?.name(row.sender) ?? '',
    recipient: row.recipient,
    recipientName: dir?.name(row.recipient) ?? '',
    subject: row.subject,
    priority: row.priority,
    sentAtMs: row.sentAtMs,
    state: receivedState(row),
    transport: transportName(row.transport),
    business: row.business,
    recall: row.recall,
    recallRequested: row.recallRequested,
    reason: row.reason,
    updatedAtMs: row.updatedAtMs,
  }));
  return { total: found.length, items, counts };
}

export interface OverdueItem {
  readonly documentId: string;
  readonly sender: string;
  readonly senderName: string;
  readonly recipient: string;
  readonly recipientName: string;
  /** The node the recipient is homed at (its commune, district, province or ministry). */
  readonly node: string;
  readonly nodeName: string;
  readonly subject: string;
  readonly sentAtMs: number;
  readonly confirmByMs: number;
  readonly transport: string;
}

export interface OverdueGroup {
  /** `province` (with its districts and communes), `central` (a ministry or central agency). */
  readonly kind: 'province' | 'central' | 'other';
  readonly id: string;
  readonly name: string;
  readonly count: number;
  readonly oldestConfirmByMs: number;
  readonly items: OverdueItem[];
}

const LEVEL = Level;

/** The group a recipient's copy is counted in: its province, or its ministry at the centre. */
function groupOf(recipient: string, dir: Directory | undefined): Pick<OverdueGroup, 'kind' | 'id' | 'name'> {
  const home = dir?.agencies.get(recipient)?.homeNode;
  const node = home ? dir?.nodes.get(home) : undefined;
  if (!dir || !node) return { kind: 'other', id: '?', name: '' };
  if (node.level === LEVEL.LEVEL_CENTRAL)
    return { kind: 'central', id: recipient, name: dir.name(recipient) };
  for (const id of [node.id, ...dir.path(node.id)]) {
    const n = dir.nodes.get(id);
    if (n?.level === LEVEL.LEVEL_PROVINCE) return { kind: 'province', id: n.id, name: n.name };
  }
  return { kind: 'other', id: node.id, name: node.name };
}

/**
 * Recipients that have not confirmed arrival by their deadline, grouped by province (its districts
 * and communes) or ministry; groups and items oldest deadline first.
 */
export function overdueGroups(
  rows: Iterable<Row>,
  viewer: Viewer,
  dir: Directory | undefined,
  now: number,
  perGroup = 25,
): { total: number; groups: OverdueGroup[] } {
  const groups = new Map<string, { head: Pick<OverdueGroup, 'kind' | 'id' | 'name'>; rows: Row[] }>();
  let total = 0;
  for (const row of rows) {
    if (!sees(viewer, row) || !isLate(row, now)) continue;
    total++;
    const head = groupOf(row.recipient, dir);
    const key = `${head.kind}:${head.id}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { head, rows: [] }));
    g.rows.push(row);
  }
  const out: OverdueGroup[] = [];
  for (const { head, rows: list } of groups.values()) {
    list.sort((a, b) => a.confirmByMs - b.confirmByMs || a.sentAtMs - b.sentAtMs);
    out.push({
      ...head,
      count: list.length,
      oldestConfirmByMs: list[0]!.confirmByMs,
      items: list.slice(0, perGroup).map((r) => {
        const home = dir?.agencies.get(r.recipient)?.homeNode ?? '';
        return {
          documentId: r.documentId,
          sender: r.sender,
          senderName: dir?.name(r.sender) ?? '',
          recipient: r.recipient,
          recipientName: dir?.name(r.recipient) ?? '',
          node: home,
          nodeName: dir?.nodes.get(home)?.name ?? '',
          subject: r.subject,
          sentAtMs: r.sentAtMs,
          confirmByMs: r.confirmByMs,
          transport: transportName(r.transport),
        };
      }),
    });
  }
  out.sort((a, b) => a.oldestConfirmByMs - b.oldestConfirmByMs || b.count - a.count);
  return { total, groups: out };
}

export interface StatisticsView {
  readonly fromMs: number;
  readonly toMs: number;
  readonly total: StatsRow;
  readonly levels: StatsRow[];
  /** The busiest units (nodes), at most `maxNodes`; `nodesActive` says how many had activity. */
  readonly nodes: (StatsRow & { readonly name: string })[];
  readonly nodesActive: number;
  /** Per day in Vietnam's time: documents sent and copies delivered. */
  readonly daily: { readonly day: string; readonly sent: number; readonly delivered: number }[];
}

const DAY_MS = 86_400_000;
const VN_OFFSET_MS = 7 * 3_600_000;

/** The day in Vietnam a time falls on, as a day number (days since 1970-01-01 there). */
function dayOf(ms: number): number {
  return Math.floor((ms + VN_OFFSET_MS) / DAY_MS);
}

/** Statistics per level and per unit over [fromMs, toMs], by the CLI's `stats` rules. */
export function statistics(
  rows: Iterable<Row>,
  viewer: Viewer,
  dir: Directory | undefined,
  range: { fromMs: number; toMs: number },
  now: number,
  deadLetters: readonly { node: string; atMs: number }[] = [],
  maxNodes = 200,
): StatisticsView {
  const records: Row[] = [];
  const daily = new Map<number, { sent: Set<string>; delivered: number }>();
  for (let d = dayOf(range.fromMs); d <= dayOf(range.toMs); d++)
    daily.set(d, { sent: new Set(), delivered: 0 });
  for (const row of rows) {
    if (row.sentAtMs < range.fromMs || row.sentAtMs > range.toMs || !sees(viewer, row)) continue;
    // Overdue as of now, as on the overdue page (the node's sweep may not have marked it yet).
    records.push(isLate(row, now) && !row.overdue ? { ...row, overdue: true } : row);
    const day = daily.get(dayOf(row.sentAtMs));
    if (day) {
      day.sent.add(`${row.sender}|${row.documentId}`);
      if (
        row.transport === TransportState.TRANSPORT_STATE_DELIVERED ||
        row.transport === TransportState.TRANSPORT_STATE_FETCHED
      ) {
        day.delivered++;
      }
    }
  }
  const stats = computeStats({
    records,
    deadLetters,
    since: range.fromMs,
    homeNodeOf: (agency) => dir?.agencies.get(agency)?.homeNode,
    levelOf: (node) => dir?.levelOf(node),
  });
  const active = stats.nodes.filter(isActive);
  const busiest = [...active]
    .sort(
      (a, b) =>
        b.sent + b.received + b.pending - (a.sent + a.received + a.pending) || a.node.localeCompare(b.node),
    )
    .slice(0, maxNodes);
  return {
    fromMs: range.fromMs,
    toMs: range.toMs,
    total: stats.total,
    levels: stats.levels,
    nodes: busiest.map((n) => ({ ...n, name: dir?.nodes.get(n.node)?.name ?? '' })),
    nodesActive: active.length,
    daily: [...daily.entries()].map(([d, v]) => ({
      day: new Date(d * DAY_MS).toISOString().slice(0, 10),
      sent: v.sent.size,
      delivered: v.delivered,
    })),
  };
}
