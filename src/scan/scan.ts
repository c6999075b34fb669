// `keyward scan` as a library call: pick a source (folder, git history, index, stdin), stream its files
// or blobs through the engine (in-process or on worker threads), then apply suppressions. Returns data;
// turning it into text/JSON/SARIF is the report layer's job.
import { lstat, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ignore from 'ignore';
import { SEVERITY_ORDER, type Finding } from '../engine/types.js';
import { walkFiles, workTreeTop } from '../sources/fs-walk.js';
import { historyBlobs, HistoryError } from '../sources/git-history.js';
import { bareRepoDir, repoRoot } from '../sources/git.js';
import { GitRangeError, prePushRevs, sinceCommitRevs, type PushedRef } from '../sources/git-range.js';
import { stagedBlobs } from '../sources/git-staged.js';
import { stdinBlobs } from '../sources/stdin.js';
import type { BlobEntry, CommitInfo, FileEntry, SkipKind, SourceEvents } from '../sources/types.js';
import { CONFIG_NAMES, ConfigError, loadConfig } from './config.js';
import { buildEngine, type EngineSpec } from './engine.js';
import { Executor } from './pool.js';
import type { ReportStats } from '../report/types.js';
import type { BlobOutcome } from './scan-bytes.js';
import { IGNORE_FILE, isIgnoredFinding, loadBaseline, loadIgnoreFile, SuppressionError } from './suppress.js';

export type ScanMode = 'files' | 'history' | 'staged' | 'stdin';

export const DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024;

export interface ScanRequest {
  mode: ScanMode;
  /** Folder or file to scan (files), or any path inside the repository (history, staged). */
  target: string;
  /** Overrides the config's cap. */
  maxFileSize?: number;
  gitignore?: boolean;
  followSymlinks?: boolean;
  allowShallow?: boolean;
  /** `git log` revisions instead of `--all` (history mode). */
  revs?: string[];
  /**
   * History mode, a range CI and hooks compute: commits since one (`revs` or HEAD are the tips), or the commits
   * a `git push` sends (pre-push hook input). Takes precedence over a bare `revs`.
   */
  range?: { since: string } | { push: PushedRef[] };
  configFile?: string;
  /** Default: `.keywardignore` beside the config. */
  ignoreFile?: string;
  baseline?: string;
  inlineAllow?: boolean;
  /** 0 = in-process, n = n workers, 'auto' = all cores once the scan is big enough. */
  workers?: number | 'auto';
  /** Bytes scanned before 'auto' starts workers. */
  workerThreshold?: number;
  /** Idle cores 'auto' assumes instead of measuring the load (tests). */
  idleCores?: number;
  stdin?: { text: string; path: string };
  onProgress?: (p: ScanProgress) => void;
}

export interface ScanProgress {
  files: number;
  bytes: number;
  findings: number;
  commits: number;
}

/** The report's stats, with the skip kinds the sources know. */
export interface ScanStats extends ReportStats {
  skipped: Record<SkipKind, number>;
}

export interface ScanResult {
  mode: ScanMode;
  /** Reports give paths relative to this folder. */
  root: string;
  findings: Finding[];
  warnings: string[];
  stats: ScanStats;
  executor: 'in-process' | 'workers';
  configFile?: string;
  /**
   * Path of `root` inside its git work tree ('' at the top, undefined outside git): SARIF URIs must be
   * relative to the repository root for code scanning, even when a subfolder was scanned.
   */
  repoPrefix?: string;
  /**
   * Set when the target is a file (named by the user) and it was not scanned: a scan of nothing must not
   * look clean. `reason` is the warning without the leading path; `warning` the warning itself, when there was one.
   */
  targetSkipped?: { kind: SkipKind; reason: string; warning?: string };
  /** What a range scan decided (refs skipped, deletions), for the user; not warnings. */
  notes: string[];
  /** Rules the config added, for report metadata. */
  configRules: { id: string; title: string; severity: Finding['severity'] }[];
}

/** An error the user can fix (not a git repo, shallow clone, bad config): one line and a hint. */
export class ScanError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}

