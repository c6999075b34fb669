// JetBrains Junie: `~/.junie/mcp/mcp.json` and project `.junie/mcp/mcp.json`, `mcpServers` map.
import { homePath, join } from './paths.js';
import { location, mapServers } from './shape.js';
import type { HostAdapter } from './types.js';

export const junie: HostAdapter = {
  id: 'junie',
  title: 'JetBrains Junie',
  locations: (env) => [
    location('junie', 'user', homePath(env, '.junie', 'mcp', 'mcp.json'), 'json'),
    ...(env.project ? [location('junie', 'project', join(env, env.project, '.junie', 'mcp', 'mcp.json'), 'json')] : []),
  ],
  servers: mapServers,
};
