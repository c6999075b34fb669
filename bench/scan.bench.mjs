#!/usr/bin/env node
// `keyward scan` throughput, measured in one run against its peers and its limits on the same input:
//   1. keyward vs secretlint (+ @secretlint/secretlint-rule-preset-recommend) on the same two fixed subsets of
//      the generated corpus, ~8 MB (start-up weighs) and ~30 MB (secretlint's cost grows faster than linearly,
//      so the whole corpus would take minutes);
//   2. keyward on the whole generated corpus, on this repository's node_modules and on the real MCP-server
//      repositories of bench/real-repos.json, each against `cat` of the same files (the read limit);
//   3. `keyward scan --history` vs `git cat-file --batch-all-objects --batch > /dev/null` on a repository of a
//      few hundred commits built from the corpus with git fast-import, and on the real repositories marked
//      `history` (thousands of commits);
//   4. start-up: one small file and `--staged` on a 5-file change, against `node -e 0`.
// Every keyward run's findings are checked against bench/expected-findings.json (rule + fingerprint + path,
// hashed): a faster engine that finds something else fails the bench. `--record-findings` stores them anew.
// Wall time, CPU time (user+sys) and peak RSS come from /usr/bin/time. MB/s use the bytes keyward read.
// Usage: node bench/scan.bench.mjs [--quick] [--json] [--record-findings] [--only peers|trees|history|startup]
// `--only` runs one part (the others' rows and summary lines are left out); `--only history` still runs the
// real repositories' history rows unless `--quick` is given too.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildCorpus, CORPUS_VERSION } from './corpus.mjs';
import { checkFindings, loadExpected, writeExpected } from './fingerprints.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const BIN = join(ROOT, 'dist', 'cli', 'bin.js');
const WORK = join(ROOT, '.bench');
const args = process.argv.slice(2);
const QUICK = args.includes('--quick');
const JSON_OUT = args.includes('--json');
const RECORD = args.includes('--record-findings');
const ONLY = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
const PARTS = ['peers', 'trees', 'history', 'startup'];
if (ONLY !== undefined && !PARTS.includes(ONLY)) throw new Error(`--only takes one of ${PARTS.join(', ')}`);
const want = (part) => ONLY === undefined || ONLY === part;
const CORPUS_BYTES = (QUICK ? 16 : 64) * 1024 * 1024;
const SUBSET_DIRS = QUICK ? 2 : 16; // ~2 MB per folder: ~32 MB, half the corpus (startup amortised, secretlint still done in ~a minute)
const HISTORY_COMMITS = QUICK ? 60 : 300;
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
const REPOS_DIR = process.env.KEYWARD_BENCH_REPOS ?? '/work/.bench-repos';
const realRepos = JSON.parse(readFileSync(join(ROOT, 'bench', 'real-repos.json'), 'utf8')).repos;

mkdirSync(WORK, { recursive: true });
const log = (...a) => {
  if (!JSON_OUT) console.log(...a);
};
const loads = [];
const sampleLoad = () => loads.push(+readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);

/** Runs a command under /usr/bin/time; returns wall/cpu seconds, peak RSS in MB, exit status and stdout. */
function measure(cmd, cmdArgs, opts = {}) {
  sampleLoad();
  const timeFile = join(WORK, '.time');
  const full = TIME ? [TIME, ['-o', timeFile, '-f', '%e %U %S %M', cmd, ...cmdArgs]] : [cmd, cmdArgs];
  const start = process.hrtime.bigint();
  const r = spawnSync(full[0], full[1], { cwd: opts.cwd ?? ROOT, stdio: ['ignore', opts.stdout ?? 'pipe', 'pipe'], maxBuffer: 1 << 30 });
  const wallNs = Number(process.hrtime.bigint() - start) / 1e9;
  // /usr/bin/time prints wall time in centiseconds; the start-up rows need milliseconds.
  let wall = wallNs;
  let cpu = NaN;
  let rss = NaN;
  if (TIME && existsSync(timeFile)) {
    const last = readFileSync(timeFile, 'utf8').trim().split('\n').pop().split(' ').map(Number);
    [cpu, rss] = [last[1] + last[2], last[3] / 1024];
  }
  return { wall, cpu, rss, status: r.status, stdout: r.stdout?.toString() ?? '', stderr: r.stderr?.toString() ?? '' };
}

const expected = loadExpected();
const recorded = { ...expected };
const verdicts = [];
let detectionChanged = false;

