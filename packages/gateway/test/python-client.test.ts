/**
 * examples/python/vxp_client.py (Python 3 standard library only) runs the whole cycle against a
 * real node serving the gateway with bearer tokens: send, list, get (same bytes), ack, statuses
 * 03/05/06 as Status packages, the sender's tracking; and waits out backpressure (429) as the
 * gateway's Retry-After says.
 */
import { resolve } from 'node:path';
import { fullQueueGatewayNode, runPython, tokenGatewayNode } from './harness';

const CLIENT = resolve(__dirname, '../../../examples/python/vxp_client.py');
const G22 = '000.00.00.G22';
const H41 = '000.00.00.H41';

const python = (args: string[], env: NodeJS.ProcessEnv = {}) => runPython(CLIENT, args, env, 60_000);

describe('the Python client', () => {
  const node = tokenGatewayNode();
  const { tokens } = node;

  it('runs the whole VXP cycle with the standard library', async () => {
    const sender = tokens.issue(G22).token;
    const recipient = tokens.issue(H41).token;
    const r = await python(['--url', node.gw.url, '--sender', G22, '--recipient', H41], {
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
      'refused',
    ]);
    expect(steps.find((s) => s.step === 'statuses received')).toMatchObject({
      codes: ['01', '03', '05', '06'],
    });
    expect(steps.at(-1)).toMatchObject({ statusCode: '03', reason: 'UNKNOWN_DOCUMENT' });
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
      node.gw.url,
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

  it('fails in one line, without a traceback, when nothing answers at --url', async () => {
    const closed = node.gw.url.replace(/:\d+/, ':9');
    const r = await python(['--url', closed, '--sender', G22, '--recipient', H41, '--sender-token', 'lt_x']);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^error: cannot reach the gateway: .*refused.* \(check --url/);
    expect(r.stderr).not.toContain('Traceback');
    // the same for the client that speaks as the national axis's Java client does
    const compat = await runPython(
      resolve(__dirname, '../../../examples/python/vxp_java_compat.py'),
      [
        'call',
        'countReceiveEdoc',
        '--endpoint',
        closed.replace(/\/api\/v1$/, '/vxp'),
        '--system',
        H41,
        '--secret',
        'x',
      ],
      {},
      60_000,
    );
    expect(compat.code).toBe(1);
    expect(compat.stderr.trim().split('\n')).toHaveLength(1);
    expect(compat.stderr).toMatch(
      /^error: countReceiveEdoc: \d+ attempts failed: .*refused.* \(check --endpoint/,
    );
  });
});

describe('the Python client under backpressure', () => {
  const full = fullQueueGatewayNode(G22);

  it('waits the Retry-After of each 429 and posts again; every package is taken once', async () => {
    const script = [
      'import json, sys, time',
      `sys.path.insert(0, ${JSON.stringify(resolve(CLIENT, '..'))})`,
      'import vxp_client as v',
      `g = v.Gateway(${JSON.stringify(full.gw.url)}, ${JSON.stringify(G22)}, timeout=60)`,
      'ids = []',
      'for i in range(8):',
      `    pkg, doc = v.build_edoc(${JSON.stringify(G22)}, ${JSON.stringify(H41)}, "%d%d" % (time.time() * 1000, i), "Thử áp lực")`,
      '    ids.append(g.send_edoc(pkg)["id"])',
      'print(json.dumps({"sent": len(set(ids)), "waited": g.waited}))',
    ].join('\n');
    const r = await runPython('-c', [script], {}, 60_000);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as { sent: number; waited: number };
    expect(out.sent).toBe(8);
    expect(out.waited).toBeGreaterThan(0);
  }, 90_000);
});
