// The real pre-commit framework (Debian's pre-commit, 3.0.4 in CI; .ci/run installs it) driving keyward in a
// throwaway repository: `repo: local` with the built CLI and the same entry and settings as this repository's
// .pre-commit-hooks.yaml. A staged secret is refused with a masked message; a clean file passes. The manifest
// itself is checked by the installed pre-commit's own validator.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ghToken, gitIn, initRepo, tempDir, writeTree } from '../scan/helpers.js';

const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'dist', 'cli', 'bin.js');
const hasPreCommit = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' }).status === 0;
const manifest = parse(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as { id: string; entry: string; pass_filenames: boolean; always_run: boolean; stages?: string[] }[];
const preCommitVersion = hasPreCommit ? spawnSync('pre-commit', ['--version'], { encoding: 'utf8' }).stdout.trim().split(' ').pop()! : '';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDir('keyward-precommit-')));
afterEach(async () => cleanup());

const env = {
  ...process.env,
  HOME: '',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_AUTHOR_NAME: 'Ada Tester',
  GIT_AUTHOR_EMAIL: 'ada@example.invalid',
  GIT_COMMITTER_NAME: 'Ada Tester',
  GIT_COMMITTER_EMAIL: 'ada@example.invalid',
};

describe.skipIf(!hasPreCommit)(`pre-commit framework (${hasPreCommit ? `pre-commit ${preCommitVersion}` : 'skipped: no pre-commit on PATH; .ci/run installs Debian\'s package'})`, () => {
  it('refuses a commit with a staged secret (masked) and lets a clean commit through', async () => {
    if (!existsSync(BIN)) throw new Error('dist/cli/bin.js is missing: run `npm run build` (npm test builds first)');
    const hook = manifest.find((h) => h.id === 'keyward')!;
    expect(hook.entry).toBe('keyward scan --staged');
    const repo = join(dir, 'repo');
    const runEnv = { ...env, HOME: dir, PRE_COMMIT_HOME: join(dir, 'cache') };
    const sh = (cmd: string, args: string[]) => spawnSync(cmd, args, { cwd: repo, encoding: 'utf8', env: runEnv });
    await writeTree(repo, {
      '.pre-commit-config.yaml': [
        'repos:',
        '  - repo: local',
        '    hooks:',
        '      - id: keyward',
        `        name: keyward`,
        `        entry: ${JSON.stringify(`'${process.execPath}' '${BIN}' ${hook.entry.replace(/^keyward /, '')}`)}`,
        '        language: system',
        `        pass_filenames: ${hook.pass_filenames}`,
        `        always_run: ${hook.always_run}`,
        '',
      ].join('\n'),
    });
    initRepo(repo);
    const install = sh('pre-commit', ['install']);
    expect(install.status, install.stderr + install.stdout).toBe(0);

    const secret = ghToken(71);
    await writeTree(repo, { 'mcp.json': JSON.stringify({ mcpServers: { gh: { env: { GITHUB_TOKEN: secret } } } }, null, 2) });
    gitIn(repo, ['add', '-A']);
    const refused = sh('git', ['commit', '-q', '-m', 'add mcp config']);
    const said = refused.stdout + refused.stderr;
    expect(refused.status, said).not.toBe(0);
    expect(said).toMatch(/keyward\.+Failed/);
    expect(said).toContain('mcp.json');
    expect(said).toContain('mcpServers.gh.env.GITHUB_TOKEN');
    expect(said).not.toContain(secret);
    expect(sh('git', ['rev-list', '--all']).stdout.trim()).toBe('');

    gitIn(repo, ['rm', '-q', '--cached', 'mcp.json']);
    await writeTree(repo, { 'mcp.json': JSON.stringify({ mcpServers: { gh: { env: { GITHUB_TOKEN: '${GITHUB_TOKEN}' } } } }, null, 2) });
    gitIn(repo, ['add', '-A']);
    const ok = sh('git', ['commit', '-q', '-m', 'add mcp config with a reference']);
    expect(ok.status, ok.stdout + ok.stderr).toBe(0);
    expect(ok.stdout + ok.stderr).toMatch(/keyward\.+Passed/);
  });

  it("this repository's .pre-commit-hooks.yaml validates with the installed pre-commit", () => {
    const r = spawnSync('pre-commit', ['validate-manifest', join(ROOT, '.pre-commit-hooks.yaml')], { encoding: 'utf8', env: { ...env, HOME: dir } });
    expect(r.status, r.stdout + r.stderr).toBe(0);
  });

  it('the manifest uses the stage name every pre-commit release accepts (commit, not the 3.2+ pre-commit)', () => {
    // 3.0.4 (Debian bookworm) rejects `pre-commit`; 3.2+ reads `commit` as an alias.
    expect(manifest.find((h) => h.id === 'keyward')!.stages).toEqual(['commit']);
  });
});
