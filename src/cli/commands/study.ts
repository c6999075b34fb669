// `keyward study`: registries → repositories → full-history scan → statistics → report. Wiring only: the
// stages live in src/study/. Every stage resumes from the database given with --db.
import { Command, Option } from 'commander';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { builtinRuleSet, builtinRules } from '../../rules/index.js';
import { storeFromContext } from '../store-option.js';
import { openStudyDb, SaltMismatchError, type StudyDb } from '../../study/db.js';
import { disclosures } from '../../study/disclose.js';
import { mergeStudies, NotAStudyError } from '../../study/merge.js';
import { listStage, repoStage, type RepoStageOptions } from '../../study/pipeline.js';
import { Progress } from '../../study/progress.js';
import { REGISTRY_SOURCES, type RegistrySource } from '../../study/registries.js';
import { renderHtml } from '../../study/report/html.js';
import { renderMarkdown } from '../../study/report/markdown.js';
import { buildReport } from '../../study/report/model.js';
import { onInterrupt, type SignalSource } from '../../study/interrupt.js';
import { parseShard, type Shard } from '../../study/shard.js';
import type { CliContext } from '../context.js';
import { EXIT_ERROR } from '../context.js';
import { UserError } from '../errors.js';
import { notice } from '../global-options.js';
import { count } from '../../core/plural.js';
import { version } from '../version.js';

interface StudyOpts {
  db: string;
  source?: string;
  fromFile?: string;
  registryUrl: string;
  smitheryUrl: string;
  pulseUrl: string;
  smitheryDetails?: boolean;
  pageSize: string;
  refresh?: boolean;
  retries: string;
  retryBaseMs: string;
  concurrency: string;
  shard?: string;
  limit?: string;
  cloneUrlTemplate: string;
  workDir?: string;
  maxRepoMb?: string;
  maxRepoSize?: string;
  cloneTimeout: string;
  maxBlobKb: string;
  keepClones?: boolean;
  retrySkipped?: boolean;
  githubApi?: string | boolean;
  out?: string;
  baseline: string;
  nameRepos?: boolean;
  contact?: string;
  store?: string;
  salt?: string;
  verify?: boolean;
}

const DEFAULT_REGISTRY = 'https://registry.modelcontextprotocol.io';
// Smithery's current API host (its docs moved from registry.smithery.ai, which older mirrors still serve).
const DEFAULT_SMITHERY = 'https://api.smithery.ai';
const DEFAULT_PULSE = 'https://api.pulsemcp.com/v0beta';
/** PulseMCP refuses requests without a versioned User-Agent; the others get the same one. */
const USER_AGENT = `keyward/${version} (MCP leak study)`;

/** Study option groups, added per sub-command so `--help` shows only what applies. */
const dbOption = (c: Command) =>
  c
    .option('--db <path>', 'study database (SQLite); every stage resumes from it', 'keyward-study.db')
    .addOption(new Option('--salt <hex>', 'salt for a new database; give every shard the same one (env KEYWARD_STUDY_SALT)').hideHelp());
const listOptions = (c: Command) =>
  c
    .option('--source <names>', 'registries to list: official,smithery,pulsemcp (default: official, plus smithery when a key is available)')
    .option('--from-file <path>', 'list servers from a JSON/JSONL file (either registry shape) instead of the registries')
    .option('--registry-url <url>', 'official MCP Registry base URL', DEFAULT_REGISTRY)
    .option('--smithery-url <url>', 'Smithery registry API base URL', DEFAULT_SMITHERY)
    .option('--pulse-url <url>', 'PulseMCP API base URL', DEFAULT_PULSE)
    .option('--smithery-details', 'fetch each Smithery server’s detail record when its list entry has no repository')
    .option('--page-size <n>', 'servers per registry page', '100')
    .option('--refresh', 'list again from the first page even where a previous run finished')
    .option('--store <kind>', 'secret store holding SMITHERY_API_KEY when the env var is unset: keychain or file');
const httpOptions = (c: Command) =>
  c.option('--retries <n>', 'retries on network errors, 5xx and 429 (HTTP and clone)', '4').option('--retry-base-ms <ms>', 'first back-off delay, doubled per retry', '500');
