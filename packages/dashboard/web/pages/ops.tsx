import { useState } from 'preact/hooks';
import { api, query } from '../api';
import { Failure, useData } from '../common';
import { useApp } from '../context';
import { dateTime } from '../format';

interface Lanes {
  normal: number;
  urgent: number;
}
interface NodeRow {
  id: string;
  name: string;
  level: string;
  parent: string;
  health: 'serving' | 'no-puller' | 'unknown';
  lanes: { submit: Lanes; relay: Lanes };
  toParent: number | null;
  dead: number;
}
interface Queue {
  perSenderLimit: number;
  maxBytes: number;
  bytes: number;
  queued: number;
  full: number;
}
interface Dead {
  seq: number;
  atMs: number;
  subject: string;
  node: string;
  reason: string;
  detail: string;
  documentId: string;
  origin: string;
  replayable: boolean;
}
interface Ops {
  process: { ok: boolean; reason?: string };
  metricsPath: string;
  nodes: NodeRow[];
  nodesTotal: number;
  /** With `?node=`: how many nodes match. */
  nodesMatching?: number;
  flow: {
    submit: Queue;
    relay: Queue;
    queues: { queue: string; node: string; lane: string; sender: string; queued: number; limit: number }[];
    paced: { code: string; homeNode: string; perSecond: number; burst: number; queued: number }[];
  };
  deadLetters: Dead[];
  auditAvailable: boolean;
}
interface Audit {
  node: string;
  blocks: number;
  entries: number;
  broken?: { streamSeq: number; problem: string };
}

