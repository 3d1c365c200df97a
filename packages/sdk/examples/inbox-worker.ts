/**
 * Example: the inbox worker of an agency's document system. It takes each item from the inbox,
 * confirms it (01 arrived, by `ack()`), registers and processes documents (03 → 04 → 05 → 06),
 * rejects those it is not competent for (02 with a reason), and accepts recalls (15). Up to
 * `maxInFlight` items are processed at once; items of one document come in order.
 *
 *   pnpm exec tsc -p packages/sdk/examples
 *   node packages/sdk/examples/dist/inbox-worker.js nats://127.0.0.1:4222 000.00.00.G22
 *
 * It runs until Ctrl-C, or, when used as a function, until `maxItems` items or the signal.
 */
import { BusinessStatus, connect } from '@lienthong/sdk';
import type { InboxItem, LienthongClient } from '@lienthong/sdk';

export interface InboxWorkerOptions {
  readonly servers: string;
  /** The agency whose inbox this worker serves. */
  readonly agency: string;
  /** Stop after this many items; default: run until the signal. */
  readonly maxItems?: number;
  readonly signal?: AbortSignal;
  /** A reason to reject a document with 02, or undefined to process it. */
  readonly rejectReason?: (item: InboxItem) => string | undefined;
  readonly log?: (line: string) => void;
}

const STAFF = {
  department: 'Văn thư',
  name: 'Nguyễn Văn Thư',
  phone: '0238 3840 000',
  email: 'vanthu@example.gov.vn',
};

/** Serves the inbox; resolves with the number of items handled. */
export async function main(opts: InboxWorkerOptions): Promise<number> {
  const log = opts.log ?? ((line: string) => console.log(line));
  await using client = await connect({ servers: opts.servers, agency: opts.agency });
  client.onConnection((e) => log(`connection: ${e.type}`));

  // The signal stops the inbox: the loop ends, and the work in hand is finished below.
  await using inbox = client.inbox({ maxInFlight: 8, ...(opts.signal ? { signal: opts.signal } : {}) });

  let handled = 0;
  const working = new Set<Promise<void>>();
  for await (const item of inbox) {
    // Processed concurrently; the inbox hands out no more than maxInFlight unsettled items.
    const job: Promise<void> = handle(client, item, opts, log)
      .catch((e: unknown) => log(`${item.documentId}: ${String(e)}`))
      .finally(() => working.delete(job));
    working.add(job);
    if (++handled === opts.maxItems) break;
  }
  await Promise.all(working);
  return handled;
}

async function handle(
  client: LienthongClient,
  item: InboxItem,
  opts: InboxWorkerOptions,
  log: (line: string) => void,
): Promise<void> {
  await item.ack(); // 01 arrived, to the sender
  log(`${client.agency} received ${item.kind} ${item.documentId} from ${item.sender}`);
  if (item.kind === 'recall') {
    await item.report(BusinessStatus.BUSINESS_STATUS_CHANGE_ACCEPTED, {
      staff: STAFF,
      description: 'Đồng ý thu hồi',
    });
    return;
  }
  const reason = opts.rejectReason?.(item);
  if (reason !== undefined) {
    await item.report(BusinessStatus.BUSINESS_STATUS_REJECTED, { staff: STAFF, description: reason });
    return;
  }
  for (const [code, description] of [
    [BusinessStatus.BUSINESS_STATUS_ACCEPTED, 'Đã vào sổ văn bản đến'],
    [BusinessStatus.BUSINESS_STATUS_ASSIGNED, 'Lãnh đạo đã phân công xử lý'],
    [BusinessStatus.BUSINESS_STATUS_IN_PROGRESS, 'Chuyên viên đang xử lý'],
    [BusinessStatus.BUSINESS_STATUS_COMPLETED, 'Đã xử lý xong'],
  ] as const) {
    await item.report(code, { staff: STAFF, description });
  }
}

if (require.main === module) {
  const [servers = 'nats://127.0.0.1:4222', agency = '000.00.00.G22'] = process.argv.slice(2);
  const stop = new AbortController();
  process.once('SIGINT', () => stop.abort());
  process.once('SIGTERM', () => stop.abort());
  main({ servers, agency, signal: stop.signal }).then(
    (n) => {
      console.log(`handled ${n} items`);
      process.exit(0);
    },
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
