import { useState } from 'preact/hooks';
import { query } from '../api';
import { Failure, LiveDot, StateBadge, useData } from '../common';
import { useApp } from '../context';
import { dateTime } from '../format';

interface Item {
  documentId: string;
  sender: string;
  senderName: string;
  recipient: string;
  recipientName: string;
  subject: string;
  priority: number;
  sentAtMs: number;
  state: string;
  transport: string;
  business: number;
  recall: number;
  recallRequested: boolean;
  reason: string;
  updatedAtMs: number;
}

const STATES = ['on-the-way', 'waiting', 'fetched', 'answered', 'failed'];

export function ReceivedPage() {
  const { t, lang, session } = useApp();
  const [form, setForm] = useState({ q: '', recipient: '' });
  const [filter, setFilter] = useState(form);
  const { data, error, status, live } = useData<{
    total: number;
    items: Item[];
    counts: Record<string, number>;
  }>(`received${query(filter)}`, true);
  return (
    <section aria-labelledby="received-title">
      <div class="page-head">
        <h1 id="received-title">{t.received_title}</h1>
        <LiveDot on={live} />
      </div>
      <p class="help">{t.received_help}</p>
      <form
        class="filters"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setFilter(form);
        }}
      >
        <div class="field">
          <label for="r-q">{t.f_q}</label>
          <input
            id="r-q"
            type="search"
            value={form.q}
            onInput={(e) => setForm({ ...form, q: (e.target as HTMLInputElement).value })}
          />
        </div>
        {session.viewer.kind === 'operator' && (
          <div class="field">
            <label for="r-recipient">{t.f_recipient}</label>
            <input
              id="r-recipient"
              type="search"
              value={form.recipient}
              onInput={(e) => setForm({ ...form, recipient: (e.target as HTMLInputElement).value })}
            />
          </div>
        )}
        <div class="actions">
          <button type="submit">{t.search}</button>
        </div>
      </form>
      {!data ? (
        <Failure error={error} status={status} />
      ) : (
        <>
          <ul class="kpis" aria-label={t.col_state}>
            {STATES.map((s) => (
              <li key={s} class={`kpi rs-${s}`}>
                <span class="n">{data.counts[s] ?? 0}</span>
                <span class="l">{t.rs[s]}</span>
              </li>
            ))}
          </ul>
          {data.items.length === 0 ? (
            <p class="empty">{t.none}</p>
          ) : (
            <div class="table-wrap">
              <table>
                <caption class="count">{t.shown_of(data.items.length, data.total)}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t.col_doc}</th>
                    <th scope="col">{t.col_sender}</th>
                    {session.viewer.kind === 'operator' && <th scope="col">{t.col_recipient}</th>}
                    <th scope="col">{t.col_sent_at}</th>
                    <th scope="col">{t.col_state}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((i) => (
                    <tr key={`${i.sender}|${i.documentId}|${i.recipient}`}>
                      <td>
                        <div>{i.subject}</div>
                        <code class="small">{i.documentId}</code>
                      </td>
                      <td>{i.senderName || i.sender}</td>
                      {session.viewer.kind === 'operator' && <td>{i.recipientName || i.recipient}</td>}
                      <td>
                        <time>{dateTime(i.sentAtMs, lang)}</time>
                      </td>
                      <td>
                        <span class={`badge rs-${i.state}`}>{t.rs[i.state]}</span>{' '}
                        {i.state === 'answered' && (
                          <StateBadge
                            r={{
                              transport: i.transport,
                              business: i.business,
                              recall: i.recall,
                              recallRequested: i.recallRequested,
                              overdue: false,
                              reason: i.reason,
                            }}
                          />
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
}
