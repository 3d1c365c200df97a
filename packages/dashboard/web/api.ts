/** Calls to the dashboard's endpoints, with the signed-in token, and server-sent events over fetch. */
const TOKEN_KEY = 'lienthong.token';

export function token(): string | null {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function setToken(value: string | null): void {
  if (value) sessionStorage.setItem(TOKEN_KEY, value);
  else sessionStorage.removeItem(TOKEN_KEY);
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function headers(): Record<string, string> {
  const t = token();
  return t ? { authorization: `Bearer ${t}` } : {};
}

export async function api<T>(path: string, init: { method?: string } = {}): Promise<T> {
  const res = await fetch(`/dashboard/api/${path}`, { method: init.method ?? 'GET', headers: headers() });
  const body = (await res.json().catch(() => ({}))) as { message?: string };
  if (!res.ok) throw new ApiError(res.status, body.message ?? res.statusText);
  return body as T;
}

export function query(params: Record<string, string | number | undefined>): string {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') u.set(k, String(v));
  const s = u.toString();
  return s ? `?${s}` : '';
}

/**
 * Follows a server-sent-event stream (read with fetch, so that the token travels in a header, not in
 * the URL); reconnects after a second when the connection drops. Returns the function that stops it.
 */
export function follow(
  path: string,
  onEvent: (event: string, data: unknown) => void,
  onState: (connected: boolean) => void = () => undefined,
): () => void {
  const ctl = new AbortController();
  const run = async (): Promise<void> => {
    while (!ctl.signal.aborted) {
      try {
        const res = await fetch(`/dashboard/api/${path}`, { headers: headers(), signal: ctl.signal });
        if (!res.ok || !res.body) {
          const body = (await res.json().catch(() => ({}))) as { message?: string };
          onEvent('failure', { status: res.status, error: body.message ?? res.statusText });
          return;
        }
        onState(true);
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            let event = 'message';
            let data = '';
            for (const line of block.split('\n')) {
              if (line.startsWith('event: ')) event = line.slice(7);
              else if (line.startsWith('data: ')) data += line.slice(6);
            }
            if (data !== '') onEvent(event, JSON.parse(data));
          }
        }
      } catch {
        if (ctl.signal.aborted) return;
      }
      onState(false);
      await new Promise((r) => setTimeout(r, 1000));
    }
  };
  void run();
  return () => ctl.abort();
}
