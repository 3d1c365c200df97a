import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { STREAMS, assertAgencyCode, isAgencyCode, parseJsonText, submitSubject } from '@lienthong/core';
import { BusinessStatus, Document, EdxmlSignatureVerdict, Priority, TransportState } from '@lienthong/proto';
import type { Envelope, TrackingRecord } from '@lienthong/proto';
import { readAgencies } from '@lienthong/readers';
import type { Directory } from '@lienthong/readers';
import {
  documentRecords,
  findInboxCopy,
  isDelivered,
  isFailed,
  recordJson,
  senderFromId,
} from '@lienthong/readers';
import type { InboxCopy } from '@lienthong/readers';
import { CliError, explain, invalid, notFound, unreadable } from '../errors';
import {
  ago,
  businessName,
  colorEnabled,
  fields,
  formatBytes,
  formatDuration,
  formatTime,
  paint,
  printJson,
  priorityName,
  reasonName,
  table,
  transportName,
  write,
} from '../output';
import { withSession } from '../session';
import { nodeInfoOf } from './topology-drain';
import { docRefusals } from './doc-refusals';
import { docWatch } from './doc-watch';
import { verdictOf, verdictText } from '../edxml-verdict-text';
import type { Session } from '../session';
import { globalsOf, resolveSettings } from '../settings';
import type { Settings } from '../settings';

/** `--to A,B,C`: distinct valid agency codes. */
export function parseCodes(value: string, previous: string[] = []): string[] {
  const codes = value
    .split(',')
    .map((c) => c.trim())
    .filter((c) => c !== '');
  const bad = codes.filter((c) => !isAgencyCode(c));
  if (bad.length > 0 || codes.length === 0) {
    throw new InvalidArgumentError(`not agency codes (AAA.BB.CC.Xnn): ${bad.join(', ') || '(none given)'}.`);
  }
  return [...new Set([...previous, ...codes])];
}

export function registerDoc(program: Command): void {
  const doc = program
    .command('doc')
    .description('documents: send one, show it, track it, watch tracking changes');
  docSend(doc);
  docShow(doc);
  docTrack(doc);
  docWatch(doc);
  docRefusals(doc);
}

function docSend(doc: Command): void {
  doc
    .command('send')
    .description(
      'send a document (as an agency would, through the SDK); resolves once its home node has custody',
    )
    .argument('<file>', 'JSON of a Document, proto fields in camelCase (- reads stdin)')
    .option('--from <code>', "sending agency (default: the document's from.code, else its id's prefix)")
    .option('--to <codes>', "recipients, comma-separated (default: the document's to[].code)", parseCodes)
    .option('--json', 'print JSON')
    .addHelpText(
      'after',
      `
Example FILE:
  { "documentId": "000.01.43.H41,2026/11/22,15/UBND-VP", "codeNumber": "15", "codeNotation": "UBND-VP",
    "subject": "Báo cáo tình hình thiệt hại do mưa lũ", "priority": "PRIORITY_NORMAL",
    "to": [{ "code": "000.00.00.G22" }] }`,
    )
    .action(async (file: string, o: { from?: string; to?: string[]; json?: boolean }, cmd: Command) => {
      const settings = resolveSettings(globalsOf(cmd));
      const document = readDocumentFile(file);
      const documentId = document.documentId;
      if (!documentId)
        throw invalid(`${file} has no documentId`, 'ids look like {sender},{yyyy/MM/dd},{number}/{notation}');
      const from = o.from ?? (document.from?.code || undefined) ?? senderFromId(documentId);
      assertAgencyCode(from);
      const to = o.to ?? document.to.map((t) => t.code ?? '').filter((c) => c !== '');
      if (to.length === 0)
        throw invalid('no recipients', 'pass --to CODE[,CODE…] or list them in the document\'s "to"');
      const receipt = await sendWithSdk(settings, from, document, to);
      if (o.json) {
        printJson(receipt);
        return;
      }
      write(
        `sent ${receipt.documentId}\n  from ${from} (home node ${receipt.homeNode} has custody)\n  to   ${receipt.recipients.join(', ')}\n`,
      );
      if (receipt.duplicate) write('  (a resend: the home node already had it; nobody gets it twice)\n');
      write(`follow it: lienthong doc track '${receipt.documentId}'\n`);
    });
}

