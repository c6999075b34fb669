// Kiro: `~/.kiro/settings/mcp.json` and workspace `.kiro/settings/mcp.json`; `mcpServers` map with
// `autoApprove` (tool names, or "*") that skips confirmation.
import { homePath, join } from './paths.js';
import { location, mapServers } from './shape.js';
import type { HostAdapter } from './types.js';

export const kiro: HostAdapter = {
  id: 'kiro',
  title: 'Kiro',
  locations: (env) => [
    location('kiro', 'user', homePath(env, '.kiro', 'settings', 'mcp.json'), 'json'),
    ...(env.project ? [location('kiro', 'workspace', join(env, env.project, '.kiro', 'settings', 'mcp.json'), 'json')] : []),
  ],
  servers: mapServers,
  autoApproveKeys: ['autoApprove'],
};
