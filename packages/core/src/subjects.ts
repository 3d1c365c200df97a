/**
 * The v1 subject map: a public contract (docs/PROTOCOL.md). `lt.v1` goes with proto package
 * `lienthong.v1`; a breaking change to either means `lt.v2` + `lienthong.v2`.
 *
 *   lt.v1.<level>.<node>.submit.<agency>            an agency hands a document/status to its home node
 *   lt.v1.<level>.<node>.submit.<agency>.urgent     the same, in the urgent lane (priority 3-4)
 *   lt.v1.<level>.<node>.relay.<lane>.<from node>   a neighbour node hands an envelope over
 *   lt.v1.<level>.<node>.inbox.<agency>.<doc key>   one delivered item in an agency's inbox
 *   lt.v1.<level>.<node>.track.<agency>             tracking record changes for a sender
 *   lt.v1.<level>.<node>.dead                       dead letters of a node
 */
import { Level, Priority } from '@lienthong/proto';
import { agencyFromToken, agencyToToken } from './agency';
import { LienthongError } from './errors';
import { assertNodeId, isNodeId } from './ids';

export const SUBJECT_PREFIX = 'lt.v1';

export type LevelName = 'central' | 'province' | 'district' | 'commune';
export type Lane = 'urgent' | 'normal';
export type SubjectKind = 'submit' | 'relay' | 'inbox' | 'track' | 'dead';

const LEVEL_NAMES: ReadonlyMap<Level, LevelName> = new Map([
  [Level.LEVEL_CENTRAL, 'central'],
  [Level.LEVEL_PROVINCE, 'province'],
  [Level.LEVEL_DISTRICT, 'district'],
  [Level.LEVEL_COMMUNE, 'commune'],
]);
const LEVELS_BY_NAME: ReadonlyMap<string, Level> = new Map([...LEVEL_NAMES].map(([l, n]) => [n, l]));

export function isLevelName(s: unknown): s is LevelName {
  return typeof s === 'string' && LEVELS_BY_NAME.has(s);
}

export function levelName(level: Level): LevelName {
  const name = LEVEL_NAMES.get(level);
  if (name === undefined) {
    throw new LienthongError('InvalidArgument', `${String(level)} is not a node level`, {
      context: { level },
    });
  }
  return name;
}

export function levelFromName(name: string): Level {
  const level = LEVELS_BY_NAME.get(name);
  if (level === undefined) {
    throw new LienthongError(
      'InvalidArgument',
      `'${name}' is not a level name (central, province, district, commune)`,
      { context: { name } },
    );
  }
  return level;
}

/** Builders take a level as the enum or its name; subjects always carry the name. */
function nameOf(level: Level | LevelName): LevelName {
  return typeof level === 'string' ? levelName(levelFromName(level)) : levelName(level);
}

function nodeBase(level: Level | LevelName, node: string): string {
  return `${SUBJECT_PREFIX}.${nameOf(level)}.${assertNodeId(node)}`;
}

export function laneOf(priority: Priority): Lane {
  return priority === Priority.PRIORITY_FLASH || priority === Priority.PRIORITY_FLASH_SCHEDULED
    ? 'urgent'
    : 'normal';
}

function isLane(s: unknown): s is Lane {
  return s === 'urgent' || s === 'normal';
}

function assertLane(lane: unknown): Lane {
  if (isLane(lane)) return lane;
  throw new LienthongError('InvalidArgument', `'${String(lane)}' is not a lane (urgent, normal)`, {
    context: { lane },
  });
}

const DOC_KEY = /^[a-z0-9-]{1,128}$/;

function assertDocKey(docKey: unknown): string {
  if (typeof docKey === 'string' && DOC_KEY.test(docKey)) return docKey;
  throw new LienthongError(
    'InvalidArgument',
    `'${String(docKey)}' is not a document key (1-128 of [a-z0-9-])`,
    {
      context: { docKey },
    },
  );
}

/** The normal lane keeps the 6-token subject of v1; the urgent lane adds a 7th token. */
export function submitSubject(
  level: Level | LevelName,
  node: string,
  agency: string,
  lane: Lane = 'normal',
): string {
  const normal = `${nodeBase(level, node)}.submit.${agencyToToken(agency)}`;
  return assertLane(lane) === 'urgent' ? `${normal}.urgent` : normal;
}

export function relaySubject(level: Level | LevelName, node: string, lane: Lane, fromNode: string): string {
  return `${nodeBase(level, node)}.relay.${assertLane(lane)}.${assertNodeId(fromNode)}`;
}

/** One subject per delivered item, so an inbox stream keeping one message per subject de-duplicates. */
export function inboxSubject(level: Level | LevelName, node: string, agency: string, docKey: string): string {
  return `${nodeBase(level, node)}.inbox.${agencyToToken(agency)}.${assertDocKey(docKey)}`;
}

export function inboxFilter(level: Level | LevelName, node: string, agency: string): string {
  return `${nodeBase(level, node)}.inbox.${agencyToToken(agency)}.>`;
}

