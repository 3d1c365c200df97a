/**
 * One reading of what nats.js throws, by its own error classes and JetStream API codes — not by
 * message text — so that the SDK, the node, the content store and the CLI agree on what failed.
 */
import {
  AuthorizationError,
  ClosedConnectionError,
  ConnectionError,
  DrainingConnectionError,
  NoRespondersError,
  PermissionViolationError,
  TimeoutError,
  UserAuthenticationExpiredError,
} from '@nats-io/transport-node';
import { JetStreamApiCodes, JetStreamApiError } from '@nats-io/jetstream';
import { jserrors } from '@nats-io/jetstream/internal';
import { LienthongError } from '@lienthong/core';
import type { ErrorCode } from '@lienthong/core';

/**
 * What went wrong, in the words the callers act on:
 * - `unreachable`: no connection to the server (refused, closed, draining, dropped);
 * - `no-responders`: the server answered that nobody listens on the subject (no stream captures a
 *   publish, or a request's service is down);
 * - `jetstream-disabled`: the account or server has no JetStream;
 * - `timeout`: the server (or JetStream) did not answer in time;
 * - `denied`: authentication or a permission refused the operation;
 * - `not-found`: the stream, consumer or message does not exist;
 * - `wrong-last-sequence`: a compare-and-set lost (a KV revision or an expected last sequence moved);
 * - `store-refused`: a stream limit refused the message (`max_msgs_per_subject`, `max_bytes`);
 * - `canceled`: aborted by the caller;
 * - `jetstream-api`: any other JetStream API error;
 * - `other`: not a NATS error.
 */
export type NatsErrorKind =
  | 'unreachable'
  | 'no-responders'
  | 'jetstream-disabled'
  | 'timeout'
  | 'denied'
  | 'not-found'
  | 'wrong-last-sequence'
  | 'store-refused'
  | 'canceled'
  | 'jetstream-api'
  | 'other';

export interface NatsErrorClass {
  readonly kind: NatsErrorKind;
  /** The stable code of `@lienthong/core` this kind maps to. */
  readonly code: ErrorCode;
  /** Trying the same operation again, unchanged, may succeed: the server or the path is down or slow. */
  readonly transient: boolean;
  /** The JetStream API `err_code`, when a JetStream API error is in the chain. */
  readonly apiCode?: number;
  /** For `not-found`: what is missing. */
  readonly missing?: 'stream' | 'consumer' | 'message';
  /** For `store-refused`: the bound that refused, when the server said which. */
  readonly limit?: 'subject' | 'bytes';
  /** For `denied`: the refused operation and subject of a permission violation. */
  readonly permission?: { readonly operation: 'publish' | 'subscription'; readonly subject: string };
}

/** JetStream's "store failed" code: a full subject (`max_msgs_per_subject`) or stream (`max_bytes`). */
export const JS_STORE_REFUSED = 10077;

/** Network errors of Node's sockets that mean "no server there". */
const SOCKET_ERRNOS = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
]);

const CODES: Record<NatsErrorKind, ErrorCode> = {
  unreachable: 'Unavailable',
  'no-responders': 'Unavailable',
  'jetstream-disabled': 'Unavailable',
  timeout: 'DeadlineExceeded',
  denied: 'PermissionDenied',
  'not-found': 'NotFound',
  'wrong-last-sequence': 'FailedPrecondition',
  'store-refused': 'ResourceExhausted',
  canceled: 'Canceled',
  'jetstream-api': 'Internal',
  other: 'Internal',
};

const TRANSIENT = new Set<NatsErrorKind>(['unreachable', 'no-responders', 'jetstream-disabled', 'timeout']);

type Detail = Omit<NatsErrorClass, 'kind' | 'code' | 'transient'>;
type Match = { kind: NatsErrorKind } & Detail;

/**
 * A foreign copy of nats.js (two installs of one version) makes errors our `instanceof` misses:
 * those are recognised by the runtime name the class gives its instances.
 */
function isA(e: object, cls: abstract new (...args: never[]) => Error, name: string): boolean {
  return e instanceof cls || (e as Error).name === name;
}

const API_ERROR_NAMES = new Set(['JetStreamApiError', 'StreamNotFoundError', 'ConsumerNotFoundError']);

function apiCodeOf(e: object): number | undefined {
  if (!(e instanceof JetStreamApiError) && !API_ERROR_NAMES.has((e as Error).name)) return undefined;
  const code = (e as { code?: unknown }).code;
  return typeof code === 'number' ? code : undefined;
}

