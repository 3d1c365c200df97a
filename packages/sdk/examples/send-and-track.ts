/**
 * Example: an agency sends a document to several recipients and follows it until every recipient
 * has answered, printing each change as it comes (transport hops, 01 arrived, 03–06 or 02).
 *
 *   pnpm exec tsc -p packages/sdk/examples
 *   node packages/sdk/examples/dist/send-and-track.js nats://127.0.0.1:4222
 *
 * Start a broker first (`node packages/cli/dist/main.js up`) and a worker for each recipient
 * (`node packages/sdk/examples/dist/inbox-worker.js nats://127.0.0.1:4222 000.00.00.G22`).
 */
import { BusinessStatus, TransportState, connect } from '@lienthong/sdk';
import type { TrackingRecord } from '@lienthong/sdk';

export interface SendAndTrackOptions {
  readonly servers: string;
  /** The sending agency; default the commune of Bảo Thành in the demo topology. */
  readonly agency?: string;
  /** Recipients; default the Government Office and Nghệ An's People's Committee. */
  readonly to?: readonly string[];
  /** Default: a fresh id `{agency},{yyyy/MM/dd},{number}/UBND-VP`. */
  readonly documentId?: string;
  /** Wait for every recipient to confirm arrival (01), or to finish (06, or reject with 02). */
  readonly until?: 'arrived' | 'completed';
  readonly timeoutMs?: number;
  readonly log?: (line: string) => void;
}

export async function main(opts: SendAndTrackOptions): Promise<TrackingRecord[]> {
  const agency = opts.agency ?? '000.01.43.H41';
  const to = opts.to ?? ['000.00.00.G22', '000.00.00.H41'];
  const log = opts.log ?? ((line: string) => console.log(line));
  const today = new Date().toISOString().slice(0, 10);
  const documentId =
    opts.documentId ?? `${agency},${today.replaceAll('-', '/')},${Date.now() % 100_000}/UBND-VP`;

  await using client = await connect({ servers: opts.servers, agency });
  client.onConnection((e) => log(`connection: ${e.type}`));

  // Follow the document before sending it, so that no change is missed.
  await using tracker = await client.track(documentId);
  const printing = (async () => {
    for await (const change of tracker) log(`  ${change.recipient}  ${describe(change)}`);
  })();

  const receipt = await client.send(
    {
      documentId,
      codeNumber: documentId.split(',')[2]?.split('/')[0] ?? '1',
      codeNotation: 'UBND-VP',
      promulgationDate: today,
      documentType: { type: 1, typeName: 'Công văn' },
      subject: 'Báo cáo tình hình thiệt hại do mưa lũ',
      to: to.map((code) => ({ code })),
    },
    { timeoutMs: 10_000 },
  );
  log(
    `${documentId} handed to the home node ${client.homeNode.id} for ${receipt.recipients.length} recipients`,
  );

  const finished = (r: TrackingRecord): boolean =>
    opts.until === 'arrived'
      ? r.business !== BusinessStatus.BUSINESS_STATUS_UNSPECIFIED
      : r.business === BusinessStatus.BUSINESS_STATUS_COMPLETED ||
        r.business === BusinessStatus.BUSINESS_STATUS_REJECTED;
  const records = await tracker.until((rs) => rs.length === receipt.recipients.length && rs.every(finished), {
    timeoutMs: opts.timeoutMs ?? 60_000,
  });
  await tracker.stop();
  await printing;
  for (const r of records) log(`${r.recipient}: ${describe(r)} via ${r.hops.map((h) => h.node).join(' → ')}`);
  return records;
}

function describe(r: TrackingRecord): string {
  const transport = TransportState[r.transport]?.replace('TRANSPORT_STATE_', '') ?? String(r.transport);
  const business = r.business
    ? ` ${String(r.business).padStart(2, '0')} ${BusinessStatus[r.business]?.replace('BUSINESS_STATUS_', '')}`
    : '';
  return `${transport}${business}${r.overdue ? ' OVERDUE' : ''}`;
}

if (require.main === module) {
  const [servers = 'nats://127.0.0.1:4222', agency, ...to] = process.argv.slice(2);
  main({ servers, ...(agency ? { agency } : {}), ...(to.length > 0 ? { to } : {}) }).then(
    () => process.exit(0),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
