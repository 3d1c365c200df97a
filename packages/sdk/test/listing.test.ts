/**
 * Listing tracking keys while the records change. An agency connected with its nkey identity has its
 * tracking keys listed by its home node (the agency service keeps it to its own keys); a record
 * replaced while that listing runs must not make `snapshot()`, `sent()` or `recall()` wait for
 * their whole deadline. Every call here must take no longer than its own work.
 */
import type { IdentityCredentials } from '@lienthong/node';
import { BusinessStatus } from '@lienthong/sdk';
import type { LienthongClient } from '@lienthong/sdk';
import { A, World, docId, documentTo } from './world';

const SENDER = A.nghean;
const RECIPIENTS = [A.noivu, A.taichinh, A.government] as const;
/** No call may take longer than this: each does a few milliseconds of work (the deadline is 10 s). */
const SLOW_MS = 2_000;

const w = new World();
let creds = new Map<string, IdentityCredentials>();

beforeAll(async () => {
  creds = await w.startWithIdentities([SENDER, ...RECIPIENTS]);
}, 30_000);

afterAll(() => w.cleanup());

function as(agency: string): Promise<LienthongClient> {
  return w.client(agency, { credentials: { seedFile: creds.get(agency)!.seedFile } });
}

/** Runs `call`, returning how long it took (a failure counts as the time it took to fail). */
async function timed(call: () => Promise<unknown>): Promise<{ ms: number; error?: unknown }> {
  const start = Date.now();
  try {
    await call();
    return { ms: Date.now() - start };
  } catch (error) {
    return { ms: Date.now() - start, error };
  }
}

describe('listing tracking keys while records change', () => {
  it('snapshot() and sent() never wait for their deadline while recipients report', async () => {
    const sender = await as(SENDER);
    const recipients = await Promise.all(RECIPIENTS.map((r) => as(r)));
    const ids = Array.from({ length: 15 }, () => docId(SENDER, 'LIST'));
    // Each recipient takes every document and reports 03, 04, 05, 06 on it as fast as it can: the
    // sender's records of these documents are replaced over and over while it lists them.
    const reporting = recipients.map((client) =>
      w.reader(client, {
        onItem: async (item) => {
          for (const code of [
            BusinessStatus.BUSINESS_STATUS_ACCEPTED,
            BusinessStatus.BUSINESS_STATUS_ASSIGNED,
            BusinessStatus.BUSINESS_STATUS_IN_PROGRESS,
            BusinessStatus.BUSINESS_STATUS_COMPLETED,
          ]) {
            await item.report(code);
          }
        },
      }),
    );

    const calls: { what: string; ms: number; error?: unknown }[] = [];
    for (const id of ids) {
      await sender.send(documentTo(id, RECIPIENTS));
      // Right after each send, while the records of this and earlier documents are being written.
      for (let i = 0; i < 20; i += 1)
        calls.push({ what: `snapshot ${id}`, ...(await timed(() => sender.snapshot(id))) });
      calls.push({ what: 'sent', ...(await timed(() => sender.sent())) });
    }
    // Then until every recipient has reported 06 on every document, keep reading.
    const finished = async (): Promise<boolean> => {
      const docs = await sender.sent();
      return (
        docs.filter((d) => ids.includes(d.documentId)).length === ids.length &&
        docs.every((d) => d.recipients.every((r) => r.business === BusinessStatus.BUSINESS_STATUS_COMPLETED))
      );
    };
    const until = Date.now() + 30_000;
    while (Date.now() < until) {
      for (const id of ids)
        calls.push({ what: `snapshot ${id}`, ...(await timed(() => sender.snapshot(id))) });
      const t = await timed(finished);
      calls.push({ what: 'sent', ...t });
      if (!t.error && (await finished())) break;
    }

    expect(reporting.every((r) => r.error === undefined)).toBe(true);
    const failed = calls.filter((c) => c.error !== undefined);
    const slow = calls.filter((c) => c.ms > SLOW_MS);
    expect({ failed: failed.map((c) => `${c.what}: ${String(c.error)}`), slow }).toEqual({
      failed: [],
      slow: [],
    });
    expect(calls.length).toBeGreaterThanOrEqual(300);
    // Every recipient's record of every document is there, at its last status.
    for (const id of ids) {
      const records = await sender.snapshot(id);
      expect(records.map((r) => r.recipient).sort()).toEqual([...RECIPIENTS].sort());
    }
  }, 120_000);

  it('recall() right after send() does not wait for its deadline', async () => {
    const sender = await as(SENDER);
    const recipient = await as(A.noivu);
    w.reader(recipient);
    for (let i = 0; i < 10; i += 1) {
      const id = docId(SENDER, 'RECALL');
      await sender.send(documentTo(id, [A.noivu]));
      const t = await timed(() => sender.recall(id, { reason: 'Ban hành nhầm' }));
      expect(t).toEqual({ ms: expect.any(Number) as number });
      expect(t.ms).toBeLessThan(SLOW_MS + 2_000); // recall waits up to 2 s for the node to register it
    }
  }, 120_000);
});