function byApiCode(code: number, message: string): Match {
  switch (code) {
    case JetStreamApiCodes.StreamNotFound:
      return { kind: 'not-found', apiCode: code, missing: 'stream' };
    case JetStreamApiCodes.ConsumerNotFound:
      return { kind: 'not-found', apiCode: code, missing: 'consumer' };
    case JetStreamApiCodes.NoMessageFound:
      return { kind: 'not-found', apiCode: code, missing: 'message' };
    case JetStreamApiCodes.StreamWrongLastSequence:
    case JetStreamApiCodes.StreamWrongLastSequenceUnknown:
      return { kind: 'wrong-last-sequence', apiCode: code };
    case JetStreamApiCodes.JetStreamNotEnabledForAccount:
      return { kind: 'jetstream-disabled', apiCode: code };
    case JS_STORE_REFUSED: {
      // 10077 covers several store failures; the server's description says which bound it was.
      const limit = /per subject/i.test(message) ? 'subject' : /bytes/i.test(message) ? 'bytes' : undefined;
      return limit
        ? { kind: 'store-refused', apiCode: code, limit }
        : { kind: 'store-refused', apiCode: code };
    }
    default:
      return { kind: 'jetstream-api', apiCode: code };
  }
}

/** The kind of one link of a cause chain, or undefined when this link says nothing by itself. */
function classifyOne(e: object): Match | undefined {
  const message = (e as Error).message ?? '';
  if (isA(e, NoRespondersError, 'NoResponders')) {
    // Nobody answers the JetStream API: the server (or the domain asked for) has no JetStream.
    const subject = (e as { subject?: unknown }).subject;
    return {
      kind:
        typeof subject === 'string' && subject.startsWith('$JS.') ? 'jetstream-disabled' : 'no-responders',
    };
  }
  if (isA(e, PermissionViolationError, 'PermissionViolationError')) {
    const p = e as PermissionViolationError;
    return { kind: 'denied', permission: { operation: p.operation, subject: p.subject } };
  }
  if (
    isA(e, AuthorizationError, 'AuthorizationError') ||
    isA(e, UserAuthenticationExpiredError, 'UserAuthenticationExpiredError')
  )
    return { kind: 'denied' };
  const apiCode = apiCodeOf(e);
  if (apiCode !== undefined) return byApiCode(apiCode, message);
  if (isA(e, TimeoutError, 'TimeoutError')) return { kind: 'timeout' };
  if (
    isA(e, ConnectionError, 'ConnectionError') ||
    isA(e, ClosedConnectionError, 'ClosedConnectionError') ||
    isA(e, DrainingConnectionError, 'DrainingConnectionError') ||
    SOCKET_ERRNOS.has(String((e as { code?: unknown }).code))
  )
    return { kind: 'unreachable' };
  if ((e as Error).name === 'AbortError') return { kind: 'canceled' };
  return undefined;
}

function isJetStreamNotEnabled(e: object): boolean {
  return isA(e, jserrors.JetStreamNotEnabled, 'JetStreamNotEnabled');
}

/**
 * Classifies anything thrown by nats.js (or wrapping it as `cause`). The whole cause chain is read:
 * nats.js wraps a NoResponders in a RequestError, and a publish that no stream captures in a
 * `JetStreamNotEnabled` whose cause is that RequestError — that case is `no-responders`, since the
 * server does have JetStream.
 */
export function classifyNatsError(e: unknown): NatsErrorClass {
  const chain: object[] = [];
  for (let c: unknown = e; typeof c === 'object' && c !== null && chain.length < 8;) {
    chain.push(c);
    c = (c as { cause?: unknown }).cause;
  }
  let match: Match | undefined;
  for (const link of chain) {
    match = classifyOne(link);
    if (match) break;
  }
  // Only now: a JetStreamNotEnabled wrapping a NoResponders is a publish no stream captured.
  if (!match && chain.some(isJetStreamNotEnabled)) match = { kind: 'jetstream-disabled' };
  const m = match ?? { kind: 'other' as const };
  const code = m.kind === 'other' && e instanceof LienthongError ? e.code : CODES[m.kind];
  return { ...m, code, transient: TRANSIENT.has(m.kind) };
}

/** Shorthand: the error is of this kind. */
export function isNatsError(e: unknown, kind: NatsErrorKind): boolean {
  return classifyNatsError(e).kind === kind;
}

/**
 * Which bound refused a publish, if a stream limit refused it: `maximum messages per subject
 * exceeded` (also a second message on a discard-new-per-subject subject) or `maximum bytes
 * exceeded`.
 */
export function refusedBy(e: unknown): 'subject' | 'bytes' | undefined {
  const c = classifyNatsError(e);
  return c.kind === 'store-refused' ? c.limit : undefined;
}

/**
 * The error as a `LienthongError` with the code of its kind, saying `what` failed. A LienthongError
 * is returned as it is.
 */
export function toLienthongError(what: string, e: unknown): LienthongError {
  if (e instanceof LienthongError) return e;
  const c = classifyNatsError(e);
  if (c.kind === 'other') return LienthongError.from(e);
  const message = e instanceof Error ? e.message : String(e);
  return new LienthongError(c.code, `${what}: ${message}`, {
    context: { what, kind: c.kind, ...(c.apiCode !== undefined ? { apiCode: c.apiCode } : {}) },
    cause: e,
  });
}
