/**
 * The `Nats-Msg-Id` of a submission: the key under which the home node's submit stream de-duplicates
 * it. The stream de-duplicates across every agency's subject, so an id another agency can compute
 * is an id it can take first (a message of its own with that id makes the real one a "duplicate"
 * that is never stored). So the id is scoped and keyed:
 *
 * - it names the submitting agency (`lt1:<agency token>:…`), and a home node refuses a submission
 *   whose id names another agency (`submitMsgIdProblem`), so a claim on someone else's id is seen;
 * - the rest is an HMAC-SHA-256 of what the submission is, under a key only the agency holds
 *   (derived from its credentials, `msgIdKeyFrom`), so another agency cannot compute it.
 *
 * The same parts under the same key give the same id, which keeps retries idempotent.
 */
import { createHash, createHmac } from 'node:crypto';
import { agencyToToken } from './agency';
import { LienthongError } from './errors';
import { sha256 } from './sha256';

const SCOPED = /^lt1:([0-9A-Za-z_]+):/;

/** A key for `submitMsgId` from an agency's secret (its nkey seed, password or token). */
export function msgIdKeyFrom(secret: string): Uint8Array {
  if (typeof secret !== 'string' || secret.length === 0) {
    throw new LienthongError('InvalidArgument', 'a message-id key needs a non-empty secret');
  }
  return createHash('sha256').update('lienthong/submit-msg-id/v1\u0000').update(secret, 'utf8').digest();
}

/**
 * The message id of one submission by `agency`, from the parts that define it (kind, document id,
 * operation or status and time). Without a key (a client with no credentials, on a server without
 * authorization, where anyone may publish anything anyway) the digest is unkeyed.
 */
export function submitMsgId(agency: string, parts: readonly string[], key?: Uint8Array): string {
  const token = agencyToToken(agency); // refuses a string that is not an agency code
  if (parts.length === 0) throw new LienthongError('InvalidArgument', 'submitMsgId needs at least one part');
  // `<token>\0`, then `<byte length>\0<part>` for each part, as one UTF-8 string in one update.
  let text = `${token}\u0000`;
  for (const p of parts) text += `${Buffer.byteLength(p, 'utf8')}\u0000${p}`;
  const digest = key ? createHmac('sha256', key).update(text, 'utf8').digest() : sha256(text);
  return `lt1:${token}:${digest.toString('base64url').slice(0, 32)}`;
}

/**
 * Why a submission on `submitter`'s subject must be refused for its message id: the id is scoped to
 * another agency (an attempt to take that agency's id). Undefined when it is the submitter's own
 * scope or not a scoped id at all (clients of other makers choose their own ids).
 */
export function submitMsgIdProblem(submitter: string, msgId: string | undefined): string | undefined {
  if (!msgId) return undefined;
  const m = SCOPED.exec(msgId);
  if (!m) return undefined;
  const own = agencyToToken(submitter);
  return m[1] === own
    ? undefined
    : `its message id '${msgId.slice(0, 80)}' is scoped to another agency (${m[1]})`;
}
