// Range scans for CI and hooks on repositories the tests build: --since-commit (a push's before, a new
// branch's zeros), --pre-push from git's hook stdin (updates, new branches, deletions, several refs), and a
// real `git push` to a local bare remote refused by a real .git/hooks/pre-push running the built CLI.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import { commitAll, ghToken, gitIn, initRepo, tempDir, writeTree } from './helpers.js';

const BIN = join(import.meta.dirname, '..', '..', 'dist', 'cli', 'bin.js');
const ZEROS = '0'.repeat(40);

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDir('keyward-range-')));
afterEach(async () => cleanup());

const old = ghToken(41);
const fresh = ghToken(42);
const onFeature = ghToken(43);

/** main: c1 (old secret), c2 (clean), c3 (fresh secret); feature off c2: f1 (its own secret). */
async function build(repo: string): Promise<Record<string, string>> {
  initRepo(repo);
  await writeTree(repo, { 'a.env': `T=${old}\n` });
  const c1 = commitAll(repo, 'c1', '2026-03-01T10:00:00Z');
  await writeTree(repo, { 'b.txt': 'clean\n' });
  const c2 = commitAll(repo, 'c2', '2026-03-02T10:00:00Z');
  gitIn(repo, ['checkout', '-q', '-b', 'feature']);
  await writeTree(repo, { 'f.env': `T=${onFeature}\n` });
  const f1 = commitAll(repo, 'f1', '2026-03-03T10:00:00Z');
  gitIn(repo, ['checkout', '-q', 'main']);
  await writeTree(repo, { 'c.env': `T=${fresh}\n` });
  const c3 = commitAll(repo, 'c3', '2026-03-04T10:00:00Z');
  return { c1, c2, c3, f1 };
}

const paths = (stdout: string): string[][] =>
  (JSON.parse(stdout).findings as { path: string; commit: string }[]).map((f) => [f.path, f.commit]);

describe('--since-commit', () => {
  it('scans only commits after the given one, from HEAD or from --log-opts tips', async () => {
    const c = await build(dir);
    const r = await run(['scan', '--history', '--since-commit', c.c2, '--format', 'json'], { cwd: dir, env: {} });
    expect(r.exitCode).toBe(1);
    expect(paths(r.stdout)).toEqual([['c.env', c.c3]]);
    expect(JSON.parse(r.stdout).summary.commits).toBe(1);
    const feature = await run(['scan', '--history', '--since-commit', c.c2, '--log-opts', 'feature', '--format', 'json'], { cwd: dir, env: {} });
    expect(paths(feature.stdout)).toEqual([['f.env', c.f1]]);
    const none = await run(['scan', '--history', '--since-commit', c.c3], { cwd: dir, env: {} });
    expect(none.exitCode).toBe(0);
    expect(none.stderr).toContain('no new commits in the range');
  });

  it('with an all-zero sha scans what no other branch holds, or the whole branch when there is no other', async () => {
    const c = await build(dir);
    gitIn(dir, ['checkout', '-q', 'feature']);
    const r = await run(['scan', '--history', '--since-commit', ZEROS, '--format', 'json'], { cwd: dir, env: {} });
    expect(paths(r.stdout)).toEqual([['f.env', c.f1]]);
    gitIn(dir, ['branch', '-q', '-D', 'main']);
    const whole = await run(['scan', '--history', '--since-commit', ZEROS, '--format', 'json'], { cwd: dir, env: {} });
    expect(paths(whole.stdout)).toEqual([['a.env', c.c1], ['f.env', c.f1]]);
  });

  it('fails loudly (exit 2) on a commit that is not in the repository, and needs --history', async () => {
    await build(dir);
    const missing = await run(['scan', '--history', '--since-commit', 'deadbeef'.repeat(5)], { cwd: dir, env: {} });
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toContain('is not a commit in this repository');
    expect(missing.stderr).toContain('fetch-depth: 0');
    expect((await run(['scan', '--since-commit', 'HEAD'], { cwd: dir, env: {} })).exitCode).toBe(2);
    expect((await run(['scan', '--history', '--since-commit', '--output=x'], { cwd: dir, env: {} })).exitCode).toBe(2);
  });

  it('accepts a shallow clone when the range stays above its boundary, refuses it when it does not', async () => {
    const c = await build(dir);
    const { dir: parent, cleanup: done } = await tempDir('keyward-range-shallow-');
    try {
      const clone = join(parent, 'c');
      gitIn(parent, ['clone', '-q', '--depth', '2', '--branch', 'main', `file://${dir}`, clone]);
      const ok = await run(['scan', '--history', '--since-commit', c.c2, '--format', 'json'], { cwd: clone, env: {} });
      expect(paths(ok.stdout)).toEqual([['c.env', c.c3]]);
      const deep = await run(['scan', '--history', '--since-commit', ZEROS], { cwd: clone, env: {} });
      expect(deep.exitCode).toBe(2);
      expect(deep.stderr).toContain('shallow clone');
    } finally {
      await done();
    }
  });
});

