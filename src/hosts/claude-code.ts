// Claude Code: `~/.claude.json` (user `mcpServers` and per-project `projects[<path>].mcpServers`, "local"
// scope), project `.mcp.json`, managed `managed-mcp.json`, and settings files that can auto-enable every
// project server. `CLAUDE_CONFIG_DIR` moves the user files. `.mcp.json` expands `${VAR}` and `${VAR:-default}`.
import { homePath, join, systemPath } from './paths.js';
import { isObject, location, mapServers, toEntry } from './shape.js';
import type { ApprovalBypass, ConfigLocation, HostAdapter, HostEnvironment, ServerEntry } from './types.js';

const ID = 'claude-code';

function configDir(env: HostEnvironment): string | undefined {
  return env.env.CLAUDE_CONFIG_DIR || undefined;
}

function userLocations(env: HostEnvironment): ConfigLocation[] {
  const dir = configDir(env);
  const claudeJson = dir ? join(env, dir, '.claude.json') : homePath(env, '.claude.json');
  const settingsDir = dir ?? homePath(env, '.claude');
  return [
    location(ID, 'user', claudeJson, 'json', [['mcpServers']]),
    location(ID, 'user', join(env, settingsDir, 'settings.json'), 'json', []),
  ];
}

function managedLocations(env: HostEnvironment): ConfigLocation[] {
  const managedMcp = systemPath(env, {
    linux: '/etc/claude-code/managed-mcp.json',
    darwin: '/Library/Application Support/ClaudeCode/managed-mcp.json',
    win32: 'C:\\ProgramData\\ClaudeCode\\managed-mcp.json',
  });
  const managedSettings = systemPath(env, {
    linux: '/etc/claude-code/managed-settings.json',
    darwin: '/Library/Application Support/ClaudeCode/managed-settings.json',
    win32: 'C:\\ProgramData\\ClaudeCode\\managed-settings.json',
  });
  return [location(ID, 'managed', managedMcp, 'json'), location(ID, 'managed', managedSettings, 'json', [])];
}

function projectLocations(env: HostEnvironment): ConfigLocation[] {
  if (!env.project) return [];
  return [
    location(ID, 'project', join(env, env.project, '.mcp.json'), 'json'),
    location(ID, 'project', join(env, env.project, '.claude', 'settings.json'), 'json', []),
    location(ID, 'local', join(env, env.project, '.claude', 'settings.local.json'), 'json', []),
  ];
}

function servers(root: unknown, loc: ConfigLocation): ServerEntry[] {
  const out = mapServers(root, loc);
  // Only ~/.claude.json carries per-project ("local" scope) servers; its serverRoots is [['mcpServers']].
  if (loc.path.endsWith('.claude.json') && isObject(root) && isObject(root.projects)) {
    for (const [projectPath, project] of Object.entries(root.projects)) {
      if (!isObject(project) || !isObject(project.mcpServers)) continue;
      for (const [name, raw] of Object.entries(project.mcpServers)) {
        if (isObject(raw)) out.push({ ...toEntry(name, ['projects', projectPath, 'mcpServers', name], raw), scope: 'local' });
      }
    }
  }
  return out;
}

function documentBypasses(root: unknown): ApprovalBypass[] {
  const out: ApprovalBypass[] = [];
  const message = 'enableAllProjectMcpServers approves every server a cloned repository\'s .mcp.json declares';
  if (!isObject(root)) return out;
  if (root.enableAllProjectMcpServers === true) out.push({ keyPath: ['enableAllProjectMcpServers'], message });
  if (isObject(root.projects)) {
    for (const [p, project] of Object.entries(root.projects)) {
      if (isObject(project) && project.enableAllProjectMcpServers === true) {
        out.push({ keyPath: ['projects', p, 'enableAllProjectMcpServers'], message });
      }
    }
  }
  return out;
}

export const claudeCode: HostAdapter = {
  id: ID,
  title: 'Claude Code',
  locations: (env) => [...userLocations(env), ...projectLocations(env), ...managedLocations(env)],
  servers,
  envReference: (name) => `\${${name}}`,
  documentBypasses,
};
