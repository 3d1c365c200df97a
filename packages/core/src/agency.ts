/**
 * Agency codes (mã định danh, QCVN 102:2016) `AAA.BB.CC.Xnn` and their NATS subject tokens.
 * A code reaches subjects, KV keys and logs, so anything outside the exact pattern is refused: a
 * `*`, `>` or space in a code is an attack, not a typo.
 */
import type { AgencyCodeProblem } from './errors';
import { InvalidAgencyCodeError } from './errors';

/** A parsed agency code. Level 1 is the right-most group (`H41`); levels 2-4 go leftwards. */
export interface AgencyCode {
  readonly text: string;
  readonly level1: string;
  readonly level2: string;
  readonly level3: string;
  readonly level4: string;
}

export const AGENCY_CODE_LENGTH = 13;

const AGENCY_CODE = /^([0-9]{3})\.([0-9]{2})\.([0-9]{2})\.([A-Z][0-9]{2})$/;
const WILDCARD_OR_SEPARATOR = /[*>]/;
const TOKEN_WILDCARD_OR_SEPARATOR = /[*>.]/;
// \s covers Unicode spaces; \p{Cc} all C0/C1 controls; \p{Cf} invisible format characters.
const WHITESPACE_OR_CONTROL = /[\s\p{Cc}\p{Cf}]/u;
const NON_ASCII = /[^\x00-\x7f]/;

/** Why `s` is not an agency code (in the given alphabet), or undefined when it is one. */
function problemOf(s: unknown, separators: RegExp): AgencyCodeProblem | undefined {
  if (typeof s !== 'string') return 'not a string';
  if (s.length === 0) return 'empty';
  // Dangerous characters are named before length so an attack is reported as what it is.
  if (separators.test(s)) return 'wildcard or subject separator';
  if (WHITESPACE_OR_CONTROL.test(s)) return 'whitespace or control character';
  if (NON_ASCII.test(s)) return 'non-ASCII character';
  if (s.length > AGENCY_CODE_LENGTH) return 'too long';
  return undefined;
}

export function isAgencyCode(s: unknown): s is string {
  return typeof s === 'string' && AGENCY_CODE.test(s);
}

/** Returns `s` when it is an agency code, else throws InvalidAgencyCodeError naming the problem. */
export function assertAgencyCode(s: unknown): string {
  if (isAgencyCode(s)) return s;
  throw new InvalidAgencyCodeError(s, problemOf(s, WILDCARD_OR_SEPARATOR) ?? 'wrong shape');
}

export function parseAgencyCode(s: string): AgencyCode {
  const m = AGENCY_CODE.exec(assertAgencyCode(s));
  if (m === null) throw new InvalidAgencyCodeError(s, 'wrong shape'); // unreachable: asserted above
  const [text, level4 = '', level3 = '', level2 = '', level1 = ''] = m;
  return { text, level1, level2, level3, level4 };
}

/** Tokens of the codes seen lately: a code is checked and rewritten a dozen times per document. */
const tokens = new Map<string, string>();
const TOKENS_KEPT = 8192;

/** The subject token of an agency code: dots become underscores (`000_00_00_H41`). */
export function agencyToToken(code: string): string {
  const known = tokens.get(code);
  if (known !== undefined) return known;
  const token = assertAgencyCode(code).replaceAll('.', '_');
  // Only valid codes are kept (an invalid one threw above); the map is bounded by starting over.
  if (tokens.size >= TOKENS_KEPT) tokens.clear();
  tokens.set(code, token);
  return token;
}

/** The agency code of a subject token; throws InvalidAgencyCodeError unless it is exactly one. */
export function agencyFromToken(token: string): string {
  const problem = problemOf(token, TOKEN_WILDCARD_OR_SEPARATOR);
  if (problem !== undefined) throw new InvalidAgencyCodeError(token, problem, { what: 'an agency token' });
  const code = token.replaceAll('_', '.');
  if (!isAgencyCode(code))
    throw new InvalidAgencyCodeError(token, 'wrong shape', { what: 'an agency token' });
  return code;
}
