/**
 * `lienthong doc refusals`: what the network refused of agencies' submissions over a past while —
 * a document or status refused at intake, and a status refused at the home node of the document's
 * sender (told back to the reporter's home node, in whatever domain) — read back from the track
 * stream, printed, and done. `doc watch` shows them live.
 */
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import {
  STREAMS,
  STREAM_SUBJECTS,
  assertAgencyCode,
  trackingRecordOrUndefined,
  trackFilterOfAgency,
} from '@lienthong/core';
import type { TrackingRecord } from '@lienthong/proto';
import { followSubjectCounted, refusalJson, refusalOf } from '@lienthong/sdk';
import { readAgencies } from '@lienthong/readers';
import { colorEnabled, formatTime, printJsonLine, write } from '../output';
import { parseDuration } from '../program';
import { openSession } from '../session';
import { globalsOf, resolveSettings } from '../settings';
import type { Settings } from '../settings';
import { watchLine } from './doc-watch';

/** Messages asked for at once while reading back. */
const BATCH = 1_000;

/** How long one batch may take to come before the read-back is said to have stalled. */
const BATCH_WAIT_MS = 10_000;

/** `24h`, `7d` (that long ago), or an ISO 8601 time. */
export function parseSince(value: string, now = Date.now()): number {
  try {
    return now - parseDuration(value);
  } catch {
    const at = Date.parse(value);
    if (Number.isFinite(at) && /^\d{4}-\d{2}-\d{2}/.test(value.trim())) return at;
    throw new InvalidArgumentError(
      'expected a duration such as 24h or 7d, or an ISO 8601 time such as 2026-12-01T08:00:00Z.',
    );
  }
}

export function docRefusals(doc: Command): void {
  doc
    .command('refusals')
    .description(
      'list what was refused of submissions over a past while (refused at intake, or a status refused at the home node of the document sender), read back from the track stream',
    )
    .option('--agency <code>', "only this agency's submissions")
    .option('--since <when>', 'how far back: a duration (24h, 7d) or an ISO 8601 time; 24h by default', (v) =>
      parseSince(v),
    )
    .option('--json', 'print one JSON object per refusal')
    .action(async (o: { agency?: string; since?: number; json?: boolean }, cmd: Command) => {
      const settings = resolveSettings(globalsOf(cmd));
      if (o.agency !== undefined) assertAgencyCode(o.agency);
      await list(settings, { ...o, since: o.since ?? Date.now() - 86_400_000 });
    });
}

async function list(
  settings: Settings,
  o: { agency?: string; since: number; json?: boolean },
): Promise<void> {
  const s = await openSession(settings, { follow: true });
  try {
    // Refuses a code the directory does not know. Its track subject at any node: it may have moved.
    if (o.agency) (await readAgencies(s, [o.agency])).agency(o.agency);
    const subject = o.agency ? trackFilterOfAgency(o.agency) : STREAM_SUBJECTS.track;
    const { consumer, pending } = await followSubjectCounted(s.js, s.jsm, STREAMS.track, subject, {
      sinceMs: o.since,
    });
    const color = colorEnabled();
    let left = pending;
    let found = 0;
    try {
      while (left > 0) {
        const batch = await consumer.fetch({ max_messages: Math.min(left, BATCH), expires: BATCH_WAIT_MS });
        let got = 0;
        for await (const m of batch) {
          got++;
          const r = trackingRecordOrUndefined(m.data);
          if (r === undefined || r.recipient !== '') continue;
          found++;
          if (o.json) printJsonLine(refusalLine(r));
          else write(`${watchLine(r, color)}\n`);
        }
        if (got === 0)
          throw new Error(`the read-back of ${subject} stalled with ${left} messages still to read`);
        left -= got;
      }
    } finally {
      await consumer.delete().catch(() => undefined);
    }
    const whose = o.agency ? ` of ${o.agency}` : '';
    process.stderr.write(
      `${found} refused${whose} since ${formatTime(o.since)} (${pending} tracking changes read from ${subject})\n`,
    );
  } finally {
    await s.close();
  }
}

/** As the gateway's `GET /api/v1/refusals` lists it, with the agency that submitted it. */
function refusalLine(r: TrackingRecord): Record<string, unknown> {
  return { agency: r.sender, ...refusalJson(refusalOf(r)!) };
}