/** One keyward scan; its findings are checked against the stored set under `target` (when given). */
function keyward(target, extra = [], findingsTarget, opts = {}) {
  const out = join(WORK, '.keyward-report.json');
  const m = measure(process.execPath, [BIN, 'scan', target, '--format', 'json', '--output', out, '--quiet', '--no-progress', ...extra], opts);
  if (m.status !== 0 && m.status !== 1) throw new Error(`keyward failed (${m.status}): ${m.stderr}`);
  const report = JSON.parse(readFileSync(out, 'utf8'));
  if (findingsTarget) {
    const v = checkFindings(findingsTarget, report, expected, recorded);
    verdicts.push(`${findingsTarget}: ${v.verdict}`);
    if (!v.ok) detectionChanged = true;
  }
  return { ...m, report, bytes: report.summary.bytes, files: report.summary.files, findings: report.summary.findings };
}

function dirBytes(dir) {
  let total = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) total += dirBytes(p);
    else if (e.isFile()) total += statSync(p).size;
  }
  return total;
}

/** `cat` of every regular file under the folders (not .git), as the read limit; run twice, the first warms the cache. */
function catLimit(dirs) {
  const script = 'find "$@" -name .git -prune -o -type f -print0 | xargs -0 cat > /dev/null';
  measure('sh', ['-c', script, 'sh', ...dirs]);
  return measure('sh', ['-c', script, 'sh', ...dirs]);
}

const mbs = (bytes, s) => bytes / 1024 / 1024 / s;
const fmt = (x, d = 2) => (Number.isFinite(x) ? +x.toFixed(d) : '');
/** A table row; `limit` (wall s of cat/cat-file on the same input) and `peer` (secretlint's wall s) give the ratios. */
const row = (name, r, bytes, { limit, peer } = {}) => ({
  name,
  MB: fmt(bytes / 1024 / 1024, 1),
  wall_s: fmt(r.wall),
  cpu_s: fmt(r.cpu),
  'MB/s': fmt(mbs(bytes, r.wall), 1),
  'MB/s cpu': fmt(mbs(bytes, r.cpu), 1),
  RSS_MB: Math.round(r.rss),
  'x limit': limit ? fmt(limit / r.wall) : '',
  'x secretlint': peer ? fmt(peer / r.wall, 1) : '',
});

// --- corpus and subset -------------------------------------------------------------------------------
const corpus = join(WORK, 'corpus');
const manifest = await buildCorpus(corpus, join(ROOT, 'dist'), CORPUS_BYTES);
function makeSubset(dirs) {
  const dir = join(WORK, `subset-${CORPUS_VERSION}-${dirs}`);
  if (!existsSync(dir)) {
    mkdirSync(dir, { recursive: true });
    for (const d of readdirSync(corpus).filter((d) => d.startsWith('pkg-')).sort().slice(0, dirs)) cpSync(join(corpus, d), join(dir, d), { recursive: true });
  }
  return { dir, bytes: dirBytes(dir) };
}
log(`corpus: ${manifest.files} files, ${(manifest.bytes / 1024 / 1024).toFixed(1)} MB, ${manifest.planted} planted fake secrets (seeded)`);

const results = [];
const ratios = {};
// 1. Peer comparison on the same subsets, same run: a small one (start-up counts) and a large one.
// secretlint runs from the subset folder with "**/*".
const rc = join(WORK, 'secretlintrc.json');
writeFileSync(rc, JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] }));
const slBin = join(ROOT, 'node_modules', 'secretlint', 'bin', 'secretlint.js');
const peers = [];
for (const dirs of !want('peers') ? [] : QUICK ? [SUBSET_DIRS] : [4, SUBSET_DIRS]) {
  const { dir, bytes } = makeSubset(dirs);
  const mb = (bytes / 1024 / 1024).toFixed(0);
  const k = keyward(dir);
  const sl = measure(process.execPath, [slBin, '**/*', '--secretlintrc', rc, '--format', 'json', '--output', join(WORK, '.secretlint-report.json')], { cwd: dir });
  if (sl.status !== 0 && sl.status !== 1) throw new Error(`secretlint failed (${sl.status}): ${sl.stderr}`);
  const slFindings = JSON.parse(readFileSync(join(WORK, '.secretlint-report.json'), 'utf8')).reduce((n, f) => n + f.messages.length, 0);
  results.push(row(`keyward (${mb} MB subset)`, k, bytes, { peer: sl.wall }), row(`secretlint (${mb} MB subset)`, sl, bytes));
  peers.push({ mb: +mb, wall: +(sl.wall / k.wall).toFixed(1), cpu: +(sl.cpu / k.cpu).toFixed(1), keywardFindings: k.findings, secretlintFindings: slFindings });
}

