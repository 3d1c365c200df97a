/**
 * The lienthong benchmark: runs each scenario R times (each run in a fresh process with its own
 * nats-server on a temporary store), with each scenario's baseline in the same run, then prints
 * the medians against the targets and writes every run's raw numbers to bench/results/latest.json.
 *
 *   node bench/dist/main.js [--runs N] [--quick] [--only s1,s2] [--no-profile] [--breakdown] [--out FILE]
 *
 * scripts/bench.sh sets the workspace up and builds before running this; docs/BENCHMARKS.md says
 * what each scenario measures and how to read the results.
 */
import { spawn } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { findNatsServerBinary } from '@lienthong/node';
import { httpClientKind } from './lib/http-client';
import { summarizeProfile } from './lib/profile';
import type { ProfileSummary } from './lib/profile';
import { median, round } from './lib/util';
import { CONSUMES_PER_DOC, PERSISTED_PUBLISHES_PER_DOC, WORK_PER_DOC } from './scenarios/baseline';

const ROOT = resolve(__dirname, '../..');
const SCENARIOS = [
  'throughput',
  'latency',
  'scale',
  'backlog',
  'attachment',
  'urgent',
  'gateway',
  'vxp',
  'broadcast',
] as const;
type Scenario = (typeof SCENARIOS)[number];

interface Args {
  runs: number;
  quick: boolean;
  only: Set<Scenario>;
  profile: boolean;
  breakdown: boolean;
  /** Lienthong with the domain-local shortcut (the default); the ratio's bare pipeline matches it. */
  shortcut: boolean;
  out: string;
  /** Chunk size of the attachment scenarios' uploads, KiB; the SDK's default when undefined. */
  attachmentChunkKb?: number;
}

function parseArgs(argv: string[]): Args {
  const args: Args = {
    runs: 3,
    quick: false,
    only: new Set(SCENARIOS),
    profile: true,
    breakdown: false,
    shortcut: true,
    out: join(ROOT, 'bench/results/latest.json'),
  };
  let runsGiven = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--runs') {
      args.runs = Number(value());
      runsGiven = true;
      if (!Number.isInteger(args.runs) || args.runs < 1) throw new Error('--runs must be a positive integer');
    } else if (a === '--quick') args.quick = true;
    else if (a === '--no-profile') args.profile = false;
    else if (a === '--breakdown') args.breakdown = true;
    else if (a === '--no-shortcut') args.shortcut = false;
    else if (a === '--out') args.out = resolve(value());
    else if (a === '--attachment-chunk-kb') {
      args.attachmentChunkKb = Number(value());
      if (
        !Number.isInteger(args.attachmentChunkKb) ||
        args.attachmentChunkKb < 1 ||
        args.attachmentChunkKb > 1020
      ) {
        throw new Error('--attachment-chunk-kb must be an integer from 1 to 1020');
      }
    } else if (a === '--only') {
      const names = value().split(',');
      for (const n of names) {
        if (!(SCENARIOS as readonly string[]).includes(n)) {
          throw new Error(`--only: unknown scenario ${n} (${SCENARIOS.join(', ')})`);
        }
      }
      args.only = new Set(names as Scenario[]);
    } else if (a === '--help' || a === '-h') {
      process.stdout.write(
        'usage: bench [--runs N (3)] [--quick] [--only throughput,latency,scale,backlog,attachment,urgent,gateway,vxp,broadcast]\n' +
          '             [--no-profile] [--no-shortcut (lienthong hop by hop, against the bare tree pipeline)]\n' +
          '             [--attachment-chunk-kb KB (the SDK default)]\n' +
          '             [--breakdown (time the national start-up step by step, ~1 min more)] [--out FILE]\n',
      );
      process.exit(0);
    } else throw new Error(`unknown argument ${a}`);
  }
  if (args.quick && !runsGiven) args.runs = 1;
  if (args.quick) args.profile = false;
  // Scenarios 7 and 8's client, refused here rather than when their runs start.
  httpClientKind();
  return args;
}

/** What each scenario does, in full and in --quick. */
function settings(quick: boolean) {
  const docBytes = 4096;
  const load = quick
    ? { docs: 600, warmup: 100, window: 64, docBytes, timeoutMs: 30_000 }
    : { docs: 5000, warmup: 500, window: 64, docBytes, timeoutMs: 90_000 };
  return {
    baseline: { ...load, smallBytes: 400, senders: 4 },
    direct: { ...load, smallBytes: 400, senders: 4, shape: 'direct' },
    throughput: load,
    latency: {
      durationMs: quick ? 4000 : 30_000,
      warmupMs: quick ? 1000 : 3000,
      docBytes,
      trackerProbeRate: 5,
      timeoutMs: 30_000,
    },
    // Right after start-up as many documents as scenario 1 measures: a shorter closed loop reads
    // slower on any tree (its fill and drain weigh more), so the ratio compares like with like.
    national: { ...load, quick, docsAfterStart: load.docs },
    backlog: { docs: quick ? 1000 : 10_000, docBytes, sendWindow: 256, timeoutMs: quick ? 30_000 : 120_000 },
    urgent: { backlog: 20_000, samples: quick ? 20 : 100, docBytes },
    startup: { quick, sampleAgencies: 1000 },
    // The size the target is stated for; --quick too (one transfer takes seconds).
    attachment: { mb: 50, timeoutMs: 120_000 },
    // edXML packages through the HTTP gateway; the 50 MB package is the size the issue states.
    // As many packages and as much warm-up as scenario 1's documents: the CPU per package is compared.
    gateway: {
      packages: load.docs,
      warmup: load.warmup,
      window: 16,
      bigMb: 50,
      timeoutMs: 120_000,
    },
    // The VXP endpoint: signed sendEdoc → listed at the recipient (which fetches and acknowledges).
    vxp: { packages: load.docs, warmup: load.warmup, window: 16, timeoutMs: 120_000 },
    // One document from a ministry to every province and commune of the 2025 3-level tree.
    broadcast: { provinces: 34, communesPerProvince: 98, docBytes, timeoutMs: 120_000 },
    profile: { ...load, docs: quick ? 600 : 3000 },
    budgets: {
      baseline: 120_000,
      throughput: 150_000,
      latency: 120_000,
      national: quick ? 90_000 : 360_000,
      backlog: quick ? 90_000 : 300_000,
      urgent: quick ? 90_000 : 180_000,
      'startup-breakdown': 240_000,
      attachment: 180_000,
      'attachment-domains': 180_000,
      gateway: quick ? 120_000 : 300_000,
      vxp: quick ? 120_000 : 300_000,
      broadcast: 300_000,
      'broadcast-domains': 300_000,
    } as Record<string, number>,
  };
}

