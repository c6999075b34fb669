// The study's stages over one database: list (+ normalise) → clone → scan. Each stage reads what is left to
// do from the database and records each unit of work as it completes, so a killed run resumes where it
// stopped and never rescans a finished repository.
import { promises as fs } from 'node:fs';
import type { RuleSet } from '../engine/ruleset.js';
import { scanText } from '../engine/scan-text.js';
import type { Finding } from '../engine/types.js';
import { cloneDir, cloneHoldsBlobsUpTo, cloneRepo, type CloneOptions, type SkipReason } from './clone.js';
import { getMeta, secretHash, type RepoStatus, type StudyDb } from './db.js';
import { getJson, type HttpOptions } from './http.js';
import type { Progress } from './progress.js';
import { fetchOfficialPage, fetchPulsePage, fetchSmitheryPage, parseServerFile, type ListedServer, type Page, type RegistrySource } from './registries.js';
import { serversWithoutRepo } from './listing.js';
import { scanRepo, type RepoVerifier } from './scan-repo.js';
import { shardKey, type Shard } from './shard.js';

export interface ListOptions {
  sources: RegistrySource[];
  /** Registry entries are scanned too: a secret in the entry itself is a finding, and is masked in the stored JSON. */
  ruleSet: RuleSet;
  /** A local list instead of (or besides) the registries: its name and text. */
  file?: { name: string; text: string };
  registryUrl: string;
  smitheryUrl: string;
  pulseUrl: string;
  smitheryKey?: string;
  smitheryDetails?: boolean;
  pageSize: number;
  http: HttpOptions;
  /** List again from the first page even where a previous run finished. */
  refresh?: boolean;
  progress?: Progress;
  log: (line: string) => void;
}

export interface ListSummary {
  servers: number;
  repos: number;
  /** Listed servers with no GitHub repository to clone, by reason. */
  withoutRepo: Record<string, number>;
  errors: string[];
}

export async function listStage(db: StudyDb, options: ListOptions): Promise<ListSummary> {
  const errors: string[] = [];
  if (options.file) {
    const parsed = parseServerFile(options.file.text);
    if ('error' in parsed) errors.push(`${options.file.name}: ${parsed.error}`);
    else {
      upsertServers(db, parsed, options.ruleSet);
      db.prepare('INSERT OR REPLACE INTO list_state (source, next, pages, done) VALUES (?, NULL, 1, 1)').run(`file:${options.file.name}`);
    }
  }
  for (const source of options.sources) {
    if (source === 'smithery' && !options.smitheryKey) {
      errors.push('smithery: no API key (set SMITHERY_API_KEY or `keyward secrets set SMITHERY_API_KEY`)');
      continue;
    }
    const state = db.prepare('SELECT next, pages, done FROM list_state WHERE source = ?').get(source) as
      | { next: string | null; pages: number; done: number }
      | undefined;
    if (state?.done && !options.refresh) continue;
    let next: string | undefined = options.refresh ? undefined : (state?.next ?? undefined);
    let pages = options.refresh ? 0 : (state?.pages ?? 0);
    const save = db.prepare(
      'INSERT INTO list_state (source, next, pages, done) VALUES (?, ?, ?, ?) ON CONFLICT(source) DO UPDATE SET next = excluded.next, pages = excluded.pages, done = excluded.done',
    );
    for (;;) {
      if (options.http.signal?.aborted) break;
      const page: Page | { error: string } =
        source === 'official'
          ? await fetchOfficialPage(next, { ...options.http, baseUrl: options.registryUrl, pageSize: options.pageSize })
          : source === 'pulsemcp'
            ? await fetchPulsePage(next, { ...options.http, baseUrl: options.pulseUrl, pageSize: options.pageSize })
            : await fetchSmitheryPage(next ? Number(next) : 1, {
                ...options.http,
                baseUrl: options.smitheryUrl,
                pageSize: options.pageSize,
                apiKey: options.smitheryKey!,
                details: options.smitheryDetails,
              });
      if (options.http.signal?.aborted) break; // the page may be cut short: keep the saved cursor
      if ('error' in page) {
        errors.push(`${source}: ${page.error}`);
        break;
      }
      pages++;
      // A page and the cursor after it are saved together: a restart never skips or repeats a page.
      db.transaction(() => {
        upsertServers(db, page.servers, options.ruleSet);
        save.run(source, page.next ?? null, pages, page.next ? 0 : 1);
      })();
      if (options.progress) {
        options.progress.listed = countServers(db);
        options.progress.draw();
      }
      if (!page.next) break;
      next = page.next;
    }
  }
  const repos = syncRepos(db);
  return { servers: countServers(db), repos, withoutRepo: serversWithoutRepo(db), errors };
}


