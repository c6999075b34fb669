// The study's numbers, computed from the database in one place; Markdown, JSON and HTML only render this.
// Repository-level: a repository "leaks" when at least one finding exists (history) or one is still in
// its HEAD tree (HEAD). Only scanned repositories are in the denominators.
import type { StudyDb } from '../db.js';
import { getMeta } from '../db.js';
import { serversWithoutRepo } from '../listing.js';
import { binomialTest, twoProportionZTest, wilson, type BinomialTest, type Interval, type TwoProportionTest } from '../stats.js';
import { SURFACES } from '../surface.js';

export interface Share {
  leaking: number;
  total: number;
  share: number;
  ci95: Interval;
}

export interface GroupComparison {
  rule: 'R1' | 'R2' | 'R3';
  label: string;
  local: Share;
  remote: Share;
  /** Scanned repositories the rule cannot classify. */
  unclassified: number;
  /** Measured on history leaks (the headline measure); undefined when a group is empty or has no variance. */
  test?: TwoProportionTest;
  headTest?: TwoProportionTest;
}

export interface Breakdown {
  key: string;
  label: string;
  repos: number;
  reposAtHead: number;
  findings: number;
  distinctSecrets: number;
}

export interface StudyReport {
  title: string;
  generatedAt: string;
  baseline: number;
  funnel: {
    serversListed: number;
    bySource: Record<string, number>;
    serversWithGithubRepo: number;
    /** Servers left out because they name no GitHub repository, by reason. */
    serversWithoutRepo: Record<string, number>;
    uniqueRepos: number;
    /** Repositories listed by more than one registry (counted once: the study deduplicates by repository). */
    reposInSeveralSources: number;
    /** Repositories that more than one listed server points at (monorepos, mirrors). */
    sharedRepos: number;
    maxServersPerRepo: number;
    pending: number;
    skipped: number;
    skippedByReason: Record<string, number>;
    cloned: number;
    scanned: number;
    leakingHistory: number;
    leakingHead: number;
  };
  leaks: { head: Share; history: Share };
  baselineTest: { head: BinomialTest; history: BinomialTest };
  localRemote: GroupComparison[];
  byRule: Breakdown[];
  bySurface: Breakdown[];
  byProvider: Breakdown[];
  findings: { total: number; atHead: number; distinctSecrets: number };
  /** Secrets in the registry entries themselves (e.g. a server.json secret input with a literal value). */
  registryEntries: { withSecret: Share; byRule: { key: string; label: string; servers: number; findings: number }[] };
  /**
   * Set when `study --verify` ran: over the leaking (history) repositories whose credentials were checked,
   * the share with at least one live credential, and the distinct live / refused credential counts.
   */
  verification?: { verifiedRepos: number; withLive: Share; live: number; invalid: number };
  /**
   * How the clone/scan runs went (`runs` table), when any was logged: each run (a resumed study or a
   * sharded one has several) and their totals. Sums of wall time count machine time, so shards run side by
   * side add up; `span` is first start to last end.
   */
  run?: { runs: RunFacts[]; total: Omit<RunFacts, 'startedAt' | 'mode' | 'shard' | 'concurrency' | 'interrupted'> & { spanMs: number } };
  /** Set only with --name-repos. */
  repos?: { repo: string; historyFindings: number; headFindings: number; rules: string[] }[];
  notes: string[];
}

export interface RunFacts {
  startedAt: string;
  mode: string;
  shard: string;
  concurrency: number;
  wallMs: number;
  /** Repositories finished (scanned or skipped). */
  repos: number;
  scanned: number;
  skipped: number;
  findings: number;
  reposPerMinute: number;
  peakRssBytes?: number;
  peakDiskBytes?: number;
  interrupted: boolean;
}

export interface ReportOptions {
  baseline: number;
  nameRepos?: boolean;
  now?: Date;
  /** rule id → {title, provider}; from the rule set, so reports name secret types the way `rules list` does. */
  rules: Map<string, { title: string; provider?: string }>;
}