// 2. Whole corpus and real trees, each against cat of the same files.
// `auto` decides from the load average, so both ends are measured explicitly on the corpus.
let kAll;
if (want('trees')) {
  const catCorpus = catLimit([corpus]);
  const kAll0 = keyward(corpus, ['--workers', '0'], 'corpus');
  kAll = keyward(corpus, ['--workers', '2'], 'corpus');
  results.push(
    row('cat, corpus', catCorpus, kAll.bytes),
    row('keyward corpus, in-process', kAll0, kAll0.bytes, { limit: catCorpus.wall }),
    row('keyward corpus, 2 workers', kAll, kAll.bytes, { limit: catCorpus.wall }),
  );
}
const nm = join(ROOT, 'node_modules');
if (want('trees') && existsSync(nm)) {
  const catNm = catLimit([nm]);
  const kNm = keyward(nm, ['--no-gitignore'], 'node_modules');
  results.push(row(`cat, node_modules`, catNm, kNm.bytes), row(`keyward node_modules (${kNm.files} files)`, kNm, kNm.bytes, { limit: catNm.wall }));
  ratios.nodeModulesMBs = fmt(mbs(kNm.bytes, kNm.wall), 1);
  ratios.nodeModulesVsCat = fmt(catNm.wall / kNm.wall);
}

// The real repositories: one folder holding a work tree of each (at its recorded commit), scanned at once.
const presentRepos = [];
for (const r of realRepos) {
  const dir = join(REPOS_DIR, r.repo.replace('/', '+'));
  if (!existsSync(join(dir, '.git'))) {
    log(`real repos: ${r.repo} absent (${dir}); skipped. Bring it with the fetch tool and clone it there at ${r.commit.slice(0, 12)}.`);
    continue;
  }
  const head = execFileSync('git', ['-C', dir, 'rev-parse', 'HEAD']).toString().trim();
  if (head !== r.commit) {
    log(`real repos: ${r.repo} is at ${head.slice(0, 12)}, bench/real-repos.json says ${r.commit.slice(0, 12)}; skipped (git -C ${dir} checkout ${r.commit})`);
    continue;
  }
  presentRepos.push({ ...r, dir });
}
if (want('trees') && presentRepos.length) {
  // Symbolic links are not walked, so the set is scanned from REPOS_DIR itself. Anything else there (the noise
  // bench's other checkouts) is left out by a config's allowlist.paths, and cat reads only the set's folders.
  const extra = readdirSync(REPOS_DIR).filter((n) => !presentRepos.some((r) => r.dir === join(REPOS_DIR, n)));
  const onlyTheSet = join(WORK, 'real-repos.config.json');
  writeFileSync(onlyTheSet, JSON.stringify({ allowlist: { paths: extra.map((n) => `/${n}/`) } }));
  if (extra.length) log(`real repos: ${REPOS_DIR} also holds ${extra.length} other folders; left out of the real-repos rows`);
  const catRepos = catLimit(presentRepos.map((r) => r.dir));
  const k = keyward(REPOS_DIR, ['--config', onlyTheSet], undefined);
  // Findings per repository, so one repository's change is named.
  for (const r of presentRepos) {
    const prefix = `${r.repo.replace('/', '+')}/`;
    const own = { findings: k.report.findings.filter((f) => f.path.startsWith(prefix)).map((f) => ({ ...f, path: f.path.slice(prefix.length) })) };
    const v = checkFindings(`repo:${r.repo}`, own, expected, recorded);
    verdicts.push(`repo:${r.repo}: ${v.verdict}`);
    if (!v.ok) detectionChanged = true;
  }
  results.push(row(`cat, ${presentRepos.length} real repos`, catRepos, k.bytes), row(`keyward ${presentRepos.length} real repos (${k.files} files)`, k, k.bytes, { limit: catRepos.wall }));
  ratios.realReposMBs = fmt(mbs(k.bytes, k.wall), 1);
  ratios.realReposVsCat = fmt(catRepos.wall / k.wall);
} else if (want('trees')) {
  log(`real repos: none of bench/real-repos.json under ${REPOS_DIR} (set KEYWARD_BENCH_REPOS); the real-tree rows are skipped`);
}

