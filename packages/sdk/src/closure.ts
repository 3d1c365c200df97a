/** A code closed by a reorganisation (`closed.<token>` in the directory), as a client meets it. */
import type { KV } from '@nats-io/kv';
import { LienthongError, directoryKeys } from '@lienthong/core';
import type { ErrorCode } from '@lienthong/core';
import { ClosedAgencyRecord, ClosurePolicy } from '@lienthong/proto';

export interface Closure {
  readonly successor: string;
  readonly closedAt: string;
  /** What happens to what is still sent to the code: carried to the successor, or refused. */
  readonly refused?: boolean;
}

/** The closure of `agency`, if the directory holds one. */
export async function readClosure(directory: KV, agency: string): Promise<Closure | undefined> {
  const entry = await directory.get(directoryKeys.closed(agency));
  if (!entry || entry.operation !== 'PUT') return undefined;
  const { successor, closedAt, policy } = ClosedAgencyRecord.decode(entry.value);
  return policy === ClosurePolicy.CLOSURE_POLICY_REFUSE
    ? { successor, closedAt, refused: true }
    : { successor, closedAt };
}

/** What a client of a closed code is told: who succeeds it, and to connect as that agency. */
export function closedError(
  code: ErrorCode,
  agency: string,
  { successor, closedAt, refused }: Closure,
): LienthongError {
  const what = refused
    ? `what is sent to it is refused, naming its successor ${successor}, which received its unread inbox items`
    : `its successor ${successor} receives what is sent to it and its unread inbox items`;
  return new LienthongError(
    code,
    `agency ${agency} was closed on ${closedAt}; ${what}: connect as ${successor}`,
    { context: { agency, successor, closedAt } },
  );
}