export function buildReport(db: StudyDb, options: ReportOptions): StudyReport {
  const one = <T>(sql: string, ...args: unknown[]) => db.prepare(sql).get(...args) as T;
  const all = <T>(sql: string, ...args: unknown[]) => db.prepare(sql).all(...args) as T[];
  const n = (sql: string, ...args: unknown[]) => one<{ n: number }>(sql, ...args).n;

  const bySource = Object.fromEntries(all<{ source: string; n: number }>('SELECT source, COUNT(*) AS n FROM servers GROUP BY source ORDER BY source').map((r) => [r.source, r.n]));
  const fanIn = all<{ repo: string; n: number }>('SELECT repo, COUNT(*) AS n FROM servers WHERE repo IS NOT NULL GROUP BY repo');
  const skippedByReason: Record<string, number> = {};
  for (const r of all<{ reason: string | null }>("SELECT reason FROM repos WHERE status = 'skipped'")) {
    const key = (r.reason ?? 'unknown').split(':')[0];
    skippedByReason[key] = (skippedByReason[key] ?? 0) + 1;
  }
  const scanned = n("SELECT COUNT(*) AS n FROM repos WHERE status = 'scanned'");
  const leakHistory = new Set(all<{ repo: string }>("SELECT DISTINCT f.repo FROM findings f JOIN repos r ON r.repo = f.repo WHERE r.status = 'scanned'").map((r) => r.repo));
  const leakHead = new Set(
    all<{ repo: string }>("SELECT DISTINCT f.repo FROM findings f JOIN repos r ON r.repo = f.repo WHERE r.status = 'scanned' AND f.in_head = 1").map((r) => r.repo),
  );
  const share = (x: number, total: number): Share => ({ leaking: x, total, share: total ? x / total : 0, ci95: wilson(x, total) });

  const funnel: StudyReport['funnel'] = {
    serversListed: n('SELECT COUNT(*) AS n FROM servers'),
    bySource,
    serversWithGithubRepo: n('SELECT COUNT(*) AS n FROM servers WHERE repo IS NOT NULL'),
    serversWithoutRepo: serversWithoutRepo(db),
    uniqueRepos: n('SELECT COUNT(*) AS n FROM repos'),
    reposInSeveralSources: n('SELECT COUNT(*) AS n FROM (SELECT repo FROM servers WHERE repo IS NOT NULL GROUP BY repo HAVING COUNT(DISTINCT source) > 1)'),
    sharedRepos: fanIn.filter((r) => r.n > 1).length,
    maxServersPerRepo: fanIn.reduce((m, r) => Math.max(m, r.n), 0),
    pending: n("SELECT COUNT(*) AS n FROM repos WHERE status = 'pending'"),
    skipped: n("SELECT COUNT(*) AS n FROM repos WHERE status = 'skipped'"),
    skippedByReason,
    cloned: n("SELECT COUNT(*) AS n FROM repos WHERE status IN ('cloned', 'scanned')"),
    scanned,
    leakingHistory: leakHistory.size,
    leakingHead: leakHead.size,
  };

  // Repository classification per rule. R1/R2: remote if any server of that registry listing the repo is
  // remote, local if all of them are local; R3 comes from the scan of the repository itself.
  const scannedRepos = all<{ repo: string; code_signal: string | null }>("SELECT repo, code_signal FROM repos WHERE status = 'scanned'");
  const deployments = all<{ repo: string; source: string; deployment: string | null }>(
    'SELECT repo, source, deployment FROM servers WHERE repo IS NOT NULL AND deployment IS NOT NULL',
  );
  const registryClass = (source: string) => {
    const m = new Map<string, 'local' | 'remote'>();
    for (const d of deployments) {
      if (d.source !== source) continue;
      if (d.deployment === 'remote' || !m.has(d.repo)) m.set(d.repo, d.deployment as 'local' | 'remote');
    }
    return m;
  };
  const r3 = new Map(scannedRepos.filter((r) => r.code_signal).map((r) => [r.repo, r.code_signal as 'local' | 'remote']));
  const compare = (rule: GroupComparison['rule'], label: string, cls: Map<string, 'local' | 'remote'>): GroupComparison => {
    const groups = { local: [] as string[], remote: [] as string[] };
    let unclassified = 0;
    for (const { repo } of scannedRepos) {
      const c = cls.get(repo);
      if (c) groups[c].push(repo);
      else unclassified++;
    }
    const count = (repos: string[], set: Set<string>) => repos.filter((r) => set.has(r)).length;
    const lh = count(groups.local, leakHistory);
    const rh = count(groups.remote, leakHistory);
    return {
      rule,
      label,
      local: share(lh, groups.local.length),
      remote: share(rh, groups.remote.length),
      unclassified,
      test: twoProportionZTest(lh, groups.local.length, rh, groups.remote.length),
      headTest: twoProportionZTest(count(groups.local, leakHead), groups.local.length, count(groups.remote, leakHead), groups.remote.length),
    };
  };

  const rows = all<{ repo: string; rule: string; surface: string; in_head: number; secret_hash: string }>(
    "SELECT f.repo, f.rule, f.surface, f.in_head, f.secret_hash FROM findings f JOIN repos r ON r.repo = f.repo WHERE r.status = 'scanned'",
  );
  const breakdown = (keyOf: (r: (typeof rows)[number]) => string, labelOf: (key: string) => string, order?: readonly string[]): Breakdown[] => {
    const acc = new Map<string, { repos: Set<string>; head: Set<string>; findings: number; secrets: Set<string> }>();
    for (const r of rows) {
      const k = keyOf(r);
      const a = acc.get(k) ?? { repos: new Set(), head: new Set(), findings: 0, secrets: new Set() };
      a.repos.add(r.repo);
      if (r.in_head) a.head.add(r.repo);
      a.findings++;
      a.secrets.add(r.secret_hash);
      acc.set(k, a);
    }
    const out = [...acc].map(([key, a]) => ({
      key,
      label: labelOf(key),
      repos: a.repos.size,
      reposAtHead: a.head.size,
      findings: a.findings,
      distinctSecrets: a.secrets.size,
    }));
    return out.sort((x, y) =>
      order ? order.indexOf(x.key) - order.indexOf(y.key) : y.repos - x.repos || y.findings - x.findings || (x.key < y.key ? -1 : 1),
    );
  };
  const registryEntries = (): StudyReport['registryEntries'] => {
    const entryRows = all<{ source: string; server_key: string; rule: string }>('SELECT source, server_key, rule FROM server_findings');
    const withSecret = new Set(entryRows.map((r) => `${r.source}\u0000${r.server_key}`)).size;
    const perRule = new Map<string, { servers: Set<string>; findings: number }>();
    for (const r of entryRows) {
      const a = perRule.get(r.rule) ?? { servers: new Set<string>(), findings: 0 };
      a.servers.add(`${r.source}\u0000${r.server_key}`);
      a.findings++;
      perRule.set(r.rule, a);
    }
    return {
      withSecret: share(withSecret, funnel.serversListed),
      byRule: [...perRule]
        .map(([key, a]) => ({ key, label: options.rules.get(key)?.title ?? key, servers: a.servers.size, findings: a.findings }))
        .sort((x, y) => y.servers - x.servers || (x.key < y.key ? -1 : 1)),
    };
  };
  const providerOf = (rule: string) => options.rules.get(rule)?.provider ?? 'Generic';

  const notes = [
    'A repository leaks when at least one finding exists in any commit (history) or in its HEAD tree (HEAD); only scanned repositories count.',
    'Wilson 95 % score intervals. Baseline test: exact one-sample binomial (p-value for "above baseline" is P(X ≥ x)). Local vs remote: pooled two-proportion z-test, two-sided.',
  ];
  const verifiedRows = all<{ repo: string; verified_live: number; verified_invalid: number }>(
    "SELECT repo, verified_live, verified_invalid FROM repos WHERE status = 'scanned' AND verified_live IS NOT NULL",
  );
  const verifiedLeaking = verifiedRows.filter((r) => leakHistory.has(r.repo));
  notes.push(
    verifiedRows.length
      ? `study --verify checked the credentials of ${verifiedRows.length} scanned repositories with one read-only request each (docs/verify.md); only live/invalid counts were stored. Other counts are of credential-shaped strings that passed the placeholder filters.`
      : 'No finding was checked against a live provider: counts are of credential-shaped strings that passed the placeholder filters.',
  );
  if (getMeta(db, 'salt_mixed')) notes.push('Merged shards used different salts: distinct-secret counts may count one secret once per shard.');
  if (!scanned) notes.push('No repository has been scanned yet: every share below is 0 of 0.');
  if (funnel.pending) notes.push(`${funnel.pending} repositories are still pending: this report is partial.`);

  const report: StudyReport = {
    title: 'MCP server repositories: secret leak study',
    generatedAt: (options.now ?? new Date()).toISOString(),
    baseline: options.baseline,
    funnel,
    leaks: { head: share(leakHead.size, scanned), history: share(leakHistory.size, scanned) },
    baselineTest: {
      head: binomialTest(leakHead.size, scanned, options.baseline),
      history: binomialTest(leakHistory.size, scanned, options.baseline),
    },
    localRemote: [
      compare('R1', 'R1 · official registry: remotes[] vs packages[] only', registryClass('official')),
      compare('R2', 'R2 · Smithery: remote / deployed flag', registryClass('smithery')),
      compare('R3', 'R3 · code signals: HTTP transport or smithery.yaml http', r3),
    ],
    byRule: breakdown((r) => r.rule, (k) => options.rules.get(k)?.title ?? k),
    bySurface: breakdown((r) => r.surface, (k) => k, SURFACES),
    byProvider: breakdown((r) => providerOf(r.rule), (k) => k),
    registryEntries: registryEntries(),
    findings: { total: rows.length, atHead: rows.filter((r) => r.in_head).length, distinctSecrets: new Set(rows.map((r) => r.secret_hash)).size },
    notes,
  };
  if (verifiedRows.length) {
    report.verification = {
      verifiedRepos: verifiedRows.length,
      withLive: share(verifiedLeaking.filter((r) => r.verified_live > 0).length, verifiedLeaking.length),
      live: verifiedRows.reduce((n, r) => n + r.verified_live, 0),
      invalid: verifiedRows.reduce((n, r) => n + r.verified_invalid, 0),
    };
  }
  const runs = runFacts(db);
  if (runs) report.run = runs;
  if (options.nameRepos) {
    const perRepo = new Map<string, { historyFindings: number; headFindings: number; rules: Set<string> }>();
    for (const r of rows) {
      const a = perRepo.get(r.repo) ?? { historyFindings: 0, headFindings: 0, rules: new Set<string>() };
      a.historyFindings++;
      if (r.in_head) a.headFindings++;
      a.rules.add(r.rule);
      perRepo.set(r.repo, a);
    }
    report.repos = [...perRepo]
      .map(([repo, a]) => ({ repo, historyFindings: a.historyFindings, headFindings: a.headFindings, rules: [...a.rules].sort() }))
      .sort((a, b) => (a.repo < b.repo ? -1 : 1));
  }
  return report;
}

