// Where each host's files are on macOS, Windows and Linux, resolved without touching the disk.
import { describe, expect, it } from 'vitest';
import { allHosts, hostById, type HostEnvironment } from '../../src/hosts/index.js';

const mac: HostEnvironment = { home: '/Users/ada', platform: 'darwin', env: {} };
const win: HostEnvironment = {
  home: 'C:\\Users\\ada',
  platform: 'win32',
  env: { APPDATA: 'C:\\Users\\ada\\AppData\\Roaming', LOCALAPPDATA: 'C:\\Users\\ada\\AppData\\Local' },
};
const linux: HostEnvironment = { home: '/home/ada', platform: 'linux', env: {} };

function paths(id: string, env: HostEnvironment): string[] {
  const host = hostById(id);
  if (!host) throw new Error(`no host ${id}`);
  return host.locations(env).map((l) => l.path);
}

describe('host locations per OS', () => {
  it('Claude Desktop', () => {
    expect(paths('claude-desktop', mac)).toEqual(['/Users/ada/Library/Application Support/Claude/claude_desktop_config.json']);
    expect(paths('claude-desktop', win)).toEqual([
      'C:\\Users\\ada\\AppData\\Roaming\\Claude\\claude_desktop_config.json',
      'C:\\Users\\ada\\AppData\\Local\\Packages\\Claude_pzs8sxrjxfjjc\\LocalCache\\Roaming\\Claude\\claude_desktop_config.json',
    ]);
    expect(paths('claude-desktop', linux)).toEqual(['/home/ada/.config/Claude/claude_desktop_config.json']);
    expect(hostById('claude-desktop')!.sideFiles!(mac)[0].path).toBe('/Users/ada/Library/Logs/Claude');
    expect(hostById('claude-desktop')!.sideFiles!(win)[0].path).toBe('C:\\Users\\ada\\AppData\\Roaming\\Claude\\logs');
  });

  it('VS Code user mcp.json for stable, Insiders and remote', () => {
    expect(paths('vscode', mac)).toContain('/Users/ada/Library/Application Support/Code/User/mcp.json');
    expect(paths('vscode', mac)).toContain('/Users/ada/Library/Application Support/Code - Insiders/User/mcp.json');
    expect(paths('vscode', win)).toContain('C:\\Users\\ada\\AppData\\Roaming\\Code\\User\\mcp.json');
    expect(paths('vscode', win)).toContain('C:\\Users\\ada\\AppData\\Roaming\\Code\\User\\settings.json');
    expect(paths('vscode', linux)).toContain('/home/ada/.config/Code/User/mcp.json');
    expect(paths('vscode', linux)).toContain('/home/ada/.vscode-server/data/User/mcp.json');
  });

  it('Cline globalStorage in every VS Code-family editor, plus the CLI', () => {
    const p = paths('cline', mac);
    for (const app of ['Code', 'Code - Insiders', 'VSCodium', 'Cursor', 'Windsurf']) {
      expect(p).toContain(`/Users/ada/Library/Application Support/${app}/User/globalStorage/saoudrizwan.claude-dev/settings/cline_mcp_settings.json`);
    }
    expect(p).toContain('/Users/ada/.cline/data/settings/cline_mcp_settings.json');
    expect(paths('cline', win)).toContain(
      'C:\\Users\\ada\\AppData\\Roaming\\Cursor\\User\\globalStorage\\saoudrizwan.claude-dev\\settings\\cline_mcp_settings.json',
    );
  });

  it('Zed uses ~/.config on macOS and %APPDATA% on Windows', () => {
    expect(paths('zed', mac)).toEqual(['/Users/ada/.config/zed/settings.json']);
    expect(paths('zed', win)).toEqual(['C:\\Users\\ada\\AppData\\Roaming\\Zed\\settings.json']);
  });

  it('goose and Crush on Windows', () => {
    expect(paths('goose', win)).toEqual(['C:\\Users\\ada\\AppData\\Roaming\\Block\\goose\\config\\config.yaml']);
    expect(paths('crush', win)).toEqual(['C:\\Users\\ada\\AppData\\Local\\crush\\crush.json']);
    expect(paths('goose', mac)).toEqual(['/Users/ada/.config/goose/config.yaml']);
  });

  it('home-relative hosts are the same on every OS', () => {
    expect(paths('windsurf', win)).toEqual(['C:\\Users\\ada\\.codeium\\windsurf\\mcp_config.json', 'C:\\Users\\ada\\.codeium\\windsurf-next\\mcp_config.json']);
    expect(paths('lm-studio', win)).toEqual(['C:\\Users\\ada\\.lmstudio\\mcp.json']);
    expect(paths('amazon-q', mac)).toEqual(['/Users/ada/.aws/amazonq/mcp.json', '/Users/ada/.aws/amazonq/cli-agents']);
    expect(paths('cursor', win)).toEqual(['C:\\Users\\ada\\.cursor\\mcp.json']);
    expect(paths('amp', win)).toEqual(['C:\\Users\\ada\\.config\\amp\\settings.json']);
  });

  it('Claude Code: CLAUDE_CONFIG_DIR moves user files; managed files per OS and under a system root', () => {
    expect(paths('claude-code', linux)).toEqual([
      '/home/ada/.claude.json',
      '/home/ada/.claude/settings.json',
      '/etc/claude-code/managed-mcp.json',
      '/etc/claude-code/managed-settings.json',
    ]);
    const moved = paths('claude-code', { ...linux, env: { CLAUDE_CONFIG_DIR: '/opt/claude' } });
    expect(moved.slice(0, 2)).toEqual(['/opt/claude/.claude.json', '/opt/claude/settings.json']);
    expect(paths('claude-code', mac)).toContain('/Library/Application Support/ClaudeCode/managed-mcp.json');
    expect(paths('claude-code', win)).toContain('C:\\ProgramData\\ClaudeCode\\managed-mcp.json');
    expect(paths('claude-code', { ...win, systemRoot: 'D:\\fixture' })).toContain('D:\\fixture\\ProgramData\\ClaudeCode\\managed-mcp.json');
    expect(paths('claude-code', { ...linux, systemRoot: '/tmp/sys' })).toContain('/tmp/sys/etc/claude-code/managed-mcp.json');
  });

  it('Codex honours CODEX_HOME; XDG_CONFIG_HOME moves XDG hosts', () => {
    expect(paths('codex', linux)).toEqual(['/home/ada/.codex/config.toml']);
    expect(paths('codex', { ...linux, env: { CODEX_HOME: '/srv/codex' } })).toEqual(['/srv/codex/config.toml']);
    expect(paths('codex', win)).toEqual(['C:\\Users\\ada\\.codex\\config.toml']);
    const xdg = { ...linux, env: { XDG_CONFIG_HOME: '/home/ada/xdg' } };
    expect(paths('goose', xdg)).toEqual(['/home/ada/xdg/goose/config.yaml']);
    expect(paths('opencode', xdg)[0]).toBe('/home/ada/xdg/opencode/opencode.json');
    expect(paths('vscode', xdg)).toContain('/home/ada/xdg/Code/User/mcp.json');
    // A relative XDG_CONFIG_HOME is invalid per the spec and ignored.
    expect(paths('goose', { ...linux, env: { XDG_CONFIG_HOME: 'rel' } })).toEqual(['/home/ada/.config/goose/config.yaml']);
  });

  it('project files appear only with a project folder', () => {
    const withProject = { ...win, project: 'C:\\src\\app' };
    expect(paths('cursor', withProject)).toContain('C:\\src\\app\\.cursor\\mcp.json');
    expect(paths('claude-code', withProject)).toContain('C:\\src\\app\\.mcp.json');
    expect(paths('vscode', withProject)).toContain('C:\\src\\app\\.vscode\\mcp.json');
    expect(paths('cursor', win)).toHaveLength(1);
  });

  it('every host has a unique kebab id and at least one location per OS', () => {
    const ids = allHosts.map((h) => h.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const h of allHosts) {
      expect(h.id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
      for (const env of [mac, win, linux]) expect(h.locations(env).length).toBeGreaterThan(0);
      for (const l of h.locations(win)) expect(l.path).not.toContain('/');
      for (const l of h.locations(mac)) expect(l.path).not.toContain('\\');
    }
  });
});