const repoOptions = (c: Command) =>
  c
    .option('--concurrency <n>', 'repositories cloned and scanned at once', '4')
    .option('--shard <i/n>', 'only the repositories whose hash mod n is i (0-based), for matrix runs')
    .option('--limit <n>', 'take at most n repositories from the queue in this run')
    .option('--clone-url-template <url>', 'clone URL, {repo} = owner/name', 'https://github.com/{repo}.git')
    .option('--work-dir <dir>', 'where clones live while scanned (default: <db>.clones)')
    .option('--max-repo-size <size>', 'skip repositories whose clone grows past this size (e.g. 500M, 2G); peak disk ≈ concurrency × this', '500M')
    .addOption(new Option('--max-repo-mb <n>', 'the same cap in MiB (older spelling)').hideHelp())
    .option('--clone-timeout <s>', 'give up on a clone after this many seconds', '600')
    .option('--max-blob-kb <n>', 'skip blobs larger than this', '1024')
    .option('--keep-clones', 'keep clones after scanning (default: delete each once scanned)')
    .option('--retry-skipped', 'put skipped repositories back in the queue')
    .option('--github-api [url]', 'check archived/size/existence with the GitHub REST API before cloning (token: GITHUB_TOKEN)');
/** Off by default (ethics): checking strangers' credentials is opt-in, and only counts are stored. */
const verifyOption = (c: Command) =>
  c.option('--verify', 'ask providers whether found credentials still work (read-only; stores live/invalid counts per repository only; docs/verify.md)');
const reportOptions = (c: Command) =>
  c
    .option('--out <dir>', 'write report.md, report.json and report.html here')
    .option('--baseline <rate>', 'baseline share of public repositories leaking a secret', '0.046')
    .option('--name-repos', 'name affected repositories in the report (off by default)');

export function register(program: Command, ctx: CliContext): void {
  const study = program
    .command('study')
    .description('registry-wide MCP leak study: list → clone → scan → report (resumable, shardable)');

  dbOption(verifyOption(reportOptions(repoOptions(httpOptions(listOptions(study.command('run').description('every stage: list, clone, scan, report')))))))
    .action(async (opts: StudyOpts) => {
      await withDb(ctx, opts, (db) =>
        interruptible(ctx, opts, async (signal) => {
          await doList(ctx, db, opts, true, signal);
          if (signal.aborted) return;
          await doRepos(ctx, db, opts, 'both', signal);
          // An interrupted run writes no report: the database has every finished repository, and the next
          // run (or `study report`) reports on all of them.
          if (opts.out && !signal.aborted) await doReport(ctx, db, opts);
        }),
      );
    });

  dbOption(httpOptions(listOptions(study.command('list').description('list servers from the registries and normalise their repositories')))).action(
    async (opts: StudyOpts) => withDb(ctx, opts, (db) => interruptible(ctx, opts, (signal) => doList(ctx, db, opts, false, signal))),
  );

  dbOption(httpOptions(repoOptions(study.command('clone').description('clone pending repositories (full history) and keep them for `study scan`')))).action(
    async (opts: StudyOpts) => withDb(ctx, opts, (db) => interruptible(ctx, opts, (signal) => doRepos(ctx, db, { ...opts, keepClones: true }, 'clone', signal))),
  );

  dbOption(verifyOption(httpOptions(repoOptions(study.command('scan').description('scan cloned repositories (HEAD and full history)'))))).action(async (opts: StudyOpts) =>
    withDb(ctx, opts, (db) => interruptible(ctx, opts, (signal) => doRepos(ctx, db, opts, 'scan', signal))),
  );

  dbOption(reportOptions(study.command('report').description('statistics and charts: Markdown, JSON and self-contained HTML'))).action(
    async (opts: StudyOpts) => {
      if (!opts.out) throw new UserError('study report needs --out DIR');
      await withDb(ctx, opts, (db) => doReport(ctx, db, opts), true);
    },
  );

  dbOption(
    study
      .command('disclose')
      .description('write one notification text per affected repository (redacted) for responsible disclosure')
      .option('--out <dir>', 'directory for the notification texts')
      .option('--contact <text>', 'contact line added to every text'),
  ).action(async (opts: StudyOpts) => {
    if (!opts.out) throw new UserError('study disclose needs --out DIR');
    await withDb(ctx, opts, async (db) => {
      const docs = disclosures(db, { rules: ruleInfo(), contact: opts.contact });
      const out = path.resolve(ctx.cwd, opts.out!);
      await fs.mkdir(out, { recursive: true });
      for (const d of docs) await fs.writeFile(path.join(out, d.fileName), d.text);
      ctx.stdout.write(`wrote ${docs.length} notification text${docs.length === 1 ? '' : 's'} to ${out}\n`);
    }, true);
  });

  study
    .command('merge')
    .description('combine shard databases into one')
    .argument('<inputs...>', 'shard databases')
    .option('--out <path>', 'merged database to write')
    .action(async (inputs: string[], opts: { out?: string }) => {
      if (!opts.out) throw new UserError('study merge needs --out PATH');
      const files = inputs.map((i) => path.resolve(ctx.cwd, i));
      for (const f of files) {
        if (!(await fs.stat(f).catch(() => undefined))) throw new UserError(`${f} does not exist`);
      }
      let summary: ReturnType<typeof mergeStudies>;
      try {
        summary = mergeStudies(path.resolve(ctx.cwd, opts.out), files);
      } catch (e) {
        if (e instanceof NotAStudyError) throw new UserError(e.message, 'pass the --db files written by `keyward study run --shard …`');
        if (e instanceof SaltMismatchError) throw new UserError(`${e.message}`, 'merge into a new --out file');
        throw e;
      }
      if (summary.saltMismatch) {
        ctx.stderr.write('keyward: the shards were created with different salts; distinct-secret counts may double-count (set KEYWARD_STUDY_SALT for every shard)\n');
      }
      ctx.stdout.write(`merged ${summary.inputs} databases: ${summary.servers} servers, ${summary.repos} repositories, ${summary.findings} findings\n`);
    });
}

