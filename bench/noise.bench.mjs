#!/usr/bin/env node
// How much of what `keyward scan` reports on real MCP-server repositories is noise. Scans HEAD of every
// checkout of bench/labelled-findings.json (and, with --history, the full history of each git mirror against
// bench/labelled-history.json), matches each finding to its hand label and prints, per repository, findings
// split into true / example / noise / unlabelled, with the noise share (noise / findings) over all of them.
// Detection is expected to move: a labelled finding that no longer occurs is counted "gone since labelling"
// (a removed noise class is the point), and a new finding is listed, redacted, so someone can label it. Neither
// fails the bench; only a scan that errors does.
// HEAD findings match on (repo, rule, path, first4), nearest line first, so edits above a finding do not
// unlabel it; history findings on (repo, rule, path, commit, first4), the blob's introducing commit.
// Usage: node bench/noise.bench.mjs [--history] [--json]
//   KEYWARD_BENCH_REPOS (default /work/.bench-repos): checkouts, <owner>+<name>
//   KEYWARD_BENCH_MIRRORS (default /work/.mirror): git mirrors, <owner>+<name>/repo (bare)
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const BIN = join(ROOT, 'dist', 'cli', 'bin.js');
const args = process.argv.slice(2);
const HISTORY = args.includes('--history');
const JSON_OUT = args.includes('--json');
const REPOS_DIR = process.env.KEYWARD_BENCH_REPOS ?? '/work/.bench-repos';
const MIRRORS_DIR = process.env.KEYWARD_BENCH_MIRRORS ?? '/work/.mirror';
const VERDICTS = ['true', 'example', 'noise'];

const log = (...a) => {
  if (!JSON_OUT) console.log(...a);
};
const load = (name) => JSON.parse(readFileSync(join(ROOT, 'bench', name), 'utf8'));
/** The labels' redaction: the first 4 characters of the value, never more. */
const first4 = (f) => f.redacted.replace(/\*+$/, '').slice(0, 4);
const dirName = (repo) => repo.replace('/', '+');

const work = mkdtempSync(join(tmpdir(), 'keyward-noise-'));
// `scan --history` wants a work tree; a bare mirror gets an empty one through GIT_DIR/GIT_WORK_TREE (git
// reads them for every command keyward runs), so the mirrors are read in place and never changed.
const emptyTree = join(work, 'tree');
mkdirSync(emptyTree);

/** One `keyward scan` of a folder (or, with `gitDir`, of that repository's whole history). */
function scan(target, gitDir) {
  const out = join(work, 'report.json');
  rmSync(out, { force: true });
  const env = gitDir ? { ...process.env, GIT_DIR: gitDir, GIT_WORK_TREE: target } : process.env;
  const cli = [BIN, 'scan', target, '--format', 'json', '--output', out, '--quiet', '--no-progress', ...(gitDir ? ['--history'] : [])];
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, cli, { env, stdio: ['ignore', 'ignore', 'pipe'] });
  const wall = Number(process.hrtime.bigint() - start) / 1e9;
  if (r.status !== 0 && r.status !== 1) return { error: `exit ${r.status ?? r.signal}: ${r.stderr.toString().trim().split('\n')[0]}` };
  return { report: JSON.parse(readFileSync(out, 'utf8')), wall };
}

/**
 * Pairs findings with labels of the same identity; within one identity, nearest line first (a line shift
 * keeps its label; two findings of one key keep theirs in order). Returns the pairs, the findings without a
 * label and the labels without a finding.
 */
function match(findings, labels, identity) {
  const byKey = new Map();
  for (const l of labels) {
    const k = identity(l);
    if (!byKey.has(k)) byKey.set(k, []);
    byKey.get(k).push(l);
  }
  const matched = [];
  const unlabelled = [];
  for (const f of findings) {
    const pool = byKey.get(identity(f));
    if (!pool?.length) {
      unlabelled.push(f);
      continue;
    }
    let best = 0;
    for (let i = 1; i < pool.length; i++) if (Math.abs(pool[i].line - f.line) < Math.abs(pool[best].line - f.line)) best = i;
    matched.push({ finding: f, label: pool.splice(best, 1)[0] });
  }
  return { matched, unlabelled, gone: [...byKey.values()].flat() };
}

/** A report's findings in the labels' shape. */
const asLabelShape = (repo, report) =>
  report.findings.map((f) => ({ repo, rule: f.ruleId, path: f.path, line: f.line, first4: first4(f), commit: f.commit, confidence: f.confidence, example: f.example === true }));

