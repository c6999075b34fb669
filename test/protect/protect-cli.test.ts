import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import { parseConfigText } from '../../src/hosts/load.js';
import { scanText } from '../../src/engine/scan-text.js';
import { builtinRuleSet } from '../../src/rules/index.js';
import { openFileStore } from '../../src/store/select.js';
import { makeSecrets, writeFixtureHome, type FixtureFile } from './fixture-home.js';

const BIN = join(__dirname, '..', '..', 'dist', 'cli', 'bin.js');
const LAUNCHER = JSON.stringify([process.execPath, BIN]);
const BRIDGE = JSON.stringify(['npx', '-y', 'mcp-remote@0.15.1']);

let root: string;
let home: string;
let env: Record<string, string>;
let files: FixtureFile[];
const secrets = makeSecrets(11);

beforeEach(async () => {
  root = await fs.mkdtemp(join(tmpdir(), 'keyward-protect-'));
  home = join(root, 'home');
  env = { HOME: home, KEYWARD_HOME: join(root, 'data'), KEYWARD_STORE_KEY: randomBytes(32).toString('hex') };
  files = await writeFixtureHome(home, secrets);
});
afterEach(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

const protect = (...extra: string[]) =>
  run(['protect', '--home', home, '--platform', 'linux', '--store', 'file', '--launcher', LAUNCHER, '--bridge', BRIDGE, ...extra], { env });

async function snapshot(): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  for (const f of files) out.set(f.path, await fs.readFile(f.path));
  return out;
}

