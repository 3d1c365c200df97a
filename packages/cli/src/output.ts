/**
 * What the CLI prints: aligned tables and key/value blocks for people (colour only on a terminal),
 * JSON for scripts, and the small formatters they share.
 */
import { CliError } from './errors';
import { BusinessStatus, FailureReason, Level, Priority, TransportState } from '@lienthong/proto';

/** Colour only when stdout is a terminal and NO_COLOR is unset. */
export function colorEnabled(stream: NodeJS.WriteStream = process.stdout): boolean {
  return stream.isTTY === true && !process.env.NO_COLOR;
}

export type Paint = (text: string) => string;

function sgr(open: number, close: number): (on: boolean) => Paint {
  return (on) => (on ? (t) => `\u001b[${open}m${t}\u001b[${close}m` : (t) => t);
}

export const paint = {
  bold: sgr(1, 22),
  dim: sgr(2, 22),
  red: sgr(31, 39),
  green: sgr(32, 39),
  yellow: sgr(33, 39),
};

/** Terminal columns a string takes: code points after NFC, combining marks taking none. */
export function displayWidth(text: string): number {
  let n = 0;
  for (const ch of text.normalize('NFC').replace(/\u001b\[[0-9;]*m/g, '')) if (!/\p{M}/u.test(ch)) n++;
  return n;
}

export function truncate(text: string, max: number): string {
  if (displayWidth(text) <= max) return text;
  let out = '';
  for (const ch of text.normalize('NFC')) {
    if (displayWidth(out + ch) > max - 1) break;
    out += ch;
  }
  return `${out}…`;
}

export interface Column<T> {
  readonly header: string;
  readonly value: (row: T) => string | number;
  readonly align?: 'left' | 'right';
  /** Longer values are cut with an ellipsis. */
  readonly max?: number;
  /** Colours a cell on a terminal (the width is measured before). */
  readonly color?: (row: T, text: string) => Paint | undefined;
}

/** Aligned columns separated by two spaces; the header is bold on a terminal. */
export function table<T>(rows: readonly T[], columns: readonly Column<T>[], color = colorEnabled()): string {
  const cells = rows.map((r) =>
    columns.map((c) => {
      const text = String(c.value(r));
      return c.max ? truncate(text, c.max) : text;
    }),
  );
  const widths = columns.map((c, i) =>
    Math.max(displayWidth(c.header), ...cells.map((row) => displayWidth(row[i] ?? ''))),
  );
  const pad = (text: string, i: number): string => {
    const fill = ' '.repeat(Math.max(0, (widths[i] ?? 0) - displayWidth(text)));
    return columns[i]?.align === 'right' ? fill + text : text + fill;
  };
  const bold = paint.bold(color);
  const lines = [
    bold(
      columns
        .map((c, i) => pad(c.header, i))
        .join('  ')
        .trimEnd(),
    ),
  ];
  cells.forEach((row, r) => {
    const line = row.map((text, i) => {
      const padded = pad(text, i);
      const p = color ? columns[i]?.color?.(rows[r]!, text) : undefined;
      return p ? p(padded) : padded;
    });
    lines.push(line.join('  ').trimEnd());
  });
  return `${lines.join('\n')}\n`;
}

/** `key  value` lines with the keys aligned. */
export function fields(
  pairs: readonly (readonly [string, string | number | undefined])[],
  indent = '',
): string {
  const shown = pairs.filter((p): p is readonly [string, string | number] => p[1] !== undefined);
  const width = Math.max(0, ...shown.map(([k]) => displayWidth(k)));
  return shown.map(([k, v]) => `${indent}${k}${' '.repeat(width - displayWidth(k))}  ${v}\n`).join('');
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, jsonReplacer, 2)}\n`);
}

/** One JSON value per line (for streams of events). */
export function printJsonLine(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, jsonReplacer)}\n`);
}

function jsonReplacer(_key: string, value: unknown): unknown {
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (typeof value === 'bigint') return Number(value);
  return value;
}

export function write(text: string): void {
  process.stdout.write(text);
}

// ---- formatters ------------------------------------------------------------------------------

/** The zone times are shown in: `--tz`, else `LT_TZ`, else Vietnam's. */
export const DEFAULT_TIME_ZONE = 'Asia/Ho_Chi_Minh';
let zoneFormat: Intl.DateTimeFormat | undefined;

function formatIn(zone: string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'longOffset',
  });
}

