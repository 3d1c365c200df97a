/**
 * One error type with a stable code, plus small subclasses that fix the code and carry typed context.
 * Codes follow the gRPC/Connect vocabulary so the SDK, the CLI and the logs speak the same words.
 */
import { FailureReason } from '@lienthong/proto';

export type ErrorCode =
  | 'InvalidArgument'
  | 'NotFound'
  | 'AlreadyExists'
  | 'PermissionDenied'
  | 'FailedPrecondition'
  | 'ResourceExhausted'
  | 'DeadlineExceeded'
  | 'Unavailable'
  | 'Canceled'
  | 'Internal'
  | 'DataLoss';

export interface LienthongErrorOptions {
  context?: Readonly<Record<string, unknown>>;
  cause?: unknown;
}

// A registered symbol is shared by every copy of this package loaded in one process, so an error
// thrown by one copy is recognised by `instanceof` in another (pnpm can install two copies).
const BRAND: unique symbol = Symbol.for('lienthong.error') as never;

type AnyConstructor<T> = abstract new (...args: never[]) => T;

export class LienthongError extends Error {
  readonly code: ErrorCode;
  readonly context: Readonly<Record<string, unknown>>;

  constructor(code: ErrorCode, message: string, options: LienthongErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'LienthongError';
    this.code = code;
    this.context = Object.freeze({ ...options.context });
    Object.defineProperty(this, BRAND, { value: true, enumerable: false });
  }

  /**
   * True for errors made by any copy of this package. For a subclass, a foreign copy's instance is
   * recognised by its brand and its name, since its prototype chain is not ours.
   */
  static override [Symbol.hasInstance]<T>(this: AnyConstructor<T>, value: unknown): value is T {
    if (typeof value !== 'object' || value === null) return false;
    if (Function.prototype[Symbol.hasInstance].call(this, value)) return true;
    if ((value as { [BRAND]?: unknown })[BRAND] !== true) return false;
    return (this as unknown) === LienthongError || (value as Error).name === this.name;
  }

  /** Normalises anything thrown: keeps a LienthongError, maps aborts and timeouts, wraps the rest. */
  static from(e: unknown): LienthongError {
    if (e instanceof LienthongError) return e;
    const name = typeof e === 'object' && e !== null ? (e as { name?: unknown }).name : undefined;
    const message = e instanceof Error ? e.message : String(e);
    if (name === 'AbortError')
      return new LienthongError('Canceled', message || 'operation canceled', { cause: e });
    if (name === 'TimeoutError') {
      return new LienthongError('DeadlineExceeded', message || 'operation timed out', { cause: e });
    }
    return new LienthongError('Internal', message, { cause: e });
  }
}

/** Errors worth retrying with back-off: the other side may recover. */
export function isRetryable(e: unknown): boolean {
  return (
    e instanceof LienthongError &&
    (e.code === 'Unavailable' || e.code === 'DeadlineExceeded' || e.code === 'ResourceExhausted')
  );
}

/** Shortens untrusted input before it goes into a message or a log field. */
export function displayInput(input: unknown): string {
  const text = typeof input === 'string' ? input : String(input);
  return text.length > 64 ? `${text.slice(0, 61)}...` : text;
}

export type AgencyCodeProblem =
  | 'not a string'
  | 'empty'
  | 'too long'
  | 'wildcard or subject separator'
  | 'whitespace or control character'
  | 'non-ASCII character'
  | 'wrong shape';

export class InvalidAgencyCodeError extends LienthongError {
  readonly problem: AgencyCodeProblem;

  constructor(input: unknown, problem: AgencyCodeProblem, options: { what?: string; cause?: unknown } = {}) {
    const shown = displayInput(input);
    // The shape, when that is what is wrong: a mistyped code is the usual case.
    const expected =
      problem === 'wrong shape'
        ? options.what === undefined
          ? ' (expected AAA.BB.CC.Xnn, such as 000.00.00.G22)'
          : ' (expected AAA_BB_CC_Xnn, such as 000_00_00_G22)'
        : '';
    super('InvalidArgument', `'${shown}' is not ${options.what ?? 'an agency code'}: ${problem}${expected}`, {
      context: { input: shown, problem },
      cause: options.cause,
    });
    this.name = 'InvalidAgencyCodeError';
    this.problem = problem;
  }
}

export type NodeIdProblem = 'not a string' | 'empty' | 'too long' | 'wrong shape';

export class InvalidNodeIdError extends LienthongError {
  readonly problem: NodeIdProblem;

  constructor(input: unknown, problem: NodeIdProblem) {
    const shown = displayInput(input);
    super('InvalidArgument', `'${shown}' is not a node id: ${problem} (expected 1-32 of [a-z0-9-])`, {
      context: { input: shown, problem },
    });
    this.name = 'InvalidNodeIdError';
    this.problem = problem;
  }
}

export class TopologyError extends LienthongError {
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    const shown = problems.slice(0, 20).map((p) => `  - ${p}`);
    if (problems.length > 20) shown.push(`  - ... and ${problems.length - 20} more`);
    super('InvalidArgument', `invalid topology (${problems.length} problems):\n${shown.join('\n')}`, {
      context: { problems: [...problems] },
    });
    this.name = 'TopologyError';
    this.problems = Object.freeze([...problems]);
  }
}

export class RoutingError extends LienthongError {
  constructor(message: string, context: { from?: string; to?: string; [key: string]: unknown }) {
    super('NotFound', message, { context });
    this.name = 'RoutingError';
  }
}

export class DecodeError extends LienthongError {
  readonly reason: FailureReason;

  /**
   * @param what the message type being decoded, e.g. 'Envelope'
   * @param detail what exactly is wrong, starting with the field path when there is one
   */
  constructor(
    reason: FailureReason,
    what: string,
    detail: string,
    options: { context?: Readonly<Record<string, unknown>>; cause?: unknown } = {},
  ) {
    super('InvalidArgument', `invalid ${what}: ${detail}`, {
      context: { ...options.context, what, detail, reason: FailureReason[reason] ?? reason },
      cause: options.cause,
    });
    this.name = 'DecodeError';
    this.reason = reason;
  }
}

export class StatusRuleError extends LienthongError {
  constructor(
    message: string,
    context: { documentId?: string; recipient?: string; from: number | undefined; to: number },
  ) {
    super('FailedPrecondition', message, { context });
    this.name = 'StatusRuleError';
  }
}
