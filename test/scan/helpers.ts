// Shared helpers for scan tests: temp trees, generated fake tokens, git repos built on the fly.
import { execFileSync } from 'node:child_process';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fakeToken } from '../../src/rules/fake.js';

/** A GitHub classic PAT shape, generated: matched by the built-in `github-pat` rule. */
export const ghToken = (seed: number): string => fakeToken('ghp_', 36, seed);

export async function tempDir(prefix = 'keyward-scan-'): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export async function writeTree(root: string, files: Record<string, string | Buffer>): Promise<void> {
  for (const [rel, content] of Object.entries(files)) {
    const abs = join(root, rel);
    await mkdir(dirname(abs), { recursive: true });
    await writeFile(abs, content);
  }
}

export function gitIn(cwd: string, args: string[], env: Record<string, string> = {}): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_CONFIG_GLOBAL: '/dev/null',
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_AUTHOR_NAME: 'Ada Tester',
      GIT_AUTHOR_EMAIL: 'ada@example.invalid',
      GIT_COMMITTER_NAME: 'Ada Tester',
      GIT_COMMITTER_EMAIL: 'ada@example.invalid',
      ...env,
    },
  });
}

/** Commits everything in `cwd` with a fixed date so commit ids and reports are reproducible. */
export function commitAll(cwd: string, message: string, date: string): string {
  gitIn(cwd, ['add', '-A']);
  gitIn(cwd, ['commit', '-q', '--allow-empty', '-m', message], { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date });
  return gitIn(cwd, ['rev-parse', 'HEAD']).trim();
}

export function initRepo(cwd: string): void {
  gitIn(cwd, ['init', '-q', '-b', 'main']);
}