export function OpsPage() {
  const { t, lang } = useApp();
  const [nodeForm, setNodeForm] = useState('');
  const [nodeFilter, setNodeFilter] = useState('');
  const { data, error, status, reload } = useData<Ops>(`ops${query({ node: nodeFilter })}`);
  const [replayed, setReplayed] = useState<Record<number, string>>({});
  const [audit, setAudit] = useState<Audit[] | string | undefined>(undefined);
  if (!data) return <Failure error={error} status={status} />;
  const bound = (n: number): string => (n < 0 ? t.unbounded : String(n));
  const lanes = (l: Lanes) => (
    <>
      <span class={l.normal > 0 ? 'warn' : ''}>
        {l.normal} <small>{t.lane_normal}</small>
      </span>{' '}
      <span class={l.urgent > 0 ? 'warn' : ''}>
        {l.urgent} <small>{t.lane_urgent}</small>
      </span>
    </>
  );
  const level = (l: string): string =>
    (
      ({
        central: t.level_central,
        province: t.level_province,
        district: t.level_district,
        commune: t.level_commune,
      }) as Record<string, string>
    )[l] ?? l;
  const health = { serving: t.h_serving, 'no-puller': t.h_no_puller, unknown: t.h_unknown };
  return (
    <section aria-labelledby="ops-title">
      <div class="page-head">
        <h1 id="ops-title">{t.ops_title}</h1>
        <a class="button secondary" href={data.metricsPath}>
          {t.ops_metrics}
        </a>
      </div>
      <p class="help">{t.ops_help}</p>
      <p>
        {t.ops_process}:{' '}
        <span class={`badge ${data.process.ok ? 'st-done' : 'st-failed'}`}>
          {data.process.ok ? t.ops_ready : `${t.ops_not_ready}: ${data.process.reason ?? ''}`}
        </span>
      </p>
      <h2>{t.nodes}</h2>
      <form
        class="filters"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setNodeFilter(nodeForm.trim());
        }}
      >
        <div class="field">
          <label for="ops-node">{t.f_node}</label>
          <input
            id="ops-node"
            type="search"
            maxLength={100}
            value={nodeForm}
            onInput={(e) => setNodeForm((e.target as HTMLInputElement).value)}
          />
        </div>
        <div class="actions">
          <button type="submit">{t.search}</button>
        </div>
      </form>
      {data.nodesMatching !== undefined ? (
        <p class="small">{t.nodes_matching(data.nodesMatching, data.nodesTotal)}</p>
      ) : (
        data.nodesTotal > data.nodes.length && (
          <p class="small">{t.nodes_shown(data.nodes.length, data.nodesTotal)}</p>
        )
      )}
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t.col_node}</th>
              <th scope="col">{t.col_level}</th>
              <th scope="col">{t.node_health}</th>
              <th scope="col">{t.backlog_submit}</th>
              <th scope="col">{t.backlog_relay}</th>
              <th scope="col" class="num">
                {t.backlog_parent}
              </th>
              <th scope="col" class="num">
                {t.dead}
              </th>
            </tr>
          </thead>
          <tbody>
            {data.nodes.map((n) => (
              <tr key={n.id} data-node={n.id}>
                <th scope="row">
                  {n.name}
                  <div class="small">
                    <code>{n.id}</code>
                  </div>
                </th>
                <td>{level(n.level)}</td>
                <td>
                  <span
                    class={`badge ${n.health === 'serving' ? 'st-done' : n.health === 'no-puller' ? 'st-failed' : 'st-transit'}`}
                  >
                    {health[n.health]}
                  </span>
                </td>
                <td>{lanes(n.lanes.submit)}</td>
                <td>{lanes(n.lanes.relay)}</td>
                <td class="num">{n.toParent ?? '—'}</td>
                <td class={`num ${n.dead > 0 ? 'warn' : ''}`}>{n.dead}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>{t.flow}</h2>
      <ul class="flow">
        <li>
          <strong>{t.flow_submit}</strong>:{' '}
          {t.flow_waiting(
            data.flow.submit.queued,
            data.flow.submit.full,
            bound(data.flow.submit.perSenderLimit),
          )}
          <meter
            min={0}
            max={Math.max(1, data.flow.submit.maxBytes)}
            value={data.flow.submit.bytes}
            aria-label={t.flow_submit}
          />
        </li>
        <li>
          <strong>{t.flow_relay}</strong>:{' '}
          {t.flow_waiting(
            data.flow.relay.queued,
            data.flow.relay.full,
            bound(data.flow.relay.perSenderLimit),
          )}
          <meter
            min={0}
            max={Math.max(1, data.flow.relay.maxBytes)}
            value={data.flow.relay.bytes}
            aria-label={t.flow_relay}
          />
        </li>
        {data.flow.paced.length > 0 && (
          <li>
            <strong>{t.flow_paced}</strong>:{' '}
            {data.flow.paced.map((p) => `${p.code} (${p.perSecond}/s, ${p.queued})`).join(', ')}
          </li>
        )}
      </ul>
      <h2 id="dead-title">{t.dead}</h2>
      {data.deadLetters.length === 0 ? (
        <p class="empty">{t.dead_none}</p>
      ) : (
        <div class="table-wrap">
          <table aria-labelledby="dead-title" class="dead">
            <thead>
              <tr>
                <th scope="col" class="num">
                  {t.col_seq}
                </th>
                <th scope="col">{t.col_time}</th>
                <th scope="col">{t.col_node}</th>
                <th scope="col">{t.col_reason}</th>
                <th scope="col">{t.col_detail}</th>
                <th scope="col">
                  <span class="sr-only">{t.replay}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {data.deadLetters.map((d) => (
                <tr key={d.seq} data-seq={d.seq}>
                  <td class="num">{d.seq}</td>
                  <td>
                    <time>{dateTime(d.atMs, lang)}</time>
                  </td>
                  <td>
                    <code>{d.node}</code>
                  </td>
                  <td>
                    <span class="badge st-failed">{d.reason.replace('FAILURE_REASON_', '')}</span>
                  </td>
                  <td class="detail">
                    {d.detail}
                    {d.documentId && (
                      <div class="small">
                        <code>{d.documentId}</code>
                      </div>
                    )}
                  </td>
                  <td>
                    {replayed[d.seq] ? (
                      <span class="badge st-done" role="status">
                        {replayed[d.seq]}
                      </span>
                    ) : d.replayable ? (
                      <button
                        type="button"
                        aria-label={`${t.replay} ${d.seq}`}
                        onClick={() => {
                          api<{ result: string }>(`ops/dead-letters/${d.seq}/replay`, { method: 'POST' })
                            .then((r) =>
                              setReplayed({
                                ...replayed,
                                [d.seq]: r.result === 'replayed' ? t.replayed : r.result,
                              }),
                            )
                            .catch((e: Error) =>
                              setReplayed({ ...replayed, [d.seq]: `${t.error}: ${e.message}` }),
                            );
                        }}
                      >
                        {t.replay}
                      </button>
                    ) : (
                      <span class="small">{t.not_replayable}</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>{t.audit}</h2>
      {data.auditAvailable ? (
        <>
          <button
            type="button"
            onClick={() => {
              setAudit(undefined);
              api<{ results: Audit[] }>('ops/audit', { method: 'POST' })
                .then((r) => setAudit(r.results))
                .catch((e: Error) => setAudit(e.message));
            }}
          >
            {t.audit_run}
          </button>{' '}
          <button type="button" class="secondary" onClick={reload}>
            ↻
          </button>
          {typeof audit === 'string' && <p class="error">{audit}</p>}
          {Array.isArray(audit) && (
            <ul class="audit" role="status">
              {audit.map((a) => (
                <li key={a.node} class={a.broken ? 'bad' : 'good'}>
                  <code>{a.node}</code>:{' '}
                  {a.broken
                    ? t.audit_broken(a.broken.streamSeq, a.broken.problem)
                    : t.audit_ok(a.blocks, a.entries)}
                </li>
              ))}
            </ul>
          )}
        </>
      ) : (
        <p class="small">{t.audit_unavailable}</p>
      )}
    </section>
  );
}
