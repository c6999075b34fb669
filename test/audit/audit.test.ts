// End to end over the fixture home: `keyward audit` finds exactly the planted problems (no more), prints them
// as table / JSON / SARIF without leaking secrets, and sets exit codes; faults (malformed files, loose
// permissions, moved config dirs) are handled.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, stat, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAudit } from '../../src/audit/audit.js';
import type { AuditFinding } from '../../src/audit/types.js';
import { run } from '../../src/cli/run.js';
import type { HostEnvironment } from '../../src/hosts/index.js';
import { makeTempHome, type TempHome } from '../helpers/home.js';

/** Every problem planted in fixtures/home: host, key path ('' for whole-file findings), finding id. */
const PLANTED: string[] = [
  // claude-desktop
  'claude-desktop | mcpServers.github.args[1] | unpinned-package',
  'claude-desktop | mcpServers.github.env.GITHUB_PERSONAL_ACCESS_TOKEN | plaintext-secret',
  'claude-desktop | mcpServers.postgres.args[3] | privileged-container',
  'claude-desktop | mcpServers.postgres.args[5] | privileged-container',
  'claude-desktop |  | side-file-secret', // logs/mcp-server-github.log
  // claude-code
  'claude-code | mcpServers.github-remote.headers.Authorization | plaintext-secret',
  'claude-code | projects["/home/dev/code/webapp"].mcpServers.db.command | shell-wrapper',
  'claude-code | enableAllProjectMcpServers | approval-bypass',
  'claude-code | mcpServers.playwright.args[0] | unpinned-package',
  // cursor
  'cursor | mcpServers.stripe.args[3] | plaintext-secret',
  'cursor | mcpServers.remote-docs.url | insecure-transport',
  // vscode (user, legacy settings, remote)
  'vscode | servers.openai-search.env.OPENAI_API_KEY | plaintext-secret',
  'vscode | mcp.servers.fetch.args[0] | unpinned-package',
  'vscode | servers.notion.headers.Authorization | plaintext-secret',
  'vscode | servers.puppeteer.args[1] | unpinned-package', // profile
  // copilot-cli
  'copilot-cli | mcpServers.azure.command | sudo-launch',
  'copilot-cli | mcpServers.context7.headers.X-API-Key | plaintext-secret',
  // windsurf
  'windsurf | mcpServers.brave-search.args[1] | unpinned-package',
  'windsurf | mcpServers.brave-search.env.BRAVE_API_KEY | plaintext-secret',
  'windsurf | mcpServers.analytics.serverUrl | plaintext-secret',
  // cline (VS Code globalStorage, CLI)
  'cline | mcpServers["github.com/modelcontextprotocol/servers/tree/main/src/github"].env.GITHUB_PERSONAL_ACCESS_TOKEN | plaintext-secret',
  'cline | mcpServers["github.com/modelcontextprotocol/servers/tree/main/src/github"].autoApprove | approval-bypass',
  'cline | mcpServers.installer.command | shell-wrapper',
  'cline | mcpServers.installer.args[1] | remote-script',
  // roo-code, kilo-code
  'roo-code | mcpServers.slack.env.SLACK_BOT_TOKEN | plaintext-secret',
  'roo-code | mcpServers.slack.alwaysAllow | approval-bypass',
  'kilo-code | mcpServers.context7.args[1] | unpinned-package',
  'kilo-code | mcpServers.context7.alwaysAllow | approval-bypass',
  // continue
  'continue | models[0].apiKey | plaintext-secret',
  'continue | mcpServers[0].args[4] | privileged-container',
  'continue | mcpServers[0].args[6] | plaintext-secret',
  // zed
  'zed | context_servers.mcp-server-github.env.GITHUB_PERSONAL_ACCESS_TOKEN | plaintext-secret',
  'zed | context_servers.git.command.args[0] | unpinned-package',
  // gemini-cli, antigravity
  'gemini-cli | mcpServers.local-tools.trust | approval-bypass',
  'gemini-cli | mcpServers.crm.oauth.clientSecret | plaintext-secret',
  'gemini-cli | mcpServers.docs.url | insecure-transport',
  'antigravity | mcpServers.firecrawl.args[1] | unpinned-package',
  'antigravity | mcpServers.firecrawl.env.FIRECRAWL_API_KEY | plaintext-secret',
  // codex
  'codex | mcp_servers.exa.env.EXA_API_KEY | plaintext-secret',
  // goose
  'goose | GOOSE_MODE | approval-bypass',
  'goose | extensions.github.envs.GITHUB_PERSONAL_ACCESS_TOKEN | plaintext-secret',
  'goose | TAVILY_API_KEY | side-file-secret', // secrets.yaml
  // opencode
  'opencode | mcp.jira.command[2] | unpinned-package',
  'opencode | mcp.jira.environment.JIRA_API_TOKEN | plaintext-secret',
  // kiro, amazon-q, lm-studio
  'kiro | mcpServers.aws-docs.args[0] | unpinned-package',
  'kiro | mcpServers.aws-docs.autoApprove | approval-bypass',
  'amazon-q | mcpServers.aws-api.env.AWS_ACCESS_KEY_ID | plaintext-secret',
  'amazon-q | mcpServers.aws-api.env.AWS_SECRET_ACCESS_KEY | plaintext-secret',
  'amazon-q | allowedTools | approval-bypass', // cli-agents/dev.json
  'lm-studio | mcpServers.hf-mcp-server.headers.Authorization | plaintext-secret',
  'lm-studio | mcpServers.internal-wiki.url | plaintext-secret',
  // crush, amp, junie
  'crush | mcp.filesystem.command | shell-wrapper',
  'crush | mcp.staging-db.url | insecure-transport',
  'amp | ["amp.dangerouslyAllowAll"] | approval-bypass',
  'amp | ["amp.mcpServers"].sourcegraph.headers.Authorization | plaintext-secret',
  'junie | mcpServers.jetbrains.args[1] | unpinned-package',
  'junie | mcpServers.mongodb.env.MDB_MCP_CONNECTION_STRING | plaintext-secret',
  // Cursor MCP log (the renderer.log beside it is no MCP log and is not read)
  'cursor |  | side-file-secret',
  // mcp-remote token cache
  'mcp-remote | access_token | side-file-secret',
  'mcp-remote | refresh_token | side-file-secret',
];

