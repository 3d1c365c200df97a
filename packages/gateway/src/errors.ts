import { LienthongError, isBackpressure } from '@lienthong/core';
import { UnknownRecipientsError } from '@lienthong/sdk';
import type { PackageTooLargeError } from './spool';

/** A gateway error: the HTTP layer maps `status` and `code` to its answer. */
export class GatewayError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'GatewayError';
  }
}

export function tooLarge(e: PackageTooLargeError): GatewayError {
  return new GatewayError(413, 'TooLarge', e.message, {
    limit: e.limit,
    ...(e.size !== undefined ? { size: e.size } : {}),
  });
}

/** SDK errors as gateway errors: the SDK's codes mapped to HTTP statuses. */
export async function sdkCall<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    throw gatewayErrorOf(e);
  }
}

const STATUS_OF: Record<string, number> = {
  InvalidArgument: 400,
  NotFound: 404,
  AlreadyExists: 409,
  PermissionDenied: 403,
  FailedPrecondition: 409,
  ResourceExhausted: 429,
  DeadlineExceeded: 504,
  Unavailable: 503,
  Canceled: 499,
  Internal: 500,
  DataLoss: 500,
};

export function gatewayErrorOf(e: unknown): GatewayError {
  if (e instanceof GatewayError) return e;
  if (isBackpressure(e)) {
    return new GatewayError(429, 'ResourceExhausted', e.message, { scope: e.scope }, e.retryAfterMs);
  }
  // A package naming recipients the directory does not have is the caller's input to fix (400, not a
  // 404 an HTTP client takes for a wrong address), every such recipient named.
  if (e instanceof UnknownRecipientsError) {
    return new GatewayError(400, 'InvalidArgument', e.message, { recipients: [...e.recipients] });
  }
  if (e instanceof LienthongError) {
    const status = STATUS_OF[e.code] ?? 500;
    return new GatewayError(status, e.code, e.message);
  }
  return new GatewayError(500, 'Internal', 'internal error');
}

/** A caller acting as a code that is no live agency: a closed one is told its successor. */
export function notAnAgency(
  agency: string,
  closed?: { closedAt: string; successor: string; policy?: string },
): GatewayError {
  if (!closed) return new GatewayError(403, 'PermissionDenied', `agency ${agency} is not in the directory`);
  const what =
    closed.policy === 'refuse'
      ? `what is sent to it is refused, naming its successor ${closed.successor}`
      : `its successor ${closed.successor} receives what is sent to it`;
  return new GatewayError(
    403,
    'PermissionDenied',
    `agency ${agency} was closed on ${closed.closedAt}; ${what}: act as ${closed.successor}`,
  );
}