describe('keyward protect on a fixture home', () => {
  it('dry run shows masked diffs and changes nothing', async () => {
    const before = await snapshot();
    const r = await protect('--dry-run');
    expect(r.exitCode).toBe(1);
    for (const s of Object.values(secrets)) expect(r.stdout + r.stderr).not.toContain(s);
    expect(r.stdout).toContain('--- ' + files[0].path);
    expect(r.stdout).toMatch(/^-\s+"GITHUB_PERSONAL_ACCESS_TOKEN": "ghp_\*+",$/m);
    expect(r.stderr).toContain('5 would change');
    expect(await snapshot()).toEqual(before);
    expect(await openFileStore({ env }).list()).toEqual([]);
  });

  it('moves every secret to the store, keeps comments and parsing, is idempotent, and restore gives the bytes back', async () => {
    const before = await snapshot();
    const r = await protect('--yes');
    expect(r.stderr).toContain('5 protected');
    expect(r.exitCode).toBe(0);
    for (const s of Object.values(secrets)) expect(r.stdout + r.stderr).not.toContain(s);

    const rules = builtinRuleSet();
    for (const f of files) {
      const text = await fs.readFile(f.path, 'utf8');
      for (const s of Object.values(secrets)) expect(text, f.path).not.toContain(s);
      // Nothing the engine reports remains — keyward's own `--secret NAME=store-key` words included.
      expect(scanText({ text, path: f.path }, rules).findings, f.path).toEqual([]);
      const format = f.path.endsWith('.toml') ? 'toml' : f.path.endsWith('.yaml') ? 'yaml' : 'jsonc';
      expect(parseConfigText(text, format).ok, f.path).toBe(true);
      for (const c of f.comments) expect(text, f.path).toContain(c);
      expect((await fs.stat(f.path)).mode & 0o777).toBe(0o600);
    }

    const store = openFileStore({ env });
    expect(await store.list()).toEqual([
      'claude-desktop/github/GITHUB_PERSONAL_ACCESS_TOKEN',
      'codex/claude/KEYWARD_ARG_KEY',
      'codex/github/GITHUB_PERSONAL_ACCESS_TOKEN',
      'codex/slack/SLACK_BOT_TOKEN',
      'continue/slack/SLACK_BOT_TOKEN',
      'goose/github/GITHUB_PERSONAL_ACCESS_TOKEN',
      'vscode/openai-tools/KEYWARD_ARG_API_KEY',
      'vscode/search/KEYWARD_HEADER_AUTHORIZATION',
    ]);
    expect(await store.get('codex/claude/KEYWARD_ARG_KEY')).toBe(secrets.anthropic);
    expect(await store.get('vscode/search/KEYWARD_HEADER_AUTHORIZATION')).toBe(`Bearer ${secrets.bearer}`);

    const after = await snapshot();
    const again = await protect('--yes');
    expect(again.exitCode).toBe(0);
    expect(again.stderr).toContain('0 protected (0 secrets), 0 would change, 5 unchanged');
    expect(await snapshot()).toEqual(after);

    const list = await run(['restore', '--list'], { env });
    expect(list.stdout.trim().split('\n')).toHaveLength(5);
    for (const f of files) {
      const res = await run(['restore', '--latest', '--path', f.path], { env });
      expect(res.exitCode, res.stderr).toBe(0);
      expect(await fs.readFile(f.path)).toEqual(before.get(f.path));
    }
  });

  it('--server limits the change to the named servers', async () => {
    const r = await protect('--yes', '--server', 'github');
    expect(r.exitCode, r.stderr).toBe(0);
    const codex = await fs.readFile(files.find((f) => f.host === 'codex')!.path, 'utf8');
    expect(codex).not.toContain(secrets.github2);
    expect(codex).toContain(secrets.slack);
    expect(codex).toContain(secrets.anthropic);
    expect(await fs.readFile(files.find((f) => f.host === 'continue')!.path, 'utf8')).toContain(secrets.slack);
  });

  it('refuses to apply without a terminal to ask on unless --yes, and changes nothing', async () => {
    const before = await snapshot();
    const r = await protect();
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/no terminal to ask on\n  hint: pass --yes to apply, or --dry-run/);
    expect(await snapshot()).toEqual(before);
  });

  it('protects Claude Code per-project servers inside ~/.claude.json', async () => {
    const path = join(home, '.claude.json');
    const original = `{\n  "numStartups": 3,\n  "projects": {\n    "/work/app": {\n      "mcpServers": {\n        "gh": { "type": "stdio", "command": "npx", "args": ["-y", "gh-mcp@1.0.0"], "env": { "GITHUB_TOKEN": "${secrets.github}" } }\n      }\n    }\n  }\n}\n`;
    await fs.writeFile(path, original);
    const r = await protect('--yes', '--host', 'claude-code');
    expect(r.exitCode, r.stderr).toBe(0);
    const after = JSON.parse(await fs.readFile(path, 'utf8'));
    const gh = after.projects['/work/app'].mcpServers.gh;
    expect(gh.env).toBeUndefined();
    expect(gh.args).toContain('GITHUB_TOKEN=keyward://claude-code/gh/GITHUB_TOKEN');
    expect(after.numStartups).toBe(3);
    expect(await openFileStore({ env }).get('claude-code/gh/GITHUB_TOKEN')).toBe(secrets.github);
  });

  it('restore explains an unknown backup id', async () => {
    const r = await run(['restore', 'nope'], { env });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('no backup nope');
    expect(r.stderr).toContain('keyward restore --list');
  });

  it('closes the loop with audit: findings before, none after', async () => {
    const before = await run(['audit', '--home', home, '--platform', 'linux', '--format', 'json'], { env });
    expect(before.exitCode).toBe(1);
    expect(before.stdout).toContain('GITHUB_PERSONAL_ACCESS_TOKEN');
    expect((await protect('--yes')).exitCode).toBe(0);
    const after = await run(['audit', '--home', home, '--platform', 'linux'], { env });
    expect(after.stdout).toContain('No findings.');
    expect(after.exitCode).toBe(0);
  });

  it('a dry run still shows the diffs when the store cannot be opened (no key in this shell)', async () => {
    await run(['secrets', 'set', 'other/x/Y', '--value', 'v'], { env });
    const { KEYWARD_STORE_KEY: _key, ...noKey } = env;
    const r = await run(['protect', '--home', home, '--platform', 'linux', '--store', 'file', '--dry-run', '--launcher', LAUNCHER], { env: noKey });
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(/note: cannot read the encrypted file .*encrypted with a raw key.*store keys shown without checking which are taken/);
    expect(r.stderr).toContain('5 would change');
  });

  it('with no key and no terminal, the failure names KEYWARD_STORE_KEY / KEYWARD_STORE_PASSPHRASE and the docs section', async () => {
    const before = await snapshot();
    const { KEYWARD_STORE_KEY: _key, ...noKey } = env;
    const r = await run(['protect', '--home', home, '--platform', 'linux', '--store', 'file', '--yes', '--launcher', LAUNCHER], { env: noKey });
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toContain('no terminal to ask for a passphrase');
    // One hint for the run, not one per failed file.
    expect(r.stderr.match(/hint: /g)).toHaveLength(1);
    expect(r.stderr).toMatch(/hint: set KEYWARD_STORE_KEY .* or KEYWARD_STORE_PASSPHRASE .*docs\/protect\.md, "The secret store"/);
    expect(await snapshot()).toEqual(before);
  });

  it('warns when the launcher it would record lives in npx\'s cache', async () => {
    const npxCache = JSON.stringify([process.execPath, join(home, '.npm', '_npx', '0f3c9a', 'node_modules', 'keyward', 'dist', 'cli', 'bin.js')]);
    const r = await run(['protect', '--home', home, '--platform', 'linux', '--store', 'file', '--dry-run', '--launcher', npxCache], { env });
    expect(r.stderr).toMatch(/warning: the entries would start keyward from npx's cache .*_npx.*npm i -g keyward/);
    const plain = await protect('--dry-run');
    expect(plain.stderr).not.toContain("npx's cache");
  });

  it('says when a plain-http remote is bridged with --allow-http, and audit still rates it high afterwards', async () => {
    const path = join(home, '.cursor', 'mcp.json');
    const token = secrets.github;
    await fs.mkdir(join(home, '.cursor'), { recursive: true });
    await fs.writeFile(path, JSON.stringify({ mcpServers: { plain: { url: `http://mcp.acme.example/mcp?api_key=${token}` }, local: { url: `http://127.0.0.1:8811/mcp?api_key=${token}` } } }, null, 2));
    const r = await protect('--yes', '--host', 'cursor');
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/warning: cursor server "plain" is reached over plain http:\/\/ \(mcp\.acme\.example\); it is bridged with mcp-remote --allow-http/);
    // A loopback server is not off the machine: no warning for it.
    expect(r.stderr).not.toContain('server "local"');
    expect(await fs.readFile(path, 'utf8')).not.toContain(token);
    const audit = await run(['audit', '--home', home, '--platform', 'linux', '--host', 'cursor', '--format', 'json'], { env });
    const findings = (JSON.parse(audit.stdout) as { findings: { id: string; server?: string; severity: string }[] }).findings;
    const transport = findings.filter((f) => f.id === 'insecure-transport' && f.server === 'plain');
    expect(transport.map((f) => f.severity)).toEqual(['high']);
  });
});
