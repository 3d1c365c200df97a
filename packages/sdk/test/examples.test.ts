/**
 * The examples in packages/sdk/examples run against a real node: two inbox workers serve the
 * recipients while send-and-track sends a document and follows it to the end.
 */
import { BusinessStatus, TransportState } from '@lienthong/sdk';
import { main as inboxWorker } from '../examples/inbox-worker';
import { main as sendAndTrack } from '../examples/send-and-track';
import { A, World, docId, within } from './world';

describe('examples', () => {
  const w = new World();
  beforeAll(() => w.start(), 20_000);
  afterAll(() => w.cleanup());

  it('send-and-track follows a document to 06 and 02 while inbox-worker serves each recipient', async () => {
    const lines: string[] = [];
    const log = (line: string): void => void lines.push(line);
    const stop = AbortSignal.timeout(20_000);
    const workers = [
      inboxWorker({ servers: w.server.url, agency: A.government, maxItems: 1, signal: stop, log }),
      inboxWorker({
        servers: w.server.url,
        agency: A.quynhthach,
        maxItems: 1,
        signal: stop,
        log,
        rejectReason: () => 'Văn bản không thuộc thẩm quyền xử lý của xã',
      }),
    ];
    const records = await sendAndTrack({
      servers: w.server.url,
      agency: A.baothanh,
      to: [A.government, A.quynhthach],
      documentId: docId(A.baothanh, 'EXAMPLE'),
      timeoutMs: 15_000,
      log,
    });
    expect(await within(10_000, 'the workers to finish', Promise.all(workers))).toEqual([1, 1]);
    const by = new Map(records.map((r) => [r.recipient, r]));
    expect(by.get(A.government)).toMatchObject({
      business: BusinessStatus.BUSINESS_STATUS_COMPLETED,
      transport: TransportState.TRANSPORT_STATE_FETCHED,
    });
    expect(by.get(A.quynhthach)!.business).toBe(BusinessStatus.BUSINESS_STATUS_REJECTED);
    expect(lines.some((l) => l.includes('COMPLETED'))).toBe(true);
    expect(lines.some((l) => l.includes(`${A.government} received document`))).toBe(true);
  }, 30_000);

  it('inbox-worker stops on its signal with nothing to do', async () => {
    const stop = new AbortController();
    const worker = inboxWorker({
      servers: w.server.url,
      agency: A.sontay,
      signal: stop.signal,
      log: () => undefined,
    });
    setTimeout(() => stop.abort(), 300);
    expect(await within(5_000, 'the worker to stop', worker)).toBe(0);
  });
});