/** Sets the zone of {@link formatTime}; an unknown zone is an InvalidArgument. */
export function setTimeZone(zone: string): void {
  try {
    zoneFormat = formatIn(zone);
  } catch {
    throw new CliError('InvalidArgument', `unknown time zone '${zone}'`, {
      hint: 'use an IANA zone name such as Asia/Ho_Chi_Minh or UTC',
    });
  }
}

/** `2026-12-03 08:00:00 +07` in the display zone (default Asia/Ho_Chi_Minh), or `-` for 0/absent. */
export function formatTime(ms: number | null | undefined): string {
  if (!ms) return '-';
  if (!zoneFormat) setTimeZone(process.env.LT_TZ || DEFAULT_TIME_ZONE);
  const p: Record<string, string> = {};
  for (const part of zoneFormat!.formatToParts(new Date(ms))) p[part.type] = part.value;
  // longOffset: `GMT+07:00`, `GMT-03:30`, `GMT` for UTC
  const m = /^GMT([+-]\d{2}):?(\d{2})?$/.exec(p.timeZoneName ?? '');
  const offset = m ? `${m[1]}${m[2] && m[2] !== '00' ? `:${m[2]}` : ''}` : '+00';
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second} ${offset}`;
}

export function isoTime(ms: number | undefined): string | null {
  return ms ? new Date(ms).toISOString() : null;
}

/** `850 ms`, `12.3 s`, `4 min 5 s`, `3 h 20 min`, `2 d 4 h`. */
export function formatDuration(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '-';
  const a = Math.abs(ms);
  const sign = ms < 0 ? '-' : '';
  if (a < 1000) return `${sign}${Math.round(a)} ms`;
  if (a < 60_000) return `${sign}${(a / 1000).toFixed(a < 10_000 ? 2 : 1)} s`;
  if (a < 3_600_000) return `${sign}${Math.floor(a / 60_000)} min ${Math.round((a % 60_000) / 1000)} s`;
  if (a < 86_400_000)
    return `${sign}${Math.floor(a / 3_600_000)} h ${Math.round((a % 3_600_000) / 60_000)} min`;
  return `${sign}${Math.floor(a / 86_400_000)} d ${Math.round((a % 86_400_000) / 3_600_000)} h`;
}

export function ago(ms: number | null | undefined, now = Date.now()): string {
  if (!ms) return '-';
  return now >= ms ? `${formatDuration(now - ms)} ago` : `in ${formatDuration(ms - now)}`;
}

/** `3367 (vn, h41, h41-yenthanh, h41-yenthanh-xa1, h41-yenthanh-xa2, … 3362 more)`: a count and a few. */
export function summarizeList(items: readonly string[], few = 5): string {
  if (items.length === 0) return '0';
  const shown = items.slice(0, few).join(', ');
  return `${items.length} (${shown}${items.length > few ? `, … ${items.length - few} more` : ''})`;
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}

/** `TRANSPORT_STATE_FETCHED` → `FETCHED`. */
export function transportName(s: TransportState | number | null | undefined): string {
  if (!s) return '-';
  return (TransportState[s] ?? String(s)).replace('TRANSPORT_STATE_', '');
}

/** `BUSINESS_STATUS_ARRIVED` → `01 ARRIVED`; `-` for none. */
export function businessName(s: BusinessStatus | number | null | undefined): string {
  if (!s) return '-';
  return `${String(s).padStart(2, '0')} ${(BusinessStatus[s] ?? '?').replace('BUSINESS_STATUS_', '')}`;
}

export function reasonName(r: FailureReason | number | null | undefined): string {
  if (!r) return '-';
  return (FailureReason[r] ?? String(r)).replace('FAILURE_REASON_', '');
}

export function priorityName(p: Priority | number | null | undefined): string {
  return (Priority[p ?? 0] ?? String(p)).replace('PRIORITY_', '');
}

export function levelLabel(l: Level | number | null | undefined): string {
  return (Level[l ?? 0] ?? String(l)).replace('LEVEL_', '').toLowerCase();
}

/** A progress bar on a terminal (`--all` operations); nothing otherwise. */
export class Progress {
  private readonly on: boolean;
  private last = 0;

  constructor(
    private readonly total: number,
    private readonly label: string,
    stream: NodeJS.WriteStream = process.stdout,
  ) {
    this.on = stream.isTTY === true && total > 0;
  }

  tick(done: number): void {
    if (!this.on) return;
    const now = Date.now();
    if (done < this.total && now - this.last < 50) return;
    this.last = now;
    const width = 30;
    const filled = Math.round((done / this.total) * width);
    process.stdout.write(
      `\r${this.label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${this.total}`,
    );
  }

  end(): void {
    if (this.on) process.stdout.write('\n');
  }
}
