/**
 * The demo (README command 1) shows each recipient's statuses in the order the recipient reported
 * them, and marks none "(ignored)": they were all reported in order, even when they overtook each
 * other on the way back to the sender.
 */
import { killAll, lienthong } from './helpers';

jest.setTimeout(120_000);
afterAll(killAll);

it('the demo prints every recipient’s statuses in report order, none "(ignored)"', async () => {
  const demo = await lienthong(['demo', '--no-auth'], { timeoutMs: 100_000 });
  expect(demo.stderr).toBe('');
  expect(demo.code).toBe(0);
  expect(demo.stdout).not.toContain('(ignored)');
  // per recipient block: the two-digit statuses appear on the ladder's order
  const blocks = demo.stdout.split(/\n {2}→ /).slice(1);
  expect(blocks.length).toBeGreaterThanOrEqual(4);
  for (const block of blocks) {
    const codes = [...block.matchAll(/^ {6}\+ *\d+ ms {2}(0[1-6]) /gm)].map((m) => Number(m[1]));
    expect(codes).toEqual([...codes].sort((a, b) => a - b));
  }
  expect(demo.stdout).toMatch(
    /01 ARRIVED[\s\S]*03 ACCEPTED[\s\S]*04 ASSIGNED[\s\S]*05 IN_PROGRESS[\s\S]*06 COMPLETED/,
  );
});
