/**
 * Scenario 8: the VXP endpoint. One process runs every node of the demo tree and serves `/api/v1`
 * and `/vxp` on its HTTP port (as `lienthong up --http-port` does), with HTTP tokens, so every
 * request's HMAC is checked against the token store's sealed secrets. The Government Office sends
 * through `/vxp` as the Java client does (signed headers, the file plus CRLF, unpadded hash-file);
 * Nghệ An's People's Committee receives through `/vxp` too; both from a process of their own.
 *
 * Measured: 4 KB edoc packages/s from sendEdoc (16 in flight) until each is listed at the recipient
 * (getReceivedEdocList); the recipient fetches (getEdoc) and acknowledges (updateStatus done) each,
 * which keeps its list moving. CPU per package of the node process, of nats-server and of the clients.
 */
import { Clients, RECIPIENT, SENDER, startGatewayNode } from '../lib/gateway-bench';
import { round } from '../lib/util';

export interface VxpBenchOptions {
  readonly packages: number;
  readonly warmup: number;
  readonly window: number;
  readonly timeoutMs: number;
}

export async function vxp(opts: VxpBenchOptions): Promise<Record<string, unknown>> {
  const { server, url, tokens } = await startGatewayNode('vxp', { vxp: true });
  const clients = await Clients.start({
    mode: 'vxp',
    url: `${url}/vxp`,
    senderSecret: tokens!.issue(SENDER).token,
    recipientSecret: tokens!.issue(RECIPIENT).token,
    window: opts.window,
    timeoutMs: opts.timeoutMs,
    run: Date.now().toString(36),
    notation: 'VPCP-VXP',
    subject: 'Về việc đo thông lượng của cổng VXP',
  });
  await clients.call({ cmd: 'cycle', first: 0, count: opts.warmup });
  const c = await clients.measuredCycle(server, opts.warmup, opts.packages);
  return {
    packages: opts.packages,
    bytes: c.bytes,
    listedPerSec: round((opts.packages * 1000) / c.listedMs, 1),
    cyclePerSec: round((opts.packages * 1000) / c.ms, 1),
    cpu: c.cpu,
  };
}
