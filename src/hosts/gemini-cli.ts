// Gemini CLI: `~/.gemini/settings.json`, project `.gemini/settings.json`, system settings; `mcpServers` map
// (`command` / `url` for SSE / `httpUrl`), `trust: true` skips every confirmation. Expands `$VAR` / `${VAR}`.
// Google Antigravity keeps its own `~/.gemini/antigravity/mcp_config.json` (`serverUrl` for remote servers).
import { homePath, join, systemPath } from './paths.js';
import { location, mapServers } from './shape.js';
import type { HostAdapter } from './types.js';

export const geminiCli: HostAdapter = {
  id: 'gemini-cli',
  title: 'Gemini CLI',
  locations: (env) => [
    location('gemini-cli', 'user', homePath(env, '.gemini', 'settings.json'), 'jsonc'),
    // Installed extensions bring their own servers in gemini-extension.json.
    location('gemini-cli', 'user', homePath(env, '.gemini', 'extensions'), 'json', [['mcpServers']], { variant: 'extension', eachSubdir: 'gemini-extension.json' }),
    ...(env.project ? [location('gemini-cli', 'project', join(env, env.project, '.gemini', 'settings.json'), 'jsonc')] : []),
    location(
      'gemini-cli',
      'managed',
      systemPath(env, {
        linux: '/etc/gemini-cli/settings.json',
        darwin: '/Library/Application Support/GeminiCli/settings.json',
        win32: 'C:\\ProgramData\\gemini-cli\\settings.json',
      }),
      'jsonc',
    ),
  ],
  // Gemini's `url` is an SSE endpoint and `httpUrl` a streamable-HTTP one, whatever the path looks like.
  servers: (root, loc) =>
    mapServers(root, loc).map((e) =>
      typeof e.raw.httpUrl === 'string' ? { ...e, transport: 'http' as const } : typeof e.raw.url === 'string' && !e.command ? { ...e, transport: 'sse' as const } : e,
    ),
  envReference: (name) => `\${${name}}`,
  autoApproveKeys: ['trust'],
};

export const antigravity: HostAdapter = {
  id: 'antigravity',
  title: 'Google Antigravity',
  locations: (env) => [location('antigravity', 'user', homePath(env, '.gemini', 'antigravity', 'mcp_config.json'), 'json')],
  servers: mapServers,
};
