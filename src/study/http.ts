// JSON over HTTP with retries: registries page through thousands of servers and a transient 5xx or 429
// must not end a study. Errors are values; the request's headers (API keys) never appear in them.

export interface HttpOptions {
  headers?: Record<string, string>;
  /** Retries after the first attempt, on network errors, 5xx and 429. */
  retries?: number;
  /** First back-off delay; doubles per attempt (with ±25 % jitter), honours Retry-After up to 60 s. */
  retryBaseMs?: number;
  signal?: AbortSignal;
  fetchImpl?: typeof fetch;
  /** Called before each retry, for progress/log lines. */
  onRetry?: (attempt: number, reason: string, delayMs: number) => void;
}

export type HttpResult<T> = { ok: true; value: T; attempts: number } | { ok: false; error: string; status?: number; attempts: number };

export async function getJson<T = unknown>(url: string, options: HttpOptions = {}): Promise<HttpResult<T>> {
  const retries = options.retries ?? 4;
  const base = options.retryBaseMs ?? 500;
  const doFetch = options.fetchImpl ?? fetch;
  let lastError = '';
  let lastStatus: number | undefined;
  for (let attempt = 0; attempt <= retries; attempt++) {
    let retryAfterMs: number | undefined;
    try {
      const res = await doFetch(url, { headers: { accept: 'application/json', ...options.headers }, signal: options.signal });
      if (res.ok) {
        const text = await res.text();
        try {
          return { ok: true, value: JSON.parse(text) as T, attempts: attempt + 1 };
        } catch {
          return { ok: false, error: `${safeUrl(url)} returned invalid JSON`, status: res.status, attempts: attempt + 1 };
        }
      }
      lastStatus = res.status;
      lastError = `${safeUrl(url)} answered HTTP ${res.status}`;
      await res.body?.cancel().catch(() => undefined);
      if (res.status !== 429 && res.status < 500) return { ok: false, error: lastError, status: res.status, attempts: attempt + 1 };
      const ra = Number(res.headers.get('retry-after'));
      if (Number.isFinite(ra) && ra > 0) retryAfterMs = Math.min(60_000, ra * 1000);
    } catch (e) {
      if (options.signal?.aborted) return { ok: false, error: 'aborted', attempts: attempt + 1 };
      lastError = `${safeUrl(url)}: ${(e as Error).message}`;
      lastStatus = undefined;
    }
    if (attempt < retries) {
      const jitter = 0.75 + Math.random() * 0.5;
      const delay = retryAfterMs ?? Math.round(base * 2 ** attempt * jitter);
      options.onRetry?.(attempt + 1, lastError, delay);
      await sleep(delay, options.signal);
    }
  }
  return { ok: false, error: `${lastError} (gave up after ${retries + 1} attempts)`, status: lastStatus, attempts: retries + 1 };
}

/** The URL without credentials in it (user:pass@ or key-like query parameters). */
export function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    for (const k of [...u.searchParams.keys()]) if (/key|token|secret|auth/i.test(k)) u.searchParams.set(k, '***');
    return u.toString();
  } catch {
    return '<invalid url>';
  }
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
