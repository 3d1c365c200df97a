/** Times in Vietnam's time zone, durations, and the colour of each state. */
import type { Dict, Lang } from './i18n';

export const TZ = 'Asia/Ho_Chi_Minh';

export function dateTime(ms: number, lang: Lang): string {
  if (!ms) return '—';
  return new Intl.DateTimeFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', {
    timeZone: TZ,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
  }).format(new Date(ms));
}

/** A size in bytes as people read it: 512 B, 3,4 KB, 12 MB (1 KB = 1,024 bytes). */
export function byteSize(n: number, lang: Lang): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  const digits = u === 0 || v >= 10 ? 0 : 1;
  return `${new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: digits }).format(v)} ${units[u]}`;
}

/** yyyy-mm-dd of a time in Vietnam (for date inputs). */
export function isoDay(ms: number): string {
  return new Date(ms + 7 * 3_600_000).toISOString().slice(0, 10);
}

/** Start (or end) of a yyyy-mm-dd day in Vietnam, in Unix milliseconds. */
export function dayStart(day: string, end = false): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  return Date.parse(`${day}T00:00:00+07:00`) + (end ? 86_400_000 - 1 : 0);
}

export function duration(ms: number | null | undefined, lang: Lang): string {
  if (ms === null || ms === undefined) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  const [sec, min, hour, day] = lang === 'vi' ? ['giây', 'phút', 'giờ', 'ngày'] : ['s', 'min', 'h', 'd'];
  if (s < 60) return `${s < 10 ? s.toFixed(1) : Math.round(s)} ${sec}`;
  if (s < 3600) return `${Math.round(s / 60)} ${min}`;
  if (s < 86400) return `${(s / 3600).toFixed(1)} ${hour}`;
  return `${(s / 86400).toFixed(1)} ${day}`;
}

export interface RecipientState {
  transport: string;
  business: number;
  recall: number;
  recallRequested: boolean;
  overdue: boolean;
  failure?: string;
  failureDetail?: string;
  reason?: string;
}

/** The label and colour class a recipient's copy is shown with. */
export function stateOf(r: RecipientState, t: Dict): { label: string; cls: string; note: string } {
  if (r.transport === 'FAILED') {
    return {
      label: t.tr.FAILED ?? 'FAILED',
      cls: 'st-failed',
      note: [r.failure, r.failureDetail].filter(Boolean).join(': '),
    };
  }
  if (r.recall === 15 || r.recall === 16) {
    return { label: t.st[r.recall]!, cls: r.recall === 15 ? 'st-recall' : 'st-refused', note: '' };
  }
  if (r.recallRequested) return { label: t.st[13]!, cls: 'st-recall', note: '' };
  if (r.business === 2) return { label: t.st[2]!, cls: 'st-rejected', note: r.reason ?? '' };
  if (r.business === 6) return { label: t.st[6]!, cls: 'st-done', note: '' };
  if (r.business >= 3 && r.business <= 5) return { label: t.st[r.business]!, cls: 'st-progress', note: '' };
  if (r.business === 1) return { label: t.st[1]!, cls: 'st-arrived', note: '' };
  if (r.overdue)
    return { label: `${t.overdue} · ${t.tr[r.transport] ?? r.transport}`, cls: 'st-overdue', note: '' };
  return { label: t.tr[r.transport] ?? r.transport, cls: 'st-transit', note: '' };
}
