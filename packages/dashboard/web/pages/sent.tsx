import { useState } from 'preact/hooks';
import { query } from '../api';
import { Failure, LiveDot, StateBadge, docHref, useData } from '../common';
import { useApp } from '../context';
import { dateTime, dayStart } from '../format';
import type { RecipientState } from '../format';

interface Recipient extends RecipientState {
  code: string;
  name: string;
}
interface Doc {
  documentId: string;
  sender: string;
  senderName: string;
  subject: string;
  priority: number;
  sentAtMs: number;
  recipients: Recipient[];
}

const EMPTY = { q: '', subject: '', recipient: '', sender: '', from: '', to: '' };

export function SentPage() {
  const { t, lang, session } = useApp();
  const [form, setForm] = useState(EMPTY);
  const [filter, setFilter] = useState(EMPTY);
  // On a phone the search form starts folded, so that the documents come first.
  const [wide] = useState(() => window.matchMedia('(min-width: 641px)').matches);
  const path = `sent${query({
    q: filter.q,
    subject: filter.subject,
    recipient: filter.recipient,
    sender: filter.sender,
    from: dayStart(filter.from),
    to: dayStart(filter.to, true),
  })}`;
  const { data, error, status, live } = useData<{ total: number; documents: Doc[] }>(path, true);
  const field = (
    name: keyof typeof EMPTY,
    label: string,
    type: 'search' | 'date' = 'search',
    placeholder = '',
  ) => {
    const props = {
      id: `f-${name}`,
      name,
      value: form[name],
      onInput: (e: Event) => setForm({ ...form, [name]: (e.target as HTMLInputElement).value }),
    };
    return (
      <div class="field">
        <label for={`f-${name}`}>{label}</label>
        {type === 'date' ? (
          <input type="date" {...props} />
        ) : (
          <input type="search" placeholder={placeholder} {...props} />
        )}
      </div>
    );
  };
  const filters = (
    <form
      class="filters"
      role="search"
      onSubmit={(e) => {
        e.preventDefault();
        setFilter(form);
      }}
    >
      {field('q', t.f_q, 'search', t.f_q_ph)}
      {field('subject', t.f_subject, 'search', t.f_subject_ph)}
      {field('recipient', t.f_recipient)}
      {session.viewer.kind === 'operator' && field('sender', t.f_sender, 'search', '000.00.00.G22')}
      {field('from', t.f_from, 'date')}
      {field('to', t.f_to, 'date')}
      <div class="actions">
        <button type="submit">{t.search}</button>
        <button
          type="button"
          class="secondary"
          onClick={() => {
            setForm(EMPTY);
            setFilter(EMPTY);
          }}
        >
          {t.clear}
        </button>
      </div>
    </form>
  );
  return (
    <section aria-labelledby="sent-title">
      <div class="page-head">
        <h1 id="sent-title">{t.sent_title}</h1>
        <LiveDot on={live} />
      </div>
      <p class="help">{t.sent_help}</p>
      {wide ? (
        filters
      ) : (
        <details class="filter-box">
          <summary>{t.filters}</summary>
          {filters}
        </details>
      )}
      {!data ? (
        <Failure error={error} status={status} />
      ) : data.documents.length === 0 ? (
        <p class="empty">{t.none}</p>
      ) : (
        <>
          <p class="count">{t.shown_of(data.documents.length, data.total)}</p>
          <ul class="docs" aria-label={t.sent_title}>
            {data.documents.map((d) => (
              <li class="doc card" key={`${d.sender}|${d.documentId}`} data-doc={d.documentId}>
                <div class="doc-head">
                  <a class="doc-link" href={docHref(d.documentId, d.sender)}>
                    {d.subject || d.documentId}
                  </a>
                  {d.priority > 0 && <span class={`prio p${d.priority}`}>{t.priority[d.priority]}</span>}
                </div>
                <div class="meta">
                  <code>{d.documentId}</code>
                  <span>{d.senderName || d.sender}</span>
                  <time>{dateTime(d.sentAtMs, lang)}</time>
                </div>
                <ul class="recipients">
                  {d.recipients.map((r) => (
                    <li key={r.code} data-recipient={r.code}>
                      <span class="rname">{r.name || r.code}</span>
                      <StateBadge r={r} />
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
