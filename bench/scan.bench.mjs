#!/usr/bin/env node
// `keyward scan` throughput, measured in one run against its peers on the same input:
//   1. keyward vs secretlint (+ @secretlint/secretlint-rule-preset-recommend) on the same two fixed subsets of
//      the generated corpus, ~8 MB (start-up weighs) and ~30 MB (secretlint's cost grows faster than linearly,
//      so the whole corpus would take minutes);
//   2. keyward alone on the whole generated corpus (in-process and with worker threads) and on this
//      repository's node_modules (a real tree);
//   3. `keyward scan --history` vs `git cat-file --batch-all-objects --batch > /dev/null` on a repository of a
//      few hundred commits built from the corpus with git fast-import.
// Wall time, CPU time (user+sys) and peak RSS come from /usr/bin/time. MB/s use the bytes keyward read.
// Usage: node bench/scan.bench.mjs [--quick] [--json]
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, cpSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildCorpus, CORPUS_VERSION } from './corpus.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const BIN = join(ROOT, 'dist', 'cli', 'bin.js');
const WORK = join(ROOT, '.bench');
const args = process.argv.slice(2);
const QUICK = args.includes('--quick');
const JSON_OUT = args.includes('--json');
const CORPUS_BYTES = (QUICK ? 16 : 64) * 1024 * 1024;
const SUBSET_DIRS = QUICK ? 2 : 16; // ~2 MB per folder: ~32 MB, half the corpus (startup amortised, secretlint still done in ~a minute)
const HISTORY_COMMITS = QUICK ? 60 : 300;
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

mkdirSync(WORK, { recursive: true });
const log = (...a) => {
  if (!JSON_OUT) console.log(...a);
};

/** Runs a command under /usr/bin/time; returns wall/cpu seconds, peak RSS in MB, exit status and stdout. */
function measure(cmd, cmdArgs, opts = {}) {
  const timeFile = join(WORK, '.time');
  const full = TIME ? [TIME, ['-o', timeFile, '-f', '%e %U %S %M', cmd, ...cmdArgs]] : [cmd, cmdArgs];
  const start = process.hrtime.bigint();
  const r = spawnSync(full[0], full[1], { cwd: opts.cwd ?? ROOT, stdio: ['ignore', opts.stdout ?? 'pipe', 'pipe'], maxBuffer: 1 << 30 });
  const wallNs = Number(process.hrtime.bigint() - start) / 1e9;
  let wall = wallNs;
  let cpu = NaN;
  let rss = NaN;
  if (TIME && existsSync(timeFile)) {
    const last = readFileSync(timeFile, 'utf8').trim().split('\n').pop().split(' ').map(Number);
    [wall, cpu, rss] = [last[0], last[1] + last[2], last[3] / 1024];
  }
  return { wall, cpu, rss, status: r.status, stdout: r.stdout?.toString() ?? '', stderr: r.stderr?.toString() ?? '' };
}

function keyward(target, extra = []) {
  const out = join(WORK, '.keyward-report.json');
  const m = measure(process.execPath, [BIN, 'scan', target, '--format', 'json', '--output', out, '--quiet', '--no-progress', ...extra]);
  if (m.status !== 0 && m.status !== 1) throw new Error(`keyward failed (${m.status}): ${m.stderr}`);
  const report = JSON.parse(readFileSync(out, 'utf8'));
  return { ...m, bytes: report.summary.bytes, files: report.summary.files, findings: report.summary.findings };
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

const mbs = (bytes, s) => bytes / 1024 / 1024 / s;
const row = (name, r, bytes) => ({ name, MB: +(bytes / 1024 / 1024).toFixed(1), wall_s: +r.wall.toFixed(2), cpu_s: +r.cpu.toFixed(2), 'MB/s (wall)': +mbs(bytes, r.wall).toFixed(1), 'MB/s (cpu)': +mbs(bytes, r.cpu).toFixed(1), peak_RSS_MB: Math.round(r.rss) });

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
// 1. Peer comparison on the same subsets, same run: a small one (start-up counts) and a large one.
// secretlint runs from the subset folder with "**/*".
const rc = join(WORK, 'secretlintrc.json');
writeFileSync(rc, JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] }));
const slBin = join(ROOT, 'node_modules', 'secretlint', 'bin', 'secretlint.js');
const peers = [];
for (const dirs of QUICK ? [SUBSET_DIRS] : [4, SUBSET_DIRS]) {
  const { dir, bytes } = makeSubset(dirs);
  const mb = (bytes / 1024 / 1024).toFixed(0);
  const k = keyward(dir);
  const sl = measure(process.execPath, [slBin, '**/*', '--secretlintrc', rc, '--format', 'json', '--output', join(WORK, '.secretlint-report.json')], { cwd: dir });
  if (sl.status !== 0 && sl.status !== 1) throw new Error(`secretlint failed (${sl.status}): ${sl.stderr}`);
  const slFindings = JSON.parse(readFileSync(join(WORK, '.secretlint-report.json'), 'utf8')).reduce((n, f) => n + f.messages.length, 0);
  results.push(row(`keyward (${mb} MB subset)`, k, bytes), row(`secretlint (${mb} MB subset)`, sl, bytes));
  peers.push({ mb: +mb, wall: +(sl.wall / k.wall).toFixed(1), cpu: +(sl.cpu / k.cpu).toFixed(1), keywardFindings: k.findings, secretlintFindings: slFindings });
}

