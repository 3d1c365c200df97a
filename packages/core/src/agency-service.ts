/**
 * The home node's service to its agencies (`lt.v1.<level>.<node>.svc.<agency token>`, request/reply,
 * JSON). What an agency would otherwise do itself with JetStream consumers, done for it by its home
 * node: an agency may create no consumer at all, because nats-server 2.9 cannot check a create
 * request's body, and a body can make a consumer push anywhere (`deliver_subject`). The node derives
 * who asks from the subject (only that agency may publish on it), and answers only on that agency's
 * own inbox prefix.
 *
 * - `inbox`: create or update the agency's durable pull consumer `lt-inbox-<token>` on its inbox;
 *   asked of a node that is not the agency's home in the directory (the agency moved), the answer
 *   is FailedPrecondition naming the home node (`homeNode`), and no consumer is made;
 * - `follow`: a push consumer of the agency's own track subject, delivering to a subject under the
 *   agency's inbox prefix (which only it may subscribe to), from now on;
 * - `keys`: the agency's tracking keys matching a filter under its own token, a page at a time;
 * - `content`: attachment content, only of documents the agency sent or received;
 * - `put`: stores a chunk or manifest of attachment content for the agency (which may not publish
 *   on content subjects itself), checking a chunk's bytes against its hash and counting the agency's
 *   uploads against its pace and its bound of content no document references yet.
 */
import { agencyToToken } from './agency';
import type { Level } from '@lienthong/proto';
import { LienthongError } from './errors';
import type { ErrorCode } from './errors';
import { SUBJECT_PREFIX, levelName } from './subjects';
import type { LevelName } from './subjects';
import { assertNodeId } from './ids';

/** Every agency service subject (what a process hosting every node listens on). */
export const AGENCY_SERVICE_SUBJECTS = `${SUBJECT_PREFIX}.*.*.svc.*`;

export function agencyServiceSubject(level: Level | LevelName, node: string, agency: string): string {
  const l = typeof level === 'string' ? level : levelName(level);
  return `${SUBJECT_PREFIX}.${l}.${assertNodeId(node)}.svc.${agencyToToken(agency)}`;
}

/** The agency service subjects of every node of a level. */
export function levelServiceSubjects(level: Level | LevelName): string {
  const l = typeof level === 'string' ? level : levelName(level);
  return `${SUBJECT_PREFIX}.${l}.*.svc.*`;
}

/** The subjects one node serves (a subscription with a wildcard for the agency token). */
export function nodeServiceSubjects(level: Level | LevelName, node: string): string {
  const l = typeof level === 'string' ? level : levelName(level);
  return `${SUBJECT_PREFIX}.${l}.${assertNodeId(node)}.svc.*`;
}

/** The durable inbox consumer of an agency. */
export function inboxDurableOf(agency: string): string {
  return `lt-inbox-${agencyToToken(agency)}`;
}

/** Bounds the home node keeps an agency's inbox consumer settings in. */
export const INBOX_CONSUMER_BOUNDS = Object.freeze({
  maxAckPending: { min: 1, max: 10_000 },
  ackWaitMs: { min: 1_000, max: 3_600_000 },
});

/** Tracking keys returned in one page of `keys`. */
export const KEYS_PAGE = 5_000;

export type AgencyServiceRequest =
  | { readonly op: 'inbox'; readonly maxAckPending: number; readonly ackWaitMs: number }
  /** From now on, or from `sinceMs` (Unix ms: what the subject kept since then, then on). */
  | { readonly op: 'follow'; readonly deliver: string; readonly sinceMs?: number }
  | { readonly op: 'keys'; readonly filter: string; readonly after?: string }
  /** Never JSON: a content read is asked with headers (see {@link CONTENT_READ_HEADERS}). */
  | { readonly op: 'content' }
  /** Never JSON: the body is the message to store (see {@link CONTENT_PUT_OP}). */
  | { readonly op: 'put' };

/**
 * A content store (`op` `put`) is a request whose body is the chunk or manifest to store, with the
 * headers `Lt-Op: put` and `Lt-Subject` (a content subject of the node's domain), and the upload's
 * `Lt-Upload`/`Lt-Chunk` hints passed on to the domain's guard. The reply is JSON: `{ ok: true,
 * stored }` (false: the subject held these bytes already), or the error, with `retryAfterMs` when
 * the agency is over its upload pace.
 */
export const CONTENT_PUT_OP = 'put';

/**
 * A content read (`op` `content`) is a request whose body is empty, or the bytes the agency is
 * storing on that subject (`have`: a chunk may be nearly 1 MiB, too much for JSON under NATS's
 * payload limit), with these headers: `Lt-Op: content`, `Lt-Subject` (a content subject of the
 * node's domain), `Lt-File` (the content's SHA-256, when reading a content of a document; absent
 * when the body is what the agency stores). The reply is the raw bytes, with {@link CONTENT_STATUS_HEADER}.
 */
export const CONTENT_READ_HEADERS = Object.freeze({ op: 'Lt-Op', subject: 'Lt-Subject', file: 'Lt-File' });

/**
 * `ok` (the bytes follow), `missing`, `denied`, `other` (what is stored differs from `have`), or
 * `unavailable` (the node could not look just now: try again).
 */
export const CONTENT_STATUS_HEADER = 'Lt-Content';

export type AgencyServiceReply =
  | {
      readonly ok: true;
      readonly name?: string;
      readonly keys?: string[];
      readonly more?: boolean;
      readonly stored?: boolean;
      /** `follow`: how many messages the new consumer reads back before it is at the present. */
      readonly pending?: number;
    }
  | {
      readonly ok: false;
      readonly code: ErrorCode;
      readonly message: string;
      /** Over a pace: when to try again. */
      readonly retryAfterMs?: number;
      /** FailedPrecondition for an agency homed at another node: the node that is its home now. */
      readonly homeNode?: string;
    };

/** The reply's result, or its error as a LienthongError. */
export function serviceResult(
  reply: AgencyServiceReply,
  what: string,
): Extract<AgencyServiceReply, { ok: true }> {
  if (reply.ok) return reply;
  const context = reply.homeNode === undefined ? { what } : { what, homeNode: reply.homeNode };
  throw new LienthongError(reply.code, `${what}: ${reply.message}`, { context });
}