function countServers(db: StudyDb): number {
  return (db.prepare('SELECT COUNT(*) AS n FROM servers').get() as { n: number }).n;
}

export function upsertServers(db: StudyDb, servers: ListedServer[], ruleSet: RuleSet): void {
  const salt = getMeta(db, 'salt')!;
  const stmt = db.prepare(`
    INSERT INTO servers (source, server_key, name, repo_url, repo, subfolder, deployment, is_latest, raw)
    VALUES (@source, @key, @name, @repoUrl, @repo, @subfolder, @deployment, @isLatest, @raw)
    ON CONFLICT(source, server_key) DO UPDATE SET
      name = excluded.name, repo_url = excluded.repo_url, repo = excluded.repo, subfolder = excluded.subfolder,
      deployment = excluded.deployment, is_latest = excluded.is_latest, raw = excluded.raw
    WHERE excluded.is_latest >= servers.is_latest`);
  const current = db.prepare('SELECT is_latest FROM servers WHERE source = ? AND server_key = ?');
  const clear = db.prepare('DELETE FROM server_findings WHERE source = ? AND server_key = ?');
  const insertFinding = db.prepare(
    'INSERT OR IGNORE INTO server_findings (source, server_key, rule, context, secret_hash, redacted) VALUES (?, ?, ?, ?, ?, ?)',
  );
  db.transaction(() => {
    for (const s of servers) {
      const existing = current.get(s.source, s.key) as { is_latest: number } | undefined;
      if (existing && existing.is_latest > (s.isLatest ? 1 : 0)) continue; // an older version never replaces the latest
      const entry = scanEntry(s, ruleSet);
      stmt.run({
        source: s.source,
        key: s.key,
        name: s.name,
        repoUrl: s.repoUrl ?? null,
        repo: s.repo ?? null,
        subfolder: s.subfolder ?? null,
        deployment: s.deployment ?? null,
        isLatest: s.isLatest ? 1 : 0,
        raw: entry.masked,
      });
      clear.run(s.source, s.key);
      for (const f of entry.findings) insertFinding.run(s.source, s.key, f.ruleId, f.context ?? '', secretHash(salt, f.secret), f.redacted);
    }
  })();
}

/**
 * Scans a registry entry as the document it is (server.json for the official registry) and returns its
 * JSON with every secret found replaced by its redacted form: the raw entry is kept, the secret is not.
 */
export function scanEntry(server: ListedServer, ruleSet: RuleSet): { masked: string; findings: Finding[] } {
  const raw = server.raw as { server?: unknown } | undefined;
  const doc = server.source === 'official' && raw && typeof raw === 'object' && 'server' in raw ? raw.server : server.raw;
  const docText = JSON.stringify(doc, null, 2) ?? 'null';
  const findings = scanText({ text: docText, path: server.source === 'official' ? 'server.json' : 'smithery-server.json' }, ruleSet).findings;
  let masked = JSON.stringify(server.raw) ?? 'null';
  for (const f of findings) {
    // The secret may appear as is or JSON-escaped in the stored text.
    for (const form of new Set([f.secret, JSON.stringify(f.secret).slice(1, -1)])) masked = masked.split(form).join(f.redacted);
  }
  return { masked, findings };
}