export async function runScan(req: ScanRequest): Promise<ScanResult> {
  try {
    return await scanInner(req);
  } catch (e) {
    if (e instanceof ConfigError || e instanceof SuppressionError) throw new ScanError(e.message);
    if (e instanceof HistoryError || e instanceof GitRangeError) throw new ScanError(e.message, e.hint);
    throw e;
  }
}

async function scanInner(req: ScanRequest): Promise<ScanResult> {
  const target = resolve(req.target);
  let root: string;
  let configDir: string;
  let targetIsFile = false;
  if (req.mode === 'history' || req.mode === 'staged') {
    const dir = await existingDir(target);
    const repo = await repoRoot(dir);
    // History lives in the objects, so a bare repository (a mirror, a server-side hook) is read as it is;
    // staged files need an index and a work tree.
    const bare = 'error' in repo && req.mode === 'history' ? await bareRepoDir(dir) : undefined;
    if ('error' in repo && !bare) {
      throw new ScanError(`${target} is not inside a git repository (${repo.error})`, `--${req.mode} needs a git repository${req.mode === 'staged' ? ' with a work tree' : ''}; scan the folder without it`);
    }
    root = 'error' in repo ? (bare as string) : repo.root;
    configDir = root;
  } else if (req.mode === 'stdin') {
    root = target;
    configDir = root;
  } else {
    // A link that cannot be followed (a loop, a dangling target) exists all the same: the walker reports
    // why it is not scanned, and the caller decides whether that fails the scan.
    const st = await stat(target).catch(() => lstat(target).catch((e: unknown) => missing(req.target, e)));
    targetIsFile = !st.isDirectory();
    root = targetIsFile ? dirname(target) : target;
    configDir = root;
  }

  const notes: string[] = [];
  let revs = req.revs;
  let emptyRange = false;
  if (req.mode === 'history' && req.range) {
    if ('since' in req.range) {
      revs = await sinceCommitRevs(root, req.range.since, req.revs ?? []);
    } else {
      const plan = await prePushRevs(root, req.range.push);
      notes.push(...plan.notes);
      revs = plan.revs;
      // An empty revision list would mean "all refs" to the history source: nothing is pushed, so nothing is read.
      emptyRange = !revs.length;
    }
  }

  // Like .gitignore, a default config and .keywardignore apply to a repository's subfolders too: the nearest
  // one from the scanned folder up to the work tree's top wins, so one in the scanned folder still does.
  const top = await workTreeTop(root);
  const chain = lookupChain(root, top);
  if (!req.configFile) configDir = (await nearestWith(chain, CONFIG_NAMES)) ?? root;
  const ignoreDir = req.ignoreFile ? root : ((await nearestWith(chain, [IGNORE_FILE])) ?? root);
  const config = await loadConfig(configDir, req.configFile ? resolve(req.configFile) : undefined);
  const maxFileSize = req.maxFileSize ?? config.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const spec: EngineSpec = {
    extraRules: config.rules,
    disabledRules: config.disabledRules,
    allowlist: { regexes: config.allowlist.regexes, stopwords: config.allowlist.stopwords, values: config.allowlist.values },
    inlineAllow: req.inlineAllow ?? true,
  };
  const engine = buildEngine(spec);
  const ignoreList = await loadIgnoreFile(req.ignoreFile ? resolve(req.ignoreFile) : join(ignoreDir, IGNORE_FILE));
  const baseline = req.baseline ? await loadBaseline(resolve(req.baseline)) : undefined;
  // The config's own rule examples are fake secrets by design: never report the config file itself.
  const configRel = config.file ? relative(root, config.file).split(sep).join('/') : undefined;
  const ownConfig = configRel && !configRel.startsWith('..') ? configRel : undefined;
  const pathFilter = config.allowlist.paths.length ? ignore().add(config.allowlist.paths) : undefined;
  const exclude = (p: string) => p === ownConfig || (pathFilter?.ignores(p) ?? false);

  const warnings: string[] = [];
  const stats: ScanStats = {
    files: 0,
    bytes: 0,
    skipped: { binary: 0, 'too-large': 0, symlink: 0, 'symlink-loop': 0, special: 0, unreadable: 0, ignored: 0 },
    suppressed: { ignoreFile: 0, baseline: 0 },
  };
  let targetSkipped: ScanResult['targetSkipped'];
  const skippedTarget = (kind: SkipKind, path: string, warning?: string) => {
    if (targetIsFile) targetSkipped = { kind, reason: warning?.startsWith(`${path}: `) ? warning.slice(path.length + 2) : kind, warning };
  };
  const events: SourceEvents = {
    skip(kind, path, warning) {
      stats.skipped[kind]++;
      if (warning) warnings.push(warning);
      skippedTarget(kind, path, warning);
    },
  };
  const progress: ScanProgress = { files: 0, bytes: 0, findings: 0, commits: 0 };
  // Seq keeps history findings in commit order, so the first commit to hold a secret is the one named.
  const collected: { seq: number; finding: Finding }[] = [];
  const executor = new Executor(engine, spec, {
    workers: req.workers ?? 'auto',
    threshold: req.workerThreshold,
    idleCores: req.idleCores,
    sourceCores: req.mode === 'history' ? 1 : 0,
  });

  const record = (outcome: BlobOutcome, seq: number, path: string, commit?: CommitInfo) => {
    warnings.push(...outcome.warnings);
    if (outcome.skipped) {
      stats.skipped[outcome.skipped]++;
      skippedTarget(outcome.skipped, path, outcome.warnings[0]);
      return;
    }
    stats.files++;
    stats.bytes += outcome.bytes;
    progress.files = stats.files;
    progress.bytes = stats.bytes;
    for (const f of outcome.findings) {
      collected.push({ seq, finding: commit ? { ...f, commit: commit.commit, author: commit.author, email: commit.email, date: commit.date } : f });
    }
    progress.findings = collected.length;
    req.onProgress?.(progress);
  };

  // Bounded number of jobs in flight: enough to keep workers busy, never the whole source in memory.
  const inFlight = new Set<Promise<void>>();
  let failure: unknown;
  let seq = 0;
  const submit = async (job: () => Promise<BlobOutcome>, path: string, commit?: CommitInfo) => {
    const mySeq = seq++;
    const p: Promise<void> = job()
      .then((o) => record(o, mySeq, path, commit))
      .catch((e) => void (failure ??= e))
      .finally(() => inFlight.delete(p));
    inFlight.add(p);
    // Workers are kept busy by bytes in flight (a batch each and the next), not by a count of jobs.
    while (inFlight.size >= executor.concurrency || (executor.saturated && inFlight.size)) await Promise.race(inFlight);
    if (failure) throw failure;
  };

  try {
    if (req.mode === 'files') {
      const excludes = [...config.allowlist.paths, ...(ownConfig && !ownConfig.includes('..') ? [`/${ownConfig}`] : [])];
      const excludesBase = prefixFrom(configDir, root);
      const source = walkFiles(target, { maxFileSize, gitignore: req.gitignore, followSymlinks: req.followSymlinks, excludes, excludesBase }, events);
      for await (const entry of source) await submit(() => executor.scanFile(entry as FileEntry, maxFileSize), entry.path);
    } else {
      let source: AsyncIterable<BlobEntry> | Iterable<BlobEntry>;
      if (emptyRange) {
        source = [];
      } else if (req.mode === 'history') {
        source = historyBlobs(root, { maxFileSize, allowShallow: req.allowShallow, exclude, revs }, events, () => {
          progress.commits++;
        });
      } else if (req.mode === 'staged') {
        source = stagedBlobs(root, { maxFileSize, exclude }, events);
      } else {
        source = stdinBlobs(req.stdin?.text ?? '', req.stdin?.path ?? 'stdin');
      }
      for await (const blob of source) await submit(() => executor.scanBlob(blob.path, blob.bytes, blob.changed, blob.retained), blob.path, blob.commit);
    }
    await Promise.all(inFlight);
    if (failure) throw failure;
  } finally {
    await executor.close();
  }
  if (executor.note) warnings.push(executor.note);
  if (req.mode === 'history') stats.commits = progress.commits;

  let findings = firstOccurrences(collected, req.mode === 'history');
  if (ignoreList) {
    const before = findings.length;
    const base = prefixFrom(ignoreDir, root);
    findings = findings.filter((f) => !isIgnoredFinding(ignoreList, f, base));
    stats.suppressed.ignoreFile = before - findings.length;
  }
  if (baseline) {
    const before = findings.length;
    findings = findings.filter((f) => !baseline.has(f.fingerprint));
    stats.suppressed.baseline = before - findings.length;
  }
  return {
    mode: req.mode,
    root,
    findings: sortFindings(findings),
    warnings: [...new Set(warnings)].sort(),
    stats,
    executor: executor.mode,
    configFile: config.file,
    notes,
    targetSkipped,
    repoPrefix: repoPrefix(req.mode, root, top),
    configRules: config.rules.map((r) => ({ id: r.id, title: r.title, severity: r.severity })),
  };
}

