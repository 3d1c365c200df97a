import type { Command } from 'commander';
import { EnvelopeKind, Envelope, FailureReason } from '@lienthong/proto';
import {
  decodeOriginal,
  getDeadLetter,
  listDeadLetters,
  removeDeadLetter,
  replayDeadLetter,
} from '@lienthong/readers';
import type { DeadLetterEntry, ReplayOutcome } from '@lienthong/readers';
import { invalid, notFound } from '../errors';
import {
  colorEnabled,
  fields,
  formatBytes,
  formatTime,
  isoTime,
  paint,
  printJson,
  Progress,
  reasonName,
  table,
  write,
} from '../output';
import { parseCount, parsePositiveInt } from '../program';
import { withSession } from '../session';
import { globalsOf, resolveSettings } from '../settings';

function entryJson(e: DeadLetterEntry, withOriginal = false): Record<string, unknown> {
  const l = e.letter;
  return {
    seq: e.seq,
    time: isoTime(e.atMs),
    atMs: e.atMs,
    deadSubject: e.subject,
    node: l?.node || null,
    reason: l ? reasonName(l.reason) : null,
    detail: l?.detail ?? e.problem ?? null,
    subject: l?.subject || null,
    documentId: l?.documentId || null,
    envelopeId: l?.envelopeId || null,
    originAgency: l?.originAgency || null,
    size: l?.original.length ?? 0,
    ...(withOriginal ? { original: l ? Buffer.from(l.original).toString('base64') : null } : {}),
  };
}

function parseSeq(value: string): number {
  return parsePositiveInt(value);
}

export function registerDlq(program: Command): void {
  const dlq = program.command('dlq').description('dead letters (LT_DEAD): list, show, replay, remove');
  dlqLs(dlq);
  dlqShow(dlq);
  dlqReplay(dlq);
  dlqRm(dlq);
}

/** `ls`: list dead letters, oldest first (the newest --limit). */
function dlqLs(dlq: Command): void {
  dlq
    .command('ls')
    .description('list dead letters, oldest first (the newest --limit)')
    .option('--node <id>', "only this node's dead letters")
    .option('--limit <n>', 'show at most this many, the newest', parseCount, 50)
    .option('--json', 'print JSON')
    .action(async (o: { node?: string; limit: number; json?: boolean }, cmd: Command) => {
      const settings = resolveSettings(globalsOf(cmd));
      const entries = await withSession(settings, (s) =>
        listDeadLetters(s, { ...(o.node !== undefined ? { node: o.node } : {}), limit: o.limit }),
      );
      if (o.json) {
        printJson(entries.map((e) => entryJson(e)));
        return;
      }
      if (entries.length === 0) {
        write(o.node ? `no dead letters for ${o.node}\n` : 'no dead letters\n');
        return;
      }
      write(
        table(entries, [
          { header: 'SEQ', value: (e) => e.seq, align: 'right' },
          { header: 'TIME', value: (e) => formatTime(e.atMs) },
          { header: 'NODE', value: (e) => e.letter?.node || '-' },
          { header: 'REASON', value: (e) => (e.letter ? reasonName(e.letter.reason) : 'UNREADABLE') },
          { header: 'DOCUMENT', value: (e) => e.letter?.documentId || '-', max: 44 },
          { header: 'DETAIL', value: (e) => e.letter?.detail ?? e.problem ?? '', max: 70 },
        ]),
      );
      write(`\n${entries.length} shown; details: lienthong dlq show SEQ; ${nextStep(entries)}\n`);
    });
}

/**
 * Reasons a replay meets again as they are (the bytes, or who sent them, are wrong): OPERATIONS §5
 * says to remove them, not to replay them.
 */
const NEVER_CURED = new Set<FailureReason>([
  FailureReason.FAILURE_REASON_MALFORMED,
  FailureReason.FAILURE_REASON_TOO_LARGE,
  FailureReason.FAILURE_REASON_UNSUPPORTED_SCHEMA,
  FailureReason.FAILURE_REASON_INVALID_AGENCY_CODE,
  FailureReason.FAILURE_REASON_SENDER_MISMATCH,
]);

/** What the listing's last line suggests: a replay, unless nothing shown would pass one. */
function nextStep(entries: readonly { letter?: { reason: FailureReason } | undefined }[]): string {
  const cured = entries.filter((e) => !e.letter || !NEVER_CURED.has(e.letter.reason)).length;
  if (cured === 0)
    return 'none of these passes a replay (malformed, or sent under another code): lienthong dlq rm SEQ…';
  if (cured < entries.length)
    return 'retry once the cause is fixed: lienthong dlq replay SEQ; remove the malformed ones: lienthong dlq rm SEQ…';
  return 'retry once the cause is fixed: lienthong dlq replay SEQ';
}