/** Normalise step: one repos row per distinct GitHub repository, however many servers point at it. */
export function syncRepos(db: StudyDb): number {
  const missing = db
    .prepare('SELECT DISTINCT repo FROM servers WHERE repo IS NOT NULL AND repo NOT IN (SELECT repo FROM repos)')
    .all() as { repo: string }[];
  const insert = db.prepare('INSERT OR IGNORE INTO repos (repo, shard_key) VALUES (?, ?)');
  db.transaction(() => {
    for (const { repo } of missing) insert.run(repo, shardKey(repo));
  })();
  return (db.prepare('SELECT COUNT(*) AS n FROM repos').get() as { n: number }).n;
}

export interface RepoStageOptions {
  mode: 'clone' | 'scan' | 'both';
  shard?: Shard;
  /** Take at most this many repositories from the queue in this run. */
  limit?: number;
  concurrency: number;
  clone: Omit<CloneOptions, 'env' | 'signal' | 'maxBlobBytes' | 'onSize'>;
  /** Optional GitHub REST API (`GET /repos/{owner}/{name}`) checked before cloning: archived, size, existence. */
  githubApi?: { baseUrl: string; token?: string; http: HttpOptions; /** Set when the API said to wait; checks resume after it. */ pausedUntil?: number };
  ruleSet: RuleSet;
  maxBlobBytes: number;
  keepClones: boolean;
  /** Put skipped repositories back in the queue. */
  retrySkipped?: boolean;
  env?: NodeJS.ProcessEnv;
  signal?: AbortSignal;
  progress?: Progress;
  /** `study --verify`: check each repository's credentials, store live/invalid counts. */
  verify?: RepoVerifier;
  log: (line: string) => void;
}

export interface RepoStageSummary {
  taken: number;
  cloned: number;
  scanned: number;
  skipped: number;
  findings: number;
  ms: number;
}

