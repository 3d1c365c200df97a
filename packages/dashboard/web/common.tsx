/** Pieces the pages share: loading data (refreshed live), state badges, the live indicator. */
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, follow } from './api';
import { useApp } from './context';
import { stateOf } from './format';
import type { RecipientState } from './format';

export interface Loaded<T> {
  data: T | undefined;
  error: string;
  status: number;
  live: boolean;
  reload: () => void;
}

/** Fetches `path`; with `live`, fetches again (at most every 300 ms) when a visible record changes. */
export function useData<T>(path: string, live = false): Loaded<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState('');
  const [status, setStatus] = useState(0);
  const [connected, setConnected] = useState(false);
  const [tick, setTick] = useState(0);
  const timer = useRef<number | undefined>(undefined);
  useEffect(() => {
    let gone = false;
    api<T>(path)
      .then((d) => {
        if (gone) return;
        setData(d);
        setError('');
        setStatus(200);
      })
      .catch((e: { message: string; status?: number }) => {
        if (gone) return;
        setError(e.message);
        setStatus(e.status ?? 0);
      });
    return () => {
      gone = true;
    };
  }, [path, tick]);
  useEffect(() => {
    if (!live) return;
    return follow(
      'events',
      (event) => {
        if (event !== 'change') return;
        clearTimeout(timer.current);
        timer.current = window.setTimeout(() => setTick((n) => n + 1), 300);
      },
      setConnected,
    );
  }, [live]);
  return { data, error, status, live: connected, reload: () => setTick((n) => n + 1) };
}

export function StateBadge(props: { r: RecipientState }) {
  const { t } = useApp();
  const s = stateOf(props.r, t);
  return (
    <span class={`badge ${s.cls}`} title={s.note || undefined}>
      {s.label}
      {s.note && <span class="note">: {s.note}</span>}
    </span>
  );
}

export function LiveDot(props: { on: boolean }) {
  const { t } = useApp();
  return (
    <span class={`live ${props.on ? 'on' : 'off'}`} title={props.on ? t.live_help : t.offline} role="status">
      <span class="dot" aria-hidden="true" />
      {props.on ? t.live : t.offline}
    </span>
  );
}

export function Failure(props: { error: string; status: number }) {
  const { t } = useApp();
  if (!props.error) return <p class="loading">{t.loading}</p>;
  return (
    <p class="error" role="alert">
      {props.status === 403 ? t.forbidden : props.status === 404 ? t.not_found : `${t.error}: ${props.error}`}
    </p>
  );
}

export function docHref(id: string, sender: string): string {
  return `#/doc?${new URLSearchParams({ id, sender }).toString()}`;
}
