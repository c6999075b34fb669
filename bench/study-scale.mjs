#!/usr/bin/env node
// `keyward study` at the size of the ecosystem, offline: ≥ 2,000 bare repositories made from real public
// MCP-server mirrors, listed by a loopback fake of the official registry (paged with a cursor), cloned over
// file:// (so git really packs and transfers each one) and scanned end to end by the built CLI. Prints
// repositories, wall time, repos/min, peak RSS, peak disk of the work dir, findings and skips by reason.
//
// Standalone (a full run takes many minutes, so it is not a *.bench.mjs that `npm run bench` runs):
//   npm run build && node bench/study-scale.mjs [--repos 2000] [--concurrency 4] [--max-source-mb 3] [--keep]
// Sources: every <dir>/<owner>+<name>/repo mirror, dir from --mirrors or KEYWARD_MIRRORS (default
// /work/.mirror); the script skips (exit 0) when there is none. Each copy is a bare repository of a few
// small files whose objects come from its source through objects/info/alternates, so 2,000 copies take
// a few MB; the clones the study makes are real and are deleted as it goes.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const BIN = join(ROOT, 'dist', 'cli', 'bin.js');
const args = process.argv.slice(2);
const arg = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const REPOS = Number(arg('repos', 2000));
const CONCURRENCY = Number(arg('concurrency', 4));
const MAX_SOURCE_MB = Number(arg('max-source-mb', 3));
const MIRRORS = arg('mirrors', process.env.KEYWARD_MIRRORS ?? '/work/.mirror');
const KEEP = args.includes('--keep');

if (!existsSync(BIN)) {
  console.error('study-scale needs the built CLI: run `npm run build` first');
  process.exit(2);
}

/** Total bytes under a folder (no du dependency for the source sizes). */
function folderBytes(dir) {
  let n = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) n += folderBytes(p);
    else if (e.isFile()) n += statSync(p).size;
  }
  return n;
}

// Small mirrors only by default: the point is the number of repositories, not one big monorepo's history.
const sources = (existsSync(MIRRORS) ? readdirSync(MIRRORS) : [])
  .filter((d) => d.includes('+') && existsSync(join(MIRRORS, d, 'repo', 'objects')))
  .map((d) => ({ name: d, dir: join(MIRRORS, d, 'repo') }))
  .map((s) => ({ ...s, bytes: folderBytes(s.dir) }))
  .filter((s) => s.bytes <= MAX_SOURCE_MB * 1024 * 1024)
  .filter((s) => {
    // A mirror fetched as a partial clone may lack objects its branches need; git could not serve it.
    const missing = execFileSync('git', ['rev-list', '--objects', '--missing=print', '--branches', '--tags'], { cwd: s.dir, encoding: 'utf8', maxBuffer: 1 << 28 })
      .split('\n')
      .filter((l) => l.startsWith('?')).length;
    if (missing) console.log(`study-scale: leaving out ${s.name}: ${missing} objects missing from the mirror`);
    return missing === 0;
  })
  .sort((a, b) => (a.name < b.name ? -1 : 1));
if (!sources.length) {
  console.log(`study-scale: skipped, no mirror of at most ${MAX_SOURCE_MB} MB under ${MIRRORS} (set KEYWARD_MIRRORS or --mirrors)`);
  process.exit(0);
}

const work = mkdtempSync(join(tmpdir(), 'keyward-study-scale-'));
const remote = join(work, 'remote');
console.log(`study-scale: ${REPOS} repositories from ${sources.length} mirrors (≤ ${MAX_SOURCE_MB} MB each) in ${work}`);

