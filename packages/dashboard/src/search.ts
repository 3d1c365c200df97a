/**
 * Searching the lists: texts are compared folded (lower case, without Vietnamese diacritics), so
 * that "bao cao" finds "Báo cáo".
 */
import type { Row } from './store';

/** Texts folded so far (subjects, names, ids): a search compares each with its needle. */
const FOLDED = new Map<string, string>();
const MAX_FOLDED = 200_000;

/** Lower case without Vietnamese diacritics, so that "bao cao" finds "Báo cáo". */
export function fold(text: string): string {
  let folded = FOLDED.get(text);
  if (folded === undefined) {
    folded = foldText(text);
    if (FOLDED.size >= MAX_FOLDED) FOLDED.clear();
    FOLDED.set(text, folded);
  }
  return folded;
}

function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();
}

export function matches(text: string, needle: string | undefined): boolean {
  return needle === undefined || needle === '' || fold(text).includes(fold(needle));
}

/**
 * The folded document id and subject of each row, kept as long as the row: on the national tree
 * they are some 200,000 distinct texts, more than the shared cache keeps, so that cache would start
 * over on every search and fold each of them again.
 */
const FOLDED_ROWS = new WeakMap<Row, { readonly documentId: string; readonly subject: string }>();

export function rowMatches(row: Row, field: 'documentId' | 'subject', needle: string | undefined): boolean {
  if (needle === undefined || needle === '') return true;
  let folded = FOLDED_ROWS.get(row);
  if (!folded) {
    folded = { documentId: foldOnce(row.documentId), subject: foldOnce(row.subject) };
    FOLDED_ROWS.set(row, folded);
  }
  return folded[field].includes(fold(needle));
}

/** `fold` without keeping the text in the shared cache. */
function foldOnce(text: string): string {
  // ASCII (most document ids) has nothing to strip.
  return /^[\x00-\x7f]*$/.test(text) ? text.toLowerCase() : foldText(text);
}