interface ChildResult {
  readonly ok: boolean;
  /** 1-minute load average of the machine before and after the run (others' work skews results). */
  readonly loadavg: [number, number];
  readonly data?: Record<string, unknown>;
  readonly error?: string;
  readonly wallMs: number;
  readonly logWarnings: number;
  readonly logErrors: number;
  readonly logTail: string[];
}

/**
 * Node flags of every scenario's process, lienthong's and the bare pipelines' alike: those the
 * runtime runs with where it is deployed (deploy/systemd/lienthong@.service, the `lienthong` and
 * level-service executables): a 32 MB young generation.
 */
export const RUNTIME_NODE_FLAGS = ['--max-semi-space-size=32'];

/** Runs one scenario in a child process; kills it (and the servers it reported) past its budget. */
function runChild(
  scenario: string,
  opts: unknown,
  budgetMs: number,
  execArgv: string[] = [],
): Promise<ChildResult> {
  const t0 = Date.now();
  const load0 = round(loadavg()[0]!, 2);
  const child = spawn(
    process.execPath,
    [...RUNTIME_NODE_FLAGS, ...execArgv, join(__dirname, 'worker.js'), scenario, JSON.stringify(opts)],
    {
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      env: { ...process.env, BENCH_BUDGET_MS: String(budgetMs) },
    },
  );
  const servers: { pid: number; dataDir: string }[] = [];
  const tail: string[] = [];
  let warnings = 0;
  let errors = 0;
  let data: Record<string, unknown> | undefined;
  let error: string | undefined;
  const onLine = (line: string): void => {
    if (line.trim() === '') return;
    if (line.includes('"level":40')) warnings++;
    if (line.includes('"level":50') || line.includes('"level":60')) errors++;
    tail.push(line.length > 400 ? `${line.slice(0, 400)}…` : line);
    if (tail.length > 15) tail.shift();
  };
  const lines = (stream: NodeJS.ReadableStream): void => {
    let buf = '';
    stream.on('data', (b: Buffer) => {
      buf += b.toString();
      const parts = buf.split('\n');
      buf = parts.pop() ?? '';
      parts.forEach(onLine);
    });
    stream.on('end', () => onLine(buf));
  };
  lines(child.stdout!);
  lines(child.stderr!);
  child.on('message', (m: { type: string; [k: string]: unknown }) => {
    if (m.type === 'server') servers.push({ pid: m.pid as number, dataDir: m.dataDir as string });
    else if (m.type === 'result') data = m.data as Record<string, unknown>;
    else if (m.type === 'error') error = String(m.message);
    else if (m.type === 'progress') log(`    … ${String(m.what)}: ${String(m.elapsedMs)} ms`);
  });
  // The child enforces its own budget; this is the backstop.
  const killer = setTimeout(() => {
    error ??= `killed after ${budgetMs + 20_000} ms`;
    child.kill('SIGKILL');
  }, budgetMs + 20_000);
  return new Promise((resolveChild) => {
    child.on('exit', (code, signal) => {
      clearTimeout(killer);
      // Whatever the child left behind (it stops its servers itself unless it was killed).
      for (const s of servers) {
        try {
          process.kill(s.pid, 0);
          process.kill(s.pid, 'SIGKILL');
        } catch {
          // already gone
        }
        rmSync(s.dataDir, { recursive: true, force: true });
      }
      if (!data && !error) error = `exited with ${signal ?? code} without a result`;
      resolveChild({
        ok: data !== undefined && error === undefined,
        ...(data ? { data } : {}),
        ...(error ? { error } : {}),
        wallMs: Date.now() - t0,
        loadavg: [load0, round(loadavg()[0]!, 2)],
        logWarnings: warnings,
        logErrors: errors,
        logTail: tail,
      });
    });
  });
}

function log(line: string): void {
  process.stderr.write(`[bench] ${line}\n`);
}

type Num = number | undefined;
const num = (v: unknown): Num => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
function get(o: Record<string, unknown> | undefined, path: string): Num {
  let v: unknown = o;
  for (const k of path.split('.'))
    v = v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined;
  return num(v);
}

interface RunRecord {
  run: number;
  scenario: string;
  result: ChildResult;
}

interface Row {
  scenario: string;
  metric: string;
  values: Num[];
  unit: string;
  digits: number;
  target?: { op: '>=' | '<=' | '<'; value: number };
}

function evaluate(row: Row): { value: number; verdict: string } {
  const value = median(row.values.filter((v): v is number => v !== undefined));
  if (!row.target) return { value, verdict: '' };
  if (!Number.isFinite(value)) return { value, verdict: 'FAIL (no data)' };
  const { op, value: t } = row.target;
  const ok = op === '>=' ? value >= t : op === '<=' ? value <= t : value < t;
  return { value, verdict: ok ? 'pass' : 'FAIL' };
}

