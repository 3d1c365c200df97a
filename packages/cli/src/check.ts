/**
 * `lienthong check`: health for monitoring systems. Facts are gathered by the command; this file
 * judges them against thresholds and prints them for Nagios (and Icinga, Zabbix, Sensu), as JSON or
 * as Prometheus text.
 */

export type CheckStatus = 'OK' | 'WARNING' | 'CRITICAL' | 'UNKNOWN';

/** Nagios plugin exit codes. */
export const CHECK_CODES: Readonly<Record<CheckStatus, number>> = {
  OK: 0,
  WARNING: 1,
  CRITICAL: 2,
  UNKNOWN: 3,
};

export interface LevelCoverage {
  readonly level: string;
  readonly nodes: number;
  /** Nodes without a consumer that a process is pulling, on the submit or the relay stream. */
  readonly unserved: readonly string[];
}

export interface CheckFacts {
  readonly server: string;
  /** Why the check could not look (unreachable server, refused credentials…); the rest is empty then. */
  readonly failure?: { readonly status: CheckStatus; readonly message: string };
  readonly streams: readonly { readonly name: string; readonly present: boolean }[];
  readonly levels: readonly LevelCoverage[];
  /** Messages waiting in LT_SUBMIT and LT_RELAY. */
  readonly backlog: number;
  readonly deadLetters: number;
  /** Recipients whose 01 is late. */
  readonly overdue: number;
}

export interface Thresholds {
  /** CRITICAL above this backlog. */
  readonly maxBacklog: number;
  /** WARNING above this backlog. */
  readonly warnBacklog?: number;
  /** CRITICAL above this many dead letters (none by default). */
  readonly maxDead?: number;
  /** WARNING above this many dead letters. */
  readonly warnDead: number;
  /** WARNING above this many overdue recipients. */
  readonly maxOverdue: number;
}

export interface Perf {
  readonly label: string;
  readonly value: number;
  readonly warn?: number;
  readonly crit?: number;
  readonly min?: number;
}

export interface CheckResult {
  readonly status: CheckStatus;
  readonly code: number;
  readonly summary: string;
  /** Every finding, worst first, with its status. */
  readonly findings: readonly { readonly status: CheckStatus; readonly message: string }[];
  readonly perf: readonly Perf[];
  readonly facts: CheckFacts;
}

const ORDER: readonly CheckStatus[] = ['OK', 'WARNING', 'CRITICAL', 'UNKNOWN'];
const SEVERITY: readonly CheckStatus[] = ['OK', 'WARNING', 'UNKNOWN', 'CRITICAL'];

