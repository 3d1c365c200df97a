/**
 * When a recipient must have confirmed arrival (01) before the sender's node raises the copy as
 * overdue. Decision 28/2018/QĐ-TTg: a document leaves on the day it is signed and urgent ones at
 * once, so by default an ordinary document must have arrived by the next working morning.
 */
import { Priority } from '@lienthong/proto';
import { LienthongError } from './errors';

export interface ConfirmPolicy {
  /** Local hour of the working morning; default 8. */
  morningHour?: number;
  /** Local time zone as minutes east of UTC; default 420 (Vietnam, UTC+7, no daylight saving). */
  utcOffsetMinutes?: number;
  /** Deadline for FLASH and FLASH_SCHEDULED documents; default 2 hours. */
  urgentWithinMs?: number;
  /** When set, every document gets sentAt + fixedMs (tests, special deployments). */
  fixedMs?: number;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** The confirmation deadline of a copy sent at `sentAtMs`, in Unix milliseconds. */
export function confirmDeadline(sentAtMs: number, priority: Priority, policy: ConfirmPolicy = {}): number {
  if (!Number.isFinite(sentAtMs)) {
    throw new LienthongError('InvalidArgument', 'sentAtMs must be a finite number', {
      context: { sentAtMs },
    });
  }
  if (policy.fixedMs !== undefined) return sentAtMs + policy.fixedMs;
  if (priority >= Priority.PRIORITY_FLASH) return sentAtMs + (policy.urgentWithinMs ?? 2 * HOUR_MS);
  const morningHour = policy.morningHour ?? 8;
  if (!Number.isInteger(morningHour) || morningHour < 0 || morningHour > 23) {
    throw new LienthongError('InvalidArgument', 'morningHour must be an integer from 0 to 23', {
      context: { morningHour },
    });
  }
  const offsetMs = (policy.utcOffsetMinutes ?? 420) * 60_000;
  // Work in "local time as if it were UTC" so the UTC calendar functions give local weekdays.
  const local = sentAtMs + offsetMs;
  let morning = Math.floor(local / DAY_MS) * DAY_MS + morningHour * HOUR_MS;
  if (morning <= local) morning += DAY_MS;
  for (;;) {
    const weekday = new Date(morning).getUTCDay();
    if (weekday !== 0 && weekday !== 6) break;
    morning += DAY_MS;
  }
  return morning - offsetMs;
}
