import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Dict, Lang } from './i18n';
import { DICTS } from './i18n';

export interface Session {
  viewer: { kind: 'operator' } | { kind: 'agency'; code: string };
  name: string;
  noAuth: boolean;
  now: number;
  metricsPath: string;
}

export interface AppContext {
  lang: Lang;
  t: Dict;
  session: Session;
}

export const Ctx = createContext<AppContext>({
  lang: 'vi',
  t: DICTS.vi,
  session: { viewer: { kind: 'operator' }, name: '', noAuth: false, now: 0, metricsPath: '/metrics' },
});

export function useApp(): AppContext {
  return useContext(Ctx);
}
