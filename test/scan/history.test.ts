// Git sources on repositories the tests build: a secret added then deleted is still found with the commit
// that introduced it; branches count; shallow clones fail loudly; --staged reads the index, not the disk.
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import { runScan, ScanError } from '../../src/scan/scan.js';
import { commitAll, ghToken, gitIn, initRepo, tempDir, writeTree } from './helpers.js';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDir('keyward-git-')));
afterEach(async () => cleanup());

const deleted = ghToken(31);
const onBranch = ghToken(32);
const kept = ghToken(33);

async function buildHistory(): Promise<Record<string, string>> {
  initRepo(dir);
  await writeTree(dir, {
    'claude_desktop_config.json': JSON.stringify({ mcpServers: { gh: { env: { GITHUB_TOKEN: deleted } } } }, null, 2),
    'src/app.ts': 'export const x = 1;\n',
  });
  const added = commitAll(dir, 'add config', '2026-01-02T10:00:00+00:00');
  await rm(join(dir, 'claude_desktop_config.json'));
  const removed = commitAll(dir, 'remove config', '2026-01-03T10:00:00+00:00');
  gitIn(dir, ['checkout', '-q', '-b', 'feature']);
  await writeTree(dir, { 'feature.env': `TOKEN=${onBranch}\n` });
  const feature = commitAll(dir, 'feature', '2026-01-04T10:00:00+00:00');
  gitIn(dir, ['checkout', '-q', 'main']);
  await writeTree(dir, { 'src/app.ts': `export const token = "${kept}";\n` });
  const introduced = commitAll(dir, 'use token', '2026-01-05T10:00:00+00:00');
  await writeTree(dir, { 'src/app.ts': `// edited\nexport const token = "${kept}";\n` });
  const edited = commitAll(dir, 'edit', '2026-01-06T10:00:00+00:00');
  return { added, removed, feature, introduced, edited };
}

describe('--history', () => {
  it('finds a deleted secret with its commit, author and date; each secret once, from the commit that introduced it', async () => {
    const c = await buildHistory();
    const r = await runScan({ mode: 'history', target: dir, workers: 0 });
    const summary = r.findings.map((f) => [f.path, f.commit, f.author, f.email, f.date, f.line]);
    expect(summary).toEqual([
      ['claude_desktop_config.json', c.added, 'Ada Tester', 'ada@example.invalid', '2026-01-02T10:00:00+00:00', 5],
      ['feature.env', c.feature, 'Ada Tester', 'ada@example.invalid', '2026-01-04T10:00:00+00:00', 1],
      ['src/app.ts', c.introduced, 'Ada Tester', 'ada@example.invalid', '2026-01-05T10:00:00+00:00', 1],
    ]);
    expect(r.findings[0].context).toBe('mcpServers.gh.env.GITHUB_TOKEN');
    expect(r.stats.commits).toBe(5);
    // Each unique blob once: config, app.ts v1..v3, feature.env.
    expect(r.stats.files).toBe(5);
  });

  it('reads a bare repository (a mirror, where a pre-receive hook runs) as its clone, and --staged still asks for a work tree', async () => {
    await buildHistory();
    const mirror = `${dir}-mirror.git`;
    gitIn(dir, ['clone', '-q', '--mirror', dir, mirror]);
    try {
      const fromClone = await runScan({ mode: 'history', target: dir, workers: 0 });
      const fromMirror = await runScan({ mode: 'history', target: mirror, workers: 0 });
      expect(fromMirror.findings.map((f) => [f.ruleId, f.path, f.commit, f.line, f.secret])).toEqual(
        fromClone.findings.map((f) => [f.ruleId, f.path, f.commit, f.line, f.secret]),
      );
      expect(fromMirror.findings.length).toBe(3);
      await expect(runScan({ mode: 'staged', target: mirror, workers: 0 })).rejects.toThrow(ScanError);
    } finally {
      await rm(mirror, { recursive: true, force: true });
    }
  });

  it('gives the same findings with worker threads as in-process', async () => {
    await buildHistory();
    const inProcess = await runScan({ mode: 'history', target: dir, workers: 0 });
    const pooled = await runScan({ mode: 'history', target: dir, workers: 2 });
    expect(pooled.executor).toBe('workers');
    expect(pooled.findings).toEqual(inProcess.findings);
  });

  it('names the commit in every report format, redacted', async () => {
    const c = await buildHistory();
    const text = await run(['scan', '--history', '.'], { cwd: dir, env: {} });
    expect(text.exitCode).toBe(1);
    expect(text.stdout).toContain(`commit ${c.added.slice(0, 12)}  Ada Tester <ada@example.invalid>  2026-01-02T10:00:00+00:00`);
    const sarif = JSON.parse((await run(['scan', '--history', '--format', 'sarif', '.'], { cwd: dir, env: {} })).stdout);
    expect(sarif.runs[0].results[0].properties.commit).toBe(c.added);
    for (const out of [text.stdout, JSON.stringify(sarif)]) {
      for (const s of [deleted, onBranch, kept]) expect(out).not.toContain(s);
    }
  });

  it('refuses a shallow clone loudly, unless --allow-shallow', async () => {
    await buildHistory();
    const { dir: cloneParent, cleanup: done } = await tempDir('keyward-shallow-');
    try {
      const clone = join(cloneParent, 'c');
      gitIn(cloneParent, ['clone', '-q', '--depth', '1', `file://${dir}`, clone]);
      await expect(runScan({ mode: 'history', target: clone, workers: 0 })).rejects.toThrow(ScanError);
      const cli = await run(['scan', '--history', clone], { cwd: cloneParent, env: {} });
      expect(cli.exitCode).toBe(2);
      expect(cli.stderr).toMatch(/shallow clone/);
      expect(cli.stderr).toMatch(/git fetch --unshallow/);
      const allowed = await runScan({ mode: 'history', target: clone, workers: 0, allowShallow: true });
      expect(allowed.findings.map((f) => f.path)).toEqual(['src/app.ts']);
    } finally {
      await done();
    }
  });

  it('handles a repository without commits', async () => {
    initRepo(dir);
    const r = await runScan({ mode: 'history', target: dir, workers: 0 });
    expect(r.findings).toEqual([]);
    expect(r.stats.commits).toBe(0);
  });
});