function runFacts(db: StudyDb): StudyReport['run'] {
  const rows = db.prepare('SELECT * FROM runs ORDER BY started_at, shard, mode').all() as {
    started_at: string;
    mode: string;
    shard: string;
    concurrency: number;
    wall_ms: number;
    scanned: number;
    skipped: number;
    findings: number;
    peak_rss_bytes: number | null;
    peak_clone_bytes: number | null;
    interrupted: number;
  }[];
  if (!rows.length) return undefined;
  const perMinute = (repos: number, ms: number) => (ms > 0 ? repos / (ms / 60_000) : 0);
  const max = (xs: (number | null)[]) => {
    const known = xs.filter((x): x is number => x !== null);
    return known.length ? Math.max(...known) : undefined;
  };
  const runs: RunFacts[] = rows.map((r) => ({
    startedAt: r.started_at,
    mode: r.mode,
    shard: r.shard,
    concurrency: r.concurrency,
    wallMs: r.wall_ms,
    repos: r.scanned + r.skipped,
    scanned: r.scanned,
    skipped: r.skipped,
    findings: r.findings,
    reposPerMinute: perMinute(r.scanned + r.skipped, r.wall_ms),
    peakRssBytes: r.peak_rss_bytes ?? undefined,
    peakDiskBytes: r.peak_clone_bytes ?? undefined,
    interrupted: r.interrupted === 1,
  }));
  const sum = (k: 'wallMs' | 'repos' | 'scanned' | 'skipped' | 'findings') => runs.reduce((n, r) => n + r[k], 0);
  const start = Math.min(...runs.map((r) => Date.parse(r.startedAt)));
  const end = Math.max(...runs.map((r) => Date.parse(r.startedAt) + r.wallMs));
  return {
    runs,
    total: {
      wallMs: sum('wallMs'),
      spanMs: end - start,
      repos: sum('repos'),
      scanned: sum('scanned'),
      skipped: sum('skipped'),
      findings: sum('findings'),
      reposPerMinute: perMinute(sum('repos'), sum('wallMs')),
      peakRssBytes: max(rows.map((r) => r.peak_rss_bytes)),
      peakDiskBytes: max(rows.map((r) => r.peak_clone_bytes)),
    },
  };
}
