/**
 * pino's JSON lines turned into one readable line each, for a person watching `lienthong up`: time
 * with its zone, level, message, then the other fields; long lists as a count and a few.
 */
import { formatTime, summarizeList } from './output';

const LEVELS: Record<number, string> = {
  10: 'TRACE',
  20: 'DEBUG',
  30: 'INFO',
  40: 'WARN',
  50: 'ERROR',
  60: 'FATAL',
};
const HIDDEN = new Set(['level', 'time', 'pid', 'hostname', 'name', 'msg', 'v']);

export function humanLogLine(line: string): string {
  let rec: Record<string, unknown>;
  try {
    rec = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line.endsWith('\n') ? line : `${line}\n`;
  }
  const time =
    typeof rec.time === 'string'
      ? Date.parse(rec.time)
      : typeof rec.time === 'number'
        ? rec.time
        : Date.now();
  const level = LEVELS[Number(rec.level)] ?? String(rec.level);
  const fields = Object.entries(rec)
    .filter(([k]) => !HIDDEN.has(k))
    .map(([k, v]) => `${k}=${valueText(v)}`);
  return `${formatTime(time)} ${level.padEnd(5)} ${String(rec.msg ?? '')}${fields.length ? `  ${fields.join(' ')}` : ''}\n`;
}

function valueText(v: unknown): string {
  if (Array.isArray(v)) return summarizeList(v.map((x) => (typeof x === 'string' ? x : JSON.stringify(x))));
  if (typeof v === 'string') return /[\s"=]/.test(v) ? JSON.stringify(v) : v;
  if (v !== null && typeof v === 'object') {
    const err = v as { message?: unknown; type?: unknown };
    if (typeof err.message === 'string') return JSON.stringify(err.message);
    return JSON.stringify(v);
  }
  return String(v);
}

/** A pino destination writing human lines to `out` (stderr by default). */
export function humanLog(out: { write(text: string): unknown } = process.stderr): {
  write(line: string): void;
} {
  return {
    write: (line: string) => {
      for (const l of line.split('\n')) if (l.trim() !== '') out.write(humanLogLine(l));
    },
  };
}
