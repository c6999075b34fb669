// Discovery and parsing against the fixture home: which files are found, and the servers each one holds.
import { mkdir, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allHosts, argKeyPath, discoverConfigs, fieldKeyPath, hostEnvironment, loadAllConfigs, type HostEnvironment, type LoadedConfig } from '../../src/hosts/index.js';
import { formatKeyPath } from '../../src/engine/structured.js';
import { makeTempHome, type TempHome } from '../helpers/home.js';

let t: TempHome;
let env: HostEnvironment;
let loaded: LoadedConfig[];

beforeAll(async () => {
  t = await makeTempHome();
  env = { home: t.home, platform: 'linux', env: {}, project: t.project, systemRoot: t.systemRoot };
  const results = await loadAllConfigs(env);
  loaded = results.flatMap((r) => (r.ok ? [r.config] : []));
  expect(results.filter((r) => !r.ok)).toEqual([]);
});
afterAll(() => t.cleanup());

function config(rel: string): LoadedConfig {
  const c = loaded.find((l) => relative(t.home, l.location.path) === rel);
  if (!c) throw new Error(`not loaded: ${rel}`);
  return c;
}

describe('discoverConfigs on the fixture home', () => {
  it('finds exactly the fixture configs, each under its host and scope', async () => {
    const found = (await discoverConfigs(env)).map((f) => `${f.adapter.id} ${f.location.scope} ${relative(t.home, f.location.path)}`);
    expect(found.sort()).toEqual(
      [
        'claude-desktop user .config/Claude/claude_desktop_config.json',
        'claude-code user .claude.json',
        'claude-code project code/webapp/.mcp.json',
        'claude-code project code/webapp/.claude/settings.json',
        'claude-code managed _system/etc/claude-code/managed-mcp.json',
        'cursor user .cursor/mcp.json',
        'cursor project code/webapp/.cursor/mcp.json',
        'vscode user .config/Code/User/mcp.json',
        'vscode user .config/Code/User/settings.json',
        'vscode user .config/Code/User/profiles/4f3a1b2c/mcp.json',
        'gemini-cli user .gemini/extensions/github-tools/gemini-extension.json',
        'amazon-q user .aws/amazonq/cli-agents/dev.json',
        'vscode user .config/Code - Insiders/User/mcp.json',
        'vscode user .vscode-server/data/User/mcp.json',
        'vscode workspace code/webapp/.vscode/mcp.json',
        'copilot-cli user .copilot/mcp-config.json',
        'windsurf user .codeium/windsurf/mcp_config.json',
        'cline user .config/Code/User/globalStorage/saoudrizwan.claude-dev/settings/cline_mcp_settings.json',
        'cline user .config/Cursor/User/globalStorage/saoudrizwan.claude-dev/settings/cline_mcp_settings.json',
        'cline user .cline/data/settings/cline_mcp_settings.json',
        'roo-code user .config/Code/User/globalStorage/rooveterinaryinc.roo-cline/settings/mcp_settings.json',
        'roo-code project code/webapp/.roo/mcp.json',
        'kilo-code user .config/Code/User/globalStorage/kilocode.kilo-code/settings/mcp_settings.json',
        'continue user .continue/config.yaml',
        'continue project code/webapp/.continue/mcpServers/postgres.yaml',
        'zed user .config/zed/settings.json',
        'gemini-cli user .gemini/settings.json',
        'gemini-cli project code/webapp/.gemini/settings.json',
        'antigravity user .gemini/antigravity/mcp_config.json',
        'codex user .codex/config.toml',
        'goose user .config/goose/config.yaml',
        'opencode user .config/opencode/opencode.jsonc',
        'opencode project code/webapp/opencode.json',
        'kiro user .kiro/settings/mcp.json',
        'kiro workspace code/webapp/.kiro/settings/mcp.json',
        'amazon-q user .aws/amazonq/mcp.json',
        'amazon-q workspace code/webapp/.amazonq/mcp.json',
        'lm-studio user .lmstudio/mcp.json',
        'crush user .config/crush/crush.json',
        'crush project code/webapp/crush.json',
        'amp user .config/amp/settings.json',
        'junie user .junie/mcp/mcp.json',
        'junie project code/webapp/.junie/mcp/mcp.json',
      ].sort(),
    );
  });

  it('every registered host has at least one fixture config', async () => {
    const found = new Set((await discoverConfigs(env)).map((f) => f.adapter.id));
    expect(allHosts.filter((h) => !found.has(h.id)).map((h) => h.id)).toEqual([]);
  });

  it('skips project files without --project and managed files outside the system root', async () => {
    const found = await discoverConfigs({ home: t.home, platform: 'linux', env: {}, systemRoot: join(t.home, 'nowhere') });
    expect(found.some((f) => f.location.path.startsWith(t.project))).toBe(false);
    expect(found.some((f) => f.location.scope === 'managed')).toBe(false);
  });

  it('lists the same file once when the project is the home folder', async () => {
    await mkdir(join(t.home, '.cursor'), { recursive: true });
    const found = await discoverConfigs({ home: t.home, platform: 'linux', env: {}, project: t.home });
    const cursor = found.filter((f) => f.adapter.id === 'cursor');
    expect(cursor.map((f) => f.location.scope)).toEqual(['user']);
  });

  it('follows CLAUDE_CONFIG_DIR and CODEX_HOME', async () => {
    const moved = await discoverConfigs({
      home: t.home,
      platform: 'linux',
      env: { CLAUDE_CONFIG_DIR: join(t.home, '.claude-alt'), CODEX_HOME: join(t.home, '.codex-alt') },
    });
    const rel = moved.filter((f) => ['claude-code', 'codex'].includes(f.adapter.id)).map((f) => relative(t.home, f.location.path));
    expect(rel).toEqual(['.claude-alt/.claude.json', '.codex-alt/config.toml']);
  });

  it('builds a HostEnvironment from CLI inputs', () => {
    const e = hostEnvironment({ env: { HOME: '/h', CODEX_HOME: '/c' }, platform: 'darwin', project: '/p' });
    expect(e).toEqual({ home: '/h', platform: 'darwin', env: { HOME: '/h', CODEX_HOME: '/c' }, project: '/p' });
    expect(hostEnvironment({ env: { USERPROFILE: 'C:\\Users\\u', HOME: '/x' }, platform: 'win32' }).home).toBe('C:\\Users\\u');
    expect(() => hostEnvironment({ env: {}, platform: 'sunos' })).toThrow(/unsupported platform/);
  });
});