// One template per source: HEAD and the branch and tag refs (what `git clone --bare` fetches).
const templates = sources.map((s) => {
  const refs = execFileSync('git', ['for-each-ref', '--format=%(objectname) %(refname)', 'refs/heads', 'refs/tags'], { cwd: s.dir, encoding: 'utf8' });
  const head = readFileSync(join(s.dir, 'HEAD'), 'utf8');
  return { ...s, packedRefs: `# pack-refs with: peeled fully-peeled sorted \n${refs}`, head, objects: resolve(s.dir, 'objects') };
});
const CONFIG = '[core]\n\trepositoryformatversion = 0\n\tbare = true\n[uploadpack]\n\tallowFilter = true\n';
const t0 = Date.now();
const names = [];
for (let i = 0; i < REPOS; i++) {
  const t = templates[i % templates.length];
  const [owner, name] = t.name.split('+');
  const repo = `${owner.toLowerCase()}-${Math.floor(i / templates.length)}/${name.toLowerCase()}`;
  const dir = join(remote, `${repo}.git`);
  mkdirSync(join(dir, 'objects', 'info'), { recursive: true });
  mkdirSync(join(dir, 'refs', 'heads'), { recursive: true });
  mkdirSync(join(dir, 'refs', 'tags'));
  writeFileSync(join(dir, 'HEAD'), t.head);
  writeFileSync(join(dir, 'config'), CONFIG);
  writeFileSync(join(dir, 'packed-refs'), t.packedRefs);
  writeFileSync(join(dir, 'objects', 'info', 'alternates'), `${t.objects}\n`);
  names.push(repo);
}
console.log(`generated ${names.length} bare repositories in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

// The official registry's list endpoint, 100 per page, with an opaque cursor.
const server = http.createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  if (url.pathname !== '/v0.1/servers') {
    res.writeHead(404).end();
    return;
  }
  const limit = Math.min(100, Number(url.searchParams.get('limit') ?? 30));
  const from = Number(url.searchParams.get('cursor') ?? 0);
  const page = names.slice(from, from + limit).map((repo) => ({
    server: { name: `io.github.${repo}`, repository: { url: `https://github.com/${repo}`, source: 'github' }, packages: [{ registryType: 'npm', identifier: repo }] },
    _meta: { 'io.modelcontextprotocol.registry/official': { isLatest: true } },
  }));
  const next = from + limit < names.length ? String(from + limit) : undefined;
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ servers: page, metadata: { count: page.length, ...(next ? { nextCursor: next } : {}) } }));
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}`;

const db = join(work, 'study.db');
const clones = join(work, 'clones');
const study = spawn(
  process.execPath,
  [BIN, 'study', 'run', '--db', db, '--source', 'official', '--registry-url', base, '--clone-url-template', `file://${remote}/{repo}.git`,
    '--work-dir', clones, '--concurrency', String(CONCURRENCY), '--retries', '1', '--retry-base-ms', '10', '--out', join(work, 'report')],
  { cwd: work, env: { PATH: process.env.PATH, HOME: process.env.HOME }, stdio: ['ignore', 'pipe', 'pipe'] },
);
let stdout = '';
let stderr = '';
study.stdout.on('data', (d) => (stdout += d));
study.stderr.on('data', (d) => (stderr += d));
const started = Date.now();

// Peaks, polled: the study process's own high-water mark (VmHWM), the whole process tree's resident
// memory (node + git children) and the clone folder's disk use.
const peak = { hwm: 0, tree: 0, disk: 0 };
const children = () => {
  const byParent = new Map();
  for (const p of readdirSync('/proc')) {
    if (!/^\d+$/.test(p)) continue;
    try {
      const ppid = Number(readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1].split(' ')[1]);
      byParent.set(ppid, [...(byParent.get(ppid) ?? []), Number(p)]);
    } catch {}
  }
  const out = [];
  const walk = (pid) => (byParent.get(pid) ?? []).forEach((c) => (out.push(c), walk(c)));
  walk(study.pid);
  return out;
};
const kb = (pid, field) => {
  try {
    const m = new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
};
const poll = setInterval(() => {
  peak.hwm = Math.max(peak.hwm, kb(study.pid, 'VmHWM'));
  peak.tree = Math.max(peak.tree, [study.pid, ...children()].reduce((n, p) => n + kb(p, 'VmRSS'), 0));
  if (existsSync(clones)) {
    try {
      peak.disk = Math.max(peak.disk, Number(execFileSync('du', ['-sk', clones], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).split('\t')[0]) * 1024);
    } catch {}
  }
}, 500);
const code = await new Promise((r) => study.on('exit', (c) => r(c)));
clearInterval(poll);
server.close();
const wall = Date.now() - started;

if (code !== 0) {
  console.error(`study exited ${code}\n${stdout}\n${stderr.slice(-4000)}`);
  process.exit(1);
}
const report = JSON.parse(readFileSync(join(work, 'report', 'report.json'), 'utf8'));
const f = report.funnel;
const mb = (n) => `${(n / 1024 / 1024).toFixed(1)} MB`;
const done = f.scanned + f.skipped;
const own = report.run?.total;
console.log(stdout.trim());
console.log(`
repositories        ${f.uniqueRepos} listed, ${f.scanned} scanned, ${f.skipped} skipped, ${f.pending} pending
wall time           ${(wall / 1000).toFixed(1)} s (list + clone + scan + report), concurrency ${CONCURRENCY}
repos/min           ${(done / (wall / 60_000)).toFixed(1)} (clone+scan stage alone: ${own ? own.reposPerMinute.toFixed(1) : 'n/a'})
peak RSS            ${mb(peak.hwm)} study process (VmHWM); ${mb(peak.tree)} with its git children; the study logged ${own?.peakRssBytes ? mb(own.peakRssBytes) : 'n/a'}
peak disk           ${mb(peak.disk)} clone folder (du, every 0.5 s); the study logged ${own?.peakDiskBytes ? mb(own.peakDiskBytes) : 'n/a'} of clones at once
findings            ${report.findings.total} (${report.findings.atHead} at HEAD, ${report.findings.distinctSecrets} distinct), ${f.leakingHistory} repositories leak in history
skips by reason     ${Object.entries(f.skippedByReason).map(([k, v]) => `${k} ${v}`).join(', ') || 'none'}
load average        ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}
report              ${join(work, 'report', 'report.html')}`);
if (!KEEP) rmSync(work, { recursive: true, force: true });
else console.log(`kept ${work}`);
