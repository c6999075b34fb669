// `keyward hook install` on repositories built here: writes executable hooks that run the built CLI, a real
// commit with a secret is refused (masked) and a clean one passes, a foreign hook is kept without --force, and
// core.hooksPath is where the hooks go.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import { ghToken, gitIn, initRepo, tempDir, writeTree } from '../scan/helpers.js';

const BIN = join(import.meta.dirname, '..', '..', 'dist', 'cli', 'bin.js');
const launcher = JSON.stringify([process.execPath, BIN]);
const secret = ghToken(61);

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDir('keyward-hook-')));
afterEach(async () => cleanup());

const gitEnv = {
  ...process.env,
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_AUTHOR_NAME: 'Ada Tester',
  GIT_AUTHOR_EMAIL: 'ada@example.invalid',
  GIT_COMMITTER_NAME: 'Ada Tester',
  GIT_COMMITTER_EMAIL: 'ada@example.invalid',
};
const commit = (msg: string) => spawnSync('git', ['commit', '-q', '-m', msg], { cwd: dir, encoding: 'utf8', env: gitEnv });

describe('keyward hook install', () => {
  it('writes an executable pre-commit hook that refuses a secret (masked) and passes a clean commit', async () => {
    if (!existsSync(BIN)) throw new Error('dist/cli/bin.js is missing: run `npm run build` (npm test builds first)');
    initRepo(dir);
    const r = await run(['hook', 'install', '--pre-push', '--launcher', launcher], { cwd: dir, env: {} });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toContain('pre-commit: installed');
    expect(r.stdout).toContain('pre-push: installed');
    const hook = join(dir, '.git', 'hooks', 'pre-commit');
    expect(statSync(hook).mode & 0o111).toBeTruthy();
    expect(readFileSync(hook, 'utf8')).toContain('scan --staged');
    expect(readFileSync(join(dir, '.git', 'hooks', 'pre-push'), 'utf8')).toContain('scan --pre-push');

    await writeTree(dir, { '.env': `GITHUB_TOKEN=${secret}\n` });
    gitIn(dir, ['add', '.env']);
    const refused = commit('oops');
    expect(refused.status).not.toBe(0);
    expect(refused.stdout + refused.stderr).toContain('.env');
    expect(refused.stdout + refused.stderr).toContain('github-pat');
    expect(refused.stdout + refused.stderr).not.toContain(secret);
    gitIn(dir, ['rm', '-q', '--cached', '.env']);
    await writeTree(dir, { 'README.md': 'clean\n' });
    gitIn(dir, ['add', 'README.md']);
    const ok = commit('clean');
    expect(ok.status, ok.stderr).toBe(0);

    const again = await run(['hook', 'install', '--launcher', launcher], { cwd: dir, env: {} });
    expect(again.stdout).toContain('pre-commit: already installed');
  });

  it('leaves a foreign hook alone (exit 2) unless --force', async () => {
    initRepo(dir);
    const hook = join(dir, '.git', 'hooks', 'pre-commit');
    await writeFile(hook, '#!/bin/sh\nnpm run lint\n', { mode: 0o755 });
    const refused = await run(['hook', 'install', '--launcher', launcher], { cwd: dir, env: {} });
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toContain('keyward did not write it');
    expect(refused.stderr).toContain('--force');
    expect(readFileSync(hook, 'utf8')).toBe('#!/bin/sh\nnpm run lint\n');
    const forced = await run(['hook', 'install', '--force', '--launcher', launcher], { cwd: dir, env: {} });
    expect(forced.exitCode).toBe(0);
    expect(readFileSync(hook, 'utf8')).toContain('scan --staged');
  });

  it('follows core.hooksPath, and fails outside a repository', async () => {
    initRepo(dir);
    gitIn(dir, ['config', 'core.hooksPath', '.githooks']);
    const r = await run(['hook', 'install', '--launcher', launcher], { cwd: join(dir), env: {} });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(existsSync(join(dir, '.githooks', 'pre-commit'))).toBe(true);
    expect(existsSync(join(dir, '.git', 'hooks', 'pre-commit'))).toBe(false);
    const { dir: plain, cleanup: done } = await tempDir('keyward-nohook-');
    try {
      const outside = await run(['hook', 'install'], { cwd: plain, env: { GIT_CEILING_DIRECTORIES: plain } });
      expect(outside.exitCode).toBe(2);
      expect(outside.stderr).toContain('not inside a git repository');
    } finally {
      await done();
    }
  });
});