/** In history, a secret that stays in a file across edits is one finding: the commit that introduced it. */
function firstOccurrences(collected: { seq: number; finding: Finding }[], history: boolean): Finding[] {
  if (!history) return collected.map((c) => c.finding);
  const byKey = new Map<string, { seq: number; finding: Finding }>();
  for (const c of collected) {
    const key = `${c.finding.fingerprint}\u0000${c.finding.path}`;
    const prev = byKey.get(key);
    if (!prev || c.seq < prev.seq) byKey.set(key, c);
  }
  return [...byKey.values()].map((c) => c.finding);
}

/** Stable order for every report: path, position, rule, commit. */
export function sortFindings(findings: Finding[]): Finding[] {
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...findings].sort(
    (a, b) =>
      cmp(a.path, b.path) ||
      a.line - b.line ||
      a.column - b.column ||
      cmp(a.ruleId, b.ruleId) ||
      SEVERITY_ORDER[b.severity] - SEVERITY_ORDER[a.severity] ||
      cmp(a.date ?? '', b.date ?? '') ||
      cmp(a.commit ?? '', b.commit ?? ''),
  );
}

function repoPrefix(mode: ScanMode, root: string, top: string | undefined): string | undefined {
  if (mode === 'history' || mode === 'staged') return '';
  if (mode === 'stdin') return undefined;
  return top === undefined ? undefined : relative(top, root).split(sep).join('/');
}

