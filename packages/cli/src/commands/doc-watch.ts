/** `lienthong doc watch`: tracking changes as they happen, one line each. */
import type { ConsumerMessages } from '@nats-io/jetstream';
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { followSubject } from '@lienthong/sdk';
import {
  STREAMS,
  STREAM_SUBJECTS,
  TRACK_ADDED_HEADER,
  assertAgencyCode,
  decodeTrackingRecord,
  parseAddedHeader,
  trackFilterOfAgency,
} from '@lienthong/core';
import type { TrackingRecord } from '@lienthong/proto';
import { isFailed, readAgencies, recordJson } from '@lienthong/readers';
import {
  businessName,
  colorEnabled,
  formatTime,
  paint,
  printJsonLine,
  reasonName,
  transportName,
  write,
} from '../output';
import { openSession } from '../session';
import { globalsOf, resolveSettings } from '../settings';
import type { Settings } from '../settings';

export function docWatch(doc: Command): void {
  doc
    .command('watch')
    .description('print tracking changes as they happen (a pull consumer on the track stream); Ctrl-C stops')
    .option('--agency <code>', 'only changes of documents this agency sent')
    .option('--count <n>', 'stop after this many changes', (v) => {
      const n = Number(v);
      if (!Number.isSafeInteger(n) || n <= 0)
        throw new InvalidArgumentError('expected a positive whole number.');
      return n;
    })
    .option('--json', 'print one JSON object per line')
    .action(async (o: { agency?: string; count?: number; json?: boolean }, cmd: Command) => {
      const settings = resolveSettings(globalsOf(cmd));
      if (o.agency !== undefined) assertAgencyCode(o.agency);
      await watch(settings, o);
    });
}

async function watch(
  settings: Settings,
  o: { agency?: string; count?: number; json?: boolean },
): Promise<void> {
  const s = await openSession(settings, { follow: true });
  let subject: string = STREAM_SUBJECTS.track;
  try {
    if (o.agency) {
      // Refuses a code the directory does not know. Its track subject at any node: the agency may
      // move while this runs, and its changes are published at its home node.
      (await readAgencies(s, [o.agency])).agency(o.agency);
      subject = trackFilterOfAgency(o.agency);
    }
  } catch (e) {
    await s.close();
    throw e;
  }
  // What the stream stored (written by nodes only), not a core subscription: a consumer that
  // someone points at a track subject reaches no watcher.
  let sub: ConsumerMessages;
  try {
    sub = await (await followSubject(s.js, s.jsm, STREAMS.track, subject)).consume();
  } catch (e) {
    await s.close();
    throw e;
  }
  const stop = (): void => void sub.close();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  process.stderr.write(`watching ${subject} on ${settings.server} (Ctrl-C stops)\n`);
  const color = colorEnabled();
  let seen = 0;
  try {
    for await (const m of sub) {
      if (o.count && ++seen >= o.count) stop();
      let r: TrackingRecord;
      try {
        r = decodeTrackingRecord(m.data);
      } catch (e) {
        process.stderr.write(`${m.subject}: not a TrackingRecord (${(e as Error).message})\n`);
        continue;
      }
      if (o.json) {
        printJsonLine({
          natsSubject: m.subject,
          kind: m.headers?.get('Lt-Kind') || (r.recipient ? 'tracking' : 'rejection'),
          ...recordJson(r),
        });
        continue;
      }
      const said = m.headers?.has(TRACK_ADDED_HEADER) ? m.headers.get(TRACK_ADDED_HEADER) : undefined;
      write(`${watchLine(r, color, parseAddedHeader(said, r.timeline.length))}\n`);
    }
  } finally {
    process.removeListener('SIGINT', stop);
    process.removeListener('SIGTERM', stop);
    await s.close();
  }
}

/**
 * One line per change: when, the document, sender → recipient, the states, and what changed: the
 * entries the change added (`added`, positions in the timeline: statuses that arrived together are
 * written at once), else the newest entry.
 */
export function watchLine(r: TrackingRecord, color: boolean, added?: readonly number[]): string {
  const at = formatTime(r.updatedAtMs || Date.now());
  if (!r.recipient) {
    // A refused status names its code (and, refused at the document sender's home, that node).
    const refused = r.timeline[0];
    const what = refused?.business
      ? `status ${businessName(refused.business)}${refused.node ? ` at ${refused.node}` : ''}`
      : r.sender;
    return `${at}  ${paint.red(color)('REFUSED')}  ${what}  ${r.documentId || '(undecodable submission)'}  ${reasonName(r.failure)}: ${r.failureDetail}`;
  }
  const entries = added?.length ? added.map((i) => r.timeline[i]!) : r.timeline.slice(-1);
  const change = entries
    .map(
      (e) =>
        `${e.business ? businessName(e.business) : transportName(e.transport)}${e.node ? ` at ${e.node}` : ''}${e.ignored ? ' (ignored)' : ''}`,
    )
    .join(', ');
  const flags = [
    r.overdue ? paint.red(color)('OVERDUE') : '',
    isFailed(r) ? paint.red(color)(`FAILED ${reasonName(r.failure)}`) : '',
  ]
    .filter(Boolean)
    .join(' ');
  return [
    at,
    r.documentId,
    `${r.sender} → ${r.recipient}`,
    transportName(r.transport),
    businessName(r.business),
    change ? `[${change}]` : '',
    flags,
  ]
    .filter(Boolean)
    .join('  ');
}
