// Cursor: user `~/.cursor/mcp.json` and project `.cursor/mcp.json`, `mcpServers` map; resolves `${env:NAME}`.
import { electronUserData, homePath, join } from './paths.js';
import { location, mapServers } from './shape.js';
import type { HostAdapter } from './types.js';

export const cursor: HostAdapter = {
  id: 'cursor',
  title: 'Cursor',
  locations: (env) => [
    location('cursor', 'user', homePath(env, '.cursor', 'mcp.json'), 'json'),
    ...(env.project ? [location('cursor', 'project', join(env, env.project, '.cursor', 'mcp.json'), 'json')] : []),
  ],
  servers: mapServers,
  envReference: (name) => `\${env:${name}}`,
  sideFiles: (env) => [
    { host: 'cursor', path: join(env, electronUserData(env, 'Cursor'), 'logs'), kind: 'dir', pattern: /mcp[^/]*\/(?:.*\/)?[^/]*\.log$|(?:^|\/)[^/]*mcp[^/]*\.log$/i, description: 'Cursor MCP logs' },
  ],
};