/** `show`: a sent document: its header (from a delivered copy) and where each recipient is. */
function docShow(doc: Command): void {
  doc
    .command('show')
    .description('a sent document: its header (from a delivered copy) and where each recipient is')
    .argument('<id>', 'document id, e.g. "000.01.43.H41,2026/11/22,15/UBND-VP"')
    .option('--from <code>', "the sender (default: the id's prefix)")
    .option('--json', 'print JSON')
    .action(async (id: string, o: { from?: string; json?: boolean }, cmd: Command) => {
      const sender = senderFromId(id, o.from);
      const settings = resolveSettings(globalsOf(cmd));
      const { dir, records, copy } = await withSession(settings, async (s) => {
        const records = await requireRecords(s, sender, id);
        // The document's agencies and their home nodes (where their inboxes are).
        const dir = await readAgencies(s, [sender, ...records.map((r) => r.recipient)]);
        const copy = await findInboxCopy(
          s,
          dir,
          sender,
          id,
          records.filter(isDelivered).map((r) => r.recipient),
        );
        return { dir, records, copy };
      });
      const first = records[0]!;
      const summary = summarize(records);
      if (o.json) {
        printJson({
          documentId: id,
          sender,
          senderName: dir.name(sender) || null,
          subject: first.subject,
          priority: Priority[first.priority] ?? first.priority,
          sentAtMs: sentAt(records),
          summary,
          document: copy?.envelope.document
            ? Document.toObject(Document.fromObject(copy.envelope.document), jsonOptions)
            : null,
          copyFrom: copy ? { recipient: copy.recipient, stream: STREAMS.inbox, seq: copy.seq } : null,
          edxmlSignature: verdictJsonOf(records, copy),
          recipients: records.map((r) => ({
            recipient: r.recipient,
            name: dir.name(r.recipient) || null,
            // enum names as in `doc track --json` (the proto JSON form)
            transport: TransportState[r.transport] ?? r.transport,
            business: BusinessStatus[r.business] ?? r.business,
            overdue: r.overdue,
          })),
        });
        return;
      }
      writeDocumentHeader(dir, sender, id, records, copy);
      const verdict = verdictOf(records, copy);
      if (verdict) write(verdictText(verdict));
      write(`\nrecipients: ${records.length} — ${describeSummary(summary)}\n`);
      write(recipientTable(dir, records));
      write(`\nhops and timeline: lienthong doc track '${id}'\n`);
    });
}