async function withDb(ctx: CliContext, opts: StudyOpts, fn: (db: StudyDb) => Promise<void>, mustExist = false): Promise<void> {
  const file = path.resolve(ctx.cwd, opts.db);
  if (mustExist && !(await fs.stat(file).catch(() => undefined))) {
    throw new UserError(`${file} does not exist`, 'run `keyward study run` (or `study list`) with this --db first');
  }
  let db: StudyDb;
  try {
    db = openStudyDb(file, { salt: opts.salt ?? ctx.env.KEYWARD_STUDY_SALT });
  } catch (e) {
    if (e instanceof SaltMismatchError) throw new UserError(e.message, 'use the salt the database was created with, or a new --db');
    if (e instanceof UserError) throw e; // no SQLite driver: its own one-line message
    throw new UserError(`cannot open the study database ${file}: ${(e as Error).message}`);
  }
  try {
    await fn(db);
  } finally {
    db.close();
  }
}

function int(value: string, name: string, min = 0): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new UserError(`--${name} must be an integer ≥ ${min} (got "${value}")`);
  return n;
}

/** `500M`, `2G`, `750K` or plain bytes (binary units). */
function byteSize(value: string, name: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([KMGT]?)i?B?$/i.exec(value.trim());
  const n = m ? Number(m[1]) * 1024 ** ' KMGT'.indexOf((m[2] || ' ').toUpperCase()) : NaN;
  if (!m || !(n >= 1)) throw new UserError(`--${name} must be a size such as 500M or 2G (got "${value}")`);
  return Math.round(n);
}

async function smitheryKey(ctx: CliContext, opts: StudyOpts): Promise<string | undefined> {
  const fromEnv = ctx.env.SMITHERY_API_KEY?.trim();
  if (fromEnv) return fromEnv;
  try {
    const store = storeFromContext(ctx, { requested: opts.store, interactive: false });
    return (await store.get('SMITHERY_API_KEY'))?.trim() || undefined;
  } catch {
    return undefined; // no usable store: same as no key
  }
}

/**
 * Runs a stage with SIGINT/SIGTERM handling when bin runs us (ctx.stdio is set only then). In-process
 * callers (tests) get a signal that never fires. The exit code after a stop is 130 or 143.
 */
async function interruptible(ctx: CliContext, opts: StudyOpts, fn: (signal: AbortSignal) => Promise<void>): Promise<void> {
  const stop = onInterrupt(ctx.stdio ? processSignals() : undefined, (sig) =>
    ctx.stderr.write(`\nkeyward: ${sig}: stopping — no new repositories start, running clones and scans are cancelled (send it again to quit at once)\n`),
  );
  try {
    await fn(stop.signal);
  } finally {
    stop.dispose();
  }
  const sig = stop.received();
  if (sig) {
    ctx.stderr.write(
      `keyward: interrupted by ${sig}. Every repository finished so far is saved in ${path.resolve(ctx.cwd, opts.db)}; partial clones were removed.\n  hint: run the same command again to resume where it stopped\n`,
    );
    ctx.exitCode = stop.exitCode() ?? EXIT_ERROR;
  }
}

/**
 * Signals reach only the real process. ctx.stdio is present only when bin runs us, so this is one of the
 * places outside bin that listens on `process` (as `keyward run` does) — for stopping, never for output.
 */
