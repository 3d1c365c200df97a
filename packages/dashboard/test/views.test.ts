/** What each page shows, from rows in memory: scoping, search, overdue grouping and statistics. */
import {
  AgencyRecord,
  BusinessStatus,
  Level,
  NodeRecord,
  TrackingRecord,
  TransportState,
} from '@lienthong/proto';
import { Directory } from '@lienthong/readers';
import { plannedRoute } from '../src/plugin';
import { rowOf } from '../src/store';
import type { Row } from '../src/store';
import { fold } from '../src/search';
import {
  isLate,
  nextLateAt,
  overdueGroups,
  receivedDocuments,
  sentDocuments,
  statistics,
} from '../src/views';

const node = (id: string, level: Level, parent: string, name: string): [string, NodeRecord] => [
  id,
  NodeRecord.create({ id, level, parent, name }),
];
const agency = (code: string, homeNode: string, name: string): [string, AgencyRecord] => [
  code,
  AgencyRecord.create({ code, homeNode, name }),
];
const dir = new Directory(
  new Map([
    node('vn', Level.LEVEL_CENTRAL, '', 'Trục quốc gia'),
    node('h41', Level.LEVEL_PROVINCE, 'vn', 'Nghệ An'),
    node('h41-d1', Level.LEVEL_DISTRICT, 'h41', 'Huyện Yên Thành'),
    node('h41-d1-c1', Level.LEVEL_COMMUNE, 'h41-d1', 'Xã Bảo Thành'),
    node('h27', Level.LEVEL_PROVINCE, 'vn', 'Hà Tĩnh'),
  ]),
  new Map([
    agency('000.00.00.G22', 'vn', 'Văn phòng Chính phủ'),
    agency('000.00.00.G01', 'vn', 'Bộ Nội vụ'),
    agency('000.00.00.H41', 'h41', 'UBND tỉnh Nghệ An'),
    agency('000.01.43.H41', 'h41-d1-c1', 'UBND xã Bảo Thành'),
    agency('000.00.00.H27', 'h27', 'UBND tỉnh Hà Tĩnh'),
  ]),
);

const NOW = Date.parse('2026-12-02T10:00:00Z');
const HOUR = 3_600_000;

function row(
  sender: string,
  number: string,
  recipient: string,
  opts: Partial<{
    transport: TransportState;
    business: BusinessStatus;
    sentAtMs: number;
    confirmByMs: number;
    reason: string;
  }> = {},
): Row {
  const sentAtMs = opts.sentAtMs ?? NOW - 2 * HOUR;
  const timeline: TrackingRecord['timeline'] = [
    { atMs: sentAtMs, transport: TransportState.TRANSPORT_STATE_ACCEPTED },
    { atMs: sentAtMs + 100, transport: TransportState.TRANSPORT_STATE_DELIVERED },
  ];
  if (opts.business) {
    timeline.push({ atMs: sentAtMs + 1_000, business: BusinessStatus.BUSINESS_STATUS_ARRIVED });
    timeline.push({ atMs: sentAtMs + 60_000, business: opts.business, description: opts.reason ?? '' });
  }
  const documentId = `${sender},2026/12/02,${number}`;
  return rowOf(
    `${sender}.${number}.${recipient}`,
    TrackingRecord.create({
      documentId,
      sender,
      recipient,
      subject: `Báo cáo số ${number}`,
      transport: opts.transport ?? TransportState.TRANSPORT_STATE_FETCHED,
      business: opts.business ?? BusinessStatus.BUSINESS_STATUS_UNSPECIFIED,
      sentAtMs,
      updatedAtMs: sentAtMs,
      confirmByMs: opts.confirmByMs ?? sentAtMs + HOUR,
      timeline,
    }),
  );
}