function measure(mode, labelFile) {
  const { summary, findings: labels } = load(labelFile);
  const identity = mode === 'history' ? (f) => `${f.rule}\0${f.path}\0${f.commit}\0${f.first4}` : (f) => `${f.rule}\0${f.path}\0${f.first4}`;
  const rows = [];
  const unlabelledAll = [];
  const goneAll = [];
  const skipped = [];
  for (const [repo, labelled] of Object.entries(summary)) {
    let target;
    let gitDir;
    let at;
    if (mode === 'history') {
      gitDir = join(MIRRORS_DIR, dirName(repo), 'repo');
      if (!existsSync(join(gitDir, 'HEAD'))) {
        skipped.push(`${repo}: no mirror at ${gitDir}; skipped (bring it with the fetch tool)`);
        continue;
      }
      target = emptyTree;
      at = execFileSync('git', ['--git-dir', gitDir, 'rev-parse', 'HEAD']).toString().trim();
    } else {
      target = join(REPOS_DIR, dirName(repo));
      if (!existsSync(join(target, '.git'))) {
        skipped.push(`${repo}: no checkout at ${target}; skipped (clone its mirror there at ${labelled.commit.slice(0, 12)})`);
        continue;
      }
      at = execFileSync('git', ['-C', target, 'rev-parse', 'HEAD']).toString().trim();
    }
    // Another commit still scans: labels that moved away show as gone, new findings as unlabelled.
    if (at !== labelled.commit) log(`${repo}: at ${at.slice(0, 12)}, labelled at ${labelled.commit.slice(0, 12)}; the counts below mix both`);
    const s = scan(target, gitDir);
    if (s.error) throw new Error(`keyward scan of ${repo} failed (${s.error})`);
    const own = labels.filter((l) => l.repo === repo);
    const m = match(asLabelShape(repo, s.report), own, identity);
    const count = Object.fromEntries(VERDICTS.map((v) => [v, m.matched.filter((p) => p.label.verdict === v).length]));
    rows.push({ repo, findings: s.report.findings.length, ...count, unlabelled: m.unlabelled.length, gone: m.gone.length, wall_s: +s.wall.toFixed(2) });
    unlabelledAll.push(...m.unlabelled);
    goneAll.push(...m.gone);
  }
  const total = { repo: `total (${rows.length} repos)` };
  for (const k of ['findings', ...VERDICTS, 'unlabelled', 'gone', 'wall_s']) total[k] = +rows.reduce((n, r) => n + r[k], 0).toFixed(2);
  const noiseShare = total.findings ? total.noise / total.findings : 0;
  return { mode, rows, total, noiseShare, unlabelled: unlabelledAll, gone: goneAll, skipped };
}

const redactedLine = (f) =>
  `  ${f.repo}  ${f.rule}  ${f.path}:${f.line}${f.commit ? `  @${f.commit.slice(0, 12)}` : ''}  ${f.first4}…  (${f.confidence}${f.example ? ', marked example' : ''})${f.verdict ? `  was ${f.verdict}: ${f.note}` : ''}`;

if (!existsSync(BIN)) {
  console.error('the noise bench needs the built CLI: run `npm run build` first');
  process.exit(2);
}
const results = [];
try {
  results.push(measure('head', 'labelled-findings.json'));
  if (HISTORY) results.push(measure('history', 'labelled-history.json'));
} finally {
  rmSync(work, { recursive: true, force: true });
}

if (JSON_OUT) console.log(JSON.stringify(results, null, 2));
else {
  for (const r of results) {
    log(`\n--- ${r.mode === 'history' ? 'full history of each mirror (every ref)' : 'HEAD of each checkout'} ---`);
    for (const s of r.skipped) log(s);
    console.table([...r.rows, r.total]);
    log(`${r.mode}: ${r.total.findings} findings, ${r.total.true} true, ${r.total.example} example, ${r.total.noise} noise, ${r.total.unlabelled} unlabelled; noise share ${(100 * r.noiseShare).toFixed(1)}% (noise / findings)`);
    if (r.gone.length) {
      log(`${r.gone.length} labelled findings gone since labelling (detection changed):`);
      for (const g of r.gone) log(redactedLine(g));
    }
    if (r.unlabelled.length) {
      log(`${r.unlabelled.length} unlabelled findings (label them in bench/${r.mode === 'history' ? 'labelled-history.json' : 'labelled-findings.json'}):`);
      for (const u of r.unlabelled) log(redactedLine(u));
    }
  }
}