describe('--pre-push (stdin as git gives it)', () => {
  const push = (stdin: string) => run(['scan', '--pre-push', '--format', 'json'], { cwd: dir, env: {}, stdinText: async () => stdin });

  it('an update scans remote..local; a deletion scans nothing; several refs are scanned together', async () => {
    const c = await build(dir);
    const update = await push(`refs/heads/main ${c.c3} refs/heads/main ${c.c2}\n`);
    expect(update.exitCode).toBe(1);
    expect(paths(update.stdout)).toEqual([['c.env', c.c3]]);

    const deletion = await push(`(delete) ${ZEROS} refs/heads/old ${c.c1}\n`);
    expect(deletion.exitCode).toBe(0);
    expect(deletion.stderr).toContain('refs/heads/old: deleted, nothing to scan');
    expect(JSON.parse(deletion.stdout).summary.commits).toBe(0);

    const both = await push(`refs/heads/main ${c.c3} refs/heads/main ${c.c2}\nrefs/heads/feature ${c.f1} refs/heads/feature ${c.c2}\n`);
    expect(paths(both.stdout)).toEqual([['c.env', c.c3], ['f.env', c.f1]]);

    const nothing = await push('');
    expect(nothing.exitCode).toBe(0);
    expect(JSON.parse(nothing.stdout).findings).toEqual([]);
  });

  it('a new branch scans the commits no remote-tracking ref holds (the whole branch on a first push)', async () => {
    const c = await build(dir);
    const first = await push(`refs/heads/feature ${c.f1} refs/heads/feature ${ZEROS}\n`);
    expect(paths(first.stdout)).toEqual([['a.env', c.c1], ['f.env', c.f1]]);
    // As if main had been pushed before: origin/main holds c1..c3.
    gitIn(dir, ['update-ref', 'refs/remotes/origin/main', c.c3]);
    const later = await push(`refs/heads/feature ${c.f1} refs/heads/feature ${ZEROS}\n`);
    expect(paths(later.stdout)).toEqual([['f.env', c.f1]]);
  });

  it('a remote sha we never fetched falls back to the remote-tracking refs', async () => {
    const c = await build(dir);
    gitIn(dir, ['update-ref', 'refs/remotes/origin/main', c.c2]);
    const r = await push(`refs/heads/main ${c.c3} refs/heads/main ${'ab'.repeat(20)}\n`);
    expect(paths(r.stdout)).toEqual([['c.env', c.c3]]);
  });

  it('refuses input that is not pre-push lines (exit 2) and --staged with it', async () => {
    await build(dir);
    const bad = await push('main HEAD\n');
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain('not "<local ref> <local sha> <remote ref> <remote sha>"');
    expect((await run(['scan', '--pre-push', '--staged'], { cwd: dir, env: {}, stdinText: async () => '' })).exitCode).toBe(2);
  });
});

describe('a real pre-push hook', () => {
  it('refuses a `git push` to a bare remote that would send a secret, redacted; lets a clean push through', async () => {
    if (!existsSync(BIN)) throw new Error('dist/cli/bin.js is missing: run `npm run build` (npm test builds first)');
    const remote = join(dir, 'remote.git');
    const work = join(dir, 'work');
    gitIn(dir, ['init', '-q', '--bare', '-b', 'main', remote]);
    gitIn(dir, ['clone', '-q', remote, work]);
    await writeTree(work, { 'README.md': 'hello\n' });
    commitAll(work, 'clean', '2026-03-01T10:00:00Z');
    const hook = join(work, '.git', 'hooks', 'pre-push');
    await writeFile(hook, `#!/bin/sh\nexec "${process.execPath}" "${BIN}" scan --pre-push --no-progress\n`);
    chmodSync(hook, 0o755);
    const gitPush = () =>
      spawnSync('git', ['push', '-q', 'origin', 'main'], {
        cwd: work,
        encoding: 'utf8',
        env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' },
      });

    const clean = gitPush();
    expect(clean.status, clean.stderr).toBe(0);

    await writeTree(work, { 'deploy.env': `GITHUB_TOKEN=${fresh}\n` });
    commitAll(work, 'oops', '2026-03-02T10:00:00Z');
    const refused = gitPush();
    expect(refused.status).not.toBe(0);
    expect(refused.stdout + refused.stderr).toContain('deploy.env');
    expect(refused.stdout + refused.stderr).toMatch(/failed to push|hook declined/);
    expect(refused.stdout + refused.stderr).not.toContain(fresh);
    // The remote still has only the clean commit.
    expect(execFileSync('git', ['rev-list', '--count', 'main'], { cwd: remote, encoding: 'utf8' }).trim()).toBe('1');
  });
});
