/**
 * Where the node process's CPU goes per package of scenario 7 (the edXML gateway): the same node
 * process and clients (in their own process) as the scenario, a warm-up cycle, then one measured
 * cycle under the V8 profiler (started and stopped around it through the inspector, so set-up and
 * warm-up are not in it). Prints the CPU per package of each process and the node process's busy
 * time by layer, scaled to its measured CPU per package; keeps the raw profile.
 *
 *   node bench/dist/gateway-profile.js [--packages 1500] [--warmup 200] [--window 16] [--out FILE]
 *   node bench/dist/gateway-profile.js --no-profiler   # the CPU per package alone (the profiler costs ~1 ms)
 *   node bench/dist/gateway-profile.js --sdk [--rate R | --custody-only] [--ack-delay MS]
 *       # the same pair's SDK path instead (clients' process): 16 in flight until received, or paced,
 *       # or unpaced with each send() in flight until custody only; the recipient acks (01) each
 *       # document MS after it has it (at once by default)
 *
 * Under load the profiler's wall-clock samples inflate every layer alike: read the shares, and the
 * µs column as shares of the measured CPU (which does not come from the profiler).
 */
import { Session } from 'node:inspector';
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { disposeAll } from './lib/env';
import { Clients, startGatewayNode } from './lib/gateway-bench';
import { httpClientKind } from './lib/http-client';
import { layersOf } from './lib/profile';
import type { LayerRule } from './lib/profile';
import type { SdkCycleOptions } from './lib/gateway-bench';
import { round } from './lib/util';

const url = (re: RegExp) => (f: { url: string }) => re.test(f.url);

