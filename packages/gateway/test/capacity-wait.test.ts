/**
 * A post whose agency's queue at its home node is full waits in the gateway for room, within a
 * budget, before it is answered 429 (capacity.ts): the rule alone, then through a real node.
 */
import { renderEdocBytes } from '@lienthong/edxml';
import { GatewayError } from '@lienthong/gateway';
import { withCapacityWait } from '../src/capacity';
import { Caller, fullQueueGatewayNode } from './harness';

const G22 = '000.00.00.G22';
const H41 = '000.00.00.H41';
const RUN = Date.now().toString(36);

const full = (retryAfterMs = 20) =>
  new GatewayError(429, 'ResourceExhausted', 'queue full', { scope: 'agency-queue' }, retryAfterMs);

/** A submission refused for room `refusals` times (each suggesting `retryAfterMs`), then taken. */
function refusedFor(refusals: number, retryAfterMs = 20) {
  const a = {
    calls: 0,
    run: async (): Promise<string> => {
      if (++a.calls <= refusals) throw full(retryAfterMs);
      return 'taken';
    },
  };
  return a;
}

describe('withCapacityWait', () => {
  it('tries again after the suggested wait while refused for room, and answers once there is room', async () => {
    const a = refusedFor(3);
    const t0 = Date.now();
    const r = await withCapacityWait(1_000, () => true, a.run);
    expect(r).toBe('taken');
    expect(a.calls).toBe(4);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(3 * 16);
  });

  it('gives the 429 to the caller when the next try would start past the budget', async () => {
    const a = refusedFor(Infinity, 100);
    const t0 = Date.now();
    const e = await withCapacityWait(150, () => true, a.run).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(GatewayError);
    expect(e).toMatchObject({ status: 429, retryAfterMs: 100 });
    // 0 ms and ~100 ms; a third try would start at ~200 ms.
    expect(a.calls).toBe(2);
    expect(Date.now() - t0).toBeLessThan(400);
  });

  it('answers at once with a budget of 0, and on any other error, and once the gateway stops serving', async () => {
    const atOnce = refusedFor(Infinity);
    await expect(withCapacityWait(0, () => true, atOnce.run)).rejects.toMatchObject({ status: 429 });
    expect(atOnce.calls).toBe(1);
    const other = new GatewayError(400, 'InvalidArgument', 'bad');
    let calls = 0;
    await expect(
      withCapacityWait(
        5_000,
        () => true,
        async () => (calls++, Promise.reject(other)),
      ),
    ).rejects.toBe(other);
    expect(calls).toBe(1);
    // The gateway stops serving after the first refusal: no second try.
    const stopping = refusedFor(Infinity, 10);
    await expect(withCapacityWait(5_000, () => stopping.calls === 0, stopping.run)).rejects.toMatchObject({
      status: 429,
    });
    expect(stopping.calls).toBe(1);
  });
});

describe('a post into a full agency queue, through a real node', () => {
  // Two waiting at most, taken at 2 a second: the sixth of six posted at once has room after ~2 s.
  const node = fullQueueGatewayNode(G22, 10_000);

  it('waits for room instead of answering 429; each package is taken and delivered once', async () => {
    const g22 = new Caller(node.gw.url, G22);
    const ids = Array.from({ length: 6 }, (_, i) => `${G22},2026/12/03,${RUN}${i}/CHO`);
    const pkgs = await Promise.all(
      ids.map(async (documentId, i) =>
        Buffer.from(
          await renderEdocBytes({
            documentId,
            from: { code: G22 },
            to: [{ code: H41 }],
            subject: `Chờ ${i}`,
          }),
        ),
      ),
    );
    const t0 = Date.now();
    const answers = await Promise.all(pkgs.map((p) => g22.post(p)));
    const took = Date.now() - t0;
    expect(answers.map((r) => r.status)).toEqual([202, 202, 202, 202, 202, 202]);
    // The node took them at its agency's pace: some posts waited for room.
    expect(took).toBeGreaterThanOrEqual(1_000);
    const h41 = new Caller(node.gw.url, H41);
    for (const id of ids) await h41.waitForItem(id, 20_000);
    const listed = (await h41.received('edoc')).filter((i) => ids.includes(i.documentId));
    expect(listed.map((i) => i.documentId).sort()).toEqual([...ids].sort());
  }, 60_000);
});