export function trackSubject(level: Level | LevelName, node: string, agency: string): string {
  return `${nodeBase(level, node)}.track.${agencyToToken(agency)}`;
}

/** The agency's track subject at any node: the changes of its documents wherever it is homed. */
export function trackFilterOfAgency(agency: string): string {
  return `${SUBJECT_PREFIX}.*.*.track.${agencyToToken(agency)}`;
}

export function deadSubject(level: Level | LevelName, node: string): string {
  return `${nodeBase(level, node)}.dead`;
}

/**
 * The subject of a node's audit chain (stream LT_AUDIT). Outside the `lt.v1.<level>.<node>.…` map on
 * purpose: a node's chain keeps its name when the node moves level.
 */
export function auditSubject(node: string): string {
  return `${SUBJECT_PREFIX}.audit.${node}`;
}

/** Every node's audit chain. */
export const AUDIT_SUBJECTS = `${SUBJECT_PREFIX}.audit.*`;

export interface SubjectSet {
  readonly submit: string;
  readonly relay: string;
  readonly inbox: string;
  readonly track: string;
  readonly dead: string;
}

/** Stream subjects covering every node. */
export const STREAM_SUBJECTS: SubjectSet = Object.freeze({
  submit: 'lt.v1.*.*.submit.>',
  relay: 'lt.v1.*.*.relay.>',
  inbox: 'lt.v1.*.*.inbox.>',
  track: 'lt.v1.*.*.track.*',
  dead: 'lt.v1.*.*.dead',
});

/**
 * What a stream of submissions or relays captures, one wildcard per lane: a subject outside the
 * lanes has no stream, so its publish fails at once instead of waiting where no consumer looks.
 * `prefix` is `lt.v1.*.*` for every node, or one node's `lt.v1.<level>.<node>`.
 */
export function laneSubjects(prefix: string): { submit: Record<Lane, string>; relay: Record<Lane, string> } {
  return {
    submit: { normal: `${prefix}.submit.*`, urgent: `${prefix}.submit.*.urgent` },
    relay: { normal: `${prefix}.relay.normal.*`, urgent: `${prefix}.relay.urgent.*` },
  };
}

/** The same five wildcards for one node, e.g. for a stream or consumer that serves only it. */
export function nodeSubjects(level: Level | LevelName, node: string): SubjectSet {
  const base = nodeBase(level, node);
  return Object.freeze({
    submit: `${base}.submit.>`,
    relay: `${base}.relay.>`,
    inbox: `${base}.inbox.>`,
    track: `${base}.track.*`,
    dead: `${base}.dead`,
  });
}

interface SubjectBase {
  readonly level: Level;
  readonly levelName: LevelName;
  readonly node: string;
}

export type ParsedSubject =
  | (SubjectBase & { readonly kind: 'submit'; readonly agency: string; readonly lane: Lane })
  | (SubjectBase & { readonly kind: 'relay'; readonly lane: Lane; readonly from: string })
  | (SubjectBase & { readonly kind: 'inbox'; readonly agency: string; readonly docKey: string })
  | (SubjectBase & { readonly kind: 'track'; readonly agency: string })
  | (SubjectBase & { readonly kind: 'dead' });

function agencyOfToken(token: string | undefined): string | undefined {
  if (token === undefined) return undefined;
  try {
    return agencyFromToken(token);
  } catch {
    return undefined;
  }
}

/** The parts of a subject in the v1 map, or undefined for anything else. Never throws. */
export function parseSubject(subject: string): ParsedSubject | undefined {
  if (typeof subject !== 'string' || subject.length > 256) return undefined;
  const t = subject.split('.');
  const [lt, v1, levelToken, node, kind, a, b] = t;
  if (lt !== 'lt' || v1 !== 'v1' || !isLevelName(levelToken) || !isNodeId(node)) return undefined;
  const base: SubjectBase = { level: levelFromName(levelToken), levelName: levelToken, node };
  switch (kind) {
    case 'submit': {
      const urgent = t.length === 7 && b === 'urgent';
      const agency = t.length === 6 || urgent ? agencyOfToken(a) : undefined;
      return agency === undefined ? undefined : { ...base, kind, agency, lane: urgent ? 'urgent' : 'normal' };
    }
    case 'track': {
      const agency = t.length === 6 ? agencyOfToken(a) : undefined;
      return agency === undefined ? undefined : { ...base, kind, agency };
    }
    case 'relay':
      return t.length === 7 && isLane(a) && isNodeId(b) ? { ...base, kind, lane: a, from: b } : undefined;
    case 'inbox': {
      const agency = t.length === 7 ? agencyOfToken(a) : undefined;
      return agency !== undefined && b !== undefined && DOC_KEY.test(b)
        ? { ...base, kind, agency, docKey: b }
        : undefined;
    }
    case 'dead':
      return t.length === 5 ? { ...base, kind } : undefined;
    default:
      return undefined;
  }
}