function processSignals(): SignalSource {
  return globalThis.process;
}

async function doList(ctx: CliContext, db: StudyDb, opts: StudyOpts, partOfRun: boolean, signal: AbortSignal): Promise<void> {
  const explicit = opts.source?.split(',').map((s) => s.trim()).filter(Boolean);
  for (const s of explicit ?? []) if (!REGISTRY_SOURCES.includes(s as RegistrySource)) throw new UserError(`unknown --source "${s}"`, `use one or more of ${REGISTRY_SOURCES.join(', ')}`);
  let file: { name: string; text: string } | undefined;
  if (opts.fromFile) {
    const p = path.resolve(ctx.cwd, opts.fromFile);
    file = { name: p, text: await fs.readFile(p, 'utf8').catch(() => { throw new UserError(`cannot read ${p}`); }) };
  }
  const needsSmithery = explicit ? explicit.includes('smithery') : !file;
  const key = needsSmithery ? await smitheryKey(ctx, opts) : undefined;
  // Default: the official registry, plus Smithery when a key is at hand; a file alone lists nothing else.
  const sources: RegistrySource[] = (explicit ?? (file ? [] : key ? ['official', 'smithery'] : ['official'])) as RegistrySource[];
  if (!explicit && !file && !key) notice(ctx, 'keyward: no Smithery API key (SMITHERY_API_KEY or the secret store): listing the official registry only');
  const progress = new Progress(ctx.quiet ? undefined : ctx.stderr);
  const summary = await listStage(db, {
    sources,
    ruleSet: builtinRuleSet(),
    file,
    registryUrl: opts.registryUrl,
    smitheryUrl: opts.smitheryUrl,
    pulseUrl: opts.pulseUrl,
    smitheryKey: key,
    smitheryDetails: opts.smitheryDetails,
    pageSize: int(opts.pageSize, 'page-size', 1),
    refresh: opts.refresh,
    http: {
      signal,
      headers: { 'user-agent': USER_AGENT },
      retries: int(opts.retries, 'retries'),
      retryBaseMs: int(opts.retryBaseMs, 'retry-base-ms'),
      onRetry: (attempt, reason, delay) => say(ctx, `keyward: ${reason}; retry ${attempt} in ${delay} ms`),
    },
    progress,
    log: (line) => say(ctx, line),
  });
  progress.end();
  if (signal.aborted) {
    ctx.stdout.write(`listed ${count(summary.servers, 'server')} so far → ${count(summary.repos, 'unique GitHub repository', 'unique GitHub repositories')} (listing resumes from the saved page)\n`);
    return;
  }
  ctx.stdout.write(`listed ${count(summary.servers, 'server')} → ${count(summary.repos, 'unique GitHub repository', 'unique GitHub repositories')}\n`);
  const without = Object.entries(summary.withoutRepo);
  if (without.length) {
    const total = without.reduce((n, [, c]) => n + c, 0);
    ctx.stdout.write(`${total} servers have no GitHub repository to clone: ${without.map(([r, c]) => `${c} ${r}`).join(', ')}\n`);
  }
  if (summary.servers === 0 && !summary.errors.length) {
    // Nothing listed is never a result: a study of zero repositories would report a clean 0 %.
    throw new UserError('no servers were listed', 'check --source, --registry-url / --smithery-url or the --from-file contents');
  }
  if (summary.errors.length) {
    for (const e of summary.errors) ctx.stderr.write(`keyward: ${e}\n`);
    const fatal = summary.errors.some((e) => !e.startsWith('smithery: no API key') || explicit?.includes('smithery'));
    if (fatal) {
      if (partOfRun) throw new UserError('listing did not finish', 'run the same command again: listing resumes from the last saved page');
      ctx.exitCode = EXIT_ERROR;
    }
  }
}

