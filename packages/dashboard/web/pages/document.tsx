import { useEffect, useState } from 'preact/hooks';
import { follow, query } from '../api';
import { Failure, LiveDot, StateBadge } from '../common';
import { useApp } from '../context';
import { byteSize, dateTime, duration } from '../format';
import { verdictReason } from '../verdict-reason';

interface Entry {
  atMs: number;
  transport: number;
  business: number;
  node: string;
  description: string;
  ignored: boolean;
  staff?: { department?: string; name?: string } | null;
}
interface Rec {
  recipient: string;
  recipientName: string;
  transport: number;
  business: number;
  recall: number;
  recallRequested: boolean;
  overdue: boolean;
  confirmByMs: number;
  failureName: string;
  failureDetail: string;
  sentAtMs: number;
  updatedAtMs: number;
  subject: string;
  priority: number;
  hops: { node: string; inMs: number; outMs: number }[];
  timeline: Entry[];
  plannedRoute: string[];
  nodeNames: Record<string, string>;
  edxmlSignature?: Verdict | null;
}
interface Attachment {
  name: string;
  mediaType: string;
  size: number;
  sha256: string;
}
interface Doc {
  documentId: string;
  sender: string;
  senderName: string;
  recipients: Rec[];
  /** Absent when no delivered copy is in this domain. */
  attachments?: Attachment[];
}

/** The verdict on the edXML package's signature, as the sender's home node gave it (proto JSON). */
interface Verdict {
  verdict: string;
  reason: string;
  signer?: {
    commonName: string;
    identityNumber: string;
    issuer: string;
    serialNumber: string;
    notBeforeMs: number;
    notAfterMs: number;
  } | null;
  checkedAtMs: number;
  checkedAtSource: string;
  node: string;
}

const TRANSPORT = ['', 'ACCEPTED', 'RELAYED', 'DELIVERED', 'FETCHED', 'FAILED'];

/** The newer of two versions of a record: timelines only grow. */
function newer(a: Rec, b: Rec): boolean {
  return (
    b.timeline.length > a.timeline.length ||
    (b.timeline.length === a.timeline.length && b.updatedAtMs >= a.updatedAtMs)
  );
}

export function DocumentPage(props: { id: string; sender: string }) {
  const { t, lang } = useApp();
  const [doc, setDoc] = useState<Doc | undefined>(undefined);
  const [failure, setFailure] = useState<{ error: string; status: number }>({ error: '', status: 0 });
  const [live, setLive] = useState(false);
  useEffect(() => {
    setDoc(undefined);
    return follow(
      `document/events${query({ id: props.id, sender: props.sender })}`,
      (event, data) => {
        if (event === 'snapshot') setDoc(data as Doc);
        else if (event === 'record') {
          const r = data as Rec;
          setDoc((d) => {
            if (!d) return d;
            const i = d.recipients.findIndex((x) => x.recipient === r.recipient);
            const recipients = [...d.recipients];
            if (i < 0) recipients.push(r);
            else if (newer(recipients[i]!, r)) recipients[i] = r;
            else return d;
            return { ...d, recipients: recipients.sort((a, b) => a.recipient.localeCompare(b.recipient)) };
          });
        } else if (event === 'failure') {
          const f = data as { message?: string; error?: string; status: number };
          setFailure({ error: f.message ?? f.error ?? '', status: f.status });
        }
      },
      setLive,
    );
  }, [props.id, props.sender]);
  if (!doc) return <Failure error={failure.error} status={failure.status} />;
  const first = doc.recipients[0];
  return (
    <section aria-labelledby="doc-title" data-document={doc.documentId}>
      <p>
        <a href="#/sent">{t.doc_back}</a>
      </p>
      <div class="page-head">
        <h1 id="doc-title">{first?.subject || doc.documentId}</h1>
        <LiveDot on={live} />
      </div>
      <dl class="facts card">
        <dt>{t.doc_title}</dt>
        <dd>
          <code>{doc.documentId}</code>
        </dd>
        <dt>{t.doc_sender}</dt>
        <dd>
          {doc.senderName} ({doc.sender})
        </dd>
        <dt>{t.col_sent_at}</dt>
        <dd>{dateTime(first?.sentAtMs ?? 0, lang)}</dd>
        {first && first.priority > 0 && (
          <>
            <dt>·</dt>
            <dd>{t.priority[first.priority]}</dd>
          </>
        )}
      </dl>
      {doc.attachments && doc.attachments.length > 0 && <Attachments list={doc.attachments} />}
      {first?.edxmlSignature && <SignatureFacts v={first.edxmlSignature} />}
      <div class="recipient-cards">
        {doc.recipients.map((r) => {
          const transport = TRANSPORT[r.transport] ?? String(r.transport);
          const route = r.hops.length > 0 ? r.hops.map((h) => h.node) : r.plannedRoute;
          const reason = [...r.timeline].reverse().find((e) => e.business === 2)?.description ?? '';
          return (
            <article
              class="card recipient"
              key={r.recipient}
              data-recipient={r.recipient}
              aria-label={r.recipientName || r.recipient}
            >
              <header>
                <h2>
                  {r.recipientName || r.recipient} <small>{r.recipient}</small>
                </h2>
                <StateBadge
                  r={{
                    transport,
                    business: r.business,
                    recall: r.recall,
                    recallRequested: r.recallRequested,
                    overdue: r.overdue,
                    failure: r.failureName,
                    failureDetail: r.failureDetail,
                    reason,
                  }}
                />
              </header>
              <p class="small">
                {t.deadline}: {dateTime(r.confirmByMs, lang)}
              </p>
              <h3>{r.hops.length > 0 ? t.route : t.route_planned}</h3>
              <ol class="route">
                {route.map((n) => (
                  <li key={n} title={r.nodeNames[n] || n}>
                    {n}
                  </li>
                ))}
              </ol>
              <h3>{t.timeline}</h3>
              <ol class="timeline">
                {r.timeline.map((e, i) => (
                  <li key={i} class={e.ignored ? 'ignored' : ''}>
                    <time>{dateTime(e.atMs, lang)}</time>
                    <span class="plus">+{duration(e.atMs - r.sentAtMs, lang)}</span>
                    <span class="what">
                      {e.business
                        ? (t.st[e.business] ?? e.business)
                        : (t.tr[TRANSPORT[e.transport] ?? ''] ?? e.transport)}
                    </span>
                    {e.node && <span class="node">{e.node}</span>}
                    {e.description && <q>{e.description}</q>}
                    {e.staff?.name && (
                      <span class="staff">
                        {[e.staff.name, e.staff.department].filter(Boolean).join(', ')}
                      </span>
                    )}
                    {e.ignored && <em> ({t.ignored})</em>}
                  </li>
                ))}
              </ol>
            </article>
          );
        })}
      </div>
    </section>
  );
}

