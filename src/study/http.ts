// JSON over HTTP with a time limit per attempt and bounded retries: registries page through thousands of
// servers and a transient 5xx, 429 or hung connection must not end a study; rate limits are honoured from
// the response headers. Errors are values; the request's headers (API keys) never appear in them.

export interface HttpOptions {
  headers?: Record<string, string>;
  /** Retries after the first attempt, on network errors, 5xx and 429. */
  retries?: number;
  /** First back-off delay; doubles per attempt (with ±25 % jitter), honours Retry-After up to 60 s. */
  retryBaseMs?: number;
  /** Time limit for one attempt, headers and body together (default 30 s); a timed-out attempt is retried. */
  timeoutMs?: number;
  /**
   * Longest wait a rate limit may ask for (`Retry-After`, or GitHub's `x-ratelimit-reset` when
   * `x-ratelimit-remaining` is 0). A longer one ends the request with `rateLimitedUntil` set (default 60 s).
   */
  maxWaitMs?: number;
  signal?: AbortSignal;
  fetchImpl?: typeof fetch;
  /** Called before each retry, for progress/log lines. */
  onRetry?: (attempt: number, reason: string, delayMs: number) => void;
}

export type HttpResult<T> =
  | { ok: true; value: T; attempts: number }
  | { ok: false; error: string; status?: number; attempts: number; rateLimitedUntil?: number };

export async function getJson<T = unknown>(url: string, options: HttpOptions = {}): Promise<HttpResult<T>> {
  const retries = options.retries ?? 4;
  const base = options.retryBaseMs ?? 500;
  const doFetch = options.fetchImpl ?? fetch;
  let lastError = '';
  let lastStatus: number | undefined;
  const maxWait = options.maxWaitMs ?? 60_000;
  for (let attempt = 0; attempt <= retries; attempt++) {
    let retryAfterMs: number | undefined;
    const attemptSignal = withTimeout(options.signal, options.timeoutMs ?? 30_000);
    try {
      const res = await doFetch(url, { headers: { accept: 'application/json', ...options.headers }, signal: attemptSignal.signal });
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
      const limit = rateLimitWait(res);
      if (limit !== undefined) {
        if (limit > maxWait) {
          const until = Date.now() + limit;
          return { ok: false, error: `${lastError}: rate limited until ${new Date(until).toISOString()}`, status: res.status, attempts: attempt + 1, rateLimitedUntil: until };
        }
        retryAfterMs = limit;
      } else if (res.status !== 429 && res.status < 500) return { ok: false, error: lastError, status: res.status, attempts: attempt + 1 };
    } catch (e) {
      if (options.signal?.aborted) return { ok: false, error: 'aborted', attempts: attempt + 1 };
      lastError = attemptSignal.timedOut() ? `${safeUrl(url)}: no answer within ${options.timeoutMs ?? 30_000} ms` : `${safeUrl(url)}: ${(e as Error).message}`;
      lastStatus = undefined;
    } finally {
      attemptSignal.clear();
    }
    if (attempt < retries) {
      const jitter = 0.75 + Math.random() * 0.5;
      const delay = retryAfterMs ?? Math.round(base * 2 ** attempt * jitter);
      options.onRetry?.(attempt + 1, lastError, delay);
      await sleep(delay, options.signal);
      if (options.signal?.aborted) return { ok: false, error: 'aborted', attempts: attempt + 1 };
    }
  }
  return { ok: false, error: `${lastError} (gave up after ${retries + 1} attempts)`, status: lastStatus, attempts: retries + 1 };
}

/**
 * How long a rate-limited answer asks us to wait, or undefined when it is not one. `Retry-After` (seconds)
 * on 429/503, and GitHub's primary limit: 403 or 429 with `x-ratelimit-remaining: 0` until
 * `x-ratelimit-reset` (epoch seconds).
 */
function rateLimitWait(res: Response): number | undefined {
  const retryAfter = Number(res.headers.get('retry-after'));
  if ((res.status === 429 || res.status === 503 || res.status === 403) && Number.isFinite(retryAfter) && retryAfter > 0) return retryAfter * 1000;
  if ((res.status === 403 || res.status === 429) && res.headers.get('x-ratelimit-remaining') === '0') {
    const reset = Number(res.headers.get('x-ratelimit-reset'));
    if (Number.isFinite(reset) && reset > 0) return Math.max(0, reset * 1000 - Date.now()) + 1000;
  }
  return undefined;
}

/** The caller's signal plus a time limit for one attempt (AbortSignal.any is not in every Node 20). */
function withTimeout(parent: AbortSignal | undefined, ms: number): { signal: AbortSignal; timedOut: () => boolean; clear: () => void } {
  const controller = new AbortController();
  let timedOut = false;
  const onAbort = () => controller.abort();
  parent?.addEventListener('abort', onAbort, { once: true });
  if (parent?.aborted) controller.abort();
  const timer = setTimeout(() => ((timedOut = true), controller.abort()), ms);
  return {
    signal: controller.signal,
    timedOut: () => timedOut,
    clear: () => {
      clearTimeout(timer);
      parent?.removeEventListener('abort', onAbort);
    },
  };
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