function worst(a: CheckStatus, b: CheckStatus): CheckStatus {
  return SEVERITY.indexOf(a) >= SEVERITY.indexOf(b) ? a : b;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function evaluate(facts: CheckFacts, t: Thresholds): CheckResult {
  const findings: { status: CheckStatus; message: string }[] = [];
  if (facts.failure) {
    findings.push(facts.failure);
  } else {
    const missing = facts.streams.filter((s) => !s.present).map((s) => s.name);
    if (missing.length > 0)
      findings.push({ status: 'CRITICAL', message: `streams missing: ${missing.join(', ')}` });
    for (const l of facts.levels) {
      if (l.unserved.length > 0) {
        const shown = l.unserved.slice(0, 5).join(', ') + (l.unserved.length > 5 ? ', …' : '');
        findings.push({
          status: 'CRITICAL',
          message: `${l.level}: ${l.unserved.length}/${l.nodes} nodes not served (${shown})`,
        });
      }
    }
    if (facts.backlog > t.maxBacklog) {
      findings.push({ status: 'CRITICAL', message: `backlog ${facts.backlog} > ${t.maxBacklog}` });
    } else if (t.warnBacklog !== undefined && facts.backlog > t.warnBacklog) {
      findings.push({ status: 'WARNING', message: `backlog ${facts.backlog} > ${t.warnBacklog}` });
    }
    if (t.maxDead !== undefined && facts.deadLetters > t.maxDead) {
      findings.push({
        status: 'CRITICAL',
        message: `${plural(facts.deadLetters, 'dead letter')} > ${t.maxDead}`,
      });
    } else if (facts.deadLetters > t.warnDead) {
      findings.push({
        status: 'WARNING',
        message: `${plural(facts.deadLetters, 'dead letter')} > ${t.warnDead}`,
      });
    }
    if (facts.overdue > t.maxOverdue) {
      findings.push({
        status: 'WARNING',
        message: `${plural(facts.overdue, 'overdue recipient')} > ${t.maxOverdue}`,
      });
    }
  }
  const status = findings.reduce<CheckStatus>((s, f) => worst(s, f.status), 'OK');
  findings.sort((a, b) => SEVERITY.indexOf(b.status) - SEVERITY.indexOf(a.status));
  const nodes = facts.levels.reduce((n, l) => n + l.nodes, 0);
  const unserved = facts.levels.reduce((n, l) => n + l.unserved.length, 0);
  const summary =
    findings.length > 0
      ? findings.map((f) => f.message).join('; ')
      : `${nodes - unserved}/${nodes} nodes served, backlog ${facts.backlog}, ${plural(facts.deadLetters, 'dead letter')}, ${facts.overdue} overdue`;
  const perf: Perf[] = facts.failure
    ? []
    : [
        {
          label: 'backlog',
          value: facts.backlog,
          ...(t.warnBacklog !== undefined ? { warn: t.warnBacklog } : {}),
          crit: t.maxBacklog,
          min: 0,
        },
        {
          label: 'dead_letters',
          value: facts.deadLetters,
          warn: t.warnDead,
          ...(t.maxDead !== undefined ? { crit: t.maxDead } : {}),
          min: 0,
        },
        { label: 'overdue', value: facts.overdue, warn: t.maxOverdue, min: 0 },
        { label: 'unserved_nodes', value: unserved, crit: 0, min: 0 },
        { label: 'streams_missing', value: facts.streams.filter((s) => !s.present).length, crit: 0, min: 0 },
      ];
  return { status, code: CHECK_CODES[status], summary, findings, perf, facts };
}

/** `LIENTHONG OK - summary | perfdata`, then one line per finding (Nagios long output). */
export function formatNagios(r: CheckResult): string {
  const perf = r.perf
    .map((p) => `${p.label}=${p.value};${p.warn ?? ''};${p.crit ?? ''};${p.min ?? ''};`)
    .join(' ');
  const lines = [`LIENTHONG ${r.status} - ${r.summary}${perf ? ` | ${perf}` : ''}`];
  if (r.findings.length > 1) lines.push(...r.findings.map((f) => `${f.status}: ${f.message}`));
  return `${lines.join('\n')}\n`;
}

export function checkJson(r: CheckResult): Record<string, unknown> {
  return {
    status: r.status,
    code: r.code,
    summary: r.summary,
    server: r.facts.server,
    findings: r.findings,
    streams: r.facts.streams,
    levels: r.facts.levels,
    backlog: r.facts.backlog,
    deadLetters: r.facts.deadLetters,
    overdue: r.facts.overdue,
    perf: r.perf,
  };
}

/** Prometheus text exposition, e.g. for node_exporter's textfile collector. */
export function formatPrometheus(r: CheckResult): string {
  const lines: string[] = [];
  const gauge = (name: string, help: string, samples: readonly [string, number][]): void => {
    lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} gauge`);
    for (const [labels, value] of samples) lines.push(`${name}${labels} ${value}`);
  };
  const esc = (v: string): string => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
  gauge('lienthong_check_status', 'Result of lienthong check: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN', [
    [`{server="${esc(r.facts.server)}"}`, ORDER.indexOf(r.status)],
  ]);
  gauge('lienthong_check_up', '1 when the check could reach NATS and read JetStream', [
    ['', r.facts.failure ? 0 : 1],
  ]);
  if (!r.facts.failure) {
    gauge(
      'lienthong_check_stream_present',
      '1 when the stream exists',
      r.facts.streams.map((s) => [`{stream="${esc(s.name)}"}`, s.present ? 1 : 0]),
    );
    gauge(
      'lienthong_check_nodes',
      'Nodes of the level in the directory',
      r.facts.levels.map((l) => [`{level="${esc(l.level)}"}`, l.nodes]),
    );
    gauge(
      'lienthong_check_unserved_nodes',
      'Nodes of the level that no process is pulling for',
      r.facts.levels.map((l) => [`{level="${esc(l.level)}"}`, l.unserved.length]),
    );
    gauge('lienthong_check_backlog_messages', 'Messages waiting in LT_SUBMIT and LT_RELAY', [
      ['', r.facts.backlog],
    ]);
    gauge('lienthong_check_dead_letters', 'Messages in LT_DEAD', [['', r.facts.deadLetters]]);
    gauge('lienthong_check_overdue_recipients', 'Recipients whose 01 arrived is late', [
      ['', r.facts.overdue],
    ]);
  }
  return `${lines.join('\n')}\n`;
}
