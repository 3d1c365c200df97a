/**
 * examples/python/vxp_client.py (Python 3 standard library only) runs the whole cycle against a
 * real node serving the gateway with bearer tokens: send, list, get (same bytes), ack, statuses
 * 03/05/06 as Status packages, the sender's tracking.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { HttpTokenStore } from '@lienthong/gateway';
import { startGatewayNode } from './harness';
import type { GatewayNode } from './harness';

const CLIENT = resolve(__dirname, '../../../examples/python/vxp_client.py');
const G22 = '000.00.00.G22';
const H41 = '000.00.00.H41';

function python(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((res, rej) => {
    const p = spawn('python3', [CLIENT, ...args], { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    p.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    p.on('error', rej);
    const timer = setTimeout(() => p.kill('SIGKILL'), 60_000);
    p.on('close', (code) => {
      clearTimeout(timer);
      res({ code, stdout, stderr });
    });
  });
}

describe('the Python client', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lt-py-'));
  const tokens = new HttpTokenStore(join(dir, 'http-tokens.json'));
  let gw: GatewayNode;
  beforeAll(async () => {
    gw = await startGatewayNode({ auth: { mode: 'token', tokens } });
  });
  afterAll(async () => {
    await gw?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs the whole VXP cycle with the standard library', async () => {
    const sender = tokens.issue(G22).token;
    const recipient = tokens.issue(H41).token;
    const r = await python(['--url', gw.url, '--sender', G22, '--recipient', H41], {
      LT_SENDER_TOKEN: sender,
      LT_RECIPIENT_TOKEN: recipient,
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const steps = r.stdout
      .trim()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { step: string; [k: string]: unknown });
    expect(steps.map((s) => s.step)).toEqual([
      'agencies',
      'sent',
      'resent',
      'listed',
      'fetched',
      'acknowledged',
      'status',
      'status',
      'status',
      'tracking',
      'statuses received',
    ]);
    expect(steps.at(-1)).toMatchObject({ codes: ['01', '03', '05', '06'] });
    expect(steps.find((s) => s.step === 'resent')).toMatchObject({ duplicate: true });
    expect(steps.find((s) => s.step === 'fetched')).toMatchObject({ identical: true });
    expect(steps.find((s) => s.step === 'tracking')).toMatchObject({
      recipient: H41,
      transport: 'FETCHED',
      business: 'COMPLETED',
      statuses: ['01', '03', '05', '06'],
    });
    expect(r.stdout).toContain('OK: sent, listed, fetched byte for byte');
  }, 90_000);

  it("fails with the gateway's answer when the token is wrong", async () => {
    const r = await python([
      '--url',
      gw.url,
      '--sender',
      G22,
      '--recipient',
      H41,
      '--sender-token',
      'lt_wrong',
      '--recipient-token',
      'lt_wrong',
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/HTTP 401: .*Unauthenticated/);
  });
});