// 3. History: a repository of HISTORY_COMMITS commits over the corpus files, built once with fast-import,
// and the real repositories marked for history.
let kHist;
if (want('history')) {
  const repo = join(WORK, `history-${HISTORY_COMMITS}`);
  if (!existsSync(join(repo, '.git'))) buildHistoryRepo(repo, corpus, HISTORY_COMMITS);
  const cat = measure('git', ['cat-file', '--batch-all-objects', '--batch'], { cwd: repo, stdout: 'ignore' });
  // The same scan with every rule disabled: what reading the history (git log + cat-file streaming + the
  // keyword prefilter) costs on its own, i.e. how much of the gap to cat-file is the detection rules.
  const { builtinRules, structuredRules } = await import(pathToFileURL(join(ROOT, 'dist', 'rules', 'index.js')).href);
  const noRules = join(WORK, 'no-rules.config.json');
  writeFileSync(noRules, JSON.stringify({ disabledRules: [...builtinRules, ...structuredRules].map((r) => r.id) }));
  const kHistPipe = keyward(repo, ['--history', '--workers', '0', '--config', noRules]);
  const kHist0 = keyward(repo, ['--history', '--workers', '0'], 'history:bench');
  kHist = keyward(repo, ['--history', '--workers', '2'], 'history:bench');
  const bestHist = kHist.wall < kHist0.wall ? kHist : kHist0;
  results.push(
    row('git cat-file --batch-all-objects', cat, kHist.bytes),
    row('keyward --history, all rules disabled', kHistPipe, kHistPipe.bytes, { limit: cat.wall }),
    row(`keyward --history (${HISTORY_COMMITS} commits), in-process`, kHist0, kHist0.bytes, { limit: cat.wall }),
    row(`keyward --history (${HISTORY_COMMITS} commits), 2 workers`, kHist, kHist.bytes, { limit: cat.wall }),
  );
  ratios.historyBenchVsCatFile = fmt(cat.wall / bestHist.wall, 3);
  ratios.historyPipelineVsCatFile = fmt(cat.wall / kHistPipe.wall, 3);
  if (!QUICK) {
    for (const r of presentRepos.filter((r) => r.history)) {
      const c = measure('git', ['cat-file', '--batch-all-objects', '--batch'], { cwd: r.dir, stdout: 'ignore' });
      // The default worker count, as users run it (on two cores, one worker: the main thread reads git).
      const pipe = keyward(r.dir, ['--history', '--config', noRules]);
      const k = keyward(r.dir, ['--history'], `history:${r.repo}`);
      const name = r.repo.split('/')[1];
      results.push(
        row(`git cat-file, ${name}`, c, k.bytes),
        row(`keyward --history ${name}, all rules disabled`, pipe, pipe.bytes, { limit: c.wall }),
        row(`keyward --history ${name} (${k.report.summary.commits} commits)`, k, k.bytes, { limit: c.wall }),
      );
      ratios[`history:${r.repo}`] = fmt(c.wall / k.wall, 3);
      ratios[`historyPipeline:${r.repo}`] = fmt(c.wall / pipe.wall, 3);
    }
  }
}

// 4. Start-up, the pre-commit case: median of several runs of one small file and of --staged on 5 files.
const RUNS = QUICK ? 3 : 7;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const repeat = (f) => {
  const rs = Array.from({ length: RUNS }, f);
  return { wall: median(rs.map((r) => r.wall)), cpu: median(rs.map((r) => r.cpu)), rss: Math.max(...rs.map((r) => r.rss)) };
};
const startup = want('startup');
if (startup) {
  const small = mkdtempSync(join(tmpdir(), 'keyward-bench-'));
  try {
    execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: small });
    for (let i = 0; i < 5; i++) writeFileSync(join(small, `file-${i}.ts`), readFileSync(join(corpus, 'pkg-000', readdirSync(join(corpus, 'pkg-000')).sort()[i])));
    execFileSync('git', ['add', '.'], { cwd: small });
    const nodeZero = repeat(() => measure(process.execPath, ['-e', '0']));
    const one = repeat(() => measure(process.execPath, [BIN, 'scan', join(small, 'file-0.ts'), '--quiet', '--no-progress']));
    const staged = repeat(() => measure(process.execPath, [BIN, 'scan', '--staged', '--quiet', '--no-progress'], { cwd: small }));
    results.push(
      row('node -e 0', nodeZero, 0),
      row('keyward scan <one small file>', one, 0),
      row('keyward scan --staged (5 files)', staged, 0),
    );
    ratios.startupOneFile = fmt(one.wall, 3);
    ratios.startupNodeZero = fmt(nodeZero.wall, 3);
    ratios.startupOverNode = fmt(one.wall - nodeZero.wall, 3);
    ratios.startupStaged = fmt(staged.wall, 3);
  } finally {
    rmSync(small, { recursive: true, force: true });
  }
}

