// Per-tool call budget as a token bucket: `n` calls per period, refilled continuously, so a burst of `n` is
// allowed and the long-run rate never exceeds n/period.

export interface Rate {
  calls: number;
  perMs: number;
  /** As written in the config, for messages (`10/m`). */
  text: string;
}

const UNITS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `10/m`, `5/s`, `100/h`, `1000/d` (also `10/minute`, `10 per minute`). */
export function parseRate(text: string): Rate | undefined {
  const m = /^\s*(\d+)\s*(?:\/|per)\s*(s|sec|second|m|min|minute|h|hour|d|day)s?\s*$/i.exec(text);
  if (!m) return undefined;
  const calls = Number(m[1]);
  if (calls <= 0) return undefined;
  return { calls, perMs: UNITS[m[2][0].toLowerCase()], text: text.trim() };
}

export class TokenBucket {
  private tokens: number;
  private last: number;
  constructor(
    private readonly rate: Rate,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = rate.calls;
    this.last = now();
  }

  /** Takes one token; when none is left, says how long until one is. */
  take(): { ok: true } | { ok: false; retryMs: number } {
    const t = this.now();
    this.tokens = Math.min(this.rate.calls, this.tokens + ((t - this.last) * this.rate.calls) / this.rate.perMs);
    this.last = t;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return { ok: true };
    }
    return { ok: false, retryMs: Math.ceil(((1 - this.tokens) * this.rate.perMs) / this.rate.calls) };
  }
}
