// `keyward init`: in a repository it writes a commented config that loads (as an empty config), installs the
// hook only when told (--hook / --yes), and prints the CI workflow; in a home folder it audits the MCP host
// configs there and proposes protect.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import { runScan } from '../../src/scan/scan.js';
import { ghToken, initRepo, tempDir, writeTree } from '../scan/helpers.js';

const launcher = JSON.stringify([process.execPath, 'dist/cli/bin.js']);

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDir('keyward-init-')));
afterEach(async () => cleanup());

describe('keyward init in a repository', () => {
  it('writes a commented .keyward.toml that loads, offers the hook without installing it, prints the workflow', async () => {
    initRepo(dir);
    const r = await run(['init'], { cwd: dir, env: {} });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toContain('config: wrote .keyward.toml');
    expect(r.stdout).toContain('hook: not installed; `keyward hook install`');
    expect(r.stdout).toContain('uses: <owner>/keyward@');
    expect(r.stdout).toContain('fetch-depth: 0');
    expect(existsSync(join(dir, '.git', 'hooks', 'pre-commit'))).toBe(false);
    const config = readFileSync(join(dir, '.keyward.toml'), 'utf8');
    expect(config).toContain('# disabledRules');
    // Every line is a comment or blank, and the scanner accepts the file as its config.
    expect(config.split('\n').every((l) => l === '' || l.startsWith('#'))).toBe(true);
    const scan = await runScan({ mode: 'files', target: dir, workers: 0 });
    expect(scan.configFile).toBe(join(dir, '.keyward.toml'));

    const again = await run(['init', '--no-hook'], { cwd: dir, env: {} });
    expect(again.stdout).toContain('config: .keyward.toml already exists, left as it is');
    expect(again.stdout).not.toContain('hook:');
  });

  it('--hook and --yes install the hook (with --pre-push also that one)', async () => {
    initRepo(dir);
    const r = await run(['init', '--hook', '--pre-push', '--launcher', launcher], { cwd: dir, env: {} });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toContain('pre-commit: installed');
    expect(r.stdout).toContain('pre-push: installed');
    const { dir: other, cleanup: done } = await tempDir('keyward-init-yes-');
    try {
      initRepo(other);
      const yes = await run(['init', '--yes', '--launcher', launcher], { cwd: other, env: {} });
      expect(yes.stdout).toContain('pre-commit: installed');
    } finally {
      await done();
    }
  });

  it('asks on a terminal and takes no for an answer', async () => {
    initRepo(dir);
    const r = await run(['init'], { cwd: dir, env: {}, isTTY: true, stdinText: async () => 'n\n' });
    expect(r.stdout).toContain('Install a git pre-commit hook');
    expect(existsSync(join(dir, '.git', 'hooks', 'pre-commit'))).toBe(false);
  });

  it('refuses a folder that is neither a repository nor the home folder (exit 2)', async () => {
    const r = await run(['init'], { cwd: dir, env: { HOME: '/nonexistent-home' } });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('neither a git repository nor your home folder');
  });
});

describe('keyward init in a home folder', () => {
  it('audits the MCP host configs there (masked) and proposes protect', async () => {
    const token = ghToken(81);
    await writeTree(dir, { '.cursor/mcp.json': JSON.stringify({ mcpServers: { github: { command: 'gh-mcp', env: { GITHUB_TOKEN: token } } } }, null, 2) });
    const r = await run(['init'], { cwd: dir, env: { HOME: dir } });
    expect(r.stdout).toContain('Auditing the MCP host configs under');
    expect(r.stdout).toContain('GITHUB_TOKEN');
    expect(r.stdout).toContain('Next: `keyward protect`');
    expect(r.stdout).not.toContain(token);
    expect(r.exitCode).toBe(1);
  });
});
