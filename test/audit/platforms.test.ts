// A macOS home audited from any machine (--platform darwin resolves Library/… paths; POSIX paths exist here
// too), and Windows path resolution through the CLI's environment handling.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import { hostById, hostEnvironment } from '../../src/hosts/index.js';
import { fakeToken } from '../../src/rules/fake.js';

let home: string;
const token = fakeToken('ghp_', 36, 77);

async function put(rel: string, text: string): Promise<void> {
  await mkdir(join(home, rel, '..'), { recursive: true });
  await writeFile(join(home, rel), text, { mode: 0o600 });
}

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'keyward-mac-'));
  const server = (env: string) => JSON.stringify({ mcpServers: { github: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-github@2025.4.8'], env: { GITHUB_PERSONAL_ACCESS_TOKEN: env } } } });
  await put('Library/Application Support/Claude/claude_desktop_config.json', server(token));
  await put('Library/Application Support/Code/User/mcp.json', JSON.stringify({ servers: { gh: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-github@2025.4.8'], env: { GITHUB_PERSONAL_ACCESS_TOKEN: '${env:GITHUB_TOKEN}' } } } }));
  await put('Library/Application Support/Cursor/User/globalStorage/saoudrizwan.claude-dev/settings/cline_mcp_settings.json', server('${GITHUB_TOKEN}'));
  await put('.config/zed/settings.json', '// zed\n{ "context_servers": {} }\n');
  await put('Library/Logs/Claude/mcp-server-github.log', `[error] bad credentials ${token}\n`);
  // Linux locations in the same home are not macOS locations.
  await put('.config/Claude/claude_desktop_config.json', server(fakeToken('ghp_', 36, 78)));
});
afterAll(() => rm(home, { recursive: true, force: true }));

describe('--platform darwin', () => {
  it('reads Application Support, ~/.config/zed and ~/Library/Logs', async () => {
    const r = await run(['audit', '--home', home, '--platform', 'darwin', '--system-root', home, '--format', 'json'], { env: {} });
    const body = JSON.parse(r.stdout) as { configs: Array<{ host: string; path: string; servers: number }>; findings: Array<{ host: string; id: string; keyPath?: string; path: string }> };
    expect(body.configs.map((c) => `${c.host} ${relative(home, c.path)} ${c.servers}`)).toEqual([
      'claude-desktop Library/Application Support/Claude/claude_desktop_config.json 1',
      'vscode Library/Application Support/Code/User/mcp.json 1',
      'cline Library/Application Support/Cursor/User/globalStorage/saoudrizwan.claude-dev/settings/cline_mcp_settings.json 1',
      'zed .config/zed/settings.json 0',
    ]);
    expect(body.findings.map((f) => `${f.host} ${f.id} ${f.keyPath ?? relative(home, f.path)}`)).toEqual([
      'claude-desktop plaintext-secret mcpServers.github.env.GITHUB_PERSONAL_ACCESS_TOKEN',
      'claude-desktop side-file-secret Library/Logs/Claude/mcp-server-github.log',
    ]);
    expect(r.exitCode).toBe(1);
  });
});

describe('Windows environment', () => {
  it('USERPROFILE, APPDATA and LOCALAPPDATA place the files', () => {
    const env = hostEnvironment({
      env: { USERPROFILE: 'D:\\Users\\kim', APPDATA: 'E:\\Roam', LOCALAPPDATA: 'E:\\Local', CODEX_HOME: 'F:\\codex' },
      platform: 'win32',
      project: 'C:\\src\\app',
    });
    const paths = (id: string) => hostById(id)!.locations(env).map((l) => l.path);
    expect(paths('claude-desktop')).toEqual([
      'E:\\Roam\\Claude\\claude_desktop_config.json',
      'E:\\Local\\Packages\\Claude_pzs8sxrjxfjjc\\LocalCache\\Roaming\\Claude\\claude_desktop_config.json',
    ]);
    expect(paths('crush')).toEqual(['E:\\Local\\crush\\crush.json', 'C:\\src\\app\\crush.json', 'C:\\src\\app\\.crush.json']);
    expect(paths('codex')).toEqual(['F:\\codex\\config.toml', 'C:\\src\\app\\.codex\\config.toml']);
    expect(paths('kiro')[0]).toBe('D:\\Users\\kim\\.kiro\\settings\\mcp.json');
    expect(paths('goose')).toEqual(['E:\\Roam\\Block\\goose\\config\\config.yaml']);
    expect(hostById('goose')!.sideFiles!(env)[0].path).toBe('E:\\Roam\\Block\\goose\\config\\secrets.yaml');
  });

  it('a Windows audit on a machine without those drives finds nothing and does not fail', async () => {
    const r = await run(['audit', '--platform', 'win32', '--format', 'json'], { env: { USERPROFILE: 'Z:\\nobody', APPDATA: 'Z:\\nobody\\AppData\\Roaming' } });
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(r.stdout).configs).toEqual([]);
  });
});
