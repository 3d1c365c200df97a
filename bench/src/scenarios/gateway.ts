/**
 * Scenario 7: the edXML gateway. One process runs every node of the demo tree and serves the gateway
 * on its HTTP port (as `lienthong up --http-port` does); the Government Office (node vn) and Nghệ
 * An's People's Committee (node h41) are document systems speaking HTTP from a process of their own.
 *
 * Measured:
 * - edoc packages/s: 4 KB edXML packages POSTed by the sender (16 in flight) until each has been
 *   listed, fetched (GET, bytes compared) and acknowledged by the recipient;
 * - Status packages/s: one 03 per document POSTed by the recipient (16 in flight) until the sender's
 *   tracking shows 03 for every one;
 * - CPU per package of the node process (runtime + gateway), of nats-server and of the clients;
 * - the same pair's SDK path, for the cost of the gateway hop: the sender's and the recipient's SDK
 *   clients in the clients' process, 4 KB documents, 16 in flight from send() until the recipient
 *   has taken each from its inbox (and acknowledged it: 01). The hop's cost is the CPU of every
 *   process per document (node, nats-server, clients) through the gateway over the same through the
 *   SDK, in the same run. Both are closed loops of 16: the SDK path runs faster, and batches more.
 *   (Paced at the gateway's rate instead, `gateway-profile.js --sdk --rate R`, the SDK path loses its
 *   batching and costs about as much per document as the gateway: that comparison flatters the hop.)
 *   Then once more with the SDK recipient acknowledging 100 ms after it has each document, as the
 *   HTTP recipient (list, fetch, ack) always does later than a DELIVERED waits for its 01: the same
 *   three tracking writes per document on both paths.
 * - MB/s for one 50 MB package: POST streamed from a file → GET streamed to a file at the recipient,
 *   SHA-256 checked, and the growth of the node process's peak RSS during the transfer.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BusinessStatus, connect } from '@lienthong/sdk';
import { cpuMeter, defer, processRssBytes } from '../lib/env';
import { Clients, SENDER, startGatewayNode } from '../lib/gateway-bench';
import type { MeasuredCycle } from '../lib/gateway-bench';
import { now, round, sleep } from '../lib/util';

/** The SDK recipient's delay before its 01 in the second comparison (past the DELIVERED's 50 ms wait). */
const LATE_ACK_MS = 100;

export interface GatewayBenchOptions {
  readonly packages: number;
  readonly warmup: number;
  readonly window: number;
  readonly bigMb: number;
  readonly timeoutMs: number;
}

const MiB = 1024 * 1024;