if (RECORD) writeExpected(recorded);
const summary = {
  corpus: manifest,
  peers,
  ratios,
  findings: verdicts,
  results,
  load: { min: Math.min(...loads), max: Math.max(...loads), atEnd: readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ') },
};
writeFileSync(join(WORK, 'scan-bench.json'), JSON.stringify(summary, null, 2));
if (JSON_OUT) console.log(JSON.stringify(summary, null, 2));
else {
  console.table(results);
  for (const p of peers) {
    log(`keyward vs secretlint on the same ${p.mb} MB: ${p.wall}x faster (wall), ${p.cpu}x less CPU (target >= 10x); findings keyward ${p.keywardFindings}, secretlint ${p.secretlintFindings}`);
  }
  if (kAll) log(`whole corpus: keyward ${kAll.findings} findings (${manifest.planted} planted)`);
  if (ratios.nodeModulesMBs) log(`node_modules: ${ratios.nodeModulesMBs} MB/s wall (target >= 100), ${ratios.nodeModulesVsCat}x of cat`);
  if (ratios.realReposMBs) log(`${presentRepos.length} real repos: ${ratios.realReposMBs} MB/s wall (target >= 100), ${ratios.realReposVsCat}x of cat`);
  if (kHist) log(`history: keyward --history at ${ratios.historyBenchVsCatFile}x the speed of git cat-file --batch-all-objects on the bench repo (target >= 0.3x), ${kHist.files} blobs, ${kHist.findings} findings`);
  for (const [k, v] of Object.entries(ratios)) if (k.startsWith('history:')) log(`history ${k.slice(8)}: ${v}x of git cat-file (target >= 0.3x, stretch 0.5x); all rules disabled ${ratios[`historyPipeline:${k.slice(8)}`]}x`);
  if (kHist) log(`history without rules (git log + cat-file + prefilter): ${ratios.historyPipelineVsCatFile}x the speed of git cat-file`);
  if (startup) log(`start-up: one small file ${ratios.startupOneFile} s wall vs node -e 0 ${ratios.startupNodeZero} s (target <= 0.1 s); --staged on 5 files ${ratios.startupStaged} s (target <= 0.2 s)`);
  for (const v of verdicts) log(`findings ${v}`);
  log(`load average (1 min) during the run: ${summary.load.min}-${summary.load.max}, at the end ${summary.load.atEnd} (2 cores; numbers are only comparable within one run)`);
}
if (detectionChanged) {
  console.error('detection changed: the findings above differ from bench/expected-findings.json (re-record with --record-findings only when a rule changed on purpose)');
  process.exitCode = 1;
}

/** Commits that each rewrite a handful of corpus files (new blobs every time), via git fast-import. */
function buildHistoryRepo(dir, from, commits) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: dir });
  const files = [];
  for (const d of readdirSync(from).filter((d) => d.startsWith('pkg-')).sort()) for (const f of readdirSync(join(from, d)).sort()) files.push(`${d}/${f}`);
  const chunks = [];
  let mark = 0;
  let t = 1767258000; // 2026-01-01, fixed so the repository is the same every time
  for (let c = 0; c < commits; c++) {
    const msg = `commit ${c}`;
    chunks.push(`commit refs/heads/main\nmark :${++mark}\ncommitter Bench <bench@example.invalid> ${t + c * 3600} +0000\ndata ${Buffer.byteLength(msg)}\n${msg}\n`);
    if (c > 0) chunks.push(`from :${mark - 1}\n`);
    // 12 files per commit, walking through the corpus; a later pass edits files already added.
    for (let k = 0; k < 12; k++) {
      const i = (c * 12 + k) % files.length;
      const pass = Math.floor((c * 12 + k) / files.length);
      const body = Buffer.concat([readFileSync(join(from, files[i])), Buffer.from(pass ? `\n// revision ${pass}\n` : '')]);
      chunks.push(`M 100644 inline ${files[i]}\ndata ${body.length}\n`, body, '\n');
    }
  }
  const stream = Buffer.concat(chunks.map((x) => (typeof x === 'string' ? Buffer.from(x) : x)));
  execFileSync('git', ['fast-import', '--quiet'], { cwd: dir, input: stream, maxBuffer: 1 << 30 });
}