// 2. Whole corpus and a real tree.
// `auto` decides from the load average, so both ends are measured explicitly: in-process and 2 workers.
const kAll0 = keyward(corpus, ['--workers', '0']);
const kAll = keyward(corpus, ['--workers', '2']);
results.push(row('keyward corpus, in-process', kAll0, kAll0.bytes), row('keyward corpus, 2 workers', kAll, kAll.bytes));
const nm = join(ROOT, 'node_modules');
let kNm;
if (existsSync(nm)) {
  kNm = keyward(nm, ['--no-gitignore']);
  results.push(row(`keyward node_modules (${kNm.files} files)`, kNm, kNm.bytes));
}

// 3. History: a repository of HISTORY_COMMITS commits over the corpus files, built once with fast-import.
const repo = join(WORK, `history-${HISTORY_COMMITS}`);
if (!existsSync(join(repo, '.git'))) buildHistoryRepo(repo, corpus, HISTORY_COMMITS);
const cat = measure('git', ['cat-file', '--batch-all-objects', '--batch'], { cwd: repo, stdout: 'ignore' });
// The same scan with every rule disabled: what reading the history (git log + cat-file streaming + the
// keyword prefilter) costs on its own, i.e. how much of the gap to cat-file is the detection rules.
const { builtinRules, structuredRules } = await import(pathToFileURL(join(ROOT, 'dist', 'rules', 'index.js')).href);
const noRules = join(WORK, 'no-rules.config.json');
writeFileSync(noRules, JSON.stringify({ disabledRules: [...builtinRules, ...structuredRules].map((r) => r.id) }));
const kHistPipe = keyward(repo, ['--history', '--workers', '0', '--config', noRules]);
const kHist0 = keyward(repo, ['--history', '--workers', '0']);
const kHist = keyward(repo, ['--history', '--workers', '2']);
const bestHist = kHist.wall < kHist0.wall ? kHist : kHist0;
results.push(
  row('git cat-file --batch-all-objects', cat, kHist.bytes),
  row('keyward --history, all rules disabled', kHistPipe, kHistPipe.bytes),
  row('keyward --history, in-process', kHist0, kHist0.bytes),
  row('keyward --history, 2 workers', kHist, kHist.bytes),
);

const summary = {
  corpus: manifest,
  peers,
  findings: { keywardCorpus: kAll.findings, history: kHist.findings },
  ratio: { historyVsCatFileWall: +(cat.wall / bestHist.wall).toFixed(3), historyPipelineVsCatFileWall: +(cat.wall / kHistPipe.wall).toFixed(3) },
  results,
  load: readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' '),
};
writeFileSync(join(WORK, 'scan-bench.json'), JSON.stringify(summary, null, 2));
if (JSON_OUT) console.log(JSON.stringify(summary, null, 2));
else {
  console.table(results);
  for (const p of peers) {
    log(`keyward vs secretlint on the same ${p.mb} MB: ${p.wall}x faster (wall), ${p.cpu}x less CPU (target >= 10x); findings keyward ${p.keywardFindings}, secretlint ${p.secretlintFindings}`);
  }
  log(`whole corpus: keyward ${kAll.findings} findings (${manifest.planted} planted)`);
  log(`history: keyward --history at ${(cat.wall / bestHist.wall).toFixed(2)}x the speed of git cat-file --batch-all-objects (target >= 0.3x), ${kHist.files} blobs, ${kHist.findings} findings`);
  log(`history without rules (git log + cat-file + prefilter): ${(cat.wall / kHistPipe.wall).toFixed(2)}x the speed of git cat-file`);
  log(`load average during the run: ${summary.load} (2 cores; numbers are only comparable within one run)`);
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