/** `track`: per recipient: transport state, business status, overdue, and the hops with their times. */
function docTrack(doc: Command): void {
  doc
    .command('track')
    .description('per recipient: transport state, business status, overdue, and the hops with their times')
    .argument('<id>', 'document id')
    .option('--from <code>', "the sender (default: the id's prefix)")
    .option('--json', 'print JSON')
    .action(async (id: string, o: { from?: string; json?: boolean }, cmd: Command) => {
      const sender = senderFromId(id, o.from);
      const settings = resolveSettings(globalsOf(cmd));
      const { dir, records } = await withSession(settings, async (s) => {
        const found = await requireRecords(s, sender, id);
        // Only the names and home nodes of the document's agencies are shown.
        return { dir: await readAgencies(s, [sender, ...found.map((r) => r.recipient)]), records: found };
      });
      if (o.json) {
        printJson({
          documentId: id,
          sender,
          sentAtMs: sentAt(records),
          summary: summarize(records),
          recipients: records.map((r) => ({ ...recordJson(r), name: dir.name(r.recipient) || null })),
        });
        return;
      }
      const color = colorEnabled();
      const t0 = sentAt(records);
      write(`${paint.bold(color)(`document ${id}`)}\n`);
      write(
        fields([
          ['subject', records[0]!.subject || '-'],
          [
            'sender',
            `${sender}  ${dir.name(sender)}${dir.closedNote(sender) ? ` (${dir.closedNote(sender)})` : ''}`,
          ],
          ['sent', `${formatTime(t0)} (${ago(t0)})`],
        ]),
      );
      write('\n');
      write(recipientTable(dir, records));
      for (const r of records) {
        const closed = dir.closedNote(r.recipient);
        write(
          `\n${paint.bold(color)(`→ ${r.recipient}`)}  ${dir.name(r.recipient)}${closed ? ` (${closed})` : ''}\n`,
        );
        if (r.hops.length > 0) {
          const hops = r.hops.map((h) => `${h.node} (+${formatDuration(Math.max(0, (h.inMs ?? 0) - t0))})`);
          write(`    hops: ${hops.join(' → ')}\n`);
        } else {
          const home = dir.agencies.get(r.recipient)?.homeNode;
          write(`    hops: not delivered yet${home ? ` (its home node: ${home})` : ''}\n`);
        }
        if (r.failure) write(`    failed: ${reasonName(r.failure)}: ${r.failureDetail}\n`);
        if (r.ruleViolations > 0) write(`    rule violations: ${r.ruleViolations}\n`);
        for (const e of r.timeline) {
          const what = e.business ? businessName(e.business) : transportName(e.transport);
          const extras = [
            e.node ? `at ${e.node}` : '',
            e.description ? `"${e.description}"` : '',
            e.ignored ? '(ignored)' : '',
          ].filter(Boolean);
          const line = `    +${formatDuration(Math.max(0, (e.atMs ?? 0) - t0)).padStart(10)}  ${what.padEnd(20)} ${extras.join('  ')}`;
          write(`${line.trimEnd()}\n`);
        }
      }
    });
}

const jsonOptions = { enums: String, longs: Number, bytes: String, defaults: false, arrays: true } as const;

function verdictJsonOf(records: readonly TrackingRecord[], copy: InboxCopy | undefined): unknown {
  const v = verdictOf(records, copy);
  return v ? EdxmlSignatureVerdict.toObject(EdxmlSignatureVerdict.fromObject(v), jsonOptions) : null;
}

