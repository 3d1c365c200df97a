/**
 * One benchmark run of one scenario, in a process of its own (fresh heap, its own nats-server):
 * `node bench/dist/worker.js <scenario> '<options json>'`. Reports the result to the orchestrator
 * over IPC (or prints it when run by hand), stops everything it started, and gives up when its
 * time budget (BENCH_BUDGET_MS) is spent.
 */
import { disposeAll, tellParent } from './lib/env';
import { attachment } from './scenarios/attachment';
import { baseline } from './scenarios/baseline';
import { broadcast } from './scenarios/broadcast';
import { gateway } from './scenarios/gateway';
import { backlog, latency, national, throughput, throughputServices } from './scenarios/lienthong';
import { startupBreakdown } from './scenarios/startup';
import { urgent } from './scenarios/urgent';
import { vxp } from './scenarios/vxp';

type Runner = (opts: never) => Promise<Record<string, unknown>>;

const SCENARIOS: Record<string, Runner> = {
  baseline,
  'baseline-direct': baseline,
  throughput,
  'throughput-services': throughputServices,
  latency,
  national,
  backlog,
  urgent,
  'startup-breakdown': startupBreakdown,
  attachment,
  'attachment-domains': attachment,
  gateway,
  vxp,
  broadcast,
  'broadcast-domains': broadcast,
};

async function main(): Promise<number> {
  const [name, json] = process.argv.slice(2);
  const run = name ? SCENARIOS[name] : undefined;
  if (!run) {
    process.stderr.write(`usage: worker.js <${Object.keys(SCENARIOS).join('|')}> '<options json>'\n`);
    return 2;
  }
  // Ctrl-C on the orchestrator reaches this process too: stop the servers, remove their stores.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void disposeAll().finally(() => process.exit(130)));
  }
  const budgetMs = Number(process.env.BENCH_BUDGET_MS ?? 600_000);
  const timer = setTimeout(() => {
    void (async () => {
      await tellParent({ type: 'error', message: `${name}: not done within its budget of ${budgetMs} ms` });
      await disposeAll();
      process.exit(3);
    })();
  }, budgetMs);
  try {
    const data = await run(JSON.parse(json ?? '{}') as never);
    if (process.send) await tellParent({ type: 'result', data });
    else process.stdout.write(`${JSON.stringify(data, null, 2)}\n`);
    return 0;
  } catch (e) {
    const err = e as Error;
    if (process.send) await tellParent({ type: 'error', message: err.message, stack: err.stack });
    else process.stderr.write(`${err.stack ?? err.message}\n`);
    return 1;
  } finally {
    clearTimeout(timer);
    await disposeAll();
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`${String(e)}\n`);
    process.exit(1);
  },
);