/** `show`: one dead letter in full, with its original decoded when it decodes. */
function dlqShow(dlq: Command): void {
  dlq
    .command('show')
    .description('one dead letter in full, with its original decoded when it decodes')
    .argument('<seq>', 'sequence in LT_DEAD (from dlq ls)', parseSeq)
    .option('--json', 'print JSON (the original as base64)')
    .action(async (seq: number, o: { json?: boolean }, cmd: Command) => {
      const settings = resolveSettings(globalsOf(cmd));
      const entry = await withSession(settings, (s) => getDeadLetter(s, seq));
      if (!entry) throw notFound(`no dead letter ${seq} in LT_DEAD`, 'list them with `lienthong dlq ls`');
      const decoded = entry.letter
        ? decodeOriginal(entry.letter)
        : { problem: 'the dead letter itself does not decode' };
      if (o.json) {
        printJson({
          ...entryJson(entry, true),
          decoded: decoded.envelope
            ? Envelope.toObject(decoded.envelope, {
                enums: String,
                longs: Number,
                bytes: String,
                arrays: true,
              })
            : null,
          decodeError: decoded.problem ?? null,
        });
        return;
      }
      const color = colorEnabled();
      const l = entry.letter;
      write(`${paint.bold(color)(`dead letter ${entry.seq}`)}\n`);
      write(
        fields([
          ['time', formatTime(entry.atMs)],
          ['node', l?.node || '-'],
          ['reason', l ? reasonName(l.reason) : 'UNREADABLE'],
          ['detail', l?.detail ?? entry.problem ?? '-'],
          ['arrived on', l?.subject || '- (built by the node)'],
          ['document', l?.documentId || '-'],
          ['envelope', l?.envelopeId || '-'],
          ['origin', l?.originAgency || '-'],
          ['original', l ? formatBytes(l.original.length) : '-'],
        ]),
      );
      if (decoded.envelope) {
        write('\noriginal decodes as an Envelope\n');
        write(describeEnvelope(decoded.envelope));
      } else {
        write(`\noriginal does not decode: ${decoded.problem}\n`);
        if (l && l.original.length > 0)
          write(`first bytes: ${Buffer.from(l.original.subarray(0, 48)).toString('hex')}\n`);
      }
    });
}

function dlqReplay(dlq: Command): void {
  dlq
    .command('replay')
    .description(
      're-publish the original to the subject it arrived on (message id replay:<seq>), then remove the dead letter',
    )
    .argument('[seq...]', 'sequences in LT_DEAD', (v: string, prev: number[] = []) => [...prev, parseSeq(v)])
    .option('--all', 'every dead letter (of --node, if given)')
    .option('--node <id>', 'with --all: only this node')
    .option('--json', 'print JSON')
    .action(
      async (
        seqs: number[] | undefined,
        o: { all?: boolean; node?: string; json?: boolean },
        cmd: Command,
      ) => {
        const given = seqs ?? [];
        if (Boolean(o.all) === given.length > 0)
          throw invalid('name the dead letters to replay or pass --all (not both)');
        if (o.node !== undefined && !o.all) throw invalid('--node goes with --all');
        const settings = resolveSettings(globalsOf(cmd));
        const outcomes = await withSession(settings, async (s) => {
          const targets = o.all
            ? (await listDeadLetters(s, o.node !== undefined ? { node: o.node } : {})).map((e) => e.seq)
            : given;
          const progress = new Progress(targets.length, 'replaying');
          const done: ReplayOutcome[] = [];
          const quiet = o.json || (o.all && process.stdout.isTTY === true);
          for (const seq of targets) {
            const outcome = await replayDeadLetter(s, seq);
            done.push(outcome);
            if (!quiet) write(`${describeReplay(outcome)}\n`);
            progress.tick(done.length);
          }
          progress.end();
          return done;
        });
        if (o.json) {
          printJson(outcomes);
          return;
        }
        if (o.all) {
          const count = (r: ReplayOutcome['result']): number => outcomes.filter((x) => x.result === r).length;
          write(
            `replayed ${count('replayed')} of ${outcomes.length} dead letters (${count('skipped')} skipped, ${count('gone')} already gone)\n`,
          );
          if (process.stdout.isTTY)
            for (const x of outcomes.filter((y) => y.result === 'skipped')) write(`${describeReplay(x)}\n`);
        }
        if (outcomes.some((x) => x.result === 'skipped')) process.exitCode = 1;
      },
    );
}

/** `rm`: remove dead letters without replaying them (e.g. garbage that will never decode). */
function dlqRm(dlq: Command): void {
  dlq
    .command('rm')
    .description('remove dead letters without replaying them (e.g. garbage that will never decode)')
    .argument('<seq...>', 'sequences in LT_DEAD', (v: string, prev: number[] = []) => [...prev, parseSeq(v)])
    .action(async (seqs: number[], _o: unknown, cmd: Command) => {
      const settings = resolveSettings(globalsOf(cmd));
      await withSession(settings, async (s) => {
        for (const seq of seqs) {
          const removed = await removeDeadLetter(s, seq);
          write(removed ? `removed dead letter ${seq}\n` : `dead letter ${seq} was already gone\n`);
        }
      });
    });
}

function describeReplay(o: ReplayOutcome): string {
  switch (o.result) {
    case 'replayed':
      return `dead letter ${o.seq}: replayed to ${o.subject} (${o.stream} seq ${o.streamSeq}${o.duplicate ? ', a duplicate of an earlier replay: kept once' : ''}) and removed`;
    case 'gone':
      return `dead letter ${o.seq}: no longer in LT_DEAD (already replayed or removed): nothing to do`;
    case 'skipped':
      return `dead letter ${o.seq}: not replayed: ${o.why}`;
  }
}

function describeEnvelope(env: Envelope): string {
  return fields(
    [
      ['kind', (EnvelopeKind[env.kind] ?? String(env.kind)).replace('ENVELOPE_KIND_', '')],
      ['document', env.documentId],
      ['origin', `${env.originAgency} (node ${env.originNode})`],
      ['recipients', env.recipients.join(', ')],
      ['created', formatTime(env.createdAtMs)],
      ['hops', env.hops.length > 0 ? env.hops.map((h) => h.node).join(' → ') : '-'],
      ['subject', env.document?.subject || undefined],
      [
        'status',
        env.status ? `${String(env.status.code).padStart(2, '0')} from ${env.status.responder}` : undefined,
      ],
    ],
    '  ',
  );
}
