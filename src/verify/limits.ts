// Bounded concurrency for the whole run and a minimum spacing between requests to one host, so a scan
// with hundreds of findings never bursts at a provider.

export function pool(concurrency: number) {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async function limit<T>(task: () => Promise<T>): Promise<T> {
    if (active >= concurrency) await new Promise<void>((r) => waiting.push(r));
    active++;
    try {
      return await task();
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}

/** At most `perSecond` request starts per host (evenly spaced); 0 or Infinity turns it off. */
export function hostRateLimiter(perSecond: number, sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))) {
  const interval = perSecond > 0 && Number.isFinite(perSecond) ? 1000 / perSecond : 0;
  const next = new Map<string, number>();
  return async function wait(host: string): Promise<void> {
    if (!interval) return;
    const now = Date.now();
    const at = Math.max(now, next.get(host) ?? 0);
    next.set(host, at + interval);
    if (at > now) await sleep(at - now);
  };
}