function fmt(v: number, digits: number): string {
  if (!Number.isFinite(v)) return 'n/a';
  return v.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function table(rows: Row[], quick: boolean): string {
  const header = ['scenario', 'metric', 'median', 'runs', 'target', 'result'];
  const body = rows.map((r) => {
    const { value, verdict } = evaluate(r);
    const runs = r.values.map((v) => (v === undefined ? '–' : fmt(v, r.digits))).join(' / ');
    const target = r.target ? `${r.target.op} ${fmt(r.target.value, r.digits)} ${r.unit}`.trim() : '';
    return [
      r.scenario,
      r.metric,
      `${fmt(value, r.digits)} ${r.unit}`.trim(),
      runs,
      target,
      quick && verdict ? `${verdict} (quick)` : verdict,
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

function buildRows(records: RunRecord[], runs: number, shortcut: boolean): Row[] {
  const by = (scenario: string): (Record<string, unknown> | undefined)[] =>
    Array.from(
      { length: runs },
      (_, i) => records.find((r) => r.run === i + 1 && r.scenario === scenario)?.result.data,
    );
  const pick = (scenario: string, path: string): Num[] => by(scenario).map((d) => get(d, path));
  const ratio = (a: Num[], b: Num[]): Num[] =>
    a.map((x, i) => (x !== undefined && b[i] ? x / b[i]! : undefined));
  const rows: Row[] = [];
  const has = (s: string): boolean => records.some((r) => r.scenario === s);
  /** One "CPU/doc" row (ms, 2 digits) per process, each read at its path of `source`'s results. */
  const cpuRows = (scenario: string, source: string, of: readonly (readonly [string, string])[]): Row[] =>
    of.map(([what, path]) => ({
      scenario,
      metric: `  CPU/doc: ${what}`,
      values: pick(source, path),
      unit: 'ms',
      digits: 2,
    }));
  if (has('throughput')) {
    const lt = pick('throughput', 'docsPerSec');
    // The same JetStream work as lienthong's: 12 publishes + 6 consumes with the shortcut.
    const same = shortcut ? 'baseline-direct' : 'baseline';
    const other = shortcut ? 'baseline' : 'baseline-direct';
    const bare = pick(same, 'docsPerSec');
    const work = (scenario: string): string =>
      scenario === 'baseline-direct'
        ? `${WORK_PER_DOC.direct.publishes} publishes + ${WORK_PER_DOC.direct.consumes} consumes/doc, no relays`
        : `${PERSISTED_PUBLISHES_PER_DOC} publishes + ${CONSUMES_PER_DOC} consumes/doc`;
    rows.push(
      {
        scenario: '1 throughput',
        metric: 'lienthong end to end (delivered + 01 tracked; goal 2,000)',
        values: lt,
        unit: 'docs/s',
        digits: 0,
        target: { op: '>=', value: 1000 },
      },
      {
        scenario: '1 throughput',
        metric: `bare nats.js, ${work(same)}`,
        values: bare,
        unit: 'docs/s',
        digits: 0,
      },
      ...(has(other)
        ? [
            {
              scenario: '1 throughput',
              metric: `bare nats.js, ${work(other)} (not the ratio's)`,
              values: pick(other, 'docsPerSec'),
              unit: 'docs/s',
              digits: 0,
            },
          ]
        : []),
      {
        scenario: '1 throughput',
        metric: `ratio lienthong / bare (${shortcut ? 'shortcut on, no relays' : 'shortcut off, tree'})`,
        values: ratio(lt, bare),
        unit: '',
        digits: 2,
        target: { op: '>=', value: 0.7 },
      },
      {
        scenario: '1 throughput',
        metric: 'lienthong CPU/doc: runtime + SDK process',
        values: pick('throughput', 'cpu.processMsPerDoc'),
        unit: 'ms',
        digits: 2,
      },
      {
        scenario: '1 throughput',
        metric: 'lienthong CPU/doc: nats-server',
        values: pick('throughput', 'cpu.serverMsPerDoc'),
        unit: 'ms',
        digits: 2,
      },
      {
        scenario: '1 throughput',
        metric: 'bare CPU/doc: pipeline + clients process',
        values: pick(same, 'cpu.processMsPerDoc'),
        unit: 'ms',
        digits: 2,
      },
      {
        scenario: '1 throughput',
        metric: 'bare CPU/doc: nats-server',
        values: pick(same, 'cpu.serverMsPerDoc'),
        unit: 'ms',
        digits: 2,
      },
      ...(has('throughput-services')
        ? [
            {
              scenario: '1 throughput',
              metric: 'one process per level (as deployed), SDK clients in the bench process',
              values: pick('throughput-services', 'docsPerSec'),
              unit: 'docs/s',
              digits: 0,
            },
            ...cpuRows('1 throughput', 'throughput-services', [
              ['central service', 'cpuMsPerDoc.central'],
              ['commune service', 'cpuMsPerDoc.commune'],
              ['SDK senders + recipient', 'cpuMsPerDoc.sdk'],
              ['nats-server', 'cpuMsPerDoc.server'],
            ]),
            {
              scenario: '1 throughput',
              metric: '  cores busy, every process (of 2)',
              values: pick('throughput-services', 'coresBusy'),
              unit: '',
              digits: 2,
            },
          ]
        : []),
    );
  }
  if (has('latency')) {
    rows.push({
      scenario: '2 latency',
      metric: "offered load (50% of run's max)",
      values: pick('latency', 'offeredRate'),
      unit: 'docs/s',
      digits: 0,
    });
    for (const [key, label] of [
      ['deliverMs', 'send() → recipient inbox'],
      ['statusMs', 'report (ack → 01) → sender tracking'],
    ] as const) {
      rows.push(
        {
          scenario: '2 latency',
          metric: `${label} p50`,
          values: pick('latency', `${key}.p50`),
          unit: 'ms',
          digits: 1,
        },
        {
          scenario: '2 latency',
          metric: `${label} p99`,
          values: pick('latency', `${key}.p99`),
          unit: 'ms',
          digits: 1,
          target: { op: '<=', value: 50 },
        },
        {
          scenario: '2 latency',
          metric: `${label} p99.9`,
          values: pick('latency', `${key}.p999`),
          unit: 'ms',
          digits: 1,
        },
      );
    }
    rows.push(
      {
        scenario: '2 latency',
        metric: 'same via SDK Tracker (5 docs/s sample) p50',
        values: pick('latency', 'trackerProbe.p50'),
        unit: 'ms',
        digits: 1,
      },
      {
        scenario: '2 latency',
        metric: 'same via SDK Tracker (5 docs/s sample) p99',
        values: pick('latency', 'trackerProbe.p99'),
        unit: 'ms',
        digits: 1,
      },
    );
  }
  if (has('national')) {
    const small = pick('throughput', 'docsPerSec');
    const afterStart = pick('national', 'afterStart.docsPerSec');
    const steady = pick('national', 'docsPerSec');
    rows.push(
      {
        scenario: '3 scale',
        metric: 'national tree: nodes',
        values: pick('national', 'nodes'),
        unit: '',
        digits: 0,
      },
      {
        scenario: '3 scale',
        metric: 'national tree: agencies',
        values: pick('national', 'agencies'),
        unit: '',
        digits: 0,
      },
      {
        scenario: '3 scale',
        metric: 'start-up (startNode until ready)',
        values: pick('national', 'startupMs').map((v) => (v === undefined ? v : v / 1000)),
        unit: 's',
        digits: 1,
        target: { op: '<=', value: 30 },
      },
      {
        scenario: '3 scale',
        metric: 'RSS after start (node process)',
        values: pick('national', 'rssAfterStartMb'),
        unit: 'MB',
        digits: 0,
        target: { op: '<', value: 2048 },
      },
      {
        scenario: '3 scale',
        metric: 'RSS after start (nats-server)',
        values: pick('national', 'serverRssAfterStartMb'),
        unit: 'MB',
        digits: 0,
      },
      {
        scenario: '3 scale',
        metric: 'consumers left on KV_lt_tracking by start-up',
        values: pick('national', 'consumersAfterStart.KV_lt_tracking'),
        unit: '',
        digits: 0,
      },
      {
        scenario: '3 scale',
        metric: 'throughput right after start-up',
        values: afterStart,
        unit: 'docs/s',
        digits: 0,
      },
      {
        scenario: '3 scale',
        metric: '  nats-server CPU/doc then',
        values: pick('national', 'afterStart.cpu.serverMsPerDoc'),
        unit: 'ms',
        digits: 2,
      },
      {
        scenario: '3 scale',
        metric: '  national / small (scenario 1, same run)',
        values: ratio(afterStart, small),
        unit: '',
        digits: 2,
        target: { op: '>=', value: 0.9 },
      },
      {
        scenario: '3 scale',
        metric: 'throughput once those consumers are gone',
        values: steady,
        unit: 'docs/s',
        digits: 0,
      },
      {
        scenario: '3 scale',
        metric: '  nats-server CPU/doc then',
        values: pick('national', 'cpu.serverMsPerDoc'),
        unit: 'ms',
        digits: 2,
      },
      {
        scenario: '3 scale',
        metric: '  national / small (scenario 1, same run)',
        values: ratio(steady, small),
        unit: '',
        digits: 2,
        target: { op: '>=', value: 0.9 },
      },
    );
  }
  if (has('backlog')) {
    rows.push(
      {
        scenario: '4 backlog',
        metric: 'documents queued for the offline commune',
        values: pick('backlog', 'queued'),
        unit: '',
        digits: 0,
      },
      {
        scenario: '4 backlog',
        metric: 'drain: node back → all in its inbox',
        values: pick('backlog', 'drainDocsPerSec'),
        unit: 'docs/s',
        digits: 0,
        target: { op: '>=', value: 1000 },
      },
      {
        scenario: '4 backlog',
        metric: 'home node restart (startNode)',
        values: pick('backlog', 'restartMs'),
        unit: 'ms',
        digits: 0,
      },
      {
        scenario: '4 backlog',
        metric: 'then fetch + ack (01) by the commune',
        values: pick('backlog', 'fetchAckDocsPerSec'),
        unit: 'docs/s',
        digits: 0,
      },
    );
  }
  // Issue #21's targets: 100 MB/s within one domain, 60 MB/s across two.
  for (const [scenario, label, layout, targetMbPerSec] of [
    ['attachment', '5 attachment', 'one server', 100],
    ['attachment-domains', '5 attachment, 2 domains', 'province → central domain', 60],
  ] as const) {
    if (!has(scenario)) continue;
    rows.push(
      {
        scenario: label,
        metric: `50 MB over 3 hops (${layout}): send() of a file → saved at the recipient`,
        values: pick(scenario, 'mbPerSec'),
        unit: 'MB/s',
        digits: 1,
        target: { op: '>=', value: targetMbPerSec },
      },
      {
        scenario: label,
        metric: '  upload (send() until custody)',
        values: pick(scenario, 'phases.uploadMbPerSec'),
        unit: 'MB/s',
        digits: 1,
      },
      {
        scenario: label,
        metric:
          scenario === 'attachment'
            ? '  3 relays + verification at the central node'
            : '  3 relays + copy into central + verification there',
        values: pick(scenario, 'phases.relayAndVerifyMs'),
        unit: 'ms',
        digits: 0,
      },
      {
        scenario: label,
        metric: '  download at the recipient',
        values: pick(scenario, 'phases.downloadMbPerSec'),
        unit: 'MB/s',
        digits: 1,
      },
      {
        scenario: label,
        metric: '  CPU of every process together, whole transfer',
        values: pick(scenario, 'cpuMsTotal'),
        unit: 'ms',
        digits: 0,
      },
      ...(['upload', 'relayAndVerify', 'download'] as const).map((phase) => ({
        scenario: label,
        metric: `  cores busy (all processes) during ${phase === 'relayAndVerify' ? 'relays + verification' : phase}`,
        values: pick(scenario, `coresBusy.${phase}`),
        unit: '',
        digits: 2,
      })),
    );
    const first = by(scenario).find((d) => d !== undefined);
    const processes = ((first?.rss as { process: string }[] | undefined) ?? []).map((r) => r.process);
    processes.forEach((name, i) =>
      rows.push({
        scenario: label,
        metric: `peak RSS growth: ${name}`,
        values: pick(scenario, `rss.${i}.growthMb`),
        unit: 'MB',
        digits: 1,
        ...(name.startsWith('nats-server') ? {} : { target: { op: '<' as const, value: 64 } }),
      }),
    );
  }
  if (has('urgent')) {
    for (const [key, label, target] of [
      ['idleMs', 'urgent send() → inbox, idle', undefined],
      ['backlogMs', 'urgent send() → inbox, ≥ 5,000 of 20,000 normal queued at the hop', 1000],
    ] as const) {
      for (const p of ['p50', 'p99'] as const) {
        rows.push({
          scenario: '6 urgent',
          metric: `${label} ${p}`,
          values: pick('urgent', `${key}.${p}`),
          unit: 'ms',
          digits: 0,
          ...(target !== undefined && p === 'p99' ? { target: { op: '<' as const, value: target } } : {}),
        });
      }
    }
    rows.push({
      scenario: '6 urgent',
      metric: '  normal envelopes queued at the hop after the last sample',
      values: pick('urgent', 'backlogAtEnd'),
      unit: '',
      digits: 0,
    });
  }
  if (has('gateway')) {
    const sdkCpu = pick('throughput', 'cpu.processMsPerDoc');
    const gwCpu = pick('gateway', 'edoc.cpu.processMsPerPackage');
    rows.push(
      {
        scenario: '7 gateway',
        metric: '4 KB edoc: POST → listed, fetched, acked at the recipient',
        values: pick('gateway', 'edoc.packagesPerSec'),
        unit: 'pkg/s',
        digits: 0,
      },
      {
        scenario: '7 gateway',
        metric: '  CPU/package: node process (runtime + gateway)',
        values: gwCpu,
        unit: 'ms',
        digits: 2,
      },
      {
        scenario: '7 gateway',
        metric: '  CPU/package: the two HTTP clients (a process of their own)',
        values: pick('gateway', 'edoc.cpu.clientsMsPerPackage'),
        unit: 'ms',
        digits: 2,
      },
      {
        scenario: '7 gateway',
        metric: '  CPU/package: nats-server',
        values: pick('gateway', 'edoc.cpu.serverMsPerPackage'),
        unit: 'ms',
        digits: 2,
      },
      {
        scenario: '7 gateway',
        metric: '  CPU/package: all three',
        values: pick('gateway', 'edoc.allMsPerPackage'),
        unit: 'ms',
        digits: 2,
      },
      {
        scenario: '7 gateway',
        metric: 'same pair through the SDK, 16 in flight until received: docs/s',
        values: pick('gateway', 'sdk.docsPerSec'),
        unit: 'docs/s',
        digits: 0,
      },
      ...cpuRows('7 gateway', 'gateway', [
        ['node process', 'sdk.cpu.processMsPerPackage'],
        ['the two SDK clients (a process of their own)', 'sdk.cpu.clientsMsPerPackage'],
        ['nats-server', 'sdk.cpu.serverMsPerPackage'],
        ['all three', 'sdk.allMsPerDoc'],
      ]),
      {
        scenario: '7 gateway',
        metric: '  gateway hop: CPU of all processes per package ÷ per SDK document (same run)',
        values: pick('gateway', 'hop.allProcessesRatio'),
        unit: '',
        digits: 2,
        target: { op: '<=', value: 1.33 },
      },
      {
        scenario: '7 gateway',
        metric: "  gateway hop: lienthong's processes (node ÷ node + SDK clients, same run)",
        values: pick('gateway', 'hop.lienthongRatio'),
        unit: '',
        digits: 2,
      },
      {
        scenario: '7 gateway',
        metric: '  SDK path, recipient acks 100 ms late (3 tracking writes, as HTTP): CPU/doc, all',
        values: pick('gateway', 'sdkLateAck.allMsPerDoc'),
        unit: 'ms',
        digits: 2,
      },
      {
        scenario: '7 gateway',
        metric: '  gateway hop against it: all processes per package ÷ per SDK document',
        values: pick('gateway', 'hop.allProcessesRatioLateAck'),
        unit: '',
        digits: 2,
      },
      {
        scenario: '7 gateway',
        metric: '  node process CPU ÷ scenario 1 process CPU (1,000 docs/s, one process)',
        values: ratio(gwCpu, sdkCpu),
        unit: '',
        digits: 2,
      },
      {
        scenario: '7 gateway',
        metric: 'Status package (03): POST → custody',
        values: pick('gateway', 'status.postedPerSec'),
        unit: 'pkg/s',
        digits: 0,
      },
      {
        scenario: '7 gateway',
        metric: "Status package (03): POST → in the sender's tracking",
        values: pick('gateway', 'status.trackedPerSec'),
        unit: 'pkg/s',
        digits: 0,
      },
      {
        scenario: '7 gateway',
        metric: '50 MB package: POST from a file → GET to a file at the recipient',
        values: pick('gateway', 'big.mbPerSec'),
        unit: 'MB/s',
        digits: 1,
      },
      {
        scenario: '7 gateway',
        metric: '  peak RSS growth of the node process',
        values: pick('gateway', 'big.rssGrowthMb'),
        unit: 'MB',
        digits: 1,
      },
    );
  }
  if (has('vxp')) {
    rows.push(
      {
        scenario: '8 vxp',
        metric: '4 KB edoc: signed sendEdoc → listed at the recipient',
        values: pick('vxp', 'listedPerSec'),
        unit: 'pkg/s',
        digits: 0,
      },
      {
        scenario: '8 vxp',
        metric: '  with getEdoc + updateStatus done at the recipient',
        values: pick('vxp', 'cyclePerSec'),
        unit: 'pkg/s',
        digits: 0,
      },
      {
        scenario: '8 vxp',
        metric: '  CPU/package: node process (runtime + gateway + VXP)',
        values: pick('vxp', 'cpu.processMsPerPackage'),
        unit: 'ms',
        digits: 2,
      },
      {
        scenario: '8 vxp',
        metric: '  CPU/package: the two VXP clients (a process of their own)',
        values: pick('vxp', 'cpu.clientsMsPerPackage'),
        unit: 'ms',
        digits: 2,
      },
      {
        scenario: '8 vxp',
        metric: '  CPU/package: nats-server',
        values: pick('vxp', 'cpu.serverMsPerPackage'),
        unit: 'ms',
        digits: 2,
      },
    );
  }
  for (const [name, scenario] of [
    ['broadcast', '9 broadcast'],
    ['broadcast-domains', '9 broadcast, 35 domains'],
  ] as const) {
    if (!has(name)) continue;
    // The targets are the issue's, for the tree on one server; across domains the numbers are shown.
    const targets = name === 'broadcast';
    const b = (metric: string, path: string, unit: string, digits: number, target?: number): Row => ({
      scenario,
      metric,
      values: pick(name, path).map((v) => (v === undefined || unit !== 's' ? v : v / 1000)),
      unit,
      digits,
      ...(target !== undefined && targets ? { target: { op: '<=' as const, value: target } } : {}),
    });
    rows.push(
      b('recipients (34 provinces × 98 communes + the provinces)', 'recipients', '', 0),
      b('send() → custody at the home node', 'custodyMs', 'ms', 0),
      b('send() → all in their inboxes', 'allInInboxMs', 's', 2, 5),
      b("send() → all DELIVERED in the sender's tracking", 'allDeliveredMs', 's', 2, 10),
      b('snapshot() of the document at the sender', 'snapshotMs', 's', 2, 0.5),
      b('sent() at the sender', 'sentMs', 's', 2),
      b('CPU: runtime + SDK process', 'processCpuMs', 's', 1),
      b('CPU: nats-server', 'serverCpuMs', 's', 1),
    );
    if (name === 'broadcast-domains') {
      rows.push(
        b('transport events into another domain, alone', 'crossDomain.alone', '', 0),
        b('  … in batches', 'crossDomain.batched', '', 0),
        b('  … the batches', 'crossDomain.batches', '', 0),
      );
    }
  }
  // Rows of scenarios that were not run (--only) have no values at all.
  return rows.filter((r) => r.values.some((v) => v !== undefined) || records.some((x) => !x.result.ok));
}

/**
 * Newest build time of the workspace packages the benchmark runs (their dist/). Others may rebuild
 * them while a benchmark runs; then its runs measured different code, and it says so.
 */
function distFingerprint(): string {
  let newest = 0;
  for (const pkg of ['proto', 'core', 'node', 'sdk', 'edxml', 'gateway']) {
    const dir = join(ROOT, 'packages', pkg, 'dist');
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir)) {
      if (f.endsWith('.js')) newest = Math.max(newest, statSync(join(dir, f)).mtimeMs);
    }
  }
  return new Date(newest).toISOString();
}

function gitCommit(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

function natsServerVersion(): string {
  try {
    return execFileSync(findNatsServerBinary(), ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const s = settings(args.quick);
  const started = Date.now();
  mkdirSync(dirname(args.out), { recursive: true });
  const builtAt = distFingerprint();
  const records: RunRecord[] = [];
  const step = async (run: number, scenario: string, opts: unknown): Promise<ChildResult> => {
    log(`run ${run}/${args.runs} ${scenario} …`);
    const result = await runChild(scenario, opts, s.budgets[scenario] ?? 180_000);
    records.push({ run, scenario, result });
    const d = result.data;
    const brief =
      scenario === 'latency'
        ? `deliver p99 ${get(d, 'deliverMs.p99')} ms, status p99 ${get(d, 'statusMs.p99')} ms at ${get(d, 'offeredRate')} docs/s`
        : scenario === 'national'
          ? `start-up ${get(d, 'startupMs')} ms, RSS ${get(d, 'rssAfterStartMb')} MB, ${get(d, 'afterStart.docsPerSec')} docs/s after start, ${get(d, 'docsPerSec')} docs/s without the key-listing consumers`
          : scenario === 'backlog'
            ? `drain ${get(d, 'drainDocsPerSec')} docs/s, fetch+ack ${get(d, 'fetchAckDocsPerSec')} docs/s`
            : scenario.startsWith('attachment')
              ? `${get(d, 'mbPerSec')} MB/s end to end, largest RSS growth ${Math.max(...((d?.rss as { growthMb?: number }[] | undefined) ?? []).map((r) => r.growthMb ?? Number.NaN))} MB`
              : scenario === 'gateway'
                ? `${get(d, 'edoc.packagesPerSec')} edoc/s, ${get(d, 'status.trackedPerSec')} status/s, 50 MB at ${get(d, 'big.mbPerSec')} MB/s`
                : scenario === 'vxp'
                  ? `${get(d, 'listedPerSec')} sendEdoc → listed/s, ${get(d, 'cyclePerSec')} with fetch + done`
                  : scenario.startsWith('broadcast')
                    ? `${get(d, 'recipients')} recipients: all in inboxes ${get(d, 'allInInboxMs')} ms, all DELIVERED at the sender ${get(d, 'allDeliveredMs')} ms, snapshot() ${get(d, 'snapshotMs')} ms`
                    : scenario === 'urgent'
                      ? `urgent p50/p99 idle ${get(d, 'idleMs.p50')}/${get(d, 'idleMs.p99')} ms, behind ${get(d, 'backlogAtStart')} queued ${get(d, 'backlogMs.p50')}/${get(d, 'backlogMs.p99')} ms`
                      : `${get(d, 'docsPerSec')} docs/s`;
    log(
      `run ${run}/${args.runs} ${scenario}: ${result.ok ? brief : `FAILED: ${result.error}`} (${round(result.wallMs / 1000, 1)} s${result.logWarnings ? `, ${result.logWarnings} log warnings` : ''})`,
    );
    if (!result.ok) for (const l of result.logTail) log(`    | ${l}`);
    return result;
  };

  for (let run = 1; run <= args.runs; run++) {
    let max: number | undefined;
    if (args.only.has('throughput') || args.only.has('latency') || args.only.has('scale')) {
      if (args.only.has('throughput')) {
        // The ratio's bare pipeline does the same JetStream work: without intermediate relays when
        // lienthong takes the domain-local shortcut. The other one runs too, but not in --quick.
        if (args.shortcut || !args.quick) await step(run, 'baseline-direct', s.direct);
        if (!args.shortcut || !args.quick) await step(run, 'baseline', s.baseline);
      }
      const opts = { ...s.throughput, shortcut: args.shortcut };
      max = get((await step(run, 'throughput', opts)).data, 'docsPerSec');
      // The same load on the level services in processes of their own (not in --quick).
      if (args.only.has('throughput') && !args.quick) await step(run, 'throughput-services', opts);
    }
    if (args.only.has('latency')) {
      const rate = Math.max(10, Math.round((max ?? 200) / 2));
      await step(run, 'latency', { ...s.latency, rate, shortcut: args.shortcut });
    }
    if (args.only.has('scale')) await step(run, 'national', s.national);
    if (args.only.has('backlog')) await step(run, 'backlog', s.backlog);
    if (args.only.has('attachment')) {
      const chunk = args.attachmentChunkKb ? { chunkKb: args.attachmentChunkKb } : {};
      await step(run, 'attachment', { ...s.attachment, ...chunk });
      await step(run, 'attachment-domains', { ...s.attachment, ...chunk, domains: true });
    }
    if (args.only.has('urgent')) await step(run, 'urgent', s.urgent);
    if (args.only.has('gateway')) await step(run, 'gateway', s.gateway);
    if (args.only.has('vxp')) await step(run, 'vxp', s.vxp);
    if (args.only.has('broadcast')) {
      await step(run, 'broadcast', { ...s.broadcast, shortcut: args.shortcut });
      // Each province on a leaf server of its own (35 servers and runtimes on this machine): not in --quick.
      if (!args.quick)
        await step(run, 'broadcast-domains', { ...s.broadcast, shortcut: args.shortcut, domains: true });
    }
  }

  let profile: ProfileSummary | undefined;
  let profileBare: ProfileSummary | undefined;
  let startup: ChildResult | undefined;
  /** Runs a scenario under --cpu-prof; keeps the raw profile as bench/results/<name>.cpuprofile.json. */
  const profiled = async (
    scenario: string,
    name: string,
    opts: { docs: number; warmup: number; shortcut?: boolean },
  ): Promise<ProfileSummary | undefined> => {
    const dir = mkdtempSync(join(tmpdir(), 'lt-bench-prof-'));
    try {
      log(`profile: ${scenario} under --cpu-prof …`);
      const r = await runChild(scenario, opts, s.budgets.throughput!, [
        '--cpu-prof',
        `--cpu-prof-dir=${dir}`,
        `--cpu-prof-name=${name}.cpuprofile`,
      ]);
      const file = join(dir, `${name}.cpuprofile`);
      if (!r.ok || !existsSync(file)) {
        log(`profile: ${scenario} FAILED: ${r.error ?? 'no profile written'}`);
        return undefined;
      }
      const summary = summarizeProfile(file, opts.docs + opts.warmup, 40);
      const keep = join(dirname(args.out), `${name}.cpuprofile.json`);
      copyFileSync(file, keep); // not rename: the temporary directory may be another file system
      log(`profile: ${scenario}: ${summary.busyUsPerDoc} µs CPU per document (raw profile: ${keep})`);
      return summary;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  if (args.profile && args.only.has('throughput')) {
    profile = await profiled('throughput', 'throughput', { ...s.profile, shortcut: args.shortcut });
    profileBare = args.shortcut
      ? await profiled('baseline-direct', 'baseline', { ...s.direct, docs: s.profile.docs })
      : await profiled('baseline', 'baseline', { ...s.baseline, docs: s.profile.docs });
  }
  // How much of the broker's CPU per document grows with the document: the same load with 4 KB
  // and with 0.7 KB documents, back to back (the bare pipeline's cost does not depend on it).
  let docSize: Record<string, unknown> | undefined;
  if (args.profile && args.only.has('throughput')) {
    log('diagnostic: CPU per document with 4 KB and with 0.7 KB documents …');
    const big = await runChild('throughput', s.throughput, s.budgets.throughput!);
    const small = await runChild('throughput', { ...s.throughput, docBytes: 700 }, s.budgets.throughput!);
    const b = get(big.data, 'cpu.processMsPerDoc');
    const sm = get(small.data, 'cpu.processMsPerDoc');
    docSize = {
      processMsPerDoc4k: b,
      processMsPerDoc700: sm,
      docsPerSec4k: get(big.data, 'docsPerSec'),
      docsPerSec700: get(small.data, 'docsPerSec'),
      sizeDependentShare: b !== undefined && sm !== undefined ? round((b - sm) / b, 3) : undefined,
    };
    log(`diagnostic: ${JSON.stringify(docSize)}`);
  }
  if (args.breakdown) {
    log('start-up breakdown (national tree) …');
    startup = await runChild('startup-breakdown', s.startup, s.budgets['startup-breakdown']!);
    log(
      startup.ok
        ? `start-up breakdown: ${JSON.stringify(startup.data)}`
        : `start-up breakdown FAILED: ${startup.error}`,
    );
  }

  const rows = buildRows(records, args.runs, args.shortcut);
  const summary = rows.map((r) => {
    const { value, verdict } = evaluate(r);
    return {
      scenario: r.scenario,
      metric: r.metric,
      unit: r.unit,
      median: value,
      runs: r.values,
      target: r.target,
      result: verdict,
    };
  });
  const out = {
    meta: {
      date: new Date().toISOString(),
      commit: gitCommit(),
      packagesBuiltAt: builtAt,
      packagesRebuiltDuringRun: distFingerprint() !== builtAt,
      args: {
        runs: args.runs,
        quick: args.quick,
        only: [...args.only],
        profile: args.profile,
        shortcut: args.shortcut,
      },
      settings: s,
      host: { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGb: round(totalmem() / 2 ** 30, 1) },
      node: process.version,
      nodeFlags: RUNTIME_NODE_FLAGS,
      natsServer: natsServerVersion(),
      hopCount: {
        persistedPublishesPerDoc: PERSISTED_PUBLISHES_PER_DOC,
        consumesPerDoc: CONSUMES_PER_DOC,
        note: 'see bench/src/scenarios/baseline.ts for the stage table',
      },
      wallMs: Date.now() - started,
    },
    summary,
    runs: records.map((r) => ({ run: r.run, scenario: r.scenario, ...r.result })),
    ...(profile ? { profile } : {}),
    ...(profileBare ? { profileBaseline: profileBare } : {}),
    ...(startup ? { startupBreakdown: startup.data ?? { error: startup.error } } : {}),
    ...(docSize ? { documentSizeDiagnostic: docSize } : {}),
  };
  writeFileSync(args.out, `${JSON.stringify(out, null, 2)}\n`);
  process.stdout.write(`\n${table(rows, args.quick)}\n\n`);
  if (profile) {
    process.stdout.write(
      `CPU profile of scenario 1 (${profile.docs} docs, ${profile.busyUsPerDoc} µs busy CPU per document):\n`,
    );
    const bare = new Map((profileBare?.byPackage ?? []).map((p) => [p.pkg, p.usPerDoc]));
    process.stdout.write(`      %   µs/doc  (bare µs/doc)  package\n`);
    for (const p of profile.byPackage.slice(0, 14)) {
      const b = profileBare ? String(bare.get(p.pkg) ?? 0).padStart(6) : '     –';
      process.stdout.write(
        `  ${String(p.selfPct).padStart(5)}  ${String(p.usPerDoc).padStart(7)}  ${b}         ${p.pkg}\n`,
      );
    }
    if (profileBare) {
      process.stdout.write(
        `  total  ${String(profile.busyUsPerDoc).padStart(7)}  ${String(profileBare.busyUsPerDoc).padStart(6)}         (busy CPU per document, under the profiler)\n`,
      );
    }
    process.stdout.write('  top functions by self time:\n');
    for (const f of profile.topSelf.slice(0, 12)) {
      process.stdout.write(`  ${String(f.selfPct).padStart(5)} %  ${f.fn}  ${f.where}\n`);
    }
    process.stdout.write('\n');
  }
  if (docSize) {
    process.stdout.write(
      `CPU per document in the broker's process: ${String(docSize.processMsPerDoc4k)} ms with 4 KB documents, ` +
        `${String(docSize.processMsPerDoc700)} ms with 0.7 KB ones: ` +
        `${round(100 * Number(docSize.sizeDependentShare), 1)} % of it grows with the document\n\n`,
    );
  }
  process.stdout.write(
    `results: ${args.out} (every run's raw numbers); total ${round((Date.now() - started) / 1000)} s\n`,
  );
  if (distFingerprint() !== builtAt) {
    process.stdout.write(
      'WARNING: packages/*/dist changed while the benchmark ran (someone rebuilt); runs may have measured different code\n',
    );
  }
  const failedRuns = records.filter((r) => !r.result.ok).length;
  if (failedRuns > 0) {
    process.stdout.write(`${failedRuns} run(s) failed; see the log above and "runs" in the JSON\n`);
    process.exitCode = 1;
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`bench: ${(e as Error)?.message ?? String(e)}\n`);
  process.exit(2);
});
