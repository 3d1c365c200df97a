import { useState } from 'preact/hooks';
import { Failure, LiveDot, docHref, useData } from '../common';
import { useApp } from '../context';
import { dateTime, duration } from '../format';

interface Item {
  documentId: string;
  sender: string;
  senderName: string;
  recipient: string;
  recipientName: string;
  node: string;
  nodeName: string;
  subject: string;
  sentAtMs: number;
  confirmByMs: number;
  transport: string;
}
interface Group {
  kind: 'province' | 'central' | 'other';
  id: string;
  name: string;
  count: number;
  oldestConfirmByMs: number;
  items: Item[];
}

/** One province's or ministry's overdue copies; its rows are drawn only when it is opened. */
function OverdueGroupCard(props: { group: Group; kindName: string; open: boolean; now: number }) {
  const { t, lang, session } = useApp();
  const g = props.group;
  const [open, setOpen] = useState(props.open);
  return (
    <details
      class="card group"
      id={`g-${g.kind}-${g.id}`}
      open={open}
      onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}
    >
      <summary>
        <span class="gname">
          <small>{props.kindName}</small> {g.name || g.id}
        </span>
        <span class="small">
          {t.col_deadline}: {dateTime(g.oldestConfirmByMs, lang)}
        </span>
        <span class="pill big" title={t.overdue}>
          {g.count}
        </span>
      </summary>
      {open && (
        <>
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t.col_recipient}</th>
                  <th scope="col">{t.col_unit}</th>
                  <th scope="col">{t.col_doc}</th>
                  <th scope="col">{t.col_deadline}</th>
                  <th scope="col">{t.col_late}</th>
                </tr>
              </thead>
              <tbody>
                {g.items.map((i) => (
                  <tr key={`${i.sender}|${i.documentId}|${i.recipient}`} data-recipient={i.recipient}>
                    <td>
                      {i.recipientName || i.recipient}
                      <div class="small">
                        <code>{i.recipient}</code>
                      </div>
                    </td>
                    <td>{i.nodeName || i.node}</td>
                    <td>
                      {session.viewer.kind === 'operator' || session.viewer.code === i.sender ? (
                        <a href={docHref(i.documentId, i.sender)}>{i.subject || i.documentId}</a>
                      ) : (
                        i.subject || i.documentId
                      )}
                      <div class="small">{i.senderName || i.sender}</div>
                    </td>
                    <td>
                      <time>{dateTime(i.confirmByMs, lang)}</time>
                    </td>
                    <td class="late">{duration(Math.max(0, props.now - i.confirmByMs), lang)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {g.count > g.items.length && <p class="small">{t.more_items(g.count - g.items.length)}</p>}
        </>
      )}
    </details>
  );
}

export function OverduePage() {
  const { t } = useApp();
  const { data, error, status, live } = useData<{ total: number; groups: Group[] }>('overdue', true);
  const now = Date.now();
  const kind = { province: t.group_province, central: t.group_central, other: t.group_other };
  return (
    <section aria-labelledby="overdue-title">
      <div class="page-head">
        <h1 id="overdue-title">{t.overdue_title}</h1>
        <LiveDot on={live} />
      </div>
      <p class="help">{t.overdue_help}</p>
      {!data ? (
        <Failure error={error} status={status} />
      ) : data.total === 0 ? (
        <p class="empty">{t.overdue_none}</p>
      ) : (
        <>
          <p class="count strong">{t.overdue_total(data.total)}</p>
          <ul class="group-index" aria-label={t.nav_overdue}>
            {data.groups.map((g) => (
              <li key={`${g.kind}:${g.id}`}>
                <a
                  href={`#/overdue`}
                  onClick={(e) => {
                    e.preventDefault();
                    const el = document.getElementById(`g-${g.kind}-${g.id}`) as HTMLDetailsElement | null;
                    if (el) {
                      el.open = true;
                      el.scrollIntoView();
                    }
                  }}
                >
                  {g.name || g.id}
                </a>{' '}
                <span class="pill">{g.count}</span>
              </li>
            ))}
          </ul>
          {data.groups.map((g, i) => (
            <OverdueGroupCard
              key={`${g.kind}:${g.id}`}
              group={g}
              kindName={kind[g.kind]}
              open={i < 3}
              now={now}
            />
          ))}
        </>
      )}
    </section>
  );
}
