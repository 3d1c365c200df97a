/** The dashboard's shell: sign-in, language, navigation (hash routes) and the pages. */
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ApiError, api, setToken, token } from './api';
import { DICTS } from './i18n';
import type { Lang } from './i18n';
import { Ctx } from './context';
import type { Session } from './context';
import { SentPage } from './pages/sent';
import { DocumentPage } from './pages/document';
import { ReceivedPage } from './pages/received';
import { OverduePage } from './pages/overdue';
import { StatsPage } from './pages/stats';
import { OpsPage } from './pages/ops';

function useRoute(): { page: string; params: URLSearchParams } {
  const parse = (): { page: string; params: URLSearchParams } => {
    const h = location.hash.replace(/^#\/?/, '');
    const [page, qs] = h.split('?');
    return { page: page || 'sent', params: new URLSearchParams(qs ?? '') };
  };
  const [route, setRoute] = useState(parse);
  useEffect(() => {
    const on = (): void => setRoute(parse());
    addEventListener('hashchange', on);
    return () => removeEventListener('hashchange', on);
  }, []);
  return route;
}

/** A user nkey seed, as `lienthong up` prints the operator's seed file right above the dashboard's token. */
const NKEY_SEED = /^SU[A-Z2-7]{50,}$/;

function SignIn(props: { lang: Lang; failed: boolean; onDone: () => void }) {
  const t = DICTS[props.lang];
  const [value, setValue] = useState('');
  return (
    <main class="signin">
      <form
        class="card"
        onSubmit={(e) => {
          e.preventDefault();
          setToken(value.trim());
          props.onDone();
        }}
      >
        <h1>{t.signin_title}</h1>
        <p>{t.signin_help}</p>
        {props.failed && (
          <p class="error" role="alert">
            {NKEY_SEED.test(token() ?? '') ? t.signin_seed : t.signin_failed} {t.signin_failed_hint}
          </p>
        )}
        <label for="token">{t.token}</label>
        <input
          id="token"
          name="token"
          type="password"
          autocomplete="off"
          value={value}
          onInput={(e) => setValue((e.target as HTMLInputElement).value)}
          required
        />
        <button type="submit">{t.signin}</button>
      </form>
    </main>
  );
}

function App() {
  const [lang, setLang] = useState<Lang>((localStorage.getItem('lienthong.lang') as Lang) || 'vi');
  const [session, setSession] = useState<Session | null>(null);
  const [auth, setAuth] = useState<'unknown' | 'needed' | 'failed' | 'ok'>('unknown');
  const [error, setError] = useState('');
  const route = useRoute();
  const t = DICTS[lang];

  const load = (): void => {
    api<Session>('session')
      .then((s) => {
        setSession(s);
        setAuth('ok');
      })
      .catch((e: unknown) => {
        if (e instanceof ApiError && e.status === 401) setAuth(token() ? 'failed' : 'needed');
        else setError((e as Error).message);
      });
  };
  useEffect(load, []);
  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = t.title;
  }, [lang]);
  // On a narrow screen the tab bar scrolls: the current page's tab is brought into view.
  useEffect(() => {
    document.querySelector('.tabs a.active')?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [route.page, session]);
  // Stored at the click, not in an effect: a reload right after the click keeps the choice.
  const chooseLang = (next: Lang): void => {
    localStorage.setItem('lienthong.lang', next);
    setLang(next);
  };

  const toggle = (
    <button
      type="button"
      class="lang"
      aria-label={t.lang_label}
      onClick={() => chooseLang(lang === 'vi' ? 'en' : 'vi')}
    >
      {t.lang_toggle}
    </button>
  );
  if (auth === 'needed' || auth === 'failed') {
    return (
      <>
        <header class="top">
          <div class="brand">
            <span class="logo" aria-hidden="true">
              ★
            </span>
            <span>{t.title}</span>
          </div>
          {toggle}
        </header>
        <SignIn
          lang={lang}
          failed={auth === 'failed'}
          onDone={() => {
            setAuth('unknown');
            load();
          }}
        />
      </>
    );
  }
  if (!session) return <p class="loading">{error ? `${t.error}: ${error}` : t.loading}</p>;

  const operator = session.viewer.kind === 'operator';
  const pages: [string, string][] = [
    ['sent', t.nav_sent],
    ['received', t.nav_received],
    ['overdue', t.nav_overdue],
    ['stats', t.nav_stats],
    ...(operator ? ([['ops', t.nav_ops]] as [string, string][]) : []),
  ];
  const current = route.page === 'doc' ? 'sent' : route.page;
  let page;
  switch (route.page) {
    case 'doc':
      page = <DocumentPage id={route.params.get('id') ?? ''} sender={route.params.get('sender') ?? ''} />;
      break;
    case 'received':
      page = <ReceivedPage />;
      break;
    case 'overdue':
      page = <OverduePage />;
      break;
    case 'stats':
      page = <StatsPage />;
      break;
    case 'ops':
      page = operator ? <OpsPage /> : <p class="error">{t.forbidden}</p>;
      break;
    default:
      page = <SentPage />;
  }
  return (
    <Ctx.Provider value={{ lang, t, session }}>
      {session.noAuth && (
        <div class="banner" role="alert">
          {t.no_auth_banner}
        </div>
      )}
      <header class="top">
        <div class="brand">
          <span class="logo" aria-hidden="true">
            ★
          </span>
          <span>
            {t.title}
            <small>{t.subtitle}</small>
          </span>
        </div>
        <div class="who">
          <span class="viewer">
            {session.viewer.kind === 'operator'
              ? t.viewer_operator
              : `${t.viewer_agency}: ${session.name || ''} (${session.viewer.code})`}
          </span>
          {toggle}
          {token() && (
            <button
              type="button"
              class="link"
              onClick={() => {
                setToken(null);
                setSession(null);
                setAuth('needed');
              }}
            >
              {t.signout}
            </button>
          )}
        </div>
      </header>
      <nav class="tabs" aria-label={t.title}>
        {pages.map(([id, label]) => (
          <a
            key={id}
            href={`#/${id}`}
            class={current === id ? 'active' : ''}
            aria-current={current === id ? 'page' : undefined}
          >
            {label}
          </a>
        ))}
      </nav>
      <main id="main">{page}</main>
    </Ctx.Provider>
  );
}

render(<App />, document.getElementById('app')!);
