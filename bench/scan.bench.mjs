#!/usr/bin/env node
// `keyward scan` throughput, measured in one run against its peers on the same input:
//   1. keyward vs secretlint (+ @secretlint/secretlint-rule-preset-recommend) on the same fixed-size subset
//      of the generated corpus (secretlint is too slow for the whole corpus in a bench run);
//   2. keyward alone on the whole generated corpus (in-process and with worker threads) and on this
//      repository's node_modules (a real tree);
//   3. `keyward scan --history` vs `git cat-file --batch-all-objects --batch > /dev/null` on a repository of a
//      few hundred commits built from the corpus with git fast-import.
// Wall time, CPU time (user+sys) and peak RSS come from /usr/bin/time. MB/s use the bytes keyward read.
// Usage: node bench/scan.bench.mjs [--quick] [--json]
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, cpSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildCorpus } from './corpus.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const BIN = join(ROOT, 'dist', 'cli', 'bin.js');
const WORK = join(ROOT, '.bench');
const args = process.argv.slice(2);
const QUICK = args.includes('--quick');
const JSON_OUT = args.includes('--json');
const CORPUS_BYTES = (QUICK ? 16 : 64) * 1024 * 1024;
const SUBSET_DIRS = QUICK ? 2 : 4; // ~2.2 MB per folder
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
const subset = join(WORK, `subset-${SUBSET_DIRS}`);
if (!existsSync(subset)) {
  mkdirSync(subset, { recursive: true });
  for (const d of readdirSync(corpus).filter((d) => d.startsWith('pkg-')).sort().slice(0, SUBSET_DIRS)) cpSync(join(corpus, d), join(subset, d), { recursive: true });
}
const subsetBytes = dirBytes(subset);
log(`corpus: ${manifest.files} files, ${(manifest.bytes / 1024 / 1024).toFixed(1)} MB, ${manifest.planted} planted fake secrets (seeded)`);
log(`subset for the peer comparison: ${(subsetBytes / 1024 / 1024).toFixed(1)} MB`);

const results = [];
// 1. Peer comparison on the same subset, same run. secretlint runs from the subset folder with "**/*".
const rc = join(WORK, 'secretlintrc.json');
writeFileSync(rc, JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] }));
const kSub = keyward(subset);
const slBin = join(ROOT, 'node_modules', 'secretlint', 'bin', 'secretlint.js');
const sl = measure(process.execPath, [slBin, '**/*', '--secretlintrc', rc, '--format', 'json', '--output', join(WORK, '.secretlint-report.json')], { cwd: subset });
if (sl.status !== 0 && sl.status !== 1) throw new Error(`secretlint failed (${sl.status}): ${sl.stderr}`);
const slReport = JSON.parse(readFileSync(join(WORK, '.secretlint-report.json'), 'utf8'));
const slFindings = slReport.reduce((n, f) => n + f.messages.length, 0);
results.push(row('keyward (subset)', kSub, subsetBytes), row('secretlint (subset)', sl, subsetBytes));
const ratioWall = sl.wall / kSub.wall;
const ratioCpu = sl.cpu / kSub.cpu;

// 2. Whole corpus and a real tree.
const kAll = keyward(corpus);
const kAll0 = keyward(corpus, ['--workers', '0']);
results.push(row('keyward corpus, workers auto', kAll, kAll.bytes), row('keyward corpus, in-process', kAll0, kAll0.bytes));
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
const kHist = keyward(repo, ['--history']);
const kHist0 = keyward(repo, ['--history', '--workers', '0']);
results.push(row('git cat-file --batch-all-objects', cat, kHist.bytes), row('keyward --history, workers auto', kHist, kHist.bytes), row('keyward --history, in-process', kHist0, kHist0.bytes));

const summary = {
  corpus: manifest,
  subsetBytes,
  findings: { keywardSubset: kSub.findings, secretlintSubset: slFindings, keywardCorpus: kAll.findings, history: kHist.findings },
  ratio: { vsSecretlintWall: +ratioWall.toFixed(1), vsSecretlintCpu: +ratioCpu.toFixed(1), historyVsCatFileWall: +(cat.wall / kHist.wall).toFixed(3) },
  results,
  load: readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' '),
};
writeFileSync(join(WORK, 'scan-bench.json'), JSON.stringify(summary, null, 2));
if (JSON_OUT) console.log(JSON.stringify(summary, null, 2));
else {
  console.table(results);
  log(`keyward vs secretlint on the same ${(subsetBytes / 1024 / 1024).toFixed(1)} MB: ${ratioWall.toFixed(1)}x faster (wall), ${ratioCpu.toFixed(1)}x less CPU (target >= 10x)`);
  log(`findings on the subset: keyward ${kSub.findings}, secretlint ${slFindings}; whole corpus: keyward ${kAll.findings} (${manifest.planted} planted)`);
  log(`history: keyward --history at ${(cat.wall / kHist.wall).toFixed(2)}x the speed of git cat-file --batch-all-objects (target >= 0.3x), ${kHist.files} blobs, ${kHist.findings} findings`);
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
