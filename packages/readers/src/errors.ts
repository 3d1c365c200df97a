import { LienthongError } from '@lienthong/core';
import type { ErrorCode } from '@lienthong/core';
import { classifyNatsError } from '@lienthong/infra';

/** Exit codes: 0 done, 1 the operation failed, 2 the command line is wrong. `check` uses Nagios codes. */
export const EXIT = Object.freeze({ ok: 0, failed: 1, usage: 2 });

/**
 * An error meant for a person at a terminal: a stable code, what went wrong, and a hint on what to
 * try next. Everything else thrown is translated into one of these by {@link explain}.
 */
export class CliError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;
  readonly exitCode: number;

  constructor(
    code: ErrorCode,
    message: string,
    opts: { hint?: string; exitCode?: number; cause?: unknown } = {},
  ) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'CliError';
    this.code = code;
    this.hint = opts.hint;
    this.exitCode = opts.exitCode ?? (code === 'InvalidArgument' ? EXIT.usage : EXIT.failed);
  }
}

export function unreachable(server: string, cause?: unknown): CliError {
  return new CliError(
    'Unavailable',
    `cannot reach NATS at ${server}: is \`lienthong up\` running? (use -s to pick a server)`,
    { cause },
  );
}

export function notFound(message: string, hint?: string): CliError {
  return new CliError('NotFound', message, hint === undefined ? {} : { hint });
}

export function invalid(message: string, hint?: string): CliError {
  return new CliError('InvalidArgument', message, hint === undefined ? {} : { hint });
}

/** The server refusing replies on nats.js's default inbox prefix: the identity has a prefix of its own. */
function defaultInboxRefused(p: { operation: string; subject: string } | undefined): boolean {
  return p?.operation === 'subscription' && p.subject.startsWith('_INBOX.');
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Turns anything thrown into a CliError, recognising NATS and JetStream failures by their classes. */
export function explain(
  e: unknown,
  ctx: { server?: string; timeoutMs?: number; domain?: string } = {},
): CliError {
  if (e instanceof CliError) return e;
  const server = ctx.server ?? 'the server';
  const inUse = addressInUse(e);
  if (inUse) {
    return new CliError(
      'FailedPrecondition',
      `cannot listen on ${inUse.address ?? '127.0.0.1'}:${inUse.port ?? '?'}: address already in use (another program listens there)`,
      { hint: 'pick another port', cause: e },
    );
  }
  const nats = classifyNatsError(e);
  switch (nats.kind) {
    case 'unreachable':
      return unreachable(server, e);
    case 'denied':
      return new CliError('PermissionDenied', `NATS at ${server} refused: ${messageOf(e)}`, {
        hint: defaultInboxRefused(nats.permission)
          ? // Every identity but an operator's receives replies only under its own inbox prefix.
            "these credentials are not an operator's (an agency's, a node's or an observer's identity gets replies only on its own inbox prefix): this command takes the operator's seed file (`lienthong up` prints it as creds:; `lienthong creds issue ops NAME --data DIR` issues one); an agency's own works for doc send"
          : 'check the --creds file (nkey seed, user/password or token) or the context; a revoked identity is refused',
        cause: e,
      });
    case 'jetstream-disabled':
    case 'no-responders':
      return new CliError(
        'Unavailable',
        // The connection's own account of it names the domain the server does serve, if any.
        e instanceof LienthongError && 'ownDomain' in e.context
          ? e.message
          : `JetStream does not answer at ${server}${ctx.domain ? ` in domain ${ctx.domain}` : ''}`,
        { hint: 'is this the lienthong server? a province with its own domain needs --domain', cause: e },
      );
    case 'not-found':
      if (nats.missing === 'stream') {
        return new CliError('NotFound', `${messageOf(e)} at ${server}`, {
          hint: 'no lienthong node has started on this server yet (or pass --domain)',
          cause: e,
        });
      }
      break;
    case 'timeout':
      return new CliError(
        'DeadlineExceeded',
        `NATS at ${server} did not answer within ${ctx.timeoutMs ?? 'the'} ms`,
        { hint: 'raise --timeout, or check the server', cause: e },
      );
    default:
      break;
  }
  if (e instanceof LienthongError) {
    if (e.code === 'Unavailable' && /connect/i.test(e.message)) return unreachable(server, e);
    return new CliError(e.code, e.message, { cause: e });
  }
  return new CliError('Internal', messageOf(e), { cause: e });
}

/** A listen that failed because another program holds the port (`EADDRINUSE`), in `e` or its causes. */
function addressInUse(e: unknown): { address?: string; port?: number } | undefined {
  for (let c: unknown = e, depth = 0; c !== null && typeof c === 'object' && depth < 8; depth++) {
    if ((c as { code?: unknown }).code === 'EADDRINUSE') return c as { address?: string; port?: number };
    c = (c as { cause?: unknown }).cause;
  }
  return undefined;
}

/** A JetStream API "not found" (stream, consumer or message). */
export function isJsNotFound(e: unknown): boolean {
  return classifyNatsError(e).kind === 'not-found';
}
