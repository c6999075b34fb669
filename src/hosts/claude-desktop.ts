// Claude Desktop: one JSON file in the app's data folder; `mcpServers` map; no reference syntax.
// Linux has no official build; the community builds use ~/.config/Claude, which is what we read.
import { appData, electronUserData, homePath, join, localAppData } from './paths.js';
import { location, mapServers } from './shape.js';
import type { HostAdapter, HostEnvironment } from './types.js';

function dataDir(env: HostEnvironment): string {
  return electronUserData(env, 'Claude');
}

export const claudeDesktop: HostAdapter = {
  id: 'claude-desktop',
  title: 'Claude Desktop',
  locations: (env) => [
    location('claude-desktop', 'user', join(env, dataDir(env), 'claude_desktop_config.json'), 'json'),
    // The Microsoft Store (MSIX) build keeps its Roaming folder inside the package's LocalCache.
    ...(env.platform === 'win32'
      ? [location('claude-desktop', 'user', join(env, localAppData(env), 'Packages', 'Claude_pzs8sxrjxfjjc', 'LocalCache', 'Roaming', 'Claude', 'claude_desktop_config.json'), 'json', [['mcpServers']], { variant: 'MSIX' })]
      : []),
  ],
  servers: mapServers,
  sideFiles: (env) => [
    {
      host: 'claude-desktop',
      path:
        env.platform === 'darwin'
          ? homePath(env, 'Library', 'Logs', 'Claude')
          : env.platform === 'win32'
            ? join(env, appData(env), 'Claude', 'logs')
            : join(env, dataDir(env), 'logs'),
      kind: 'dir',
      pattern: /(?:^|\/)mcp[^/]*\.log$/i,
      description: 'Claude Desktop MCP server logs',
    },
  ],
};