export async function repoStage(db: StudyDb, options: RepoStageOptions): Promise<RepoStageSummary> {
  const started = Date.now();
  const startedAt = new Date(started).toISOString();
  const salt = getMeta(db, 'salt')!;
  if (options.retrySkipped) db.prepare("UPDATE repos SET status = 'pending', reason = NULL WHERE status = 'skipped'").run();
  const statuses: RepoStatus[] = options.mode === 'clone' ? ['pending'] : options.mode === 'scan' ? ['cloned'] : ['pending', 'cloned'];
  const shardSql = options.shard ? ` AND shard_key % ${options.shard.count} = ${options.shard.index}` : '';
  const queue = (
    db.prepare(`SELECT repo, status FROM repos WHERE status IN (${statuses.map(() => '?').join(',')})${shardSql} ORDER BY repo`).all(...statuses) as {
      repo: string;
      status: RepoStatus;
    }[]
  ).slice(0, options.limit ?? Infinity);

  const progress = options.progress;
  if (progress) {
    const count = (where: string) => (db.prepare(`SELECT COUNT(*) AS n FROM repos WHERE ${where}${shardSql}`).get() as { n: number }).n;
    progress.listed = (db.prepare('SELECT COUNT(*) AS n FROM servers').get() as { n: number }).n;
    progress.total = count('1 = 1');
    progress.cloned = count("status IN ('cloned', 'scanned')");
    progress.scanned = count("status = 'scanned'");
    progress.skipped = count("status = 'skipped'");
    progress.draw(true);
  }

  const summary: RepoStageSummary = { taken: queue.length, cloned: 0, scanned: 0, skipped: 0, findings: 0, ms: 0 };
  const markSkipped = db.prepare("UPDATE repos SET status = 'skipped', reason = ?, attempts = attempts + ?, updated_at = ? WHERE repo = ?");
  const markCloned = db.prepare(
    "UPDATE repos SET status = 'cloned', reason = NULL, head_commit = ?, size_bytes = ?, attempts = attempts + ?, clone_ms = ?, updated_at = ? WHERE repo = ?",
  );
  const deleteFindings = db.prepare('DELETE FROM findings WHERE repo = ?');
  const insertFinding = db.prepare(
    'INSERT INTO findings (repo, rule, path, surface, commit_sha, in_head, line, context, secret_hash, redacted) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const markScanned = db.prepare(
    "UPDATE repos SET status = 'scanned', head_commit = ?, commits = ?, blobs = ?, code_signal = ?, scan_ms = ?, scan_count = scan_count + 1, updated_at = ? WHERE repo = ?",
  );

  const markVerified = db.prepare('UPDATE repos SET verified_live = ?, verified_invalid = ? WHERE repo = ?');

  // Bytes of each clone on disk now; their largest sum is the run's peak disk (clones in this work dir).
  const onDisk = new Map<string, number>();
  let peakCloneBytes = 0;
  const cloneSize = (repo: string, bytes: number) => {
    onDisk.set(repo, bytes);
    let sum = 0;
    for (const b of onDisk.values()) sum += b;
    peakCloneBytes = Math.max(peakCloneBytes, sum);
  };
  const removeClone = async (repo: string, dir: string) => {
    await fs.rm(dir, { recursive: true, force: true });
    onDisk.delete(repo);
  };

  const skip = (repo: string, reason: SkipReason, detail: string, attempts: number) => {
    markSkipped.run(`${reason}: ${detail}`.slice(0, 500), attempts, new Date().toISOString(), repo);
    summary.skipped++;
    if (progress) progress.skipped++;
    options.log(`skipped ${repo} (${reason})`);
  };

  const work = async (repo: string, status: RepoStatus): Promise<void> => {
    const dir = cloneDir(options.clone.workDir, repo);
    // A kept clone made under a smaller blob cap lacks blobs this scan reads: clone it again.
    const haveClone = status === 'cloned' && (await exists(dir)) && (await cloneHoldsBlobsUpTo(dir, options.maxBlobBytes, options.env));
    if (!haveClone) {
      // A folder left by a run that was killed outright (no chance to clean up) is never trusted.
      await fs.rm(dir, { recursive: true, force: true });
      if (options.githubApi && !(options.githubApi.pausedUntil && Date.now() < options.githubApi.pausedUntil)) {
        const verdict = await checkGithubMetadata(repo, options.githubApi, options.clone.maxBytes);
        if (verdict) return skip(repo, verdict.reason, verdict.detail, 0);
      }
      const cloned = await cloneRepo(repo, {
        ...options.clone,
        maxBlobBytes: options.maxBlobBytes,
        onSize: (bytes) => cloneSize(repo, bytes),
        env: options.env,
        signal: options.signal,
      });
      if (!cloned.ok) {
        onDisk.delete(repo); // cloneRepo removed the folder
        if (cloned.reason === 'aborted') return;
        return skip(repo, cloned.reason, cloned.detail, cloned.attempts);
      }
      markCloned.run(cloned.head, cloned.sizeBytes, cloned.attempts, cloned.ms, new Date().toISOString(), repo);
      summary.cloned++;
      if (progress && status === 'pending') progress.cloned++;
    }
    if (options.mode === 'clone') return;
    const t0 = Date.now();
    const result = await scanRepo(dir, {
      ruleSet: options.ruleSet,
      salt,
      maxBlobBytes: options.maxBlobBytes,
      env: options.env,
      signal: options.signal,
      verify: options.verify && { repo, run: options.verify },
    });
    if ('aborted' in result) {
      // Interrupted mid-scan: nothing of it is stored, and the repository is scanned again next run.
      if (!options.keepClones) await removeClone(repo, dir);
      return;
    }
    if ('error' in result) {
      skip(repo, 'error', result.error, 0);
    } else {
      db.transaction(() => {
        deleteFindings.run(repo);
        for (const f of result.findings) {
          insertFinding.run(repo, f.rule, f.path, f.surface, f.commit, f.inHead ? 1 : 0, f.line, f.context ?? null, f.secretHash, f.redacted);
        }
        markScanned.run(result.head, result.commits, result.blobs, result.codeSignal, Date.now() - t0, new Date().toISOString(), repo);
        if (result.verified) markVerified.run(result.verified.live, result.verified.invalid, repo);
      })();
      summary.scanned++;
      summary.findings += result.findings.length;
      if (progress) progress.scanned++;
    }
    if (!options.keepClones) await removeClone(repo, dir);
  };

  let next = 0;
  const worker = async () => {
    while (next < queue.length && !options.signal?.aborted) {
      const item = queue[next++];
      try {
        await work(item.repo, item.status);
      } catch (e) {
        // One pathological repository must not end a study of thousands: record it and go on.
        skip(item.repo, 'error', (e as Error)?.message ?? String(e), 0);
        await removeClone(item.repo, cloneDir(options.clone.workDir, item.repo)).catch(() => undefined);
      }
      progress?.finished();
      progress?.draw();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency, queue.length)) }, worker));
  progress?.draw(true);
  summary.ms = Date.now() - started;
  if (queue.length) {
    db.prepare(
      `INSERT OR IGNORE INTO runs (started_at, mode, shard, concurrency, wall_ms, taken, cloned, scanned, skipped, findings, peak_rss_bytes, peak_clone_bytes, interrupted)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      startedAt,
      options.mode,
      options.shard ? `${options.shard.index}/${options.shard.count}` : '',
      options.concurrency,
      summary.ms,
      summary.taken,
      summary.cloned,
      summary.scanned,
      summary.skipped,
      summary.findings,
      // This process's ru_maxrss in KiB (libuv normalises it across systems); reading it touches no stream.
      process.resourceUsage().maxRSS * 1024,
      peakCloneBytes || null,
      options.signal?.aborted ? 1 : 0,
    );
  }
  return summary;
}

/** Pre-clone check against the GitHub API: skips archived, missing and oversize repositories cheaply. */
async function checkGithubMetadata(
  repo: string,
  api: NonNullable<RepoStageOptions['githubApi']>,
  maxBytes: number,
): Promise<{ reason: SkipReason; detail: string } | undefined> {
  const url = new URL(`repos/${repo}`, api.baseUrl.endsWith('/') ? api.baseUrl : `${api.baseUrl}/`).toString();
  const headers: Record<string, string> = { accept: 'application/vnd.github+json' };
  if (api.token) headers.authorization = `Bearer ${api.token}`;
  const res = await getJson<{ archived?: boolean; size?: number; disabled?: boolean }>(url, { ...api.http, headers });
  if (!res.ok) {
    // Out of API quota for longer than we wait: clone without the check until the reset time.
    if (res.rateLimitedUntil) api.pausedUntil = res.rateLimitedUntil;
    if (res.status === 404) return { reason: 'unreachable', detail: 'GitHub API: not found' };
    return undefined; // API trouble is not a verdict on the repository; the clone decides.
  }
  if (res.value.archived) return { reason: 'archived', detail: 'GitHub API: archived' };
  if (res.value.disabled) return { reason: 'unreachable', detail: 'GitHub API: disabled' };
  // The API reports size in KiB.
  if (typeof res.value.size === 'number' && res.value.size * 1024 > maxBytes) {
    return { reason: 'oversize', detail: `GitHub API: ${res.value.size} KiB > cap` };
  }
  return undefined;
}

async function exists(p: string): Promise<boolean> {
  return fs.access(p).then(
    () => true,
    () => false,
  );
}