/** The layers a gateway package goes through, innermost first. */
const LAYERS: LayerRule[] = [
  {
    layer: 'intake: edXML signature judgement',
    anywhere: true,
    matches: (f) => /edxml-signatures\.js/.test(f.url) || f.functionName === 'verifyEdxmlSource',
  },
  { layer: 'gateway: edXML parse and mapping', matches: url(/edxml\/dist|\/saxes\//) },
  { layer: 'gateway: routes, spool, queues', matches: url(/gateway\/dist/) },
  { layer: 'SDK clients the gateway acts through', matches: url(/sdk\/dist/) },
  {
    layer: 'HTTP server (node:http, fastify)',
    matches: (f) =>
      /fastify|find-my-way|fast-json-stringify|avvio|toad-cache|fast-querystring|ajv/.test(f.url) ||
      /^node:_?http/.test(f.url),
  },
  { layer: 'protobuf encode/decode', matches: url(/proto\/gen|protobufjs/) },
  { layer: 'node runtime', matches: url(/(node|core|content|infra)\/dist|prom-client|pino/) },
  { layer: 'NATS client (socket reads, writes)', matches: url(/@nats-io/) },
  { layer: 'GC', matches: (f) => f.functionName === '(garbage collector)' },
];

const VALUED = ['packages', 'warmup', 'window', 'rate', 'ack-delay', 'out'];
const FLAGS = ['no-profiler', 'sdk', 'custody-only'];

/** A wrong command line: said in one line, without a stack trace. */
class UsageError extends Error {}

/** Refuses an option it does not know (a typo would otherwise measure something else silently). */
function checkArgs(args: readonly string[]): void {
  for (let i = 0; i < args.length; i++) {
    const name = args[i]!.replace(/^--/, '');
    if (VALUED.includes(name) && args[i]!.startsWith('--') && i + 1 < args.length) i++;
    else if (!FLAGS.includes(name) || !args[i]!.startsWith('--')) {
      throw new UsageError(
        `unknown or incomplete option '${args[i]}'; options: ${[...VALUED.map((v) => `--${v} ${v === 'out' ? 'FILE' : 'N'}`), ...FLAGS.map((f) => `--${f}`)].join(', ')}`,
      );
    }
  }
}

/** The value of `--name`: a positive whole number (`--warmup` may be 0). */
function arg(name: string, dflt: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return dflt;
  const v = Number(process.argv[i + 1]);
  const least = name === 'warmup' || name === 'ack-delay' ? 0 : 1;
  if (!Number.isInteger(v) || v < least) {
    const what = least === 0 ? 'a whole number, 0 or more' : 'a positive whole number';
    throw new UsageError(`--${name} wants ${what}, not '${process.argv[i + 1]}'`);
  }
  return v;
}

async function main(): Promise<void> {
  checkArgs(process.argv.slice(2));
  try {
    httpClientKind();
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const packages = arg('packages', 1500);
  const warmup = arg('warmup', 200);
  const window = arg('window', 16);
  const outAt = process.argv.indexOf('--out');
  const out =
    outAt >= 0 ? process.argv[outAt + 1]! : resolve(__dirname, '../results/gateway-edoc.cpuprofile.json');
  const { server, url: http } = await startGatewayNode('gateway-profile');
  const clients = await Clients.start({
    mode: 'api',
    url: `${http}/api/v1`,
    window,
    timeoutMs: 120_000,
    run: Date.now().toString(36),
    notation: 'VPCP-BENCH',
    subject: 'Về việc đo thông lượng của cổng edXML',
    servers: server.url,
  });
  const cmd = process.argv.includes('--sdk') ? 'sdkCycle' : 'cycle';
  const rate = arg('rate', 0);
  const ackDelayMs = arg('ack-delay', 0);
  const sdk: SdkCycleOptions = {
    ...(rate ? { rate } : {}),
    custodyOnly: process.argv.includes('--custody-only'),
    ...(ackDelayMs ? { ackDelayMs } : {}),
  };
  if (warmup > 0) {
    await clients.call(
      cmd === 'sdkCycle' ? { cmd, first: 0, count: warmup, ...sdk } : { cmd, first: 0, count: warmup },
    );
  }
  if (process.argv.includes('--no-profiler')) {
    const load = loadavg()[0]!;
    const cycle = await clients.measuredCycle(server, warmup, packages, cmd, sdk);
    const perSec = round((packages * 1000) / cycle.ms, 1);
    const loads = `${round(load, 1)}–${round(loadavg()[0]!, 1)}`;
    console.log(
      JSON.stringify({
        path: cmd,
        packages,
        warmup,
        window,
        packagesPerSec: perSec,
        ...cycle.cpu,
        ...(cmd === 'cycle' ? { refusedPosts: cycle.refusedPosts } : {}),
        load: loads,
      }),
    );
    return;
  }
  const session = new Session();
  session.connect();
  const post = <T>(method: string, params?: object): Promise<T> =>
    new Promise((ok, fail) => session.post(method, params, (e, r) => (e ? fail(e) : ok(r as T))));
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 200 });
  await post('Profiler.start');
  const load0 = loadavg()[0]!;
  const cycle = await clients.measuredCycle(server, warmup, packages, cmd, sdk);
  const { profile } = await post<{ profile: object }>('Profiler.stop');
  writeFileSync(out, JSON.stringify(profile));
  const cpu = cycle.cpu.processMsPerPackage;
  console.log(
    JSON.stringify({
      packages,
      warmup,
      window,
      packagesPerSec: round((packages * 1000) / cycle.ms, 1),
      ...cycle.cpu,
      load: `${round(load0, 1)}–${round(loadavg()[0]!, 1)}`,
      profile: out,
    }),
  );
  console.log('node process, per package (share of busy time × measured CPU):');
  for (const { layer, share } of layersOf(out, LAYERS)) {
    if (share < 0.005) continue;
    console.log(
      `${String(Math.round(share * cpu * 1000)).padStart(6)} µs  ${(share * 100).toFixed(1).padStart(5)} %  ${layer}`,
    );
  }
}

main()
  .catch((e: unknown) => {
    console.error(e instanceof UsageError ? `gateway-profile: ${e.message}` : e);
    process.exitCode = 1;
  })
  .finally(() => void disposeAll().then(() => process.exit()));