async function doRepos(ctx: CliContext, db: StudyDb, opts: StudyOpts, mode: RepoStageOptions['mode'], signal: AbortSignal): Promise<void> {
  let shard: Shard | undefined;
  if (opts.shard) {
    const parsed = parseShard(opts.shard);
    if (typeof parsed === 'string') throw new UserError(`--shard ${parsed}`, 'use i/n with 0 ≤ i < n, e.g. --shard 0/4');
    shard = parsed;
  }
  const dbFile = path.resolve(ctx.cwd, opts.db);
  const retries = int(opts.retries, 'retries');
  const retryBaseMs = int(opts.retryBaseMs, 'retry-base-ms');
  const progress = new Progress(ctx.quiet ? undefined : ctx.stderr);
  const workDir = path.resolve(ctx.cwd, opts.workDir ?? `${dbFile}.clones`);
  await fs.mkdir(workDir, { recursive: true }).catch((e: Error) => {
    throw new UserError(`cannot create the clone folder ${workDir}: ${e.message}`, 'pass a writable --work-dir');
  });
  let verify: RepoStageOptions['verify'];
  if (opts.verify && mode !== 'clone') {
    const [{ repoVerifier }, { loopbackOverride }] = await Promise.all([import('../../study/verify.js'), import('../verify-option.js')]);
    notice(ctx, 'study --verify: credentials found will be checked with one read-only request each to their provider (docs/verify.md); only live/invalid counts per repository are stored');
    verify = repoVerifier({ override: loopbackOverride(ctx.env) }, (line) => say(ctx, line));
  }
  const apiUrl = opts.githubApi === true ? 'https://api.github.com' : opts.githubApi || undefined;
  const summary = await repoStage(db, {
    mode,
    shard,
    limit: opts.limit === undefined ? undefined : int(opts.limit, 'limit'),
    concurrency: int(opts.concurrency, 'concurrency', 1),
    clone: {
      urlTemplate: opts.cloneUrlTemplate,
      workDir,
      maxBytes: opts.maxRepoMb !== undefined ? int(opts.maxRepoMb, 'max-repo-mb', 1) * 1024 * 1024 : byteSize(opts.maxRepoSize ?? '500M', 'max-repo-size'),
      timeoutMs: int(opts.cloneTimeout, 'clone-timeout', 1) * 1000,
      retries,
      retryBaseMs,
    },
    githubApi: apiUrl ? { baseUrl: apiUrl, token: ctx.env.GITHUB_TOKEN, http: { retries, retryBaseMs, signal, headers: { 'user-agent': USER_AGENT } } } : undefined,
    signal,
    ruleSet: builtinRuleSet(),
    maxBlobBytes: int(opts.maxBlobKb, 'max-blob-kb', 1) * 1024,
    keepClones: Boolean(opts.keepClones),
    retrySkipped: opts.retrySkipped,
    env: ctx.env,
    progress,
    verify,
    log: (line) => (ctx.stderr.isTTY ? undefined : say(ctx, line)),
  });
  progress.end();
  const rate = summary.ms > 0 ? ((summary.scanned + summary.skipped) / (summary.ms / 60_000)).toFixed(1) : '0';
  ctx.stdout.write(
    `${mode === 'clone' ? 'cloned' : 'processed'} ${count(summary.taken, 'repository', 'repositories')}: ${summary.cloned} cloned, ${summary.scanned} scanned, ${summary.skipped} skipped, ${count(summary.findings, 'finding')} (${rate} repos/min)\n`,
  );
}

function ruleInfo(): Map<string, { title: string; provider?: string }> {
  const set = builtinRuleSet();
  const m = new Map<string, { title: string; provider?: string }>();
  for (const r of builtinRules) m.set(r.id, { title: r.title, provider: r.provider });
  for (const r of set.structuredRules) m.set(r.id, { title: r.title });
  return m;
}

async function doReport(ctx: CliContext, db: StudyDb, opts: StudyOpts): Promise<void> {
  const baseline = Number(opts.baseline);
  if (!(baseline > 0 && baseline < 1)) throw new UserError(`--baseline must be a rate between 0 and 1 (got "${opts.baseline}")`, 'e.g. --baseline 0.046 for 4.6 %');
  const report = buildReport(db, { baseline, nameRepos: opts.nameRepos, rules: ruleInfo() });
  const out = path.resolve(ctx.cwd, opts.out!);
  await fs.mkdir(out, { recursive: true });
  await fs.writeFile(path.join(out, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
  await fs.writeFile(path.join(out, 'report.md'), renderMarkdown(report));
  await fs.writeFile(path.join(out, 'report.html'), renderHtml(report));
  const h = report.leaks.history;
  ctx.stdout.write(
    `report: ${h.leaking}/${h.total} scanned repositories leak ≥ 1 secret in history (${(h.share * 100).toFixed(1)} %), ${report.leaks.head.leaking} at HEAD → ${out}\n`,
  );
}

/** A progress or log line: dropped with -q, but never deduplicated (a retry can repeat word for word). */
function say(ctx: CliContext, line: string): void {
  if (!ctx.quiet) ctx.stderr.write(`${line}\n`);
}
