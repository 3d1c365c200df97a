import { BusinessStatus, FailureReason, Level, TransportState } from '@lienthong/proto';
import type { TrackingRecord } from '@lienthong/proto';
import type { Topology } from '@lienthong/core';

export interface SentRecord {
  readonly recipient: string;
  readonly transport: string;
  readonly business: string;
  readonly statusCode?: string;
  readonly recall?: string;
  readonly overdue: boolean;
  readonly failure?: string;
  readonly failureDetail?: string;
  readonly edxmlSignature?: string;
  readonly route: readonly string[];
  readonly sentAt: string;
  readonly updatedAt: string;
  readonly timeline: readonly {
    readonly at: string;
    readonly transport?: string;
    readonly statusCode?: string;
    readonly node: string;
    readonly description: string;
    readonly ignored: boolean;
    readonly signed: boolean;
  }[];
}

export interface AgencyEntry {
  readonly code: string;
  readonly name: string;
  readonly parentCode: string;
  readonly tier: string;
  readonly homeNode: string;
  /**
   * Set on a closed code only (an administrative reorganisation): when it closed (ISO 8601), the
   * live agency that succeeds it, and what a document still addressed to it gets. Its tier and home
   * node are the successor's (where its documents go); its parentCode is empty.
   */
  readonly closedAt?: string;
  readonly successor?: string;
  readonly policy?: 'redirect' | 'refuse';
}

export function levelName(l: Level): string {
  return (Level[l] ?? 'LEVEL_UNSPECIFIED').replace('LEVEL_', '').toLowerCase();
}

function code2(b: BusinessStatus): string | undefined {
  return b ? String(b).padStart(2, '0') : undefined;
}

export function sentRecord(r: TrackingRecord): SentRecord {
  const iso = (ms: unknown): string => new Date(Number(ms ?? 0)).toISOString();
  return {
    recipient: r.recipient,
    transport: TransportState[r.transport]?.replace('TRANSPORT_STATE_', '') ?? String(r.transport),
    business: BusinessStatus[r.business]?.replace('BUSINESS_STATUS_', '') ?? String(r.business),
    ...(code2(r.business) ? { statusCode: code2(r.business)! } : {}),
    ...(r.recall ? { recall: code2(r.recall)! } : {}),
    overdue: r.overdue,
    ...(r.failure ? { failure: FailureReason[r.failure] ?? String(r.failure) } : {}),
    ...(r.failureDetail ? { failureDetail: r.failureDetail } : {}),
    ...(r.edxmlSignature?.verdict ? { edxmlSignature: r.edxmlSignature.verdict } : {}),
    route: r.hops.map((h) => h.node ?? ''),
    sentAt: iso(r.sentAtMs),
    updatedAt: iso(r.updatedAtMs),
    timeline: r.timeline.map((t) => ({
      at: iso(t.atMs),
      ...(t.transport ? { transport: TransportState[t.transport]?.replace('TRANSPORT_STATE_', '') } : {}),
      ...(t.business ? { statusCode: code2(t.business)! } : {}),
      node: t.node ?? '',
      description: t.description ?? '',
      ignored: Boolean(t.ignored),
      signed: (t.receipt?.signature?.value?.length ?? 0) > 0,
    })),
  };
}

/** Every live agency with its home node, and every closed code with its successor, by code. */
export function directoryEntries(t: Topology): AgencyEntry[] {
  const live = t.agencies().map((a) => ({
    code: a.code,
    name: a.name,
    parentCode: a.parentCode ?? '',
    tier: levelName(a.tier),
    homeNode: a.homeNode,
  }));
  const closed = t.closedCodes().flatMap((c) => {
    const s = t.agency(c.successor);
    if (!s) return [];
    const { code, name, closedAt, successor, policy } = c;
    const entry: AgencyEntry = {
      code,
      name,
      parentCode: '',
      tier: levelName(s.tier),
      homeNode: s.homeNode,
      closedAt,
      successor,
      policy,
    };
    return [entry];
  });
  return [...live, ...closed].sort((a, b) => a.code.localeCompare(b.code));
}

/** The per-recipient records of a document (recipient '': a refused document whose recipients could not be read). */
export function sentRecords(records: readonly TrackingRecord[]): SentRecord[] {
  return records.map(sentRecord);
}
