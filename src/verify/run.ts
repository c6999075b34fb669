// Verifies a scan's findings: one read-only request plan per distinct credential, hosts announced before
// the first request, bounded concurrency, per-host spacing, results cached per credential.
// Data flow: findings → credentials (secret + companions from the source text) → plans → answers → results.
import type { Finding } from '../engine/types.js';
import { cacheKey, VerifyCache, type CacheFile } from './cache.js';
import { send, checkOverride, VerifyHttpError, type LoopbackOverride } from './http.js';
import { hostRateLimiter, pool } from './limits.js';
import { verifierFor } from './providers/index.js';
import { scrub } from './scrub.js';
import type { CompanionFinder, Credential, Judgement, Verification, Verifier, VerifyRequest, VerifyResponse, VerifyStatus } from './types.js';

export interface VerifyOptions {
  /** Where a finding's source text comes from (companion values sit next to the secret); undefined: none. */
  readSource?: (f: Finding) => Promise<string | undefined>;
  /** Requests in flight at once (default 4). */
  concurrency?: number;
  /** Request starts per second per host (default 4; 0 turns the spacing off, for benches on fakes). */
  perHostPerSecond?: number;
  /** Per request (default 10 s). */
  timeoutMs?: number;
  cacheFile?: CacheFile;
  /** Test harness only (loopback addresses only; checked). */
  override?: LoopbackOverride;
  /** Called once, before any request, with the hosts that will be contacted. */
  announce?: (hosts: string[], credentials: number) => void;
  /** Replace the built-in verifier lookup (tests). */
  lookup?: (ruleId: string) => Verifier | undefined;
}

export interface VerifyRun {
  /** By finding fingerprint. */
  results: Map<string, Verification>;
  hosts: string[];
  /** Distinct credentials a request was planned for. */
  checked: number;
  warnings: string[];
}

export const DEFAULT_CONCURRENCY = 4;
export const DEFAULT_PER_HOST_PER_SECOND = 4;
export const DEFAULT_TIMEOUT_MS = 10_000;
/** How far around the secret companions are looked for (characters each side). */
const COMPANION_WINDOW = 2000;
const MAX_ACCOUNT_VALUE = 120;

interface Job {
  findings: Finding[];
  verifier?: Verifier;
  credential?: Credential;
  plan?: VerifyRequest[];
  early?: Verification;
  key?: string;
}