const key = (f: AuditFinding) => `${f.host} | ${f.keyPath ?? ''} | ${f.id}`;

let t: TempHome;
let env: HostEnvironment;
const baseArgs = () => ['audit', '--home', t.home, '--project', t.project, '--system-root', t.systemRoot, '--platform', 'linux'];

beforeAll(async () => {
  t = await makeTempHome();
  env = { home: t.home, platform: 'linux', env: {}, project: t.project, systemRoot: t.systemRoot };
});
afterAll(() => t.cleanup());

describe('audit of the fixture home', () => {
  it('finds exactly the planted problems', async () => {
    const report = await runAudit(env);
    expect(report.findings.map(key).sort()).toEqual([...PLANTED].sort());
    expect(report.warnings).toEqual([]);
    expect(report.configs).toHaveLength(43);
  });

  it('ties each finding to its server, scope, file and line', async () => {
    const { findings } = await runAudit(env);
    const gh = findings.find((f) => f.host === 'claude-desktop' && f.id === 'plaintext-secret')!;
    expect(gh).toMatchObject({ server: 'github', scope: 'user', line: 7, ruleId: 'github-pat', severity: 'critical' });
    expect(relative(t.home, gh.path)).toBe('.config/Claude/claude_desktop_config.json');
    expect(gh.value).toMatch(/^ghp_\*+$/);
    expect(gh.fix).toBe('keyward protect --host claude-desktop --server github');
    const db = findings.find((f) => f.id === 'shell-wrapper' && f.host === 'claude-code')!;
    expect(db).toMatchObject({ server: 'db', scope: 'local' });
    const exa = findings.find((f) => f.host === 'codex')!;
    expect(exa).toMatchObject({ server: 'exa', line: 19 });
    // Keys with dots stay one part for tools that edit the file.
    const amp = findings.find((f) => f.host === 'amp' && f.id === 'plaintext-secret')!;
    expect(amp.keyPathParts).toEqual(['amp.mcpServers', 'sourcegraph', 'headers', 'Authorization']);
    expect(findings.find((f) => f.host === 'codex')!.keyPathParts).toEqual(['mcp_servers', 'exa', 'env', 'EXA_API_KEY']);
    const apiKey = findings.find((f) => f.keyPath === 'models[0].apiKey')!;
    expect(apiKey.server).toBeUndefined();
    expect(findings.find((f) => f.host === 'gemini-cli' && f.id === 'insecure-transport')).toMatchObject({ scope: 'project', line: 4 });
  });

  it('each host alone (--host) finds its own share', async () => {
    const { findings } = await runAudit(env, { hosts: [(await import('../../src/hosts/index.js')).hostById('kiro')!] });
    expect(findings.map(key)).toEqual(PLANTED.filter((p) => p.startsWith('kiro ')));
  });
});