/** Who signed the edXML package and what its signature was judged at the sender's home node. */
function SignatureFacts(props: { v: Verdict }) {
  const { t, lang } = useApp();
  const { v } = props;
  const s = v.signer;
  const day = (ms: number): string => (ms > 0 ? new Date(ms).toISOString().slice(0, 10) : '?');
  return (
    <dl class={`facts card signature ${v.verdict === 'valid' ? 'ok' : 'flagged'}`} data-verdict={v.verdict}>
      <dt>{t.edxml_signature}</dt>
      <dd title={v.reason}>
        <strong>{t.edxml_verdicts[v.verdict] ?? v.verdict}</strong> <code>{v.verdict}</code>
      </dd>
      {s && (
        <>
          <dt>{t.edxml_signer}</dt>
          <dd>
            {s.commonName}
            {s.identityNumber ? ` (${s.identityNumber})` : ''}
          </dd>
          <dt>{t.edxml_issuer}</dt>
          <dd>{s.issuer}</dd>
          <dt>{t.edxml_serial}</dt>
          <dd>
            <code>{s.serialNumber}</code>
          </dd>
          <dt>{t.edxml_validity}</dt>
          <dd>
            {day(s.notBeforeMs)} – {day(s.notAfterMs)}
          </dd>
        </>
      )}
      {v.checkedAtMs > 0 && (
        <>
          <dt>{t.edxml_checked_at}</dt>
          <dd>
            {dateTime(v.checkedAtMs, lang)} ({t.edxml_sources[v.checkedAtSource] ?? v.checkedAtSource},{' '}
            {v.node})
          </dd>
        </>
      )}
      <dd class="small verdict-reason" title={lang === 'vi' ? v.reason : undefined}>
        {lang === 'vi' ? verdictReason(v.verdict, v.reason) : v.reason}
      </dd>
    </dl>
  );
}

/** The document's attachments: name, size, type, and the start of the SHA-256 they are checked by. */
function Attachments(props: { list: Attachment[] }) {
  const { t, lang } = useApp();
  return (
    <section class="card attachments" aria-labelledby="doc-attachments">
      <h2 id="doc-attachments">
        {t.doc_attachments} ({props.list.length})
      </h2>
      <ul>
        {props.list.map((a) => (
          <li key={`${a.sha256}:${a.name}`} data-attachment={a.name}>
            <span class="name">{a.name}</span>{' '}
            <small>
              {byteSize(a.size, lang)}
              {a.mediaType ? ` · ${a.mediaType}` : ''}
            </small>{' '}
            <code title={`SHA-256 ${a.sha256}`}>{a.sha256.slice(0, 12)}…</code>
          </li>
        ))}
      </ul>
    </section>
  );
}