function readDocumentFile(file: string): Document {
  let text: string;
  try {
    text = readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (e) {
    throw new CliError('NotFound', `cannot read ${file}: ${unreadable(e)}`, {
      hint: 'pass the path of a JSON Document (`lienthong doc send --help` shows one), or - for stdin',
    });
  }
  let json: unknown;
  try {
    json = parseJsonText(text, `${file} is not JSON`);
  } catch (e) {
    throw invalid((e as Error).message);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw invalid(`${file} must hold one JSON object, a Document`);
  }
  const obj = json as Record<string, unknown>;
  // The generated class keeps each field's default on its prototype, beside methods (toJSON).
  const proto = Document.prototype as unknown as Record<string, unknown>;
  const known = new Set(Object.keys(proto).filter((k) => typeof proto[k] !== 'function'));
  const unknown = Object.keys(obj).filter((k) => !known.has(k));
  if (unknown.length > 0) {
    throw invalid(
      `${file}: unknown Document field${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}`,
      `fields are the proto names in camelCase: ${[...known].join(', ')}`,
    );
  }
  if (typeof obj.priority === 'string' && !obj.priority.startsWith('PRIORITY_')) {
    obj.priority = `PRIORITY_${obj.priority.toUpperCase()}`;
  }
  if (typeof obj.priority === 'string' && !(obj.priority in Priority)) {
    throw invalid(
      `${file}: priority '${obj.priority}' is not one of ${Object.keys(Priority)
        .filter((k) => Number.isNaN(Number(k)))
        .join(', ')}`,
    );
  }
  try {
    return Document.fromObject(obj);
  } catch (e) {
    throw invalid(`${file}: ${(e as Error).message}`);
  }
}

interface Receipt {
  documentId: string;
  from: string;
  homeNode: string;
  recipients: string[];
  duplicate: boolean;
}

async function sendWithSdk(
  settings: Settings,
  from: string,
  document: Document,
  to: string[],
): Promise<Receipt> {
  // Through the SDK alone, which looks the sender up in the directory (an unknown one is refused at
  // connect) and uses its inbox prefix, so that the agency's own seed file works as well as an
  // operator's: a CLI session first would ask for replies on the default prefix, which an agency's
  // identity may not use.
  const { connect } = await import('@lienthong/sdk');
  let client: Awaited<ReturnType<typeof connect>>;
  try {
    client = await connect({
      servers: settings.server,
      agency: from,
      name: `lienthong-cli ${from}`,
      defaultTimeoutMs: settings.timeoutMs,
      ...(settings.domain ? { domain: settings.domain } : {}),
      ...(settings.credentials ? { credentials: settings.credentials } : {}),
      ...(settings.tls ? { tls: settings.tls } : {}),
    });
  } catch (e) {
    throw explain(e, settings);
  }
  try {
    const receipt = await client.send(document, { to });
    return {
      documentId: receipt.documentId,
      from,
      homeNode: client.homeNode.id,
      recipients: [...receipt.recipients],
      duplicate: receipt.duplicate,
    };
  } catch (e) {
    throw explain(e, settings);
  } finally {
    await client.close();
  }
}

async function requireRecords(s: Session, sender: string, id: string): Promise<TrackingRecord[]> {
  const records = await documentRecords(s, sender, id);
  if (records.length === 0) {
    const waiting = await waitingSubmissions(s, sender).catch(() => undefined);
    if (waiting && waiting.count > 0) {
      throw notFound(
        `document ${id} sent by ${sender} has no tracking record yet: ${waiting.count} submission(s) of ${sender} wait at its home node ${waiting.node}, which has not taken them on`,
        `is the service hosting ${waiting.node} running (\`lienthong node info ${waiting.node}\`), or ${sender} over its submission pace (\`lienthong agency show ${sender}\`)? the document is tracked once it is taken on`,
      );
    }
    throw notFound(
      `document ${id} sent by ${sender} not found`,
      'check the id (quote it in the shell); for an id without the sender as prefix, pass --from SENDER',
    );
  }
  return records;
}

/** Submissions of an agency stored at its home node and not yet taken on (its submit queue, both lanes). */
async function waitingSubmissions(
  s: Session,
  sender: string,
): Promise<{ node: string; count: number } | undefined> {
  const dir = await readAgencies(s, [sender]);
  const node = dir.nodes.get(dir.agencies.get(sender)?.homeNode ?? '');
  if (!node) return undefined;
  const info = nodeInfoOf(node);
  const normal = submitSubject(info.level, info.id, sender);
  const urgent = submitSubject(info.level, info.id, sender, 'urgent');
  const [lane, urgentLane] = await Promise.all(
    [normal, urgent].map((subject) => s.jsm.streams.info(STREAMS.submit, { subjects_filter: subject })),
  );
  const count = (lane!.state.subjects?.[normal] ?? 0) + (urgentLane!.state.subjects?.[urgent] ?? 0);
  return { node: info.id, count };
}

function sentAt(records: readonly TrackingRecord[]): number {
  return Math.min(...records.map((r) => r.sentAtMs));
}

export interface Summary {
  recipients: number;
  delivered: number;
  fetched: number;
  pending: number;
  failed: number;
  overdue: number;
}

function summarize(records: readonly TrackingRecord[]): Summary {
  return {
    recipients: records.length,
    delivered: records.filter(isDelivered).length,
    fetched: records.filter((r) => transportName(r.transport) === 'FETCHED').length,
    pending: records.filter((r) => !isDelivered(r) && !isFailed(r)).length,
    failed: records.filter(isFailed).length,
    overdue: records.filter((r) => r.overdue).length,
  };
}

function describeSummary(s: Summary): string {
  return [
    `${s.delivered} delivered (${s.fetched} fetched)`,
    `${s.pending} on the way`,
    ...(s.failed > 0 ? [`${s.failed} failed`] : []),
    `${s.overdue} overdue`,
  ].join(', ');
}

function recipientTable(dir: Directory, records: readonly TrackingRecord[]): string {
  return table(records, [
    { header: 'RECIPIENT', value: (r) => r.recipient },
    { header: 'NAME', value: (r) => dir.name(r.recipient) || '-', max: 40 },
    {
      header: 'TRANSPORT',
      value: (r) => transportName(r.transport),
      color: (r) => (isFailed(r) ? paint.red(true) : isDelivered(r) ? paint.green(true) : paint.yellow(true)),
    },
    {
      header: 'BUSINESS',
      value: (r) => businessName(r.business),
    },
    {
      header: 'RECALL',
      value: (r) => (r.recallRequested ? (r.recall ? businessName(r.recall) : 'requested') : '-'),
    },
    {
      header: 'OVERDUE',
      value: (r) => (r.overdue ? 'OVERDUE' : 'no'),
      color: (r) => (r.overdue ? paint.red(true) : undefined),
    },
    { header: 'CONFIRM BY', value: (r) => formatTime(r.confirmByMs) },
    { header: 'UPDATED', value: (r) => formatTime(r.updatedAtMs) },
  ]);
}

function writeDocumentHeader(
  dir: Directory,
  sender: string,
  id: string,
  records: readonly TrackingRecord[],
  copy: InboxCopy | undefined,
): void {
  const color = colorEnabled();
  const first = records[0]!;
  const d = copy?.envelope.document;
  const t0 = sentAt(records);
  write(`${paint.bold(color)(`document ${id}`)}\n`);
  write(
    fields([
      ['subject', first.subject || d?.subject || '-'],
      [
        'sender',
        `${sender}  ${dir.name(sender)}${dir.agencies.get(sender) ? ` (home node ${dir.agencies.get(sender)!.homeNode})` : ''}`,
      ],
      ['sent', `${formatTime(t0)} (${ago(t0)})`],
      ['priority', priorityName(first.priority)],
      ['number', d && (d.codeNumber || d.codeNotation) ? `${d.codeNumber}/${d.codeNotation}` : undefined],
      ['type', d?.documentType?.typeName || undefined],
      [
        'promulgated',
        d && (d.promulgationDate || d.promulgationPlace)
          ? [d.promulgationPlace, d.promulgationDate].filter(Boolean).join(', ')
          : undefined,
      ],
      [
        'signer',
        d?.signer
          ? [d.signer.competence, d.signer.position, d.signer.fullName].filter(Boolean).join(' · ')
          : undefined,
      ],
      ['due', d?.dueDate || undefined],
      [
        'operation',
        d?.business?.operation
          ? `${d.business.operation}${d.business.reason ? `: ${d.business.reason}` : ''}`
          : undefined,
      ],
      ['attachments', d ? describeAttachments(d) : undefined],
      [
        'copy',
        copy
          ? `from ${copy.recipient}'s inbox (LT_INBOX seq ${copy.seq})`
          : 'no delivered copy found in this domain (header from tracking only)',
      ],
    ]),
  );
}

function describeAttachments(d: NonNullable<Envelope['document']>): string {
  const attachments = d.attachments ?? [];
  if (attachments.length === 0) return 'none';
  return attachments.map((a) => `${a.name} (${formatBytes(Number(a.size))})`).join(', ');
}