/** Resets the peak RSS (VmHWM) of a process to its current RSS (Linux ≥ 4.0). */
function resetPeak(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

function vmHwm(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : Number.NaN;
}

export async function gateway(opts: GatewayBenchOptions): Promise<Record<string, unknown>> {
  const { server, url } = await startGatewayNode('gateway');
  const clients = await Clients.start({
    mode: 'api',
    url: `${url}/api/v1`,
    window: opts.window,
    timeoutMs: opts.timeoutMs,
    run: Date.now().toString(36),
    notation: 'VPCP-BENCH',
    subject: 'Về việc đo thông lượng của cổng edXML',
    servers: server.url,
  });
  const tracker = await connect({ servers: server.url, agency: SENDER });
  defer('tracker', () => tracker.close());

  await clients.call({ cmd: 'cycle', first: 0, count: opts.warmup });
  const edoc = await clients.measuredCycle(server, opts.warmup, opts.packages);
  // The same pair through the SDK, as many in flight.
  await clients.call({ cmd: 'sdkCycle', first: 0, count: opts.warmup });
  const sdk = await clients.measuredCycle(server, opts.warmup, opts.packages, 'sdkCycle');
  // Again with the recipient acknowledging each document 100 ms after it has it: its 01 then comes
  // too late to be written with the DELIVERED, as the HTTP recipient's always does, so both paths
  // make the same tracking writes (three per document) and the ratio is the hop's alone.
  const sdkLate = await clients.measuredCycle(
    server,
    opts.warmup + opts.packages,
    opts.packages,
    'sdkCycle',
    { ackDelayMs: LATE_ACK_MS },
  );
  const all = (c: MeasuredCycle['cpu']): number =>
    c.processMsPerPackage + c.serverMsPerPackage + c.clientsMsPerPackage;

  // One 03 per document, as Status packages from the recipient, until the sender's tracking has them.
  const cpu = cpuMeter(server.pid);
  const t0 = now();
  const posted = await clients.call({ cmd: 'statuses' });
  const deadline = Date.now() + opts.timeoutMs;
  for (;;) {
    const sent = await tracker.sent({ status: BusinessStatus.BUSINESS_STATUS_ACCEPTED });
    const done = sent.filter((s) => s.documentId.includes('/VPCP-BENCH')).length;
    if (done >= posted.count!) break;
    if (Date.now() > deadline) throw new Error(`${posted.count! - done} statuses not tracked in time`);
    await sleep(20);
  }
  const statusMs = now() - t0;
  const statusCpu = cpu.stop();

  // One big package: a base64 attachment of `bigMb` MiB, streamed both ways through files.
  const dir = mkdtempSync(join(tmpdir(), 'lt-bench-gw-'));
  defer('big package files', () => Promise.resolve(rmSync(dir, { recursive: true, force: true })));
  const big = await clients.call<{ size: number; expected: string; file: string }>({
    cmd: 'prepareBig',
    dir,
    mb: opts.bigMb,
  });
  global.gc?.();
  const rss0 = processRssBytes(process.pid);
  const peakReset = resetPeak(process.pid);
  const transfer = await clients.call({ cmd: 'transfer', ...big, dir });
  const peak = peakReset ? vmHwm(process.pid) : Number.NaN;
  const n = opts.packages;
  return {
    edoc: {
      packages: n,
      bytes: edoc.bytes,
      packagesPerSec: round((n * 1000) / edoc.ms, 1),
      cpu: edoc.cpu,
      /** Node process + nats-server + clients, per package. */
      allMsPerPackage: round(all(edoc.cpu), 3),
    },
    sdk: {
      documents: n,
      docsPerSec: round((n * 1000) / sdk.ms, 1),
      cpu: sdk.cpu,
      /** Node process + nats-server + clients, per document. */
      allMsPerDoc: round(all(sdk.cpu), 3),
    },
    sdkLateAck: {
      ackDelayMs: LATE_ACK_MS,
      docsPerSec: round((n * 1000) / sdkLate.ms, 1),
      cpu: sdkLate.cpu,
      allMsPerDoc: round(all(sdkLate.cpu), 3),
    },
    hop: {
      /** Every process's CPU per package through the gateway ÷ per document through the SDK. */
      allProcessesRatio: round(all(edoc.cpu) / all(sdk.cpu), 3),
      /** The same against the SDK path whose recipient acknowledges late (the same tracking writes). */
      allProcessesRatioLateAck: round(all(edoc.cpu) / all(sdkLate.cpu), 3),
      /** lienthong's own processes: the node (with the gateway's SDK clients) ÷ node + SDK clients. */
      lienthongRatio: round(
        edoc.cpu.processMsPerPackage / (sdk.cpu.processMsPerPackage + sdk.cpu.clientsMsPerPackage),
        3,
      ),
    },
    status: {
      packages: posted.count,
      postedPerSec: round((posted.count! * 1000) / posted.ms!, 1),
      trackedPerSec: round((posted.count! * 1000) / statusMs, 1),
      cpu: {
        processMsPerPackage: round(statusCpu.processMs / posted.count!, 3),
        serverMsPerPackage: round(statusCpu.serverMs / posted.count!, 3),
        clientsMsPerPackage: round(posted.cpuMs! / posted.count!, 3),
      },
    },
    big: {
      bytes: big.size,
      mbPerSec: round(big.size / MiB / (transfer.totalMs! / 1000), 1),
      postMs: round(transfer.postMs!, 0),
      totalMs: round(transfer.totalMs!, 0),
      rssGrowthMb: round((peak - rss0) / MiB, 1),
    },
  };
}
