// Amazon Q Developer (CLI and IDE): `~/.aws/amazonq/mcp.json` and workspace `.amazonq/mcp.json`, `mcpServers` map.
import { homePath, join } from './paths.js';
import { location, mapServers } from './shape.js';
import type { HostAdapter } from './types.js';

export const amazonQ: HostAdapter = {
  id: 'amazon-q',
  title: 'Amazon Q Developer',
  locations: (env) => [
    location('amazon-q', 'user', homePath(env, '.aws', 'amazonq', 'mcp.json'), 'json'),
    ...(env.project ? [location('amazon-q', 'workspace', join(env, env.project, '.amazonq', 'mcp.json'), 'json')] : []),
  ],
  servers: mapServers,
};