describe('servers in each host shape', () => {
  const names = (rel: string) => config(rel).servers.map((s) => s.name);

  it('Claude-style mcpServers maps', () => {
    expect(names('.config/Claude/claude_desktop_config.json')).toEqual(['github', 'filesystem', 'postgres']);
    const gh = config('.config/Claude/claude_desktop_config.json').servers[0];
    expect(gh).toMatchObject({ transport: 'stdio', command: 'npx', args: ['-y', '@modelcontextprotocol/server-github'] });
    expect(Object.keys(gh.env!)).toEqual(['GITHUB_PERSONAL_ACCESS_TOKEN']);
    expect(formatKeyPath(argKeyPath(gh, 1))).toBe('mcpServers.github.args[1]');
  });

  it('Claude Code user and per-project (local) servers in ~/.claude.json', () => {
    const c = config('.claude.json');
    expect(c.servers.map((s) => [s.name, s.scope ?? c.location.scope, s.transport])).toEqual([
      ['github-remote', 'user', 'http'],
      ['linear', 'user', 'sse'],
      ['db', 'local', 'stdio'],
    ]);
    expect(formatKeyPath(fieldKeyPath(c.servers[0], 'headers'))).toBe('mcpServers.github-remote.headers');
    expect(formatKeyPath(c.servers[2].keyPath)).toBe('projects["/home/dev/code/webapp"].mcpServers.db');
    expect(config('code/webapp/.claude/settings.json').servers).toEqual([]);
    expect(config('code/webapp/.claude/settings.json').adapter.documentBypasses!(config('code/webapp/.claude/settings.json').root, config('code/webapp/.claude/settings.json').location)).toHaveLength(1);
  });

  it('VS Code `servers` (JSONC with comments and trailing commas) and legacy `mcp.servers`', () => {
    expect(names('.config/Code/User/mcp.json')).toEqual(['github', 'openai-search']);
    expect(config('.config/Code/User/mcp.json').servers[0].transport).toBe('http');
    const fetch = config('.config/Code/User/settings.json').servers[0];
    expect(fetch.name).toBe('fetch');
    expect(formatKeyPath(fetch.keyPath)).toBe('mcp.servers.fetch');
  });

  it('Windsurf serverUrl, Gemini httpUrl and url', () => {
    const remote = config('.codeium/windsurf/mcp_config.json').servers[1];
    expect(remote.url).toMatch(/^https:\/\/mcp\.trackwise\.io\/sse\?api_key=/);
    expect(remote.transport).toBe('sse');
    expect(formatKeyPath(fieldKeyPath(remote, 'url'))).toBe('mcpServers.analytics.serverUrl');
    const gh = config('.gemini/settings.json').servers[0];
    expect(config('.gemini/settings.json').servers.map((s) => s.name)).toEqual(['github', 'crm', 'local-tools']);
    expect(gh).toMatchObject({ url: 'https://api.githubcopilot.com/mcp/', transport: 'http' });
    expect(config('.gemini/settings.json').adapter.autoApproveKeys).toEqual(['trust']);
    expect(config('code/webapp/.gemini/settings.json').servers[0].transport).toBe('sse');
  });

  it('Continue YAML lists and block files', () => {
    const c = config('.continue/config.yaml');
    expect(c.servers.map((s) => [s.name, formatKeyPath(s.keyPath), s.transport])).toEqual([
      ['SQLite', 'mcpServers[0]', 'stdio'],
      ['Exa', 'mcpServers[1]', 'http'],
    ]);
    const pg = config('code/webapp/.continue/mcpServers/postgres.yaml').servers[0];
    expect(pg.name).toBe('postgres');
    expect(formatKeyPath(argKeyPath(pg, 4))).toBe('mcpServers[0].args[4]');
  });

  it('Zed context_servers, flat and nested command shapes', () => {
    const [gh, git] = config('.config/zed/settings.json').servers;
    expect(gh).toMatchObject({ name: 'mcp-server-github', command: 'npx', transport: 'stdio' });
    expect(git).toMatchObject({ name: 'git', command: 'uvx', args: ['mcp-server-git'] });
    expect(formatKeyPath(argKeyPath(git, 0))).toBe('context_servers.git.command.args[0]');
    expect(formatKeyPath(fieldKeyPath(git, 'command'))).toBe('context_servers.git.command.path');
  });

  it('Codex TOML mcp_servers tables, env_vars forwarding', () => {
    const c = config('.codex/config.toml');
    expect(c.servers.map((s) => s.name)).toEqual(['github', 'linear', 'exa']);
    expect(c.servers[0].forwardedEnv).toEqual(['GITHUB_PERSONAL_ACCESS_TOKEN']);
    expect(c.servers[1].transport).toBe('http');
    expect(Object.keys(c.servers[2].env!)).toEqual(['EXA_API_KEY']);
  });

  it('goose extensions (cmd/envs/env_keys) and auto mode', () => {
    const c = config('.config/goose/config.yaml');
    expect(c.servers.map((s) => s.name)).toEqual(['developer', 'github', 'tavily']);
    const gh = c.servers[1];
    expect(gh.command).toBe('npx');
    expect(formatKeyPath(fieldKeyPath(gh, 'env'))).toBe('extensions.github.envs');
    expect(c.servers[2].forwardedEnv).toEqual(['TAVILY_API_KEY']);
    expect(c.adapter.documentBypasses!(c.root, c.location).map((b) => b.keyPath)).toEqual([['GOOSE_MODE']]);
  });

  it('OpenCode command arrays and environment', () => {
    const jira = config('.config/opencode/opencode.jsonc').servers[1];
    expect(jira).toMatchObject({ name: 'jira', command: 'npx', args: ['-y', 'mcp-atlassian'], transport: 'stdio' });
    expect(formatKeyPath(argKeyPath(jira, 1))).toBe('mcp.jira.command[2]');
    expect(formatKeyPath(fieldKeyPath(jira, 'env'))).toBe('mcp.jira.environment');
    expect(config('.config/opencode/opencode.jsonc').servers[0].transport).toBe('http');
  });

  it('Crush and Amp (dotted top-level key)', () => {
    expect(names('.config/crush/crush.json')).toEqual(['filesystem', 'github']);
    expect(config('code/webapp/crush.json').servers[0].transport).toBe('sse');
    const amp = config('.config/amp/settings.json');
    expect(amp.servers.map((s) => formatKeyPath(s.keyPath))).toEqual(['["amp.mcpServers"].playwright', '["amp.mcpServers"].sourcegraph']);
    expect(amp.adapter.documentBypasses!(amp.root, amp.location)).toHaveLength(1);
  });

  it('server counts across the fixture', () => {
    const total = loaded.reduce((n, c) => n + c.servers.length, 0);
    expect(total).toBe(65);
  });

  it('reads a JSON block file in a Continue folder as a map', async () => {
    await writeFile(join(t.project, '.continue', 'mcpServers', 'copied.json'), '{"mcpServers":{"x":{"command":"uvx","args":["a==1"]}}}');
    const results = await loadAllConfigs(env);
    const copied = results.flatMap((r) => (r.ok && r.config.location.path.endsWith('copied.json') ? [r.config] : []));
    expect(copied[0].location.format).toBe('json');
    expect(copied[0].servers.map((s) => formatKeyPath(s.keyPath))).toEqual(['mcpServers.x']);
  });
});
