/**
 * Closed agency codes in a topology file: a code that no longer names a live agency, when it
 * closed, which live agency succeeds it, and what a document still addressed to it gets
 * (`redirect`: carried to the successor; `refuse`: FAILED AGENCY_CLOSED naming the successor).
 */
import { ClosurePolicy as ClosurePolicyProto } from '@lienthong/proto';
import type { IClosedAgencyRecord } from '@lienthong/proto';
import { isAgencyCode } from './agency';
import { displayInput } from './errors';

export type ClosurePolicy = 'redirect' | 'refuse';

/** A closed code as written in a topology file (`closed: [...]`). */
export interface ClosedCodeJson {
  code: string;
  name: string;
  /** ISO 8601 date-time, e.g. 2025-07-01T00:00:00Z. */
  closedAt: string;
  /** A live agency's code. */
  successor: string;
  policy: ClosurePolicy;
}

export type ClosedCode = Readonly<ClosedCodeJson>;

const FIELDS = new Set(['code', 'name', 'closedAt', 'successor', 'policy']);
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function quote(v: unknown): string {
  return typeof v === 'string' ? `'${displayInput(v)}'` : (JSON.stringify(v) ?? String(v));
}

/** Checks the `closed` entries against the live agency codes; problems are added to `problems`. */
export function validateClosedCodes(
  raw: unknown,
  liveCodes: ReadonlySet<string>,
  problems: string[],
): ClosedCode[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) {
    problems.push("'closed' must be an array");
    return [];
  }
  const seen = new Map<string, number>();
  return raw.flatMap((entry: unknown, i): ClosedCode[] => {
    const at = `closed[${i}]`;
    if (!isRecord(entry)) {
      problems.push(`${at}: must be an object`);
      return [];
    }
    const where = typeof entry.code === 'string' ? `${at} (${displayInput(entry.code)})` : at;
    const before = problems.length;
    for (const key of Object.keys(entry)) {
      if (!FIELDS.has(key)) problems.push(`${where}: unknown field '${key}'`);
    }
    if (!isAgencyCode(entry.code)) {
      problems.push(`${where}: code ${quote(entry.code)} is not an agency code AAA.BB.CC.Xnn`);
    } else if (liveCodes.has(entry.code)) {
      problems.push(`${where}: code is also a live agency; a code is either live or closed`);
    } else if (seen.has(entry.code)) {
      problems.push(`${where}: duplicate closed code (first at closed[${seen.get(entry.code)}])`);
    } else seen.set(entry.code, i);
    if (typeof entry.name !== 'string' || entry.name.trim() === '')
      problems.push(`${where}: name must be a non-empty string`);
    if (typeof entry.closedAt !== 'string' || !ISO.test(entry.closedAt) || isNaN(Date.parse(entry.closedAt)))
      problems.push(`${where}: closedAt ${quote(entry.closedAt)} is not an ISO 8601 date-time`);
    if (!isAgencyCode(entry.successor) || !liveCodes.has(entry.successor))
      problems.push(`${where}: successor ${quote(entry.successor)} is not a live agency`);
    if (entry.policy !== 'redirect' && entry.policy !== 'refuse')
      problems.push(`${where}: policy ${quote(entry.policy)} is not 'redirect' or 'refuse'`);
    if (problems.length > before) return [];
    const { code, name, closedAt, successor, policy } = entry as unknown as ClosedCodeJson;
    return [{ code, name, closedAt, successor, policy }];
  });
}

const POLICY_TO_PROTO: Record<ClosurePolicy, ClosurePolicyProto> = {
  redirect: ClosurePolicyProto.CLOSURE_POLICY_REDIRECT,
  refuse: ClosurePolicyProto.CLOSURE_POLICY_REFUSE,
};

/** A closed code as kept in KV `lt_directory` (`closed.<encoded code>`). */
export function closedCodeToProto(c: ClosedCode): IClosedAgencyRecord {
  return {
    code: c.code,
    name: c.name,
    closedAt: c.closedAt,
    successor: c.successor,
    policy: POLICY_TO_PROTO[c.policy],
  };
}

/**
 * A directory record back as a closed code, unchecked: an unknown policy is passed on as a number
 * so that validation (validateClosedCodes) names it.
 */
export function closedCodeFromProto(r: IClosedAgencyRecord): ClosedCodeJson {
  const policy =
    r.policy === ClosurePolicyProto.CLOSURE_POLICY_REDIRECT
      ? 'redirect'
      : r.policy === ClosurePolicyProto.CLOSURE_POLICY_REFUSE
        ? 'refuse'
        : (r.policy as unknown as ClosurePolicy);
  return {
    code: r.code ?? '',
    name: r.name ?? '',
    closedAt: r.closedAt ?? '',
    successor: r.successor ?? '',
    policy,
  };
}