export async function verifyFindings(findings: readonly Finding[], opts: VerifyOptions = {}): Promise<VerifyRun> {
  if (opts.override) checkOverride(opts.override);
  const lookup = opts.lookup ?? verifierFor;
  const warnings: string[] = [];
  const cache = new VerifyCache(opts.cacheFile);
  const loadWarning = await cache.load();
  if (loadWarning) warnings.push(loadWarning);

  const sources = new Map<string, Promise<string | undefined>>();
  const source = (f: Finding) => {
    const k = `${f.commit ?? ''}\u0000${f.path}`;
    let p = sources.get(k);
    if (!p) sources.set(k, (p = opts.readSource ? opts.readSource(f).catch(() => undefined) : Promise.resolve(undefined)));
    return p;
  };

  // One job per distinct (fingerprint, companions): the same secret in twenty files is checked once.
  const jobs = new Map<string, Job>();
  for (const f of findings) {
    const verifier = lookup(f.ruleId);
    if (!verifier) {
      addJob(jobs, `none\u0000${f.fingerprint}`, f, { early: { status: 'unknown', detail: `no verifier for ${f.ruleId}` } });
      continue;
    }
    const credential: Credential = { ruleId: f.ruleId, secret: f.secret, companions: {} };
    if (verifier.companions) {
      const text = await source(f);
      for (const [name, finder] of Object.entries(verifier.companions)) credential.companions[name] = text === undefined ? undefined : findCompanion(text, f, finder);
    }
    const key = cacheKey(verifier.id, credential, verifier.identity?.(credential));
    if (jobs.has(key)) {
      jobs.get(key)!.findings.push(f);
      continue;
    }
    addJob(jobs, key, f, { verifier, credential, key });
  }

  for (const job of jobs.values()) {
    if (job.early || !job.verifier || !job.credential) continue;
    try {
      const plan = await job.verifier.plan(job.credential);
      if ('unknown' in plan) job.early = { status: 'unknown', verifier: job.verifier.id, detail: plan.unknown };
      else job.plan = plan;
    } catch {
      // A key that does not parse (truncated PEM, test fixture) cannot be checked; its text stays out of the message.
      job.early = { status: 'unknown', verifier: job.verifier.id, detail: 'could not build the request from this credential' };
    }
  }

  const planned = [...jobs.values()].filter((j) => j.plan);
  const hosts = [...new Set(planned.flatMap((j) => j.plan!.map((r) => hostOf(r.url))))].sort();
  if (planned.length) opts.announce?.(hosts, planned.length);

  const limit = pool(Math.max(1, opts.concurrency ?? DEFAULT_CONCURRENCY));
  const spacing = hostRateLimiter(opts.perHostPerSecond ?? DEFAULT_PER_HOST_PER_SECOND);
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const results = new Map<string, Verification>();
  await Promise.all(
    [...jobs.values()].map(async (job) => {
      let result: Verification;
      if (job.early) result = job.early;
      else {
        const { verifier, credential, plan } = job as Required<Job>;
        result = await cache.get(job.key!, () => limit(() => execute(verifier, credential, plan, { spacing, timeoutMs, override: opts.override })));
        result = clean(result, credential, verifier);
      }
      for (const f of job.findings) if (!results.has(f.fingerprint) || rank(result.status) > rank(results.get(f.fingerprint)!.status)) results.set(f.fingerprint, result);
    }),
  );
  try {
    await cache.save();
  } catch (e) {
    warnings.push(`cannot write the verify cache ${opts.cacheFile?.path} (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  return { results, hosts, checked: planned.length, warnings };
}

function addJob(jobs: Map<string, Job>, key: string, f: Finding, job: Omit<Job, 'findings'>): void {
  const existing = jobs.get(key);
  if (existing) existing.findings.push(f);
  else jobs.set(key, { ...job, findings: [f] });
}

/** When findings share a fingerprint but not companions, the most telling answer wins. */
function rank(s: VerifyStatus): number {
  return { live: 3, invalid: 2, error: 1, unknown: 0 }[s];
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return '(malformed URL)';
  }
}

export function findCompanion(text: string, f: Pick<Finding, 'offset' | 'length' | 'secret'>, finder: CompanionFinder): string | undefined {
  const at = f.offset >= 0 ? f.offset : Math.max(0, text.indexOf(f.secret));
  const start = Math.max(0, at - COMPANION_WINDOW);
  const window = text.slice(start, at + f.length + COMPANION_WINDOW);
  if (typeof finder === 'function') return finder(window, at - start, f.secret);
  const re = new RegExp(finder.source, finder.flags.includes('g') ? finder.flags : `${finder.flags}g`);
  let best: { value: string; distance: number } | undefined;
  for (const m of window.matchAll(re)) {
    const value = m[1] ?? m[0];
    if (!value || value === f.secret) continue;
    const distance = Math.abs(m.index! - (at - start));
    if (!best || distance < best.distance) best = { value, distance };
  }
  return best?.value;
}

interface ExecContext {
  spacing: (host: string) => Promise<void>;
  timeoutMs: number;
  override?: LoopbackOverride;
}

async function execute(v: Verifier, c: Credential, plan: VerifyRequest[], ctx: ExecContext): Promise<Verification> {
  let last: Verification = { status: 'unknown', verifier: v.id, detail: 'nothing was asked' };
  for (const req of plan) {
    await ctx.spacing(hostOf(req.url));
    let res: VerifyResponse;
    try {
      res = await send(req, { hosts: v.hosts, timeoutMs: ctx.timeoutMs, override: ctx.override });
    } catch (e) {
      if (e instanceof VerifyHttpError) return { status: 'error', verifier: v.id, detail: e.message };
      throw e;
    }
    const j = judge(v, res, c);
    last = { status: j.status, verifier: v.id, ...(j.account ? { account: j.account } : {}), ...(j.detail ? { detail: j.detail } : {}) };
    if (last.status !== 'invalid') return last;
  }
  return last;
}

export function judge(v: Verifier, res: VerifyResponse, c: Credential): Judgement {
  if (res.status === 429) return { status: 'unknown', detail: 'rate-limited by the provider (HTTP 429)' };
  if (res.status >= 500) return { status: 'error', detail: `the provider answered HTTP ${res.status}` };
  const own = v.judge?.(res, c);
  if (own) return own;
  return byStatus(v, res.status);
}

export function byStatus(v: Pick<Verifier, 'statusMeaning'>, status: number): Judgement {
  const meaning = v.statusMeaning?.[status];
  if (meaning) return { status: meaning, detail: `HTTP ${status}` };
  if (status >= 200 && status < 300) return { status: 'live' };
  if (status === 401 || status === 403) return { status: 'invalid', detail: `the provider refused it (HTTP ${status})` };
  return { status: 'unknown', detail: `unexpected answer (HTTP ${status})` };
}

/** Scrub and trim what leaves the verifier: account facts are short, and no secret survives. */
function clean(r: Verification, c: Credential, v: Pick<Verifier, 'publicCompanions'>): Verification {
  const secrets = [c.secret, ...Object.entries(c.companions).filter(([k]) => !v.publicCompanions?.includes(k)).map(([, s]) => s)];
  const out: Verification = { status: r.status };
  if (r.verifier) out.verifier = r.verifier;
  if (r.account) {
    const account: Record<string, string> = {};
    for (const [k, v] of Object.entries(r.account)) if (v) account[k] = scrub(String(v), secrets).slice(0, MAX_ACCOUNT_VALUE);
    if (Object.keys(account).length) out.account = account;
  }
  if (r.detail) out.detail = scrub(r.detail, secrets);
  return out;
}

/** One credential through one verifier, without announcement or cache (tests, benches, callers with their own loop). */
export async function checkCredential(v: Verifier, c: Credential, opts: { override?: LoopbackOverride; timeoutMs?: number } = {}): Promise<Verification> {
  if (opts.override) checkOverride(opts.override);
  let plan;
  try {
    plan = await v.plan(c);
  } catch {
    return { status: 'unknown', verifier: v.id, detail: 'could not build the request from this credential' };
  }
  if ('unknown' in plan) return { status: 'unknown', verifier: v.id, detail: plan.unknown };
  const result = await execute(v, c, plan, { spacing: async () => {}, timeoutMs: opts.timeoutMs ?? DEFAULT_TIMEOUT_MS, override: opts.override });
  return clean(result, c, v);
}