describe('keyward audit (CLI)', () => {
  it('prints configs and findings as aligned text and exits 1 on high findings', async () => {
    const r = await run(baseArgs(), { env: {} });
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(/^MCP host configs: 43 found, 65 servers$/m);
    expect(r.stdout).toMatch(/^ {2}claude-desktop +user +3 +~\/\.config\/Claude\/claude_desktop_config\.json$/m);
    expect(r.stdout).toContain(`Findings: ${PLANTED.length} (`);
    expect(r.stdout).toMatch(/critical +plaintext-secret +github +mcpServers\.github\.env\.GITHUB_PERSONAL_ACCESS_TOKEN:7 +ghp_\*+/);
    expect(r.stdout).not.toMatch(/\x1b\[/);
    expect(r.stderr).toBe('');
  });

  it('colours the table on a TTY', async () => {
    const r = await run(baseArgs(), { env: {}, isTTY: true });
    expect(r.stdout).toMatch(/\x1b\[1;31mcritical\x1b\[0m/);
  });

  it('JSON carries every finding with its key path and no secret', async () => {
    const r = await run([...baseArgs(), '--format', 'json'], { env: {} });
    const body = JSON.parse(r.stdout) as { summary: { findings: number; configs: number; servers: number }; findings: AuditFinding[] };
    expect(body.summary).toMatchObject({ findings: PLANTED.length, configs: 43, servers: 65 });
    expect(body.findings.map(key).sort()).toEqual([...PLANTED].sort());
    expect(body.findings.every((f) => f.secret === undefined)).toBe(true);
  });

  it('never prints a secret unless --no-redact', async () => {
    const clear = await run([...baseArgs(), '--format', 'json', '--no-redact'], { env: {} });
    expect(clear.stderr).toContain('--no-redact prints secrets in clear');
    const secrets = (JSON.parse(clear.stdout) as { findings: AuditFinding[] }).findings.flatMap((f) => (f.secret ? [f.secret] : []));
    expect(secrets.length).toBe(PLANTED.filter((p) => p.endsWith('secret')).length);
    for (const format of ['table', 'json', 'sarif']) {
      const out = (await run([...baseArgs(), '--format', format], { env: {} })).stdout;
      for (const s of secrets) expect(out).not.toContain(s);
    }
    const table = (await run([...baseArgs(), '--no-redact'], { env: {} })).stdout;
    expect(table).toContain(secrets[0].slice(0, 40));
  });

  it('SARIF: one rule per finding kind, file URIs, lines', async () => {
    const r = await run([...baseArgs(), '--format', 'sarif'], { env: {} });
    const log = JSON.parse(r.stdout);
    expect(log.version).toBe('2.1.0');
    const [runLog] = log.runs;
    expect(runLog.results).toHaveLength(PLANTED.length);
    expect(runLog.tool.driver.rules.map((x: { id: string }) => x.id)).toEqual([...new Set(PLANTED.map((p) => p.split(' | ')[2]))].sort());
    const first = runLog.results.find((x: { properties: { keyPath?: string } }) => x.properties.keyPath === 'mcpServers.github.env.GITHUB_PERSONAL_ACCESS_TOKEN');
    expect(first.locations[0].physicalLocation.artifactLocation.uri).toMatch(/^file:\/\/.*claude_desktop_config\.json$/);
    expect(first.locations[0].physicalLocation.region.startLine).toBe(7);
    expect(first.level).toBe('error');
  });

  it('exit codes follow --fail-on; usage errors exit 2', async () => {
    const kiro = [...baseArgs(), '--host', 'kiro'];
    expect((await run(kiro, { env: {} })).exitCode).toBe(0); // medium only
    expect((await run([...kiro, '--fail-on', 'medium'], { env: {} })).exitCode).toBe(1);
    expect((await run([...baseArgs(), '--fail-on', 'critical'], { env: {} })).exitCode).toBe(1);
    const bad = await run([...baseArgs(), '--fail-on', 'severe'], { env: {} });
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toMatch(/--fail-on: "severe" is not a severity/);
    const unknown = await run([...baseArgs(), '--host', 'notepad'], { env: {} });
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toMatch(/unknown host "notepad"/);
  });

  it('--help lists the options and exits 0', async () => {
    const r = await run(['audit', '--help'], { env: {} });
    expect(r.exitCode).toBe(0);
    for (const o of ['--home', '--project', '--host', '--format', '--fail-on', '--no-redact', '--fix-permissions']) expect(r.stdout).toContain(o);
    expect(r.stdout).not.toContain('--system-root');
  });

  it('an empty home: no configs, exit 0', async () => {
    const empty = join(t.home, 'empty-home');
    await mkdir(empty, { recursive: true });
    const r = await run(['audit', '--home', empty, '--platform', 'linux', '--system-root', empty], { env: {} });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('MCP host configs: 0 found, 0 servers');
    expect(r.stdout).toContain('No findings.');
  });

  it('uses HOME, CODEX_HOME and CLAUDE_CONFIG_DIR from the environment', async () => {
    const r = await run(['audit', '--platform', 'linux', '--system-root', t.systemRoot, '--host', 'codex', 'claude-code', '--format', 'json', '--no-side-files'], {
      env: { HOME: t.home, CODEX_HOME: join(t.home, '.codex-alt'), CLAUDE_CONFIG_DIR: join(t.home, '.claude-alt') },
    });
    const body = JSON.parse(r.stdout) as { findings: AuditFinding[]; configs: Array<{ path: string }> };
    expect(body.configs.map((c) => relative(t.home, c.path))).toEqual(['.claude-alt/.claude.json', '_system/etc/claude-code/managed-mcp.json', '.codex-alt/config.toml']);
    expect(body.findings.map(key)).toEqual([
      'claude-code | mcpServers.from-config-dir.env.API_TOKEN | plaintext-secret',
      'codex | mcp_servers.tavily.env.TAVILY_API_KEY | plaintext-secret',
    ]);
  });
});

describe('faults', () => {
  it('a config readable by others: finding with the chmod fix, and --fix-permissions applies it', async () => {
    const own = await makeTempHome();
    try {
      const desktop = join(own.home, '.config/Claude/claude_desktop_config.json');
      const clean = join(own.home, '.config/Code - Insiders/User/mcp.json');
      await chmod(desktop, 0o644);
      await chmod(clean, 0o644); // no secret inside: not a finding
      const args = ['audit', '--home', own.home, '--platform', 'linux', '--host', 'claude-desktop', 'vscode', '--no-side-files', '--format', 'json'];
      const before = JSON.parse((await run(args, { env: {} })).stdout) as { findings: AuditFinding[] };
      const perm = before.findings.filter((f) => f.id === 'world-readable-config');
      expect(perm).toHaveLength(1);
      expect(perm[0]).toMatchObject({ host: 'claude-desktop', severity: 'medium', value: '644', path: desktop });
      expect(perm[0].fix).toContain(`chmod 600 '${desktop}'`);
      const fixed = JSON.parse((await run([...args, '--fix-permissions'], { env: {} })).stdout) as { findings: AuditFinding[] };
      expect(fixed.findings.find((f) => f.id === 'world-readable-config')).toMatchObject({ severity: 'info' });
      expect((await stat(desktop)).mode & 0o777).toBe(0o600);
      expect((await stat(clean)).mode & 0o777).toBe(0o644);
      const after = JSON.parse((await run(args, { env: {} })).stdout) as { findings: AuditFinding[] };
      expect(after.findings.some((f) => f.id === 'world-readable-config')).toBe(false);
    } finally {
      await own.cleanup();
    }
  });

  it('malformed configs: a warning and a finding each, secrets still found, other hosts still audited', async () => {
    const own = await makeTempHome();
    try {
      const cursor = join(own.home, '.cursor/mcp.json');
      const token = `ghp_${'Zq3'.repeat(4)}${'x7Lm'.repeat(6)}`; // built, not a real key
      await writeFile(cursor, `{ "mcpServers": { "gh": { "env": { "GITHUB_TOKEN": "${token}" } }`);
      await writeFile(join(own.home, '.continue/config.yaml'), 'mcpServers:\n  - name: a\n   command: [unclosed\n');
      await writeFile(join(own.home, '.codex/config.toml'), '[mcp_servers.x\ncommand = "npx"\n');
      const r = await run(['audit', '--home', own.home, '--platform', 'linux', '--format', 'json', '--no-side-files'], { env: {} });
      expect(r.exitCode).toBe(1);
      const warnings = r.stderr.trim().split('\n');
      expect(warnings).toHaveLength(3);
      expect(warnings[0]).toMatch(/^keyward: warning: .*\.cursor\/mcp\.json: invalid JSON at line 1, column \d+/);
      const body = JSON.parse(r.stdout) as { findings: AuditFinding[]; configs: Array<{ host: string; status: string }> };
      const malformed = body.findings.filter((f) => f.id === 'malformed-config').map((f) => f.host).sort();
      expect(malformed).toEqual(['codex', 'continue', 'cursor']);
      expect(body.findings.find((f) => f.host === 'cursor' && f.id === 'plaintext-secret')).toMatchObject({ ruleId: 'github-pat', line: 1 });
      expect(body.configs.filter((c) => c.status === 'malformed')).toHaveLength(3);
      // The rest of the machine was still audited.
      expect(body.findings.some((f) => f.host === 'claude-desktop' && f.id === 'plaintext-secret')).toBe(true);
    } finally {
      await own.cleanup();
    }
  });

  // Root reads any file whatever its mode, so the fault cannot be produced there.
  it.skipIf(process.getuid?.() === 0)('an unreadable config is a warning, not a crash (skipped as root)', async () => {
    const own = await makeTempHome();
    try {
      const p = join(own.home, '.lmstudio/mcp.json');
      await chmod(p, 0o000);
      const r = await run(['audit', '--home', own.home, '--platform', 'linux', '--host', 'lm-studio'], { env: {} });
      expect(r.exitCode).toBe(0);
      expect(r.stderr).toMatch(/\.lmstudio\/mcp\.json: cannot read: EACCES/);
      expect(r.stdout).toMatch(/lm-studio +user +0 +~\/\.lmstudio\/mcp\.json \(unreadable\)/);
    } finally {
      await own.cleanup();
    }
  });
});

const bin = join(__dirname, '..', '..', 'dist', 'cli', 'bin.js');
describe.skipIf(!existsSync(join(__dirname, '..', '..', 'dist', 'audit', 'audit.js')))('built binary (run `npm run build` first)', () => {
  it('node dist/cli/bin.js audit --format json', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [bin, ...baseArgs(), '--format', 'json', '--fail-on', 'info'], { env: { PATH: process.env.PATH } }).catch(
      (e: { stdout: string; code: number }) => {
        expect(e.code).toBe(1);
        return e;
      },
    );
    const body = JSON.parse(stdout) as { findings: AuditFinding[] };
    expect(body.findings.map(key).sort()).toEqual([...PLANTED].sort());
  });

  it('a missing --home or --project folder exits 2 with one line, not "none found"', async () => {
    const own = await makeTempHome();
    try {
      const exec = (args: string[]) =>
        promisify(execFile)(process.execPath, [bin, 'audit', ...args], { env: { PATH: process.env.PATH, HOME: own.home }, cwd: own.home }).then(
          (r) => ({ code: 0, ...r }),
          (e: { stdout: string; stderr: string; code: number }) => e,
        );
      const home = await exec(['--home', '/does/not/exist']);
      expect(home.code).toBe(2);
      expect(home.stdout).toBe('');
      expect(home.stderr).toBe('keyward: audit: --home /does/not/exist: no such folder\n');
      const project = await exec(['--project', 'missing-folder']);
      expect(project.code).toBe(2);
      expect(project.stderr).toBe('keyward: audit: --project missing-folder: no such folder\n');
      await writeFile(join(own.home, 'a-file'), '');
      const file = await exec(['--home', 'a-file']);
      expect(file.code).toBe(2);
      expect(file.stderr).toBe('keyward: audit: --home a-file: not a folder\n');
      const ok = await exec(['--project', '.']);
      expect(ok.code).not.toBe(2);
    } finally {
      await own.cleanup();
    }
  });
});
