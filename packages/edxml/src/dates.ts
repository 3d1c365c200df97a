/**
 * edXML dates are `yyyy/MM/dd` and timestamps `yyyy/MM/dd HH:mm:ss`, in Vietnam time (UTC+07:00,
 * no daylight saving). Some systems write `dd/MM/yyyy`; the reader accepts that and says so.
 */

/** Vietnam's offset from UTC, in ms. */
export const VN_OFFSET_MS = 7 * 3_600_000;

export interface ReadDate {
  /** ISO `yyyy-MM-dd`, or '' when unreadable. */
  iso: string;
  /** Which form was read: 'standard' (`yyyy/MM/dd`), 'dmy' (`dd/MM/yyyy`), 'iso' (`yyyy-MM-dd`), or 'bad'. */
  form: 'standard' | 'dmy' | 'iso' | 'bad';
}

function validYmd(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= days;
}

function iso(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Reads an edXML date. An empty string reads as `{ iso: '', form: 'standard' }`. */
export function readDate(text: string): ReadDate {
  const s = text.trim();
  if (s === '') return { iso: '', form: 'standard' };
  let m = /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/.exec(s);
  let form: ReadDate['form'] = 'standard';
  let y = 0;
  let mo = 0;
  let d = 0;
  if (m !== null) {
    [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  } else if ((m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s)) !== null) {
    [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
    form = 'dmy';
  } else if ((m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s)) !== null) {
    [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    form = 'iso';
  } else {
    return { iso: '', form: 'bad' };
  }
  if (!validYmd(y, mo, d)) return { iso: '', form: 'bad' };
  return { iso: iso(y, mo, d), form };
}

/** Writes an ISO `yyyy-MM-dd` date as edXML `yyyy/MM/dd`; '' stays ''. */
export function writeDate(isoDate: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate.trim());
  if (m === null) return '';
  return `${m[1]}/${m[2]}/${m[3]}`;
}

export interface ReadTimestamp {
  ms: number;
  form: 'standard' | 'dmy' | 'iso' | 'bad';
}

/**
 * Reads an edXML timestamp: `yyyy/MM/dd HH:mm:ss` (Vietnam time), `dd/MM/yyyy HH:mm:ss`, or an ISO
 * 8601 date-time (with its own zone, else Vietnam time).
 */
export function readTimestamp(text: string): ReadTimestamp {
  const s = text.trim();
  let m = /^(\d{4})\/(\d{1,2})\/(\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(s);
  let form: ReadTimestamp['form'] = 'standard';
  let parts: number[] | undefined;
  if (m !== null) {
    parts = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number);
  } else if ((m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(s)) !== null) {
    parts = [m[3], m[2], m[1], m[4], m[5], m[6] ?? '0'].map(Number);
    form = 'dmy';
  } else if (
    (m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/.exec(s)) !==
    null
  ) {
    const [y, mo, d, h, mi, se] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number) as [
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    if (!validYmd(y, mo, d) || h > 23 || mi > 59 || se > 59) return { ms: 0, form: 'bad' };
    const zone = m[7];
    let offset = VN_OFFSET_MS;
    if (zone === 'Z') offset = 0;
    else if (zone !== undefined) {
      const sign = zone.startsWith('-') ? -1 : 1;
      offset = sign * (Number(zone.slice(1, 3)) * 3_600_000 + Number(zone.slice(4, 6)) * 60_000);
    }
    return { ms: Date.UTC(y, mo - 1, d, h, mi, se) - offset, form: 'iso' };
  }
  if (parts === undefined) return { ms: 0, form: 'bad' };
  const [y, mo, d, h, mi, se] = parts as [number, number, number, number, number, number];
  if (!validYmd(y, mo, d) || h > 23 || mi > 59 || se > 59) return { ms: 0, form: 'bad' };
  return { ms: Date.UTC(y, mo - 1, d, h, mi, se) - VN_OFFSET_MS, form };
}

/** Writes Unix ms as an edXML timestamp in Vietnam time. */
export function writeTimestamp(ms: number): string {
  const t = new Date(ms + VN_OFFSET_MS);
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${t.getUTCFullYear()}/${p(t.getUTCMonth() + 1)}/${p(t.getUTCDate())} ${p(t.getUTCHours())}:${p(
    t.getUTCMinutes(),
  )}:${p(t.getUTCSeconds())}`;
}
