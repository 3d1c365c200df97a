import { useState } from 'preact/hooks';
import { query } from '../api';
import { ChartBox } from '../chart';
import { Failure, LiveDot, useData } from '../common';
import { useApp } from '../context';
import { duration } from '../format';

interface Durations {
  count: number;
  p50: number | null;
  p99: number | null;
}
interface Row {
  level: string;
  node: string;
  name?: string;
  sent: number;
  received: number;
  pending: number;
  overdue: number;
  failed: number;
  rejected: number;
  deadLettered: number;
  arrivedMs: Durations;
  completedMs: Durations;
}
interface Stats {
  fromMs: number;
  toMs: number;
  total: Row;
  levels: Row[];
  nodes: Row[];
  nodesActive: number;
  daily: { day: string; sent: number; delivered: number }[];
}

const COLORS = {
  sent: '#1d4ed8',
  received: '#15803d',
  pending: '#64748b',
  overdue: '#ea580c',
  rejected: '#b91c1c',
};

export function StatsPage() {
  const { t, lang } = useApp();
  const [days, setDays] = useState(7);
  const { data, error, status, live } = useData<Stats>(`stats${query({ days })}`, true);
  const level = (l: string): string =>
    (
      ({
        central: t.level_central,
        province: t.level_province,
        district: t.level_district,
        commune: t.level_commune,
        '*': t.level_all,
      }) as Record<string, string>
    )[l] ?? l;
  // The median times' chart in the unit that suits them: seconds, minutes or hours.
  const longest = Math.max(
    0,
    ...(data?.levels ?? []).flatMap((r) => [r.arrivedMs.p50 ?? 0, r.completedMs.p50 ?? 0]),
  );
  const [unitMs, unitName] =
    longest < 120_000 ? [1000, t.unit_s] : longest < 7_200_000 ? [60_000, t.unit_min] : [3_600_000, t.unit_h];
  const inUnit = (d: Durations): number | null =>
    d.p50 === null ? null : Math.round((d.p50 / unitMs) * 100) / 100;
  const kpis: [string, string, string][] = data
    ? [
        ['sent', t.k_sent, String(data.total.sent)],
        ['received', t.k_received, String(data.total.received)],
        ['pending', t.k_pending, String(data.total.pending)],
        ['overdue', t.k_overdue, String(data.total.overdue)],
        ['rejected', t.k_rejected, String(data.total.rejected)],
        ['t01', t.k_t01, duration(data.total.arrivedMs.p50, lang)],
        ['t06', t.k_t06, duration(data.total.completedMs.p50, lang)],
      ]
    : [];
  const columns = (r: Row) => (
    <>
      <td class="num">{r.sent}</td>
      <td class="num">{r.received}</td>
      <td class="num">{r.pending}</td>
      <td class="num">{r.overdue}</td>
      <td class="num">{r.rejected}</td>
      <td class="num">{duration(r.arrivedMs.p50, lang)}</td>
      <td class="num">{duration(r.completedMs.p50, lang)}</td>
    </>
  );
  const heads = [t.k_sent, t.k_received, t.k_pending, t.k_overdue, t.k_rejected, t.k_t01, t.k_t06];
  return (
    <section aria-labelledby="stats-title">
      <div class="page-head">
        <h1 id="stats-title">{t.stats_title}</h1>
        <LiveDot on={live} />
      </div>
      <p class="help">{t.stats_help}</p>
      <div class="filters">
        <div class="field">
          <label for="period">{t.period}</label>
          <select
            id="period"
            value={days}
            onChange={(e) => setDays(Number((e.target as HTMLSelectElement).value))}
          >
            <option value={1}>{t.p_1}</option>
            <option value={7}>{t.p_7}</option>
            <option value={30}>{t.p_30}</option>
            <option value={90}>{t.p_90}</option>
          </select>
        </div>
      </div>
      {!data ? (
        <Failure error={error} status={status} />
      ) : (
        <>
          <ul class="kpis">
            {kpis.map(([k, label, value]) => (
              <li class={`kpi k-${k}`} key={k}>
                <span class="n">{value}</span>
                <span class="l">{label}</span>
              </li>
            ))}
          </ul>
          <div class="charts">
            <ChartBox
              label={t.chart_levels}
              config={{
                type: 'bar',
                data: {
                  labels: data.levels.map((r) => level(r.level)),
                  datasets: (['sent', 'received', 'pending', 'overdue', 'rejected'] as const).map((k) => ({
                    label: {
                      sent: t.k_sent,
                      received: t.k_received,
                      pending: t.k_pending,
                      overdue: t.k_overdue,
                      rejected: t.k_rejected,
                    }[k],
                    data: data.levels.map((r) => r[k]),
                    backgroundColor: COLORS[k],
                  })),
                },
              }}
            />
            <ChartBox
              label={t.chart_daily}
              config={{
                type: 'line',
                data: {
                  labels: data.daily.map((d) => d.day.slice(5)),
                  datasets: [
                    {
                      label: t.k_sent,
                      data: data.daily.map((d) => d.sent),
                      borderColor: COLORS.sent,
                      backgroundColor: COLORS.sent,
                    },
                    {
                      label: t.k_received,
                      data: data.daily.map((d) => d.delivered),
                      borderColor: COLORS.received,
                      backgroundColor: COLORS.received,
                    },
                  ],
                },
              }}
            />
            <ChartBox
              label={t.chart_times(unitName)}
              config={{
                type: 'bar',
                data: {
                  labels: data.levels.map((r) => level(r.level)),
                  datasets: [
                    {
                      label: t.k_t01,
                      data: data.levels.map((r) => inUnit(r.arrivedMs)),
                      backgroundColor: '#0891b2',
                    },
                    {
                      label: t.k_t06,
                      data: data.levels.map((r) => inUnit(r.completedMs)),
                      backgroundColor: '#15803d',
                    },
                  ],
                },
              }}
            />
          </div>
          <h2>{t.by_level}</h2>
          <div class="table-wrap">
            <table class="stats">
              <thead>
                <tr>
                  <th scope="col">{t.col_level}</th>
                  {heads.map((h) => (
                    <th scope="col" class="num" key={h}>
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {[...data.levels, data.total].map((r) => (
                  <tr key={r.level} class={r.level === '*' ? 'total' : ''}>
                    <th scope="row">{level(r.level)}</th>
                    {columns(r)}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <h2>{t.by_unit}</h2>
          <p class="small">{t.units_active(data.nodesActive, data.nodes.length)}</p>
          <div class="table-wrap">
            <table class="stats">
              <thead>
                <tr>
                  <th scope="col">{t.col_unit}</th>
                  <th scope="col">{t.col_level}</th>
                  {heads.map((h) => (
                    <th scope="col" class="num" key={h}>
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {data.nodes.map((r) => (
                  <tr key={r.node}>
                    <th scope="row">
                      {r.name || r.node}
                      <div class="small">
                        <code>{r.node}</code>
                      </div>
                    </th>
                    <td>{level(r.level)}</td>
                    {columns(r)}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