const COMMUNE = '000.01.43.H41';
const rows: Row[] = [
  row(COMMUNE, '15/UBND-VP', '000.00.00.G22', { business: BusinessStatus.BUSINESS_STATUS_COMPLETED }),
  row(COMMUNE, '15/UBND-VP', '000.00.00.H41', {
    business: BusinessStatus.BUSINESS_STATUS_REJECTED,
    reason: 'Không thuộc thẩm quyền',
  }),
  // Waiting in the inbox past its deadline: late.
  row(COMMUNE, '16/UBND-VP', '000.00.00.H27', { transport: TransportState.TRANSPORT_STATE_DELIVERED }),
  // Still on its way but not yet due.
  row('000.00.00.G22', '7/VPCP-TH', COMMUNE, {
    transport: TransportState.TRANSPORT_STATE_DELIVERED,
    sentAtMs: NOW - 60_000,
  }),
  row('000.00.00.G22', '7/VPCP-TH', '000.00.00.G01', {
    transport: TransportState.TRANSPORT_STATE_RELAYED,
    sentAtMs: NOW - 60_000,
    confirmByMs: NOW - 1,
  }),
];

describe('dashboard views', () => {
  it('folds Vietnamese text so a search without accents finds it', () => {
    expect(fold('Báo cáo Đề nghị')).toBe('bao cao de nghi');
  });

  it('keeps the 02 reason in the row', () => {
    expect(rows[1]!.reason).toBe('Không thuộc thẩm quyền');
    expect(rows[0]!.timeline.map((e) => e.business)).toEqual([0, 1, 6]);
  });

  it('lists sent documents newest first, searchable by number, subject, recipient and date', () => {
    const op = { kind: 'operator' } as const;
    const all = sentDocuments(rows, {}, op, dir, NOW);
    expect(all.documents.map((d) => d.documentId.split(',')[2])).toEqual([
      '7/VPCP-TH',
      '15/UBND-VP',
      '16/UBND-VP',
    ]);
    expect(sentDocuments(rows, { q: '16/ubnd' }, op, dir, NOW).total).toBe(1);
    expect(sentDocuments(rows, { subject: 'bao cao so 15' }, op, dir, NOW).total).toBe(1);
    expect(sentDocuments(rows, { recipient: 'Hà Tĩnh' }, op, dir, NOW).documents[0]!.documentId).toContain(
      '16/UBND-VP',
    );
    expect(sentDocuments(rows, { fromMs: NOW - HOUR }, op, dir, NOW).total).toBe(1);
    const doc15 = all.documents.find((d) => d.documentId.includes('15/UBND-VP'))!;
    expect(doc15.recipients.map((r) => [r.code, r.business, r.reason])).toEqual([
      ['000.00.00.G22', 6, ''],
      ['000.00.00.H41', 2, 'Không thuộc thẩm quyền'],
    ]);
  });

  it('answers a page of the newest documents and copies, with the total and counts of all of them', () => {
    const op = { kind: 'operator' } as const;
    // Two senders with a document of the same number, and documents sent at the same time.
    const many = [
      ...rows,
      row(COMMUNE, '7/VPCP-TH', '000.00.00.H27', { sentAtMs: NOW - 5 * HOUR }),
      row('000.00.00.H27', '1/UBND', COMMUNE, { sentAtMs: NOW - 9 * HOUR }),
      row('000.00.00.H27', '2/UBND', COMMUNE, { sentAtMs: NOW - 9 * HOUR }),
    ];
    const all = sentDocuments(many, {}, op, dir, NOW);
    const page = sentDocuments(many, { limit: 2 }, op, dir, NOW);
    expect(page.total).toBe(all.total);
    expect(page.documents).toEqual(all.documents.slice(0, 2));
    expect(all.documents.map((d) => d.sentAtMs)).toEqual(
      [...all.documents.map((d) => d.sentAtMs)].sort((a, b) => b - a),
    );
    const ties = all.documents.filter((d) => d.sentAtMs === NOW - 9 * HOUR).map((d) => d.documentId);
    expect(ties).toEqual([...ties].sort((a, b) => a.localeCompare(b)));
    const everyone = receivedDocuments(many, {}, op, dir);
    const firstTwo = receivedDocuments(many, { limit: 2 }, op, dir);
    expect(firstTwo.total).toBe(everyone.total);
    expect(firstTwo.counts).toEqual(everyone.counts);
    expect(firstTwo.items).toEqual(everyone.items.slice(0, 2));
    // Folding the same text twice (the second from memory) gives the same answer.
    expect(fold('Văn bản ĐẾN')).toBe('van ban den');
    expect(fold('Văn bản ĐẾN')).toBe('van ban den');
  });

  it('shows an agency only the documents it sent, whatever sender it asks for', () => {
    const mine = sentDocuments(
      rows,
      { sender: '000.00.00.G22' },
      { kind: 'agency', code: COMMUNE },
      dir,
      NOW,
    );
    expect(mine.documents.every((d) => d.sender === COMMUNE)).toBe(true);
    expect(mine.total).toBe(2);
    const got = receivedDocuments(rows, {}, { kind: 'agency', code: COMMUNE }, dir);
    expect(got.items.map((i) => [i.recipient, i.state])).toEqual([[COMMUNE, 'waiting']]);
    expect(got.counts.waiting).toBe(1);
    const everyone = receivedDocuments(rows, {}, { kind: 'operator' }, dir);
    expect(everyone.counts).toEqual({ 'on-the-way': 1, waiting: 2, fetched: 0, answered: 2, failed: 0 });
    // 01 alone is the recipient's system taking it (every ack sends it): fetched, not answered.
    const taken = receivedDocuments(
      [
        row(COMMUNE, '17/UBND-VP', '000.00.00.G22', {
          business: BusinessStatus.BUSINESS_STATUS_ARRIVED,
          transport: TransportState.TRANSPORT_STATE_FETCHED,
        }),
        row(COMMUNE, '18/UBND-VP', '000.00.00.G22', { business: BusinessStatus.BUSINESS_STATUS_ACCEPTED }),
      ],
      {},
      { kind: 'operator' },
      dir,
    );
    expect(taken.items.map((i) => i.state).sort()).toEqual(['answered', 'fetched']);
  });

  it('raises a copy past its deadline without 01 as late, and not one that arrived or is not due', () => {
    expect(isLate(rows[2]!, NOW)).toBe(true);
    expect(isLate(rows[0]!, NOW)).toBe(false);
    expect(isLate(rows[3]!, NOW)).toBe(false);
    expect(isLate(rows[2]!, rows[2]!.confirmByMs - 1)).toBe(false);
    // The next copy to turn late: the one still on its way, an hour after it was sent.
    expect(nextLateAt(rows, NOW)).toBe(rows[3]!.confirmByMs);
    expect(nextLateAt(rows, rows[3]!.confirmByMs)).toBe(Infinity);
  });

  it('groups overdue copies by province and by ministry, oldest first, scoped to the viewer', () => {
    const all = overdueGroups(rows, { kind: 'operator' }, dir, NOW);
    expect(all.total).toBe(2);
    expect(all.groups.map((g) => [g.kind, g.id, g.count])).toEqual([
      ['province', 'h27', 1],
      ['central', '000.00.00.G01', 1],
    ]);
    expect(all.groups[1]!.name).toBe('Bộ Nội vụ');
    const commune = overdueGroups(rows, { kind: 'agency', code: COMMUNE }, dir, NOW);
    expect(commune.total).toBe(1);
    expect(overdueGroups(rows, { kind: 'agency', code: '000.00.00.H41' }, dir, NOW).total).toBe(0);
  });

  it('counts per level: sent, received, pending, overdue, rejected, median times to 01 and 06', () => {
    const s = statistics(rows, { kind: 'operator' }, dir, { fromMs: NOW - 7 * 24 * HOUR, toMs: NOW }, NOW);
    expect(s.total.sent).toBe(3);
    expect(s.total.rejected).toBe(1);
    expect(s.total.overdue).toBe(2);
    expect(s.total.arrivedMs).toEqual({ count: 2, p50: 1_000, p99: 1_000 });
    expect(s.total.completedMs).toEqual({ count: 1, p50: 60_000, p99: 60_000 });
    const central = s.levels.find((l) => l.level === 'central')!;
    expect([central.received, central.pending, central.overdue]).toEqual([1, 1, 1]);
    expect(s.daily.map((d) => d.day)).toContain('2026-12-02');
    expect(s.daily.at(-1)).toEqual({ day: '2026-12-02', sent: 3, delivered: 4 });
  });

  it('plans the route up to the common ancestor and down', () => {
    expect(plannedRoute(dir, COMMUNE, '000.00.00.H27')).toEqual(['h41-d1-c1', 'h41-d1', 'h41', 'vn', 'h27']);
    expect(plannedRoute(dir, COMMUNE, '000.00.00.H41')).toEqual(['h41-d1-c1', 'h41-d1', 'h41']);
    expect(plannedRoute(dir, COMMUNE, '000.99.99.H99')).toEqual([]);
  });
});