/** `dir`, then each folder above it up to the top of its git work tree; just `dir` outside git. */
function lookupChain(dir: string, top: string | undefined): string[] {
  const chain = [dir];
  for (let d = dir; top !== undefined && d !== top && dirname(d) !== d; ) {
    d = dirname(d);
    chain.push(d);
  }
  return chain;
}

/** The first folder of `chain` holding one of `names`. */
async function nearestWith(chain: string[], names: readonly string[]): Promise<string | undefined> {
  for (const dir of chain) {
    for (const name of names) if (await stat(join(dir, name)).then((st) => st.isFile(), () => false)) return dir;
  }
  return undefined;
}

/** The scan root's path from `dir` (an ancestor or itself), `/`-separated with a trailing `/`; '' when the same. */
function prefixFrom(dir: string, root: string): string {
  const rel = relative(dir, root).split(sep).join('/');
  return rel ? `${rel}/` : '';
}

async function existingDir(p: string): Promise<string> {
  const st = await stat(p).catch((e: unknown) => missing(p, e));
  return st.isDirectory() ? p : dirname(p);
}

/** A target that cannot be stat'ed, said as what it is: a loop is not a typo. */
function missing(p: string, e: unknown): never {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ELOOP') throw new ScanError(`${p}: symlink loop (ELOOP)`, 'point the link at a real file or folder');
  if (code === 'ENOENT' || code === 'ENOTDIR') throw new ScanError(`${p}: no such file or folder`);
  throw new ScanError(`${p}: cannot read (${code ?? String(e)})`);
}