describe('--staged', () => {
  it('scans the staged blob, not the work tree, before and after the first commit', async () => {
    initRepo(dir);
    await writeTree(dir, { 'a.env': `TOKEN=${deleted}\n` });
    gitIn(dir, ['add', 'a.env']);
    // The work tree no longer holds the secret, but the index (what gets committed) does.
    await writeFile(join(dir, 'a.env'), 'TOKEN=${TOKEN}\n');
    const first = await runScan({ mode: 'staged', target: dir, workers: 0 });
    expect(first.findings.map((f) => [f.path, f.line])).toEqual([['a.env', 1]]);
    commitAll(dir, 'first', '2026-01-02T10:00:00+00:00');

    await writeTree(dir, { 'b.ts': `const t = "${kept}";\n`, 'untracked.txt': `${onBranch}\n` });
    gitIn(dir, ['add', 'b.ts']);
    const cli = await run(['scan', '--staged', '--format', 'json'], { cwd: dir, env: {} });
    expect(cli.exitCode).toBe(1);
    expect(JSON.parse(cli.stdout).findings.map((f: { path: string }) => f.path)).toEqual(['b.ts']);
    gitIn(dir, ['reset', '-q', 'b.ts']);
    expect((await run(['scan', '--staged'], { cwd: dir, env: {} })).exitCode).toBe(0);
  });
});

describe('--history --log-opts', () => {
  it('limits the history to a range and refuses git options that are not filters', async () => {
    const c = await buildHistory();
    const r = await run(['scan', '--history', '--log-opts', `${c.introduced}..main`, '--format', 'json'], { cwd: dir, env: {} });
    // Only the last commit ("edit") is in range: it holds the kept secret, now attributed to it.
    expect(JSON.parse(r.stdout).findings.map((f: { path: string; commit: string }) => [f.path, f.commit])).toEqual([['src/app.ts', c.edited]]);
    const bad = await run(['scan', '--history', '--log-opts', '--output=/tmp/x'], { cwd: dir, env: {} });
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain('"--output=/tmp/x" is not allowed');
    const needsHistory = await run(['scan', '--log-opts', 'main'], { cwd: dir, env: {} });
    expect(needsHistory.exitCode).toBe(2);
  });
});

describe('--history with merges', () => {
  it('counts a merge once and finds a secret introduced by the merge resolution itself', async () => {
    initRepo(dir);
    await writeTree(dir, { 'a.txt': 'base\n' });
    commitAll(dir, 'base', '2026-02-01T10:00:00Z');
    gitIn(dir, ['checkout', '-q', '-b', 'side']);
    await writeTree(dir, { 'a.txt': 'side\n' });
    commitAll(dir, 'side', '2026-02-02T10:00:00Z');
    gitIn(dir, ['checkout', '-q', 'main']);
    await writeTree(dir, { 'a.txt': 'main\n' });
    commitAll(dir, 'main', '2026-02-03T10:00:00Z');
    // Conflicting merge, resolved with content neither parent had: only the merge introduces that blob.
    try {
      gitIn(dir, ['merge', '-q', 'side']);
    } catch {
      // expected: the conflict stops the merge
    }
    await writeTree(dir, { 'a.txt': `resolved ${kept}\n` });
    const merge = commitAll(dir, 'merge side', '2026-02-04T10:00:00Z');
    expect(gitIn(dir, ['rev-list', '--parents', '-n', '1', 'HEAD']).trim().split(' ')).toHaveLength(3);
    const r = await runScan({ mode: 'history', target: dir, workers: 0 });
    expect(r.stats.commits).toBe(4);
    expect(r.findings.map((f) => [f.path, f.commit])).toEqual([['a.txt', merge]]);
  });
});

describe('--history limits', () => {
  it('drains blobs over the size cap without keeping them, warns, and scans the rest', async () => {
    initRepo(dir);
    await writeTree(dir, { 'big.txt': `${'x'.repeat(300_000)}\n${deleted}\n`, 'small.env': `T=${kept}\n`, 'img.png': `${onBranch}` });
    commitAll(dir, 'add', '2026-01-02T10:00:00Z');
    const r = await runScan({ mode: 'history', target: dir, workers: 0, maxFileSize: 100_000 });
    expect(r.findings.map((f) => f.path)).toEqual(['small.env']);
    expect(r.stats.skipped['too-large']).toBe(1);
    expect(r.stats.skipped.binary).toBe(1);
    expect(r.warnings.some((w) => w.startsWith('big.txt @ ') && w.includes('over the size cap'))).toBe(true);
  });
});
