import type { ITimelineEntry } from '@lienthong/proto';

/**
 * The header a track message carries with the positions (comma-separated, in the record's
 * timeline) of the entries that this version of the record added to the previous one. Changes to
 * one record that arrive together are written at once, so one message may add several statuses;
 * a reader that lists statuses takes each of them from here, not just the newest entry.
 */
export const TRACK_ADDED_HEADER = 'Lt-Added';

/** What makes two timeline entries the same entry. */
export function timelineEntryKey(e: ITimelineEntry): string {
  return JSON.stringify([
    e.transport ?? 0,
    e.business ?? 0,
    Number(e.atMs ?? 0),
    e.node ?? '',
    e.description ?? '',
  ]);
}

/**
 * The positions in `after` of the entries `before` did not hold (counted as a multiset: an entry
 * that appears twice in `after` and once in `before` is added once). Entries may be inserted
 * anywhere (statuses keep the order the recipient reported them in), so this is not a suffix.
 */
export function addedEntryIndices(
  before: readonly ITimelineEntry[] | readonly string[],
  after: readonly ITimelineEntry[],
): number[] {
  const left = new Map<string, number>();
  for (const e of before) {
    const k = typeof e === 'string' ? e : timelineEntryKey(e);
    left.set(k, (left.get(k) ?? 0) + 1);
  }
  const added: number[] = [];
  after.forEach((e, i) => {
    const k = timelineEntryKey(e);
    const n = left.get(k) ?? 0;
    if (n > 0) left.set(k, n - 1);
    else added.push(i);
  });
  return added;
}

/** Reads the added-entries header: undefined when absent or not a list of positions in range. */
export function parseAddedHeader(value: string | undefined, length: number): number[] | undefined {
  if (value === undefined) return undefined;
  if (value === '') return [];
  const out: number[] = [];
  for (const part of value.split(',')) {
    if (!/^\d{1,6}$/.test(part)) return undefined;
    const i = Number(part);
    if (i >= length) return undefined;
    out.push(i);
  }
  return out;
}
